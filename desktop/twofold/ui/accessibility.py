"""Accessible names for the window's main widgets, for screen readers and keyboard users.

Names are only filled in where a widget has none, so a widget that names itself keeps its name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from .mainwindow import MainWindow

# dotted attribute path from the window -> (name, description)
NAMES: dict[str, tuple[str, str]] = {
    "view.left": ("Left article", "The left article's text; changed words are highlighted"),
    "view.right": ("Right article", "The right article's text; changed words are highlighted"),
    "view.linkmap": ("Links between the articles", "Bands join paragraphs that match"),
    "view.left_strip": ("Left overview strip", "Where the left article's differences lie"),
    "view.right_strip": ("Right overview strip", "Where the right article's differences lie"),
    "view.findbar.field": ("Find text", "Text to find in both articles"),
    "articles.tree": ("Articles", "The articles of the open folder"),
    "articles.left_button": ("Set as left article", ""),
    "articles.right_button": ("Set as right article", ""),
    "entities.filter": ("Filter entities", "Narrow the entity lists"),
    "entities.tabs": ("Entities by article", ""),
    "divergences.list": ("Divergences", "Facts the two articles state differently"),
    "messages": ("Messages", ""),
    "status": ("Status", "Similarity, paragraph counts and work in progress"),
}


def name_main_widgets(window: MainWindow) -> list[str]:
    """Give the main widgets accessible names; return the paths it could not find."""
    missing = []
    for path, (name, description) in NAMES.items():
        widget: object = window
        for part in path.split("."):
            widget = getattr(widget, part, None)
        if not isinstance(widget, QWidget):
            missing.append(path)
            continue
        if not widget.accessibleName():
            widget.setAccessibleName(name)
        if description and not widget.accessibleDescription():
            widget.setAccessibleDescription(description)
    return missing
