"""The header above a pane: which article it shows, elided in the middle to fit, whole on hover."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from twofold.engine.model import Article

from .theme import LIGHT, Colors

REORDERED = "shown in the left article's order (View > Follow Left Order)"


def date_text(date: str | None, date_source: str | None) -> str:
    """A date as the window shows it: a file's own date says so ("2024-03-19 (file date)")."""
    if not date:
        return ""
    return f"{date} (file date)" if date_source == "file" else date


class ElidedLabel(QLabel):
    """One line of text that elides in the middle when narrow; the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        """Show `text`, elided to the label's width."""
        self._full = text
        self._elide()

    def full_text(self) -> str:
        """The text before eliding."""
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   width))


class PaneHeader(QWidget):
    """Side and title on the first line; outlet, date, length, file and order on the second."""

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.side = side
        self.title = ElidedLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.details = ElidedLabel()
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 5, 10, 5)
        column.setSpacing(1)
        column.addWidget(self.title)
        column.addWidget(self.details)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_colors(LIGHT)

    def set_colors(self, colors: Colors) -> None:
        """Show the details line in the scheme's muted colour."""
        self.details.setStyleSheet(f"color: {colors.muted.name()};")

    def show_article(self, article: Article | None, reordered: bool = False) -> None:
        """Describe `article` (None: empty); `reordered`: its paragraphs follow the other side."""
        if article is None:
            self.title.set_full_text("")
            self.details.set_full_text("")
            self.setToolTip("")
            return
        self.title.set_full_text(f"{self.side.title()} · {article.display_name}")
        bits = [article.source or "",
                date_text(article.date, article.date_source),
                f"{article.word_count:,} words", os.path.basename(article.path),
                REORDERED if reordered else ""]
        self.details.set_full_text(" · ".join(b for b in bits if b))
        self.setToolTip(f"{article.display_name}\n{self.details.full_text()}\n{article.path}")
