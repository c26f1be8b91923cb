"""Pure functions the window runs in the background: they call the engine and return values.

Each takes the keyword `cancelled` (see `worker.JobRunner.submit`) and stops with the engine's
`Cancelled` soon after it says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from twofold.engine.errors import Cancelled
from twofold.engine.library.folder import FolderEntry, list_files, most_similar_pair, read_entry
from twofold.engine.model import Article, Comparison

if TYPE_CHECKING:
    from twofold.engine.library.overview import Overview

Check = Callable[[], bool]


class CompareFn(Protocol):
    """How the window compares two articles (the engine's compare, or a stand-in in tests)."""

    def __call__(self, left: Article, right: Article, *, cancelled: Check) -> Comparison: ...


@dataclass(frozen=True, slots=True)
class Listing:
    """Files to list and the pair to preselect (paths), if any."""

    folder: str | None
    entries: tuple[FolderEntry, ...]
    pair: tuple[str, str] | None


def scan(folder: str, *, cancelled: Check | None = None) -> Listing:
    """Read every file of a folder and pick the two most alike articles."""
    entries = tuple(_read_all(list_files(folder), cancelled))
    pair = _best_pair(entries)
    Cancelled.check(cancelled, "Reading the folder")
    return Listing(folder, entries, pair)


def rescan(folder: str, previous: Sequence[FolderEntry], find_pair: bool, *,
           cancelled: Check | None = None) -> Listing:
    """List a folder again after it changed: files unchanged since `previous` are not reread."""
    known = {e.path: e for e in previous}
    entries = tuple(_read_all(list_files(folder), cancelled, known))
    pair = _best_pair(entries) if find_pair else None
    Cancelled.check(cancelled, "Reading the folder")
    return Listing(folder, entries, pair)


def read_pair(paths: Sequence[str], *, cancelled: Check | None = None) -> Listing:
    """Read two files given directly; they are the pair, in the order given."""
    entries = tuple(_read_all((Path(p) for p in paths), cancelled))
    pair = (entries[0].path, entries[1].path) if len(entries) == 2 and all(
        e.article is not None for e in entries) else None
    return Listing(None, entries, pair)


def _read_all(paths: Iterable[Path], cancelled: Check | None,
              known: dict[str, FolderEntry] | None = None) -> list[FolderEntry]:
    entries = []
    for path in paths:
        Cancelled.check(cancelled, "Reading the folder")
        entries.append(read_entry(path, (known or {}).get(str(path))))
    return entries


def _best_pair(entries: Sequence[FolderEntry]) -> tuple[str, str] | None:
    readable = [e for e in entries if e.article is not None]
    found = most_similar_pair([e.article for e in readable if e.article is not None])
    if found is None:
        return None
    i, j = found
    return readable[i].path, readable[j].path


def folder_overview(folder: str, *, cancelled: Check | None = None) -> Overview:
    """Relate every article of a folder (similarity, clusters, rewrites); cached by the engine."""
    from twofold.engine.library.overview import overview

    return overview(folder, cancelled=cancelled)


def same_article(a: Article, b: Article) -> bool:
    """Whether two readings of a file show the same article (text and metadata)."""
    text = (a.digest == b.digest) if a.digest and b.digest else (
        [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs])
    return text and (a.title, a.source, a.date) == (b.title, b.source, b.date)
