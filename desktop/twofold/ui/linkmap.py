"""The gutter between the panes: a band from each paragraph to each counterpart (like Meld's)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QLineF, QPoint, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from twofold.engine.model import Link

from .highlight import shows_words
from .pane import ArticlePane
from .theme import LIGHT, Colors

# Bands are cut this far beyond the gutter's top and bottom, out of sight of a 2-pixel pen.
_MARGIN = 4.0
# Points along each visible stretch of a band's edge, and of a hairline.
_EDGE_POINTS = 16
_HAIRLINE_POINTS = 6

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
        places = self._places(visible_only)
        out = []
        for (n, _place), outline in zip(places, self._outlines(places), strict=True):
            path = QPainterPath()
            path.addPolygon(outline)
            path.closeSubpath()
            out.append((n, path))
        return out

    def _places(self, visible_only: bool) -> list[tuple[int, tuple[float, float, float, float]]]:
        """(link index, (left top, left bottom, right top, right bottom)) in this widget's
        coordinates, per link (or per link whose band crosses the gutter)."""
        out = []
        height = float(self.height())
        left_offset, right_offset = self._offset(self._left), self._offset(self._right)
        # A paragraph has many links in a long pair: look each one's place up once.
        left_spans: dict[int, tuple[float, float]] = {}
        right_spans: dict[int, tuple[float, float]] = {}
        for n, link in enumerate(self._links):
            if (left := left_spans.get(link.left)) is None:
                left = left_spans[link.left] = _shifted(self._left.text_span(link.left),
                                                        left_offset)
            if (right := right_spans.get(link.right)) is None:
                right = right_spans[link.right] = _shifted(self._right.text_span(link.right),
                                                           right_offset)
            (lt, lb), (rt, rb) = left, right
            if visible_only and (max(lb, rb) < 0 or min(lt, rt) > height):
                continue
            out.append((n, (lt, lb, rt, rb)))
        return out

    def _outlines(self, places: Sequence[tuple[int, tuple[float, float, float, float]]]
                  ) -> list[QPolygonF]:
        """The band of each (link, place), cut a few pixels beyond this widget's edges."""
        return band_outlines([place for _n, place in places], float(self.width()), -_MARGIN,
                             self.height() + _MARGIN)

    def _passes(self, lt: float, lb: float, rt: float, rb: float) -> bool:
        """Whether a band only passes through: neither of its paragraphs is in view."""
        height = self.height()
        return (lb < 0 or lt > height) and (rb < 0 or rt > height)

    def _offset(self, pane: ArticlePane) -> float:
        viewport = pane.viewport()
        return float(self.mapFromGlobal(viewport.mapToGlobal(QPoint(0, 0))).y())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the bands, the current one last and strongest."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        places = self._places(visible_only=True)
        # A band between two paragraphs out of view, one above and one below, is drawn as a
        # hairline down its middle: a long pair has a thousand of them in view at once, which
        # filled whole took ~0.3 s per repaint of a scroll (tells nothing the hairline does not).
        width, lo, hi = float(self.width()), -_MARGIN, self.height() + _MARGIN
        passing: dict[str, list[tuple[float, float]]] = {}
        shown = []  # (link, place) of the bands drawn whole
        for n, (lt, lb, rt, rb) in places:
            if n != self._current and self._passes(lt, lb, rt, rb):
                passing.setdefault(self._links[n].kind, []).append(((lt + lb) / 2, (rt + rb) / 2))
            else:
                shown.append((n, (lt, lb, rt, rb)))
        background = self.palette().window().color()
        for kind, ends in passing.items():
            # One call per colour, opaque (the link's colour faded into the background): ten
            # times faster than translucent lines, and a crowd of them does not darken.
            painter.setPen(QPen(_faded(QColor(self.colors.link_color(kind)), background), 0))
            painter.drawLines(hairlines(ends, width, lo, hi))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        current = None
        for (n, _place), outline in zip(shown, self._outlines(shown), strict=True):
            if n == self._current:
                current = outline
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
            painter.drawPolygon(outline)
        if current is not None and self._current is not None:
            color = QColor(self.colors.link_color(self._links[self._current].kind))
            color.setAlpha(200)
            painter.setPen(QPen(self.colors.current, 2))
            painter.setBrush(color)
            painter.drawPolygon(current)
        painter.end()

    def link_at(self, pos: QPointF) -> int | None:
        """The link whose band lies under a point, preferring the current one (a band drawn as
        a hairline is not one to click)."""
        targets = [(n, place) for n, place in self._places(visible_only=True)
                   if n == self._current or not self._passes(*place)]
        hits = [n for (n, _place), outline in zip(targets, self._outlines(targets), strict=True)
                if outline.containsPoint(pos, Qt.FillRule.OddEvenFill)]
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


def _faded(color: QColor, background: QColor, strength: float = 0.35) -> QColor:
    """`color` at `strength` over `background`, as one opaque colour."""
    return QColor.fromRgbF(*(
        b + (c - b) * strength
        for c, b in zip(color.getRgbF()[:3], background.getRgbF()[:3], strict=True)))


def _shifted(span: tuple[float, float], offset: float) -> tuple[float, float]:
    return span[0] + offset, span[1] + offset


def band_outlines(places: Sequence[tuple[float, float, float, float]], width: float,
                  lo: float, hi: float) -> list[QPolygonF]:
    """The band of each (lt, lb, rt, rb), joining a left span (lt..lb) to a right span
    (rt..rb) across `width`: its edges the S-curves of a cubic with both control points half
    way across, cut to heights lo..hi.

    In a long pair a band may run tens of thousands of pixels beyond the gutter; drawn whole,
    each took ~1 ms to fill, and a view crossed by ~1,000 of them (a 20,000-word pair) took ~1 s
    per repaint of a scroll. Cut, only what can be seen is filled."""
    if not places:
        return []
    ends = [(lt, rt) for lt, _lb, rt, _rb in places] + [(lb, rb) for _lt, lb, _rt, rb in places]
    x, y = _curves(ends, width, lo, hi, _EDGE_POINTS, whole=True)
    n = len(places)
    # each outline: its top edge left to right, then its bottom edge back
    xs = np.concatenate([x[:n], x[n:, ::-1]], axis=1).tolist()
    ys = np.concatenate([y[:n], y[n:, ::-1]], axis=1).tolist()
    return [QPolygonF([QPointF(px, py) for px, py in zip(row_x, row_y, strict=True)])
            for row_x, row_y in zip(xs, ys, strict=True)]


def hairlines(ends: Sequence[tuple[float, float]], width: float, lo: float,
              hi: float) -> list[QLineF]:
    """The stretch between heights lo and hi of each curve from (0, a) to (width, b) (the middle
    of a band), as a few straight pieces."""
    x, y = _curves(ends, width, lo, hi, _HAIRLINE_POINTS, whole=False)
    pieces = np.stack([x[:, :-1], y[:, :-1], x[:, 1:], y[:, 1:]], axis=-1).reshape(-1, 4)
    return [QLineF(*piece) for piece in pieces.tolist()]


def _curves(ends: Sequence[tuple[float, float]], width: float, lo: float, hi: float,
            count: int, *, whole: bool) -> tuple[np.ndarray, np.ndarray]:
    """x and y (a row per curve) of `count` points along the stretch between heights lo and hi
    of each curve from (0, a) to (width, b); `whole` adds its ends, flattened onto lo or hi."""
    # The cubic (0, a), (w/2, a), (w/2, b), (w, b): x = w (1.5 t (1 - t) + t^3) and
    # y = a + (b - a) s(t), s the smoothstep 3t^2 - 2t^3, which rises from 0 to 1.
    a, b = np.asarray(ends, dtype=np.float64).reshape(-1, 2).T
    level = b == a
    rise = np.where(level, 1.0, b - a)
    s0 = np.where(level, 0.0, np.clip(np.minimum((lo - a) / rise, (hi - a) / rise), 0.0, 1.0))
    s1 = np.where(level, 1.0, np.clip(np.maximum((lo - a) / rise, (hi - a) / rise), 0.0, 1.0))
    t0, t1 = _unsmooth(s0), _unsmooth(s1)
    t = t0[:, None] + (t1 - t0)[:, None] * np.linspace(0.0, 1.0, count)
    if whole:
        t = np.concatenate([np.zeros((len(a), 1)), t, np.ones((len(a), 1))], axis=1)
    x = width * (1.5 * t * (1 - t) + t ** 3)
    y = np.clip(a[:, None] + (b - a)[:, None] * t * t * (3 - 2 * t), lo, hi)
    return x, y


def _unsmooth(s: np.ndarray) -> np.ndarray:
    """The t in [0, 1] with 3t^2 - 2t^3 = s (s in [0, 1])."""
    return 0.5 - np.sin(np.arcsin(1.0 - 2.0 * s) / 3.0)
