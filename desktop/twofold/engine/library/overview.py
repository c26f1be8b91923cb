"""Folder overview: which articles are alike, which report one event, which rewrite another.

Every article becomes two sparse vectors (see `sparse`), cached per article digest; the pairwise
similarity and containment matrices they give are grouped into clusters and likely rewrites here.
The folder's file summaries and the finished result are cached too, so a second look is instant.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..cache import Cache, shared_cache
from ..errors import ArticleError, Cancelled
from ..load import load_article
from .folder import list_files
from .sparse import (
    BUCKET_BITS,
    ArticleVectors,
    containment,
    gram,
    similarity,
    vectorise,
)

__all__ = [
    "MAX_ARTICLES", "SCHEMA", "ArticleVectors", "Overview", "OverviewArticle", "Rewrite",
    "SkippedFile", "containment", "find_clusters", "find_rewrites", "gram", "list_articles",
    "overview", "overview_to_dict", "render_overview_text", "similarity", "vectorise",
]

SCHEMA = "twofold/overview@1"
MAX_ARTICLES = 5000  # the n x n matrices stay under ~0.5 GB
CLUSTER_MIN = 0.15  # cosine at which two articles' shared vocabulary alone says "one event"
REWRITE_MIN = 0.2  # share of an article's own 3-grams found in another: far above chance
_SYMMETRIC = 1.25  # containments closer than this ratio do not say which text came first
_ALGORITHM = 2  # bump when vectors, scores, clusters or rewrites are computed differently
_VECTORS_NS = f"overview-vectors@{_ALGORITHM}"
_FILES_NS = "overview-folders@1"
_RESULTS_NS = "overview-results@1"
_WHAT = "The folder overview"


@dataclass(frozen=True, slots=True)
class OverviewArticle:
    """A readable file of the folder, with the metadata the list shows."""

    path: str
    title: str | None
    source: str | None
    date: str | None
    words: int
    digest: str


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file of the folder that is not a readable article, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Rewrite:
    """Article `article` reads as derived from article `source` (indices into the articles)."""

    article: int
    source: int
    score: float  # share of the rewrite's own 3-word phrasing found in the source


@dataclass(frozen=True, slots=True, eq=False)
class Overview:
    """The folder at a glance: articles, skipped files, similarity, clusters, rewrites."""

    folder: str
    articles: tuple[OverviewArticle, ...]
    skipped: tuple[SkippedFile, ...]
    similarity: np.ndarray  # n x n float32, read-only; 1.0 on the diagonal
    clusters: tuple[tuple[int, ...], ...]  # groups of two or more, largest first
    rewrites: tuple[Rewrite, ...]


Check = Callable[[], bool]


def find_clusters(sim: np.ndarray, threshold: float = CLUSTER_MIN, *,
                  cancelled: Check | None = None) -> tuple[tuple[int, ...], ...]:
    """Groups of articles about one event (average linkage of event evidence), largest first.

    Two articles' evidence is the geometric mean of their cosine over `threshold` and their
    cosine over what each has with its nearest neighbours (local scaling, as in self-tuning
    spectral clustering): a pair must be close both in absolute terms and for these two
    articles, whose stories may be told in many or few words. Groups merge while their average
    evidence is >= 1.1. Average rather than single linkage, so a folder of thousands of loosely
    related articles does not chain into one group. Nearest-neighbour chains keep it O(n^2)
    with O(n) numpy steps. `cancelled()` is asked at every step.
    """
    return _average_linkage(_event_evidence(np.asarray(sim, np.float32), threshold),
                            _MERGE_EVIDENCE, cancelled)


_NEIGHBOURS = 3  # how many nearest neighbours set an article's own scale
_MERGE_EVIDENCE = 1.1


def _event_evidence(sim: np.ndarray, threshold: float) -> np.ndarray:
    """sqrt(absolute x relative closeness) of every pair (diagonal irrelevant)."""
    n = len(sim)
    s = np.clip(sim, 0.0, None)
    np.fill_diagonal(s, 0.0)
    k = min(_NEIGHBOURS, n - 1)
    if k < 1:
        return s
    scale = -np.partition(-s, k - 1, axis=1)[:, :k].mean(axis=1)
    scale = np.sqrt(np.maximum(np.outer(scale, scale), 1e-12))
    return np.sqrt((s / threshold) * (s / scale)).astype(np.float32)


def _average_linkage(s: np.ndarray, threshold: float,
                     cancelled: Check | None) -> tuple[tuple[int, ...], ...]:
    """Groups whose average pairwise score is >= threshold, by nearest-neighbour chains."""
    n = len(s)
    s = np.array(s, np.float32)
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n)
    active = np.ones(n, bool)
    members: list[list[int]] = [[i] for i in range(n)]
    chain: list[int] = []
    while True:
        Cancelled.check(cancelled, _WHAT)
        if not chain:
            rest = np.flatnonzero(active)
            if rest.size < 2:
                break
            chain.append(int(rest[0]))
        a = chain[-1]
        row = np.where(active, s[a], -np.inf)
        b = int(np.argmax(row))
        if row[b] < threshold:  # merging never raises an average: `a` is complete
            active[a] = False
            chain.pop()
        elif len(chain) > 1 and row[chain[-2]] >= row[b]:
            b = chain[-2]
            del chain[-2:]
            merged = (s[a] * size[a] + s[b] * size[b]) / (size[a] + size[b])
            s[a, :] = merged
            s[:, a] = merged
            s[a, a] = -np.inf
            active[b] = False
            size[a] += size[b]
            members[a] += members[b]
            members[b] = []
        else:
            chain.append(b)
    groups = [tuple(sorted(m)) for m in members if len(m) > 1]
    return tuple(sorted(groups, key=lambda g: (-len(g), g)))


def find_rewrites(cont: np.ndarray, articles: Sequence[OverviewArticle],
                  threshold: float = REWRITE_MIN) -> tuple[Rewrite, ...]:
    """For each article mostly found in another, its likeliest source (one per rewrite)."""
    n = len(cont)
    if n < 2:
        return ()
    pair = np.maximum(cont, cont.T)
    np.fill_diagonal(pair, 0.0)
    best: dict[int, Rewrite] = {}
    for a, b in np.argwhere(np.triu(pair >= threshold, 1)):
        rewrite, source = _direction(int(a), int(b), cont, articles)
        found = Rewrite(rewrite, source, round(float(cont[rewrite, source]), 4))
        if found.score >= threshold and (rewrite not in best or found.score > best[rewrite].score):
            best[rewrite] = found
    return tuple(sorted(best.values(), key=lambda r: (-r.score, r.article)))


def _direction(a: int, b: int, cont: np.ndarray,
               articles: Sequence[OverviewArticle]) -> tuple[int, int]:
    """(rewrite, source): the text more contained in the other; if even, the later or shorter."""
    ab, ba = float(cont[a, b]), float(cont[b, a])
    if ab > _SYMMETRIC * ba:
        return a, b
    if ba > _SYMMETRIC * ab:
        return b, a
    da, db = _iso(articles[a].date), _iso(articles[b].date)
    if da and db and da != db:
        return (a, b) if da > db else (b, a)
    if articles[a].words != articles[b].words:
        return (a, b) if articles[a].words < articles[b].words else (b, a)
    return b, a


def _iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


Progress = Callable[[int, int], None]


def overview(folder: str | os.PathLike[str], *, cache: Cache | None = None,
             progress: Progress | None = None, cancelled: Check | None = None) -> Overview:
    """Read every file of `folder` and relate its articles.

    `progress(done, total)` is told of every file read; `cancelled()` is asked after every file
    and block of work, and stops it with `Cancelled` (nothing unfinished is cached). Raises
    `ArticleError` only when the folder itself cannot be listed.
    """
    store = shared_cache() if cache is None else cache
    articles, skipped, fresh = _scan(folder, store, progress, cancelled)
    if len(articles) > MAX_ARTICLES:
        raise ArticleError(str(folder), f"holds {len(articles):,} articles, more than the "
                           f"{MAX_ARTICLES:,} an overview relates at once",
                           "split it into smaller folders")
    # one stored result per folder (overwritten when its articles change), so it cannot pile up
    slot, key = str(Path(folder).resolve()), _result_key(articles)
    result = _cached_result(store.get(_RESULTS_NS, slot), key, len(articles))
    if result is None:
        vectors = [fresh[i] if i in fresh else _vectors(a, store, cancelled)
                   for i, a in enumerate(articles)]
        sim = similarity(vectors, cancelled=cancelled)
        clusters = find_clusters(sim, cancelled=cancelled)
        cont = containment(vectors, cancelled=cancelled)
        result = (sim, clusters, find_rewrites(cont, articles))
        store.put(_RESULTS_NS, slot, _result_bytes(key, *result))
    sim, clusters, rewrites = result
    sim.setflags(write=False)
    return Overview(str(folder), tuple(articles), tuple(skipped), sim, clusters, rewrites)


def list_articles(folder: str | os.PathLike[str], *, cache: Cache | None = None,
                  progress: Progress | None = None, cancelled: Check | None = None
                  ) -> tuple[tuple[OverviewArticle, ...], tuple[SkippedFile, ...]]:
    """The folder's articles and skipped files; unchanged files come from the cache unread."""
    articles, skipped, _ = _scan(folder, shared_cache() if cache is None else cache, progress,
                                 cancelled)
    return tuple(articles), tuple(skipped)


def _scan(folder: str | os.PathLike[str], store: Cache, progress: Progress | None,
          cancelled: Check | None = None) -> tuple[
        list[OverviewArticle], list[SkippedFile], dict[int, ArticleVectors]]:
    """Summaries of every file, with the vectors of those that had to be read."""
    paths = list_files(folder)
    slot = str(Path(folder).resolve())
    # the summaries of a folder are one record, written once: a commit per file is slow
    try:
        known: dict[str, dict[str, Any]] = json.loads(store.get(_FILES_NS, slot) or b"{}")
    except ValueError:
        known = {}
    index: dict[str, dict[str, Any]] = {}
    articles: list[OverviewArticle] = []
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
    return articles, skipped, fresh


def _file_key(path: Path) -> str:
    """Name, size and change times: a file whose key is unchanged need not be read again."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"


def _read(path: Path, store: Cache) -> tuple[
        OverviewArticle | SkippedFile, ArticleVectors | None, dict[str, Any]]:
    """Load one file: its summary, vectors (cached by digest) and the record to remember."""
    try:
        article = load_article(path)
    except ArticleError as err:
        reason = f"{err.problem}; {err.advice}" if err.advice else err.problem
        return SkippedFile(str(path), reason), None, {"skip": reason}
    vec = _stored_vectors(store, article.digest)  # same text under another name or date
    if vec is None:
        vec = vectorise(article)
        store.put(_VECTORS_NS, article.digest, vec.to_bytes())
    summary = OverviewArticle(str(path), article.title, article.source, article.date,
                              article.word_count, article.digest)
    record = {"digest": article.digest, "title": article.title, "source": article.source,
              "date": article.date, "words": article.word_count}
    return summary, vec, record


def _summary(path: Path, record: dict[str, Any] | None) -> OverviewArticle | SkippedFile | None:
    """A remembered summary, or None when the record is unusable."""
    try:
        if record is None:
            return None
        if "skip" in record:
            return SkippedFile(str(path), str(record["skip"]))
        return OverviewArticle(str(path), record["title"], record["source"], record["date"],
                               int(record["words"]), str(record["digest"]))
    except (KeyError, TypeError, ValueError):
        return None


def _vectors(summary: OverviewArticle, store: Cache, cancelled: Check | None = None
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
    store.put(_VECTORS_NS, summary.digest, vec.to_bytes())
    return vec


def _stored_vectors(store: Cache, digest: str) -> ArticleVectors | None:
    raw = store.get(_VECTORS_NS, digest)
    try:
        return ArticleVectors.from_bytes(raw) if raw is not None else None
    except (ValueError, struct.error):
        return None


def _result_key(articles: Sequence[OverviewArticle]) -> str:
    """The matrices depend on the articles' texts in order, and rewrites on dates and lengths."""
    text = "\n".join(f"{a.digest}\0{a.date}\0{a.words}" for a in articles)
    version = f"{_ALGORITHM}/{CLUSTER_MIN}/{REWRITE_MIN}/{BUCKET_BITS}\n"
    return hashlib.sha256((version + text).encode("utf-8")).hexdigest()


def _result_bytes(key: str, sim: np.ndarray, clusters: tuple[tuple[int, ...], ...],
                  rewrites: tuple[Rewrite, ...]) -> bytes:
    extra = json.dumps({"clusters": clusters,
                        "rewrites": [[r.article, r.source, r.score] for r in rewrites]})
    head = key.encode("ascii") + struct.pack("<I", len(sim))
    return head + sim.astype("<f4").tobytes() + extra.encode()


def _cached_result(raw: bytes | None, key: str, n: int) -> tuple[
        np.ndarray, tuple[tuple[int, ...], ...], tuple[Rewrite, ...]] | None:
    head = len(key) + 4
    if raw is None or len(raw) < head + 4 * n * n or not raw.startswith(key.encode("ascii")) \
            or struct.unpack_from("<I", raw, len(key))[0] != n:
        return None
    try:
        sim = np.frombuffer(raw, "<f4", n * n, head).reshape(n, n).astype(np.float32)
        extra = json.loads(raw[head + 4 * n * n:])
        clusters = tuple(tuple(int(i) for i in c) for c in extra["clusters"])
        rewrites = tuple(Rewrite(int(a), int(b), float(x)) for a, b, x in extra["rewrites"])
    except (ValueError, KeyError, TypeError):
        return None
    return sim, clusters, rewrites


def overview_to_dict(ov: Overview) -> dict[str, Any]:
    """The `twofold/overview@1` object: indices in clusters and rewrites refer to `articles`."""
    return {
        "schema": SCHEMA,
        "folder": ov.folder,
        "articles": [{"path": a.path, "title": a.title, "source": a.source, "date": a.date,
                      "words": a.words} for a in ov.articles],
        "skipped": [{"path": s.path, "reason": s.reason} for s in ov.skipped],
        "similarity": np.round(ov.similarity.astype(np.float64), 4).tolist(),
        "clusters": [list(c) for c in ov.clusters],
        "rewrites": [{"article": r.article, "source": r.source, "score": r.score}
                     for r in ov.rewrites],
    }


def render_overview_text(ov: Overview, *, matrix_max: int = 12, top: int = 15) -> str:
    """A readable terminal report: article table, skipped files, similarity, clusters, rewrites."""
    n = len(ov.articles)
    out = [f"Folder {ov.folder}: {n} article{'s' * (n != 1)}, {len(ov.skipped)} skipped", ""]
    out.append(f"{'#':>4}  {'Words':>6}  {'Date':<10}  {'Source':<20}  Title / file")
    for i, a in enumerate(ov.articles):
        label = a.title or os.path.basename(a.path)
        out.append(f"{i:>4}  {a.words:>6}  {_cell(a.date, 10)}  {_cell(a.source, 20)}  "
                   f"{_cell(label, 60).rstrip()}")
    if ov.skipped:
        out += ["", "Skipped"] + [f"  {os.path.basename(s.path)}: {s.reason}" for s in ov.skipped]
    if n >= 2 and n <= matrix_max:
        out += ["", "Similarity (cosine of content words, rarer words weigh more)",
                "      " + "".join(f"{j:>6}" for j in range(n))]
        for i in range(n):
            cells = ("     -" if i == j else f"{ov.similarity[i, j]:>6.2f}" for j in range(n))
            out.append(f"{i:>4}  " + "".join(cells))
    elif n > matrix_max:
        upper = np.triu(ov.similarity, 1)
        flat = np.argsort(upper, axis=None)[::-1][:top]
        out += ["", f"Most similar pairs (of {n * (n - 1) // 2})"]
        for i, j in zip(*np.unravel_index(flat, upper.shape), strict=True):
            out.append(f"  {i:>4} ~ {j:<4}  {upper[i, j]:.2f}")
    out += ["", "Clusters (same event)"]
    out += [f"  {', '.join(map(str, c))}" for c in ov.clusters] or ["  none"]
    out += ["", "Likely rewrites (share of the rewrite's own phrasing found in the source)"]
    out += [f"  {r.article} rewrites {r.source}  {r.score:.2f}" for r in ov.rewrites] or ["  none"]
    return "\n".join(out) + "\n"


def _cell(text: str | None, width: int) -> str:
    text = " ".join((text or "-").split())
    return (text if len(text) <= width else text[:width - 1] + "…").ljust(width)
