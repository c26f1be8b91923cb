"""Sentence-by-sentence lexical similarity as hand-built sparse products (NumPy only).

Each sentence is a set of terms. Two sentences score the weighted Dice overlap of their sets,
with a term's weight the square of its rarity-scaled IDF within the pair: as in a TF-IDF dot
product, where each side's vector carries the weight once, a name or number found in one
paragraph of each article says far more than the story's topic words found in most of them.

The overlap matrix is a product of two sparse sentence-by-term incidence matrices, computed
near-linearly: rare terms by expanding their posting lists into the (few) sentence pairs they
join, frequent terms as dense columns multiplied by BLAS. No Python loop visits sentence pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .terms import Sentence

# A term joining more than this share of all sentence pairs is cheaper as a dense BLAS column
# than as expanded (left, right) pairs: BLAS does a multiply-add ~100x faster than NumPy
# scatters one pair.
_DENSE_SHARE = 1 / 64
# Expanded pairs handled at once, so memory stays bounded (~40 MB) however long the articles.
_PAIR_CHUNK = 1 << 21


def lexical_matrix(
    left: Sequence[Sentence], right: Sequence[Sentence], rarity: Callable[[str], float],
    *, power: float = 2.0,
) -> np.ndarray:
    """Weighted Dice overlap of the sentences' term sets (rows: left sentences), float32.

    A term weighs (rarity x in-pair IDF) ** `power`.
    """
    n, m = len(left), len(right)
    out = np.zeros((n, m), dtype=np.float32)
    if not n or not m:
        return out
    vocab: dict[str, int] = {}
    l_sent, l_term = _entries(left, vocab)
    r_sent, r_term = _entries(right, vocab)
    if not vocab:
        return out
    l_para, r_para = _paragraphs(left), _paragraphs(right)
    weight = _term_weights(vocab, rarity, l_para[l_sent], l_term, r_para[r_sent], r_term,
                           len(np.unique(l_para)) + len(np.unique(r_para))) ** power
    totals_l = np.bincount(l_sent, weights=weight[l_term], minlength=n)
    totals_r = np.bincount(r_sent, weights=weight[r_term], minlength=m)
    overlap = _weighted_overlap(l_sent, l_term, r_sent, r_term, weight, n, m)
    denom = totals_l[:, None] + totals_r[None, :]
    np.divide(2 * overlap, denom, out=overlap, where=denom > 0)
    out[...] = overlap
    return out


def _entries(sents: Sequence[Sentence], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(sentence row, term id) of every term occurrence: the incidence matrix in COO form."""
    rows: list[int] = []
    terms: list[int] = []
    for row, s in enumerate(sents):
        for t in sorted(s.terms):  # sorted: term ids must not depend on set iteration order
            rows.append(row)
            terms.append(vocab.setdefault(t, len(vocab)))
    return np.array(rows, dtype=np.int64), np.array(terms, dtype=np.int64)


def _paragraphs(sents: Sequence[Sentence]) -> np.ndarray:
    return np.fromiter((s.paragraph for s in sents), dtype=np.int64, count=len(sents))


def _term_weights(
    vocab: dict[str, int], rarity: Callable[[str], float],
    l_para: np.ndarray, l_term: np.ndarray, r_para: np.ndarray, r_term: np.ndarray,
    paragraphs: int,
) -> np.ndarray:
    """Rarity x in-pair IDF per term id; IDF counts the paragraphs (both sides) using it."""
    size = len(vocab)
    # Paragraph ids of the right side are shifted past the left's, so (paragraph, term) keys of
    # both sides live in one space; unique keys count each paragraph once per term.
    offset = int(l_para.max(initial=-1)) + 1
    keys = np.unique(np.concatenate([l_para * size + l_term, (r_para + offset) * size + r_term]))
    df = np.bincount(keys % size, minlength=size)
    names = sorted(vocab, key=vocab.__getitem__)
    rare = np.fromiter((rarity(t) for t in names), dtype=np.float64, count=size)
    idf = np.log1p(paragraphs / np.maximum(df, 1))
    return rare * idf


def _weighted_overlap(
    l_sent: np.ndarray, l_term: np.ndarray, r_sent: np.ndarray, r_term: np.ndarray,
    weight: np.ndarray, n: int, m: int,
) -> np.ndarray:
    """Sum of weights of the terms each (left, right) sentence pair shares, as float64 (n, m)."""
    size = len(weight)
    l_count = np.bincount(l_term, minlength=size)
    r_count = np.bincount(r_term, minlength=size)
    pairs = l_count * r_count
    dense = pairs > _DENSE_SHARE * n * m
    out = np.zeros((n, m), dtype=np.float64)
    if dense.any():
        column = np.cumsum(dense) - 1  # dense term id -> column of the small dense matrices
        a = np.zeros((n, int(dense.sum())), dtype=np.float32)
        b = np.zeros((m, a.shape[1]), dtype=np.float32)
        keep_l, keep_r = dense[l_term], dense[r_term]
        a[l_sent[keep_l], column[l_term[keep_l]]] = weight[l_term[keep_l]]
        b[r_sent[keep_r], column[r_term[keep_r]]] = 1.0
        out += a @ b.T
    sparse = (pairs > 0) & ~dense
    keep_l, keep_r = sparse[l_term], sparse[r_term]
    if keep_l.any():
        _add_sparse_pairs(out, l_sent[keep_l], l_term[keep_l], r_sent[keep_r],
                          r_term[keep_r], weight)
    return out


def _add_sparse_pairs(
    out: np.ndarray, l_sent: np.ndarray, l_term: np.ndarray, r_sent: np.ndarray,
    r_term: np.ndarray, weight: np.ndarray,
) -> None:
    """Add each shared term's weight to every (left, right) sentence pair it joins, in place."""
    # The right entries grouped by term make a CSC posting list: term t owns order[start:stop].
    order = np.argsort(r_term, kind="stable")
    r_sorted = r_sent[order]
    counts = np.bincount(r_term, minlength=len(weight))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    fan = counts[l_term]  # right sentences each left entry pairs with
    ends = np.cumsum(fan)
    flat = out.reshape(-1)
    m = out.shape[1]
    lo = 0
    while lo < len(fan):
        # Take left entries until their expanded pairs fill one chunk (at least one entry).
        base = ends[lo - 1] if lo else 0
        hi = max(lo + 1, int(np.searchsorted(ends, base + _PAIR_CHUNK, side="right")))
        k = fan[lo:hi]
        total = int(k.sum())
        # A ragged arange: for entry e, positions starts[t_e] .. starts[t_e] + k_e - 1.
        first = np.repeat(np.cumsum(k) - k, k)
        pos = np.repeat(starts[l_term[lo:hi]], k) + (np.arange(total) - first)
        cells = np.repeat(l_sent[lo:hi], k) * m + r_sorted[pos]
        flat += np.bincount(cells, weights=np.repeat(weight[l_term[lo:hi]], k),
                            minlength=flat.size)
        lo = hi
