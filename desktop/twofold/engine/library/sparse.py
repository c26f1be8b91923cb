"""Articles as sparse vectors, and the pairwise products the folder overview is built from.

Every article becomes two sparse vectors: content-word counts weighted by how rare each word is
in English (for a cosine over the folder) and hashed word 3-gram shingles of its own prose (for
containment: the share of A's phrasing found verbatim in B). Both pairwise matrices are sparse
Gram products computed in numpy blocks (see `gram`), never a Python loop over pairs of articles.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..errors import Cancelled
from ..model import Article

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
BUCKET_BITS = 22  # at most 4M hashed columns (see `_buckets`)
_DENSE_COST = 3e-4  # a BLAS multiply-add (~25 ps) against one bincount expansion (~80 ns)
_WHAT = "The folder overview"


@dataclass(frozen=True, slots=True, eq=False)
class ArticleVectors:
    """What the overview needs of one article: content-word counts and phrasing shingles."""

    words: int
    terms: np.ndarray  # uint64 hashes of content words, sorted, unique
    counts: np.ndarray  # uint32 occurrences of each term
    shingles: np.ndarray  # uint64 hashes of word 3-grams outside quotations, sorted, unique
    rarity: np.ndarray | None = None  # float32 weight of each term from its English frequency

    _HEAD = struct.Struct("<III")

    def to_bytes(self) -> bytes:
        """A compact serialisation for the on-disk cache."""
        head = self._HEAD.pack(self.words, self.terms.size, self.shingles.size)
        return b"".join((head, self.terms.astype("<u8").tobytes(),
                         self.counts.astype("<u4").tobytes(),
                         self.shingles.astype("<u8").tobytes(),
                         self.weights().astype("<f4").tobytes()))

    @classmethod
    def from_bytes(cls, data: bytes) -> ArticleVectors:
        """Inverse of `to_bytes`; raises ValueError on damaged data."""
        words, n_terms, n_shingles = cls._HEAD.unpack_from(data)
        offset = cls._HEAD.size
        if len(data) != offset + 16 * n_terms + 8 * n_shingles:
            raise ValueError("truncated overview vectors")
        terms = np.frombuffer(data, "<u8", n_terms, offset)
        counts = np.frombuffer(data, "<u4", n_terms, offset + 8 * n_terms)
        shingles = np.frombuffer(data, "<u8", n_shingles, offset + 12 * n_terms)
        rarity = np.frombuffer(data, "<f4", n_terms, offset + 12 * n_terms + 8 * n_shingles)
        return cls(words, terms.astype(np.uint64), counts.astype(np.uint32),
                   shingles.astype(np.uint64), rarity.astype(np.float32))

    def weights(self) -> np.ndarray:
        """The rarity of each term (1.0 each when the vectors were made without it)."""
        return np.ones(self.terms.size, np.float32) if self.rarity is None else self.rarity



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
    rarity: dict[int, float] = {}
    for token, count in zip(vocab, np.bincount(ids, minlength=len(vocab)).tolist(), strict=True):
        stem = token[:-2] if token.endswith("'s") else token
        if len(stem) > 1 and stem not in _STOPWORDS and not stem.isdigit():
            key = _token_hash(stem)
            terms[key] = terms.get(key, 0) + count
            rarity[key] = _rarity(stem)
    term_ids = np.fromiter(terms.keys(), np.uint64, len(terms))
    order = np.argsort(term_ids)
    counts = np.fromiter(terms.values(), np.uint32, len(terms))[order]
    weights = np.fromiter(rarity.values(), np.float32, len(rarity))[order]
    shingles = _shingles(unique_hashes[ids], np.array(segments), np.array(quoted, bool))
    return ArticleVectors(len(tokens), term_ids[order], counts, shingles, weights)


def _rarity(word: str) -> float:
    """How much a word says about which story an article tells: rare in English, more.

    English frequency rather than the folder's own document frequency: in a folder about one
    event the event's words are in every article and a folder IDF would discount exactly them.
    """
    from ..align.terms import zipf

    # Zipf 7.5 is "the"; 6 ("year", "say") weighs 0.5, rare names (Zipf < 3) 1.5 and more.
    return max(0.5, 7.5 - zipf(word)) / 3.0


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


def gram(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray | None, n: int, *,
         cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """Off-diagonal part of X @ X.T (n x n) for the sparse X[rows, cols] += vals (ones if None).

    Columns held by a single row are dropped (they only feed the diagonal, left at zero).
    Columns held by many rows go through dense BLAS blocks; the rest through an inverted index
    whose row blocks are expanded (one product per pair of rows sharing a column, upper triangle
    only) and summed with `np.bincount`. The split minimises the estimated cost of the two.
    `cancelled()` is asked before every block.
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
        _dense_part(out, rows[is_heavy], cols[is_heavy], dense_vals, heavy, n, cancelled)
    light = ~is_heavy
    if light.any():
        _sparse_part(out, rows[light], cols[light], None if vals is None else vals[light], n,
                     cancelled)
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
                heavy: np.ndarray, n: int, cancelled: Callable[[], bool] | None) -> None:
    local = (np.cumsum(heavy) - 1)[cols]
    n_heavy = int(heavy.sum())
    width = max(256, _DENSE_BYTES // (4 * max(n, 1)))
    for start in range(0, n_heavy, width):
        Cancelled.check(cancelled, _WHAT)
        pick = (local >= start) & (local < start + width)
        block = np.zeros((n, min(width, n_heavy - start)), np.float32)
        np.add.at(block, (rows[pick], local[pick] - start), vals[pick])  # hash collisions add
        out += block @ block.T


def _sparse_part(out: np.ndarray, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray | None,
                 n: int, cancelled: Callable[[], bool] | None) -> None:
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
        Cancelled.check(cancelled, _WHAT)
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
    bits = min(BUCKET_BITS, max(20, (4 * hashes.size).bit_length()))
    return (hashes >> np.uint64(64 - bits)).astype(np.intp)


def similarity(vectors: Sequence[ArticleVectors], *,
               cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """Pairwise cosine of content words weighted by their English rarity (float32, 1.0 diagonal)."""
    n = len(vectors)
    if n == 0:
        return np.zeros((0, 0), np.float32)
    rows = np.repeat(np.arange(n), [v.terms.size for v in vectors])
    cols = _buckets(np.concatenate([v.terms for v in vectors]))
    tf = np.concatenate([v.counts for v in vectors]).astype(np.float64)
    rarity = np.concatenate([v.weights() for v in vectors]).astype(np.float64)
    weights = (1.0 + np.log(np.maximum(tf, 1.0))) * rarity
    norms = np.sqrt(np.bincount(rows, weights * weights, n))
    weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    sim = gram(rows, cols, weights, n, cancelled=cancelled)
    np.clip(sim, 0.0, 1.0, out=sim)
    np.fill_diagonal(sim, 1.0)
    return sim


def containment(vectors: Sequence[ArticleVectors], *,
                cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """C[a, b]: share of article a's 3-gram shingles also found in article b (asymmetric)."""
    n = len(vectors)
    if n == 0:
        return np.zeros((0, 0), np.float32)
    sizes = np.array([v.shingles.size for v in vectors])
    rows = np.repeat(np.arange(n), sizes)
    overlap = gram(rows, _buckets(np.concatenate([v.shingles for v in vectors])), None, n,
                   cancelled=cancelled)
    overlap /= np.maximum(sizes, 1).astype(np.float32)[:, None]
    np.fill_diagonal(overlap, 1.0)
    return overlap
