"""Pure functions the window runs in the background: they call the engine and return values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from twofold.engine.folder import FolderEntry, list_files, most_similar_pair, read_entry

if TYPE_CHECKING:
    from twofold.engine.overview import Overview


@dataclass(frozen=True, slots=True)
class Listing:
    """Files to list and the pair to preselect (paths), if any."""

    folder: str | None
    entries: tuple[FolderEntry, ...]
    pair: tuple[str, str] | None


def scan(folder: str) -> Listing:
    """Read every file of a folder and pick the two most alike articles."""
    entries = tuple(read_entry(p) for p in list_files(folder))
    return Listing(folder, entries, _best_pair(entries))


def read_pair(paths: Sequence[str]) -> Listing:
    """Read two files given directly; they are the pair, in the order given."""
    entries = tuple(read_entry(Path(p)) for p in paths)
    pair = (entries[0].path, entries[1].path) if len(entries) == 2 and all(
        e.article is not None for e in entries) else None
    return Listing(None, entries, pair)


def _best_pair(entries: Sequence[FolderEntry]) -> tuple[str, str] | None:
    readable = [e for e in entries if e.article is not None]
    found = most_similar_pair([e.article for e in readable if e.article is not None])
    if found is None:
        return None
    i, j = found
    return readable[i].path, readable[j].path


def folder_overview(folder: str) -> Overview:
    """Relate every article of a folder (similarity, clusters, rewrites); cached by the engine."""
    from twofold.engine.overview import overview

    return overview(folder)
