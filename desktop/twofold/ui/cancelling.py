"""Stopping background work: the status bar's Cancel button and Esc, and a clean close."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from .mainwindow import MainWindow

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 10_000  # a job stops within one step; past this the process exits after it
_NAMES = {"compare": "comparison", "overview": "folder overview", "scan": "folder listing",
          "rescan": "list update"}


def cancelled_text(channels: Sequence[str]) -> str:
    """'Comparison cancelled.', 'Folder listing and comparison cancelled.'"""
    names = [_NAMES.get(c, c) for c in channels]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{text[:1].upper()}{text[1:]} cancelled."


class WorkCanceller(QObject):
    """Cancels the window's background work when asked (button, Esc) and when it closes."""

    cancelled = Signal(list)  # the channels whose work the user stopped

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.status.cancel_button.clicked.connect(self.cancel)
        window.runner.pendingChanged.connect(window.status.set_cancellable)
        window.installEventFilter(self)  # sees the Esc no focused widget wanted

    def cancel(self) -> list[str]:
        """Stop the work in progress and say so; return the channels stopped."""
        w = self._window
        channels = w.runner.cancel_all()
        if not channels:
            return []
        if w.runner.busy:
            w.status.show_cancelling()
        w.messages.info(cancelled_text(channels))
        log.info("cancelled by the user: %s", ", ".join(channels))
        self.cancelled.emit(channels)
        return channels

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc cancels while work runs (a find bar or dialog that uses Esc gets it first)."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self._window.runner.pending):
            self.cancel()
            return True
        return super().eventFilter(watched, event)

    def shut_down(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Cancel every job and wait at most `wait_ms` for the threads; True when all ended."""
        w = self._window
        runners = (w.runner, w.exporter.runner)  # an export finishes: it writes the user's file
        stopped = w.runner.cancel_all()
        if not any(r.busy for r in runners):
            return True
        log.info("closing: stopping %s", ", ".join(stopped) or "background work")
        w.hide()  # the wait must not look like a frozen window
        deadline = QDeadlineTimer(wait_ms)
        done = all(r.wait(max(0, deadline.remainingTime())) for r in runners)
        if done:
            log.info("closing: background work stopped")
        else:
            log.warning("closing: background work still runs after %d ms; Twofold exits when "
                        "it ends", wait_ms)
        return done
