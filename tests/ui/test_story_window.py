"""The Story view in the window: for the folder or a selection, with progress, stop, passages
opened in the compare view, export, and the theme."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from twofold.engine.story import Story
from twofold.ui.centre import PAGES
from twofold.ui.mainwindow import MainWindow
from twofold.ui.storyview import NOT_REPORTED, StoryFilter

from .conftest import shown_window
from .fakes import fake_compare


def _story(window: MainWindow, qtbot) -> Story:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.story.model.story is not None, timeout=60_000)
    story = window.story.model.story
    assert story is not None
    return story


def test_story_is_off_until_a_folder_opens(window: MainWindow) -> None:
    assert not window.actions_["story"].isEnabled()
    window.centre.show("story")
    assert window.centre.current() == "compare"


def test_the_story_tab_relates_every_article_of_the_folder(folder_window: MainWindow, qtbot
                                                            ) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    folder_window.session.storyProgress.connect(lambda done, total: seen.append((done, total)))
    folder_window.centre.tabs.setCurrentIndex(PAGES.index("story"))
    assert folder_window.stack.currentWidget() is folder_window.story
    assert folder_window.actions_["story"].isChecked()
    assert not folder_window.actions_["overview"].isChecked()
    story = _story(folder_window, qtbot)
    paths = folder_window.articles.paths()
    assert [a.path for a in story.articles] == paths
    n = len(paths)
    qtbot.waitUntil(lambda: len(seen) == n * (n - 1) // 2)
    assert seen[-1] == (n * (n - 1) // 2,) * 2  # every pair reported, the last one last
    model = folder_window.story.model
    assert model.columnCount() == n and model.rowCount() == len(story.claims)
    shared = [c for c in story.claims if len(c.articles) > 1]
    assert shared, "articles about one event share claims"
    assert any(model.index(r, c).data() == NOT_REPORTED
               for r in range(model.rowCount()) for c in range(n))
    summary = folder_window.story.summary.text()
    assert f"<b>{len(story.claims)}</b> claims across <b>{n}</b> articles" in summary
    assert folder_window.story.filter.isVisible() and not folder_window.story.cancel.isVisible()


def test_menu_and_tabs_agree_and_the_story_is_not_worked_out_twice(
        folder_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder_window.actions_["story"].trigger()
    story = _story(folder_window, qtbot)
    assert folder_window.centre.tabs.currentIndex() == PAGES.index("story")
    folder_window.actions_["overview"].trigger()
    assert folder_window.centre.current() == "overview"
    assert not folder_window.actions_["story"].isChecked()
    again: list[str] = []
    folder_window.session.storyWaiting.connect(again.append)
    folder_window.centre.tabs.setCurrentIndex(PAGES.index("story"))
    assert again == []  # the story shown is still the folder's
    assert folder_window.story.model.story is story
    folder_window.actions_["story"].trigger()  # unchecking it goes back to the pair
    assert folder_window.centre.current() == "compare"


def test_a_selection_of_the_list_gets_its_own_story(folder_window: MainWindow, qtbot
                                                     ) -> None:  # type: ignore[no-untyped-def]
    tree = folder_window.articles.tree
    chosen = folder_window.articles.paths()[1:4]
    tree.clearSelection()
    for path in chosen:
        item = folder_window.articles.item_for(path)
        assert item is not None
        tree.selectionModel().select(tree.indexFromItem(item),
                                     QItemSelectionModel.SelectionFlag.Select)
    assert folder_window.articles.selected_paths() == chosen
    waiting: list[str] = []
    folder_window.session.storyWaiting.connect(waiting.append)
    folder_window.articles.story_action.trigger()
    story = _story(folder_window, qtbot)
    assert [a.path for a in story.articles] == chosen
    assert waiting == ["3 selected articles"]
    assert folder_window.centre.current() == "story"
    assert folder_window.story.model.columnCount() == 3


def test_one_article_selected_asks_for_more(folder_window: MainWindow, qtbot
                                            ) -> None:  # type: ignore[no-untyped-def]
    notes: list[str] = []
    folder_window.session.messages.shown.connect(lambda _level, text, *_: notes.append(text))
    folder_window.centre.show_story_of(folder_window.articles.paths()[:1])
    assert notes and "at least two readable articles" in notes[-1]
    assert folder_window.story.model.story is None


def test_clicking_a_passage_opens_that_pair_there(folder_window: MainWindow, qtbot
                                                  ) -> None:  # type: ignore[no-untyped-def]
    folder_window.centre.show("story")
    story = _story(folder_window, qtbot)
    model = folder_window.story.model
    row = next(r for r, c in enumerate(model.rows) if 1 not in c.articles
               and len(c.articles) > 1)  # not the pair on screen, to be compared anew
    column = model.rows[row].articles[-1]
    own = model.members(row, column)[0]
    other = next(m for m in model.rows[row].members if m.article != column)
    with qtbot.waitSignal(folder_window.comparisonShown, timeout=60_000):
        folder_window.story.table.clicked.emit(model.index(row, column))
    c = folder_window.view.comparison
    assert c is not None
    assert (c.left.path, c.right.path) == (story.articles[column].path,
                                           story.articles[other.article].path)
    assert folder_window.centre.current() == "compare"
    left, right = folder_window.view.left, folder_window.view.right
    qtbot.waitUntil(lambda: left.layers.ranges("divergence") == [
        (left.position(own.paragraph, own.start), left.position(own.paragraph, own.end))],
        timeout=5_000)
    assert right.layers.ranges("divergence") == [
        (right.position(other.paragraph, other.start),
         right.position(other.paragraph, other.end))]
    tints = {sel.format.background().color().name() for sel in left.extraSelections()
             if (sel.cursor.selectionStart(), sel.cursor.selectionEnd())
             == left.layers.ranges("divergence")[0]}
    # a claim's passage has its own tint: it is not painted as a divergence
    assert folder_window.colors.passage_bg.name() in tints
    assert folder_window.colors.divergence_bg.name() not in tints
    stop = folder_window.view.stops()[folder_window.view.current]
    assert stop.left == own.paragraph  # the passage's link is the current one


def test_stopping_a_story_offers_to_work_it_out_again(qtbot, seeds) -> None:  # type: ignore[no-untyped-def]
    def slow(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        time.sleep(0.05)
        return fake_compare(*args, **kwargs)  # type: ignore[arg-type]

    w = shown_window(qtbot, slow)
    with qtbot.waitSignal(w.comparisonShown, timeout=60_000):
        w.open_folder(str(seeds))
    w.runner.wait(60_000)
    w.session.compare_fn = _blocking(slow)
    w.centre.show("story")
    assert w.story.cancel.isVisible() and w.story.progress.isVisible()
    with qtbot.waitSignal(w.session.storyCancelled):
        w.story.cancel.click()
    assert "stopped" in w.story.summary.text() and w.story.model.story is None
    w.runner.wait(60_000)
    w.session.compare_fn = slow
    w.story.summary.linkActivated.emit("#again")
    assert _story(w, qtbot).articles


def _blocking(compare):  # type: ignore[no-untyped-def]
    """A compare that waits until the job is cancelled (so a test can stop it mid-way)."""
    def run(*args: object, cancelled=None, **kwargs: object):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 30
        while cancelled is not None and not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return compare(*args, cancelled=cancelled, **kwargs)

    return run


def test_export_writes_the_story_outside_the_folder(folder_window: MainWindow, qtbot,
                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder_window.centre.show("story")
    story = _story(folder_window, qtbot)
    target = tmp_path / "story.csv"
    with qtbot.waitSignal(folder_window.exporter.exported, timeout=30_000):
        folder_window.exporter.export_story_to(story, "csv", str(target))
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == len(story.claims) + 1
    assert len(rows[0]) >= len(story.articles)
    before = {p: os.path.getmtime(p) for p in folder_window.articles.paths()}
    with qtbot.waitSignal(folder_window.exporter.failed) as refused:
        folder_window.exporter.export_story_to(story, "html", folder_window.articles.paths()[0])
    assert "one of the articles" in refused.args[1]
    assert {p: os.path.getmtime(p) for p in before} == before


def test_story_follows_a_live_theme_switch(folder_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder_window.centre.show("story")
    _story(folder_window, qtbot)
    model = folder_window.story.model
    row, column = next((r, c) for r in range(model.rowCount())
                       for c in range(model.columnCount())
                       if model.index(r, c).data() == NOT_REPORTED)
    folder_window.set_theme("dark")
    dark = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole).color()
    assert dark == folder_window.colors.muted
    folder_window.set_theme("light")
    light = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole).color()
    assert light == folder_window.colors.muted and light != dark
    folder_window.story.filter.setCurrentIndex(list(StoryFilter).index(StoryFilter.EVERYONE))
    assert all(len(c.articles) == model.columnCount() for c in model.rows)


def test_a_large_folder_asks_before_comparing_every_pair(qtbot, seeds, tmp_path: Path
                                                         ) -> None:  # type: ignore[no-untyped-def]
    from twofold.ui.centre import AUTO_STORY

    sources = sorted(seeds.glob("*.txt"))
    for n in range(AUTO_STORY + 1):  # light rewrites, so no two files are the same article
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        (tmp_path / f"{n:02d}.txt").write_text(text.replace(" the ", " a ", n // len(sources)),
                                               encoding="utf-8")
    w = shown_window(qtbot, fake_compare)
    with qtbot.waitSignal(w.comparisonShown, timeout=60_000):
        w.open_folder(str(tmp_path))
    w.runner.wait(60_000)
    asked: list[str] = []
    w.session.storyWaiting.connect(asked.append)
    w.centre.show("story")
    assert asked == [] and w.session.story_of is None
    assert f"{AUTO_STORY + 1}</b> articles" in w.story.summary.text()
    w.story.summary.linkActivated.emit("#event")
    assert len(asked) == 1 and asked[0].startswith(f"the articles of {tmp_path.name} about "
                                                   "the event of")
    w.runner.wait(120_000)
    w.story.summary.linkActivated.emit("#all")
    assert asked[1:] == [f"all {AUTO_STORY + 1} articles of {tmp_path.name}"]
    w.runner.wait(120_000)


FLOODS = (
    "Heavy monsoon rains flooded large parts of Dhaka on Tuesday, submerging streets and "
    "cutting power to thousands of homes.\n\nRescue boats evacuated families from low-lying "
    "districts as rivers rose above danger levels across Bangladesh.",
    "Floodwater covered Dhaka's streets after monsoon downpours, leaving homes without "
    "electricity.\n\nBoats ferried residents out of low-lying districts where the rivers of "
    "Bangladesh had burst their banks and risen above danger levels.",
)


def test_a_folder_of_several_events_tells_the_story_of_the_pairs_event(
        qtbot, seeds: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for source in sorted(seeds.iterdir()):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    floods = [str(tmp_path / f"floods-{n}.txt") for n in (1, 2)]
    for path, text in zip(floods, FLOODS, strict=True):
        Path(path).write_text(text, encoding="utf-8")
    window = shown_window(qtbot, fake_compare)
    with qtbot.waitSignal(window.comparisonShown, timeout=60_000):
        window.open_folder(str(tmp_path))
    with qtbot.waitSignal(window.comparisonShown, timeout=60_000):
        window.compare_pair(*floods)
    window.centre.show("story")
    story = _story(window, qtbot)
    assert sorted(a.path for a in story.articles) == floods  # not the five about Niger
    summary = window.story.summary.text()
    assert "<a href='#all'>the story of all 7</a>" in summary
    niger = [p for p in window.articles.paths() if p not in floods]
    with qtbot.waitSignal(window.comparisonShown, timeout=60_000):
        window.compare_pair(niger[0], niger[1])  # the pair moves to the other event
    with qtbot.waitSignal(window.session.storyShown, timeout=60_000,
                          check_params_cb=lambda s: s is not None):
        window.centre.show("story")
    assert sorted(a.path for a in window.story.model.story.articles) == sorted(niger)
    with qtbot.waitSignal(window.session.storyShown, timeout=60_000,
                          check_params_cb=lambda s: s is not None):
        window.story.summary.linkActivated.emit("#all")
    assert len(window.story.model.story.articles) == 7
    assert "the story of all" not in window.story.summary.text()
    window.runner.wait(60_000)
