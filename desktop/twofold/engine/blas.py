"""How many threads NumPy's OpenBLAS gives matrix products, and holding it at one for a while.

The sentence encoder's products fill both cores of a small machine. Beside spaCy, which holds
the other core, a second BLAS thread only fights it for that core: a comparison measured slower
than not overlapping at all. OpenBLAS's thread count is one setting for the whole process
(`openblas_set_num_threads_local` too, measured: it changes every thread's products), so holds
are counted: the count returns to what it was when the last one ends, whoever started first.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

# (set, get) under the names OpenBLAS builds give them: plain, and as in NumPy's wheels.
_NAMES = (
    ("openblas_set_num_threads", "openblas_get_num_threads"),
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
)

_lock = threading.Lock()
_holds = 0
_before = 0  # the thread count when the first of the current holds began


class _Switch:
    """OpenBLAS's process-wide thread count, read and set."""

    def __init__(self, library: ctypes.CDLL, set_name: str, get_name: str) -> None:
        self._set = getattr(library, set_name)
        self._set.argtypes, self._set.restype = [ctypes.c_int], None
        self._get = getattr(library, get_name)
        self._get.argtypes, self._get.restype = [], ctypes.c_int

    def get(self) -> int:
        return int(self._get())

    def set(self, count: int) -> None:
        self._set(count)


@functools.cache
def _switch() -> _Switch | None:
    """The thread count switch of the OpenBLAS NumPy ships with, or None (another BLAS)."""
    import numpy

    package = Path(numpy.__file__).parent
    # Where the wheels keep their bundled libraries: numpy.libs beside the package (Linux,
    # Windows), .dylibs inside it (macOS builds that ship OpenBLAS rather than Accelerate).
    for folder in (package.parent / "numpy.libs", package / ".dylibs"):
        for path in sorted(folder.glob("*openblas*")) if folder.is_dir() else ():
            try:
                library = ctypes.CDLL(str(path))  # already loaded by NumPy: the same instance
            except OSError:
                continue
            for set_name, get_name in _NAMES:
                if hasattr(library, set_name) and hasattr(library, get_name):
                    return _Switch(library, set_name, get_name)
    log.info("NumPy's BLAS thread count cannot be set: embedding waits for spaCy")
    return None


def can_hold() -> bool:
    """Whether `one_thread` can hold products at one thread here."""
    return _switch() is not None


def threads() -> int | None:
    """The number of threads BLAS products use now, or None where it cannot be read."""
    switch = _switch()
    return switch.get() if switch else None


@contextmanager
def one_thread() -> Iterator[bool]:
    """Every BLAS product of the process on one thread while inside (holds may overlap, on any
    thread); yields whether it could be done."""
    global _holds, _before
    switch = _switch()
    if switch is None:
        yield False
        return
    with _lock:
        if _holds == 0:
            _before = switch.get()
            switch.set(1)
        _holds += 1
    try:
        yield True
    finally:
        with _lock:
            _holds -= 1
            if _holds == 0:
                switch.set(_before)
