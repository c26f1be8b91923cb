"""Sentence pairs that state one fact: the ground divergences are found on.

Two sentences of linked paragraphs pair when they share enough content lemmas or, failing that,
when their MiniLM embeddings are close. Each sentence carries what the rules need (entity keys,
figures, dates, content lemmas), found once per sentence rather than once per pair.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..entities.figures import CLOCK_TIME, DateValue, Figure, date_spans, figure_spans
from ..model import Entity, Link
from ..worddiff import normalise_span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_PAIR_THRESHOLD = 0.2  # Dice overlap of content lemmas for two sentences to state one fact
_UNLINKED_THRESHOLD = 0.35  # the same, for sentences of paragraphs the alignment did not link
_RIVAL = 0.8  # share of both sentences' best overlap a pair must reach (see _without_echoes)
_MIN_SHARED = 3  # content lemmas two unlinked sentences share before their overlap is worked out


@dataclass(frozen=True, slots=True)
class Side:
    """One sentence of one article, with the entity keys mentioned in it by character range."""

    paragraph: int
    sent: SpacySpan
    keys: tuple[tuple[int, int, str, str], ...]  # (start, end, key, label), paragraph offsets
    # Found once per sentence, not once per pair it takes part in (a long pair has thousands).
    figures: tuple[Figure, ...] = ()
    dates: tuple[tuple[int, int, DateValue], ...] = ()
    content: frozenset[str] = frozenset()  # content lemmas, for the Dice overlap
    # Character start and end of every token of the paragraph's Doc (one pair of tuples per
    # Doc, shared by its sentences): rules place words by character without making a spaCy
    # Token for each look, which dominated the cost of long pairs.
    starts: tuple[int, ...] = field(default=(), compare=False)
    ends: tuple[int, ...] = field(default=(), compare=False)
    text: str = field(default="", compare=False)  # the paragraph's text (spaCy rebuilds it)

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Character range of the doc's tokens first..last-1."""
        return self.starts[first], self.ends[last - 1]

    def token_ending(self, char: int) -> int | None:
        """Index of this sentence's token that holds the character before `char`, if any."""
        k = bisect_left(self.ends, char, self.sent.start, self.sent.end)
        return k if k < self.sent.end and self.starts[k] < char else None


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Two sentences, one per article, that state one fact; `overlap` says how surely."""

    left: Side
    right: Side
    overlap: float
    linked: bool = True  # the sentences sit in paragraphs the alignment linked


def mention_index(entities: Sequence[Entity]) -> dict[int, list[tuple[int, int, str, str]]]:
    """Entity mentions by paragraph: (start, end, key, label)."""
    index: dict[int, list[tuple[int, int, str, str]]] = {}
    for e in entities:
        for m in e.mentions:
            index.setdefault(m.paragraph, []).append((m.start, m.end, e.key, e.label))
    return index


def _content(sent: SpacySpan) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in sent if t.pos_ in _CONTENT_POS and not t.is_stop)


def sentence_pairs(
    links: Sequence[Link], left_docs: Sequence[Doc], right_docs: Sequence[Doc],
    lkeys: dict[int, list[tuple[int, int, str, str]]],
    rkeys: dict[int, list[tuple[int, int, str, str]]],
    use_embeddings: bool,
) -> list[SentencePair]:
    """Sentence pairs that share enough content to state one fact.

    Pairs come from linked paragraphs (shared content words or, failing that, close MiniLM
    embeddings) and, wherever they sit, from sentences that share most of their content words:
    outlets put one fact in paragraphs the alignment may pair with others.
    """
    sides: dict[tuple[str, int], list[Side]] = {}
    for key, docs, index in (("L", left_docs, lkeys), ("R", right_docs, rkeys)):
        for para, doc in enumerate(docs):
            figures, dates = figure_spans(doc), date_spans(doc)
            bounds = (tuple(t.idx for t in doc), tuple(t.idx + len(t.text) for t in doc),
                      doc.text)
            sides[key, para] = [_side(para, s, index, figures, dates, bounds) for s in doc.sents]
    linked = {(k.left, k.right) for k in links}
    in_links = {("L", k.left) for k in links} | {("R", k.right) for k in links}
    embedded = [s for key in sorted(in_links) for s in sides[key]] if use_embeddings else []
    vectors = _sentence_vectors(embedded) if embedded else None
    # A sentence both articles print word for word states its fact the same way on both sides:
    # pairing it with some other sentence of the other side would report the article's own
    # neighbouring facts (or, compared with itself, two of its sentences) as a disagreement.
    texts = {id(s): normalise_span(s.sent.text) for group in sides.values() for s in group}
    copied = {texts[id(s)] for (k, _), group in sides.items() if k == "L" for s in group} & \
        {texts[id(s)] for (k, _), group in sides.items() if k == "R" for s in group}
    lefts = [s for (k, _), g in sides.items() if k == "L" for s in g if texts[id(s)] not in copied]
    rights = [s for (k, _), g in sides.items() if k == "R" for s in g
              if texts[id(s)] not in copied]
    out: list[SentencePair] = []
    for ls, rs, dice in _shared_content(lefts, rights, linked):
        if (ls.paragraph, rs.paragraph) in linked:
            cosine = _cosine(vectors, ls, rs)
            # Either shared content words or a close paraphrase state one fact.
            overlap = max(dice, (cosine - 0.6) / 0.4 * 0.5 + 0.2 if cosine >= 0.6 else 0.0)
            if overlap >= _PAIR_THRESHOLD:
                out.append(SentencePair(ls, rs, overlap, True))
        elif dice >= _UNLINKED_THRESHOLD:
            out.append(SentencePair(ls, rs, dice, False))
    return _without_echoes(out)


def _without_echoes(pairs: list[SentencePair]) -> list[SentencePair]:
    """The pairs that hold up against both sentences' best partners.

    A sentence that shares words with several of the other side's states its fact with the one
    it matches best; a much weaker partner of both of its sentences ("Garrard completed 28
    passes" / "Manning completed 17 passes", when each has a far closer sentence) is an echo of
    the story's wording, not the same fact told twice.
    """
    best = best_partners(pairs)
    return [p for p in pairs if p.overlap >= _RIVAL * min(
        best["L", id(p.left)].overlap, best["R", id(p.right)].overlap)]


def best_partners(pairs: Sequence[SentencePair]) -> dict[tuple[str, int], SentencePair]:
    """Each sentence's best-matched pair, keyed by its side ("L" or "R") and its `id`."""
    best: dict[tuple[str, int], SentencePair] = {}
    for p in pairs:
        for key in (("L", id(p.left)), ("R", id(p.right))):
            if key not in best or p.overlap > best[key].overlap:
                best[key] = p
    return best


def _shared_content(lefts: list[Side], rights: list[Side], linked: set[tuple[int, int]]
                    ) -> list[tuple[Side, Side, float]]:
    """Candidate sentence pairs with their Dice overlap of content lemmas.

    Every pair of linked paragraphs is a candidate (the embeddings may pair them without shared
    words); elsewhere only sentences sharing a few content words, found by an inverted index so
    the cost stays near-linear in sentences.
    """
    index: dict[str, list[int]] = {}
    by_paragraph: dict[int, list[int]] = {}
    for j, rs in enumerate(rights):
        by_paragraph.setdefault(rs.paragraph, []).append(j)
        for lemma in rs.content:
            index.setdefault(lemma, []).append(j)
    partners: dict[int, list[int]] = {}
    for left_para, right_para in linked:
        partners.setdefault(left_para, []).extend(by_paragraph.get(right_para, ()))
    out = []
    for ls in lefts:
        if not ls.content:
            continue
        shared: dict[int, int] = {}
        for lemma in ls.content:
            for j in index.get(lemma, ()):
                shared[j] = shared.get(j, 0) + 1
        for j in dict.fromkeys([*partners.get(ls.paragraph, ()),
                                *(j for j, n in shared.items() if n >= _MIN_SHARED)]):
            rs = rights[j]
            if rs.content:
                n = shared.get(j, 0)
                out.append((ls, rs, 2 * n / (len(ls.content) + len(rs.content))))
    return out


def _sentence_vectors(sides: list[Side]) -> dict[int, object] | None:
    # The same sentences alignment embedded: served from its per-process memo.
    from ..vectors import sentence_vectors

    if not sides:
        return None
    matrix = sentence_vectors([s.sent.text for s in sides])
    if matrix is None:
        return None
    return {id(s): row for s, row in zip(sides, matrix, strict=True)}


def _cosine(vectors: dict[int, object] | None, a: Side, b: Side) -> float:
    if vectors is None:
        return 0.0
    return float(vectors[id(a)] @ vectors[id(b)])  # type: ignore[operator]


def _side(paragraph: int, sent: SpacySpan, index: dict[int, list[tuple[int, int, str, str]]],
          figures: Sequence[Figure], dates: Sequence[tuple[int, int, DateValue]],
          bounds: tuple[tuple[int, ...], tuple[int, ...], str]) -> Side:
    keys = tuple(k for k in index.get(paragraph, ())
                 if sent.start_char <= k[0] and k[1] <= sent.end_char)
    side = Side(paragraph, sent, keys,
                 tuple(f for f in figures if sent.start <= f.start and f.end <= sent.end),
                 tuple(d for d in dates if sent.start <= d[0] and d[1] <= sent.end
                       and not _page_stamp(sent, d[0], d[1])),
                 _content(sent), *bounds)
    return side


# Words of a page's own time stamp ("Posted on ...", "UPDATED: Thursday, ...", "5:00 PM").
_STAMP_VERBS = frozenset({"post", "posted", "update", "updated", "modify", "modified"})
_STAMP_WORDS = _STAMP_VERBS | {"publish", "published", "edit", "edited"}
_CLOCK = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "est", "edt", "pst", "pdt", "et",
                    "bst", "cet", "last"})


def _page_stamp(sent: SpacySpan, start: int, end: int) -> bool:
    """Whether a date is the page's own stamp, not a day of the story: the date a post was
    posted or updated on ("posted in Accidents on Wednesday, September 18, 2013"; not "the
    company updated its forecast on Monday", which has an object), or a line that holds nothing
    but dates, clock times and stamp words ("Sunday, March 17, 2013 | 5:00 PM"). Two pages
    saved on two days are no divergence; "an interview published Sunday" is a day of the story."""
    from .facts import predicate_token

    verb = predicate_token(sent.doc, start, end)
    if verb.lower_ in _STAMP_VERBS and not any(
            c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and c.pos_ != "PROPN")
            for c in verb.children):
        return True
    words = [t for t in sent if t.is_alpha and not (start <= t.i < end)]
    bare = all(t.is_stop or t.lower_ in _STAMP_WORDS or t.lower_ in _CLOCK or t.ent_type_ in (
        "DATE", "TIME") for t in words)
    # a line with nothing but the date ("It was Tuesday.") may still be a fact: a stamp has a
    # clock time, a separator or a stamp word too
    return bare and any(CLOCK_TIME.fullmatch(t.text) or t.text == "|" or t.lower_ in _STAMP_WORDS
                        or t.lower_ in _CLOCK for t in sent)
