"""Stopping background work: the status bar's Cancel button and Esc, and a clean close."""

from __future__ import annotations

import logging

from PySide6.QtCore import QDeadlineTimer, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from .session import Session
from .statusbar import CompareStatus
from .worker import JobRunner

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 10_000  # a job stops within one step; past this the process exits after it


class WorkCanceller(QObject):
    """Cancels the window's background work when asked (button, Esc) and when it closes."""

    cancelled = Signal(list)  # the channels whose work the user stopped

    def __init__(self, window: QWidget, session: Session, status: CompareStatus,
                 export_runner: JobRunner) -> None:
        super().__init__(window)
        self._window, self._session, self._status = window, session, status
        self._export_runner = export_runner
        status.cancel_button.clicked.connect(self.cancel)
        session.runner.pendingChanged.connect(status.set_cancellable)
        window.installEventFilter(self)  # sees the Esc no focused widget wanted

    def cancel(self) -> list[str]:
        """Stop the work in progress and say so; return the channels stopped."""
        channels = [str(c) for c in self._session.cancel()]
        if channels and self._session.runner.busy:
            self._status.show_cancelling()
        if channels:
            self.cancelled.emit(channels)
        return channels

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc cancels while work runs (a find bar or dialog that uses Esc gets it first)."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self._session.runner.pending):
            self.cancel()
            return True
        return super().eventFilter(watched, event)

    def shut_down(self, wait_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Cancel every job and wait at most `wait_ms` for the threads; True when all ended."""
        # an export writes its file; reading ahead stops within a paragraph
        runners = (self._session.runner, self._session.reader, self._export_runner)
        stopped = self._session.shut_down()
        if not any(r.busy for r in runners):
            return True
        log.info("closing: stopping %s", ", ".join(stopped) or "background work")
        self._window.hide()  # the wait must not look like a frozen window
        deadline = QDeadlineTimer(wait_ms)
        done = all(r.wait(max(0, deadline.remainingTime())) for r in runners)
        if done:
            log.info("closing: background work stopped")
        else:
            log.warning("closing: background work still runs after %d ms; Twofold exits when "
                        "it ends", wait_ms)
        return done
