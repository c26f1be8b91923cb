"""The on-disk cache recovers from every bad state with at most a warning."""

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from twofold.engine.cache import SCHEMA_VERSION, Cache, shared_cache


def test_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put("ns", "k", b"value")
    assert cache.get("ns", "k") == b"value"
    assert cache.get("ns", "other") is None
    assert Cache(tmp_path / "c.sqlite3").get("ns", "k") == b"value", "persisted"


def test_many_at_once(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    items = [(f"k{i}", bytes([i % 256]) * 3) for i in range(1_200)]  # past one query's keys
    cache.put_many("ns", items)
    cache.put("other", "k1", b"elsewhere")
    wanted = [f"k{i}" for i in range(0, 1_300, 2)]  # some were never stored
    assert cache.get_many("ns", wanted) == {k: v for k, v in items if k in set(wanted)}
    assert cache.has("ns", "k1199") and not cache.has("ns", "k1200")
    assert Cache(None).get_many("ns", wanted) == {}
    Cache(None).put_many("ns", items)  # an unusable cache takes nothing, quietly


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


def test_damage_inside_the_file_is_rebuilt(tmp_path: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    # the header is intact, so the file opens; the damage shows only when a page is read
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE entries (namespace TEXT NOT NULL, key TEXT NOT NULL,"
                 " value BLOB NOT NULL, PRIMARY KEY (namespace, key))")
    conn.executemany("INSERT INTO entries VALUES ('ns', ?, ?)",
                     [(str(i), bytes(2000)) for i in range(200)])
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    path.write_bytes(bytes(data))
    cache = Cache(path)
    assert cache.get("ns", "5") is None
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") == b"v"
    assert cache.enabled
    assert "damaged" in caplog.text


@pytest.mark.parametrize(
    ("version", "table"),
    [
        (SCHEMA_VERSION - 1, "CREATE TABLE entries (namespace TEXT, key TEXT, value BLOB)"),
        (SCHEMA_VERSION + 1, "CREATE TABLE entries (namespace TEXT, key TEXT, value BLOB)"),
        (SCHEMA_VERSION, "CREATE TABLE entries (k TEXT PRIMARY KEY, v BLOB)"),
        (0, "CREATE TABLE other (x)"),
    ],
    ids=["older", "newer", "same-version-other-columns", "foreign-file"],
)
def test_another_layout_is_rebuilt(tmp_path: Path, version: int, table: str,
                                   caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(table)
    conn.execute(f"PRAGMA user_version={version}")
    conn.commit()
    conn.close()
    cache = Cache(path)
    assert cache.get("ns", "k") is None
    cache.put("ns", "k", b"v")
    assert Cache(path).get("ns", "k") == b"v"
    assert "without its cache" not in caplog.text


def test_pragmas_suit_several_processes(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put("ns", "k", b"v")
    conn = cache._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_read_only_database_runs_without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    # root writes anywhere, so a read-only file is opened read-only the way SQLite reports it
    path = tmp_path / "c.sqlite3"
    Cache(path).put("ns", "k", b"v")
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda p, **kw: real(f"file:{p}?mode=ro", uri=True, **kw))
    cache = Cache(path)
    cache.put("ns", "k2", b"v")
    assert cache.get("ns", "k2") is None
    assert not cache.enabled
    assert caplog.text.count("without its cache") == 1


def test_uncreatable_cache_folder_runs_without_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    cache = Cache(tmp_path / "ro" / "c.sqlite3")
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") is None
    cache.clear()
    assert caplog.text.count("without its cache") == 1
    assert "Permission denied" in caplog.text


_WRITER = """
import logging, sys
from pathlib import Path
from twofold.engine.cache import Cache
logging.basicConfig(level=logging.INFO)
cache = Cache(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    cache.put("child", str(i), bytes(1000))
    assert cache.get("child", str(i)) == bytes(1000)
    cache.get("parent", str(i))
print("enabled" if cache.enabled else "disabled", flush=True)
"""


def test_two_processes_write_at_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="twofold.engine.cache")
    path, n = tmp_path / "c.sqlite3", 300
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(n)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    cache = Cache(path)  # both open a file that does not exist yet, at the same moment
    child.stdin.write("go\n")
    child.stdin.flush()
    for i in range(n):
        cache.put("parent", str(i), bytes(500))
        assert cache.get("parent", str(i)) == bytes(500)
        cache.get("child", str(i))
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert out.strip() == "enabled"
    assert "busy" not in err and "locked" not in err and "without" not in err, err
    assert cache.enabled and "busy" not in caplog.text
    fresh = Cache(path)
    assert all(fresh.get("child", str(i)) == bytes(1000) for i in range(n))
    assert all(fresh.get("parent", str(i)) == bytes(500) for i in range(n))


def test_no_cache_variable_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWOFOLD_NO_CACHE", "1")
    cache = shared_cache()
    assert cache.path is None and not cache.enabled
    cache.put("ns", "k", b"v")
    assert cache.get("ns", "k") is None
