"""One cached index of a folder: the window's list, rescans, the best pair and the overview read it.

Each file is summarised once (title, outlet, date, words, digest) and vectorised once (see
`sparse`); summaries are remembered per folder by name, size and change times, vectors per text
digest. A second listing of an unchanged folder reads no file; a rescan after a change reads only
the files that changed.
"""

from __future__ import annotations

import json
import logging
import os
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..cache import Cache, shared_cache
from ..errors import ArticleError, Cancelled
from ..load import load_article
from ..model import Article
from .folder import list_files
from .sparse import ArticleVectors, similarity, vectorise

log = logging.getLogger(__name__)

_ALGORITHM = 2  # bump when vectors are computed differently (2: rarity weights)
VECTORS_NS = f"overview-vectors@{_ALGORITHM}"
_FILES_NS = "folder-index@3"  # 3: where the date comes from
_WHAT = "Reading the folder"

Check = Callable[[], bool]
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """A readable file of the folder, with what the list shows about it."""

    path: str
    title: str | None
    source: str | None
    date: str | None
    words: int
    digest: str
    name: str = ""  # the title, else the lead's first words (Article.display_name)
    date_source: str | None = None  # "file" when the date is only the file's (Article)

    def describes(self, article: Article) -> bool:
        """Whether `article` is the reading this summary was made from (text and metadata)."""
        return (article.digest, article.title, article.source, article.date) == (
            self.digest, self.title, self.source, self.date)


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file of the folder that is not a readable article, and why."""

    path: str
    reason: str

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


@dataclass(frozen=True, slots=True)
class Listing:
    """A folder's readable articles and skipped files, each in file-name order."""

    folder: str | None  # None for files given directly
    articles: tuple[ArticleSummary, ...]
    skipped: tuple[SkippedFile, ...]

    @property
    def entries(self) -> tuple[ArticleSummary | SkippedFile, ...]:
        """Readable and skipped files together, in file-name order (as a folder lists them)."""
        return tuple(sorted((*self.articles, *self.skipped),
                            key=lambda e: os.path.basename(e.path)))

    def find(self, path: str | None) -> ArticleSummary | None:
        """The summary of the article at `path`, if it is listed and readable."""
        return next((a for a in self.articles if a.path == path), None)


def scan(folder: str | os.PathLike[str], *, cache: Cache | None = None,
         progress: Progress | None = None, cancelled: Check | None = None) -> Listing:
    """List every file of `folder`; unchanged files come from the cache unread.

    Raises `ArticleError` only when the folder itself cannot be listed.
    """
    return scan_with_vectors(folder, cache=cache, progress=progress, cancelled=cancelled)[0]


def read_files(paths: Iterable[str | os.PathLike[str]], *, cache: Cache | None = None,
               cancelled: Check | None = None) -> Listing:
    """Summarise files given directly (not a folder), in the order given."""
    store = shared_cache() if cache is None else cache
    articles: list[ArticleSummary] = []
    skipped: list[SkippedFile] = []
    for path in paths:
        Cancelled.check(cancelled, _WHAT)
        entry, _vec, _record = _read(Path(path), store)
        if isinstance(entry, SkippedFile):
            skipped.append(entry)
        else:
            articles.append(entry)
    return Listing(None, tuple(articles), tuple(skipped))


def best_pair(listing: Listing, *, cache: Cache | None = None,
              cancelled: Check | None = None) -> tuple[str, str] | None:
    """The paths of the two most alike articles (files given directly: in their order)."""
    if len(listing.articles) < 2:
        return None
    if listing.folder is None:
        return listing.articles[0].path, listing.articles[1].path
    vectors = article_vectors(listing.articles, cache=cache, cancelled=cancelled)
    upper = np.triu(similarity(vectors, cancelled=cancelled), 1)
    i, j = np.unravel_index(int(np.argmax(upper)), upper.shape)
    return listing.articles[int(i)].path, listing.articles[int(j)].path


def article_vectors(articles: Sequence[ArticleSummary], *, cache: Cache | None = None,
                    fresh: dict[int, ArticleVectors] | None = None,
                    cancelled: Check | None = None) -> list[ArticleVectors]:
    """The vectors of listed articles: those just computed, else the cache, else the file."""
    store = shared_cache() if cache is None else cache
    found = fresh or {}
    return [found[i] if i in found else _vectors(a, store, cancelled)
            for i, a in enumerate(articles)]


def scan_with_vectors(folder: str | os.PathLike[str], *, cache: Cache | None = None,
                      progress: Progress | None = None, cancelled: Check | None = None
                      ) -> tuple[Listing, dict[int, ArticleVectors]]:
    """The listing, with the vectors of the articles that had to be read (by article index)."""
    store = shared_cache() if cache is None else cache
    paths = list_files(folder)
    slot = str(Path(folder).resolve())
    # the summaries of a folder are one record, written once: a commit per file is slow
    try:
        known: dict[str, dict[str, Any]] = json.loads(store.get(_FILES_NS, slot) or b"{}")
    except ValueError:
        known = {}
    index: dict[str, dict[str, Any]] = {}
    articles: list[ArticleSummary] = []
    skipped: list[SkippedFile] = []
    fresh: dict[int, ArticleVectors] = {}
    for done, path in enumerate(paths, 1):
        Cancelled.check(cancelled, _WHAT)
        file_key = _file_key(path)
        entry = _summary(path, known.get(file_key)) if file_key in known else None
        if entry is None:
            entry, vec, record = _read(path, store)
            if vec is not None:
                fresh[len(articles)] = vec
        else:
            record = known[file_key]
        if file_key:
            index[file_key] = record
        if isinstance(entry, SkippedFile):
            skipped.append(entry)
        else:
            articles.append(entry)
        if progress is not None:
            progress(done, len(paths))
    if index != known:
        store.put(_FILES_NS, slot, json.dumps(index).encode("utf-8"))
    return Listing(str(folder), tuple(articles), tuple(skipped)), fresh


def _file_key(path: Path) -> str:
    """Name, size and change times: a file whose key is unchanged need not be read again."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"


def _read(path: Path, store: Cache) -> tuple[
        ArticleSummary | SkippedFile, ArticleVectors | None, dict[str, Any]]:
    """Load one file: its summary, vectors (cached by digest) and the record to remember."""
    try:
        article = load_article(path)
    except ArticleError as err:
        reason = f"{err.problem}; {err.advice}" if err.advice else err.problem
        return SkippedFile(str(path), reason), None, {"skip": reason}
    except Exception as err:  # a loader bug must not take the rest of the folder with it
        log.exception("unexpected failure reading %s", path)
        reason = (f"could not be read because of an internal error ({type(err).__name__}); "
                  "please report it")
        return SkippedFile(str(path), reason), None, {"skip": reason}
    vec = _stored_vectors(store, article.digest)  # same text under another name or date
    if vec is None:
        vec = vectorise(article)
        store.put(VECTORS_NS, article.digest, vec.to_bytes())
    summary = ArticleSummary(str(path), article.title, article.source, article.date,
                             article.word_count, article.digest, article.display_name,
                             article.date_source)
    record = {"digest": article.digest, "title": article.title, "source": article.source,
              "date": article.date, "words": article.word_count, "name": summary.name,
              "date_source": article.date_source}
    return summary, vec, record


def _summary(path: Path, record: dict[str, Any] | None) -> ArticleSummary | SkippedFile | None:
    """A remembered summary, or None when the record is unusable."""
    try:
        if record is None:
            return None
        if "skip" in record:
            return SkippedFile(str(path), str(record["skip"]))
        return ArticleSummary(str(path), record["title"], record["source"], record["date"],
                              int(record["words"]), str(record["digest"]), str(record["name"]),
                              record.get("date_source"))
    except (KeyError, TypeError, ValueError):
        return None


def _vectors(summary: ArticleSummary, store: Cache, cancelled: Check | None = None
             ) -> ArticleVectors:
    """An article's vectors from the cache, else from the file again."""
    Cancelled.check(cancelled, _WHAT)
    stored = _stored_vectors(store, summary.digest)
    if stored is not None:
        return stored
    try:
        vec = vectorise(load_article(summary.path))
    except ArticleError:  # vanished since it was listed: it simply relates to nothing
        return ArticleVectors(0, *(np.zeros(0, t) for t in (np.uint64, np.uint32, np.uint64)))
    store.put(VECTORS_NS, summary.digest, vec.to_bytes())
    return vec


def _stored_vectors(store: Cache, digest: str) -> ArticleVectors | None:
    raw = store.get(VECTORS_NS, digest)
    try:
        return ArticleVectors.from_bytes(raw) if raw is not None else None
    except (ValueError, struct.error):
        return None
