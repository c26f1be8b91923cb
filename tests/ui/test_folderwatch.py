"""The open folder is watched: files added, changed or removed show up without reopening it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from twofold.ui.mainwindow import MainWindow

from .conftest import shown_window
from .fakes import fake_compare

NEW_PARAGRAPH = "\n\nA closing paragraph added later says the talks moved to Zanzibar.\n"


def _append(path: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(NEW_PARAGRAPH)


@pytest.fixture
def watched(qtbot, seeds, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A window on a temporary copy of three sample articles, compared with the stand-in."""
    for path in sorted(seeds.glob("*.txt"))[:3]:
        shutil.copy(path, tmp_path / path.name)
    w = shown_window(qtbot, fake_compare)
    with qtbot.waitSignal(w.comparisonShown, timeout=60_000):
        w.open_folder(str(tmp_path))
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=60_000)
    yield w
    w.runner.wait(60_000)


def test_a_file_added_to_the_folder_is_listed(watched: MainWindow, qtbot, seeds,
                                              tmp_path: Path) -> None:
    extra = sorted(seeds.glob("*.txt"))[3]
    shutil.copy(extra, tmp_path / extra.name)
    qtbot.waitUntil(lambda: str(tmp_path / extra.name) in watched.articles.paths(),
                    timeout=10_000)
    assert len(watched.articles.paths()) == 4


def test_only_the_added_file_is_read_when_the_list_updates(watched: MainWindow, qtbot, seeds,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from twofold.engine.library import index

    loaded: list[str] = []
    real = index.load_article

    def counting(path: Path):  # type: ignore[no-untyped-def]
        loaded.append(Path(path).name)  # runs on a pool thread: list.append is atomic
        return real(path)

    monkeypatch.setattr(index, "load_article", counting)
    extra = sorted(seeds.glob("*.txt"))[3]
    shutil.copy(extra, tmp_path / extra.name)
    qtbot.waitUntil(lambda: str(tmp_path / extra.name) in watched.articles.paths(),
                    timeout=10_000)
    assert loaded == [extra.name]


def test_a_file_removed_from_the_folder_leaves_the_list(watched: MainWindow, qtbot) -> None:
    spare = next(p for p in watched.articles.paths()
                 if p not in (watched.left_path, watched.right_path))
    Path(spare).unlink()
    qtbot.waitUntil(lambda: spare not in watched.articles.paths(), timeout=10_000)
    assert watched.view.comparison is not None


def test_changing_a_compared_file_compares_again(watched: MainWindow, qtbot) -> None:
    left = watched.left_path
    assert left is not None
    with qtbot.waitSignal(watched.comparisonShown, timeout=30_000) as blocker:
        _append(left)
    assert blocker.args[0].left.path == left
    assert "Zanzibar" in watched.view.left.toPlainText()
    assert any("changed on disk" in text for _, text in watched.messages.messages())


def test_a_changed_file_that_is_not_compared_is_not_compared_again(watched: MainWindow,
                                                                   qtbot) -> None:
    spare = next(p for p in watched.articles.paths()
                 if p not in (watched.left_path, watched.right_path))
    with qtbot.assertNotEmitted(watched.comparisonShown, wait=0):
        with qtbot.waitSignal(watched.listingUpdated, timeout=10_000):
            _append(spare)
        qtbot.waitUntil(lambda: not watched.runner.busy, timeout=10_000)


def test_removing_a_compared_file_keeps_its_text_and_says_so(watched: MainWindow,
                                                            qtbot) -> None:
    right = watched.right_path
    assert right is not None
    before = watched.view.right.toPlainText()
    Path(right).unlink()
    name = Path(right).name
    qtbot.waitUntil(lambda: any(name in text and "removed" in text
                                for _, text in watched.messages.messages()), timeout=10_000)
    assert watched.view.right.toPlainText() == before
    assert right not in watched.articles.paths()


def test_a_new_folder_stops_watching_the_old_one(watched: MainWindow, qtbot, seeds,
                                                 tmp_path: Path) -> None:
    with qtbot.waitSignal(watched.listingShown, timeout=30_000):
        watched.open_folder(str(seeds))
    assert watched.session.watch.folder == str(seeds)
    assert not any(path.startswith(str(tmp_path)) for path in watched.session.watch.paths())


def test_the_story_on_screen_is_worked_out_again_when_an_article_arrives(
        watched: MainWindow, qtbot, seeds, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    watched.centre.show("story")
    qtbot.waitUntil(lambda: watched.story.model.story is not None, timeout=60_000)
    assert len(watched.story.model.story.articles) == 3  # type: ignore[union-attr]
    extra = sorted(seeds.glob("*.txt"))[3]
    shutil.copy(extra, tmp_path / extra.name)
    qtbot.waitUntil(lambda: watched.story.model.story is not None
                    and len(watched.story.model.story.articles) == 4, timeout=60_000)
    watched.centre.show("compare")
    _append(str(tmp_path / extra.name))  # a change while the story is not on screen
    qtbot.waitUntil(lambda: watched.story.model.story is None, timeout=10_000)
    assert watched.session.story_of is None  # worked out again when next shown


def test_the_overview_on_screen_follows_the_folder(watched: MainWindow, qtbot, seeds,
                                                   tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    watched.centre.show("overview")
    qtbot.waitUntil(lambda: watched.overview.model.overview is not None, timeout=60_000)
    extra = sorted(seeds.glob("*.txt"))[3]
    shutil.copy(extra, tmp_path / extra.name)
    qtbot.waitUntil(lambda: watched.overview.model.overview is not None
                    and len(watched.overview.model.overview.articles) == 4, timeout=60_000)
