"""Background jobs: results arrive by signal on the GUI thread, stale ones are dropped."""

from __future__ import annotations

import itertools
import random
import re
import threading
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QThread, QTimer

from twofold.engine.loader import parse_text
from twofold.engine.model import Article, Comparison
from twofold.ui.worker import JobRunner

from .fakes import fake_compare


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    runner = JobRunner()
    seen: list[object] = []
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.submit("x", lambda: (seen.append(QThread.currentThread()), 42)[1])
    assert blocker.args[2] == 42
    assert seen[0] is not QThread.currentThread()
    runner.wait()


def test_a_stale_result_is_dropped(qtbot) -> None:
    runner = JobRunner()
    gate = threading.Event()
    results: list[object] = []
    runner.finished.connect(lambda _c, _i, r: results.append(r))
    runner.submit("compare", lambda: (gate.wait(5), "old")[1])
    newer = runner.submit("compare", lambda: "new")
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert results == ["new"]
    assert not runner.is_current("compare", newer)
    runner.wait()


def test_an_exception_is_delivered_not_raised(qtbot) -> None:
    runner = JobRunner()

    def boom() -> None:
        raise ValueError("bad input")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit("x", boom)
    assert isinstance(blocker.args[2], ValueError)
    runner.wait()


def _long_pair(words: int, seed: int) -> tuple[Article, Article]:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    vocab = sorted(set(re.findall(r"[A-Za-z]+", " ".join(
        p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")))))
    rnd = random.Random(seed)
    paras: list[str] = []
    while sum(len(p.split()) for p in paras) < words:
        paras.append(" ".join(rnd.choice(vocab) for _ in range(rnd.randint(40, 70))) + ".")
    right = []
    for text in paras:
        if rnd.random() < 0.1:
            continue
        w = text.split()
        for _ in range(3):
            w[rnd.randrange(len(w))] = rnd.choice(vocab)
        right.append(" ".join(w))
    return (parse_text("\n\n".join(paras), path="long-left.txt"),
            parse_text("\n\n".join(right), path="long-right.txt"))


def _slow_compare(left: Article, right: Article) -> Comparison:
    """A CPU-bound stand-in holding the GIL for seconds, like a long engine compare."""
    links = []
    scale = len(right.paragraphs) / len(left.paragraphs)
    for lp in left.paragraphs:
        near = round(lp.id * scale)
        for rp in right.paragraphs[max(0, near - 3): near + 4]:
            links.extend(k for k in fake_compare(
                Article(left.path, None, None, None, (lp,)),
                Article(right.path, None, None, None, (rp,))).links)
    result = Comparison(left, right, tuple(links), similarity=0.8)
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        sum(i * i for i in range(2000))
    return result


def test_window_stays_responsive_while_a_long_pair_is_compared(qtbot) -> None:
    from twofold.ui.mainwindow import MainWindow

    left, right = _long_pair(20_000, 7)
    assert left.word_count >= 20_000
    window = MainWindow(compare_fn=_slow_compare, restore=False)
    qtbot.addWidget(window)
    window.show()
    window._articles = {left.path: left, right.path: right}
    ticks: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
    timer.start()
    with qtbot.waitSignal(window.runner.finished, timeout=120_000):
        window.set_pair(left.path, right.path)
        assert window.busy.isVisibleTo(window)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 20, "the event loop barely ran while the worker computed"
    assert max(gaps) < 1000, f"the window froze for {max(gaps)} ms"
    qtbot.waitUntil(lambda: window.view.comparison is not None, timeout=60_000)
    assert window.view.linkmap.band_count() == len(window.view.comparison.links)
    window.runner.wait()
