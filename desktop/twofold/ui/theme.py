"""Light and dark colour schemes: the app palette and every colour the window paints.

No other module of the window names a colour: each asks its scheme's tokens, so a live switch
of theme repaints everything and both schemes are checked for contrast in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

ThemeMode = Literal["system", "light", "dark"]


@dataclass(frozen=True, slots=True)
class MessageColors:
    """The background, text and border of one level of message."""

    background: QColor
    text: QColor
    border: QColor


@dataclass(frozen=True, slots=True)
class Colors:
    """Every colour the window paints with, for one scheme."""

    dark: bool
    # bands between the panes, by link kind
    verbatim: QColor
    paraphrase: QColor
    partial: QColor
    # word changes inside linked paragraphs, and the text written on them
    delete_bg: QColor
    insert_bg: QColor
    replace_bg: QColor
    change_fg: QColor
    delete_fg: QColor  # words only this side has read as "deleted" in the other
    unique: QColor  # the bar beside a paragraph with no counterpart
    current: QColor  # the frame of the current link or difference
    entity_bg: QColor
    find_bg: QColor  # find matches: their own colour, never one of the change colours
    find_fg: QColor
    strip_bg: QColor
    heading: QColor
    muted: QColor  # secondary text: pane headers' details, file dates, hints
    warning: QColor  # text that asks for attention on the window's background (engine notes)
    divergence: QColor  # wavy underline under the two spans of a divergence
    divergence_bg: QColor  # the spans of the divergence picked last
    flash: QColor  # background pulsed over a divergence's spans when it is picked
    passage_bg: QColor  # the two sentences of a claim opened from the story view
    passage_flash: QColor  # background pulsed over them when they are opened
    # the sides, as the articles list's badges and the divergences dock show them
    side_left: QColor
    side_right: QColor
    side_left_text: QColor  # the side letters written on the window's background
    side_right_text: QColor
    badge_text: QColor  # glyphs on every coloured badge (sides, divergence kinds)
    divergence_kinds: Mapping[str, QColor]  # badge colour per divergence kind
    severity: Mapping[int, QColor]  # 2 high, 1 medium, 0 low
    entity_marks: Mapping[str, QColor]  # "shared", "only", "spelled"
    messages: Mapping[str, MessageColors]  # "error", "warning", "info"
    clusters: tuple[QColor, ...]  # the overview's cluster dots
    rewrite: QColor  # the overview's likely-rewrite marks and lines
    heat: QColor  # the overview's most similar cells
    heat_text: QColor  # figures on cells that heat made dark

    def link_color(self, kind: str) -> QColor:
        """The band colour of a link kind."""
        return {"verbatim": self.verbatim, "paraphrase": self.paraphrase}.get(kind, self.partial)

    def kind_color(self, kind: str) -> QColor:
        """The badge colour of a divergence kind."""
        return self.divergence_kinds.get(kind, self.divergence_kinds["other"])


def _c(value: str) -> QColor:
    return QColor(value)


def _map(**colors: str) -> Mapping[str, QColor]:
    return MappingProxyType({k: QColor(v) for k, v in colors.items()})


# Saturated badges under white glyphs: each clears 4.5:1 (WCAG AA) against the glyph colour.
_KINDS = {"number": "#c0392b", "title": "#8e44ad", "spelling": "#2471a3",
          "attribution": "#8a5a00", "date": "#117a65", "quote": "#6c3483", "place": "#1e7a44",
          "other": "#5d6d7e"}
_CLUSTERS = ("#2f6fdb", "#c2571a", "#2e8b57", "#a23cb4", "#b8860b", "#1f8a9e", "#c0392b",
             "#6b7a8f")

LIGHT = Colors(
    dark=False,
    verbatim=_c("#8aa7c8"),
    paraphrase=_c("#6fb38a"),
    partial=_c("#d9a94e"),
    delete_bg=_c("#f6c6c3"),
    insert_bg=_c("#c5eac6"),
    replace_bg=_c("#fbe3a6"),
    change_fg=_c("#1d2733"),
    delete_fg=_c("#5c1512"),
    unique=_c("#c26ad1"),
    current=_c("#2f6fdb"),
    entity_bg=_c("#bfdcff"),
    find_bg=_c("#ff9b21"),
    find_fg=_c("#1a1200"),
    strip_bg=_c("#eef0f3"),
    heading=_c("#1d2733"),
    muted=_c("#59616c"),
    warning=_c("#8a4b00"),
    divergence=_c("#e6007e"),
    divergence_bg=_c("#fcd5ea"),
    flash=_c("#ff7fbf"),
    passage_bg=_c("#dfd9f7"),
    passage_flash=_c("#b6a8ef"),
    side_left=_c("#2f6fdb"),
    side_right=_c("#b34e12"),
    side_left_text=_c("#2f6fdb"),
    side_right_text=_c("#b34e12"),
    badge_text=_c("#ffffff"),
    divergence_kinds=_map(**_KINDS),
    severity=MappingProxyType({2: _c("#c0392b"), 1: _c("#9a6300"), 0: _c("#59616c")}),
    entity_marks=_map(shared="#2e7d43", only="#8e44a8", spelled="#a84a10"),
    messages=MappingProxyType({
        "error": MessageColors(_c("#fbe3e1"), _c("#8c1d18"), _c("#e8a29c")),
        "warning": MessageColors(_c("#fff3d6"), _c("#6d4c00"), _c("#e9c873")),
        "info": MessageColors(_c("#e3eefc"), _c("#1c3f73"), _c("#a9c6ee")),
    }),
    clusters=tuple(_c(c) for c in _CLUSTERS),
    rewrite=_c("#b35a00"),
    heat=_c("#3d7be0"),
    heat_text=_c("#ffffff"),
)

DARK = Colors(
    dark=True,
    verbatim=_c("#5b7aa1"),
    paraphrase=_c("#4d8f67"),
    partial=_c("#b48a36"),
    delete_bg=_c("#6e2f2f"),
    insert_bg=_c("#2f5e36"),
    replace_bg=_c("#6b5a25"),
    change_fg=_c("#f0f3f7"),
    delete_fg=_c("#ffd9d5"),
    unique=_c("#c483d6"),
    current=_c("#7fb0ff"),
    entity_bg=_c("#1f4f86"),
    find_bg=_c("#ffb347"),
    find_fg=_c("#1a1200"),
    strip_bg=_c("#2a2d33"),
    heading=_c("#e8ecf2"),
    muted=_c("#a3acb6"),
    warning=_c("#ffc266"),
    divergence=_c("#ff5fa2"),
    divergence_bg=_c("#5c2440"),
    flash=_c("#b0306e"),
    passage_bg=_c("#3d3568"),
    passage_flash=_c("#5d4fa6"),
    side_left=_c("#2f6fdb"),
    side_right=_c("#b34e12"),
    side_left_text=_c("#7fb0ff"),
    side_right_text=_c("#ffa66b"),
    badge_text=_c("#ffffff"),
    divergence_kinds=_map(**_KINDS),
    severity=MappingProxyType({2: _c("#ff7b72"), 1: _c("#f0b545"), 0: _c("#a3acb6")}),
    entity_marks=_map(shared="#7fd394", only="#d9a0e8", spelled="#ffa66b"),
    messages=MappingProxyType({
        "error": MessageColors(_c("#4a2020"), _c("#ffc9c4"), _c("#8c3a33")),
        "warning": MessageColors(_c("#453716"), _c("#ffe3a3"), _c("#8a6d22")),
        "info": MessageColors(_c("#1d3350"), _c("#cfe2ff"), _c("#3d5f8c")),
    }),
    clusters=tuple(_c(c) for c in _CLUSTERS),
    rewrite=_c("#ffa64d"),
    heat=_c("#3d7be0"),
    heat_text=_c("#ffffff"),
)


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark scheme."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colors_for(mode: ThemeMode | str) -> Colors:
    """The colour set for a theme mode, resolving 'system'."""
    if mode == "system":
        return DARK if system_is_dark() else LIGHT
    return DARK if mode == "dark" else LIGHT


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    p = QPalette()
    base, window, text = _c("#1e2126"), _c("#2a2e35"), _c("#e3e6ea")
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: _c("#262a30"),
        QPalette.ColorRole.Text: text, QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.ToolTipBase: _c("#33383f"),
        QPalette.ColorRole.ToolTipText: text, QPalette.ColorRole.Highlight: _c("#3d6fb5"),
        QPalette.ColorRole.HighlightedText: _c("#ffffff"),
        QPalette.ColorRole.PlaceholderText: _c("#a3acb6"),
        QPalette.ColorRole.BrightText: _c("#ffffff"),
        QPalette.ColorRole.Link: _c("#7fb0ff"), QPalette.ColorRole.Mid: _c("#3a3f47"),
        QPalette.ColorRole.Midlight: _c("#353a41"), QPalette.ColorRole.Dark: _c("#15171a"),
        QPalette.ColorRole.Light: _c("#454b54"), QPalette.ColorRole.Shadow: _c("#0b0c0e"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, _c("#767d87"))
    return p


def light_palette() -> QPalette:
    """The Fusion style's own light palette, with a clearer selection and hint colour."""
    from PySide6.QtWidgets import QApplication

    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, _c("#3d7be0"))
    palette.setColor(QPalette.ColorRole.HighlightedText, _c("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, LIGHT.muted)
    palette.setColor(QPalette.ColorRole.Link, _c("#1f5fc4"))
    return palette


def apply_palette(mode: ThemeMode | str) -> Colors:
    """Give the application the palette of `mode` and return the matching colours."""
    colors = colors_for(mode)
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        from PySide6.QtWidgets import QApplication

        if isinstance(app, QApplication) and app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(dark_palette() if colors.dark else light_palette())
        if isinstance(app, QApplication) and app.styleSheet():
            # Widgets a stylesheet has polished keep the palette they had: setting the sheet
            # again polishes them anew, so a live switch reaches every widget already shown.
            app.setStyleSheet(app.styleSheet())
    return colors
