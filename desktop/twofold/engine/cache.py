"""On-disk cache of engine results: one SQLite file in the user cache dir, never fatal."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_ENV_DIR = "TWOFOLD_CACHE_DIR"
_ENV_OFF = "TWOFOLD_NO_CACHE"


def cache_dir() -> Path:
    """Where the cache lives: $TWOFOLD_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get(_ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("twofold", appauthor=False))


class Cache:
    """A namespaced key-value store; any failure degrades to 'not cached' with one warning."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = path is None

    @property
    def path(self) -> Path | None:
        return self._path

    def get(self, namespace: str, key: str) -> bytes | None:
        """The stored value, or None when absent or the cache is unusable."""
        conn = self._connect()
        if conn is None:
            return None
        try:
            with self._lock:
                row = conn.execute(
                    "SELECT value FROM entries WHERE namespace=? AND key=?", (namespace, key)
                ).fetchone()
        except sqlite3.Error as err:
            self._give_up(f"cannot read the cache ({err})")
            return None
        return bytes(row[0]) if row else None

    def put(self, namespace: str, key: str, value: bytes) -> None:
        """Store a value; silently skipped when the cache is unusable."""
        conn = self._connect()
        if conn is None:
            return
        try:
            with self._lock, conn:
                conn.execute(
                    "INSERT OR REPLACE INTO entries(namespace, key, value) VALUES (?, ?, ?)",
                    (namespace, key, sqlite3.Binary(value)),
                )
        except sqlite3.Error as err:
            self._give_up(f"cannot write the cache ({err})")

    def clear(self) -> None:
        """Drop every entry."""
        conn = self._connect()
        if conn is not None:
            with self._lock, conn:
                conn.execute("DELETE FROM entries")

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        assert self._path is not None
        for attempt in range(2):
            try:
                self._conn = self._open(self._path)
                return self._conn
            except sqlite3.DatabaseError as err:
                if attempt == 0 and _is_corrupt(err):
                    log.warning("Twofold cache %s is damaged; rebuilding it", self._path)
                    _remove(self._path)
                    continue
                self._give_up(f"cannot open the cache ({err})")
            except OSError as err:
                self._give_up(f"cannot create the cache folder ({err.strerror})")
                break
        return None

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=5, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            with conn:
                conn.execute("DROP TABLE IF EXISTS entries")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        with conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS entries (namespace TEXT NOT NULL, key TEXT NOT NULL,"
                " value BLOB NOT NULL, PRIMARY KEY (namespace, key))"
            )
        return conn

    def _give_up(self, why: str) -> None:
        if not self._broken:
            log.warning("Twofold runs without its cache: %s", why)
        self._broken = True
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None


def _is_corrupt(err: sqlite3.DatabaseError) -> bool:
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
