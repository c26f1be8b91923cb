"""Background jobs: a one-shot QRunnable calls a pure function; results come back by signal.

Each job belongs to a channel ("scan", "compare"); submitting a new job on a channel makes the
earlier one stale, and a stale job's result is dropped instead of delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; workers emit through it so delivery is queued to that thread."""

    done = Signal(str, int, bool, object)  # channel, job id, ok, result or exception


class _Job(QRunnable):
    """Run `fn(*args)` once on a pool thread and report through the relay."""

    def __init__(self, relay: _Relay, channel: str, job_id: int,
                 fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self._relay, self._channel, self._id = relay, channel, job_id
        self._fn, self._args = fn, args

    def run(self) -> None:
        """Call the function and emit its result or the exception it raised."""
        try:
            result: Any = self._fn(*self._args)
            ok = True
        except BaseException as err:  # delivered to the GUI thread, which decides what to show
            result, ok = err, False
        try:
            self._relay.done.emit(self._channel, self._id, ok, result)
        except RuntimeError:  # the window closed while we worked
            log.debug("job %s#%d finished after its receiver was deleted", self._channel, self._id)


class JobRunner(QObject):
    """Submits jobs to a thread pool and delivers the latest result of each channel."""

    finished = Signal(str, int, object)  # channel, job id, result
    failed = Signal(str, int, object)  # channel, job id, exception
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool(self)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._next_id = 0
        self._latest: dict[str, int] = {}
        self._running: set[int] = set()

    def submit(self, channel: str, fn: Callable[..., Any], *args: Any) -> int:
        """Run `fn(*args)` in the background; return the job id, superseding the channel's last."""
        self._next_id += 1
        job_id = self._next_id
        self._latest[channel] = job_id
        was_busy = self.busy
        self._running.add(job_id)
        self._pool.start(_Job(self._relay, channel, job_id, fn, args))
        if not was_busy:
            self.busyChanged.emit(True)
        return job_id

    def cancel(self, channel: str) -> None:
        """Make the channel's pending job stale (it still runs, but its result is dropped)."""
        self._latest.pop(channel, None)

    def is_current(self, channel: str, job_id: int) -> bool:
        """Whether `job_id` is the latest job of `channel`."""
        return self._latest.get(channel) == job_id

    @property
    def busy(self) -> bool:
        """Whether any job is still running."""
        return bool(self._running)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job finished (for shutdown); True when none is left."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(str, int, bool, object)
    def _deliver(self, channel: str, job_id: int, ok: bool, result: object) -> None:
        self._running.discard(job_id)
        if self._latest.get(channel) == job_id:
            del self._latest[channel]
            (self.finished if ok else self.failed).emit(channel, job_id, result)
        if not self._running:
            self.busyChanged.emit(False)
