"""The overview strip beside a pane's scroll bar: where links, changes and unique text lie."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .pane import ArticlePane
from .theme import LIGHT, Colors

MarkKind = Literal["same", "changed", "unique"]


class ChunkMap(QWidget):
    """Maps each marked paragraph to a fraction of the strip's height; click to jump there."""

    def __init__(self, pane: ArticlePane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._marks: list[tuple[int, MarkKind]] = []
        self.colors: Colors = LIGHT
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: purple = only in this article, amber = changed wording, "
                        "blue = same wording. Click to jump.")
        pane.verticalScrollBar().valueChanged.connect(self.update)
        pane.verticalScrollBar().rangeChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        """A strip as narrow as a scroll bar."""
        return QSize(14, 200)

    def set_marks(self, marks: Sequence[tuple[int, MarkKind]]) -> None:
        """Show these (paragraph id, kind) marks."""
        self._marks = list(marks)
        self.update()

    def set_colors(self, colors: Colors) -> None:
        """Paint with another colour scheme."""
        self.colors = colors
        self.update()

    def marks(self) -> list[tuple[int, MarkKind]]:
        """The marks shown."""
        return list(self._marks)

    def _scale(self) -> float:
        total = self._pane.document().size().height()
        return (self.height() - 2) / total if total > 0 else 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the marks and the visible region."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.colors.strip_bg)
        scale = self._scale()
        if scale <= 0:
            return
        layout = self._pane.document().documentLayout()
        colors = {"same": self.colors.verbatim, "changed": self.colors.partial,
                  "unique": self.colors.unique}
        for pid, kind in self._marks:
            block = self._pane.block(pid)
            if not block.isValid():
                continue
            rect = layout.blockBoundingRect(block)
            top = 1 + rect.top() * scale
            height = max(2.0, rect.height() * scale)
            inset = 4 if kind == "same" else 1
            painter.fillRect(QRectF(inset, top, self.width() - 2 * inset, height), colors[kind])
        bar = self._pane.verticalScrollBar()
        view_top = 1 + bar.value() * scale
        view_h = max(6.0, self._pane.viewport().height() * scale)
        shade = QColor(self.colors.muted)
        painter.setPen(QPen(shade, 1))
        shade.setAlpha(40)
        painter.setBrush(shade)
        painter.drawRect(QRectF(0.5, view_top, self.width() - 1, view_h))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Centre the pane on the clicked place."""
        self._jump(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Drag to scroll."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event.position().y())

    def _jump(self, y: float) -> None:
        scale = self._scale()
        if scale > 0:
            doc_y = (y - 1) / scale
            self._pane.verticalScrollBar().setValue(
                int(doc_y - self._pane.viewport().height() / 2))
