"""Files of the repository's resources/ folder (stylesheet, icon); optional when not found."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

_ROOT = Path(__file__).resolve().parents[3] / "resources"


def resource(name: str) -> Path | None:
    """Path of a resource file, or None when the app runs without the resources folder."""
    path = _ROOT / name
    return path if path.is_file() else None


def load_stylesheet() -> str:
    """The app's Qt stylesheet (empty when absent)."""
    path = resource("twofold.qss")
    return path.read_text(encoding="utf-8") if path else ""


def app_icon() -> QIcon | None:
    """The application icon."""
    path = resource("icons/twofold.svg")
    return QIcon(str(path)) if path else None
