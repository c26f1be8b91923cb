"""Sentences embedded while spaCy still reads: the two halves of a cold comparison side by side.

spaCy holds the interpreter lock; the encoder spends its time in NumPy products that release
it, so on two cores they overlap. The encoder starts on the first paragraphs spaCy yields, with
BLAS held at one thread while spaCy holds the other core; once reading ends the reading thread
embeds too, each thread's products on one core (two such threads measured ~20% faster than one
thread's products split over two cores). Where BLAS cannot be held at one thread (see `blas`),
two BLAS threads beside spaCy measured slower than waiting: each article is then embedded once
it is read (the left one while spaCy reads the right), by the feed's thread alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING

from .align.terms import sentence_texts
from .blas import can_hold, one_thread
from .errors import Cancelled
from .vectors import sentence_vectors

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Paragraphs spaCy reads per batch when the encoder follows it: small enough that embedding
# starts early (spaCy's output does not depend on it).
STREAMED_BATCH = 8
# Sentences per encoder call while spaCy reads: the encoder looks again between calls, so it
# is soon sharing the rest with the reading thread once reading ends.
_WHILE_READING = 16
# Fewest sentences worth one call once reading is over (the rest is split in halves).
_LEAST = 4
_POLL = 0.05  # seconds between asking `cancelled()` while the feed's thread ends its work
_WHAT = "The sentence embedding"


class EmbeddingFeed:
    """Embeds, on its own thread, the sentences of each paragraph Doc it is given.

    Used as a context manager, inside which the reading thread calls `add` for each Doc,
    `article_read` after each article and `wait` at the end. Leaving early (an error, a
    cancellation) drops what is not embedded yet and waits for the encoder's current batch.
    `cancelled()` is asked on the reading thread only, while `wait` embeds or waits: `Cancelled`
    stops it.
    """

    def __init__(self, cancelled: Callable[[], bool] | None = None) -> None:
        self._cancelled = cancelled
        self._limit = can_hold()  # BLAS at one thread while the feed runs
        self.batch_size = STREAMED_BATCH if self._limit else 64
        self._texts: list[str] = []
        self._released = 0  # texts the encoder may take: all, or those of articles read
        self._taken = 0
        self._reading = True
        self._stopped = False  # left early, or no encoder installed
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._work, name="twofold-embed", daemon=True)
        self._held = ExitStack()

    def add(self, doc: Doc) -> None:
        """Queue one paragraph's sentences (on the thread that reads)."""
        texts = sentence_texts(doc)
        with self._changed:
            self._texts += texts
            if self._limit:
                self._released = len(self._texts)
                self._changed.notify()

    def article_read(self) -> None:
        """One article is read: its sentences may be embedded whatever the BLAS."""
        with self._changed:
            self._released = len(self._texts)
            self._changed.notify()

    def wait(self) -> None:
        """Reading is over: embed what is left (helping, where BLAS allows), then return or
        raise the encoder's error."""
        with self._changed:
            self._released = len(self._texts)
            self._reading = False
            self._changed.notify()
        if self._limit:
            self._work(self._cancelled)
        while self._thread.is_alive():
            self._thread.join(_POLL)
            Cancelled.check(self._cancelled, _WHAT)
        if self._error is not None:
            raise self._error

    def __enter__(self) -> EmbeddingFeed:
        if self._limit:
            self._held.enter_context(one_thread())
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify()
        self._thread.join()
        self._held.close()  # products use every core again

    def _work(self, cancelled: Callable[[], bool] | None = None) -> None:
        """Embed batches until none is left (on the feed's thread, and the reader's at the end);
        `cancelled()` raises `Cancelled` between them."""
        while True:
            Cancelled.check(cancelled, _WHAT)
            if (batch := self._next()) is None:
                return
            try:
                if sentence_vectors(batch) is None:  # no encoder: alignment works on words
                    with self._changed:
                        self._stopped = True
                    return
            except BaseException as err:  # handed to the reading thread by wait()
                with self._changed:
                    self._error = self._error or err
                    self._stopped = True
                return

    def _next(self) -> list[str] | None:
        """The next texts to embed, or None once there are none (or the feed stopped)."""
        with self._changed:
            while not self._stopped and self._taken == self._released and self._reading:
                self._changed.wait()
            left = self._released - self._taken
            if self._stopped or not left:
                return None
            if self._reading:
                size = min(left, _WHILE_READING) if self._limit else left
            else:  # two threads share what is left: half each time, so they end together
                size = min(left, max(_LEAST, -(-left // 2)))
            batch = self._texts[self._taken:self._taken + size]
            self._taken += size
            return batch
