"""Folder overview: which articles are alike, which report one event, which rewrite another.

Every article becomes two sparse vectors, cached per article digest: content-word counts (for a
TF-IDF cosine over the folder) and hashed word 3-gram shingles of its own prose (for containment:
the share of A's phrasing found verbatim in B). Both pairwise matrices are sparse Gram products
computed in numpy blocks (see `gram`), never a Python loop over pairs of articles.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .cache import Cache, shared_cache
from .errors import ArticleError
from .folder import list_files
from .loader import load_article
from .model import Article

SCHEMA = "twofold/overview@1"
MAX_ARTICLES = 5000  # the n x n matrices stay under ~0.5 GB
CLUSTER_MIN = 0.2  # average cosine of a group reporting one event (TDT-style cut)
REWRITE_MIN = 0.2  # share of an article's own 3-grams found in another: far above chance
_SYMMETRIC = 1.25  # containments closer than this ratio do not say which text came first
_ALGORITHM = 1  # bump when vectors, scores, clusters or rewrites are computed differently
_VECTORS_NS = f"overview-vectors@{_ALGORITHM}"
_FILES_NS = "overview-folders@1"
_RESULTS_NS = "overview-results@1"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED = re.compile(r"“[^”]{1,2000}”|\"[^\"]{1,2000}\"|«[^»]{1,2000}»|„[^“”]{1,2000}[“”]")
# English function words; "us" stays out: lower-cased, it is mostly "US" in news
_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves said says say told according one two mr
ms mrs may might must shall
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_BLOCK_BUDGET = 4_000_000  # expanded (row, column) products per sparse block: ~100 MB peak
_DENSE_BYTES = 64 * 2**20  # a dense block of frequent columns stays under this
_BUCKET_BITS = 22  # at most 4M hashed columns (see `_buckets`)
_DENSE_COST = 3e-4  # a BLAS multiply-add (~25 ps) against one bincount expansion (~80 ns)


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


@dataclass(frozen=True, slots=True, eq=False)
class ArticleVectors:
    """What the overview needs of one article: content-word counts and phrasing shingles."""

    words: int
    terms: np.ndarray  # uint64 hashes of content words, sorted, unique
    counts: np.ndarray  # uint32 occurrences of each term
    shingles: np.ndarray  # uint64 hashes of word 3-grams outside quotations, sorted, unique

    _HEAD = struct.Struct("<III")

    def to_bytes(self) -> bytes:
        """A compact serialisation for the on-disk cache."""
        head = self._HEAD.pack(self.words, self.terms.size, self.shingles.size)
        return b"".join((head, self.terms.astype("<u8").tobytes(),
                         self.counts.astype("<u4").tobytes(),
                         self.shingles.astype("<u8").tobytes()))

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleVectors:
        """Inverse of `to_bytes`; raises ValueError on damaged data."""
        words, n_terms, n_shingles = cls._HEAD.unpack_from(data)
        offset = cls._HEAD.size
        if len(data) != offset + 12 * n_terms + 8 * n_shingles:
            raise ValueError("truncated overview vectors")
        terms = np.frombuffer(data, "<u8", n_terms, offset)
        counts = np.frombuffer(data, "<u4", n_terms, offset + 8 * n_terms)
        shingles = np.frombuffer(data, "<u8", n_shingles, offset + 12 * n_terms)
        return cls(words, terms.astype(np.uint64), counts.astype(np.uint32),
                   shingles.astype(np.uint64))


@lru_cache(maxsize=1 << 18)
def _token_hash(token: str) -> int:
    """A stable 64-bit hash of a token (Python's hash() changes between runs)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


_P1, _P2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


def vectorise(article: Article) -> ArticleVectors:
    """Content-word counts and 3-gram shingles of an article (shingles skip quoted speech)."""
    tokens: list[str] = []
    segments: list[int] = []
    quoted: list[bool] = []
    segment = 0
    for paragraph in article.paragraphs:
        text = paragraph.text.lower().replace("’", "'")
        cuts = [0, *(x for m in _QUOTED.finditer(text) for x in m.span()), len(text)]
        for k in range(len(cuts) - 1):
            found = _WORD.findall(text, cuts[k], cuts[k + 1])
            segment += 1
            tokens += found
            segments += [segment] * len(found)
            quoted += [k % 2 == 1] * len(found)
    vocab = {token: i for i, token in enumerate(dict.fromkeys(tokens))}
    ids = np.fromiter(map(vocab.__getitem__, tokens), np.intp, len(tokens))
    unique_hashes = np.fromiter(map(_token_hash, vocab), np.uint64, len(vocab))
    terms: dict[int, int] = {}
    for token, count in zip(vocab, np.bincount(ids, minlength=len(vocab)).tolist(), strict=True):
        stem = token[:-2] if token.endswith("'s") else token
        if len(stem) > 1 and stem not in _STOPWORDS and not stem.isdigit():
            key = _token_hash(stem)
            terms[key] = terms.get(key, 0) + count
    term_ids = np.fromiter(terms.keys(), np.uint64, len(terms))
    order = np.argsort(term_ids)
    counts = np.fromiter(terms.values(), np.uint32, len(terms))[order]
    shingles = _shingles(unique_hashes[ids], np.array(segments), np.array(quoted, bool))
    return ArticleVectors(len(tokens), term_ids[order], counts, shingles)


def _shingles(hashes: np.ndarray, segments: np.ndarray, quoted: np.ndarray) -> np.ndarray:
    """Unique hashes of 3 consecutive tokens of one segment; quotes kept only if nothing else."""
    if hashes.size < 3:
        return np.zeros(0, np.uint64)
    same = (segments[:-2] == segments[2:])
    own = same & ~quoted[:-2]
    keep = own if own.sum() >= 10 else same
    with np.errstate(over="ignore"):
        last = hashes[2:] ^ (hashes[2:] >> np.uint64(29))
        mixed = hashes[:-2] * _P1 + hashes[1:-1] * _P2 + last
    return np.unique(mixed[keep])


def gram(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray | None, n: int) -> np.ndarray:
    """Off-diagonal part of X @ X.T (n x n) for the sparse X[rows, cols] += vals (ones if None).

    Columns held by a single row are dropped (they only feed the diagonal, left at zero).
    Columns held by many rows go through dense BLAS blocks; the rest through an inverted index
    whose row blocks are expanded (one product per pair of rows sharing a column, upper triangle
    only) and summed with `np.bincount`. The split minimises the estimated cost of the two.
    """
    out = np.zeros((n, n), np.float32)  # float32 halves the n x n memory; counts stay exact
    if rows.size == 0:
        return out
    df = np.bincount(cols)
    shared = df >= 2
    keep = shared[cols]
    remap = np.cumsum(shared) - 1  # renumber the shared columns 0..k-1, in O(entries)
    rows, cols, df = rows[keep], remap[cols[keep]], df[shared]
    vals = None if vals is None else vals[keep]
    heavy = _dense_columns(df, n)
    is_heavy = heavy[cols]
    if is_heavy.any():
        dense_vals = np.ones(int(is_heavy.sum()), np.float32) if vals is None else vals[is_heavy]
        _dense_part(out, rows[is_heavy], cols[is_heavy], dense_vals, heavy, n)
    light = ~is_heavy
    if light.any():
        _sparse_part(out, rows[light], cols[light], None if vals is None else vals[light], n)
    np.fill_diagonal(out, 0.0)
    return out


def _dense_columns(df: np.ndarray, n: int) -> np.ndarray:
    """Which columns to multiply densely: the top-df ones, as many as pay for themselves."""
    order = np.argsort(df)[::-1]
    pair_cost = df[order].astype(np.float64) ** 2 / 2  # sparse: one expansion per pair of rows
    remaining = pair_cost.sum() - np.concatenate(([0.0], np.cumsum(pair_cost)))
    cost = np.arange(df.size + 1) * (n * n * _DENSE_COST) + remaining
    mask = np.zeros(df.size, bool)
    mask[order[:int(np.argmin(cost))]] = True
    return mask


def _dense_part(out: np.ndarray, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray,
                heavy: np.ndarray, n: int) -> None:
    local = (np.cumsum(heavy) - 1)[cols]
    n_heavy = int(heavy.sum())
    width = max(256, _DENSE_BYTES // (4 * max(n, 1)))
    for start in range(0, n_heavy, width):
        pick = (local >= start) & (local < start + width)
        block = np.zeros((n, min(width, n_heavy - start)), np.float32)
        np.add.at(block, (rows[pick], local[pick] - start), vals[pick])  # hash collisions add
        out += block @ block.T


def _sparse_part(out: np.ndarray, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray | None,
                 n: int) -> None:
    by_col = np.lexsort((rows, cols))  # postings: by column, rows ascending within each
    post_rows = rows[by_col]
    post_vals = None if vals is None else vals[by_col]
    col_start = np.concatenate(([0], np.cumsum(np.bincount(cols))))
    post_cols = cols[by_col]
    rank = np.arange(by_col.size) - col_start[post_cols]
    fan = (col_start[post_cols + 1] - col_start[post_cols]) - rank  # postings from self onward
    by_row = np.argsort(post_rows, kind="stable")
    upper = np.zeros((n, n), np.float32)
    ends = np.cumsum(fan[by_row])
    start = 0
    while start < by_row.size:
        stop = int(np.searchsorted(ends, ends[start] - fan[by_row[start]] + _BLOCK_BUDGET,
                                   "right"))
        pick = by_row[start:max(stop, start + 1)]
        f = fan[pick]
        total = int(f.sum())
        offsets = np.repeat(pick - (np.cumsum(f) - f), f) + np.arange(total)
        r = post_rows[pick]
        first, span = int(r[0]), int(r[-1]) - int(r[0]) + 1
        flat = np.repeat(r - first, f) * n + post_rows[offsets]
        weights = None if post_vals is None else np.repeat(post_vals[pick], f) * post_vals[offsets]
        upper[first:first + span] += np.bincount(flat, weights, span * n).reshape(span, n)
        start = max(stop, start + 1)
    out += upper
    out += upper.T


def _buckets(hashes: np.ndarray) -> np.ndarray:
    """Feature hashing: the top bits of a 64-bit hash as a column number.

    At least four buckets per entry (2^20 to 2^22): a chance collision moves a score by < 1e-3
    while small folders do not pay for millions of empty columns.
    """
    bits = min(_BUCKET_BITS, max(20, (4 * hashes.size).bit_length()))
    return (hashes >> np.uint64(64 - bits)).astype(np.intp)


def similarity(vectors: Sequence[ArticleVectors]) -> np.ndarray:
    """Pairwise TF-IDF cosine of content words (float32, 1.0 on the diagonal)."""
    n = len(vectors)
    if n == 0:
        return np.zeros((0, 0), np.float32)
    rows = np.repeat(np.arange(n), [v.terms.size for v in vectors])
    cols = _buckets(np.concatenate([v.terms for v in vectors]))
    tf = np.concatenate([v.counts for v in vectors]).astype(np.float64)
    df = np.bincount(cols)
    weights = (1.0 + np.log(np.maximum(tf, 1.0))) * (np.log((1.0 + n) / (1.0 + df)) + 1.0)[cols]
    norms = np.sqrt(np.bincount(rows, weights * weights, n))
    weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    sim = gram(rows, cols, weights, n)
    np.clip(sim, 0.0, 1.0, out=sim)
    np.fill_diagonal(sim, 1.0)
    return sim


def containment(vectors: Sequence[ArticleVectors]) -> np.ndarray:
    """C[a, b]: share of article a's 3-gram shingles also found in article b (asymmetric)."""
    n = len(vectors)
    if n == 0:
        return np.zeros((0, 0), np.float32)
    sizes = np.array([v.shingles.size for v in vectors])
    rows = np.repeat(np.arange(n), sizes)
    overlap = gram(rows, _buckets(np.concatenate([v.shingles for v in vectors])), None, n)
    overlap /= np.maximum(sizes, 1).astype(np.float32)[:, None]
    np.fill_diagonal(overlap, 1.0)
    return overlap


def find_clusters(sim: np.ndarray, threshold: float = CLUSTER_MIN) -> tuple[tuple[int, ...], ...]:
    """Groups whose average pairwise similarity is >= threshold (average linkage), largest first.

    Average rather than single linkage, so a folder of thousands of loosely related articles does
    not chain into one group. Nearest-neighbour chains keep it O(n^2) with O(n) numpy steps.
    """
    n = len(sim)
    s = np.array(sim, np.float32)
    np.fill_diagonal(s, -np.inf)
    size = np.ones(n)
    active = np.ones(n, bool)
    members: list[list[int]] = [[i] for i in range(n)]
    chain: list[int] = []
    while True:
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
             progress: Progress | None = None) -> Overview:
    """Read every file of `folder` and relate its articles; `progress(done, total)` may raise
    to cancel. Raises `ArticleError` only when the folder itself cannot be listed."""
    store = shared_cache() if cache is None else cache
    articles, skipped, fresh = _scan(folder, store, progress)
    if len(articles) > MAX_ARTICLES:
        raise ArticleError(str(folder), f"holds {len(articles):,} articles, more than the "
                           f"{MAX_ARTICLES:,} an overview relates at once",
                           "split it into smaller folders")
    # one stored result per folder (overwritten when its articles change), so it cannot pile up
    slot, key = str(Path(folder).resolve()), _result_key(articles)
    result = _cached_result(store.get(_RESULTS_NS, slot), key, len(articles))
    if result is None:
        vectors = [fresh[i] if i in fresh else _vectors(a, store) for i, a in enumerate(articles)]
        sim = similarity(vectors)
        result = (sim, find_clusters(sim), find_rewrites(containment(vectors), articles))
        store.put(_RESULTS_NS, slot, _result_bytes(key, *result))
    sim, clusters, rewrites = result
    sim.setflags(write=False)
    return Overview(str(folder), tuple(articles), tuple(skipped), sim, clusters, rewrites)


def list_articles(folder: str | os.PathLike[str], *, cache: Cache | None = None,
                  progress: Progress | None = None
                  ) -> tuple[tuple[OverviewArticle, ...], tuple[SkippedFile, ...]]:
    """The folder's articles and skipped files; unchanged files come from the cache unread."""
    articles, skipped, _ = _scan(folder, shared_cache() if cache is None else cache, progress)
    return tuple(articles), tuple(skipped)


def _scan(folder: str | os.PathLike[str], store: Cache, progress: Progress | None) -> tuple[
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


def _vectors(summary: OverviewArticle, store: Cache) -> ArticleVectors:
    """An article's vectors from the cache, else from the file again."""
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
    version = f"{_ALGORITHM}/{CLUSTER_MIN}/{REWRITE_MIN}/{_BUCKET_BITS}\n"
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
        out += ["", "Similarity (TF-IDF cosine of content words)",
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
