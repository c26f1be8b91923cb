"""The `twofold` command: the window by default, headless subcommands for scripts."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .engine.model import Comparison

EXIT_OK, EXIT_USAGE, EXIT_INPUT = 0, 2, 3
SUBCOMMANDS = ("compare", "overview", "entities")


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one clear line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"twofold: {message} (see 'twofold {self.prog.split()[-1]} "
                              f"--help')\n" if " " in self.prog else f"twofold: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="twofold", description="Compare two articles about the same story.")
    parser.add_argument("--version", action="version", version=f"twofold {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    cmp_ = sub.add_parser("compare", help="compare two articles and print the result")
    cmp_.add_argument("left", help="the left article (.txt, .md, .html, .docx, .pdf, ...)")
    cmp_.add_argument("right", help="the right article (same formats)")
    cmp_.add_argument("--format", choices=("json", "text", "html", "pdf"), default="text",
                      help="json: the twofold/comparison@1 object; text: a readable report; "
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
    ovw.add_argument("folder", help="a folder of articles (.txt, .md, .html, .docx, .pdf, ...)")
    ovw.add_argument("--format", choices=("json", "text"), default="text",
                     help="json: the twofold/overview@1 object; text: a readable report")
    ent = sub.add_parser("entities", help="list the people, organisations, places, dates and "
                         "figures of each article, without comparing")
    ent.add_argument("files", nargs="+", metavar="FILE", help="articles (.txt, .md, .html, ...)")
    ent.add_argument("--format", choices=("json", "text"), default="text",
                     help="json: a list of Article objects as in twofold/comparison@1; text: a "
                     "readable list")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `twofold` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if (args and args[0] in SUBCOMMANDS) or args[:1] in (["--version"], ["-h"], ["--help"]):
        return _headless(args)
    return _gui(args)


def _headless(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "compare":
        return _compare(args)
    if args.command == "overview":
        return _overview(args)
    if args.command == "entities":
        return _entities(args)
    return EXIT_USAGE


def _compare(args: argparse.Namespace) -> int:
    from .engine.compare import compare
    from .engine.errors import TwofoldError
    from .engine.model import CompareOptions
    from .engine.serialize import comparison_to_dict
    from .export.text import render_text

    output = getattr(args, "output", None)
    problem = _output_problem(output, args.format, (args.left, args.right))
    if problem:
        print(f"twofold: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = compare(args.left, args.right,
                         options=CompareOptions(use_embeddings=not args.no_embeddings))
    except TwofoldError as err:
        print(f"twofold: {err}", file=sys.stderr)
        return EXIT_INPUT
    if output:
        return _write_output(result, args.format, output, args.color == "always")
    if args.format == "html":
        from .export.html import render_html

        sys.stdout.write(render_html(result))
    elif args.format == "json":
        json.dump(comparison_to_dict(result), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                           and not os.environ.get("NO_COLOR"))
        sys.stdout.write(render_text(result, color=color))
    return EXIT_OK


def _output_problem(output: str | None, fmt: str, inputs: Sequence[str]) -> str | None:
    """Why `output` cannot be written (checked before the slow compare), or None."""
    if output is None:
        return "--format pdf needs --output FILE (a PDF is not printed to a terminal)" \
            if fmt == "pdf" else None
    target = Path(output)
    if target.is_dir():
        return f"--output {output}: is a folder; name the file to write"
    folder = target.parent
    if not folder.is_dir():
        return f"--output {output}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"--output {output}: the folder {folder} is not writable"
    if any(target.exists() and target.resolve() == Path(p).resolve() for p in inputs):
        return f"--output {output}: that is one of the articles being compared"
    return None


def _write_output(result: Comparison, fmt: str, output: str, color: bool) -> int:
    """Write the compare result to the file the user named with --output."""
    from .export import export_comparison, write_atomically
    from .export.text import render_text

    try:
        if fmt == "text":
            text = render_text(result, color=color)
            write_atomically(Path(output), lambda tmp: tmp.write_text(text, encoding="utf-8"))
        else:
            export_comparison(result, output, fmt)  # type: ignore[arg-type]
    except ImportError as err:
        print(f"twofold: cannot make a PDF without Qt ({err}); see README 'Troubleshooting'",
              file=sys.stderr)
        return EXIT_INPUT
    except OSError as err:
        print(f"twofold: cannot write {output}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _overview(args: argparse.Namespace) -> int:
    from .engine.errors import TwofoldError
    from .engine.library.overview import overview, overview_to_dict, render_overview_text

    try:
        result = overview(args.folder)
    except TwofoldError as err:
        print(f"twofold: {err}", file=sys.stderr)
        return EXIT_INPUT
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
        print(f"twofold: {err}", file=sys.stderr)
        return EXIT_INPUT
    if args.format == "json":
        json.dump([article_to_dict(a, e) for a, e in results], sys.stdout, ensure_ascii=False,
                  indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(render_entities(a, e) for a, e in results))
    return EXIT_OK


def has_display() -> bool:
    """Whether Qt can open a window here (a display, or a platform chosen explicitly)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _gui(args: list[str]) -> int:
    if "--screenshot" not in args and not has_display():
        return _no_display(args)
    try:
        from .ui.app import run
    except ImportError as err:
        print(f"twofold: the window cannot start ({err}); see README 'Troubleshooting'",
              file=sys.stderr)
        return EXIT_INPUT
    return run(args)


def _no_display(args: list[str]) -> int:
    """Without a screen: say so, and print the report of the two most alike articles instead."""
    from .engine.errors import TwofoldError
    from .engine.library.folder import most_similar_pair, scan_folder

    print("twofold: no display found (DISPLAY/WAYLAND_DISPLAY unset), so no window; "
          "printing the text report instead.", file=sys.stderr)
    paths = [Path(a) for a in args if not a.startswith("-")]
    if len(paths) == 2:
        pair = (str(paths[0]), str(paths[1]))
        shot_target = f"{paths[0]} {paths[1]}"
    elif len(paths) == 1:
        try:
            entries = [e for e in scan_folder(paths[0]) if e.article is not None]
        except TwofoldError as err:
            print(f"twofold: {err}", file=sys.stderr)
            return EXIT_INPUT
        best = most_similar_pair([e.article for e in entries])  # type: ignore[misc]
        if best is None:
            print(f"twofold: {paths[0]} holds fewer than two readable articles",
                  file=sys.stderr)
            return EXIT_INPUT
        pair = (entries[best[0]].path, entries[best[1]].path)
        shot_target = str(paths[0])
    else:
        print("twofold: give a folder or two files to compare, e.g. 'twofold compare A B'",
              file=sys.stderr)
        return EXIT_USAGE
    code = _compare(build_parser().parse_args(["compare", *pair]))
    print(f"\nTo render the window to an image: twofold --screenshot twofold.png {shot_target}",
          file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
