"""Listing a folder again reads only the files that changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from twofold.engine.library import folder
from twofold.engine.library.folder import read_entry


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    loaded: list[Path] = []
    real = folder.load_article

    def counting(path: Path):  # type: ignore[no-untyped-def]
        loaded.append(path)
        return real(path)

    monkeypatch.setattr(folder, "load_article", counting)
    return loaded


def test_an_unchanged_file_is_not_read_again(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\nThe first paragraph of the article.\n", encoding="utf-8")
    first = read_entry(path)
    loaded = _count_loads(monkeypatch)
    assert read_entry(path, first) is first
    assert loaded == []


def test_a_file_rewritten_with_the_same_size_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\nThe army said on Saturday.\n", encoding="utf-8")
    first = read_entry(path)
    path.write_text("Headline\nThe army said on Thursday\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    loaded = _count_loads(monkeypatch)
    again = read_entry(path, first)
    assert loaded == [path]
    assert again.article is not None and "Thursday" in again.article.paragraphs[-1].text


def test_an_unreadable_file_stays_listed_with_its_reason_until_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    first = read_entry(path)
    assert first.article is None and first.error
    loaded = _count_loads(monkeypatch)
    assert read_entry(path, first) is first and loaded == []
    path.write_text("Headline\nNow there is text in it.\n", encoding="utf-8")
    assert read_entry(path, first).article is not None
