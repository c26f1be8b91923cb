"""How long the window is busy with a long pair once the engine has it, next to the window as it
was before long pairs were looked after (measured in the same process).

For a pair of 20,000-word articles: showing it (panes filled, padded, highlighted; sidebar;
first paint), one scroll step with the repaint it causes (median and worst of 40 steps through
the middle), a theme switch, a zoom step, and a window edge dragged (the median resize event,
then the realignment once it stops). The baseline runs the same window with every edit
reaching the text layout on its own, every link drawn as a whole band and the panes realigned
at every resize event (as before); the pair is compared once and shown from the engine's cache
either way.

The pair is `speed.py`'s generated stress pair (every paragraph has near-copies: thousands of
links); with the development corpora built, also the real one (Fox News against The New York
Times on BASIL events in turn).

    .venv/bin/python benchmarks/window_speed.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="built corpora (default: $TWOFOLD_CORPORA)")
    parser.add_argument("--words", type=int, default=20_000)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from corpora import corpus_root, skip_line
    from speed import build_pair, build_real_pair
    from twofold.engine.compare import compare
    from twofold.engine.load import parse_text

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Settings of its own: the theme and zoom it switches stay out of the user's.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="twofold-bench-settings-"))
    pairs = [("generated", build_pair(args.words))]
    root = corpus_root(args.corpus)
    if root is None:
        print(skip_line("real articles (BASIL)", args.corpus))
    else:
        pairs.append(("real (BASIL)", build_real_pair(root, args.words)))
    print(f"{'pair':<14} {'links':>6} {'what':<22} {'twofold':>9} {'before':>9}")
    for name, (left, right) in pairs:
        la = parse_text(left, path=f"{name}-left.txt")
        ra = parse_text(right, path=f"{name}-right.txt")
        comparison = compare(la, ra)  # once: both windows show it from here
        now = _measure(app, comparison)
        with _as_before():
            before = _measure(app, comparison)
        for what in now:
            print(f"{name:<14} {len(comparison.links):>6} {what:<22} "
                  f"{now[what] * 1000:>7.0f}ms {before[what] * 1000:>7.0f}ms")
    print("show: panes, highlights, sidebar and the first paint; scroll: one step and its "
          "repaint (median / worst of 40)")
    return 0


def _measure(app, comparison) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from twofold.ui.mainwindow import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()

    def timed(fn: Callable[[], object]) -> float:
        start = time.perf_counter()
        fn()
        window.repaint()
        app.processEvents()
        return time.perf_counter() - start

    out = {"show": min(timed(lambda: window._show_comparison(comparison)) for _ in range(2))}
    bar = window.view.left.verticalScrollBar()
    start, step = bar.maximum() // 3, max(1, bar.maximum() // 300)
    steps = [timed(lambda v=start + n * step: bar.setValue(v)) for n in range(40)]
    out["scroll step (median)"] = statistics.median(steps)
    out["scroll step (worst)"] = max(steps)
    out["theme switch"] = timed(lambda: window.set_theme("dark"))
    timed(lambda: window.set_theme("light"))
    out["zoom step"] = timed(lambda: window.zoom(1))
    timed(lambda: window.zoom(None))  # back to the default size (a setting both runs share)
    # a window edge dragged: resize events one after another, the realignment after them
    drag = [timed(lambda w=1600 - 8 * n: window.resize(w, 1000)) for n in range(1, 13)]
    out["resize step (drag)"] = statistics.median(drag)
    while window.view._realign_timer.isActive():
        app.processEvents()
    out["drag's realignment"] = window.view._realign_seconds
    window.close()
    window.deleteLater()
    app.processEvents()
    return out


@contextlib.contextmanager
def _as_before() -> Iterator[None]:
    """The window as it was: no edit blocks, every band drawn whole from its paragraphs."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainterPath

    from twofold.ui import compareview, highlight, linkmap, pane

    @contextlib.contextmanager
    def each_on_its_own(document):  # type: ignore[no-untyped-def]
        yield highlight.QTextCursor(document)

    def whole(places, width, lo, hi):  # type: ignore[no-untyped-def]
        out = []
        mid = width / 2
        for lt, lb, rt, rb in places:
            path = QPainterPath(QPointF(0, lt))
            path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
            path.lineTo(QPointF(width, rb))
            path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
            path.closeSubpath()
            out.append(path.toFillPolygon())
        return out

    saved = (highlight.edit_block, pane.edit_block, linkmap.band_outlines,
             linkmap.LinkMap._passes, compareview.REALIGN_AT_ONCE)
    highlight.edit_block = pane.edit_block = each_on_its_own  # type: ignore[assignment]
    linkmap.band_outlines = whole  # type: ignore[assignment]
    linkmap.LinkMap._passes = lambda self, *place: False  # type: ignore[method-assign]
    compareview.REALIGN_AT_ONCE = float("inf")  # realigned after every resize event
    try:
        yield
    finally:
        (highlight.edit_block, pane.edit_block, linkmap.band_outlines,
         linkmap.LinkMap._passes, compareview.REALIGN_AT_ONCE) = saved  # type: ignore[method-assign]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
