"""A long session in the real window, offscreen: does it crash, does its memory keep growing?

Drives Twofold's main window with the real engine (what users run) on the sample folder and a
generated folder of 200 articles: new pairs, pairs again from the cache, swapped pairs, one pair
of two 20,000-word articles, live theme switches, less certain divergences hidden and shown,
the folder overview on and off, exports (HTML, JSON, PDF), next difference, find. Memory
(resident set) is read after every comparison. The last line gives the comparisons done, peak
memory and the growth over the last 200 comparisons;
the exit code is 1 on any failure (an exception, an error message, a Qt critical message, a
comparison that never arrives) and a crash ends the process with its own code.

    .venv/bin/python benchmarks/soak.py            # >= 300 comparisons, a few minutes
    .venv/bin/python benchmarks/soak.py --quick    # about 60, no long pair: under a minute;
                                                   # growth shown, not judged (the engine's
                                                   # bounded memos are still filling)

Target (DESIGN): no crash; growth under 50 MB over the last 200 comparisons.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_MB = 50.0
WINDOW = 200  # comparisons over which growth is measured
TIMEOUT_MS = 180_000  # one comparison (the 20k-word pair included)


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    """The most resident memory this process has had, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate_folder(folder: Path, count: int, seed: int = 11) -> list[Path]:
    """`count` related articles made from the sample's paragraphs, reworded and reordered."""
    from twofold.engine.load import load_article

    rng = random.Random(seed)
    seeds = [load_article(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    heads = [a.paragraphs[0].text for a in seeds]
    pool = [p.text for a in seeds for p in a.paragraphs if p.role == "body"]
    vocab = sorted({w for p in pool for w in p.split() if w.isalpha()})

    def reword(text: str, rate: float) -> str:
        return " ".join(rng.choice(vocab) if rng.random() < rate else w for w in text.split())
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = [reword(p, rng.uniform(0.05, 0.3)) for p in rng.sample(pool, rng.randint(5, 10))]
        text = reword(rng.choice(heads), 0.3) + f" ({n + 1})\n\n" + "\n\n".join(body) + "\n"
        path = folder / f"article-{n + 1:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def long_pair(folder: Path, words: int = 20_000) -> tuple[Path, Path]:
    """Two related articles of about `words` words each (benchmarks/speed.py's pair)."""
    from speed import build_pair

    folder.mkdir(parents=True, exist_ok=True)
    left, right = build_pair(words)
    paths = folder / "long-left.txt", folder / "long-right.txt"
    paths[0].write_text(left, encoding="utf-8")
    paths[1].write_text(right, encoding="utf-8")
    return paths


class Soak:
    """The window, what went wrong, and memory after each comparison."""

    def __init__(self, out: Path) -> None:
        from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from twofold.ui.mainwindow import MainWindow
        from twofold.ui.resources import load_stylesheet
        from twofold.ui.theme import apply_palette

        self.app = QApplication.instance() or QApplication(["twofold-soak"])
        # Settings of its own: the themes and choices it switches stay out of the user's.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(out / "settings"))
        self.app.setStyleSheet(load_stylesheet())
        apply_palette("light")
        self.failures: list[str] = []
        bad = (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        qInstallMessageHandler(lambda kind, _ctx, text: self.failures.append(
            f"Qt: {text}") if kind in bad else None)
        sys.excepthook = lambda kind, value, _tb: self.failures.append(f"{kind.__name__}: {value}")
        self.window = MainWindow(restore=False)
        self.window.resize(1600, 1000)
        self.window.apply_default_layout(1600)
        self.window.show()
        self.window.session.failed.connect(lambda e: self.failures.append(f"bug: {e!r}"))
        self.window.session.messages.shown.connect(self._said)
        self.out = out
        self.memory: list[float] = []
        self.kinds: dict[str, int] = {}
        self.theme = "light"
        self.warm = 0  # comparisons done before the session's steady state (models, index)

    def _said(self, level: str, text: str, _details: str, _action: object) -> None:
        if level == "error":
            self.failures.append(f"message: {text}")

    def wait_for(self, signal: object, start: Callable[[], object], what: str,
                 timeout_ms: int = TIMEOUT_MS) -> bool:
        """Call `start` and run the event loop until `signal` fires (False on a timeout)."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop, done = QEventLoop(), {"ok": False}

        def finish(*_args: object) -> None:
            done["ok"] = True
            loop.quit()
        signal.connect(finish)  # type: ignore[attr-defined]
        failed = self.window.runner.failed
        failed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        start()
        if not done["ok"]:
            loop.exec()
        signal.disconnect(finish)  # type: ignore[attr-defined]
        failed.disconnect(loop.quit)
        if not done["ok"]:
            self.failures.append(f"{what}: nothing arrived")
        return done["ok"]

    def settle(self, ms: int = 0) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def compared(self, kind: str) -> None:
        """Count a comparison shown and read the memory after it."""
        self.settle()
        gc.collect()
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.memory.append(rss_mb())

    def open_folder(self, folder: Path) -> None:
        w = self.window
        if self.wait_for(w.comparisonShown, lambda: w.open_folder(str(folder)),
                         f"opening {folder.name}"):
            self.compared("new")

    def compare(self, left: str, right: str, kind: str) -> None:
        w = self.window
        if (w.left_path, w.right_path) == (left, right):
            return
        if self.wait_for(w.comparisonShown, lambda: w.compare_pair(left, right),
                         f"{kind} {Path(left).name} ↔ {Path(right).name}"):
            self.compared(kind)

    def swap(self) -> None:
        w = self.window
        if self.wait_for(w.comparisonShown, w.swap_sides, "swap"):
            self.compared("swapped")

    def read_around(self) -> None:
        """What a reader does on a pair: next differences, a find, a divergence click."""
        view = self.window.view
        for _ in range(3):
            view.next_difference()
        view.findbar.open_bar()
        view.findbar.field.setText("Niger")
        view.findbar.next_match()
        view.findbar.close_bar()
        shown = self.window.divergences.divergences()
        if shown:
            view.show_divergence(shown[0])
        self.settle(10)

    def switch_theme(self) -> None:
        self.theme = "dark" if self.theme == "light" else "light"
        self.window.set_theme(self.theme)  # type: ignore[arg-type]
        self.settle(10)

    def toggle_less_certain(self) -> None:
        """Hide the less certain divergences, or show them again (dock, panes, counts)."""
        action = self.window.actions_["less-certain"]
        action.trigger()
        self.settle(10)

    def overview(self) -> None:
        w = self.window
        model = w.overview.model
        self.wait_for(w.session.overviewShown, lambda: w.centre.show("overview"), "overview",
                      timeout_ms=300_000) if model.overview is None else w.centre.show("overview")
        self.settle(20)
        w.centre.show("compare")

    def export(self, n: int) -> None:
        w = self.window
        fmt = ("html", "json", "pdf")[n % 3]
        target = self.out / f"report-{n}.{fmt}"
        self.wait_for(w.exporter.exported, lambda: w.exporter.export_to(
            w.session.comparison, fmt, str(target)), f"export {fmt}")  # type: ignore[arg-type]
        target.unlink(missing_ok=True)


def run(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="twofold-soak-"))
    # A cache of its own: "new" comparisons are new work, and the user's cache is left alone.
    os.environ["TWOFOLD_CACHE_DIR"] = str(work / "cache")
    start = time.perf_counter()
    generated = [str(p) for p in generate_folder(work / "folder", args.articles)]
    soak = Soak(work)
    rng = random.Random(5)
    # The sample folder: every pair new, again from the cache, and swapped.
    soak.open_folder(ROOT / "seeds")
    samples = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    pairs = [(a, b) for i, a in enumerate(samples) for b in samples[i + 1:]]
    for kind in ("new", "cached"):
        for left, right in pairs:
            soak.compare(left, right, kind)
            if kind == "cached":
                soak.swap()
    soak.switch_theme()
    soak.switch_theme()
    if not args.quick:
        left, right = long_pair(work / "long")
        t0 = time.perf_counter()
        w = soak.window
        if soak.wait_for(w.comparisonShown, lambda: w.open_files(str(left), str(right)),
                         "the 20,000-word pair"):
            soak.compared("long")
            print(f"the 20,000-word pair: {time.perf_counter() - t0:.1f} s", flush=True)
            soak.read_around()
    # The generated folder: mostly new pairs, with cached ones, swaps and the rest between.
    soak.open_folder(work / "folder")
    soak.overview()  # the folder's first overview, made once: from here on it comes cached
    soak.warm = len(soak.memory)
    seen: list[tuple[str, str]] = []
    n = 0
    while sum(soak.kinds.values()) < args.comparisons and not soak.failures:
        n += 1
        if seen and n % 4 == 0:
            left, right = rng.choice(seen)
            soak.compare(left, right, "cached")
        else:
            left, right = rng.sample(generated, 2)
            soak.compare(left, right, "new")
            seen.append((left, right))
        if n % 6 == 0:
            soak.swap()
        if n % 5 == 0:
            soak.read_around()
        if n % 10 == 0:
            soak.switch_theme()
        if n % 7 == 0:
            soak.toggle_less_certain()
        if n % 15 == 0:
            soak.export(n // 15)
        if n % 40 == 0:
            soak.overview()
        if n % 50 == 0:
            print(f"  {sum(soak.kinds.values())} comparisons, {soak.memory[-1]:.0f} MB, "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
    soak.window.close()
    soak.settle(50)
    return report(soak, time.perf_counter() - start, judge_growth=not args.quick)


def report(soak: Soak, seconds: float, judge_growth: bool = True) -> int:
    """Print the figures; the last line has them all. 1 when anything failed."""
    done = sum(soak.kinds.values())
    # Growth is read in the steady state (a short run has fewer than 200 comparisons there).
    window = min(WINDOW, len(soak.memory) - 1 - soak.warm)
    growth = soak.memory[-1] - soak.memory[-1 - window] if window > 0 else 0.0
    for failure in soak.failures[:10]:
        print(f"failure: {failure}")
    kinds = ", ".join(f"{v} {k}" for k, v in soak.kinds.items())
    # The engine's per-process memos (64 analysed articles, 20,000 sentence vectors) fill
    # during the first ~80 comparisons: a quick run measures that, not a leak.
    judged = f"target < {TARGET_MB:.0f} MB" if judge_growth else "not judged: memos filling"
    ok = not soak.failures and (growth < TARGET_MB or not judge_growth)
    print(f"soak: {done} comparisons ({kinds}) in {seconds:.0f} s; peak memory "
          f"{peak_mb():.0f} MB; growth over the last {window} comparisons {growth:+.1f} MB "
          f"({judged}); {len(soak.failures)} failures: {'ok' if ok else 'FAILED'}", flush=True)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="about 60 comparisons and no long pair (under a minute)")
    parser.add_argument("--comparisons", type=int, help="how many at least (default 310; "
                        "quick: 60)")
    parser.add_argument("--articles", type=int, default=200,
                        help="articles in the generated folder (default 200)")
    args = parser.parse_args(argv)
    if args.comparisons is None:
        args.comparisons = 60 if args.quick else 310
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
