"""On-disk cache of engine results: one SQLite file in the user cache dir, never fatal."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA_VERSION = 1
_ENV_DIR = "TWOFOLD_CACHE_DIR"
_ENV_OFF = "TWOFOLD_NO_CACHE"
_KEYS_PER_QUERY = 500  # SQLite builds before 3.32 allow 999 parameters in one statement


def cache_dir() -> Path:
    """Where the cache lives: $TWOFOLD_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get(_ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("twofold", appauthor=False))


class Cache:
    """A namespaced key-value store; any failure degrades to 'not cached' with one warning.

    Several processes (two windows, the CLI) may share the file: SQLite's write-ahead log lets
    readers work beside one writer, and a busy timeout makes a writer wait for its turn. A
    damaged file is rebuilt once; an unusable location turns the cache off for the process.
    """

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = path is None
        self._rebuilt = False

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def enabled(self) -> bool:
        """False once the cache has given up (or was made without a path)."""
        return not self._broken

    def get(self, namespace: str, key: str) -> bytes | None:
        """The stored value, or None when absent or the cache is unusable."""
        row = self._run("read", lambda conn: conn.execute(
            "SELECT value FROM entries WHERE namespace=? AND key=?", (namespace, key)
        ).fetchone())
        return bytes(row[0]) if row else None

    def has(self, namespace: str, key: str) -> bool:
        """Whether a value is stored (without reading it)."""
        return bool(self._run("read", lambda conn: conn.execute(
            "SELECT 1 FROM entries WHERE namespace=? AND key=?", (namespace, key)
        ).fetchone()))

    def get_many(self, namespace: str, keys: list[str]) -> dict[str, bytes]:
        """The stored values of those `keys` that have one (empty when unusable)."""
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start:start + _KEYS_PER_QUERY]
            rows = self._run("read", lambda conn, chunk=chunk: conn.execute(  # type: ignore[misc]
                "SELECT key, value FROM entries WHERE namespace=? AND key IN "
                f"({','.join('?' * len(chunk))})", (namespace, *chunk)).fetchall())
            found.update((str(k), bytes(v)) for k, v in rows or ())
        return found

    def put_many(self, namespace: str, items: list[tuple[str, bytes]]) -> None:
        """Store several values in one transaction; silently skipped when unusable."""
        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO entries(namespace, key, value) VALUES (?, ?, ?)",
                    [(namespace, k, sqlite3.Binary(v)) for k, v in items],
                )
        if items:
            self._run("write", write)

    def put(self, namespace: str, key: str, value: bytes) -> None:
        """Store a value; silently skipped when the cache is unusable."""
        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute(
                    "INSERT OR REPLACE INTO entries(namespace, key, value) VALUES (?, ?, ?)",
                    (namespace, key, sqlite3.Binary(value)),
                )
        self._run("write", write)

    def delete(self, namespace: str, key: str) -> None:
        """Drop one entry, if present."""
        def drop(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("DELETE FROM entries WHERE namespace=? AND key=?", (namespace, key))
        self._run("delete", drop)

    def items(self, namespace: str) -> dict[str, bytes]:
        """Every entry of one namespace (meant for small ones), empty when unusable."""
        rows = self._run("read", lambda conn: conn.execute(
            "SELECT key, value FROM entries WHERE namespace=?", (namespace,)).fetchall())
        return {str(k): bytes(v) for k, v in rows or ()}

    def clear(self) -> None:
        """Drop every entry."""
        def wipe(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("DELETE FROM entries")
        self._run("clear", wipe)

    def _run(self, doing: str, action: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run `action` on the connection; a damaged file is rebuilt once and `action` retried."""
        for _attempt in range(2):
            conn = self._connect()
            if conn is None:
                return None
            try:
                with self._lock:
                    return action(conn)
            except sqlite3.Error as err:
                if _is_busy(err):
                    # another process held the lock past the timeout: skip this entry only
                    log.info("Twofold cache busy; skipped one %s (%s)", doing, err)
                    return None
                if _is_corrupt(err) and not self._rebuilt:
                    self._rebuild()
                    continue
                self._give_up(f"cannot {doing} the cache ({err})")
                return None
        return None

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        assert self._path is not None
        for _attempt in range(2):
            try:
                self._conn = _open_patiently(self._path)
                return self._conn
            except sqlite3.Error as err:
                if _is_corrupt(err) and not self._rebuilt:
                    self._rebuild()
                    continue
                self._give_up(f"cannot open the cache ({err})")
            except OSError as err:
                self._give_up(f"cannot create the cache folder ({err.strerror or err})")
            break
        return None

    def _rebuild(self) -> None:
        assert self._path is not None
        log.warning("Twofold cache %s is damaged; rebuilding it", self._path)
        self._rebuilt = True
        self._close()
        _remove(self._path)

    def _give_up(self, why: str) -> None:
        if not self._broken:
            log.warning("Twofold runs without its cache: %s", why)
        self._broken = True
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None


_COLUMNS = ["namespace", "key", "value"]
_BUSY_SECONDS = 10.0


def _open(path: Path) -> sqlite3.Connection:
    """Open the cache database at `path`, creating or rebuilding its table as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=_BUSY_SECONDS, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        # a cache may lose its last writes in a power cut, never its consistency
        conn.execute("PRAGMA synchronous=NORMAL")
        # the check and rebuild hold the write lock: a second process starting at the same
        # moment waits, then finds the finished table instead of dropping it half-made
        conn.execute("BEGIN IMMEDIATE")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
        if version != SCHEMA_VERSION or columns != _COLUMNS:
            if version or columns:
                log.info("Twofold cache %s has another layout (version %s); rebuilding it",
                         path, version)
            conn.execute("DROP TABLE IF EXISTS entries")
            conn.execute("CREATE TABLE entries (namespace TEXT NOT NULL, key TEXT NOT NULL,"
                         " value BLOB NOT NULL, PRIMARY KEY (namespace, key))")
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.commit()
    except BaseException:
        conn.close()
        raise
    return conn


def _open_patiently(path: Path) -> sqlite3.Connection:
    """`_open`, retried while another process holds the file during its own first open.

    Switching a new file to WAL takes an exclusive lock and SQLite reports "database is locked"
    at once instead of waiting in the busy handler, so two processes starting together would
    otherwise have one of them give up its cache.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    delay = 0.01
    while True:
        try:
            return _open(path)
        except sqlite3.Error as err:
            if not _is_busy(err) or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def _is_busy(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "database is locked" in text or "busy" in text


def _is_corrupt(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "malformed" in text or "not a database" in text or "file is encrypted" in text


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.remove(f"{path}{suffix}")


_shared: Cache | None = None
_shared_lock = threading.Lock()


def shared_cache() -> Cache:
    """The process-wide cache (disabled when $TWOFOLD_NO_CACHE is set)."""
    global _shared
    with _shared_lock:
        wanted = None if os.environ.get(_ENV_OFF) else cache_dir() / "cache.sqlite3"
        if _shared is None or _shared.path != wanted:
            _shared = Cache(wanted)
        return _shared
