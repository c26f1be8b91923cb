"""The folder overview view: the similarity heat map, rewrites, clusters; a cell compares a pair."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from twofold.ui.mainwindow import MainWindow
from twofold.ui.overviewview import REWRITE_ROLE, SCORE_ROLE


def _shown_overview(window: MainWindow, qtbot):  # type: ignore[no-untyped-def]
    window.centre.show("overview")
    qtbot.waitUntil(lambda: window.overview.model.overview is not None, timeout=60_000)
    return window.overview.model.overview


def test_overview_is_off_until_a_folder_opens(window: MainWindow) -> None:
    assert window.centre.tabs.isHidden()
    assert not window.actions_["overview"].isEnabled()


def test_matrix_has_a_cell_per_pair_of_articles(folder_window: MainWindow, qtbot) -> None:
    overview = _shown_overview(folder_window, qtbot)
    model = folder_window.overview.model
    n = len(folder_window.articles.paths())
    assert (model.rowCount(), model.columnCount()) == (n, n)
    assert [a.path for a in overview.articles] == folder_window.articles.paths()
    for i in range(n):
        for j in range(n):
            assert model.index(i, j).data(SCORE_ROLE) == pytest.approx(
                float(overview.similarity[i, j]))
    assert folder_window.stack.currentWidget() is folder_window.overview


def test_labels_and_tooltips_name_the_articles(folder_window: MainWindow, qtbot) -> None:
    overview = _shown_overview(folder_window, qtbot)
    model = folder_window.overview.model
    name = model.name(0)
    assert model.headerData(0, Qt.Orientation.Vertical).startswith(f"1  {name[:20]}")
    assert name in model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    tip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{float(overview.similarity[0, 1]):.2f}" in tip
    assert overview.clusters
    for group in overview.clusters:
        for i in group:
            assert model.headerData(i, Qt.Orientation.Vertical,
                                    Qt.ItemDataRole.DecorationRole) is not None


def test_rewrites_are_marked_and_listed(folder_window: MainWindow, qtbot) -> None:
    overview = _shown_overview(folder_window, qtbot)
    model = folder_window.overview.model
    rows = [folder_window.overview.relations.item(k).text()
            for k in range(folder_window.overview.relations.count())]
    assert overview.rewrites
    for rewrite in overview.rewrites:
        assert model.index(rewrite.article, rewrite.source).data(REWRITE_ROLE) == rewrite.score
        assert model.index(rewrite.source, rewrite.article).data(REWRITE_ROLE) is None
        cell = model.index(rewrite.article, rewrite.source).data()
        assert any("rewrites" in row and f"similarity {cell}" in row
                   and f"{rewrite.score:.0%} of its phrasing" in row for row in rows)


def test_clicking_a_cell_compares_that_pair(folder_window: MainWindow, qtbot) -> None:
    overview = _shown_overview(folder_window, qtbot)
    row, column = len(overview.articles) - 1, 0
    rect = folder_window.overview.cell_rect(row, column)
    with qtbot.waitSignal(folder_window.comparisonShown, timeout=60_000) as blocker:
        qtbot.mouseClick(folder_window.overview.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center().toPoint())
    c = blocker.args[0]
    assert (c.left.path, c.right.path) == (overview.articles[row].path,
                                           overview.articles[column].path)
    assert folder_window.stack.currentWidget() is folder_window.view
    assert folder_window.centre.tabs.currentIndex() == 0


def test_clicking_the_diagonal_does_nothing(folder_window: MainWindow, qtbot) -> None:
    _shown_overview(folder_window, qtbot)
    with qtbot.assertNotEmitted(folder_window.overview.pairRequested):
        rect = folder_window.overview.cell_rect(1, 1)
        qtbot.mouseClick(folder_window.overview.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center().toPoint())


def test_shortcut_and_tab_switch_views(folder_window: MainWindow, qtbot) -> None:
    folder_window.activateWindow()
    qtbot.keyClick(folder_window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert folder_window.centre.current() == "overview"
    assert folder_window.actions_["overview"].isChecked()
    folder_window.centre.tabs.setCurrentIndex(0)
    assert folder_window.stack.currentWidget() is folder_window.view
    assert not folder_window.actions_["overview"].isChecked()


def test_a_cluster_offers_its_story(folder_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    from twofold.ui.overviewview import CLUSTER_ROLE, MEMBERS_ROLE

    overview = _shown_overview(folder_window, qtbot)
    relations = folder_window.overview.relations
    row = next(n for n in range(relations.count())
               if relations.item(n).data(CLUSTER_ROLE) not in (None, -1))
    item = relations.item(row)
    members = item.data(MEMBERS_ROLE)
    assert members == [overview.articles[i].path for i in overview.clusters[0]]
    menu = folder_window.overview.relation_menu(item)
    assert isinstance(menu, QMenu)
    story = next(a for a in menu.actions() if a.text().startswith("&Story"))
    story.trigger()
    assert folder_window.centre.current() == "story"
    qtbot.waitUntil(lambda: folder_window.story.model.story is not None, timeout=60_000)
    assert [a.path for a in folder_window.story.model.story.articles] == members


def test_a_pair_published_weeks_apart_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from twofold.engine.library.index import ArticleSummary
    from twofold.engine.library.overview import Overview
    from twofold.ui.overviewview import SimilarityModel

    days = [("2019-01-02", "article"), ("2019-01-04", "article"), ("2019-01-25", "article"),
            ("2019-02-20", "file")]  # the last only the file's date: when it was saved
    articles = tuple(ArticleSummary(f"{k}.txt", f"Story {k}", None, day, 500, str(k),
                                    date_source=source) for k, (day, source) in enumerate(days))
    sim = np.full((4, 4), 0.4, np.float32)
    model = SimilarityModel()
    model.set_overview(Overview("f", articles, (), sim, ((0, 1),), ()))

    def tip(i: int, j: int) -> str:
        return str(model.index(i, j).data(Qt.ItemDataRole.ToolTipRole))

    assert "Published 23 days apart" in tip(0, 2)
    assert "Published 21 days apart" in tip(2, 1)
    assert "days apart" not in tip(0, 1)  # two days: one event's coverage
    assert "days apart" not in tip(2, 3)  # a file's date is not a publication day
