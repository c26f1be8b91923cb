"""The `twofold` command: one parser for the window (the default) and the headless commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK, EXIT_USAGE, EXIT_INPUT = 0, 2, 3
COMMANDS = ("compare", "overview", "entities", "story")
_WINDOW = "window"  # the implicit command: `twofold [FOLDER | LEFT RIGHT]`
SCREENSHOT_SIZE = "1600x1000"

_USAGE = """twofold [--theme {system,light,dark}] [FOLDER | LEFT RIGHT]
       twofold compare LEFT RIGHT [--format text|json|html|pdf] [--output FILE]
       twofold overview FOLDER [--format text|json]
       twofold entities FILE... [--format text|json]
       twofold story FOLDER [--format text|json|html|csv] [--output FILE]
       twofold --help | --version"""

_DESCRIPTION = """Compare how outlets covered the same story.

Without a command, Twofold opens its window: on a folder of articles (the two most alike are
compared first), on two article files, or empty. Articles may be .txt, .md, .html, .mht, .docx,
.pdf, .rtf, .eml or .json files. The commands below work without a display."""


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one clear line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.split()[-1] if " " in self.prog else ""
        hint = f" (see 'twofold {command} --help')" if command and command != _WINDOW else \
            " (see 'twofold --help')"
        self.exit(EXIT_USAGE, f"twofold: {message}{hint}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the window's arguments and every headless command."""
    parser = _Parser(prog="twofold", usage=_USAGE, description=_DESCRIPTION,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"twofold {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    win = sub.add_parser(_WINDOW, help=argparse.SUPPRESS, usage=_USAGE.split("\n")[0])
    win.add_argument("paths", nargs="*", metavar="FOLDER | LEFT RIGHT",
                     help="a folder of articles, or two article files")
    win.add_argument("--theme", choices=("system", "light", "dark"),
                     help="colour scheme for this run (default: the one chosen last)")
    win.add_argument("--screenshot", metavar="PNG",
                     help="render the window offscreen once the comparison shows, save it, exit")
    win.add_argument("--size", default=SCREENSHOT_SIZE, metavar="WxH", type=_size,
                     help=f"window size for --screenshot (default {SCREENSHOT_SIZE})")

    cmp_ = sub.add_parser("compare", help="compare two articles and print or save the result")
    cmp_.add_argument("left", help="the left article")
    cmp_.add_argument("right", help="the right article")
    cmp_.add_argument("--format", choices=("text", "json", "html", "pdf"), default="text",
                      help="text: a readable report; json: the twofold/comparison@1 object; "
                      "html: a self-contained report page; pdf: the report as a PDF (needs "
                      "--output)")
    cmp_.add_argument("-o", "--output", metavar="FILE",
                      help="write the result to FILE instead of standard output")
    cmp_.add_argument("--no-embeddings", action="store_true",
                      help="align with lexical evidence only (faster, less robust to paraphrase)")
    cmp_.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="colour the text report (default: when writing to a terminal)")

    ovw = sub.add_parser("overview", help="relate every article of a folder: similarity, "
                         "clusters, likely rewrites")
    ovw.add_argument("folder", help="a folder of articles")
    ovw.add_argument("--format", choices=("text", "json"), default="text",
                     help="text: a readable report; json: the twofold/overview@1 object")
    ent = sub.add_parser("entities", help="list the people, organisations, places, dates and "
                         "figures of each article, without comparing")
    ent.add_argument("files", nargs="+", metavar="FILE", help="articles (.txt, .md, .html, ...)")
    ent.add_argument("--format", choices=("text", "json"), default="text",
                     help="text: a readable list; json: a list of Article objects as in "
                     "twofold/comparison@1")
    story = sub.add_parser("story", help="the claims across every article of a folder: who "
                           "reports what, who leaves it out, where they disagree")
    story.add_argument("folder", help="a folder of articles about one story")
    story.add_argument("--format", choices=("text", "json", "html", "csv"), default="text",
                       help="text: a readable list of claims; json: the twofold/story@1 object; "
                       "html: one self-contained page (claims x articles); csv: one row per "
                       "claim, one column per article")
    story.add_argument("-o", "--output", metavar="FILE",
                       help="write the result to FILE instead of standard output")
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"must look like 1600x1000, not {text!r}") from None
    if w < 200 or h < 200:
        raise argparse.ArgumentTypeError(f"{text} is too small to show anything")
    return w, h


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse a command line; without a command, the arguments are the window's."""
    args = list(argv)
    first = next((a for a in args if not a.startswith("-")), None)
    top_level = args[:1] in (["--version"], ["-h"], ["--help"])
    if not top_level and first not in COMMANDS:
        args.insert(0, _WINDOW)
    parser = build_parser()
    ns = parser.parse_args(args)
    if ns.command == _WINDOW:
        _check_window_paths(parser, ns.paths)
    return ns


def _check_window_paths(parser: argparse.ArgumentParser, paths: list[str]) -> None:
    if len(paths) > 2:
        parser.error("give a folder, or two files")
    if len(paths) == 1 and not os.path.isdir(paths[0]):
        what = "a file, not a folder" if os.path.isfile(paths[0]) else "not found"
        parser.error(f"{paths[0]}: {what} (give a folder, or two files)")
    for path in paths if len(paths) == 2 else []:
        if not os.path.isfile(path):
            parser.error(f"{path}: no such file")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `twofold` command."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "compare":
        return _compare(args)
    if args.command == "overview":
        return _overview(args)
    if args.command == "entities":
        return _entities(args)
    if args.command == "story":
        return _story(args)
    return _window(args)


def _compare(args: argparse.Namespace) -> int:
    from .engine.compare import compare
    from .engine.errors import TwofoldError
    from .engine.model import CompareOptions
    from .export import render
    from .export.files import output_problem

    output = args.output
    if output is None and args.format == "pdf":
        return _usage("--format pdf needs --output FILE (a PDF is not printed to a terminal)")
    if output is not None:
        problem = output_problem(output, (args.left, args.right))
        if problem:
            return _usage(f"--output {output}: {problem}")
    try:
        result = compare(args.left, args.right,
                         options=CompareOptions(use_embeddings=not args.no_embeddings))
    except TwofoldError as err:
        return _input_error(str(err))
    if output is not None:
        return _write_output(result, args.format, output, args.color == "always")
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                       and not os.environ.get("NO_COLOR"))
    sys.stdout.write(render(result, args.format, color=color))
    return EXIT_OK


def _write_output(result: object, fmt: str, output: str, color: bool) -> int:
    """Write the compare result to the file the user named with --output."""
    from .export import export_comparison

    try:
        export_comparison(result, output, fmt, color=color)  # type: ignore[arg-type]
    except ImportError as err:
        return _input_error(f"cannot make a PDF without Qt ({err}); see README 'Troubleshooting'")
    except OSError as err:
        return _usage(f"cannot write {output}: {err.strerror or err}")
    return EXIT_OK


def _overview(args: argparse.Namespace) -> int:
    from .engine.errors import TwofoldError
    from .engine.library.overview import overview
    from .export.overview import overview_to_dict, render_overview_text

    try:
        result = overview(args.folder)
    except TwofoldError as err:
        return _input_error(str(err))
    if args.format == "json":
        # one-shot dumps: json.dump streams millions of tiny writes for a 2,000 x 2,000 matrix
        sys.stdout.write(json.dumps(overview_to_dict(result), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_overview_text(result))
    return EXIT_OK


def _entities(args: argparse.Namespace) -> int:
    """Every article's entities; all files are read before anything is printed."""
    from .engine.entities.listing import entities_of
    from .engine.errors import TwofoldError
    from .engine.serialize import article_to_dict
    from .export.text import render_entities

    try:
        results = [entities_of(path) for path in args.files]
    except TwofoldError as err:
        return _input_error(str(err))
    if args.format == "json":
        sys.stdout.write(json.dumps([article_to_dict(a, e) for a, e in results],
                                    ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write("\n".join(render_entities(a, e) for a, e in results))
    return EXIT_OK


def _story(args: argparse.Namespace) -> int:
    from datetime import datetime

    from .engine.errors import TwofoldError
    from .engine.library.index import scan
    from .engine.story import build_story
    from .export.files import output_problem
    from .export.story import export_story, render_story

    try:
        listing = scan(args.folder)
    except TwofoldError as err:
        return _input_error(str(err))
    paths = [a.path for a in listing.articles]
    if args.output is not None:
        problem = output_problem(args.output, paths)
        if problem:
            return _usage(f"--output {args.output}: {problem}")
    for skipped in listing.skipped:
        print(f"twofold: skipped {skipped.name}: {skipped.reason}", file=sys.stderr)
    try:
        story = build_story(paths, folder=args.folder)
    except TwofoldError as err:
        return _input_error(str(err))
    generated = datetime.now().astimezone()
    if args.output is None:
        sys.stdout.write(render_story(story, args.format, generated=generated))
        return EXIT_OK
    try:
        export_story(story, args.output, args.format, generated=generated)
    except OSError as err:
        return _usage(f"cannot write {args.output}: {err.strerror or err}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"twofold: {message}", file=sys.stderr)
    return EXIT_USAGE


def _input_error(message: str) -> int:
    print(f"twofold: {message}", file=sys.stderr)
    return EXIT_INPUT


def has_display() -> bool:
    """Whether Qt can open a window here (a display, or a platform chosen explicitly)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _window(args: argparse.Namespace) -> int:
    if not args.screenshot and not has_display():
        return _no_display(args.paths)
    try:
        from .ui.app import run
    except ImportError as err:
        return _input_error(f"the window cannot start ({err}); see README 'Troubleshooting'")
    return run(args)


def _no_display(paths: list[str]) -> int:
    """Without a screen: say so, and print the report of the two most alike articles instead."""
    from .engine.errors import TwofoldError
    from .engine.library.index import best_pair, scan

    print("twofold: no display found (DISPLAY/WAYLAND_DISPLAY unset), so no window; "
          "printing the text report instead.", file=sys.stderr)
    if len(paths) == 2:
        pair: tuple[str, str] | None = (paths[0], paths[1])
    elif len(paths) == 1:
        try:
            pair = best_pair(scan(paths[0]))
        except TwofoldError as err:
            return _input_error(str(err))
        if pair is None:
            return _input_error(f"{paths[0]} holds fewer than two readable articles")
    else:
        return _usage("give a folder or two files to compare, e.g. 'twofold compare A B'")
    code = _compare(parse(["compare", *pair]))
    shot_target = " ".join(paths)
    print(f"\nTo render the window to an image: twofold --screenshot twofold.png {shot_target}",
          file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
