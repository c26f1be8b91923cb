"""Light and dark colour schemes: the app palette and the colours of links, changes and marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

ThemeMode = Literal["system", "light", "dark"]


@dataclass(frozen=True, slots=True)
class Colors:
    """Every colour the compare view paints with, for one scheme."""

    dark: bool
    verbatim: QColor
    paraphrase: QColor
    partial: QColor
    delete_bg: QColor
    insert_bg: QColor
    replace_bg: QColor
    unique: QColor
    current: QColor
    entity_bg: QColor
    find_bg: QColor
    strip_bg: QColor
    heading: QColor
    muted: QColor
    divergence: QColor  # wavy underline under the two spans of a divergence
    flash: QColor  # background pulsed over a divergence's spans when it is picked

    def link_color(self, kind: str) -> QColor:
        """The band colour of a link kind."""
        return {"verbatim": self.verbatim, "paraphrase": self.paraphrase}.get(kind, self.partial)


LIGHT = Colors(
    dark=False,
    verbatim=QColor("#8aa7c8"),
    paraphrase=QColor("#6fb38a"),
    partial=QColor("#d9a94e"),
    delete_bg=QColor("#f6c6c3"),
    insert_bg=QColor("#c5eac6"),
    replace_bg=QColor("#fbe3a6"),
    unique=QColor("#c26ad1"),
    current=QColor("#2f6fdb"),
    entity_bg=QColor("#bfdcff"),
    find_bg=QColor("#ffe866"),
    strip_bg=QColor("#eef0f3"),
    heading=QColor("#1d2733"),
    muted=QColor("#6b7480"),
    divergence=QColor("#e6007e"),
    flash=QColor("#ff9e4a"),
)

DARK = Colors(
    dark=True,
    verbatim=QColor("#5b7aa1"),
    paraphrase=QColor("#4d8f67"),
    partial=QColor("#b48a36"),
    delete_bg=QColor("#6e2f2f"),
    insert_bg=QColor("#2f5e36"),
    replace_bg=QColor("#6b5a25"),
    unique=QColor("#c483d6"),
    current=QColor("#7fb0ff"),
    entity_bg=QColor("#1f4f86"),
    find_bg=QColor("#8a7a12"),
    strip_bg=QColor("#2a2d33"),
    heading=QColor("#e8ecf2"),
    muted=QColor("#9aa3ad"),
    divergence=QColor("#ff5fa2"),
    flash=QColor("#b5651d"),
)


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark scheme."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colors_for(mode: ThemeMode) -> Colors:
    """The colour set for a theme mode, resolving 'system'."""
    if mode == "system":
        return DARK if system_is_dark() else LIGHT
    return DARK if mode == "dark" else LIGHT


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    p = QPalette()
    base, window, text = QColor("#1e2126"), QColor("#2a2e35"), QColor("#e3e6ea")
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: QColor("#262a30"),
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.ToolTipBase: QColor("#33383f"),
        QPalette.ColorRole.ToolTipText: text, QPalette.ColorRole.Highlight: QColor("#3d6fb5"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.PlaceholderText: QColor("#8a929c"),
        QPalette.ColorRole.Link: QColor("#7fb0ff"), QPalette.ColorRole.Mid: QColor("#3a3f47"),
        QPalette.ColorRole.Midlight: QColor("#353a41"), QPalette.ColorRole.Dark: QColor("#15171a"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#767d87"))
    return p


def apply_palette(mode: ThemeMode) -> Colors:
    """Give the application the palette of `mode` and return the matching colours."""
    colors = colors_for(mode)
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        from PySide6.QtWidgets import QApplication

        if isinstance(app, QApplication) and app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(dark_palette() if colors.dark else _light_palette())
    return colors


def _light_palette() -> QPalette:
    from PySide6.QtWidgets import QApplication

    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d7be0"))
    return palette
