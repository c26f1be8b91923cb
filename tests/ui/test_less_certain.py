"""Less certain divergences (from two sentences that only partly match) are marked, listed last,
and hidden when the reader asks: from the list, the panes and the counts; reports keep them,
marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twofold.engine.model import Article, Comparison, Divergence, Paragraph, Span
from twofold.ui.divergencepanel import DivergencePanel
from twofold.ui.highlight import divergence_at
from twofold.ui.mainwindow import MainWindow

from .conftest import folder_shown
from .fakes import fake_compare_with_a_less_certain_divergence


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot, seeds):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(tmp_path / "cache"))
    w = _open(qtbot, seeds)
    yield w
    w.runner.wait(30_000)


def _open(qtbot, seeds: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return folder_shown(qtbot, seeds, fake_compare_with_a_less_certain_divergence)


def _less_certain(w: MainWindow) -> Divergence:
    found = [d for d in w.session.comparison.divergences if d.less_certain]
    assert len(found) == 1
    return found[0]


def _marked(w: MainWindow, d: Divergence) -> bool:
    pane = w.view.left
    return divergence_at(pane.document(), pane.position(d.left.paragraph, d.left.start)) \
        is not None


def test_less_certain_divergences_are_listed_last_and_marked_by_default(
        opened: MainWindow) -> None:
    doubtful = _less_certain(opened)
    listed = opened.divergences.divergences()
    assert listed[-1] == doubtful and len(listed) == 4
    assert _marked(opened, doubtful)
    assert "3 divergences · most important first · 1 less certain, listed last" in \
        opened.divergences.summary.text()
    assert "4 divergences" in opened.status.divergences_label.text()
    assert opened.actions_["less-certain"].isChecked()


def test_the_summary_link_hides_them_everywhere_and_shows_them_again(
        opened: MainWindow) -> None:
    doubtful = _less_certain(opened)
    opened.divergences.summary.linkActivated.emit("#less-certain")
    listed = opened.divergences.divergences()
    assert doubtful not in listed and len(listed) == 3
    assert not _marked(opened, doubtful)
    assert "1 less certain hidden" in opened.divergences.summary.text()
    assert "3 divergences" in opened.status.divergences_label.text()
    assert not opened.actions_["less-certain"].isChecked()
    opened.divergences.summary.linkActivated.emit("#less-certain")
    assert opened.divergences.divergences()[-1] == doubtful
    assert _marked(opened, doubtful)
    assert opened.actions_["less-certain"].isChecked()


def test_the_choice_is_remembered_by_the_next_window(opened: MainWindow, qtbot, seeds) -> None:  # type: ignore[no-untyped-def]
    opened.actions_["less-certain"].trigger()
    assert _less_certain(opened) not in opened.divergences.divergences()
    opened.close()
    again = _open(qtbot, seeds)
    assert not again.actions_["less-certain"].isChecked()
    assert _less_certain(again) not in again.divergences.divergences()
    assert "1 less certain hidden" in again.divergences.summary.text()
    again.runner.wait(30_000)


def test_dismissing_the_less_certain_divergence_leaves_the_counts_right(
        opened: MainWindow) -> None:
    panel = opened.divergences
    panel.list.setCurrentRow(len(panel.divergences()) - 1)
    panel.dismiss_selected()
    assert "less certain" not in panel.summary.text()
    opened.actions_["less-certain"].trigger()  # hiding: nothing left to hide
    assert "less certain" not in panel.summary.text()
    assert "1 dismissed" in panel.summary.text() and len(panel.divergences()) == 3


def test_reports_keep_them_and_say_they_are_less_certain(opened: MainWindow, qtbot,
                                                          tmp_path: Path) -> None:
    doubtful = _less_certain(opened)
    opened.actions_["less-certain"].trigger()  # hidden on screen, kept in reports
    for fmt in ("json", "html", "text"):
        target = tmp_path / f"report.{fmt}"
        with qtbot.waitSignal(opened.exporter.exported, timeout=30_000):
            opened.exporter.export_to(opened.session.comparison, fmt, str(target))
        text = target.read_text(encoding="utf-8")
        if fmt == "json":
            found = [d for d in json.loads(text)["divergences"] if d["note"] == doubtful.note]
            assert found and found[0]["confidence"] == pytest.approx(doubtful.confidence)
        else:
            assert doubtful.note in text and "less certain, 60% sure" in text


def test_a_pair_with_only_less_certain_divergences_says_why_the_list_is_empty(qtbot) -> None:
    article = Article("a", None, None, None, (Paragraph(0, "body", "x" * 40),))
    panel = DivergencePanel()
    qtbot.addWidget(panel)
    panel.set_comparison(Comparison(article, article, (), divergences=()), less_certain=2)
    assert "No certain divergences" in panel.empty.text()
    assert "two different facts" in panel.empty.text()
    assert "no certain divergences · 2 less certain hidden" in panel.summary.text()
    with qtbot.waitSignal(panel.lessCertainRequested) as asked:
        panel.summary.linkActivated.emit("#less-certain")
    assert asked.args == [True]


def test_less_certain_is_the_engine_line_between_reworded_and_partly_matching() -> None:
    span = Span(0, 0, 1, "x")
    assert Divergence("number", span, span, "n", 1, 0.69).less_certain
    assert not Divergence("number", span, span, "n", 1, 0.7).less_certain


def test_the_story_view_follows_the_choice(opened: MainWindow, qtbot, seeds) -> None:  # type: ignore[no-untyped-def]
    assert opened.story.model.less_certain
    opened.actions_["less-certain"].trigger()
    assert not opened.story.model.less_certain
    opened.close()
    again = _open(qtbot, seeds)
    assert not again.story.model.less_certain
    again.divergences.summary.linkActivated.emit("#less-certain")
    assert again.story.model.less_certain
