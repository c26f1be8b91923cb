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

import numpy as np

from ..cache import Cache, shared_cache
from ..errors import ArticleError, Cancelled
from ..model import published_day
from .index import (
    ArticleSummary,
    Progress,
    SkippedFile,
    article_vectors,
    scan_with_vectors,
)
from .sparse import BUCKET_BITS, containment, similarity

SCHEMA = "twofold/overview@1"
MAX_ARTICLES = 5000  # the n x n matrices stay under ~0.5 GB
CLUSTER_MIN = 0.15  # cosine at which two articles' shared vocabulary alone says "one event"
REWRITE_MIN = 0.2  # share of an article's own 3-grams found in another: far above chance
_SYMMETRIC = 1.25  # containments closer than this ratio do not say which text came first
# Articles about one event appear within a few days of it; past that, articles whose publication
# days both are known lose their evidence of one event over a week (a saga's later events).
SAME_EVENT_DAYS = 3
_FADE_DAYS = 7
_ALGORITHM = 3  # bump when scores, clusters or rewrites are computed differently
_RESULTS_NS = "overview-results@1"
_WHAT = "The folder overview"


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
    articles: tuple[ArticleSummary, ...]
    skipped: tuple[SkippedFile, ...]
    similarity: np.ndarray  # n x n float32, read-only; 1.0 on the diagonal
    clusters: tuple[tuple[int, ...], ...]  # groups of two or more, largest first
    rewrites: tuple[Rewrite, ...]

    def event_of(self, path: str | None, among: Sequence[str]) -> list[str]:
        """The articles of `among` in the cluster of `path` (else the largest cluster), in
        their order in `among`: the articles about one event. All of `among` when fewer than
        two of them fall in that cluster (or the folder has no cluster)."""
        paths = [a.path for a in self.articles]
        group = next((g for g in self.clusters if path in {paths[i] for i in g}),
                     self.clusters[0] if self.clusters else ())
        members = {paths[i] for i in group}
        chosen = [p for p in among if p in members]
        return chosen if len(chosen) >= 2 else list(among)


Check = Callable[[], bool]


def find_clusters(sim: np.ndarray, threshold: float = CLUSTER_MIN, *,
                  published: Sequence[date | None] | None = None,
                  cancelled: Check | None = None) -> tuple[tuple[int, ...], ...]:
    """Groups of articles about one event (average linkage of event evidence), largest first.

    Two articles' evidence is the geometric mean of their cosine over `threshold` and their
    cosine over what each has with its nearest neighbours (local scaling, as in self-tuning
    spectral clustering): a pair must be close both in absolute terms and for these two
    articles, whose stories may be told in many or few words. Groups merge while their average
    evidence is >= 1.1. Average rather than single linkage, so a folder of thousands of loosely
    related articles does not chain into one group. Nearest-neighbour chains keep it O(n^2)
    with O(n) numpy steps. `cancelled()` is asked at every step.

    `published` gives each article's publication day where the article states it (None where
    unknown). Two articles published more than `SAME_EVENT_DAYS` apart keep less of their
    evidence, none at all `SAME_EVENT_DAYS + _FADE_DAYS` apart: a story told over weeks (a
    shutdown, a trial) is a run of events, each reported within days of it.
    """
    evidence = _event_evidence(np.asarray(sim, np.float32), threshold)
    if published is not None:
        evidence *= _same_time(published)
    return _average_linkage(evidence, _MERGE_EVIDENCE, cancelled)


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


def _same_time(published: Sequence[date | None]) -> np.ndarray:
    """n x n: 1 for articles published within `SAME_EVENT_DAYS` of each other (or either day
    unknown), falling linearly to 0 over the next `_FADE_DAYS` days."""
    known = np.array([d is not None for d in published], bool)
    days = np.array([d.toordinal() if d is not None else 0 for d in published], np.float64)
    gap = np.abs(days[:, None] - days[None, :])
    fade = np.clip(1.0 - (gap - SAME_EVENT_DAYS) / _FADE_DAYS, 0.0, 1.0)
    return np.where(known[:, None] & known[None, :], fade, 1.0).astype(np.float32)


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


def find_rewrites(cont: np.ndarray, articles: Sequence[ArticleSummary],
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
               articles: Sequence[ArticleSummary]) -> tuple[int, int]:
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


def overview(folder: str | os.PathLike[str], *, cache: Cache | None = None,
             progress: Progress | None = None, cancelled: Check | None = None) -> Overview:
    """Read every file of `folder` (through its index) and relate its articles.

    `progress(done, total)` is told of every file read; `cancelled()` is asked after every file
    and block of work, and stops it with `Cancelled` (nothing unfinished is cached). Raises
    `ArticleError` only when the folder itself cannot be listed.
    """
    store = shared_cache() if cache is None else cache
    listing, fresh = scan_with_vectors(folder, cache=store, progress=progress,
                                       cancelled=cancelled)
    articles = listing.articles
    if len(articles) > MAX_ARTICLES:
        raise ArticleError(str(folder), f"holds {len(articles):,} articles, more than the "
                           f"{MAX_ARTICLES:,} an overview relates at once",
                           "split it into smaller folders")
    # one stored result per folder (overwritten when its articles change), so it cannot pile up
    slot, key = str(Path(folder).resolve()), _result_key(articles)
    result = _cached_result(store.get(_RESULTS_NS, slot), key, len(articles))
    if result is None:
        vectors = article_vectors(articles, cache=store, fresh=fresh, cancelled=cancelled)
        sim = similarity(vectors, cancelled=cancelled)
        published = [published_day(a.date, a.date_source) for a in articles]
        clusters = find_clusters(sim, published=published, cancelled=cancelled)
        cont = containment(vectors, cancelled=cancelled)
        result = (sim, clusters, find_rewrites(cont, articles))
        store.put(_RESULTS_NS, slot, _result_bytes(key, *result))
    sim, clusters, rewrites = result
    sim.setflags(write=False)
    return Overview(str(folder), articles, listing.skipped, sim, clusters, rewrites)


def _result_key(articles: Sequence[ArticleSummary]) -> str:
    """The matrices depend on the articles' texts in order, clusters and rewrites on dates (and
    where they come from) and lengths."""
    text = "\n".join(f"{a.digest}\0{a.date}\0{a.date_source}\0{a.words}" for a in articles)
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
