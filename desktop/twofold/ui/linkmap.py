"""The gutter between the panes: a band from each paragraph to each counterpart (like Meld's)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from twofold.engine.model import Link

from .highlight import shows_words
from .pane import ArticlePane
from .theme import LIGHT, Colors

_KIND_NAMES = {"verbatim": "same wording", "paraphrase": "paraphrased", "partial": "partly shared"}


class LinkMap(QWidget):
    """Draws one band per link between the left and right pane; click a band to make it current."""

    linkClicked = Signal(int)

    def __init__(self, left: ArticlePane, right: ArticlePane,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._left, self._right = left, right
        self._links: tuple[Link, ...] = ()
        self._current: int | None = None
        self.colors: Colors = LIGHT
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        """A narrow gutter."""
        return QSize(48, 200)

    def set_links(self, links: Sequence[Link]) -> None:
        """Show these links."""
        self._links = tuple(links)
        self._current = None
        self.update()

    def set_current(self, index: int | None) -> None:
        """Emphasise one link (an index into the links), or none."""
        self._current = index
        self.update()

    def set_colors(self, colors: Colors) -> None:
        """Paint with another colour scheme."""
        self.colors = colors
        self.update()

    def band_count(self) -> int:
        """How many bands are drawn (one per link, visible or scrolled away)."""
        return len(self.bands())

    def bands(self, visible_only: bool = False) -> list[tuple[int, QPainterPath]]:
        """(link index, band outline) per link in this widget's coordinates (or those in view)."""
        out = []
        width, height = float(self.width()), float(self.height())
        lo = self._offset(self._left)
        ro = self._offset(self._right)
        mid = width / 2
        for n, link in enumerate(self._links):
            lt, lb = self._left.text_span(link.left)
            rt, rb = self._right.text_span(link.right)
            lt, lb, rt, rb = lt + lo, lb + lo, rt + ro, rb + ro
            if visible_only and (max(lb, rb) < 0 or min(lt, rt) > height):
                continue
            path = QPainterPath(QPointF(0, lt))
            path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
            path.lineTo(QPointF(width, rb))
            path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
            path.closeSubpath()
            out.append((n, path))
        return out

    def _offset(self, pane: ArticlePane) -> float:
        viewport = pane.viewport()
        return float(self.mapFromGlobal(viewport.mapToGlobal(QPoint(0, 0))).y())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the bands, the current one last and strongest."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        current = None
        for n, path in self.bands(visible_only=True):
            if n == self._current:
                current = path
                continue
            link = self._links[n]
            color = QColor(self.colors.link_color(link.kind))
            edge = QColor(color)
            # Weak links recede so the strong ones read first; a partial link is a light,
            # dashed band (its words show once it is selected).
            strength = max(0.0, min(1.0, link.score))
            if shows_words(link):
                color.setAlpha(int(70 + 110 * strength))
                edge.setAlpha(int(120 + 120 * strength))
                pen = QPen(edge, 1)
            else:
                color.setAlpha(int(18 + 40 * strength))
                edge.setAlpha(int(70 + 80 * strength))
                pen = QPen(edge, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(color)
            painter.drawPath(path)
        if current is not None and self._current is not None:
            color = QColor(self.colors.link_color(self._links[self._current].kind))
            color.setAlpha(200)
            painter.setPen(QPen(self.colors.current, 2))
            painter.setBrush(color)
            painter.drawPath(current)
        painter.end()

    def link_at(self, pos: QPointF) -> int | None:
        """The link whose band lies under a point, preferring the current one."""
        hits = [n for n, path in self.bands(visible_only=True) if path.contains(pos)]
        if self._current in hits:
            return self._current
        return hits[-1] if hits else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Make the clicked band the current link."""
        n = self.link_at(event.position())
        if n is not None and event.button() == Qt.MouseButton.LeftButton:
            self.linkClicked.emit(n)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Describe the band under the mouse."""
        n = self.link_at(event.position())
        if n is None:
            self.setToolTip("")
            self.unsetCursor()
            return
        link = self._links[n]
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        hint = "" if shows_words(link) else "\nClick to see which words differ"
        self.setToolTip(f"Left ¶{link.left} ↔ right ¶{link.right}: "
                        f"{_KIND_NAMES.get(link.kind, link.kind)} (score {link.score:.2f})"
                        + hint)
