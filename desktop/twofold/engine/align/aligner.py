"""Paragraph alignment of two articles from sentence-level lexical and embedding similarity.

Every sentence of one article is scored against every sentence of the other: weighted overlap of
content lemmas, names and numbers (weighted by how rare a term is within the pair and in English,
see align_lexical), plus MiniLM sentence embeddings measured above the pair's own topic
baseline; sentences that share only names (who, not what happened) count less. A paragraph
pair scores its best sentence pair; a link needs a score above one global
threshold that is also not dwarfed by what both paragraphs match elsewhere. Work is done in one
canonical orientation, so swapping the sides swaps the links and changes nothing else.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import Indel

from ..model import Anchor, Article, Link, LinkKind
from ..vectors import sentence_vectors
from .lexical import lexical_matrix
from .terms import Sentence, name_terms, sentences_of, unify_vocabulary, zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The few global constants of alignment (the benchmark varies them for leave-one-out)."""

    link_threshold: float = 0.145  # combined score a link needs when embeddings are used
    lexical_threshold: float = 0.13  # the same when only lexical evidence is available
    embedding_weight: float = 0.3  # weight of the embedding cosine above the pair's baseline
    # A term weighs (rarity x in-pair IDF) to this power next to embeddings, which already
    # reward shared topic: the words then count for the specific names, figures and claims.
    # On words alone the topic words are all the evidence a restated main claim has: power 1.
    embedded_idf_power: float = 2.0
    # Two articles whose vocabulary has less in common than this (cosine of content terms,
    # rarer words weigh more) do not tell one story: a link between them needs up to twice the
    # evidence, since shared names and topic words are then all they share. Chosen on the
    # development pairs: links on different-event pairs halve, same-event ECB+ links unchanged.
    story_overlap: float = 0.2
    rival_ratio: float = 0.4  # a link must reach this share of its ends' best links (min of both)
    verbatim_words: float = 0.7  # share of words in common (in order) that makes a link verbatim
    paraphrase_score: float = 0.3  # a fully covered pair scoring this much is a paraphrase
    # At most this many words of sentences are embedded per pair (~8,000 tokens, a few seconds
    # of the NumPy encoder); a longer pair embeds the sentences where meaning decides a link
    # (`sentences_to_embed`) and compares the rest on words, so its cost stays linear.
    max_embedded_words: int = 6_000
    # Two sentences that share only names (who, where, when) and nothing of what happened
    # score this share of their evidence: on ECB+ tuning topics such links were right half the
    # time, against three in four for links that also share a verb or a figure. (Raising the
    # pairs sharing a name and a verb instead added false links on the sample and between
    # different events.)
    names_only_factor: float = 0.65
    # The first sentences of two articles of one story (headline and lead) report its main
    # event: their evidence gains this much (see `_lead_bonus`). On ECB+ topics the engine
    # never saw, F1 0.574 -> 0.588 (precision 0.694 -> 0.688); the sample 0.726 -> 0.766;
    # links between different events 0.53 -> 0.57 per pair (they rarely pass `story_overlap`).
    # More sentences or weight buy recall with precision (4 sentences: check F1 0.604, P 0.673).
    lead_sentences: int = 3
    lead_bonus: float = 0.05
    # Two articles whose vocabulary does not clearly tell one story (`story_overlap` below
    # this) show links only if one passage is clearly restated (a score of `anchor_ratio`
    # times the link threshold): a handful of weak links is then shared names and phrasing,
    # not shared news. Copied paragraphs still link, but count for nothing here (boilerplate).
    # Only between articles of a few sentences at least: in two short items every passage is
    # a main one, and their overlap says little. On 100 pairs of BASIL articles about
    # different events, pairs with at most one link went from 0.79 to 0.92 (links per pair
    # 1.03 -> 0.36); ECB+ F1 on topics the engine never saw unchanged (0.588), the sample too.
    # (Without the sentence floor ECB+ lost 0.001-0.002 F1, all of it on short articles.)
    anchor_overlap: float = 0.3
    anchor_ratio: float = 2.0
    anchor_sentences: int = 6


DEFAULT_PARAMS = AlignParams()


@dataclass(frozen=True, slots=True)
class PairScores:
    """Scores of every paragraph pair (rows: left paragraphs) before links are chosen."""

    scores: np.ndarray
    coverage: np.ndarray  # least share of either paragraph's sentences matched in the other
    identical: frozenset[tuple[int, int]]  # pairs with the same words, case and punctuation aside
    lexical_only: bool  # True when embeddings were off, unavailable or over budget
    embedded: int = 0  # sentences of the pair scored with their embeddings
    sentences: int = 0  # sentences of the pair
    overlap: float = 1.0  # cosine of the two articles' content terms (see `story_overlap`)
    # Sentence-level scores (rows: left sentences) and each sentence's (paragraph, start, end).
    sentence_scores: np.ndarray | None = None
    left_sentences: tuple[tuple[int, int, int], ...] = ()
    right_sentences: tuple[tuple[int, int, int], ...] = ()

    def transposed(self) -> PairScores:
        """The same scores seen from the other side."""
        return PairScores(
            self.scores.T.copy(), self.coverage.T.copy(),
            frozenset((j, i) for i, j in self.identical), self.lexical_only,
            self.embedded, self.sentences, self.overlap,
            None if self.sentence_scores is None else self.sentence_scores.T.copy(),
            self.right_sentences, self.left_sentences,
        )


@dataclass(frozen=True, slots=True)
class Alignment:
    """Links between the paragraphs of two articles and the similarity of the pair."""

    links: tuple[Link, ...]
    similarity: float
    embedded: int = 0  # sentences whose embeddings took part (0: words alone)
    sentences: int = 0  # sentences of the pair


def align_articles(
    left: Article,
    right: Article,
    left_docs: Sequence[Doc],
    right_docs: Sequence[Doc],
    *,
    use_embeddings: bool = True,
    params: AlignParams = DEFAULT_PARAMS,
) -> Alignment:
    """Link paragraphs of `left` and `right` that report the same thing (many-to-many)."""
    pair = paragraph_scores(
        left, right, left_docs, right_docs, use_embeddings=use_embeddings, params=params
    )
    threshold = params.lexical_threshold if pair.lexical_only else params.link_threshold
    if pair.overlap < params.anchor_overlap and min(
            len(pair.left_sentences), len(pair.right_sentences)) >= params.anchor_sentences \
            and _best_restated(pair) < params.anchor_ratio * threshold:
        threshold = math.inf  # no passage clearly restated: only copied paragraphs link
    threshold *= 1.0 + max(0.0, 1.0 - pair.overlap / params.story_overlap)
    # Each paragraph's words once: a long pair has thousands of links sharing few paragraphs.
    left_words = [_words(p.text) for p in left.paragraphs]
    right_words = [_words(p.text) for p in right.paragraphs]
    rows, cols = _by_paragraph(pair.left_sentences), _by_paragraph(pair.right_sentences)
    links = tuple(
        Link(i, j, round(min(1.0, float(pair.scores[i, j])), 4),
             _kind(left_words[i], right_words[j], pair, i, j, params),
             anchors=_anchors(pair, rows.get(i, []), cols.get(j, []), threshold))
        for i, j in select_links(pair, threshold, params.rival_ratio)
    )
    return Alignment(links, _similarity(left, right, links), pair.embedded, pair.sentences)


def _best_restated(pair: PairScores) -> float:
    """The best score of a paragraph pair that is not a copy (copies may be boilerplate)."""
    scores = pair.scores
    if pair.identical:
        scores = scores.copy()
        scores[tuple(np.array(sorted(pair.identical)).T)] = 0.0
    return float(scores.max(initial=0.0))


def _by_paragraph(sentences: Sequence[tuple[int, int, int]]) -> dict[int, list[int]]:
    """Sentence indices by paragraph."""
    out: dict[int, list[int]] = {}
    for k, (paragraph, _start, _end) in enumerate(sentences):
        out.setdefault(paragraph, []).append(k)
    return out


def _anchors(pair: PairScores, rows: list[int], cols: list[int], threshold: float,
             most: int = 3) -> tuple[Anchor, ...]:
    """The sentence pairs of a link's paragraphs that pass `threshold`, strongest first.

    The best pair always comes first, so a link always says which sentences carry it.
    """
    if pair.sentence_scores is None or not rows or not cols:
        return ()
    block = pair.sentence_scores[np.ix_(rows, cols)]
    found = []
    for n, flat in enumerate(np.argsort(-block, axis=None, kind="stable")[:most]):
        a, b = np.unravel_index(int(flat), block.shape)
        score = float(block[a, b])
        if n and score < threshold:
            break
        _, ls, le = pair.left_sentences[rows[int(a)]]
        _, rs, re_ = pair.right_sentences[cols[int(b)]]
        found.append(Anchor((ls, le), (rs, re_), round(max(0.0, min(1.0, score)), 4)))
    return tuple(found)


def embeddings_affordable(left: Article, right: Article,
                          params: AlignParams = DEFAULT_PARAMS) -> bool:
    """Whether every sentence of a pair can be embedded; past it, only the doubtful ones are."""
    return left.word_count + right.word_count <= params.max_embedded_words


def paragraph_scores(
    left: Article,
    right: Article,
    left_docs: Sequence[Doc],
    right_docs: Sequence[Doc],
    *,
    use_embeddings: bool = True,
    params: AlignParams = DEFAULT_PARAMS,
) -> PairScores:
    """Score every paragraph pair of two articles from their sentences."""
    # One canonical orientation: swapped inputs give the exact transpose, float for float.
    if _orientation_key(left) > _orientation_key(right):
        return paragraph_scores(
            right, left, right_docs, left_docs, use_embeddings=use_embeddings, params=params
        ).transposed()
    ls, rs = sentences_of(left_docs), sentences_of(right_docs)
    unify_vocabulary(ls, rs)
    sim = lexical_matrix(ls, rs, _rarity, power=1.0)
    names_only = _names_only(sim, ls, rs)
    threshold = params.lexical_threshold
    embedded = 0
    if use_embeddings and ls and rs:
        pick_l, pick_r = sentences_to_embed(sim, ls, rs, params)
        emb = (_embedding_matrix([ls[i] for i in pick_l], [rs[j] for j in pick_r])
               if len(pick_l) and len(pick_r) else None)
        if emb is not None:
            # Sentence pairs without embeddings keep their word evidence, on the combined scale.
            sim *= params.link_threshold / params.lexical_threshold
            threshold = params.link_threshold
            block = np.ix_(pick_l, pick_r)
            lexical = lexical_matrix(ls, rs, _rarity, power=params.embedded_idf_power)[block]
            sim[block] = lexical + params.embedding_weight * (emb - _topic_baseline(emb))
            embedded = len(pick_l) + len(pick_r)
    sim[names_only] *= params.names_only_factor
    overlap = _story_overlap(ls, rs)
    if overlap >= params.story_overlap:
        _lead_bonus(sim, names_only, params)
    scores, coverage = _per_paragraph(
        sim, ls, rs, (len(left.paragraphs), len(right.paragraphs)), threshold
    )
    identical = _identical_paragraphs(left, right)
    for i, j in identical:
        scores[i, j] = max(scores[i, j], 1.0)
        coverage[i, j] = 1.0
    return PairScores(scores, coverage, identical, not embedded, embedded, len(ls) + len(rs),
                      overlap, sim,
                      tuple((x.paragraph, x.start, x.end) for x in ls),
                      tuple((x.paragraph, x.start, x.end) for x in rs))


def _lead_bonus(sim: np.ndarray, names_only: np.ndarray, params: AlignParams) -> None:
    """Raise the evidence of sentence pairs that both open their articles (in place).

    News is written top-down: two articles telling one story give its main event in the
    headline and the first sentences, often in words that share little (an outlet's "breaks
    off cooperation" is another's "denounces the agreement"). Where two such sentences have
    some evidence already, their place is more of it. Pairs with none stay at none, and so do
    pairs that share only names (the same people, not the same news).
    """
    n = params.lead_sentences
    lead = sim[:n, :n]
    lead[(lead > 0) & ~names_only[:n, :n]] += params.lead_bonus


def _names_only(lexical: np.ndarray, ls: list[Sentence], rs: list[Sentence]) -> np.ndarray:
    """Sentence pairs whose shared terms are all names: the same people, not the same news."""
    names = name_terms([*ls, *rs])
    if not names:
        return np.zeros(lexical.shape, dtype=bool)
    rest = lexical_matrix([_without(s, names) for s in ls], [_without(s, names) for s in rs],
                          _rarity, power=1.0)
    return (lexical > 0) & (rest <= 0)


def _without(sentence: Sentence, names: frozenset[str]) -> Sentence:
    return Sentence(sentence.paragraph, sentence.text, sentence.terms - names)


def _story_overlap(ls: list[Sentence], rs: list[Sentence]) -> float:
    """Cosine of the articles' content-term counts, each term weighted by its English rarity."""
    from collections import Counter

    left, right = Counter(t for s in ls for t in s.terms), Counter(t for s in rs for t in s.terms)
    weight = {t: _rarity(t) * 3.0 for t in left.keys() | right.keys()}

    def norm(bag: Counter[str]) -> float:
        return float(np.sqrt(sum((c * weight[t]) ** 2 for t, c in bag.items())))

    dot = sum(c * right[t] * weight[t] ** 2 for t, c in left.items() if t in right)
    den = norm(left) * norm(right)
    return dot / den if den else 0.0


def sentences_to_embed(
    lexical: np.ndarray, ls: list[Sentence], rs: list[Sentence], params: AlignParams,
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the left and right sentences to embed, at most `max_embedded_words` in all.

    Every sentence while the pair fits the budget. Past it, the sentences whose best word match
    is nearest the link threshold come first: there meaning decides whether a link holds, while
    a clear word match or no shared word at all says enough on its own.
    """
    words = np.array([len(x.text.split()) for x in (*ls, *rs)])
    if words.sum() <= params.max_embedded_words:
        return np.arange(len(ls)), np.arange(len(rs))
    with np.errstate(divide="ignore"):
        distance = np.abs(np.log(lexical / params.lexical_threshold))  # inf: no shared word
    doubt = np.concatenate([distance.min(axis=1), distance.min(axis=0)])
    order = np.argsort(doubt, kind="stable")
    order = order[np.isfinite(doubt[order])]
    taken = order[np.cumsum(words[order]) <= params.max_embedded_words]
    taken.sort()
    return taken[taken < len(ls)], taken[taken >= len(ls)] - len(ls)


def select_links(pair: PairScores, threshold: float, rival_ratio: float) -> list[tuple[int, int]]:
    """Paragraph pairs whose score passes `threshold` and holds up against their rivals."""
    scores = pair.scores
    if scores.size == 0:
        return []
    row_best = scores.max(axis=1, initial=0.0)
    col_best = scores.max(axis=0, initial=0.0)
    # A pair that is far weaker than what *both* its paragraphs match elsewhere is an echo of
    # those better matches (shared names, the story's topic), not a restatement of its own.
    rival = np.minimum(row_best[:, None], col_best[None, :])
    keep = (scores >= threshold) & (scores >= rival_ratio * rival)
    if pair.identical:
        # A paragraph reproduced word for word on the other side is explained by that copy alone.
        exact = np.zeros_like(keep)
        exact[tuple(np.array(sorted(pair.identical)).T)] = True
        copied = exact.any(axis=1)[:, None] | exact.any(axis=0)[None, :]
        keep = (keep & ~copied) | exact
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(keep), strict=True)]


_WORD = re.compile(r"\w+(?:[.,'’]\w+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _kind(
    a: list[str], b: list[str], pair: PairScores, i: int, j: int, params: AlignParams
) -> LinkKind:
    """Verbatim when the words mostly agree, paraphrase when all claims do, else partial."""
    if a and b and Indel.normalized_similarity(a, b) >= params.verbatim_words:
        return "verbatim"
    if pair.coverage[i, j] >= 1.0 and pair.scores[i, j] >= params.paraphrase_score:
        return "paraphrase"
    return "partial"


def _orientation_key(article: Article) -> tuple[str, tuple[str, ...]]:
    return article.digest, tuple(p.text for p in article.paragraphs)


def _rarity(term: str) -> float:
    """1 for ordinary content words and numbers, less for the most common English words."""
    if term[:1].isdigit():
        return 1.0
    # Zipf 4.5 and rarer ("troop", "pact") count fully; "say" or "year" (~6) count half.
    return float(min(1.0, max(0.1, (7.5 - zipf(term)) / 3.0)))


def _embedding_matrix(ls: list[Sentence], rs: list[Sentence]) -> np.ndarray | None:
    """Cosine of MiniLM sentence embeddings, or None when the encoder is not installed."""
    a = sentence_vectors([s.text for s in ls])
    b = sentence_vectors([s.text for s in rs]) if a is not None else None
    return None if a is None or b is None else a @ b.T


def _topic_baseline(cosines: np.ndarray) -> float:
    """The cosine any two sentences of this pair share: their mean, shrunk to a prior if few."""
    # Articles on one story share a topic (mean cosine 0.33-0.49 on the samples): only
    # similarity above that says two sentences report the same thing. A handful of sentences
    # gives a poor mean, so it leans on a typical value instead.
    prior, weight = 0.4, 25
    return float((cosines.sum() + prior * weight) / (cosines.size + weight))


def _per_paragraph(
    sim: np.ndarray, ls: list[Sentence], rs: list[Sentence], shape: tuple[int, int],
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Paragraph scores (best sentence pair) and coverage (least share of sentences matched)."""
    scores = np.zeros(shape, dtype=np.float32)
    coverage = np.zeros(shape, dtype=np.float32)
    if not ls or not rs:
        return scores, coverage
    lp = np.array([s.paragraph for s in ls])
    rp = np.array([s.paragraph for s in rs])
    # Sentences come in paragraph order, so each paragraph is one contiguous block.
    l_start = np.flatnonzero(np.r_[True, lp[1:] != lp[:-1]])
    r_start = np.flatnonzero(np.r_[True, rp[1:] != rp[:-1]])
    by_left_sentence = np.maximum.reduceat(sim, r_start, axis=1)  # (left sentences, paragraphs)
    by_right_sentence = np.maximum.reduceat(sim, l_start, axis=0)  # (paragraphs, right sentences)
    blocks = np.ix_(lp[l_start], rp[r_start])
    scores[blocks] = np.maximum(np.maximum.reduceat(by_left_sentence, l_start, axis=0), 0.0)
    left_counts = np.diff(np.r_[l_start, len(ls)])[:, None]
    right_counts = np.diff(np.r_[r_start, len(rs)])[None, :]
    left_share = np.add.reduceat(by_left_sentence >= threshold, l_start, axis=0) / left_counts
    right_share = np.add.reduceat(by_right_sentence >= threshold, r_start, axis=1) / right_counts
    coverage[blocks] = np.minimum(left_share, right_share)
    return scores, coverage


def _identical_paragraphs(left: Article, right: Article) -> frozenset[tuple[int, int]]:
    """Pairs whose paragraphs have the same words (case and punctuation aside)."""
    by_text: dict[tuple[str, ...], list[int]] = {}
    for p in right.paragraphs:
        words = tuple(_words(p.text))
        if words:
            by_text.setdefault(words, []).append(p.id)
    return frozenset(
        (p.id, j)
        for p in left.paragraphs
        for j in by_text.get(tuple(_words(p.text)), ())
    )


def _similarity(left: Article, right: Article, links: tuple[Link, ...]) -> float:
    """Share of both articles' words in linked paragraphs, weighted by link strength."""
    best_l: dict[int, float] = {}
    best_r: dict[int, float] = {}
    for k in links:
        best_l[k.left] = max(best_l.get(k.left, 0.0), k.score)
        best_r[k.right] = max(best_r.get(k.right, 0.0), k.score)
    num = sum(len(p.text.split()) * best_l.get(p.id, 0.0) for p in left.paragraphs)
    num += sum(len(p.text.split()) * best_r.get(p.id, 0.0) for p in right.paragraphs)
    den = left.word_count + right.word_count
    return min(1.0, num / den) if den else 0.0
