"""A lexical stand-in for the engine's compare, for tests that must not depend on its models."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from difflib import SequenceMatcher

from twofold.engine.load import load_article
from twofold.engine.model import (
    Anchor,
    Article,
    Comparison,
    Divergence,
    Entity,
    Link,
    Mention,
    Span,
)
from twofold.engine.worddiff import diff_paragraphs

_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text)]


def fake_compare(left: Article | str, right: Article | str, *,
                 cancelled: Callable[[], bool] | None = None,
                 progress: Callable[[str], None] | None = None) -> Comparison:
    """Link paragraphs whose words overlap, diff them with the engine's word diff."""
    left, right = _loaded(left), _loaded(right)
    links = []
    for lp in left.paragraphs:
        lw = _words(lp.text)
        for rp in right.paragraphs:
            score = SequenceMatcher(None, lw, _words(rp.text), autojunk=False).ratio()
            if score >= 0.35:
                kind = "verbatim" if score > 0.95 else "paraphrase" if score > 0.6 else "partial"
                # the whole paragraphs stand for their sentences (a story groups them)
                anchor = Anchor((0, len(lp.text)), (0, len(rp.text)), round(score, 3))
                links.append(Link(lp.id, rp.id, round(score, 3), kind,  # type: ignore[arg-type]
                                  diff_paragraphs(lp.text, rp.text), anchors=(anchor,)))
    return Comparison(left, right, tuple(links), _entities(left, right), _entities(right, left),
                      similarity=0.5)


def _loaded(article: Article | str) -> Article:
    return article if isinstance(article, Article) else load_article(article)


def _entities(article: Article, other: Article) -> tuple[Entity, ...]:
    out = []
    for name, label in (("Niger", "GPE"), ("United States", "GPE"), ("Bazoum", "PERSON")):
        mentions = tuple(Mention(p.id, m.start(), m.end()) for p in article.paragraphs
                         for m in re.finditer(rf"\b{name}\b", p.text))
        if mentions:
            shared = any(name in p.text for p in other.paragraphs)
            out.append(Entity(name.lower(), label, name, (name,), mentions,  # type: ignore[arg-type]
                              shared))
    return tuple(out)


def spans_of(article: Article, paragraph: int, word_index: int = 0, words: int = 2) -> Span:
    """A span over `words` words of a paragraph, starting at its `word_index`-th word."""
    text = article.paragraphs[paragraph].text
    found = list(re.finditer(r"\S+", text))
    first = found[min(word_index, len(found) - 1)]
    last = found[min(word_index + words - 1, len(found) - 1)]
    return Span(paragraph, first.start(), last.end(), text[first.start():last.end()])


def fake_compare_with_divergences(left: Article | str, right: Article | str, *,
                                  cancelled: Callable[[], bool] | None = None,
                                  progress: Callable[[str], None] | None = None) -> Comparison:
    """The lexical stand-in plus three divergences far apart (last vs first paragraphs)."""
    c = fake_compare(left, right)
    left, right = c.left, c.right
    last_l, last_r = len(left.paragraphs) - 1, len(right.paragraphs) - 1
    divergences = (
        Divergence("number", spans_of(left, last_l, 1), spans_of(right, 0, 0), "Count differs",
                   2),
        Divergence("spelling", spans_of(left, 0, 2), spans_of(right, last_r, 2),
                   "Name spelled differently", 1),
        Divergence("date", spans_of(left, last_l // 2, 0, 1), spans_of(right, last_r // 2, 3, 1),
                   "Day differs", 0),
    )
    return replace(c, divergences=divergences)


def fake_compare_with_a_less_certain_divergence(
        left: Article | str, right: Article | str, *,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[str], None] | None = None) -> Comparison:
    """The three divergences above, and a fourth from sentences that only partly match."""
    c = fake_compare_with_divergences(left, right)
    doubtful = Divergence("number", spans_of(c.left, 1, 3), spans_of(c.right, 1, 4),
                          "Yards differ (two players?)", 1, 0.6)
    return replace(c, divergences=(*c.divergences, doubtful))
