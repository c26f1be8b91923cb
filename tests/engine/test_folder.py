"""The folder index: listing again reads only the files that changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from twofold.engine.cache import Cache
from twofold.engine.library import index
from twofold.engine.library.index import SkippedFile, scan


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loaded: list[str] = []
    real = index.load_article

    def counting(path: Path):  # type: ignore[no-untyped-def]
        loaded.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(index, "load_article", counting)
    return loaded


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache.sqlite3")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "a.txt").write_text("Headline\nThe first paragraph of the article.\n",
                                encoding="utf-8")
    (root / "b.txt").write_text("Other headline\nThe army said on Saturday.\n", encoding="utf-8")
    return root


def test_an_unchanged_folder_is_listed_without_reading_a_file(
        folder: Path, cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    first = scan(folder, cache=cache)
    loaded = _count_loads(monkeypatch)
    assert scan(folder, cache=cache) == first
    assert loaded == []


def test_a_file_rewritten_with_the_same_size_is_read_again(
        folder: Path, cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    scan(folder, cache=cache)
    path = folder / "b.txt"
    path.write_text("Other headline\nThe army said on Sunday!.\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    loaded = _count_loads(monkeypatch)
    again = scan(folder, cache=cache)
    assert loaded == ["b.txt"]
    summary = again.find(str(path))
    assert summary is not None and summary.words == 7


def test_an_unreadable_file_stays_listed_with_its_reason_until_it_changes(
        folder: Path, cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    first = scan(folder, cache=cache)
    assert [s.path for s in first.skipped] == [str(path)] and first.skipped[0].reason
    loaded = _count_loads(monkeypatch)
    assert scan(folder, cache=cache).skipped == first.skipped and loaded == []
    path.write_text("Headline\nNow there is text in it.\n", encoding="utf-8")
    again = scan(folder, cache=cache)
    assert not again.skipped and again.find(str(path)) is not None


def test_entries_interleave_readable_and_skipped_files_by_name(folder: Path, cache: Cache
                                                               ) -> None:
    (folder / "ab.txt").write_bytes(b"")
    entries = scan(folder, cache=cache).entries
    assert [Path(e.path).name for e in entries] == ["a.txt", "ab.txt", "b.txt"]
    assert [isinstance(e, SkippedFile) for e in entries] == [False, True, False]


def test_a_summary_knows_the_reading_it_was_made_from(folder: Path, cache: Cache) -> None:
    from twofold.engine.load import load_article

    listing = scan(folder, cache=cache)
    a, b = (load_article(folder / name) for name in ("a.txt", "b.txt"))
    summary = listing.find(str(folder / "a.txt"))
    assert summary is not None and summary.describes(a) and not summary.describes(b)
    assert summary.name == a.display_name
