"""Figures and dates: the same count, amount, share or day given differently for one fact.

Two kinds of evidence say two figures (or dates) state one fact. The strong one is a parallel
slot: the sentences say the same thing in the same words around the two items. The weaker one
holds in paraphrase: the figures count the same thing (the same noun, or for money and shares
the same words around them) and are the only such figures in two sentences that share most of
their content; a date must then date the same happening (the same verb). Consistent figures of
different precision ("more than 5,000" and "5,200") are [low]; a clear conflict of exact
figures in a parallel slot is [high].
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..entities.figures import DateValue
from ..model import Divergence
from .amounts import ANOTHER_SET, IN_SERIES, Amount, numbered
from .lexicon import ACTION_CLASSES, REPORTING_VERBS
from .slots import Slot
from .spans import phrase_root, tok_span
from .times import other_times
from .units import converted, measure, same_converted

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .pairs import SentencePair, Side

_LONE_OVERLAP = 0.3  # sentence overlap before the lone figures of a kind are taken as one
_SAME_SENTENCE = 0.5  # sentence overlap past which two sentences are one statement reworded
_AKIN = 0.5  # MiniLM cosine of two counted nouns near in meaning ("troops", "personnel")
_ONLY_FIGURES = 0.05  # surer when the two figures are all either sentence leaves unsettled
_SAME_NOUN = 0.1  # surer when the two figures count the very same noun
_OTHER_VERB = 0.05  # less sure of one happening when only the doer, not the verb, is shared


def _comparable(a: Amount, b: Amount) -> bool:
    money = {a.label, b.label} & {"MONEY", "PERCENT"}
    return not money or a.label == b.label


def figure_divergence(pair: SentencePair, a: Amount, b: Amount,
                      confidence: float) -> Divergence | None:
    """A divergence between two figures taken to state one fact, or None when they agree."""
    other_unit = converted(a, b)  # "35 kilometers" / "22 miles": b in a's unit
    if other_unit is not None and same_converted(a, other_unit):
        return None
    if (a.value == b.value and other_unit is None) or not _comparable(a, b) or \
            _complements(pair, a, b) or _two_people(pair, a, b) or _other_acts(pair, a, b) or \
            _other_things(pair, a, b) or other_times(pair, a, b) or _other_scopes(pair, a, b):
        return None
    ls, rs = tok_span(pair.left, a.start, a.end), tok_span(pair.right, b.start, b.end)
    c = other_unit or b
    if (a.low <= c.high and c.low <= a.high) or (other_unit is None and (
            _rounded(ls.text, a, rs.text, b) or _rounded(rs.text, b, ls.text, a))):
        severity = 0
        note = f"The same figure given with different precision: {ls.text} vs {rs.text}"
    else:
        severity = 2 if a.exact and b.exact and confidence >= 0.8 else 1
        what = "amount" if a.label == "MONEY" else "share" if a.label == "PERCENT" else \
            measure(a) if other_unit else \
            f"count of {a.noun or b.noun}s" if (a.noun or b.noun) else "figure"
        note = f"The {what} differs: {ls.text} vs {rs.text}"
        if other_unit is not None:
            note += f" ({_round(other_unit.value)} {a.noun}s)"
    return Divergence("number", ls, rs, note, severity, round(confidence, 2))


_DECIMAL = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounded(text: str, a: Amount, other_text: str, b: Amount) -> bool:
    """Whether figure `a` is `b` rounded to the decimals `a` is written with: "6 miles" of
    "6.2 miles", "1.5 million" of "1.45 million" (one figure, given with less precision)."""
    mine, theirs = _DECIMAL.search(text), _DECIMAL.search(other_text)
    if mine is None or theirs is None:
        return False
    places, other_places = len(mine.group(1) or ""), len(theirs.group(1) or "")
    written = float(mine.group(0).replace(",", ""))
    if other_places <= places or not written:
        return False
    scale = a.value / written  # "1.5 million": the scale word multiplies what is written
    return abs(a.value - b.value) <= 0.5 * 10 ** -places * abs(scale) * (1 + 1e-9)


def _round(value: float) -> str:
    """A converted figure as a reader would write it: "48", "1.6", "12,500"."""
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def _other_things(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """A figure that sizes a thing ("a 41-yard touchdown pass", "the 7-yard line") and a figure
    of another thing, or one not said of that thing ("threw for 364 yards", "returned it 35
    yards"), are two facts; "the 35-word oath" / "the 38-word oath", ".38-caliber revolver" /
    "a .357 caliber revolver" and "a 10-year sentence" / "sentenced to 12 years" are one."""
    if a.sizes and b.sizes:
        if a.sizes != b.sizes:
            return True
        la, rb = _given_to(pair.left, a), _given_to(pair.right, b)
        # "a 41-yard pass to Reggie Wayne" / "a one-yard pass to Dallas Clark": two passes
        return bool(la and rb) and not la & _people_named(pair.right) and \
            not rb & _people_named(pair.left)
    if a.sizes:
        return not _said_of(pair.right, b, a.sizes)
    if b.sizes:
        return not _said_of(pair.left, a, b.sizes)
    return False


def _given_to(side: Side, a: Amount) -> set[str]:
    """Keys of the people a sized thing goes to: "threw a 41-yard pass to Reggie Wayne",
    "Manning's one-yard pass to tight end Dallas Clark"."""
    doc = side.sent.doc
    thing = doc[a.end - 1]
    while thing.lemma_.lower() != a.sizes and thing.head.i != thing.i:
        thing = thing.head
    # "a pass to Wayne", or "threw a pass to Wayne" (the verb's "to" when the thing is its object)
    holders = [thing, thing.head] if thing.dep_ == "dobj" else [thing]
    to = [g for h in holders for c in h.children if c.dep_ in ("prep", "dative")
          and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    spans = [(g.left_edge.idx, g.right_edge.idx + len(g.right_edge)) for g in to]
    return {k[2] for k in side.keys if k[3] == "PERSON"
            and any(k[0] < last and first < k[1] for first, last in spans)}


def _said_of(side: Side, a: Amount, thing: str) -> bool:
    """Whether a figure hangs from a word for `thing` (its noun's head, or a few heads up)."""
    tok = side.sent.doc[a.end - 1]
    for _ in range(5):  # the root is its own head: past it the loop looks at it again
        if tok.lemma_.lower() == thing:
            return True
        tok = tok.head
    return False


def _two_people(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """Each figure is what a named person did, they are two people, and neither sentence names
    the other's: two players' passes or points, two candidates' votes, not one count."""
    la = _people_doing(pair.left, a)
    rb = _people_doing(pair.right, b)
    return bool(la and rb) and not la & _people_named(pair.right) and \
        not rb & _people_named(pair.left)


def _other_scopes(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """One count said of many places, the other of one: "killed 230,000 people in 14
    countries" (or "across Asia") / "killed 170,000 people in the province" are two tolls of
    one disaster, not one told two ways. Two counts of one place ("in Baghdad" / "in the
    capital") still compare."""
    scopes = {_scope(pair.left, a), _scope(pair.right, b)}
    return scopes == {"many", "one"}


_IN = frozenset({"in", "across", "around", "throughout", "over"})
_WIDE = frozenset({"world", "ocean", "continent", "globe", "region"})


def _scope(side: Side, a: Amount) -> str:
    """Where a figure's count is said to be: "many" places, "one", or "" when it does not say."""
    from ..entities.gazetteer import lookup_place

    doc = side.sent.doc
    holders = [doc[a.end - 1], predicate_token(doc, a.start, a.end)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in _IN:
                continue
            for place in prep.children:
                if place.dep_ != "pobj" or place.pos_ not in ("NOUN", "PROPN"):
                    continue
                if place.tag_ in ("NNS", "NNPS") or place.lemma_.lower() in _WIDE:
                    return "many"  # "in 14 countries", "around the Indian Ocean"
                known = lookup_place(doc[place.left_edge.i:place.i + 1].text)
                if known is not None and known.kind == "continent":
                    return "many"  # "across Asia"
                return "one"
    return ""


def _other_acts(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """The figures count what two different acts did: "killing at least five people" / "injuring
    at least 40 people", "arrested 12" / "charged 3" are two counts, whatever their nouns."""
    acts = (ACTION_CLASSES.get(predicate(pair.left.sent.doc, a.start, a.end)),
            ACTION_CLASSES.get(predicate(pair.right.sent.doc, b.start, b.end)))
    return None not in acts and acts[0] != acts[1]


def _people_doing(side: Side, a: Amount) -> set[str]:
    """Keys of the people who are the nearest subject above a figure, or who own what it
    counts ("Manning's 364 yards"); empty when that is not a person."""
    doc = side.sent.doc
    owner = next((c for t in doc[a.start:a.end] for c in t.children
                  if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
    if owner is not None:
        first, last = owner.left_edge.idx, owner.idx + len(owner)
        return {k[2] for k in side.keys if k[3] == "PERSON" and k[0] < last and first < k[1]}
    doers = _doers(side, (a.start, a.end, None))
    return doers if doers and doers <= _people_named(side) else set()


def _people_named(side: Side) -> set[str]:
    return {k[2] for k in side.keys if k[3] == "PERSON"}


def _complements(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """Two shares that make up the whole, said of different things: the two sides of one split
    ("a two-in-three chance we win" / "a one-in-three chance we could lose")."""
    return a.label == b.label == "PERCENT" and abs(a.value + b.value - 100) < 0.5 and \
        _context(pair.left, a.start, a.end) != _context(pair.right, b.start, b.end)


def slot_figures(pair: SentencePair, slot: Slot, la: Sequence[Amount],
                 ra: Sequence[Amount]) -> list[Divergence]:
    """Two figures filling one parallel slot."""
    lin = [a for a in la if _inside(a.start, a.end, slot.left)]
    rin = [b for b in ra if _inside(b.start, b.end, slot.right)]
    if len(lin) != 1 or len(rin) != 1 or _measure(rin[0]) in {_measure(x) for x in la} or \
            _measure(lin[0]) in {_measure(x) for x in ra} or \
            _another_set(pair.left, lin[0]) != _another_set(pair.right, rin[0]) or \
            _measure_differs(pair, lin[0], rin[0]) or _counted_apart(pair, lin[0], rin[0], la, ra):
        return []
    found = figure_divergence(pair, lin[0], rin[0], _slot_confidence(slot))
    return [found] if found else []


def _measure(a: Amount) -> tuple[str, float]:
    """What a figure is and its value, counts alike whether or not they name their noun: a
    sentence giving the other's figure ("six arrests Wednesday, compared to 47 the previous
    night" / "47 arrests overnight") agrees with it, and its own figure is another fact."""
    return measure_kind(a.label), a.value


def measure_kind(label: str) -> str:
    """What a figure of this entity label measures: money, a share, or a count."""
    return {"MONEY": "money", "PERCENT": "share"}.get(label, "count")


def _slot_confidence(slot: Slot) -> float:
    return min(1.0, 0.4 + 0.4 * slot.anchored + 0.3 * slot.parallel)


def _inside(start: int, end: int, rng: tuple[int, int]) -> bool:
    return start < rng[1] and rng[0] < end


def paraphrased_figures(pair: SentencePair, la: Sequence[Amount],
                        ra: Sequence[Amount]) -> list[Divergence]:
    """Figures counting the same thing, one each in two sentences that state one fact."""
    out = []
    # Figures both sentences give alike are settled: they neither compete for the lone place
    # below nor leave doubt that the sentences state the same facts.
    agreed = {_measure(x) for x in la} & {_measure(x) for x in ra}
    lopen = [x for x in la if _measure(x) not in agreed]
    ropen = [x for x in ra if _measure(x) not in agreed]
    for label in ("QUANTITY", "MONEY", "PERCENT", "CARDINAL"):
        lone = [x for x in lopen if x.label == label], [x for x in ropen if x.label == label]
        if len(lone[0]) != 1 or len(lone[1]) != 1 or pair.overlap < _LONE_OVERLAP:
            continue
        # the one count (amount, share) of each of two sentences that state one fact, however
        # each outlet names what it counts; a noun, verb or context in common makes it surer
        a, b = lone[0][0], lone[1][0]
        if _another_set(pair.left, a) != _another_set(pair.right, b) or \
                (not agreed and _measure_differs(pair, a, b)) or _counted_apart(pair, a, b, la, ra):
            continue
        evidence = _role_evidence(pair, a, b)
        only = len(lopen) == 1 and len(ropen) == 1  # no other figure either could be
        found = figure_divergence(pair, a, b, min(
            0.3 + 0.6 * pair.overlap + 0.1 * evidence + _ONLY_FIGURES * only, 0.9))
        out += [found] if found else []
    for a in lopen:
        if a.label != "CARDINAL":
            continue
        # a bare number named by the same word next to it ("Amendment 64", "64 percent")
        named = [b for b in ropen if b.label == "CARDINAL" and _neighbours(pair.left, a) &
                 _neighbours(pair.right, b)]
        if len(named) == 1:
            found = figure_divergence(pair, a, named[0], min(0.4 + 0.5 * pair.overlap, 0.85))
            out += [found] if found else []
    for a in lopen:
        same_role = [b for b in ropen if _same_role(pair, a, b)]
        if len(same_role) != 1 or sum(_same_role(pair, x, same_role[0]) for x in lopen) != 1:
            continue
        context = _context(pair.left, a.start, a.end) & _context(pair.right, same_role[0].start,
                                                                  same_role[0].end)
        confidence = 0.25 + 0.5 * pair.overlap + 0.08 * min(len(context), 3) + \
            _SAME_NOUN * bool(a.noun)  # the one figure of that counted noun on each side
        found = figure_divergence(pair, a, same_role[0], min(confidence, 0.85))
        if found:
            out.append(found)
    return out


def _akin(a: str, b: str) -> bool:
    """Whether two counted nouns are near in meaning (MiniLM, memoised per process)."""
    from ..vectors import sentence_vectors

    if not a or not b:
        return False
    vectors = sentence_vectors([a, b])
    return vectors is not None and float(vectors[0] @ vectors[1]) >= _AKIN


def _measured(side: Side, a: Amount) -> set[str]:
    """What an amount is of, as content lemmas: its counted noun with the words that narrow it
    ("42 members of the Republican caucus": member, republican, caucus), or the object of the
    "in", "of" or "for" after it ("$4 million in fines"). A pronoun says nothing ("of them")."""
    doc = side.sent.doc
    heads = [t for t in doc[a.start:a.end] if t.pos_ in ("NOUN", "PROPN")][-1:]
    last = doc[a.end - 1]
    if not heads and last.head.i >= a.end and last.head.pos_ == "NOUN":
        heads = [last.head]  # "$600 airline ticket": the noun the figure qualifies
    if a.end < side.sent.end and doc[a.end].lower_ in ("in", "of", "for"):
        heads += [t for t in doc[a.end].children if t.dep_ == "pobj"]
    found = set()
    for head in heads:
        for t in (head, *head.children):
            if t is head or t.dep_ in ("compound", "amod", "pobj", "prep"):
                found |= {w.lemma_.lower() for w in (t, *t.children) if w.pos_ in (
                    "NOUN", "PROPN", "ADJ") and not w.is_stop}
    if a.noun:
        found.add(a.noun)
    return found


def _measure_differs(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """Both amounts say what they are of, and it is not the same (fines vs income).

    Two sentences that share most of their content ("three main pillars" / "two principles")
    name what they count as they like: there the words around the figures decide, not the noun.
    """
    if pair.overlap >= _SAME_SENTENCE:
        return False
    ma, mb = _measured(pair.left, a), _measured(pair.right, b)
    ha, hb = _measured_head(pair.left, a), _measured_head(pair.right, b)
    if ha and hb and ha not in mb and hb not in ma and not _akin(ha, hb):
        return True  # "$1.3 billion for border security" / "$5.7 billion for a border wall"
    if not ma or not mb or ma & mb:
        return False
    return not _akin(" ".join(sorted(ma)), " ".join(sorted(mb)))


def _counted_apart(pair: SentencePair, a: Amount, b: Amount, la: Sequence[Amount],
                   ra: Sequence[Amount]) -> bool:
    """Two figures of two nouns, where a sentence counts the other figure's noun with a figure
    of its own: "440 yards and four touchdowns" / "six touchdowns" sets touchdowns against
    touchdowns, not against yards; beside "28 passes for 329 yards" on both sides, "ran for two
    yards" / "28 of 41 passes" count two things. A rank counts nothing: beside "the No. 3
    position", "the No. 2 job" / "the No. 4 position" are one post named two ways."""
    if not (a.noun and b.noun) or a.noun == b.noun:
        return False
    left = {x.noun for x in la if x.noun and _another_set(pair.left, x) != "rank"}
    right = {x.noun for x in ra if x.noun and _another_set(pair.right, x) != "rank"}
    return b.noun in left or a.noun in right


def _measured_head(side: Side, a: Amount) -> str:
    """The noun an amount is of: its counted noun, else the object of the "in", "of" or "for"
    after it ("$4 million in fines": fine); "" when it names none."""
    doc = side.sent.doc
    counted = [t for t in doc[a.start:a.end] if t.pos_ == "NOUN"][-1:]
    if not counted and a.end < side.sent.end and doc[a.end].lower_ in ("in", "of", "for"):
        counted = [t for t in doc[a.end].children if t.dep_ == "pobj" and t.pos_ == "NOUN"]
    return counted[0].lemma_.lower() if len(counted) == 1 else ""


def _role_evidence(pair: SentencePair, a: Amount, b: Amount) -> int:
    """0..3: the same counted noun (or one near in meaning), the same verb, shared context."""
    same_noun = bool(_measured(pair.left, a) & _measured(pair.right, b)) or bool(
        a.noun and b.noun and _akin(a.noun, b.noun))
    same_verb = predicate(pair.left.sent.doc, a.start, a.end) == \
        predicate(pair.right.sent.doc, b.start, b.end)
    context = bool(_context(pair.left, a.start, a.end) & _context(pair.right, b.start, b.end))
    return int(same_noun) + int(same_verb) + int(context)


def _same_role(pair: SentencePair, a: Amount, b: Amount) -> bool:
    """Two figures count the same thing for the same happening (noun or context, and verb)."""
    if a.label != b.label or _another_set(pair.left, a) != _another_set(pair.right, b):
        return False
    context = len(_context(pair.left, a.start, a.end) & _context(pair.right, b.start, b.end))
    same_verb = predicate(pair.left.sent.doc, a.start, a.end) == \
        predicate(pair.right.sent.doc, b.start, b.end)
    if a.noun or b.noun:
        return a.noun == b.noun and (same_verb or context >= 2)
    # money and shares have no counted noun: the words around them say what they measure
    return same_verb and context >= 2


def _another_set(side: Side, a: Amount) -> str:
    """Which set a figure counts, beside the plain one (""): "another" ("two more devices"),
    a place in a series ("first" of "his first 17 passes", "last" of "one final chance"), or
    none but a rank ("the No. 5 seed": only another rank compares with it)."""
    doc = side.sent.doc
    if any(numbered(t) for t in doc[a.start:a.end] if t.like_num):
        return "rank"
    near = doc[max(a.start - 1, side.sent.start):min(a.end + 1, side.sent.end)]  # "two more"
    if any(t.lower_ in ANOTHER_SET and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ ==
                                            "than")  # "more than 30" is no other set
           for t in near):
        return "another"
    return next((IN_SERIES[t.lower_] for t in near if t.lower_ in IN_SERIES), "")


def _neighbours(side: Side, a: Amount) -> set[str]:
    """The content words just before and after a figure, as lemmas tagged by side."""
    doc = side.sent.doc
    out = set()
    if a.start > side.sent.start and doc[a.start - 1].is_alpha and not doc[a.start - 1].is_stop:
        out.add("<" + doc[a.start - 1].lemma_.lower())
    if a.end < side.sent.end and doc[a.end].is_alpha and not doc[a.end].is_stop:
        out.add(">" + doc[a.end].lemma_.lower())
    return out


def _context(side: Side, start: int, end: int) -> set[str]:
    """Content lemmas of the four words either side of an item."""
    doc = side.sent.doc
    lo, hi = max(start - 4, side.sent.start), min(end + 4, side.sent.end)
    return {t.lemma_.lower() for t in doc[lo:hi] if not (start <= t.i < end)
            and t.is_alpha and not t.is_stop}


# -- dates --------------------------------------------------------------------------------------

def _comparable_dates(a: DateValue, b: DateValue) -> bool:
    return bool((a.weekday and b.weekday) or (a.month and b.month) or (a.year and b.year)
                or (a.relative and b.relative))


def date_divergence(pair: SentencePair, ld: tuple[int, int, DateValue],
                     rd: tuple[int, int, DateValue], confidence: float) -> Divergence | None:
    (ls_, le, lv), (rs_, re_, rv) = ld, rd
    if lv.compatible(rv) > 0 or not _comparable_dates(lv, rv) or lv == rv:
        return None
    ls, rs = tok_span(pair.left, ls_, le), tok_span(pair.right, rs_, re_)
    explicit = bool((lv.weekday and rv.weekday) or (lv.month and rv.month)
                    or (lv.year and rv.year))
    severity = (2 if confidence >= 0.8 else 1) if explicit else 0
    return Divergence("date", ls, rs, f"The day or date differs: {ls.text} vs {rs.text}",
                      severity, round(confidence, 2))


def slot_dates(pair: SentencePair, slot: Slot) -> list[Divergence]:
    """Two dates filling one parallel slot."""
    lin = [d for d in pair.left.dates if _inside(d[0], d[1], slot.left)]
    rin = [d for d in pair.right.dates if _inside(d[0], d[1], slot.right)]
    if len(lin) != 1 or len(rin) != 1 or _other_doers(pair, lin[0], rin[0]):
        return []
    found = date_divergence(pair, lin[0], rin[0], _slot_confidence(slot))
    return [found] if found else []


def paraphrased_dates(pair: SentencePair) -> list[Divergence]:
    """Dates of the same happening (the same verb, not a reporting one) in paraphrase."""
    out = []
    rpred = [(predicate(pair.right.sent.doc, d[0], d[1]), d) for d in pair.right.dates]
    for ld in pair.left.dates:
        lp = predicate(pair.left.sent.doc, ld[0], ld[1])
        same = [d for p, d in rpred if p == lp]
        if lp in REPORTING_VERBS or len(same) != 1 or _other_doers(pair, ld, same[0]):
            continue  # "said Tuesday" and "said Monday" may be two statements
        found = date_divergence(pair, ld, same[0], min(0.3 + 0.6 * pair.overlap, 0.8))
        out += [found] if found else []
    return out


def lone_dates(pair: SentencePair) -> list[Divergence]:
    """The one unsettled day (or month) of each of two sentences that state one fact, when both
    date the same happening: the verbs above them meet, and their doers do not differ."""
    if pair.overlap < _LONE_OVERLAP:
        return []
    settled = {d[2] for d in pair.left.dates} & {d[2] for d in pair.right.dates}
    lopen = [d for d in pair.left.dates if d[2] not in settled and _dated(d[2])]
    ropen = [d for d in pair.right.dates if d[2] not in settled and _dated(d[2])]
    if len(lopen) != 1 or len(ropen) != 1:
        return []
    # the day a thing was said is not the day it was done: "fired, his lawyer said Monday" /
    # "was fired late Friday"; and "said Tuesday" / "tweeted Friday" are two statements,
    # unless the two sentences are one statement reworded
    lsaid = predicate(pair.left.sent.doc, lopen[0][0], lopen[0][1]) in REPORTING_VERBS
    rsaid = predicate(pair.right.sent.doc, ropen[0][0], ropen[0][1]) in REPORTING_VERBS
    if lsaid != rsaid or (lsaid and pair.overlap < _SAME_SENTENCE):
        return []
    lverbs, lsubject, lparts = happening(pair.left, lopen[0][0], lopen[0][1])
    rverbs, rsubject, rparts = happening(pair.right, ropen[0][0], ropen[0][1])
    # one side's subject may be the other's object: "the House passed the bill" / "the bill
    # passed the House"; a subject the other's happening does not involve is someone else
    same_doer = bool(lsubject & rparts or rsubject & lparts)
    # one doer, the subject of both, doing it to the same thing, dates one happening however
    # each outlet words it ("Vermeulen blamed the firms Saturday" / "Vermeulen tore into the
    # firms Tuesday"); one person doing two things to two others is two happenings
    one_subject = bool(lsubject & rsubject) and bool(
        _done_to(pair.left, lopen[0][0], lopen[0][1]) & _done_to(pair.right, ropen[0][0],
                                                                ropen[0][1]))
    if not (lverbs & rverbs or one_subject) or (lsubject and rsubject and not same_doer):
        return []
    confidence = 0.3 + 0.6 * pair.overlap + 0.1 * same_doer - _OTHER_VERB * (
        not lverbs & rverbs)
    found = date_divergence(pair, lopen[0], ropen[0], min(confidence, 0.8))
    return [found] if found else []


def _other_doers(pair: SentencePair, ld: tuple[int, int, DateValue],
                 rd: tuple[int, int, DateValue]) -> bool:
    """Both dated happenings have a named doer, and not the same one (by entity: Jesse Jackson
    Jr. and Sandra Jackson share a surname, not a resignation)."""
    a, b = _doers(pair.left, ld), _doers(pair.right, rd)
    return bool(a and b) and not a & b


def _doers(side: Side, date: tuple[int, int, DateValue | None]) -> set[str]:
    """Entity keys of the nearest subject above a date (or figure); a pronoun subject stands for
    the last person the sentence names before it."""
    doc = side.sent.doc
    start, end = date[0], date[1]
    tok = phrase_root(doc, start, end)
    while tok.head.i != tok.i:
        tok = tok.head
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if tok.pos_ != "VERB" or subject is None:
            continue
        if subject.pos_ == "PRON":
            named = [k for k in side.keys if k[3] == "PERSON"
                     and side.sent.start_char <= k[0] and k[1] <= subject.idx]
            return {named[-1][2]} if named else set()
        first = subject.left_edge.idx
        last = subject.right_edge.idx + len(subject.right_edge)
        return {k[2] for k in side.keys if k[0] < last and first < k[1]}
    return set()


def _dated(value: DateValue) -> bool:
    """A day or month, not a bare year: two years in one sentence are seldom one fact."""
    return bool(value.weekday or value.month)


def _done_to(side: Side, start: int, end: int) -> set[str]:
    """Lemmas of what the verb above a date is done to or about: its object and the objects of
    its prepositions ("blamed the firms for the strike"), dates left out."""
    doc = side.sent.doc
    tok = phrase_root(doc, start, end)
    while tok.head.i != tok.i and tok.pos_ != "VERB":
        tok = tok.head
    objects = [c for c in tok.children if c.dep_ == "dobj"] + [
        g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return {o.lemma_.lower() for o in objects if o.pos_ in ("NOUN", "PROPN")
            and o.ent_type_ not in ("DATE", "TIME")}


_SAY = "<say>"  # every reporting verb: "said Thursday" and "announced Tuesday" date one statement
_PARTICIPANTS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "attr"})


def happening(side: Side, start: int, end: int) -> tuple[set[str], set[str], set[str]]:
    """Lemmas of the verbs and event nouns a date (tokens start..end) hangs under, of their
    nearest subject, and of everyone taking part (subjects, objects, agents)."""
    doc = side.sent.doc
    tok = phrase_root(doc, start, end)
    verbs: set[str] = set()
    subject: set[str] = set()
    parts: set[str] = set()
    while tok.head.i != tok.i:  # spaCy makes a new Token per access: compare indices
        tok = tok.head
        if tok.pos_ not in ("VERB", "NOUN") or tok.lemma_.lower() in ("be", "have"):
            continue
        lemma = tok.lemma_.lower()
        verbs.add(_SAY if tok.pos_ == "VERB" and lemma in REPORTING_VERBS else lemma)
        if tok.pos_ != "VERB":
            continue
        for child in tok.children:
            if child.dep_ not in _PARTICIPANTS:
                continue
            words = {t.lemma_.lower() for t in child.subtree
                     if t.pos_ in ("NOUN", "PROPN") and not t.is_stop}
            parts |= words
            if not subject and child.dep_ in ("nsubj", "nsubjpass"):
                subject = words
    return verbs, subject, parts


def predicate(doc: object, start: int, end: int) -> str:
    """Lemma of the verb (or event noun) a date or figure phrase attaches to."""
    return str(predicate_token(doc, start, end).lemma_.lower())


def predicate_token(doc: object, start: int, end: int) -> Token:
    """The verb (or event noun) a date or figure phrase attaches to."""
    tok = phrase_root(doc, start, end)  # type: ignore[arg-type]
    for _ in range(6):
        tok = tok.head
        if tok.pos_ == "VERB" or tok.dep_ == "ROOT" or tok.head is tok:
            break
        if tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "dobj", "nsubj", "attr"):
            break  # "a visit earlier this week": the event is the noun
    return tok
