"""Cancelling background work: the Cancel button, Esc, closing the window, and the engine's hook."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from twofold.engine.errors import Cancelled
from twofold.engine.model import Article, Comparison
from twofold.ui import session as jobs
from twofold.ui.jobs import Channel, cancelled_text, engine_compare
from twofold.ui.mainwindow import MainWindow
from twofold.ui.progresspage import PROGRESS_AFTER_MS

from .conftest import shown_window
from .fakes import fake_compare
from .test_worker import long_texts

Check = Callable[[], bool]


class SlowCompare:
    """A compare that works until it is cancelled, or until `release` is set."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.saw_cancel: list[bool] = []

    def __call__(self, left: Article, right: Article, *, cancelled: Check,
                 progress: Callable[[str], None] | None = None) -> Comparison:
        if progress is not None:
            progress("analysing")
        self.started.set()
        safety = time.monotonic() + 300  # only reached if cancelling is broken
        while not (cancelled() or self.release.is_set()) and time.monotonic() < safety:
            sum(i * i for i in range(2000))
        self.saw_cancel.append(cancelled())
        Cancelled.check(cancelled, "The comparison")
        return fake_compare(left, right)


@pytest.fixture
def slow() -> SlowCompare:
    return SlowCompare()


@pytest.fixture
def listed(qtbot, seeds: Path, slow: SlowCompare):  # type: ignore[no-untyped-def]
    """A window on the sample folder whose preselected pair is being compared, slowly."""
    w = shown_window(qtbot, slow)
    with qtbot.waitSignal(w.listingShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.waitUntil(slow.started.is_set, timeout=30_000)
    yield w
    slow.release.set()
    w.runner.wait(60_000)


def test_cancel_button_shows_only_while_work_runs(listed: MainWindow, slow, qtbot) -> None:  # type: ignore[no-untyped-def]
    button = listed.status.cancel_button
    assert button.isVisibleTo(listed) and button.isEnabled()
    assert "Esc" in button.toolTip()
    slow.release.set()
    qtbot.waitUntil(lambda: listed.view.comparison is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not button.isVisibleTo(listed))


def test_cancel_button_stops_the_comparison_and_says_so(listed: MainWindow, slow,
                                                       qtbot) -> None:  # type: ignore[no-untyped-def]
    shown: list[object] = []
    listed.comparisonShown.connect(shown.append)
    qtbot.mouseClick(listed.status.cancel_button, Qt.MouseButton.LeftButton)
    assert ("info", "Comparison cancelled.") in listed.messages.messages()
    assert not listed.status.cancel_button.isVisibleTo(listed)
    qtbot.waitUntil(lambda: not listed.runner.busy, timeout=30_000)
    assert slow.saw_cancel == [True]
    assert not listed.status.busy.isVisibleTo(listed)
    assert shown == [] and listed.view.comparison is None
    # nothing to go back to: the centre says so and offers to compare the pair again
    assert listed.stack.currentWidget() is listed.progress
    assert listed.progress.again_button.isVisibleTo(listed)
    assert not listed.progress.cancel_button.isVisibleTo(listed)


def test_the_centre_shows_the_pair_and_its_stage_while_it_is_compared(
        listed: MainWindow, slow) -> None:  # type: ignore[no-untyped-def]
    assert listed.stack.currentWidget() is listed.progress, "not the welcome page"
    page = listed.progress
    names = [listed.session.display_name(p) for p in (listed.left_path, listed.right_path)]
    assert all(name[:20] in page.pair.text() for name in names)
    assert page.stage() == "analysing"
    assert page.stage_labels["reading"].text().startswith("✓")
    assert page.stage_labels["analysing"].text().startswith("▸")
    assert page.stage_labels["divergences"].text().startswith("·")


def test_compare_again_after_a_cancel(listed: MainWindow, slow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = (listed.left_path, listed.right_path)
    listed.canceller.cancel()
    qtbot.waitUntil(lambda: not listed.runner.busy, timeout=30_000)
    message = listed.messages.findChildren(QToolButton, "messageAction")
    assert [b.text() for b in message] == ["Compare Again"]
    slow.release.set()
    with qtbot.waitSignal(listed.comparisonShown, timeout=30_000) as shown:
        qtbot.mouseClick(listed.progress.again_button, Qt.MouseButton.LeftButton)
    c = shown.args[0]
    assert (c.left.path, c.right.path) == pair
    assert listed.stack.currentWidget() is listed.view


def test_esc_cancels_while_work_runs(listed: MainWindow, slow, qtbot) -> None:  # type: ignore[no-untyped-def]
    listed.activateWindow()
    listed.view.left.setFocus()
    qtbot.keyClick(listed.view.left, Qt.Key.Key_Escape)
    assert listed.messages.messages()[-1] == ("info", "Comparison cancelled.")
    qtbot.waitUntil(lambda: not listed.runner.busy, timeout=30_000)
    assert slow.saw_cancel == [True]


def test_esc_without_work_does_nothing(compared: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = compared.messages.messages()
    qtbot.keyClick(compared.view.left, Qt.Key.Key_Escape)
    assert compared.messages.messages() == before
    assert compared.view.comparison is not None


@pytest.fixture
def comparing_again(qtbot, seeds: Path, slow: SlowCompare):  # type: ignore[no-untyped-def]
    """A window showing a comparison while it compares another pair, slowly."""
    slow.release.set()  # the first comparison finishes at once
    w = shown_window(qtbot, slow)
    with qtbot.waitSignal(w.comparisonShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30_000)
    shown = (w.left_path, w.right_path)
    slow.release.clear()
    slow.started.clear()
    w.compare_pair(shown[0], next(p for p in w.articles.paths() if p not in shown))
    qtbot.waitUntil(slow.started.is_set, timeout=30_000)
    yield w
    slow.release.set()
    w.runner.wait(60_000)


def test_esc_in_the_find_bar_closes_it_and_keeps_the_work(qtbot, seeds: Path,
                                                         slow: SlowCompare) -> None:
    slow.release.set()
    w = shown_window(qtbot, slow)
    with qtbot.waitSignal(w.comparisonShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30_000)
    slow.release.clear()
    slow.started.clear()
    w.session.set_pair(w.left_path, w.right_path)  # the pair on screen, compared again
    qtbot.waitUntil(slow.started.is_set, timeout=30_000)
    qtbot.wait(2 * PROGRESS_AFTER_MS)
    assert w.stack.currentWidget() is w.view, "the same pair keeps its text while it runs"
    w.actions_["find"].trigger()
    field = w.view.findbar.field
    qtbot.waitUntil(field.isVisible)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not field.isVisible()
    assert w.runner.pending, "Esc closed the find bar; the comparison goes on"
    assert w.messages.messages() == []
    slow.release.set()
    w.runner.wait(60_000)


def test_a_cancelled_new_pair_gives_back_the_pair_on_screen(comparing_again: MainWindow,
                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    w = comparing_again
    c = w.view.comparison
    shown = (c.left.path, c.right.path)
    assert (w.left_path, w.right_path) != shown
    w.canceller.cancel()
    assert (w.left_path, w.right_path) == shown
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30_000)
    assert w.view.comparison is c


def test_cancelling_the_overview_offers_to_relate_again(window: MainWindow, qtbot,
                                                        seeds: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    real = jobs.folder_overview

    def slow_overview(folder: str, *, cancelled: Check) -> object:
        while not (cancelled() or gate.is_set()):
            gate.wait(0.01)
        return real(folder, cancelled=cancelled)

    monkeypatch.setattr(jobs, "folder_overview", slow_overview)
    with qtbot.waitSignal(window.listingShown, timeout=30_000):
        window.open_folder(str(seeds))
    window.centre.show("overview")
    assert "overview" in window.runner.pending_channels()
    assert "overview" in window.canceller.cancel()
    assert "folder overview" in window.messages.messages()[-1][1].lower()
    assert "cancelled" in window.overview.summary.text()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    gate.set()
    with qtbot.waitSignal(window.runner.finished, timeout=60_000,
                          check_params_cb=lambda channel, *_: channel == "overview"):
        window.overview.summary.linkActivated.emit("#again")
    qtbot.waitUntil(lambda: window.overview.model.overview is not None, timeout=10_000)


@pytest.mark.parametrize(("channels", "text"), [
    (["compare"], "Comparison cancelled."),
    (["scan", "compare"], "Folder listing and comparison cancelled."),
    (["compare", "overview", "rescan"], "Comparison, folder overview and list update cancelled."),
])
def test_cancelled_text(channels: list[str], text: str) -> None:
    assert cancelled_text([Channel(c) for c in channels]) == text


# ---- closing during work ----------------------------------------------------------------------

def test_closing_during_a_slow_compare_stops_it(listed: MainWindow, slow, qtbot) -> None:  # type: ignore[no-untyped-def]
    listed.close()
    qtbot.waitUntil(lambda: not listed.runner.busy, timeout=30_000)
    assert slow.saw_cancel == [True]
    assert listed.view.comparison is None


@pytest.mark.e2e
def test_closing_during_a_real_long_compare_stops_it(qtbot, compare_fn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = long_texts(20_000, 11)
    paths = [tmp_path / "left.txt", tmp_path / "right.txt"]
    for path, text in zip(paths, texts, strict=True):
        path.write_text(f"{path.stem} article\n\n{text}", encoding="utf-8")
    w = shown_window(qtbot, compare_fn)
    with qtbot.waitSignal(w.listingShown, timeout=30_000):
        w.open_files(str(paths[0]), str(paths[1]))
    assert w.runner.pending
    w.close()
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=120_000)
    assert w.view.comparison is None


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT to the app")
def test_the_app_exits_cleanly_when_closed_during_a_long_compare(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`python -m twofold FOLDER`, closed (Ctrl+C) while it compares two 20,000-word articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    left, right = long_texts(22_500, 5)
    (folder / "left.txt").write_text("Long article, first outlet\n\n" + left, encoding="utf-8")
    (folder / "right.txt").write_text("Long article, second outlet\n\n" + right,
                                      encoding="utf-8")
    assert min(len(left.split()), len(right.split())) >= 20_000
    log = tmp_path / "twofold.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", TWOFOLD_CACHE_DIR=str(tmp_path / "cache"),
               TWOFOLD_LOG=str(log), XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONFAULTHANDLER="1")  # SIGABRT prints where every thread is
    app = subprocess.Popen([sys.executable, "-m", "twofold", str(folder)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        try:
            qtbot.waitUntil(lambda: app.poll() is not None or (
                log.exists() and "job compare#" in log.read_text(encoding="utf-8")),
                timeout=120_000)
        except qtbot.TimeoutError:  # seen once in ~200 runs: say where the app stood
            app.send_signal(signal.SIGABRT)
            _out, err = app.communicate(timeout=60)
            said = log.read_text(encoding="utf-8") if log.exists() else "(no log)"
            pytest.fail(f"no comparison started in 120 s\nlog:\n{said[-4000:]}\n"
                        f"stderr:\n{err[-8000:]}")
        assert app.poll() is None, "the app ended before it compared"
        app.send_signal(signal.SIGINT)
        _out, err = app.communicate(timeout=180)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    text = log.read_text(encoding="utf-8")
    assert app.returncode == 0, err
    assert "closing: stopping compare" in text, "it was closed while it compared"
    for bad in ("QThread", "Destroyed", "Traceback"):
        assert bad not in err and bad not in text, err


# ---- the engine's hook, as the window's jobs use it -------------------------------------------

def _counting(stop_after: int) -> tuple[Check, list[int]]:
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > stop_after

    return cancelled, calls


def test_a_cancelled_compare_caches_nothing(tmp_path: Path, seeds: Path) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))[:2])
    run = uuid.uuid4().hex  # texts no earlier run cached, whatever cache the tests share
    (tmp_path / "a.txt").write_text(f"Cancel test left {run}\n\n" + text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Cancel test right {run}\n\n" + text[::-1],
                                    encoding="utf-8")
    left, right = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    stop, calls = _counting(3)
    with pytest.raises(Cancelled):
        engine_compare(left, right, cancelled=stop)
    assert len(calls) == 4, "stops at the first check that says so"
    again, calls = _counting(10**9)
    engine_compare(left, right, cancelled=again)
    assert calls, "computed again: the cancelled compare left no result in the cache"
    cached, calls = _counting(0)
    engine_compare(left, right, cancelled=cached)
    assert calls == [], "the finished compare is cached"


def test_a_cancelled_folder_scan_stops_between_files(seeds: Path) -> None:
    stop, calls = _counting(2)
    with pytest.raises(Cancelled):
        jobs.list_folder(str(seeds), True, cancelled=stop)
    assert len(calls) == 3
    found = jobs.list_folder(str(seeds), True, cancelled=lambda: False)
    assert len(found.listing.articles) == 5 and found.pair is not None
