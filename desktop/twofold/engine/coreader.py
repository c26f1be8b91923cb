"""A second process that runs spaCy, so that the two articles of a long pair are read at once.

spaCy holds the interpreter lock through most of its work: two threads reading measured only
~10% faster than one. Two processes use both cores: the articles of a real 2 x 20,000-word pair
took 5.4 and 6.4 s side by side against 10.6 s one after the other. A second process costs
memory (a second spaCy model, ~150-250 MB) and ~1.5 s of start-up, so it is started only when
long articles are about: by the window when a folder holds one, by `compare` when it meets a
pair with one (ready for the next). A comparison waits for it only when it should be free
soon, and briefly (see `PATIENCE`, `READ_RATE`); otherwise the pair is read in this process. A
read that is no longer wanted (reading ahead stopped by a comparison, a cancelled comparison)
stops at its next chunk of paragraphs.

The other process returns each article as `DocBin` bytes, the form the disk cache stores, so
its analysis is the one this process would have made. If it fails or dies, the article is read
here and the process started again for the next long pair.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from twofold.engine.errors import Cancelled

log = logging.getLogger(__name__)

# Once the process runs, a pair is read in two processes when both articles have at least this
# many words. Handing an article over is cheap (~12 ms for 900 words), but up to about here the
# encoder, not spaCy, takes most of a cold pair's time and already holds the other core: 1k-word
# pairs measured the same either way, real 1.3k-word pairs 1.21 against 1.33 s, 5.5k 4.6 / 5.6 s.
PAIR_WORDS = 1_500
# An article this long starts the process: when a folder holding one opens, or a pair with one
# is compared. Shorter articles are read in a fraction of a second, and mostly ahead (readahead).
LONG_WORDS = 3_000
# Paragraphs read between two looks for a message to stop (~0.3 s of a long article): an
# abandoned read leaves the core to the work that replaced it within a moment.
_CHUNK = 16
_STOP_READING = "stop reading"
# How long a comparison waits for the other process when it is likely to be free soon: a read
# for reading ahead, which the window stops as the comparison starts (it may not have noticed
# yet) and which then ends at its chunk, or its model loading (started as the folder opened, it
# loads while this process loads its own). Against seconds of reading a long article alone.
PATIENCE = 0.5
# A long pair waits longer for a process still loading, up to half of what reading its longer
# article here would take at this many words a second (~4,400 measured): a 20,000-word article
# is worth waiting 2.5 s for, the ~1.5 s a process takes to load (`_LOADING`).
READ_RATE = 4_000
_LOADING = 1.5  # seconds from start to ready (1.4-1.8 s measured); not waited for past patience
_POLL = 0.05  # seconds between asking `cancelled()` while the other process reads
_WHAT = "The language analysis"


class CoReader:
    """One spaCy process beside this one, analysing one list of paragraphs at a time.

    A read is `submit(texts)` (False when the process cannot take them now), other work, then
    `collect()`. Its methods may be called from any thread.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._busy = False
        self._pending = 0  # replies owed to reads that were abandoned (cancelled)
        self._broken = False  # its model would not load: never started again
        self._started = 0.0  # when the process was started (time.monotonic)
        self.stopped_early = 0  # abandoned reads the other process stopped before their end

    def start(self) -> None:
        """Start the process in the background, unless it runs already (returns at once)."""
        with self._lock:
            if self._broken or (self._process is not None and self._process.poll() is None):
                return
            self._forget()
            if os.name != "posix":  # the other end is handed over as a POSIX descriptor
                self._broken = True
                return
            # A fresh interpreter, not `multiprocessing`'s spawn: that would run the launching
            # script again in the child (any script without a __main__ guard); never a fork of
            # a threaded window.
            here, there = multiprocessing.Pipe()
            package_root = str(Path(__file__).resolve().parents[2])
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(
                p for p in (package_root, os.environ.get("PYTHONPATH")) if p))
            try:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", __name__, str(there.fileno())],
                    pass_fds=(there.fileno(),), stdin=subprocess.DEVNULL, env=env)
            except OSError as err:  # no process to spare: this process reads alone
                log.info("no second reading process (%s)", err)
                here.close()
                return
            finally:
                there.close()
            self._conn, self._started = here, time.monotonic()

    def available(self) -> bool:
        """Whether a read may start now: the process has its model loaded and is idle."""
        with self._lock:
            return self._idle()

    def wait_available(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the process to be available (benchmarks, tests)."""
        deadline = time.monotonic() + timeout
        while not self.available():
            if time.monotonic() > deadline or self._conn is None:
                return False
            time.sleep(_POLL)
        return True

    def submit(self, texts: list[str], *, patience: float = 0.0) -> bool:
        """Hand `texts` to the other process; False if it cannot take them now. While it reads
        (or stops reading) other texts, or loads its model, wait up to `patience` seconds for it
        (a model loading only when it should be loaded by then)."""
        deadline = time.monotonic() + patience
        while True:
            with self._lock:
                if self._idle():
                    return self._send(texts)
                soon = self._conn is not None and (
                    (self._busy or self._pending) if self._ready else
                    time.monotonic() - self._started + patience >= _LOADING)
            if not soon or time.monotonic() > deadline:
                return False
            time.sleep(_POLL)

    def _send(self, texts: list[str]) -> bool:
        try:
            assert self._conn is not None
            self._conn.send(texts)
        except (OSError, ValueError) as err:
            log.info("second reading process gone (%s)", err)
            self._forget()
            return False
        self._busy = True
        return True

    def collect(self, *, cancelled: Callable[[], bool] | None = None) -> bytes | None:
        """The submitted texts' analysis, or None if the process failed. `Cancelled` if asked
        while waiting: the reply is then dropped when it comes."""
        conn = self._conn
        try:
            while conn is not None and not conn.poll(_POLL):
                if cancelled is not None and cancelled():
                    self.abandon()
                    raise Cancelled(f"{_WHAT} was cancelled")
            if conn is None:
                return None
            kind, value = conn.recv()
        except (EOFError, OSError) as err:
            log.info("second reading process gone (%s)", err)
            with self._lock:
                self._forget()
            return None
        with self._lock:
            self._busy = False
        if kind != "docs":
            log.warning("the second reading process failed: %s", value)
            return None
        return value

    def abandon(self) -> None:
        """The submitted read's reply is not wanted (its comparison was cancelled or failed):
        the other process is told to stop reading, and its reply is dropped when it comes.
        Does nothing when no read is under way."""
        with self._lock:
            if self._busy:
                self._busy = False
                self._pending += 1
                try:  # it stops at its next chunk of paragraphs
                    assert self._conn is not None
                    self._conn.send(_STOP_READING)
                except (OSError, ValueError):
                    self._forget()

    def stop(self) -> None:
        """End the process (it also ends by itself when this one ends: its pipe closes)."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(OSError, ValueError):
                    self._conn.send(None)
            process = self._process
            self._forget()
        if process is not None:
            try:
                process.wait(2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _idle(self) -> bool:
        """`available`, with the lock held."""
        if self._conn is None or self._busy:
            return False
        try:
            self._settle()
        except (EOFError, OSError):
            self._forget()
            return False
        return self._ready and not self._pending

    def _settle(self) -> None:
        """Read the messages that came while nobody waited: ready, replies to abandoned reads
        (with the lock held)."""
        assert self._conn is not None
        while self._conn.poll():
            kind, value = self._conn.recv()
            if kind == "ready":
                self._ready = True
            elif not self._ready:  # its model did not load: this process reads alone
                log.warning("no second reading process: %s", value)
                self._broken = True
            elif self._pending:
                self._pending -= 1
                self.stopped_early += kind == "stopped"

    def _forget(self) -> None:
        """Drop the process (dead, failed, or stopped); the next `start` makes a new one."""
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None
        self._ready = self._busy = False
        self._pending = 0


def _serve(conn: Connection) -> None:
    """The other process: load spaCy, say so, then analyse each list of texts it is sent, until
    the window's process says stop or ends (its end of the pipe closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is for the window
    with contextlib.suppress(EOFError, OSError):  # the window's process ended (maybe while
        _answer(conn)  # this one loaded): nothing to tell anyone


def _answer(conn: Connection) -> None:
    from spacy.tokens import Doc, DocBin

    from twofold.engine.nlp import load_nlp

    try:
        nlp = load_nlp()
    except Exception as err:  # told to the window's process, which reads alone
        conn.send(("error", str(err)))
        return
    conn.send(("ready", None))
    while (texts := conn.recv()) is not None:
        if texts == _STOP_READING:  # came after the read it meant had ended: its reply is sent
            continue
        reply: tuple[str, bytes | str | None]
        try:
            docs: list[Doc] = []
            for start in range(0, len(texts), _CHUNK):
                if conn.poll():  # the only message that comes during a read: stop it
                    conn.recv()
                    reply = ("stopped", None)
                    break
                docs += nlp.pipe(texts[start:start + _CHUNK], batch_size=64)
            else:
                reply = ("docs", DocBin(docs=docs, store_user_data=False).to_bytes())
        except Exception as err:  # the article is then read in the window's process
            reply = ("error", f"{type(err).__name__}: {err}")
        conn.send(reply)


_shared: CoReader | None = None
_shared_lock = threading.Lock()


def shared_coreader() -> CoReader:
    """The process's one second reader (not started until someone calls `start`)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = CoReader()
        return _shared


if __name__ == "__main__":  # the other process: python -m twofold.engine.coreader FD
    _serve(Connection(int(sys.argv[1])))
