"""Colours: every one a theme token, and a live switch of theme that reads well both ways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from twofold.ui import theme
from twofold.ui.highlight import change_at
from twofold.ui.mainwindow import MainWindow
from twofold.ui.pane import ArticlePane
from twofold.ui.resources import load_stylesheet

from .conftest import shown_window
from .contrast import BODY, background, luminance, ratio, text_contrast
from .fakes import fake_compare_with_divergences

UI = Path(theme.__file__).parent
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(\s*[\"']|"
                     r"GlobalColor\.(?!transparent)|color:\s*[a-z]+\b(?!\()")


def test_no_colour_is_named_outside_the_theme() -> None:
    found = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "theme.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _COLOUR.search(line.split("#  ")[0]):
                found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, "colours outside theme.py:\n" + "\n".join(found)


@pytest.mark.parametrize("colors", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_text_on_every_coloured_token_is_readable(colors: theme.Colors) -> None:
    text_on = [(colors.change_fg, c) for c in (colors.replace_bg, colors.insert_bg)]
    text_on += [(colors.delete_fg, colors.delete_bg), (colors.find_fg, colors.find_bg)]
    text_on += [(colors.badge_text, c) for c in (colors.side_left, colors.side_right,
                                                 *colors.divergence_kinds.values())]
    text_on += [(m.text, m.background) for m in colors.messages.values()]
    text_on += [(colors.heading, c) for c in (colors.divergence_bg, colors.passage_bg,
                                              colors.passage_flash)]
    for fg, bg in text_on:
        assert ratio(fg, bg) >= BODY, (fg.name(), bg.name())


@pytest.mark.parametrize("colors", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_find_matches_have_their_own_colour(colors: theme.Colors) -> None:
    def distance(a, b) -> float:  # type: ignore[no-untyped-def]
        pairs = zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)
        return sum((x - y) ** 2 for x, y in pairs) ** 0.5
    for other in (colors.replace_bg, colors.insert_bg, colors.delete_bg, colors.entity_bg,
                  colors.divergence_bg, colors.passage_bg):
        assert distance(colors.find_bg, other) > 0.25, other.name()


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The application as `twofold` runs it: its stylesheet set, the light scheme applied."""
    palette, sheet = qapp.palette(), qapp.styleSheet()
    qapp.setStyleSheet(load_stylesheet())
    theme.apply_palette("light")
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


@pytest.fixture
def themed(styled, qtbot, seeds) -> MainWindow:  # type: ignore[no-untyped-def]
    w = shown_window(qtbot, fake_compare_with_divergences)
    w.set_theme("light")
    with qtbot.waitSignal(w.comparisonShown, timeout=30_000):
        w.open_folder(str(seeds))
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=30_000)
    w.view.realign()
    yield w
    w.set_theme("light")


def _line_rect(pane: ArticlePane, position: int, chars: int = 6) -> QRect:
    """Viewport rectangle over `chars` characters from `position`, on one line."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position)
    first = pane.cursorRect(cursor)
    cursor.setPosition(position + chars)
    last = pane.cursorRect(cursor)
    assert first.top() == last.top(), "the range wraps; pick a shorter one"
    return QRect(first.left(), first.top(), last.left() - first.left(), first.height())


def _plain_position(pane: ArticlePane) -> int:
    """A run of unhighlighted words in the pane's first screenful."""
    doc = pane.document()
    for pos in range(doc.characterCount() - 8):
        text = doc.toPlainText()[pos:pos + 6]
        if text.isalpha() and all(change_at(doc, p) is None for p in range(pos, pos + 6)):
            rect = _line_rect_or_none(pane, pos)
            if rect is not None and rect.bottom() < pane.viewport().height():
                return pos
    raise AssertionError("no plain text shown")


def _changed_position(pane: ArticlePane) -> int:
    doc = pane.document()
    for pos in range(doc.characterCount() - 8):
        if all(change_at(doc, p) == "replace" for p in range(pos, pos + 4)) and (
                doc.toPlainText()[pos:pos + 4].isalpha()):
            rect = _line_rect_or_none(pane, pos, 4)
            if rect is not None and rect.bottom() < pane.viewport().height():
                return pos
    raise AssertionError("no changed words shown")


def _line_rect_or_none(pane: ArticlePane, position: int, chars: int = 6) -> QRect | None:
    try:
        return _line_rect(pane, position, chars)
    except AssertionError:
        return None


def _check_readable(w: MainWindow, dark: bool) -> None:
    pane = w.view.left
    page = background(pane.viewport(), QRect(0, 0, 8, 8))
    assert (luminance(page) < 0.2) == dark, f"pane background {page.name()}"
    headline = _line_rect(pane, pane.position(0, 0), 5)
    assert text_contrast(pane.viewport(), headline) >= BODY
    assert text_contrast(pane.viewport(), _line_rect(pane, _plain_position(pane))) >= BODY
    changed = _changed_position(pane)
    assert text_contrast(pane.viewport(), _line_rect(pane, changed, 4)) >= BODY
    status = w.status.similarity_label
    assert (luminance(background(status)) < 0.2) == dark
    assert text_contrast(status) >= BODY
    listing = w.divergences.list
    row = listing.visualItemRect(listing.item(0))
    text_part = QRect(row.left() + 44, row.top() + 4, row.width() - 60, 14)
    assert (luminance(background(listing.viewport(), text_part)) < 0.2) == dark
    assert text_contrast(listing.viewport(), text_part) >= BODY
    tree = w.entities.trees["left"]
    group = tree.topLevelItem(0)
    rect = tree.visualItemRect(group.child(0))
    assert text_contrast(tree.viewport(), rect.adjusted(0, 0, -rect.width() // 2, 0)) >= BODY
    message = w.messages.warning("Checking how a warning reads")
    message.show()
    assert text_contrast(message) >= BODY
    message.dismiss()


def test_switching_to_dark_and_back_reads_well_everywhere(themed: MainWindow, qtbot) -> None:
    _check_readable(themed, dark=False)
    themed.actions_["theme-dark"].trigger()
    qtbot.wait(50)
    _check_readable(themed, dark=True)
    themed.actions_["theme-light"].trigger()
    qtbot.wait(50)
    _check_readable(themed, dark=False)


def test_starting_dark_and_switching_to_light_reads_well(themed: MainWindow, qtbot) -> None:
    themed.set_theme("dark")
    qtbot.wait(50)
    _check_readable(themed, dark=True)
    themed.set_theme("light")
    qtbot.wait(50)
    _check_readable(themed, dark=False)


def test_a_theme_switch_keeps_the_reading_place(themed: MainWindow, qtbot) -> None:
    pane = themed.view.left
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    before = pane.paragraph_at(0)
    themed.set_theme("dark")
    assert pane.paragraph_at(0) == before
