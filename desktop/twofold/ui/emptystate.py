"""What the window shows before anything is compared: how to start, and recent folders."""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from twofold.engine.load import SUPPORTED_SUFFIXES

_FIRST = (".txt", ".md", ".html", ".docx", ".pdf", ".rtf", ".eml", ".mht", ".json")


def suffix_list() -> str:
    """Every suffix a loader reads (the loaders' own list), the common ones first."""
    rest = sorted(SUPPORTED_SUFFIXES - set(_FIRST))
    return " ".join([s for s in _FIRST if s in SUPPORTED_SUFFIXES] + rest)


class EmptyState(QWidget):
    """A welcome page with the first actions; asks the window by signal."""

    openFolder = Signal()
    openFiles = Signal()
    openRecent = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        title = QLabel("Compare how two outlets covered the same story")
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel("Open a folder of saved articles: text, Markdown, web pages, Word, PDF, "
                      "RTF, e-mail or JSON. Twofold lists them, picks the two most alike and "
                      "lines up what they share, what only one says and where they word it "
                      "differently. You can also drop a folder or two files here.")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setObjectName("emptyHint")
        self.hint = hint
        self.formats = QLabel(f"Files read: {suffix_list()}")
        self.formats.setObjectName("emptyHint")
        self.formats.setWordWrap(True)
        self.formats.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_folder_button = QCommandLinkButton(
            "Open a folder of articles…", "Every article in it is listed; pick any two (Ctrl+O)")
        self.open_folder_button.clicked.connect(self.openFolder.emit)
        self.open_files_button = QCommandLinkButton(
            "Open two files…", "Compare two articles directly (Ctrl+Shift+O)")
        self.open_files_button.clicked.connect(self.openFiles.emit)
        self.recent_title = QLabel("Recent folders")
        self.recent_title.setObjectName("recentTitle")
        self._recent_box = QVBoxLayout()
        self._recent_box.setSpacing(0)
        card = QWidget()
        card.setMaximumWidth(620)
        card.setMinimumWidth(420)
        column = QVBoxLayout(card)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 3)
        outer.addStretch(1)
        column.addStretch(2)
        column.addWidget(title)
        column.addSpacing(8)
        column.addWidget(hint)
        column.addSpacing(4)
        column.addWidget(self.formats)
        column.addSpacing(18)
        for widget in (self.open_folder_button, self.open_files_button):
            column.addWidget(widget)
        column.addSpacing(12)
        column.addWidget(self.recent_title)
        column.addLayout(self._recent_box)
        column.addStretch(3)
        column.setContentsMargins(24, 24, 24, 24)
        self._recent_buttons: list[QCommandLinkButton] = []
        self.set_recent([])

    def set_recent(self, folders: Sequence[str]) -> None:
        """Offer these recent folders."""
        for button in self._recent_buttons:
            button.deleteLater()
        self._recent_buttons = []
        for folder in folders[:5]:
            name = os.path.basename(folder.rstrip(os.sep)) or folder
            button = QCommandLinkButton(name, folder)
            button.clicked.connect(lambda _=False, f=folder: self.openRecent.emit(f))
            self._recent_box.addWidget(button)
            self._recent_buttons.append(button)
        self.recent_title.setVisible(bool(folders))
