"""One path for every message the window gives: any part says it here, one bar shows it.

Errors from the engine are turned into their text once, in `describe`; anything it does not know
is a bug, which the caller reports with the crash dialog instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from twofold.engine.errors import ArticleError, ModelMissing, TwofoldError


class Level(StrEnum):
    """How a message is shown: errors and warnings stay until dismissed, notes fade."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def describe(error: BaseException) -> tuple[Level, str] | None:
    """The message for an expected failure, or None for an unexpected one (a bug)."""
    if isinstance(error, ArticleError):
        return Level.ERROR, str(error)
    if isinstance(error, ModelMissing):
        return Level.ERROR, f"The language model is missing: {error}"
    if isinstance(error, TwofoldError):
        return Level.ERROR, str(error)
    if isinstance(error, MemoryError):
        return Level.ERROR, "Twofold ran out of memory on these articles; try shorter ones."
    if isinstance(error, OSError):
        return Level.ERROR, f"{error.strerror or error}" + (
            f": {error.filename}" if error.filename else "")
    return None


@dataclass(frozen=True, slots=True)
class Action:
    """What a message offers to do about it ("Compare Again", "Undo"): a button's text and deed."""

    text: str
    run: Callable[[], object]


class Messages(QObject):
    """Where the window's parts say something to the user; the message bar listens."""

    shown = Signal(str, str, str, object)  # level, text, details, Action or None

    def error(self, text: str, details: str = "", action: Action | None = None) -> None:
        """An error: stays until dismissed."""
        self.shown.emit(Level.ERROR, text, details, action)

    def warning(self, text: str, details: str = "", action: Action | None = None) -> None:
        """A warning: stays until dismissed."""
        self.shown.emit(Level.WARNING, text, details, action)

    def info(self, text: str, details: str = "", action: Action | None = None) -> None:
        """A note: goes away by itself."""
        self.shown.emit(Level.INFO, text, details, action)

    def report(self, error: BaseException, context: str = "") -> bool:
        """Show an expected failure (prefixed with `context`); False when it is a bug."""
        found = describe(error)
        if found is None:
            return False
        level, text = found
        self.shown.emit(level, f"{context}{text}", "", None)
        return True
