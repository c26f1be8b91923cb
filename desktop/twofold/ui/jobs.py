"""The window's background jobs: the engine functions the session runs, one channel per kind.

Each job imports the engine late, so the window opens before spaCy and the encoder load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from twofold.engine.library.index import Listing, best_pair, read_files, scan
from twofold.engine.model import Comparison

Check = Callable[[], bool]


class Channel(StrEnum):
    """The kinds of background work; a new job of a channel supersedes the last."""

    SCAN = "scan"
    RESCAN = "rescan"
    COMPARE = "compare"
    OVERVIEW = "overview"
    STORY = "story"
    EXPORT = "export"

    @property
    def what(self) -> str:
        """How a person names this work ("folder listing")."""
        return _WHAT[self]


_WHAT = {Channel.SCAN: "folder listing", Channel.RESCAN: "list update",
         Channel.COMPARE: "comparison", Channel.OVERVIEW: "folder overview",
         Channel.STORY: "story", Channel.EXPORT: "export"}


def cancelled_text(channels: Sequence[Channel]) -> str:
    """'Comparison cancelled.', 'Folder listing and comparison cancelled.'"""
    names = [c.what for c in channels]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{text[:1].upper()}{text[1:]} cancelled."


class CompareFn(Protocol):
    """How the window compares two article files (the engine, or a stand-in in tests).

    `progress(stage)` is told each stage as it starts (the engine's `STAGES`), from the job's
    thread.
    """

    def __call__(self, left: str, right: str, *, cancelled: Check,
                 progress: Callable[[str], None] | None = None) -> Comparison: ...


def engine_compare(left: str, right: str, *, cancelled: Check | None = None,
                   progress: Callable[[str], None] | None = None) -> Comparison:
    """The engine's compare, imported late so the window opens before spaCy loads."""
    from twofold.engine.compare import compare

    return compare(left, right, cancelled=cancelled, progress=progress)


def read_ahead(listing: Listing, pair: tuple[str, str], *, cancelled: Check | None = None
               ) -> int:
    """The engine's reading ahead of the articles nearest the pair (analysis cached on disk)."""
    from twofold.engine.readahead import read_ahead as engine_read_ahead

    return engine_read_ahead(listing, pair, cancelled=cancelled)


def folder_overview(folder: str, *, cancelled: Check | None = None) -> Any:
    """The engine's folder overview (cached by the engine)."""
    from twofold.engine.library.overview import overview

    return overview(folder, cancelled=cancelled)


def folder_story(paths: Sequence[str], folder: str | None, compare: CompareFn,
                 progress: Callable[[int, int], None] | None = None, event_of: str | None = None,
                 *, cancelled: Check | None = None) -> Any:
    """The engine's story of these articles (their comparisons come from the cache when known);
    with `event_of`, of those about the same event as that article (the folder overview's
    cluster), since a story across unrelated events is a table of "not reported"."""
    from twofold.engine.story import build_story

    if event_of is not None and folder is not None:
        paths = folder_overview(folder, cancelled=cancelled).event_of(event_of, paths)
    return build_story(paths, folder=folder, compare=compare, progress=progress,
                       cancelled=cancelled)


@dataclass(frozen=True, slots=True)
class FolderListing:
    """A listing and the pair it suggests comparing first (paths), if any."""

    listing: Listing
    pair: tuple[str, str] | None


def list_folder(folder: str, find_pair: bool, *, cancelled: Check | None = None
                ) -> FolderListing:
    """The job: list a folder through its index, and pick the two most alike articles."""
    listing = scan(folder, cancelled=cancelled)
    _long_articles_ahead(listing)
    return FolderListing(listing, best_pair(listing, cancelled=cancelled) if find_pair else None)


def _long_articles_ahead(listing: Listing) -> None:
    """Start the engine's second reading process when the folder holds a long article, so that
    its first long pair is read on two cores (see twofold.engine.coreader)."""
    from twofold.engine.coreader import LONG_WORDS, shared_coreader

    if any(article.words >= LONG_WORDS for article in listing.articles):
        shared_coreader().start()


def list_files(paths: Sequence[str], *, cancelled: Check | None = None) -> FolderListing:
    """The job: read two files given directly; they are the pair, in the order given."""
    listing = read_files(paths, cancelled=cancelled)
    _long_articles_ahead(listing)
    return FolderListing(listing, best_pair(listing))
