"""Planted divergences: one fact both articles state alike, changed in one of them.

Two sentences of a BASIL pair that state the same thing in similar words (Dice overlap of their
content words, independent of the engine) and share an item: a figure, a day or month, a person's
name, the title before that name, or the person who "said" it. The item is changed in the right
article only (a figure multiplied, another weekday or month, one letter of the surname, another
title, another person of that article as the speaker), seeded, in memory: no text is written.
A planted change is found when a reported divergence covers the original item on the left and
the changed one on the right (same paragraphs, overlapping characters).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("figure", "date", "name", "title", "speaker")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred")
# Titles written before a name, and a different role to plant in their place.
_TITLES = {"Sen.": "Rep.", "Rep.": "Sen.", "Senator": "Representative",
           "Representative": "Senator", "Gov.": "Sen.", "Governor": "Senator",
           "President": "Governor", "Secretary": "Director", "Director": "Secretary",
           "Mayor": "Governor", "Speaker": "Senator", "Judge": "Senator", "Justice": "Judge",
           "Attorney": "Senator", "Chairman": "Senator", "Leader": "Whip"}
_REPORTING = frozenset({"say", "tell", "write", "add", "argue", "note", "tweet", "state",
                        "announce", "insist", "explain", "warn", "claim", "declare"})
_SIMILAR = 0.3  # Dice overlap of content words for two sentences to state alike


@dataclass(frozen=True, slots=True)
class Plant:
    """One planted change: where the item sits on the left, and the right paragraph's new text."""

    cluster: str
    a: str
    b: str
    kind: str
    left: tuple[int, int, int]  # paragraph, start, end of the original item
    right: tuple[int, int, int]  # paragraph, start, end of the changed item (in the new text)
    new_text: str  # the right paragraph after the change
    before: str
    after: str


def _content(sent: object) -> set[str]:
    return {t.lower_ for t in sent if t.is_alpha and not t.is_stop}  # type: ignore[attr-defined]


def similar_sentences(ldocs: tuple, rdocs: tuple) -> Iterator[tuple[int, object, int, object]]:
    """(left paragraph, sentence, right paragraph, sentence) stating alike."""
    rsents = [(j, s, _content(s)) for j, doc in enumerate(rdocs) for s in doc.sents]
    for i, doc in enumerate(ldocs):
        for ls in doc.sents:
            lc = _content(ls)
            if len(lc) < 4:
                continue
            for j, rs, rc in rsents:
                if len(rc) >= 4 and 2 * len(lc & rc) / (len(lc) + len(rc)) >= _SIMILAR:
                    yield i, ls, j, rs


def candidates(cluster: str, a: str, b: str, ldocs: tuple, rdocs: tuple,
               rng: random.Random) -> list[Plant]:
    """Every change that can be planted in this pair, at most one per sentence pair and kind."""
    out: list[Plant] = []
    people = sorted({e.text for doc in rdocs for e in doc.ents if e.label_ == "PERSON"
                     and len(e) >= 2})
    for i, ls, j, rs in similar_sentences(ldocs, rdocs):
        for kind, finder in _FINDERS.items():
            found = finder(ls, rs, rng, people)
            if found is not None:
                (lstart, lend), (rstart, rend), new = found
                text = rs.doc.text
                out.append(Plant(cluster, a, b, kind, (i, lstart, lend),
                                 (j, rstart, rstart + len(new)),
                                 text[:rstart] + new + text[rend:], text[rstart:rend], new))
    return out


Found = tuple[tuple[int, int], tuple[int, int], str] | None


def _shared_tokens(ls: object, rs: object, test: object) -> list[tuple[object, object]]:
    """Tokens with the same text in both sentences that pass `test`."""
    right = {}
    for t in rs:  # type: ignore[attr-defined]
        right.setdefault(t.text, t)
    return [(t, right[t.text]) for t in ls if test(t) and t.text in right  # type: ignore
            and test(right[t.text])]  # type: ignore[operator]


def _figure(ls: object, rs: object, rng: random.Random, people: list[str]) -> Found:
    def is_figure(t: object) -> bool:
        text = t.text  # type: ignore[attr-defined]
        if t.ent_type_ in ("DATE", "TIME", "ORDINAL"):  # type: ignore[attr-defined]
            return False
        if re.fullmatch(r"\d[\d,]*(\.\d+)?", text):
            return not re.fullmatch(r"(19|20)\d\d", text) and text not in ("0", "1")
        return text.lower() in _NUMBER_WORDS
    pairs = _shared_tokens(ls, rs, is_figure)
    if not pairs:
        return None
    lt, rt = pairs[0]
    return _tok(lt), _tok(rt), _other_number(rt.text, rng)  # type: ignore[attr-defined]


def _other_number(text: str, rng: random.Random) -> str:
    if text.lower() in _NUMBER_WORDS:
        choice = rng.choice([w for w in _NUMBER_WORDS if w != text.lower()])
        return choice.capitalize() if text[:1].isupper() else choice
    digits = text.replace(",", "")
    value = float(digits)
    new = value * rng.choice((2, 3, 0.5)) if value > 3 else value + rng.choice((2, 3, 5))
    if "." in digits:
        return f"{new:.{len(digits.split('.')[1])}f}"
    new_int = round(new)
    if new_int == int(value):
        new_int += 1
    return f"{new_int:,}" if "," in text else str(new_int)


def _date(ls: object, rs: object, rng: random.Random, people: list[str]) -> Found:
    def is_date(t: object) -> bool:
        return t.text in _WEEKDAYS or (t.text in _MONTHS and t.ent_type_ == "DATE")  # type: ignore
    pairs = _shared_tokens(ls, rs, is_date)
    if not pairs:
        return None
    lt, rt = pairs[0]
    pool = _WEEKDAYS if rt.text in _WEEKDAYS else _MONTHS  # type: ignore[attr-defined]
    return _tok(lt), _tok(rt), rng.choice([w for w in pool if w != rt.text])  # type: ignore


def _persons(sent: object) -> dict[str, object]:
    return {e.text: e for e in sent.ents if e.label_ == "PERSON"  # type: ignore[attr-defined]
            and all(t.is_alpha or t.text.endswith(".") for t in e)}


def _name(ls: object, rs: object, rng: random.Random, people: list[str]) -> Found:
    lp, rp = _persons(ls), _persons(rs)
    shared = [n for n in lp if n in rp]
    if not shared:
        return None
    le, re_ = lp[shared[0]], rp[shared[0]]
    surname = re_[-1]  # type: ignore[index]
    word = surname.text
    if len(word) < 4:
        return None
    k = rng.randrange(1, len(word) - 1)
    letter = rng.choice([c for c in "aeiourlnst" if c != word[k].lower()])
    new = word[:k] + letter + word[k + 1:]
    return _span(le), (surname.idx, surname.idx + len(word)), new  # type: ignore[attr-defined]


def _title(ls: object, rs: object, rng: random.Random, people: list[str]) -> Found:
    lp, rp = _persons(ls), _persons(rs)
    for name in (n for n in lp if n in rp):
        le, re_ = lp[name], rp[name]
        if le.start == 0 or re_.start == 0:  # type: ignore[attr-defined]
            continue
        lt, rt = le.doc[le.start - 1], re_.doc[re_.start - 1]  # type: ignore[attr-defined]
        if lt.text == rt.text and rt.text in _TITLES:
            return (lt.idx, _span(le)[1]), _tok(rt), _TITLES[rt.text]
    return None


def _speaker(ls: object, rs: object, rng: random.Random, people: list[str]) -> Found:
    lp, rp = _persons(ls), _persons(rs)
    for name in (n for n in lp if n in rp):
        le, re_ = lp[name], rp[name]
        if _says(le) and _says(re_):
            surname = name.split()[-1]
            others = [p for p in people if surname not in p and p.split()[-1] not in name]
            if not others:
                return None
            return _span(le), _span(re_), rng.choice(others)
    return None


def _says(ent: object) -> bool:
    """The person is the subject of a reporting verb ("..., Smith said")."""
    root = ent.root  # type: ignore[attr-defined]
    return root.dep_ == "nsubj" and root.head.lemma_ in _REPORTING


def _tok(t: object) -> tuple[int, int]:
    return t.idx, t.idx + len(t.text)  # type: ignore[attr-defined]


def _span(e: object) -> tuple[int, int]:
    return e.start_char, e.end_char  # type: ignore[attr-defined]


_FINDERS = {"figure": _figure, "date": _date, "name": _name, "title": _title,
            "speaker": _speaker}


def choose(found: list[Plant], per_kind: int, rng: random.Random) -> list[Plant]:
    """Up to `per_kind` plants of each kind, spread over events, one per sentence pair."""
    out: list[Plant] = []
    for kind in KINDS:
        pool = [p for p in found if p.kind == kind]
        rng.shuffle(pool)
        taken: list[Plant] = []
        events: dict[str, int] = {}
        for rounds in range(1, 4):  # first one per event, then two, then three
            for p in pool:
                if len(taken) >= per_kind:
                    break
                if p in taken or events.get(p.cluster, 0) >= rounds or any(
                        (t.cluster, t.b, t.right[0]) == (p.cluster, p.b, p.right[0])
                        for t in taken):
                    continue
                taken.append(p)
                events[p.cluster] = events.get(p.cluster, 0) + 1
        out += taken
    return out
