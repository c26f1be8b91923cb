"""When the facts two figures or two acts state happened: in which year, in which stretch.

Figures (and acts) of one fact happen at one time. A figure takes the dates of the happening it
counts, and the stretch of the event it is said of ("in the first half"); two figures of
happenings dated in two years, or of two stretches, or a running total against a count of what
happened, are two facts, not one told two ways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .amounts import Amount
from .lexicon import STRETCHES
from .spans import phrase_root

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..entities.figures import DateValue
    from .pairs import SentencePair, Side


def other_times(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """The figures count what happened at two times: in two stretches of one event, or in one
    stretch and the whole ("23 points" / "five points during a 15-2 run"); or in two years the
    sentences tell apart ("killing four people on Sunday" / "the tsunami that killed 168,000
    people in 2004"; "Oct. 10, 2002" / "in 2004"): a day of the week is this week's."""
    if _stretch(pair.left, a) != _stretch(pair.right, b):
        return True  # "23 points" in a game / "five points during a pivotal 15-2 run"
    if _tally_and_event(_verb_of(pair.left, a), _verb_of(pair.right, b)):
        return True  # "He has 53 catches" (so far) / "He wound up with eight catches"
    return dated_apart(pair, (a.start, a.end), (b.start, b.end))


def _verb_of(side: Side, a: Amount) -> Token | None:
    """The verb of the happening a figure counts, past a participle used as a preposition
    ("threw for 364 yards, including three touchdowns")."""
    verb = _verb_of_phrase(side.sent.doc, a.start, a.end)
    while verb is not None and verb.dep_ == "prep":
        verb = _verb_above(verb)
    return verb


def _tally_and_event(x: Token | None, y: Token | None) -> bool:
    """One figure is a running total someone has now ("He has 53 catches for 605 yards"), the
    other a count of what happened ("caught eight passes", "wound up with eight catches"): two
    facts. A total had then ("had 450 employees") is the same fact told at another time."""
    if x is None or y is None:
        return False
    now = [v for v in (x, y) if v.lemma_ == "have" and v.tag_ in ("VBZ", "VBP")]
    then = [v for v in (x, y) if v.lemma_ != "have" and _past(v)]
    return len(now) == 1 and len(then) == 1


def _past(verb: Token) -> bool:
    """A verb in the simple past; a main verb without auxiliaries tagged as a participle is one
    too ("Garrard, who rushed for a score, finished with 28-of-41")."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children))


def dated_apart(pair: SentencePair, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether what two phrases (doc token ranges) take part in happened in two years: "in
    2004" / "on Sunday", "Oct. 10, 2002" / "in 2004"."""
    la, lb = _when(pair.left, *left), _when(pair.right, *right)
    return bool(la and lb) and all(_apart(x, y) for x in la for y in lb)


def _stretch(side: Side, a: Amount) -> str:
    """The stretch of the event a figure is said of ("in the first half", "during a 15-2 run"),
    as its words, or "" for a figure of the whole."""
    doc = side.sent.doc
    root = phrase_root(doc, a.start, a.end)
    verb = _verb_above(root)
    for head in (root, verb):
        for prep in head.children if head is not None else ():
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "over", "within"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in STRETCHES:
                    return " ".join(t.lower_ for t in noun.subtree if t.pos_ != "DET")
    return ""


def _when(side: Side, start: int, end: int) -> list[DateValue]:
    """The dates of the happening a phrase takes part in (a figure counts, a verb tells): those
    of its verb, or of the nearest verb above it that has any, climbing only through clauses
    that share its time ("rocked the city on Sunday, killing four people"), not out of a
    relative, reported or subordinate one ("the quakes that hit in 2002", "days after a quake
    killed one person")."""
    doc = side.sent.doc
    dated: dict[int, list[DateValue]] = {}
    for s, e, d in side.dates:
        above = _verb_above(phrase_root(doc, s, e))
        if above is not None:
            dated.setdefault(above.i, []).append(d)
    verb = _verb_of_phrase(doc, start, end)
    while verb is not None and verb.i not in dated and _at_heads_time(verb):
        verb = _verb_above(verb)
    return dated.get(verb.i, []) if verb is not None else []


def _at_heads_time(verb: Token) -> bool:
    """A clause done at the time of the verb above: "killing four people", "and injured
    dozens"; not one a conjunction sets at another time ("days after a quake killed one")."""
    return verb.dep_ in ("conj", "xcomp") or (
        verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children))


def _verb_of_phrase(doc: Doc, start: int, end: int) -> Token | None:
    """The phrase's own verb when it is one, else the nearest verb above it."""
    root = phrase_root(doc, start, end)
    return root if root.pos_ in ("VERB", "AUX") and root.dep_ != "aux" else _verb_above(root)


def _verb_above(tok: Token) -> Token | None:
    """The nearest verb above a token, or None past the root."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux":
            return tok
    return None


def _apart(x: DateValue, y: DateValue) -> bool:
    """Two dates in two years: years set differently, or a past year against a day or week of
    the news (which a report writes without its year). Two days of one week are one happening
    told two ways ("walked out on Monday" / "on Tuesday"): its date and count both differ."""
    if x.year and y.year:
        return x.year != y.year
    lone_year = [v for v in (x, y) if v.year and not (v.month or v.weekday or v.relative)]
    recent = [v for v in (x, y) if (v.weekday or v.relative) and not v.year]
    return bool(lone_year and recent)
