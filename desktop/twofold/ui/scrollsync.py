"""Link-aware synchronised scrolling of two panes (like Meld's): anchors map heights across."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject

from .pane import ArticlePane


def map_height(y: float, anchors: Sequence[tuple[float, float]]) -> float:
    """Map a height on one side to the other by linear interpolation between anchor pairs."""
    if not anchors:
        return y
    xs = [a for a, _ in anchors]
    k = bisect_right(xs, y) - 1
    if k < 0:
        return anchors[0][1] - (anchors[0][0] - y)
    if k >= len(anchors) - 1:
        return anchors[-1][1] + (y - anchors[-1][0])
    (x0, y0), (x1, y1) = anchors[k], anchors[k + 1]
    return y0 + (y - x0) * (y1 - y0) / (x1 - x0) if x1 > x0 else y0


class ScrollSync(QObject):
    """Keeps the right pane where the left one is, through the anchored paragraphs."""

    def __init__(self, left: ArticlePane, right: ArticlePane,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._left, self._right = left, right
        self._anchors: list[tuple[float, float]] = []  # (left doc y, right doc y), increasing
        self._busy = False
        self.enabled = True
        left.verticalScrollBar().valueChanged.connect(self._left_moved)
        right.verticalScrollBar().valueChanged.connect(self._right_moved)

    def set_anchors(self, anchors: Sequence[tuple[float, float]]) -> None:
        """Set the (left y, right y) document heights that must stay level."""
        self._anchors = sorted(anchors)

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Scroll one pane without moving the other."""
        self._busy = True
        try:
            yield
        finally:
            self._busy = False

    def _left_moved(self, value: int) -> None:
        self._follow(self._left, self._right, value, self._anchors)

    def _right_moved(self, value: int) -> None:
        self._follow(self._right, self._left, value, [(b, a) for a, b in self._anchors])

    def _follow(self, source: ArticlePane, target: ArticlePane, value: int,
                anchors: Sequence[tuple[float, float]]) -> None:
        if self._busy or not self.enabled:
            return
        # Map the line a reader looks at (a third down the view), not the top edge.
        probe = source.viewport().height() / 3
        mapped = map_height(value + probe, anchors) - probe
        self._busy = True
        try:
            target.verticalScrollBar().setValue(round(mapped))
        finally:
            self._busy = False
