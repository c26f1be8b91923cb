"""The engine's new answers in the window: divergences a reader dismisses, entity types a reader
corrects, confidence, file dates."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from twofold.engine.divergences.identity import divergence_id
from twofold.engine.entities.corrections import get_correction
from twofold.engine.library.index import ArticleSummary, Listing
from twofold.engine.load import load_article
from twofold.engine.model import Divergence, Span
from twofold.ui.articlelist import ArticleList
from twofold.ui.divergencepanel import DivergencePanel, describe, quoted
from twofold.ui.entitypanel import ENTITY_ROLE
from twofold.ui.highlight import divergence_at
from twofold.ui.mainwindow import MainWindow
from twofold.ui.paneheader import PaneHeader
from twofold.ui.theme import LIGHT

from .conftest import folder_shown
from .fakes import fake_compare_with_divergences


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What a reader dismisses or corrects goes to this test's own cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(folder))
    return folder


def _open(qtbot, seeds: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    return folder_shown(qtbot, seeds, fake_compare_with_divergences)


@pytest.fixture
def judged(own_cache, qtbot, seeds):  # type: ignore[no-untyped-def]
    w = _open(qtbot, seeds)
    yield w
    w.runner.wait(30_000)


def _dismiss_first(w: MainWindow, qtbot) -> Divergence:  # type: ignore[no-untyped-def]
    panel = w.divergences
    first = panel.divergences()[0]
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    return first


def test_delete_dismisses_a_divergence_everywhere_it_shows(judged: MainWindow, qtbot) -> None:
    before = len(judged.divergences.divergences())
    gone = _dismiss_first(judged, qtbot)
    assert gone not in judged.divergences.divergences()
    assert len(judged.divergences.divergences()) == before - 1
    assert "1 dismissed" in judged.divergences.summary.text()
    assert f"{before - 1} divergence" in judged.status.divergences_label.text()
    pane = judged.view.left
    assert divergence_at(pane.document(), pane.position(gone.left.paragraph,
                                                        gone.left.start)) is None
    level, text = judged.messages.messages()[-1]
    assert level == "info" and gone.note in text


def test_undo_in_the_message_and_ctrl_z_bring_it_back(judged: MainWindow, qtbot) -> None:
    gone = _dismiss_first(judged, qtbot)
    undo = [b for b in judged.messages.findChildren(QToolButton, "messageAction")
            if b.isVisibleTo(judged)]
    assert [b.text() for b in undo] == ["Undo"]
    undo[0].click()
    assert judged.divergences.divergences()[0] == gone
    _dismiss_first(judged, qtbot)
    assert judged.actions_["undo-dismiss"].isEnabled()
    judged.actions_["undo-dismiss"].trigger()
    assert gone in judged.divergences.divergences()
    assert not judged.actions_["undo-dismiss"].isEnabled()


def test_a_dismissal_is_remembered_for_the_pair(own_cache, qtbot, seeds) -> None:  # type: ignore[no-untyped-def]
    first = _open(qtbot, seeds)
    gone = _dismiss_first(first, qtbot)
    first.close()
    again = _open(qtbot, seeds)
    assert gone not in again.divergences.divergences()
    assert "1 dismissed" in again.divergences.summary.text()
    again.divergences.summary.linkActivated.emit("#restore")
    assert gone in again.divergences.divergences()
    again.session.swap()  # the same pair either way round
    assert gone.swapped() in again.divergences.divergences()


def test_exports_leave_dismissed_divergences_out(judged: MainWindow, qtbot,
                                                 tmp_path: Path) -> None:
    gone = _dismiss_first(judged, qtbot)
    target = tmp_path / "report.json"
    with qtbot.waitSignal(judged.exporter.exported, timeout=30_000):
        judged.exporter.export_to(judged.session.comparison, "json", str(target))
    notes = [d["note"] for d in json.loads(target.read_text(encoding="utf-8"))["divergences"]]
    assert gone.note not in notes and notes


def _divergence(text_left: str, text_right: str, severity: int, confidence: float) -> Divergence:
    return Divergence("quote", Span(0, 0, len(text_left), text_left),
                      Span(0, 0, len(text_right), text_right), "Worded differently", severity,
                      confidence)


def test_quote_marks_show_once() -> None:
    assert quoted("“illegal”") == "“illegal”"
    assert quoted('"illegal"') == "“illegal”"
    assert quoted("illegal") == "“illegal”"
    html = describe(_divergence("“the intention”", "intention", 1, 0.8), LIGHT)
    assert "““" not in html and "””" not in html


def _listed(qtbot, found: tuple[Divergence, ...], **shown: object) -> DivergencePanel:  # type: ignore[no-untyped-def]
    """A divergence panel listing `found` of a one-paragraph article."""
    from twofold.engine.model import Article, Comparison, Paragraph

    article = Article("a", None, None, None, (Paragraph(0, "body", "x" * 40),))
    panel = DivergencePanel()
    qtbot.addWidget(panel)
    panel.set_comparison(Comparison(article, article, (), divergences=found), **shown)  # type: ignore[arg-type]
    return panel


def test_most_important_first_with_an_unobtrusive_confidence(qtbot) -> None:
    panel = _listed(qtbot, (_divergence("a", "b", 1, 0.9), _divergence("c", "d", 2, 0.75),
                            _divergence("e", "f", 1, 0.95)))
    assert [(d.severity, d.confidence) for d in panel.divergences()] == [
        (2, 0.75), (1, 0.95), (1, 0.9)]
    html = describe(panel.divergences()[1], LIGHT)
    assert f"color:{LIGHT.muted.name()}'>· 95% sure</span>" in html


def test_less_certain_divergences_come_last_and_say_so(qtbot) -> None:
    panel = _listed(qtbot, (_divergence("a", "b", 2, 0.6), _divergence("c", "d", 0, 0.9),
                            _divergence("e", "f", 1, 0.65)),
                    less_certain=2, showing_less_certain=True)
    assert [(d.severity, d.confidence) for d in panel.divergences()] == [
        (0, 0.9), (2, 0.6), (1, 0.65)]
    assert "60% sure, less certain" in describe(panel.divergences()[1], LIGHT)
    assert "less certain" not in describe(panel.divergences()[0], LIGHT)
    assert "1 divergence · 2 less certain, listed last" in panel.summary.text()
    assert "partly match" in panel.list.item(1).toolTip()


def test_entity_names_elide_in_the_middle_with_name_and_titles_in_the_tooltip(
        judged: MainWindow) -> None:
    tree = judged.entities.trees["left"]
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle and not tree.wordWrap()
    item = tree.topLevelItem(0).child(0)
    entity = item.data(0, ENTITY_ROLE)
    assert entity.name in item.toolTip(0)


def _group_of(w: MainWindow, side: str, key: str) -> str:
    item = w.entities.item_for(side, key)
    assert item is not None
    return item.parent().text(0)


def test_a_reader_corrects_an_entity_type_and_takes_it_back(judged: MainWindow, qtbot) -> None:
    entity = next(e for e in judged.entities.entities("left") if e.label == "GPE" and e.shared)
    assert _group_of(judged, "left", entity.key).startswith("Places")
    menu = judged.entities.type_menu(entity)
    organisation = next(a for a in menu.actions() if a.data() == "ORG")
    organisation.trigger()
    assert get_correction(entity.key) == "ORG"
    for side in ("left", "right"):  # the entity is the same on both sides
        assert _group_of(judged, side, entity.key).startswith("Organisations")
    corrected = judged.entities.entities("left")
    menu = judged.entities.type_menu(next(e for e in corrected if e.key == entity.key))
    own = next(a for a in menu.actions() if a.text() == "Use Twofold's Own Type")
    assert own.isEnabled()
    with qtbot.waitSignal(judged.comparisonShown, timeout=30_000):
        own.trigger()
    assert get_correction(entity.key) is None
    assert _group_of(judged, "left", entity.key).startswith("Places")


def _docx_with_only_a_file_date(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Council closes the bridge", style="Title")
    document.add_paragraph("The council voted to close the old bridge for repairs this year.")
    document.core_properties.author = "A Reporter"  # python-docx's own stamp is ignored
    document.core_properties.created = datetime(2024, 3, 19, 9, 30)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def test_a_file_date_is_labelled_and_muted_in_the_list_and_header(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "bridge.docx"
    _docx_with_only_a_file_date(path)
    article = load_article(path)
    assert article.date_source == "file" and article.date
    listing = Listing(str(tmp_path), (ArticleSummary(
        str(path), article.title, None, article.date, article.word_count, article.digest,
        article.display_name, article.date_source),), ())
    articles = ArticleList()
    qtbot.addWidget(articles)
    articles.set_listing(listing)
    row = articles.item_for(str(path))
    assert row.text(2) == f"{article.date} (file date)"
    assert row.foreground(2).color() == LIGHT.muted
    header = PaneHeader("left")
    qtbot.addWidget(header)
    header.show_article(article)
    assert f"{article.date} (file date)" in header.details.full_text()


def test_the_folder_index_knows_where_a_date_comes_from(own_cache, tmp_path: Path) -> None:
    from twofold.engine.library.index import scan

    folder = tmp_path / "folder"
    folder.mkdir()
    _docx_with_only_a_file_date(folder / "bridge.docx")
    (folder / "dated.txt").write_text("Bridge closes\n\nBy A Writer, March 18, 2024\n\nThe "
                                      "council voted to close the bridge.", encoding="utf-8")
    for _ in range(2):  # read, then from the index's record
        found = {Path(a.path).name: a.date_source for a in scan(folder).articles}
        assert found["bridge.docx"] == "file"


def test_divergence_ids_are_what_the_window_dismisses(judged: MainWindow, qtbot) -> None:
    gone = _dismiss_first(judged, qtbot)
    assert judged.session.dismissals.ids == {divergence_id(gone)}
