"""File > Export, Help > Keyboard Shortcuts and Help > About in the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from twofold import __version__
from twofold.ui.aboutdialog import AboutDialog
from twofold.ui.exporting import suggested_name
from twofold.ui.shortcutsdialog import ShortcutsDialog, collect_shortcuts


def _save_dialog(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """Make the save dialog answer `answer`; return the folders it was opened in."""
    asked: list[str] = []

    def fake(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_export_actions_wait_for_a_comparison(window) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("html", "pdf", "json"):
        assert not window.actions_[f"export-{fmt}"].isEnabled()


def test_export_html_from_the_menu_adds_the_suffix_and_skips_the_articles_folder(
    compared, qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeds: Path
) -> None:  # type: ignore[no-untyped-def]
    asked = _save_dialog(monkeypatch, str(tmp_path / "report"))
    action = compared.actions_["export-html"]
    assert action.isEnabled()
    with qtbot.waitSignal(compared.exporter.exported, timeout=60_000) as done:
        action.trigger()
    assert done.args == ["html", str(tmp_path / "report.html")]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert compared.view.comparison.left.paragraphs[0].text in page
    assert not asked[0].startswith(str(seeds)), "the dialog must not start in the articles folder"
    assert asked[0].endswith(suggested_name(compared.view.comparison, "html"))


def test_export_pdf_runs_in_the_background(compared, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "report.pdf"
    with qtbot.waitSignal(compared.exporter.exported, timeout=60_000):
        assert compared.exporter.export_to(compared.view.comparison, "pdf", str(target))
        assert compared.status.busy.isVisibleTo(compared)
    assert len(PdfReader(str(target)).pages) >= 1
    qtbot.waitUntil(lambda: not compared.status.busy.isVisibleTo(compared))


def test_export_json_is_the_cli_contract(compared, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "c.json"
    with qtbot.waitSignal(compared.exporter.exported, timeout=60_000):
        compared.exporter.export_to(compared.view.comparison, "json", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "twofold/comparison@1"
    assert data["left"]["path"] == compared.view.comparison.left.path


def test_export_refuses_to_overwrite_an_article(compared) -> None:  # type: ignore[no-untyped-def]
    article = Path(compared.view.comparison.right.path)
    before = article.read_bytes()
    assert compared.exporter.export_to(compared.view.comparison, "html", str(article)) is None
    assert article.read_bytes() == before
    level, text = compared.messages.messages()[-1]
    assert level == "error" and "one of the articles" in text


def test_a_failed_export_is_a_message_not_a_crash(compared, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "missing-folder" / "r.html"
    with qtbot.waitSignal(compared.exporter.failed, timeout=60_000) as failed:
        compared.exporter.export_to(compared.view.comparison, "html", str(target))
    assert "Could not export" in failed.args[1]
    assert compared.messages.messages()[-1] == ("error", failed.args[1])


def test_shortcuts_dialog_lists_every_action_with_a_shortcut(window) -> None:  # type: ignore[no-untyped-def]
    dialog = ShortcutsDialog(window)
    listed = {(name, keys) for _group, name, keys in dialog.rows()}
    with_keys = [a for a in window.actions_.values() if not a.shortcut().isEmpty()]
    assert len(with_keys) >= 15
    for action in with_keys:
        name = action.text().replace("&", "").rstrip("…")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert any(n == name and keys in k for n, k in listed), name
    dialog.deleteLater()


def test_shortcuts_are_read_live_from_the_actions(window) -> None:  # type: ignore[no-untyped-def]
    action = QAction("&Brand New Thing", window)
    action.setShortcut(QKeySequence("Ctrl+Alt+B"))
    window.menuBar().actions()[0].menu().addAction(action)
    found = [s for s in collect_shortcuts(window) if s.name == "Brand New Thing"]
    assert found and found[0].group == "File"


def test_help_menu_opens_shortcuts_and_about(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.actions_["shortcuts"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None
                    and window.findChild(ShortcutsDialog).isVisible())
    window.findChild(ShortcutsDialog).close()
    window.actions_["about"].trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None
                    and window.findChild(AboutDialog).isVisible())
    window.findChild(AboutDialog).close()


def test_about_names_version_licence_and_models(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert f"Twofold {__version__}" in text
    assert "GPL-3.0-or-later" in text
    assert "en_core_web_sm" in text and "all-MiniLM-L6-v2" in text
    assert dialog.text.accessibleName()


def test_main_widgets_have_accessible_names(window) -> None:  # type: ignore[no-untyped-def]
    from twofold.ui.accessibility import NAMES, name_main_widgets

    assert name_main_widgets(window) == []
    assert window.view.left.accessibleName() == NAMES["view.left"][0]
    assert window.articles.tree.accessibleName()
