"""Sentences as sets of comparable terms (content lemmas, names, numbers) for alignment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}(?!\d))")
_EDGE_PUNCT = "'’‘\"“”.,;:()[]-–—"
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate((
        "zero", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "eleven", "twelve",
    ))
}
# Inflections the lemmatiser misses in Title Case headlines ("Cancels", "Breaks").
_SUFFIXES = ("s", "es", "ed", "d", "ing")
_FUZZY_MIN_LENGTH = 5
_FUZZY_MIN_RATIO = 90.0  # "Mahaman"/"Mahamane", "neighbouring"/"neighboring"; not "Niger"/"Nigeria"


@dataclass(slots=True)
class Sentence:
    """One sentence: its paragraph, its text and its terms (rewritten by `unify_vocabulary`)."""

    paragraph: int
    text: str
    terms: frozenset[str] = field(default_factory=frozenset)
    start: int = 0  # character offsets in the paragraph
    end: int = 0
    names: frozenset[str] = frozenset()  # the terms written here as a name (proper noun, entity)


def sentences_of(docs: Sequence[Doc]) -> list[Sentence]:
    """The sentences of an article's paragraph Docs, in order."""
    out: list[Sentence] = []
    for index, doc in enumerate(docs):
        for sent in _sents(doc):
            found = [(term_of(tok), _is_name(tok)) for tok in sent]
            terms = frozenset(t for t, _ in found if t)
            names = frozenset(t for t, name in found if t and name and not t[:1].isdigit())
            out.append(Sentence(index, sent.text, terms, sent.start_char, sent.end_char, names))
    return out


def sentence_texts(doc: Doc) -> list[str]:
    """The texts of one paragraph's sentences, as `sentences_of` gives them (what is embedded)."""
    return [sent.text for sent in _sents(doc)]


def _sents(doc: Doc) -> list[Span]:
    """The sentences of one paragraph Doc that hold more than white space."""
    try:
        sents = list(doc.sents)
    except ValueError:  # a Doc without sentence boundaries (no parser) is one sentence
        sents = [doc[:]]
    return [sent for sent in sents if sent.text.strip()]


def _is_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or bool(tok.ent_type_)


def name_terms(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Terms written as names in most of the sentences that use them.

    A majority, not any use: Title Case headlines tag ordinary verbs as proper nouns.
    """
    from collections import Counter

    used = Counter(t for s in sentences for t in s.terms)
    named = Counter(t for s in sentences for t in s.names)
    return frozenset(t for t, n in named.items() if 2 * n > used[t])


def term_of(tok: Token) -> str | None:
    """The comparable form of a token: a normalised number or a content lemma; else None."""
    if tok.is_punct or tok.is_space:
        return None
    text = tok.text.strip(_EDGE_PUNCT)
    if _DIGIT.search(text):
        return _THOUSANDS.sub("", text).lower()
    lower = text.lower()
    if lower in _NUMBER_WORDS:
        return _NUMBER_WORDS[lower]
    if tok.pos_ not in _CONTENT_POS or (tok.is_stop and tok.pos_ != "PROPN"):
        return None
    # "U.S." and "US" are one name; quotes and apostrophes are not part of a word.
    lemma = tok.lemma_.lower().replace(".", "").strip(_EDGE_PUNCT)
    return lemma if len(lemma) > 1 else None


def unify_vocabulary(left: list[Sentence], right: list[Sentence]) -> None:
    """Give inflected and near-identically spelled variants one term, in place."""
    vocab = set().union(*(s.terms for s in left), *(s.terms for s in right))
    canon = _fold_suffixes(vocab)
    left_vocab = {canon.get(t, t) for s in left for t in s.terms}
    right_vocab = {canon.get(t, t) for s in right for t in s.terms}
    canon.update(_near_spellings(left_vocab - right_vocab, right_vocab - left_vocab))
    if not canon:
        return
    for s in (*left, *right):
        s.terms = frozenset(_resolve(canon, t) for t in s.terms)
        s.names = frozenset(_resolve(canon, t) for t in s.names)


def _resolve(canon: dict[str, str], term: str) -> str:
    seen = 0
    while term in canon and seen < 4:  # chains like "cancels" -> "cancel" are short
        term = canon[term]
        seen += 1
    return term


def _fold_suffixes(vocab: set[str]) -> dict[str, str]:
    canon: dict[str, str] = {}
    for term in vocab:
        if term[:1].isdigit() or len(term) < 4:
            continue
        for suffix in _SUFFIXES:
            stem = term[: -len(suffix)]
            if term.endswith(suffix) and len(stem) >= 3 and stem in vocab:
                canon[term] = stem
                break
    return canon


def _near_spellings(only_left: set[str], only_right: set[str]) -> dict[str, str]:
    """Map spelling variants found on one side only to a shared form (the smaller string)."""
    from rapidfuzz import fuzz, process

    def groups(terms: set[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for t in sorted(terms):
            if len(t) >= _FUZZY_MIN_LENGTH and not t[:1].isdigit():
                out.setdefault(t[0], []).append(t)
        return out

    canon: dict[str, str] = {}
    rights = groups(only_right)
    # Variants nearly always share their first letter; grouping keeps this near-linear.
    for first, lefts in groups(only_left).items():
        candidates = rights.get(first)
        if not candidates:
            continue
        scores = process.cdist(lefts, candidates, scorer=fuzz.ratio,
                               score_cutoff=_FUZZY_MIN_RATIO, workers=1)
        for li, ri in zip(*scores.nonzero(), strict=True):
            a, b = lefts[li], candidates[ri]
            if b not in canon and a not in canon:
                canon[max(a, b)] = min(a, b)
    return canon


@lru_cache(maxsize=65536)
def zipf(term: str) -> float:
    """Zipf frequency of a term in English (0 for unknown words)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(term, "en"))
