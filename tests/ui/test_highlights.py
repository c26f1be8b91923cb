"""Highlights inform: strong links show their words, a partial link once selected; F7 reads on."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from twofold.engine.model import Article, Comparison, Link, Op, Paragraph
from twofold.ui.highlight import change_at, change_ranges, shows_words
from twofold.ui.layout import difference_stops
from twofold.ui.mainwindow import MainWindow


def _pair() -> Comparison:
    """Left 0-3, right 0-3: a verbatim, a paraphrase and a partial link; one unique each side."""
    def article(name: str, texts: list[str]) -> Article:
        return Article(name, None, None, None, tuple(
            Paragraph(n, "body", t) for n, t in enumerate(texts)))
    left = article("l", ["one two", "three four", "five six", "only left"])
    right = article("r", ["one two", "three fore", "only right", "five sax"])
    links = (Link(0, 0, 1.0, "verbatim", (Op("equal", (0, 7), (0, 7)),)),
             Link(1, 1, 0.7, "paraphrase", (Op("equal", (0, 6), (0, 6)),
                                            Op("replace", (6, 10), (6, 10)))),
             Link(2, 3, 0.2, "partial", (Op("equal", (0, 5), (0, 5)),
                                         Op("replace", (5, 8), (5, 8)))))
    return Comparison(left, right, links)


def test_word_changes_of_a_partial_link_stay_hidden_until_it_is_selected() -> None:
    c = _pair()
    assert change_ranges(c, "left") == {1: [(6, 10, "replace")]}
    assert change_ranges(c, "left", selected={2}) == {1: [(6, 10, "replace")],
                                                     2: [(5, 8, "replace")]}


def test_text_equal_in_a_hidden_partial_link_still_counts_as_shared() -> None:
    left = Article("l", None, None, None, (Paragraph(0, "body", "alpha beta gamma"),))
    right = Article("r", None, None, None, (Paragraph(0, "body", "alpha"),
                                            Paragraph(1, "body", "gamma")))
    links = (Link(0, 0, 0.7, "paraphrase", (Op("equal", (0, 5), (0, 5)),
                                            Op("delete", (5, 16), (5, 5)))),
             Link(0, 1, 0.3, "partial", (Op("delete", (0, 11), (0, 0)),
                                         Op("equal", (11, 16), (0, 5)))))
    assert change_ranges(Comparison(left, right, links), "left") == {0: [(5, 11, "delete")]}


def test_f7_follows_the_left_pane_then_the_right_only_paragraphs() -> None:
    c = _pair()
    stops = difference_stops(c, [0, 1, 2, 3], [0, 1, 2, 3])
    assert [(s.left, s.right) for s in stops] == [(1, 1), (2, 3), (3, None), (None, 2)]


def _partial(window: MainWindow) -> int:
    c = window.view.comparison
    return next(n for n, k in enumerate(c.links) if not shows_words(k) and k.changed
                and all(j.left != k.left or not shows_words(j) for j in c.links))


def test_clicking_a_partial_band_shows_its_words_in_both_panes(compared: MainWindow) -> None:
    view = compared.view
    n = _partial(compared)
    link = view.comparison.links[n]
    start, _end = next(op.left for op in link.ops if op.tag != "equal" and op.left[1] > op.left[0])
    position = view.left.position(link.left, start)
    assert change_at(view.left.document(), position) is None, "hidden before it is selected"
    assert view.selected_link_ranges("left") == []
    view.set_current_link(n)
    shown = view.selected_link_ranges("left")
    assert any(s <= position < e for s, e, _tag in shown)
    assert view.left.layers.change_at(position) is not None
    assert view.selected_link_ranges("right"), "the counterpart's words show too"
    other = next(k for k, link in enumerate(view.comparison.links) if shows_words(link))
    view.set_current_link(other)
    assert view.selected_link_ranges("left") == []


def test_a_click_in_a_paragraph_selects_its_link(compared: MainWindow, qtbot) -> None:
    view = compared.view
    n = _partial(compared)
    link = view.comparison.links[n]
    view._reveal(link.left, None)
    cursor = QTextCursor(view.left.document())
    cursor.setPosition(view.left.position(link.left, 2))
    point = view.left.cursorRect(cursor).center()
    qtbot.mouseClick(view.left.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.linkmap._current == n
    assert view.selected_link_ranges("left")
    qtbot.mouseClick(view.left.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))


def test_f7_wraps_after_the_last_difference_and_says_so(compared: MainWindow, qtbot) -> None:
    view = compared.view
    stops = view.stops()
    assert len(stops) > 2
    compared.activateWindow()
    qtbot.keyClick(compared, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current == len(stops) - 1
    assert "Last difference" in compared.status.position_label.text()
    assert "F7 goes back to the first" in compared.status.position_label.text()
    qtbot.keyClick(compared, Qt.Key.Key_F7)
    assert view.current == 0
    qtbot.keyClick(compared, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current == len(stops) - 1


def test_f7_steps_down_the_left_pane(compared: MainWindow) -> None:
    view = compared.view
    order = {pid: n for n, pid in enumerate(view.left.order)}
    lefts = [order[s.left] for s in view.stops() if s.left is not None]
    assert lefts == sorted(lefts)
    tail = [s for s in view.stops() if s.left is None]
    assert view.stops()[len(view.stops()) - len(tail):] == tail, "right-only content comes last"


def test_the_colour_key_names_every_mark_in_the_scheme_colours(compared: MainWindow) -> None:
    key = compared.view.key
    assert key.isVisible()
    for word in ("reworded", "only left", "only right", "one side only", "same wording",
                 "paraphrased", "partly shared", "divergence", "find"):
        assert word in key.text().replace("&nbsp;", " ")
    assert compared.colors.replace_bg.name() in key.text()
    compared.set_theme("dark", apply=False)
    assert compared.colors.replace_bg.name() in key.text()
    compared.actions_["colour-key"].trigger()
    assert not key.isVisible()
