"""The colour key under the panes: what each highlight, band and mark means, in its own colours."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from .theme import LIGHT, Colors


def _words(text: str) -> str:
    """Text that wraps only between entries of the key, never inside one."""
    return escape(text).replace(" ", "&nbsp;")


def _swatch(text: str, background: QColor, color: QColor) -> str:
    return (f"<span style='background-color:{background.name()}; color:{color.name()}'>"
            f"&nbsp;{_words(text)}&nbsp;</span>")


def _mark(glyph: str, color: QColor, text: str) -> str:
    return f"<span style='color:{color.name()}'><b>{glyph}</b></span>&nbsp;{_words(text)}"


def key_html(colors: Colors) -> str:
    """The key as rich text: each entry drawn as the window draws it."""
    words = [
        _swatch("reworded", colors.replace_bg, colors.change_fg),
        _swatch("only left", colors.delete_bg, colors.delete_fg),
        _swatch("only right", colors.insert_bg, colors.change_fg),
        _mark("▌", colors.unique, "one side only"),
    ]
    bands = [
        _mark("▬", colors.verbatim, "same wording"),
        _mark("▬", colors.paraphrase, "paraphrased"),
        _mark("▬", colors.partial, "partly shared: click for its words"),
    ]
    other = [
        f"<span style='color:{colors.divergence.name()}; text-decoration:underline'>"
        "divergence</span>",
        _swatch("find", colors.find_bg, colors.find_fg),
    ]
    gap = "&nbsp;&nbsp; "  # the key wraps here, between entries
    return f"{gap.join(words)}{gap}<b>Bands:</b>&nbsp;{gap.join(bands)}{gap}{gap.join(other)}"


class ColourKey(QLabel):
    """A one- or two-line key; View > Colour Key hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colourKey")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(10, 3, 10, 3)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(
            "Highlighted words differ between two linked paragraphs: reworded, or only in one "
            "article.\nA bar beside a paragraph: nothing in the other article reports it.\n"
            "Bands between the panes link paragraphs that report the same thing; a pale, dashed "
            "band is a partial link, whose words show once you click it, its paragraph, or "
            "reach it with F7.\nA wavy underline marks a divergence (see the Divergences "
            "dock). View > Colour Key hides this line.")
        self.set_colors(LIGHT)

    def set_colors(self, colors: Colors) -> None:
        """Draw the key in another colour scheme."""
        self.setText(key_html(colors))
