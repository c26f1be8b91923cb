"""The window reads the articles nearest the pair ahead, in the background, and gives way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from twofold.engine.errors import Cancelled
from twofold.ui import session as jobs

from .conftest import shown_window
from .fakes import fake_compare


class Reader:
    """Stands in for the engine's reading ahead: records each pair, works until cancelled."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.stopped = threading.Event()
        self.running = threading.Event()
        self.stops = 0  # runs ended so far (`stopped` is cleared again when the next begins)

    def __call__(self, _listing: object, pair: tuple[str, str], *,
                 cancelled: Callable[[], bool]) -> int:
        self.pairs.append(pair)
        self.stopped.clear()
        self.running.set()
        safety = time.monotonic() + 60
        while not cancelled() and time.monotonic() < safety:
            time.sleep(0.005)
        self.running.clear()
        self.stops += 1
        self.stopped.set()
        Cancelled.check(cancelled, "Reading ahead")
        return 0


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch) -> Reader:
    r = Reader()
    monkeypatch.setattr(jobs, "read_ahead", r)
    return r


def test_the_pair_shown_starts_reading_ahead_and_a_new_pair_stops_it(
        qtbot, seeds: Path, reader: Reader) -> None:  # type: ignore[no-untyped-def]
    w = shown_window(qtbot, fake_compare)
    w.session.reads_ahead = True
    with qtbot.waitSignal(w.session.comparisonShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.waitUntil(reader.running.is_set, timeout=10_000)
    first = (w.session.left, w.session.right)
    assert reader.pairs == [first]
    # Background reading is nobody's wait: no busy state, nothing for Esc or Cancel to stop.
    assert not w.session.runner.pending
    assert w.session.cancel() == []

    others = [a.path for a in w.session.listing.articles if a.path not in first]
    with qtbot.waitSignal(w.session.comparisonShown, timeout=30_000):
        w.session.set_pair(first[0], others[0])
        # gave way to the compare (the next pair's reading may have begun since)
        qtbot.waitUntil(lambda: reader.stops >= 1, timeout=10_000)
    qtbot.waitUntil(lambda: len(reader.pairs) == 2, timeout=10_000)
    assert reader.pairs[1] == (first[0], others[0])

    w.close()  # closing stops it too
    qtbot.waitUntil(reader.stopped.is_set, timeout=10_000)


def test_a_stand_in_compare_reads_nothing_ahead(qtbot, seeds: Path, reader: Reader) -> None:  # type: ignore[no-untyped-def]
    w = shown_window(qtbot, fake_compare)
    with qtbot.waitSignal(w.session.comparisonShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.wait(200)
    assert reader.pairs == []


def test_reading_ahead_can_be_turned_off_and_stays_off(qtbot, seeds: Path,  # type: ignore[no-untyped-def]
                                                       reader: Reader) -> None:
    w = shown_window(qtbot, fake_compare)
    w.session._can_read_ahead = True  # as with the engine's compare
    action = w.actions_["read-ahead"]
    assert action.isCheckable()
    action.setChecked(False)
    action.trigger()  # on
    assert action.isChecked() and w.session.reads_ahead
    with qtbot.waitSignal(w.session.comparisonShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.waitUntil(reader.running.is_set, timeout=10_000)
    action.trigger()  # off: what is being read stops
    qtbot.waitUntil(reader.stopped.is_set, timeout=10_000)
    assert not w.session.reads_ahead

    pair = (w.session.left, w.session.right)
    other = next(a.path for a in w.session.listing.articles if a.path not in pair)
    with qtbot.waitSignal(w.session.comparisonShown, timeout=30_000):
        w.session.set_pair(pair[0], other)  # a new pair compared: nothing read ahead of it
    qtbot.wait(200)
    assert len(reader.pairs) == 1

    from twofold.ui import settings
    assert settings.load(settings.READ_AHEAD) is False  # the next window starts with it off
    again = shown_window(qtbot, fake_compare)
    assert not again.actions_["read-ahead"].isChecked()

    action.trigger()  # on again: the pair on screen is read ahead at once
    qtbot.waitUntil(lambda: len(reader.pairs) == 2, timeout=10_000)
    assert reader.pairs[1] == (pair[0], other)
    w.close()
    qtbot.waitUntil(reader.stopped.is_set, timeout=10_000)


def test_a_folder_with_a_long_article_starts_the_second_reader(
        tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from twofold.engine import coreader

    starts: list[int] = []

    class Second:
        def start(self) -> None:
            starts.append(1)

    monkeypatch.setattr(coreader, "shared_coreader", Second)
    for seed in sorted(seeds.glob("*.txt"))[:2]:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    jobs.list_folder(str(tmp_path), True)
    assert starts == []  # news-length articles: read in a moment, no second process
    paragraph = "The council approved the new bridge on Monday after a long debate. " * 10
    (tmp_path / "long.txt").write_text("A long report\n\n" + "\n\n".join(
        f"{i}. {paragraph}" for i in range(coreader.LONG_WORDS // 100 + 5)), encoding="utf-8")
    jobs.list_folder(str(tmp_path), True)
    assert starts == [1]
    jobs.list_files([str(tmp_path / "long.txt"), str(sorted(tmp_path.glob("*.txt"))[0])])
    assert starts == [1, 1]
