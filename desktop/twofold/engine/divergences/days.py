"""Days and hours the date rules of `facts.py` cannot reach on their own.

Three kinds: the time of day of one happening ("today at 11am" / "Tuesday afternoon"); the day
one actor does something in a sentence that dates several actors ("the Senate on Wednesday,
followed by the House on Thursday" / "the House voted on Wednesday"), where one day in common
must not settle the other; and relative days ("today", "yesterday") read against the day the
article states it was published, so that they compare with weekdays and calendar dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..entities.figures import WEEKDAYS, DateValue
from ..model import Divergence
from .spans import phrase_root, tok_span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .pairs import SentencePair, Side

Dated = tuple[int, int, DateValue]
_LONE_OVERLAP = 0.3  # as in facts.py: sentence overlap before lone items are taken as one fact
# Hours (from, to) each part of the day spans; "night" runs past midnight. "Morning" is every
# a.m. hour: "early Tuesday morning" is how news tells 2 a.m.
_PARTS = {"morning": (0.0, 12.0), "afternoon": (12.0, 18.0), "evening": (17.0, 22.0),
          "night": (19.0, 29.0), "tonight": (19.0, 29.0), "overnight": (22.0, 30.0),
          "noon": (12.0, 12.5), "midday": (11.5, 13.0), "midnight": (23.5, 24.5)}
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def resolved(value: DateValue, published: date | None) -> DateValue:
    """A relative day fixed on the calendar by the day the article was published."""
    if published is None or value.relative not in _DAY_OFFSETS:
        return value
    day = published + timedelta(days=_DAY_OFFSETS[value.relative])
    return DateValue(day.year, day.month, day.day, WEEKDAYS[day.weekday()][:3])


def hours(text: str) -> tuple[float, float] | None:
    """The hours a time of day allows: "11am" is 11..12, "afternoon" 12..18; None if none."""
    clock = _CLOCK.search(text)
    if clock:
        hour = int(clock.group(1)) % 12 + (12 if clock.group(3).lower() == "p" else 0)
        start = hour + int(clock.group(2) or 0) / 60
        return start, start + 1.0
    found = [_PARTS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _PARTS]
    return found[0] if len(found) == 1 else None


def _times(side: Side) -> list[tuple[int, int, tuple[float, float]]]:
    """The times of day a sentence gives: a date with its part of day, or a TIME entity."""
    doc = side.sent.doc
    out: list[tuple[int, int, tuple[float, float]]] = []
    for ent in doc.ents:
        if ent.label_ not in ("TIME", "DATE") or not (side.sent.start <= ent.start
                                                     and ent.end <= side.sent.end):
            continue
        start, end = ent.start, ent.end
        if end < side.sent.end and doc[end].lower_ in _PARTS:
            end += 1  # "Saturday" + "evening"
        if end < side.sent.end and doc[end].lower_ in ("am", "pm", "a.m.", "p.m."):
            end += 1  # "11" + "am", parsed apart
        found = hours(doc[start:end].text)
        if found and not any(s <= start < e for s, e, _ in out):
            out.append((start, end, found))
    return out


def time_of_day(pair: SentencePair) -> list[Divergence]:
    """The one time of day each of two sentences that state one fact gives one happening."""
    from .facts import happening

    if pair.overlap < _LONE_OVERLAP:
        return []
    lt, rt = _times(pair.left), _times(pair.right)
    if len(lt) != 1 or len(rt) != 1:
        return []
    (ls_, le, (llo, lhi)), (rs_, re_, (rlo, rhi)) = lt[0], rt[0]
    if llo < rhi and rlo < lhi:
        return []  # the hours agree ("noon" is in the "afternoon")
    lverbs, lsubject, lparts = happening(pair.left, ls_, le)
    rverbs, rsubject, rparts = happening(pair.right, rs_, re_)
    same_doer = bool(lsubject & rparts or rsubject & lparts)
    if not lverbs & rverbs or (lsubject and rsubject and not same_doer):
        return []
    ls, rs = tok_span(pair.left, ls_, le), tok_span(pair.right, rs_, re_)
    confidence = min(0.3 + 0.6 * pair.overlap + 0.1 * same_doer, 0.8)
    return [Divergence("date", ls, rs, f"The time of day differs: {ls.text} vs {rs.text}", 1,
                       round(confidence, 2))]


# -- the day of each actor ----------------------------------------------------------------------

_BODY_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE"})


def _doer(side: Side, start: int, end: int) -> str | None:
    """The entity key of who does what a date dates: the subject or agent of the verb above it,
    or the body it happens in ("to begin in the Senate on Wednesday")."""
    doc = side.sent.doc
    tok = phrase_root(doc, start, end)
    while tok.head.i != tok.i and tok.pos_ != "VERB":
        tok = tok.head
    if tok.pos_ != "VERB":
        return None
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            found.append(child)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "in"):
            found += [c for c in child.children if c.dep_ == "pobj"]
    keys = {_key(side, t) for t in found} - {None}
    return keys.pop() if len(keys) == 1 else None


def _key(side: Side, tok: Token) -> str | None:
    """The entity key of a person or body mentioned at one token."""
    for start, end, key, label in side.keys:
        if label in _BODY_LABELS and start <= tok.idx < end:
            return key
    return None


def actor_dates(pair: SentencePair) -> list[Divergence]:
    """The day one actor does it, in sentences that date several actors' parts of one fact.

    A sentence that gives each actor their own day ("the Senate on Wednesday, followed by the
    House on Thursday") settles no day by sharing it with the other sentence: the days are
    compared actor by actor.
    """
    from .facts import date_divergence

    if pair.overlap < _LONE_OVERLAP:
        return []
    by_actor: list[dict[str, list[Dated]]] = []
    for side in (pair.left, pair.right):
        actors: dict[str, list[Dated]] = {}
        for d in side.dates:
            key = _doer(side, d[0], d[1])
            if key is not None:
                actors.setdefault(key, []).append(d)
        by_actor.append(actors)
    left, right = by_actor
    if max(len(left), len(right)) < 2:
        return []  # one actor a side: the lone-date rule of facts.py decides
    out = []
    for key in left.keys() & right.keys():
        if len(left[key]) == 1 and len(right[key]) == 1:
            # as a lone date whose doers agree (facts.lone_dates): here they agree by design
            found = date_divergence(pair, left[key][0], right[key][0],
                                    min(0.4 + 0.6 * pair.overlap, 0.8))
            out += [found] if found else []
    return out
