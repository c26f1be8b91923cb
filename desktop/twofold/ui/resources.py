"""Files the window needs at run time (stylesheet, icon): package data of `twofold.resources`,
so they are found the same way in a source checkout, an editable install and an installed wheel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

_ROOT = Path(__file__).resolve().parent.parent / "resources"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def resource(name: str) -> Path | None:
    """Path of a resource file, or None when it is missing (the app runs without it)."""
    path = _ROOT / name
    return path if path.is_file() else None


def load_stylesheet() -> str:
    """The app's Qt stylesheet (empty when absent)."""
    path = resource("twofold.qss")
    return path.read_text(encoding="utf-8") if path else ""


def app_icon() -> QIcon | None:
    """The application icon: the SVG, plus the PNG sizes rendered from it for crisp small sizes."""
    svg = resource("icons/twofold.svg")
    if svg is None:
        return None
    icon = QIcon(str(svg))
    for size in ICON_SIZES:
        png = resource(f"icons/twofold-{size}.png")
        if png is not None:
            icon.addFile(str(png), QSize(size, size))
    return icon
