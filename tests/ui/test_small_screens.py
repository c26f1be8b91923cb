"""Small screens and long pairs: readable panes at 1024x700, headers that fit, a window that
keeps its size, an overview of 63 articles whose numbers can be read."""

from __future__ import annotations

import statistics
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle

from twofold.engine.library.index import ArticleSummary, Listing
from twofold.engine.library.overview import Overview, Rewrite
from twofold.engine.model import EngineInfo
from twofold.ui.articlelist import TITLE_SHARE, ArticleList
from twofold.ui.mainwindow import MainWindow
from twofold.ui.overviewview import OverviewView
from twofold.ui.pane import ArticlePane
from twofold.ui.paneheader import REORDERED


def _chars_per_line(pane: ArticlePane) -> float:
    """Median characters on a full line (the second line of paragraphs of three or more)."""
    lengths = []
    block = pane.document().begin()
    while block.isValid():
        layout = block.layout()
        if layout.lineCount() >= 3:
            lengths.append(layout.lineAt(1).textLength())
        block = block.next()
    assert lengths, "no paragraph wraps"
    return statistics.median(lengths)


@pytest.mark.parametrize("width", [1024, 1280, 1519, 1520, 1600])
def test_each_pane_keeps_45_characters_a_line(compared: MainWindow, qtbot, width: int) -> None:
    compared.resize(width, 700 if width == 1024 else 900)
    qtbot.waitUntil(lambda: compared.width() == width)
    qtbot.wait(20)
    compared.view.realign()
    for pane in (compared.view.left, compared.view.right):
        assert _chars_per_line(pane) >= 45, (width, pane.side)


def test_a_narrow_window_folds_the_docks_into_tabs_and_unfolds_them(compared: MainWindow,
                                                                     qtbot) -> None:
    compared.resize(1600, 900)
    qtbot.waitUntil(lambda: compared.width() == 1600)
    assert not compared.tabifiedDockWidgets(compared.entities_dock)
    compared.resize(1024, 700)
    qtbot.waitUntil(lambda: compared.width() == 1024)
    assert set(compared.tabifiedDockWidgets(compared.articles_dock)) == {
        compared.entities_dock, compared.divergences_dock}
    compared.resize(1600, 900)
    qtbot.waitUntil(lambda: compared.width() == 1600)
    assert not compared.tabifiedDockWidgets(compared.entities_dock)
    assert compared.dockWidgetArea(compared.entities_dock) != compared.dockWidgetArea(
        compared.articles_dock)


def test_busy_work_and_notes_never_widen_the_window(compared: MainWindow, qtbot) -> None:
    compared.resize(1024, 700)
    qtbot.waitUntil(lambda: compared.width() == 1024)
    compared.status.set_busy(True, "Relating the folder's articles, every one with every other…")
    compared.status.set_cancellable(True)
    compared.status.show_note("long pair: 1,204 of 3,018 sentences embedded (those where "
                              "meaning decides a link), the rest compared on words")
    qtbot.wait(50)
    assert compared.layout().minimumSize().width() <= 1024
    assert compared.width() == 1024


def test_headers_elide_in_the_middle_and_tell_the_whole_title(compared: MainWindow,
                                                              qtbot) -> None:
    compared.resize(1024, 700)
    qtbot.waitUntil(lambda: compared.width() == 1024)
    c = compared.view.comparison
    long_title = "An exceptionally long headline " * 6 + "that ends here"
    compared.view.set_comparison(replace(c, left=replace(c.left, title=long_title)))
    header = compared.view.left_header
    shown = header.title.text()
    assert "…" in shown and shown.endswith("ends here"), shown
    assert header.title.fontMetrics().horizontalAdvance(shown) <= header.title.width()
    assert long_title in header.toolTip()


def test_follow_left_order_says_the_right_article_is_reordered(compared: MainWindow) -> None:
    header = compared.view.right_header
    assert REORDERED not in header.details.full_text()
    compared.actions_["follow"].trigger()
    assert REORDERED in header.details.full_text()
    assert REORDERED not in compared.view.left_header.details.full_text()
    compared.actions_["follow"].trigger()
    assert REORDERED not in header.details.full_text()


def test_a_partial_engine_shows_its_note_in_the_status_bar(compared: MainWindow) -> None:
    c = compared.view.comparison
    assert not compared.status.note_label.isVisible()
    note = "sentence embeddings turned off: aligned on words alone"
    compared.session._show(replace(c, engine=EngineInfo(note=note)))
    label = compared.status.note_label
    assert label.isVisible() and note in label.text() and note in label.toolTip()
    assert compared.colors.warning.name() in label.styleSheet()


def _overview(n: int) -> Overview:
    names = [f"Article number {i} about one of many events in a long folder" for i in range(n)]
    articles = tuple(ArticleSummary(f"/f/{i:02d}.txt", t, "Outlet", None, 500, str(i), t)
                     for i, t in enumerate(names))
    sim = np.random.default_rng(3).random((n, n)).astype(np.float32)
    sim = (sim + sim.T) / 2
    np.fill_diagonal(sim, 1.0)
    clusters = tuple(tuple(range(k, k + 3)) for k in range(0, n - 2, 3))
    return Overview("/f", articles, (), sim, clusters, (Rewrite(4, 1, 0.91),))


def test_63_column_labels_fit_their_columns(qtbot) -> None:
    view = OverviewView()
    qtbot.addWidget(view)
    view.set_overview(_overview(63))
    header = view.table.horizontalHeader()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    for column in range(63):
        label = view.model.headerData(column, header.orientation())
        assert label == str(column + 1)
        assert view.model.headerData(column, header.orientation(), 1) is None, "no dot"
        need = header.fontMetrics().horizontalAdvance(label) + 2 * margin
        assert header.sectionSize(column) >= need, column


def test_the_rewrite_line_shows_the_score_of_its_cell(qtbot) -> None:
    view = OverviewView()
    qtbot.addWidget(view)
    view.set_overview(_overview(8))
    cell = view.model.data(view.model.index(4, 1))
    line = view.relations.item(0).text()
    assert line.startswith("5. ") and "rewrites 2. " in line
    assert f"similarity {cell}" in line


def test_a_wide_articles_list_shows_the_word_counts(compared: MainWindow, qtbot) -> None:
    tree = compared.articles.tree
    compared.resize(1600, 900)
    qtbot.waitUntil(lambda: compared.width() == 1600)
    compared.resizeDocks([compared.articles_dock], [520], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not tree.isColumnHidden(3))


@pytest.mark.parametrize("width", [200, 280, 420])
def test_the_titles_keep_their_share_of_the_articles_list(qtbot, width: int) -> None:
    """Long outlet names ("The New York Times") elide, the titles that tell articles apart keep
    their room, and the list does not scroll sideways."""
    articles = ArticleList()
    qtbot.addWidget(articles)
    articles.resize(width, 500)
    articles.show()
    summaries = tuple(ArticleSummary(f"/f/{i}.txt", t, "The New York Times Company", "2019-01-0"
                                     f"{i + 1}", 1500, str(i), t)
                      for i, t in enumerate(["Trump Offers Temporary Protections for Dreamers",
                                             "House Passes Democrats' Centerpiece Bill"]))
    articles.set_listing(Listing("/f", summaries, ()))
    tree = articles.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 0)
    shown = [c for c in range(4) if not tree.isColumnHidden(c)]
    assert tree.columnWidth(0) >= int(tree.viewport().width() * TITLE_SHARE) - 1
    assert sum(tree.columnWidth(c) for c in shown) <= tree.viewport().width() + 1
    assert "The New York Times Company" in tree.topLevelItem(0).toolTip(0)


def test_the_matrix_gives_its_cells_room_before_the_row_names(qtbot) -> None:
    view = OverviewView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.set_overview(_overview(12))
    qtbot.waitUntil(lambda: view.table.width() > 0)
    header = view.table.verticalHeader()
    columns = view.table.horizontalHeader()
    qtbot.waitUntil(lambda: not view.table.horizontalScrollBar().isVisible())
    assert columns.sectionSize(0) >= columns.fontMetrics().horizontalAdvance("0.00")
    assert header.width() < header.sizeHint().width(), "long names elide, cells stay whole"
    view.resize(1600, 700)
    qtbot.waitUntil(lambda: header.width() == header.sizeHint().width())
    assert not view.table.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("width", [1024, 1600])
def test_a_window_sized_before_it_shows_arranges_its_docks_for_that_width(qtbot,
                                                                         width: int) -> None:
    from .fakes import fake_compare

    window = MainWindow(compare_fn=fake_compare, restore=False)  # arranged for 1280 at start
    qtbot.addWidget(window)
    window.resize(width, 800)
    window.show()
    qtbot.waitExposed(window)
    beside = window.dockWidgetArea(window.entities_dock) != window.dockWidgetArea(
        window.articles_dock)
    assert beside == (width >= 1520)  # narrow: one tabbed column; wide: docks on both sides
