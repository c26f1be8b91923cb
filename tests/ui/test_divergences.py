"""The divergences dock and the divergence marks in the panes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest

from twofold.engine.model import Comparison, Divergence
from twofold.ui.highlight import divergence_at
from twofold.ui.mainwindow import MainWindow
from twofold.ui.pane import ArticlePane

from .conftest import shown_window
from .fakes import fake_compare, fake_compare_with_divergences

PAIR = ("003_b566000c8c37acde.txt", "004_51b130d9f68ecc45.txt")


def _open_pair(qtbot, seeds: Path, compare_fn) -> MainWindow:  # type: ignore[no-untyped-def]
    w = shown_window(qtbot, compare_fn)
    with qtbot.waitSignal(w.comparisonShown, timeout=180_000):
        w.open_files(str(seeds / PAIR[0]), str(seeds / PAIR[1]))
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=60_000)
    w.view.realign()
    return w


@pytest.fixture
def diverged(qtbot, seeds):  # type: ignore[no-untyped-def]
    """A window showing a hand-made comparison with three divergences far apart."""
    w = _open_pair(qtbot, seeds, fake_compare_with_divergences)
    yield w
    w.runner.wait(60_000)


def _underlined(pane: ArticlePane, position: int) -> bool:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)  # charFormat() is the character before the cursor
    return cursor.charFormat().underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline


def _click_row(window: MainWindow, row: int) -> None:
    listing = window.divergences.list
    item = window.divergences.item_at(row)
    listing.scrollToItem(item)
    rect = listing.visualItemRect(item)
    QTest.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _assert_revealed(pane: ArticlePane, paragraph: int, start: int) -> None:
    position = pane.position(paragraph, start)
    assert pane.textCursor().position() == position
    assert pane.is_visible_at(pane.char_top(paragraph, start))


def test_divergence_spans_carry_a_wavy_underline(diverged: MainWindow) -> None:
    c = diverged.view.comparison
    assert len(c.divergences) == 3
    for d in c.divergences:
        for pane, span in ((diverged.view.left, d.left), (diverged.view.right, d.right)):
            for offset in range(span.start, span.end):
                position = pane.position(span.paragraph, offset)
                assert _underlined(pane, position)
                assert divergence_at(pane.document(), position) == d.note


def test_text_outside_divergences_has_no_underline(diverged: MainWindow) -> None:
    c = diverged.view.comparison
    marked = {(d.left.paragraph, o) for d in c.divergences
              for o in range(d.left.start, d.left.end)}
    pane = diverged.view.left
    free = next((p.id, o) for p in c.left.paragraphs for o in range(len(p.text))
                if (p.id, o) not in marked)
    assert not _underlined(pane, pane.position(*free))


def test_dock_lists_divergences_in_engine_order(diverged: MainWindow) -> None:
    panel = diverged.divergences
    c = diverged.view.comparison
    assert panel.list.count() == len(c.divergences) == 3
    assert panel.divergences() == c.divergences
    for row, d in enumerate(c.divergences):
        tip = panel.item_at(row).toolTip()
        assert d.left.text in tip and d.right.text in tip and d.note in tip


def test_status_bar_counts_divergences(diverged: MainWindow) -> None:
    n = len(diverged.view.comparison.divergences)
    assert diverged.status.divergences_label.text() == f"{n} divergences"


def test_clicking_a_divergence_scrolls_both_panes_to_its_spans(diverged: MainWindow,
                                                               qtbot) -> None:
    c = diverged.view.comparison
    for row in (0, 1):
        d = c.divergences[row]
        _click_row(diverged, row)
        _assert_revealed(diverged.view.left, d.left.paragraph, d.left.start)
        _assert_revealed(diverged.view.right, d.right.paragraph, d.right.start)


def test_clicking_a_divergence_flashes_both_spans_then_stops(diverged: MainWindow,
                                                            qtbot) -> None:
    d = diverged.view.comparison.divergences[0]
    _click_row(diverged, 0)
    left, right = diverged.view.left, diverged.view.right
    assert left.layers.ranges("flash") == [(left.position(d.left.paragraph, d.left.start),
                                            left.position(d.left.paragraph, d.left.end))]
    assert right.layers.ranges("flash") == [(right.position(d.right.paragraph, d.right.start),
                                             right.position(d.right.paragraph, d.right.end))]
    qtbot.waitUntil(lambda: not diverged.view.is_flashing(), timeout=5000)
    assert left.layers.ranges("flash") == [] and right.layers.ranges("flash") == []
    # the flash settles into a lasting tint of both spans, until another is picked
    assert left.layers.ranges("divergence") == [(left.position(d.left.paragraph, d.left.start),
                                                 left.position(d.left.paragraph, d.left.end))]
    assert right.layers.ranges("divergence") == [
        (right.position(d.right.paragraph, d.right.start),
         right.position(d.right.paragraph, d.right.end))]


def test_swap_sides_mirrors_divergences(diverged: MainWindow, qtbot) -> None:
    before: Comparison = diverged.view.comparison
    with qtbot.waitSignal(diverged.comparisonShown):
        diverged.swap_sides()
    after = diverged.view.comparison
    first: Divergence = after.divergences[0]
    assert (first.left, first.right) == (before.divergences[0].right,
                                         before.divergences[0].left)
    assert diverged.divergences.divergences() == after.divergences
    pane = diverged.view.left
    assert _underlined(pane, pane.position(first.left.paragraph, first.left.start))
    _click_row(diverged, 0)
    _assert_revealed(diverged.view.left, first.left.paragraph, first.left.start)
    _assert_revealed(diverged.view.right, first.right.paragraph, first.right.start)


def test_follow_left_order_keeps_divergence_marks(diverged: MainWindow) -> None:
    diverged.set_follow_left(True)
    c = diverged.view.comparison
    pane = diverged.view.right
    assert len(c.divergences) == 3
    for d in c.divergences:
        assert _underlined(pane, pane.position(d.right.paragraph, d.right.start))
    _click_row(diverged, 1)
    d = c.divergences[1]
    _assert_revealed(diverged.view.right, d.right.paragraph, d.right.start)
    _assert_revealed(diverged.view.left, d.left.paragraph, d.left.start)


def test_no_divergences_shows_the_empty_text(qtbot, seeds) -> None:
    w = _open_pair(qtbot, seeds, fake_compare)
    assert w.divergences.list.isHidden()
    assert "No divergences" in w.divergences.empty.text()
    assert w.status.divergences_label.text() == "no divergences"
    w.runner.wait(60_000)


@pytest.mark.e2e
def test_real_engine_divergences_jump_to_both_places(qtbot, seeds, compare_fn) -> None:
    w = _open_pair(qtbot, seeds, compare_fn)
    c = w.view.comparison
    assert len(c.divergences) >= 2
    assert w.status.divergences_label.text() == f"{len(c.divergences)} divergences"
    for row, d in enumerate(c.divergences):
        _click_row(w, row)
        _assert_revealed(w.view.left, d.left.paragraph, d.left.start)
        _assert_revealed(w.view.right, d.right.paragraph, d.right.start)
        assert _underlined(w.view.left, w.view.left.position(d.left.paragraph, d.left.start))
    w.runner.wait(60_000)
