"""Contrast of rendered text: what a reader sees, measured on a widget's pixels (WCAG 2 ratio)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

BODY = 4.5  # WCAG AA for body text


def luminance(color: QColor) -> float:
    """Relative luminance of a colour (WCAG 2)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def ratio(a: QColor, b: QColor) -> float:
    """Contrast ratio of two colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_contrast(widget: QWidget, rect: QRect | None = None) -> float:
    """Contrast of the text drawn in `rect` of `widget` against the background it sits on.

    The background is the commonest colour there; the text is the pixel that differs from it
    most (the core of a glyph's stem carries the full text colour).
    """
    counts = _pixels(widget, rect)
    ground = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(ratio(ground, QColor.fromRgb(rgb)) for rgb in counts)


def background(widget: QWidget, rect: QRect | None = None) -> QColor:
    """The commonest colour in `rect` of `widget`, as rendered."""
    return QColor.fromRgb(_pixels(widget, rect).most_common(1)[0][0])


def _pixels(widget: QWidget, rect: QRect | None) -> Counter[int]:
    image = widget.grab(rect or widget.rect()).toImage().convertToFormat(QImage.Format.Format_RGB32)
    counts = Counter(image.pixel(x, y) for y in range(image.height())
                     for x in range(image.width()))
    assert counts, "nothing rendered"
    return counts
