"""The Story view: claims against articles, filters, "not reported" marks, and opening a passage."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from twofold.engine.model import Article, Paragraph, Span
from twofold.engine.story import Claim, ClaimDivergence, Member, Story
from twofold.ui.storyview import NOT_REPORTED, StoryFilter, StoryView

TEXTS = ("The port reopened on Monday.", "Workers returned on Tuesday.", "Talks go on.")


def _story() -> Story:
    articles = tuple(
        Article(f"/news/{n}.txt", f"Article {n}", f"Outlet {n}", "2024-03-19",
                tuple(Paragraph(p, "body", t) for p, t in enumerate(TEXTS)))
        for n in range(3))

    def member(a: int, p: int) -> Member:
        return Member(a, p, 0, len(TEXTS[p]), TEXTS[p])

    day = ClaimDivergence("date", "The day differs: Monday vs Tuesday", 2, 0.9,
                          Member(0, 0, 20, 26, "Monday"), Member(2, 1, 20, 27, "Tuesday"))
    claims = (
        Claim(1, (member(0, 0), member(1, 0), member(2, 1)), (day,)),
        Claim(2, (member(0, 1), member(1, 1))),
        Claim(3, (member(2, 2),)),
    )
    return Story("/news", articles, claims)


def _shown(qtbot, width: int = 900, height: int = 500) -> StoryView:  # type: ignore[no-untyped-def]
    v = StoryView()
    qtbot.addWidget(v)
    v.resize(width, height)
    v.set_story(_story())
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def view(qtbot) -> StoryView:  # type: ignore[no-untyped-def]
    return _shown(qtbot)


def test_rows_are_claims_and_columns_articles(view: StoryView) -> None:
    model = view.model
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "1. Outlet 0 (2024-03-19)"
    assert model.index(0, 2).data() == TEXTS[1]
    assert model.index(1, 2).data() == NOT_REPORTED
    assert model.index(1, 2).data(Qt.ItemDataRole.FontRole).italic()
    assert "3 claims" in view.summary.text().replace("<b>", "").replace("</b>", "")


@pytest.mark.parametrize(("choice", "claims"), [
    (StoryFilter.ALL, [1, 2, 3]), (StoryFilter.EVERYONE, [1]), (StoryFilter.ONE, [3]),
    (StoryFilter.ALL_BUT_ONE, [2]), (StoryFilter.DISAGREE, [1]),
])
def test_filters_narrow_the_rows(view: StoryView, choice: StoryFilter, claims: list[int]
                                 ) -> None:
    view.filter.setCurrentIndex(list(StoryFilter).index(choice))
    assert [c.id for c in view.model.rows] == claims


def test_a_disagreement_is_marked_and_explained(view: StoryView) -> None:
    model = view.model
    assert model.headerData(0, Qt.Orientation.Vertical) == "3/3 ≠"
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Monday vs Tuesday" in tip and "[high]" in tip and "less certain" not in tip
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole) \
        is not None
    # the two articles that state the day differently are tinted; the third is not
    tinted = [model.index(0, c).data(Qt.ItemDataRole.BackgroundRole) is not None
              for c in range(3)]
    assert tinted == [True, False, True]


def test_clicking_a_passage_asks_for_that_pair_at_that_place(view: StoryView, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.passageRequested) as asked:
        view.table.clicked.emit(view.model.index(0, 2))
    left, right, lspan, rspan = asked.args
    assert (left, right) == ("/news/2.txt", "/news/0.txt")
    assert lspan == Span(1, 0, len(TEXTS[1]), TEXTS[1]) and rspan.paragraph == 0


def test_a_not_reported_cell_or_a_lone_claim_asks_for_nothing(view: StoryView, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(view.passageRequested):
        view.table.clicked.emit(view.model.index(1, 2))  # not reported
        view.table.clicked.emit(view.model.index(2, 2))  # only this article reports it


def test_finding_words_keeps_the_claims_that_mention_them(view: StoryView) -> None:
    view.find.setText("TUESDAY returned")  # any case, every word, in one article's sentence
    assert [c.id for c in view.model.rows] == [1, 2]
    view.find.setText("port Tuesday")  # in the claim, but not in one sentence
    assert view.model.rows == []
    view.find.setText("talks")
    view.filter.setCurrentIndex(list(StoryFilter).index(StoryFilter.EVERYONE))
    assert view.model.rows == []  # both filters hold together
    view.find.clear()
    assert [c.id for c in view.model.rows] == [1]


def test_a_long_claim_keeps_its_row_a_few_lines_tall(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from twofold.ui.storyview import MAX_CELL_LINES

    story = _story()
    long = " ".join(["The talks went on late into the night in the capital."] * 40)
    claim = story.claims[0]
    members = (replace(claim.members[0], text=long), *claim.members[1:])
    v = StoryView()
    qtbot.addWidget(v)
    v.resize(700, 500)
    v.set_story(replace(story, claims=(replace(claim, members=members), *story.claims[1:])))
    v.show()
    qtbot.waitExposed(v)
    v.table.resizeRowsToContents()
    line = v.table.fontMetrics().lineSpacing()
    assert line * 3 < v.table.rowHeight(0) <= line * MAX_CELL_LINES + 8  # not the whole screen
    assert long in v.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)  # every word there
    shown = QStyleOptionViewItem()
    shown.rect = v.table.visualRect(v.model.index(0, 0))
    shown.widget = v.table
    v.table.itemDelegate().initStyleOption(shown, v.model.index(0, 0))
    assert shown.text.endswith("…") and long.startswith(shown.text[:-1].rstrip())  # cut, says so
    short = QStyleOptionViewItem()
    short.rect = v.table.visualRect(v.model.index(1, 0))
    v.table.itemDelegate().initStyleOption(short, v.model.index(1, 0))
    assert short.text == TEXTS[1]  # a claim that fits is left whole


def test_clipped_text_fits_its_lines() -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from twofold.ui.storyview import clipped

    font = QFont()
    text = " ".join(f"word{i}" for i in range(400))
    cut = clipped(text, font, 200, lines=3)
    assert cut.endswith("…") and text.startswith(cut[:-1])
    assert QFontMetrics(font).boundingRect(0, 0, 200, 10_000, Qt.TextFlag.TextWordWrap,
                                           cut).height() <= 3 * QFontMetrics(font).lineSpacing()
    assert clipped("A short claim.", font, 200, lines=3) == "A short claim."


def test_a_less_certain_disagreement_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    story = _story()
    day = story.claims[0].divergences[0]
    doubtful = dataclasses.replace(day, confidence=0.6)
    claims = (dataclasses.replace(story.claims[0], divergences=(doubtful,)), *story.claims[1:])
    v = StoryView()
    qtbot.addWidget(v)
    v.set_story(dataclasses.replace(story, claims=claims))
    tip = v.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Monday vs Tuesday (less certain)" in tip


def test_hiding_less_certain_disagreements_leaves_them_out_of_marks_filters_and_counts(
        qtbot) -> None:  # type: ignore[no-untyped-def]
    story = _story()
    doubtful = dataclasses.replace(story.claims[0].divergences[0], confidence=0.6)
    claims = (dataclasses.replace(story.claims[0], divergences=(doubtful,)), *story.claims[1:])
    v = StoryView()
    qtbot.addWidget(v)
    v.set_story(dataclasses.replace(story, claims=claims))
    model = v.model

    def marked() -> bool:
        return model.headerData(0, Qt.Orientation.Vertical).endswith("≠") or \
            model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) is not None

    assert marked() and "1</b> where outlets disagree" in v.summary.text()
    v.set_showing_less_certain(False)
    assert not marked()
    assert "Monday vs Tuesday" not in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "0</b> where outlets disagree (1 less certain hidden)" in v.summary.text()
    assert v.filter.itemText(list(StoryFilter).index(StoryFilter.DISAGREE)).endswith("(0)")
    v.filter.setCurrentIndex(list(StoryFilter).index(StoryFilter.DISAGREE))
    assert model.rowCount() == 0
    v.set_showing_less_certain(True)
    assert model.rowCount() == 1 and marked()
    assert "less certain hidden" not in v.summary.text()


def test_story_reports_mark_a_less_certain_disagreement() -> None:
    from twofold.export.story import render_story

    story = _story()
    doubtful = dataclasses.replace(story.claims[0].divergences[0], confidence=0.6)
    claims = (dataclasses.replace(story.claims[0], divergences=(doubtful,)), *story.claims[1:])
    for fmt in ("text", "html"):
        assert "Monday vs Tuesday (less certain)" in render_story(
            dataclasses.replace(story, claims=claims), fmt)
        assert "less certain" not in render_story(story, fmt)


def test_a_narrow_window_keeps_the_find_prompt_and_the_export_button_readable(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 1024 pixels less the sidebars the top row was squeezed: "Claims that menti…", and the
    menu's arrow drawn over "Export…"."""
    from PySide6.QtWidgets import QStyle

    v = _shown(qtbot, 620, 400)
    find, export = v.find, v.export
    assert find.width() >= find.fontMetrics().horizontalAdvance(find.placeholderText()) + 30
    arrow = export.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, export)
    assert export.width() >= export.fontMetrics().horizontalAdvance(export.text()) + arrow
    assert export.menu().actions()[0].text().startswith("HTML")
