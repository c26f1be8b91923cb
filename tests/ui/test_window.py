"""The main window on the sample folder: listing, comparing, navigating."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from twofold.ui.highlight import change_at, shows_words
from twofold.ui.mainwindow import MainWindow


def test_empty_state_offers_to_open_a_folder(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.empty
    assert "folder" in window.empty.open_folder_button.text().lower()


def test_opening_the_sample_folder_lists_five_articles(window, qtbot, seeds) -> None:
    with qtbot.waitSignal(window.listingShown, timeout=30_000):
        window.open_folder(str(seeds))
    assert len(window.articles.paths()) == 5


def test_opening_a_folder_preselects_and_compares_a_pair(compared: MainWindow) -> None:
    c = compared.view.comparison
    assert c is not None
    assert {compared.left_path, compared.right_path} == {c.left.path, c.right.path}
    assert compared.stack.currentWidget() is compared.view
    left_text = compared.view.left.toPlainText()
    assert c.left.paragraphs[-1].text[:40] in left_text
    assert c.right.paragraphs[-1].text[:40] in compared.view.right.toPlainText()


def test_choosing_a_pair_fills_both_panes(compared, qtbot, seeds) -> None:
    paths = compared.articles.paths()
    new_left, new_right = paths[3], paths[4]
    compared.articles.select(new_left)
    compared.articles.left_button.click()
    compared.articles.select(new_right)
    with qtbot.waitSignal(compared.comparisonShown, timeout=120_000) as blocker:
        compared.articles.right_button.click()
    c = blocker.args[0]
    assert (c.left.path, c.right.path) == (new_left, new_right)
    assert compared.view.left.document().blockCount() == len(c.left.paragraphs)
    assert compared.view.right.document().blockCount() == len(c.right.paragraphs)


def test_one_band_per_link(compared: MainWindow) -> None:
    c = compared.view.comparison
    assert c.links
    assert compared.view.linkmap.band_count() == len(c.links)


def test_changed_word_carries_the_highlight_at_its_range(compared: MainWindow) -> None:
    c = compared.view.comparison
    link, op = next((k, op) for k in c.links if shows_words(k) and len(
        {p.left for p in c.links if p.left == k.left}) == 1 for op in k.ops if op.tag == "replace")
    pane = compared.view.left
    start, end = op.left
    for offset in (start, end - 1):
        assert change_at(pane.document(), pane.position(link.left, offset)) == "replace"
    rstart, _rend = op.right
    right = compared.view.right
    if len({p.right for p in c.links if p.right == link.right}) == 1:
        assert change_at(right.document(), right.position(link.right, rstart)) == "replace"


def test_unchanged_text_has_no_highlight(compared: MainWindow) -> None:
    c = compared.view.comparison
    link, op = next((k, op) for k in c.links for op in k.ops
                    if op.tag == "equal" and op.left[1] - op.left[0] > 3)
    pane = compared.view.left
    assert change_at(pane.document(), pane.position(link.left, op.left[0] + 1)) is None


def test_unique_paragraphs_are_marked(compared: MainWindow) -> None:
    c = compared.view.comparison
    assert c.unique_right(), "the sample pair has a paragraph only the right article has"
    for pid in c.unique_right():
        assert compared.view.right.is_unique(pid)
    linked = {k.right for k in c.links}
    assert not any(compared.view.right.is_unique(pid) for pid in linked)


def test_f7_moves_the_current_link(compared: MainWindow, qtbot) -> None:
    view = compared.view
    assert view.stops()
    compared.activateWindow()
    view.setFocus()
    assert view.current == -1
    qtbot.keyClick(compared, Qt.Key.Key_F7)
    assert view.current == 0
    first = view.stops()[0]
    qtbot.keyClick(compared, Qt.Key.Key_F7)
    assert view.current == 1
    second = view.stops()[1]
    assert second != first
    if second.left is not None:
        assert view.left.current == {second.left}
    if second.link is not None:
        assert view.linkmap._current == second.link
    qtbot.keyClick(compared, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current == 0


def test_alt_down_is_next_difference(compared: MainWindow, qtbot) -> None:
    compared.view.setFocus()
    qtbot.keyClick(compared, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert compared.view.current == 0


@pytest.mark.e2e
def test_scroll_sync_keeps_linked_paragraphs_together(compared: MainWindow, qtbot) -> None:
    view = compared.view
    c = view.comparison
    bar = view.left.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    pid = view.left.paragraph_at(view.left.viewport().height() / 3)
    link = next((k for k in c.links if k.left >= (pid or 0)), None)
    assert link is not None
    lt, _ = view.left.text_span(link.left)
    rt, _ = view.right.text_span(link.right)
    # Only the anchored chain lines up exactly; any link stays within a viewport.
    assert abs(lt - rt) < view.left.viewport().height()
    anchored = [(li, ri) for li, ri in _chain(view)]
    li, ri = anchored[len(anchored) // 2]
    view.left.scroll_to_paragraph(view.left.order[li], 0.3)
    lt, _ = view.left.text_span(view.left.order[li])
    rt, _ = view.right.text_span(view.right.order[ri])
    assert abs(lt - rt) <= 2


@pytest.mark.parametrize("width", [1024, 1400, 1600])
def test_both_columns_end_level_so_the_shorter_can_follow(compared: MainWindow, qtbot,
                                                          width: int) -> None:
    compared.resize(width, 800)
    qtbot.waitUntil(lambda: compared.width() == width)
    view = compared.view
    view.realign()
    heights = [pane.document().size().height() for pane in (view.left, view.right)]
    assert heights[0] == heights[1]
    assert view.left.verticalScrollBar().maximum() == view.right.verticalScrollBar().maximum()
    li, ri = _chain(view)[-1]
    view.left.scroll_to_paragraph(view.left.order[li], 0.3)
    lt, _ = view.left.text_span(view.left.order[li])
    rt, _ = view.right.text_span(view.right.order[ri])
    assert abs(lt - rt) <= 2


def _chain(view):  # type: ignore[no-untyped-def]
    from twofold.ui.layout import anchor_chain

    c = view.comparison
    return anchor_chain([(view.left.index_of(k.left), view.right.index_of(k.right), k.score)
                         for k in c.links])


def test_matched_paragraphs_start_level(compared: MainWindow) -> None:
    view = compared.view
    chain = _chain(view)
    assert len(chain) >= 3
    for li, ri in chain:
        assert abs(view.left.text_top(view.left.order[li])
                   - view.right.text_top(view.right.order[ri])) <= 1


def test_alignment_survives_a_resize(compared: MainWindow, qtbot) -> None:
    compared.resize(1000, 700)
    qtbot.waitUntil(lambda: compared.view.width() < 800, timeout=5000)
    compared.view.realign()
    view = compared.view
    chain = _chain(view)
    assert len(chain) >= 3
    for li, ri in chain:
        assert abs(view.left.text_top(view.left.order[li])
                   - view.right.text_top(view.right.order[ri])) <= 1


BAD_FILES = {  # name -> (bytes, words the listed reason uses)
    "empty.txt": (b"", "empty"),
    "photo.txt": (bytes(range(256)) * 40, "binary"),
    "damaged.docx": (b"PK\x03\x04\x14\x00 the rest of the archive is missing", "damaged"),
    "renamed.docx": (b"Plain text saved under the wrong name." * 20, "not a Word"),
}


def test_bad_files_are_listed_grey_with_their_reasons_and_the_rest_compares(
        window, qtbot, seeds, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = sorted(seeds.glob("*.txt"))[:3]
    for path in good:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    for name, (data, _reason) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000) as shown:
        window.open_folder(str(tmp_path))
    assert len(window.articles.paths()) == 3
    assert len(window.articles.paths(readable_only=False)) == 3 + len(BAD_FILES)
    grey = window.colors.muted  # the theme's secondary text, repainted on a theme switch
    for name, (_data, reason) in BAD_FILES.items():
        item = window.articles.item_for(str(tmp_path / name))
        first, why = item.text(0).split("\n", 1)
        assert first == name and reason in why, (name, why)
        assert "Cannot be compared" in item.toolTip(0) and why in item.toolTip(0)
        assert item.foreground(0).color() == grey
        assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
    (level, text), = window.messages.messages()
    assert level == "warning" and text.startswith(f"{len(BAD_FILES)} files cannot be compared")
    assert all(name in text for name in list(BAD_FILES)[:3])
    c = shown.args[0]
    assert {c.left.path, c.right.path} <= {str(p) for p in tmp_path.glob("*.txt")} - {
        str(tmp_path / n) for n in BAD_FILES}
    # the message bar stays usable: dismiss the warning, later messages still show
    window.messages.findChildren(QToolButton)[0].click()
    qtbot.waitUntil(lambda: window.messages.messages() == [])
    window.open_dropped([str(tmp_path / "empty.txt")])
    assert window.messages.isVisible() and window.messages.messages()[0][0] == "warning"
    other = next(p for p in window.articles.paths() if p not in (c.left.path, c.right.path))
    with qtbot.waitSignal(window.comparisonShown, timeout=120_000) as again:
        window.compare_pair(c.left.path, other)
    assert again.args[0].right.path == other
