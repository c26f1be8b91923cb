"""A lexical stand-in for the engine's compare, for tests that must not depend on its models."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from twofold.engine.model import Article, Comparison, Entity, Link, Mention
from twofold.engine.worddiff import diff_paragraphs

_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text)]


def fake_compare(left: Article, right: Article) -> Comparison:
    """Link paragraphs whose words overlap, diff them with the engine's word diff."""
    links = []
    for lp in left.paragraphs:
        lw = _words(lp.text)
        for rp in right.paragraphs:
            score = SequenceMatcher(None, lw, _words(rp.text), autojunk=False).ratio()
            if score >= 0.35:
                kind = "verbatim" if score > 0.95 else "paraphrase" if score > 0.6 else "partial"
                links.append(Link(lp.id, rp.id, round(score, 3), kind,  # type: ignore[arg-type]
                                  diff_paragraphs(lp.text, rp.text)))
    return Comparison(left, right, tuple(links), _entities(left, right), _entities(right, left),
                      similarity=0.5)


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
