"""The on-disk cache recovers from every bad state with at most a warning."""

import os
import sqlite3
from pathlib import Path

import pytest

from twofold.engine.cache import SCHEMA_VERSION, Cache


def test_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put("ns", "k", b"value")
    assert cache.get("ns", "k") == b"value"
    assert cache.get("ns", "other") is None
    assert Cache(tmp_path / "c.sqlite3").get("ns", "k") == b"value", "persisted"


def test_corrupt_file_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = Cache(path)
    assert cache.get("ns", "k") is None
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") == b"v"
    assert "damaged" in caplog.text


def test_older_schema_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE entries (namespace TEXT, key TEXT, value BLOB)")
    conn.execute("INSERT INTO entries VALUES ('ns', 'k', x'00')")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    assert Cache(path).get("ns", "k") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_runs_without_cache(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        cache = Cache(folder / "sub" / "c.sqlite3")
        cache.put("ns", "k", b"v")
        assert cache.get("ns", "k") is None
    finally:
        folder.chmod(0o700)


def test_unusable_location_runs_without_cache(tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = Cache(blocker / "c.sqlite3")  # a file where the folder should be
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") is None
    assert "without its cache" in caplog.text


def test_two_connections_share_the_file(tmp_path: Path) -> None:
    a, b = Cache(tmp_path / "c.sqlite3"), Cache(tmp_path / "c.sqlite3")
    a.put("ns", "k", b"1")
    b.put("ns", "k2", b"2")
    assert a.get("ns", "k2") == b"2" and b.get("ns", "k") == b"1"
