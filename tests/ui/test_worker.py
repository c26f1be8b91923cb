"""Background jobs: results arrive by signal on the GUI thread, stale ones are dropped."""

from __future__ import annotations

import random
import re
import threading
import time
from pathlib import Path

from PySide6.QtCore import QThread, QThreadPool, QTimer

from twofold.engine.errors import Cancelled
from twofold.engine.load import load_article, parse_text
from twofold.engine.model import Article, Comparison
from twofold.ui.worker import JobRunner

from .fakes import fake_compare

TICKS = 25


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


def _spin_until_cancelled(started: threading.Event, seen: list[bool]):  # type: ignore[no-untyped-def]
    """A job that works until it is cancelled (a safety bound stops it if it never is)."""
    def job(*, cancelled) -> str:  # type: ignore[no-untyped-def]
        started.set()
        safety = time.monotonic() + 300
        while not cancelled() and time.monotonic() < safety:
            sum(i * i for i in range(2000))
        seen.append(cancelled())
        if cancelled():
            raise Cancelled("the test job")
        return "finished"
    return job


def test_cancel_stops_a_running_job_and_drops_its_result(qtbot) -> None:
    runner = JobRunner()
    started, seen = threading.Event(), []
    delivered: list[object] = []
    runner.finished.connect(lambda *a: delivered.append(a))
    runner.failed.connect(lambda *a: delivered.append(a))
    runner.submit("compare", _spin_until_cancelled(started, seen), cancellable=True)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    assert runner.pending and runner.pending_channels() == ["compare"]
    with qtbot.waitSignal(runner.pendingChanged, timeout=5000) as pending:
        assert runner.cancel("compare")
    assert pending.args == [False]
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    assert seen == [True]
    assert delivered == []
    assert not runner.cancel("compare"), "nothing left to cancel"


def test_a_newer_job_cancels_the_one_it_supersedes(qtbot) -> None:
    runner = JobRunner()
    started, seen = threading.Event(), []
    runner.submit("compare", _spin_until_cancelled(started, seen), cancellable=True)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    with qtbot.waitSignal(runner.finished, timeout=30_000) as newer:
        runner.submit("compare", lambda *, cancelled: "new", cancellable=True)
    assert newer.args[2] == "new"
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    assert seen == [True]


def test_a_job_cancelled_while_queued_never_runs(qtbot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    runner = JobRunner(pool=pool)
    gate, ran = threading.Event(), []
    runner.submit("scan", lambda: gate.wait(30))
    runner.submit("compare", lambda *, cancelled: ran.append(True), cancellable=True)
    assert runner.cancel_all() == ["scan", "compare"]
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    assert ran == []
    runner.wait()


def long_texts(words: int, seed: int) -> tuple[str, str]:
    """Two long texts in the seeds' vocabulary; the right one drops and changes some words."""
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
    return "\n\n".join(paras), "\n\n".join(right)


def _long_pair(words: int, seed: int) -> tuple[Article, Article]:
    left, right = long_texts(words, seed)
    return parse_text(left, path="long-left.txt"), parse_text(right, path="long-right.txt")


def _lexical_compare(left: Article, right: Article) -> Comparison:
    """Links between nearby paragraphs by word overlap: seconds of pure Python on a long pair."""
    links = []
    scale = len(right.paragraphs) / len(left.paragraphs)
    for lp in left.paragraphs:
        near = round(lp.id * scale)
        for rp in right.paragraphs[max(0, near - 3): near + 4]:
            links.extend(k for k in fake_compare(
                Article(left.path, None, None, None, (lp,)),
                Article(right.path, None, None, None, (rp,))).links)
    return Comparison(left, right, tuple(links), similarity=0.8)


def test_window_stays_responsive_while_a_long_pair_is_compared(qtbot, tmp_path: Path) -> None:
    """The event loop keeps turning while a CPU-bound compare holds a worker thread.

    The compare does not end until the GUI thread has counted TICKS timer ticks (or a safety
    bound passes): it holds the GIL in pure Python, as the engine's stages do, so the window only
    gets its ticks in while it runs if the work is really off the GUI thread and shares the GIL.
    Nothing here depends on how fast the machine is.
    """
    from twofold.ui.mainwindow import MainWindow

    texts = long_texts(20_000, 7)
    paths = [str(tmp_path / "long-left.txt"), str(tmp_path / "long-right.txt")]
    for path, text in zip(paths, texts, strict=True):
        Path(path).write_text(text, encoding="utf-8")
    assert load_article(paths[0]).word_count >= 20_000
    ticked = threading.Event()
    outcome: list[bool] = []

    def compare_while_ticking(a: str, b: str, *, cancelled: object = None,
                              progress: object = None) -> Comparison:
        result = _lexical_compare(load_article(a), load_article(b))
        safety = time.monotonic() + 300  # only reached when the GUI thread is frozen
        while not ticked.is_set() and time.monotonic() < safety:
            sum(i * i for i in range(2000))
        outcome.append(ticked.is_set())
        return result

    window = MainWindow(compare_fn=compare_while_ticking, restore=False)
    qtbot.addWidget(window)
    window.show()
    ticks: list[bool] = []  # per tick: was the compare still running?
    timer = QTimer()
    timer.setInterval(5)

    def tick() -> None:
        ticks.append(not outcome)
        if sum(ticks) >= TICKS:
            ticked.set()

    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(window.comparisonShown, timeout=600_000):
        window.open_files(*paths)
        assert window.busy.isVisibleTo(window)
    timer.stop()
    assert outcome == [True], "the event loop did not turn while the worker computed"
    assert sum(ticks) >= TICKS
    qtbot.waitUntil(lambda: window.view.comparison is not None, timeout=60_000)
    assert window.view.linkmap.band_count() == len(window.view.comparison.links)
    window.runner.wait()
