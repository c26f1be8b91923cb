"""The divergences a reader dismissed as "not a divergence" for the pair on screen, undoable.

Remembered by the engine per pair of article texts (`engine.divergences.dismissed`); this keeps
the pair's set at hand and the order they were dismissed in, so Ctrl+Z takes back the last.
"""

from __future__ import annotations

import logging
from types import ModuleType

from twofold.engine.model import Comparison, Divergence

log = logging.getLogger(__name__)


def _store() -> ModuleType:
    # Imported on first use: the divergences package loads its finder, which the window's
    # start does not need.
    from twofold.engine.divergences import dismissed

    return dismissed


def _id(divergence: Divergence) -> str:
    from twofold.engine.divergences.identity import divergence_id

    return divergence_id(divergence)


class Dismissals:
    """The dismissed divergence ids of one pair of articles, and an undo history."""

    def __init__(self) -> None:
        self._pair: tuple[str, str] = ("", "")
        self.ids: frozenset[str] = frozenset()
        self._history: list[str] = []  # dismissed this session, oldest first

    def load(self, comparison: Comparison) -> None:
        """Read what was dismissed for this pair (any order of the two articles)."""
        pair = (comparison.left.digest, comparison.right.digest)
        if set(pair) != set(self._pair):
            self._history = []
        self._pair = pair
        try:
            self.ids = _store().dismissed(*pair)
        except Exception:  # an unreadable cache must not cost the reader the comparison
            log.exception("could not read the dismissed divergences")
            self.ids = frozenset()

    def dismiss(self, divergence: Divergence) -> None:
        """Remember that `divergence` is not one, for this pair."""
        _store().dismiss(*self._pair, divergence)
        found = _id(divergence)
        self.ids = self.ids | {found}
        self._history.append(found)

    def can_undo(self) -> bool:
        """Whether a dismissal of this session can be taken back."""
        return bool(self._history)

    def undo(self) -> bool:
        """Show the last dismissed divergence again; False when there was none."""
        if not self._history:
            return False
        found = self._history.pop()
        _store().restore(*self._pair, found)
        self.ids = self.ids - {found}
        return True

    def restore_all(self) -> None:
        """Show every dismissed divergence of this pair again."""
        for found in self.ids:
            _store().restore(*self._pair, found)
        self.ids, self._history = frozenset(), []
