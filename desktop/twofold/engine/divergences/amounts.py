"""Figures of a sentence as amounts: value, the range they allow, what they count or size.

"more than 30" allows 30..inf, "about 650" 585..715 (a round figure is an estimate too), "2,000
to 3,000" 2,000..3,000. A bare number counts the noun it modifies ("the two U.S. Capitol Police
officers"); a number joined to its unit sizes a thing ("a 41-yard pass"); a score ("a 24-14
deficit") is no amount at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..entities.figures import (
    FRACTIONS,
    RATIO,
    SCORE,
    _number,
    hyphen_joined,
    number_range,
    singular,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .pairs import Side

_ABOVE = frozenset({"more", "over", "least", "upwards", "exceeding", "plus", "above"})
_BELOW = frozenset({"less", "fewer", "under", "nearly", "almost", "below", "up"})
_ABOUT = frozenset({"about", "approximately", "around", "some", "roughly", "estimated", "an",
                    "close", "almost", "nearly"})
# A figure of "other" or "more" things counts another set than the bare figure does.
ANOTHER_SET = frozenset({"other", "another", "additional", "more", "new", "extra", "further"})
# So does a figure of things placed in a series: "his first 17 passes" of 34, "one final
# chance" of several. Words of one place in the series share a key ("last", "final").
IN_SERIES = {"first": "first", "opening": "first", "initial": "first", "last": "last",
             "final": "last", "closing": "last", "next": "next", "remaining": "remaining",
             "previous": "previous", "past": "previous", "straight": "straight",
             "consecutive": "straight"}
_ODDS = 0.1  # relative precision of a share given as odds ("one in three")


@dataclass(frozen=True, slots=True)
class Amount:
    """A figure in a sentence: its tokens, kind, value and the range it allows."""

    start: int
    end: int
    label: str
    value: float
    low: float
    high: float
    noun: str
    sizes: str = ""  # the noun a figure joined to its unit describes ("pass" of "a 41-yard pass")

    @property
    def exact(self) -> bool:
        return self.low == self.high


def amounts(side: Side) -> list[Amount]:
    """The figures of a sentence with their values; bare numbers too (a vote of 134 to 63)."""
    doc = side.sent.doc
    out = []
    taken: set[int] = set()
    for f in side.figures:
        value = figure_value(f.key)
        if value is None:
            continue
        words = [t.lower_ for t in doc[f.start:f.end]]
        amount = _ranged(f.start, f.end, f.label, value, f.noun, words)
        if f.key.endswith("-" + RATIO):  # odds are round: "one in three" is also "33 percent"
            amount = replace(amount, low=value * (1 - _ODDS), high=value * (1 + _ODDS))
        out.append(amount)
        taken.update(range(f.start, f.end))
    dated = {i for s, e, _ in side.dates for i in range(s, e)}
    for tok in side.sent:
        if tok.i in taken or tok.i in dated or not tok.like_num or tok.ent_type_ in (
                "DATE", "TIME", "ORDINAL"):
            continue
        value = _number(tok.text)
        if value is None or (tok.text.isdigit() and len(tok.text) == 4 and 1800 < value < 2100):
            continue
        if value == 1 and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            continue  # "one of his deputies" picks a person out, it counts nothing
        sizes = _sized(tok)
        if hyphen_joined(tok, fractions=False) and not sizes:
            continue  # "a 24-14 deficit" is a score
        start = tok.i
        while start > side.sent.start and doc[start - 1].lower_ in _ABOVE | _BELOW | _ABOUT | {
                "than", "at", "to"}:
            start -= 1
        # "the two U.S. Capitol Police officers": a count of the noun the number modifies
        head = tok.head
        counted = tok.dep_ == "nummod" and head.i > tok.i and head.pos_ in ("NOUN", "PROPN")
        noun = singular(head.text) if counted else _partitive(tok)
        amount = _ranged(start, tok.i + 1, "QUANTITY" if noun else "CARDINAL", value, noun,
                         [t.lower_ for t in doc[start:tok.i + 1]])
        out.append(replace(amount, sizes=sizes))
    return out


def numbered(tok: Token) -> bool:
    """A number that names its thing's place in a list ("the No. 5 seed", "No. 1 pick", "#3"):
    a rank, which counts nothing."""
    doc, i = tok.doc, tok.i
    if tok.is_sent_start:
        return False
    before = doc[i - 1].lower_
    if before == "." and i > 1 and not doc[i - 2].whitespace_:  # "No" "." split by the tokenizer
        before = doc[i - 2].lower_ + "."
    return before in ("no.", "nos.", "#") or (
        before == "number" and i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN"))


def _sized(tok: Token) -> str:
    """The noun a number joined to its unit describes: "pass" of "a 41-yard touchdown pass",
    "oath" of "the 35-word oath" (a size of that thing, not a count of yards or words)."""
    doc, unit = tok.doc, tok.head
    if not (tok.dep_ == "nummod" and unit.i == tok.i + 2 and doc[tok.i + 1].text in ("-", "–")
            and not tok.whitespace_ and unit.dep_ in ("compound", "amod", "nmod", "npadvmod")
            and unit.lower_ not in FRACTIONS):  # "a two-thirds majority" is a share of it
        return ""
    thing = unit.head
    return thing.lemma_.lower() if thing.i > unit.i and thing.pos_ == "NOUN" else ""


def _partitive(tok: Token) -> str:
    """The noun a bare number counts through "of": "two (more) of the devices" -> "device"."""
    doc, i = tok.doc, tok.i + 1
    if i < len(doc) and doc[i].lower_ in ANOTHER_SET:
        i += 1
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return ""
    noun = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    if noun is None or noun.pos_ != "NOUN" or not any(
            c.lower_ in ("the", "these", "those") or c.dep_ == "poss" for c in noun.children):
        return ""  # "one of them", "two of three": no counted thing named
    return singular(noun.text)


def figure_value(key: str) -> float | None:
    """The number in a figure's comparison key ("money:4000000-usd": 4000000.0); None for a
    score, which is two numbers ("score:31-24-victory")."""
    kind, rest = key.split(":", 1)
    if kind == SCORE:
        return None
    number = rest.split("-", 1)[0]
    try:
        return float(number)
    except ValueError:
        return None


def _ranged(start: int, end: int, label: str, value: float, noun: str,
            words: list[str]) -> Amount:
    """The range a figure allows: "more than 30" is 30..inf, "about 650" is 585..715, "20-25"
    is 20..25."""
    low = high = value
    ends = number_range(words)
    if ends is not None:
        low, high = ends  # "2,000 to 3,000", "20-25"
    elif _ABOVE & set(words) or any(w.endswith("-plus") for w in words):
        high = math.inf
    elif {"nearly", "almost"} & set(words):
        low = value * 0.85
    elif _BELOW & set(words):
        low = 0.0
    elif _ABOUT & set(words) or (value >= 100 and value % 100 == 0):
        low, high = value * 0.85, value * 1.15  # a round figure is an estimate too
    return Amount(start, end, label, value, low, high, noun)
