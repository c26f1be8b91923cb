"""Background jobs: a one-shot QRunnable calls a pure function; results come back by signal.

Each job belongs to a channel ("scan", "compare"); submitting a new job on a channel makes the
earlier one stale, and a stale job's result is dropped instead of delivered. A cancellable job's
function gets `cancelled=flag.is_set` and stops (raising the engine's `Cancelled`) soon after its
flag is set by `cancel` or by a newer job of its channel; one cancelled before it started never
starts. Other jobs run to the end (an export writes the file it was asked for).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from twofold.engine.errors import Cancelled

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; workers emit through it so delivery is queued to that thread."""

    done = Signal(str, int, bool, object)  # channel, job id, ok, result or exception


class _Job(QRunnable):
    """Run `fn(*args)` once on a pool thread and report through the relay."""

    def __init__(self, relay: _Relay, channel: str, job_id: int, fn: Callable[..., Any],
                 args: tuple[Any, ...], flag: threading.Event, cancellable: bool) -> None:
        super().__init__()
        self._relay, self._channel, self._id = relay, channel, job_id
        self._fn, self._args = fn, args
        self._flag, self._cancellable = flag, cancellable

    def run(self) -> None:
        """Call the function and emit its result or the exception it raised."""
        try:
            if self._cancellable:
                # cancelled while it waited for a thread: never start
                Cancelled.check(self._flag.is_set, f"The {self._channel} job")
                result: Any = self._fn(*self._args, cancelled=self._flag.is_set)
            else:
                result = self._fn(*self._args)
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
    busyChanged = Signal(bool)  # whether any job runs (a cancelled one too, until it stops)
    pendingChanged = Signal(bool)  # whether any result is still awaited

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool(self)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._next_id = 0
        self._latest: dict[str, int] = {}
        self._flags: dict[int, threading.Event] = {}  # of the jobs still running

    def submit(self, channel: str, fn: Callable[..., Any], *args: Any,
               cancellable: bool = False) -> int:
        """Run `fn(*args)` in the background; return the job id, superseding the channel's last.

        With `cancellable`, `fn` is called with the keyword `cancelled`, a function that says
        whether the job was cancelled; the superseded job of the channel is cancelled.
        """
        self._next_id += 1
        job_id = self._next_id
        self._stop(self._latest.get(channel))
        was_busy, was_pending = self.busy, self.pending
        self._latest[channel] = job_id
        flag = threading.Event()
        self._flags[job_id] = flag
        self._pool.start(_Job(self._relay, channel, job_id, fn, args, flag, cancellable))
        log.info("job %s#%d started", channel, job_id)
        if not was_busy:
            self.busyChanged.emit(True)
        if not was_pending:
            self.pendingChanged.emit(True)
        return job_id

    def cancel(self, channel: str) -> bool:
        """Stop the channel's pending job and drop its result; True if there was one."""
        job_id = self._latest.pop(channel, None)
        self._stop(job_id)
        if job_id is not None and not self._latest:
            self.pendingChanged.emit(False)
        return job_id is not None

    def cancel_all(self) -> list[str]:
        """Stop every pending job; return the channels that had one, in the order submitted."""
        channels = self.pending_channels()
        for channel in channels:
            self.cancel(channel)
        return channels

    def is_current(self, channel: str, job_id: int) -> bool:
        """Whether `job_id` is the latest job of `channel`."""
        return self._latest.get(channel) == job_id

    def pending_channels(self) -> list[str]:
        """The channels whose latest job has not delivered yet, in the order submitted."""
        return sorted(self._latest, key=self._latest.__getitem__)

    @property
    def pending(self) -> bool:
        """Whether a result is still awaited (cancelled jobs do not count)."""
        return bool(self._latest)

    @property
    def busy(self) -> bool:
        """Whether any job is still running."""
        return bool(self._flags)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job finished (for shutdown); True when none is left."""
        return bool(self._pool.waitForDone(msecs))

    def _stop(self, job_id: int | None) -> None:
        flag = self._flags.get(job_id) if job_id is not None else None
        if flag is not None:
            flag.set()

    @Slot(str, int, bool, object)
    def _deliver(self, channel: str, job_id: int, ok: bool, result: object) -> None:
        self._flags.pop(job_id, None)
        if self._latest.get(channel) == job_id:
            del self._latest[channel]
            if not self._latest:
                self.pendingChanged.emit(False)
            (self.finished if ok else self.failed).emit(channel, job_id, result)
        if not self._flags:
            self.busyChanged.emit(False)
