"""Divergences: where two articles state the same fact differently.

Rules run over pairs of sentences that report the same thing (taken from linked paragraphs) and
over entities both articles name. Each rule needs the same fact on both sides: a figure counting
the same kind of thing, a date of the same event, the speaker of the same statement, the role of
the same person. Paraphrase that keeps the fact (spelling conventions, "US" for "United States")
is not reported: precision matters more than recall, since a noisy list is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import fuzz

from ..entities.gazetteer import is_demonym, lookup_place
from ..model import Article, Divergence, DivergenceKind, Entity, Link, Span
from .lexicon import (
    ACTION_CLASSES,
    PARTICLE_REQUIRED,
    REPORTING_VERBS,
    ROLE_SYNONYMS,
    TITLE_FILLER,
)
from .pairs import SentencePair, Side, mention_index, sentence_pairs

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")
_QUOTE = re.compile(r"[“\"«„]([^”\"»“]{12,})[”\"»]")


def find_divergences(
    left: Article, right: Article, links: Sequence[Link],
    left_entities: Sequence[Entity], right_entities: Sequence[Entity],
    left_docs: Sequence[Doc], right_docs: Sequence[Doc], *, use_embeddings: bool = True,
) -> tuple[Divergence, ...]:
    """Every divergence found, most important first."""
    lkeys, rkeys = mention_index(left_entities), mention_index(right_entities)
    pairs = sentence_pairs(links, left_docs, right_docs, lkeys, rkeys, use_embeddings)
    found: list[Divergence] = []
    found += _spelling(left_entities, right_entities, left, right, links)
    found += _entity_titles(left_entities, right_entities, left, right, links)
    facts = _PerSentence()
    # One divergence per contrast ("end" vs "pause"): the best-matched sentences tell it.
    actions: dict[tuple[str, str], tuple[float, Divergence]] = {}
    for pair in pairs:
        for contrast, d in _actions(pair, facts):
            if contrast not in actions or pair.overlap > actions[contrast][0]:
                actions[contrast] = (pair.overlap, d)
    found += [d for _, d in actions.values()]
    for pair in pairs:
        found += _numbers(pair)
        found += _dates(pair)
        found += _attribution(pair, facts)
        found += _role_phrases(pair, facts)
        found += _quotes(pair)
    return _ranked(found)


class _PerSentence:
    """What a rule reads off one sentence, worked out once per sentence rather than per pair."""

    def __init__(self) -> None:
        self._found: dict[tuple[Callable[[Side], object], int], object] = {}

    def __call__(self, rule: Callable[[Side], T], side: Side) -> T:
        key = (rule, id(side))
        if key not in self._found:
            self._found[key] = rule(side)
        return self._found[key]  # type: ignore[return-value]


def _span(side: Side, start: int, end: int) -> Span:
    """A divergence span over paragraph character offsets of one side."""
    text = side.sent.doc.text
    return Span(side.paragraph, start, end, text[start:end])


def _tok_span(side: Side, first: int, last: int) -> Span:
    """A span over doc tokens first..last-1."""
    doc = side.sent.doc
    return _span(side, doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text))


# -- figures and dates --------------------------------------------------------------------------

_VALUE = re.compile(r":(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)")


def _value(key: str) -> float | None:
    match = _VALUE.search(key)
    return float(match.group(1)) if match else None


def _numbers(pair: SentencePair) -> list[Divergence]:
    """The same kind of thing counted differently in two sentences that state one fact."""
    lfigs, rfigs = pair.left.figures, pair.right.figures
    lvals = {(f.label, _value(f.key)) for f in lfigs}
    rvals = {(f.label, _value(f.key)) for f in rfigs}
    lrest = [f for f in lfigs if (f.label, _value(f.key)) not in rvals]
    rrest = [f for f in rfigs if (f.label, _value(f.key)) not in lvals]
    out = []
    for lf in lrest:
        candidates = [rf for rf in rrest if rf.label == lf.label
                      and (rf.noun == lf.noun or len(lrest) == len(rrest) == 1)]
        if len(candidates) != 1:
            continue
        rf = candidates[0]
        lv, rv = _value(lf.key), _value(rf.key)
        if lv is None or rv is None or abs(lv - rv) <= 0.02 * max(abs(lv), abs(rv)):
            continue
        ls, rs = _tok_span(pair.left, lf.start, lf.end), _tok_span(pair.right, rf.start, rf.end)
        what = (lf.noun or rf.noun or "figure").capitalize()
        noun = "Amount" if lf.label == "MONEY" else "Share" if lf.label == "PERCENT" \
            else f"Count of {what.lower()}"
        out.append(Divergence("number", ls, rs, f"{noun} differs: {ls.text} vs {rs.text}", 2))
    return out


def _dates(pair: SentencePair) -> list[Divergence]:
    """A different day or date given for what the two sentences report."""
    ld, rd = pair.left.dates, pair.right.dates
    out = []
    for ls_, le, lv in ld:
        if any(lv.compatible(rv) > 0 for _, _, rv in rd):
            continue
        for rs_, re_, rv in rd:
            if any(rv.compatible(v) > 0 for _, _, v in ld):
                continue
            comparable = (lv.weekday and rv.weekday) or (lv.month and rv.month) or \
                (lv.year and rv.year) or (lv.relative and rv.relative)
            if not comparable:
                continue
            if not _same_event(pair, ls_, le, rs_, re_):
                continue
            calendar = bool((lv.month and rv.month) or (lv.year and rv.year))
            ls, rs = _tok_span(pair.left, ls_, le), _tok_span(pair.right, rs_, re_)
            severity = 2 if calendar else 1 if lv.weekday else 0
            out.append(Divergence("date", ls, rs, f"Date differs: {ls.text} vs {rs.text}",
                                  severity))
            break
    return out


def _predicate(doc: Doc, start: int, end: int) -> str:
    """Lemma of the verb (or event noun) a date phrase attaches to."""
    tok = next((t for t in doc[start:end] if not start <= t.head.i < end), doc[start])
    for _ in range(6):
        tok = tok.head
        if tok.pos_ == "VERB" or tok.dep_ == "ROOT" or tok.head is tok:
            break
        if tok.pos_ == "NOUN" and tok.dep_ in ("pobj", "dobj", "nsubj", "attr"):
            break  # "a visit earlier this week": the event is the noun
    return tok.lemma_.lower()


def _same_event(pair: SentencePair, ls: int, le: int, rs: int, re_: int) -> bool:
    """Whether two date phrases date the same happening: the same predicate, or one sentence."""
    if pair.overlap >= 0.6:
        return True
    lp = _predicate(pair.left.sent.doc, ls, le)
    rp = _predicate(pair.right.sent.doc, rs, re_)
    return lp == rp or (lp in REPORTING_VERBS and rp in REPORTING_VERBS)


# -- who says it --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Speaker:
    first: int  # token range of the whole speaker phrase
    last: int
    keys: frozenset[str]
    via_role: bool  # "a spokesman for X": X speaks through someone else


def _speakers(side: Side) -> list[_Speaker]:
    out = []
    for tok in side.sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING_VERBS:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN"):
                out.append(_speaker(side, child.left_edge.i, child.right_edge.i + 1, child))
    for tok in side.sent:  # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for obj in tok.nbor().children:
                if obj.dep_ == "pobj":
                    out.append(_speaker(side, obj.left_edge.i, obj.right_edge.i + 1, obj))
    return [s for s in out if s.keys]


def _speaker(side: Side, first: int, last: int, head: object) -> _Speaker:
    doc = side.sent.doc
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    keys = frozenset(k for s, e, k, label in side.keys
                     if start <= s and e <= end and label in ("PERSON", "ORG"))
    head_text = getattr(head, "lower_", "")
    via = any(c.dep_ == "prep" and c.lower_ in ("for", "of") for c in getattr(head, "children", ())
              ) and head_text not in ("government", "ministry") and getattr(head, "pos_", "") \
        == "NOUN"
    return _Speaker(first, last, keys, via)


def _attribution(pair: SentencePair, facts: _PerSentence) -> list[Divergence]:
    """The same statement credited to different people or bodies."""
    lsp, rsp = facts(_speakers, pair.left), facts(_speakers, pair.right)
    if len(lsp) != 1 or len(rsp) != 1 or pair.overlap < 0.3:
        return []
    a, b = lsp[0], rsp[0]
    lall = {k for *_, k, _ in pair.left.keys}
    rall = {k for *_, k, _ in pair.right.keys}
    differs = not (a.keys & b.keys) and not (a.keys & rall) and not (b.keys & lall)
    same_but_relayed = bool(a.keys & b.keys) and a.via_role != b.via_role
    if not (differs or same_but_relayed):
        return []
    ls, rs = _tok_span(pair.left, a.first, a.last), _tok_span(pair.right, b.first, b.last)
    note = (f"Statement attributed to {ls.text} vs {rs.text}" if differs else
            f"Speaker differs: {ls.text} vs {rs.text} (the person or someone speaking for them)")
    return [Divergence("attribution", ls, rs, note, 2)]


# -- roles and titles ---------------------------------------------------------------------------

def title_words(title: str) -> frozenset[str]:
    """The words that fix a role, comparable across outlets' spelling and gender conventions."""
    words = set()
    for raw in re.findall(r"[\w'’-]+", title):
        cased = raw.rstrip(".").removesuffix("'s").removesuffix("’s")
        word = cased.lower()
        if word in TITLE_FILLER or not word:
            continue
        if cased[:1].isupper() and (lookup_place(cased) is not None or is_demonym(cased)):
            continue  # "Niger's government spokesman" is the government spokesman
        words.add(ROLE_SYNONYMS.get(word, word))
    return frozenset(words)


def titles_differ(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of titles give a person different roles (not one a detail of the other)."""
    wa = frozenset().union(*(title_words(t) for t in a))
    wb = frozenset().union(*(title_words(t) for t in b))
    return bool(wa and wb) and not (wa <= wb or wb <= wa)


def _entity_titles(
    left_entities: Sequence[Entity], right_entities: Sequence[Entity],
    left: Article, right: Article, links: Sequence[Link],
) -> list[Divergence]:
    """The same person given different titles or roles by the two articles."""
    others = {e.key: e for e in right_entities}
    out = []
    for e in left_entities:
        o = others.get(e.key)
        if e.label != "PERSON" or o is None or not titles_differ(e.titles, o.titles):
            continue
        ls, rs = _title_span(left, e), _title_span(right, o)
        if ls and rs:
            note = (f"Role of {e.name} differs: {'; '.join(e.titles)} vs {'; '.join(o.titles)}")
            out.append(Divergence("title", ls, rs, note, 2))
    return out


def _title_span(article: Article, entity: Entity) -> Span | None:
    """The first mention of `entity` widened to cover the title written next to it."""
    for m in entity.mentions:
        text = article.paragraphs[m.paragraph].text
        for title in entity.titles:
            for hit in re.finditer(re.escape(title), text):
                if (hit.end() <= m.start and m.start - hit.end() <= 3) or \
                        (m.end <= hit.start() and hit.start() - m.end <= 3):
                    start, end = min(hit.start(), m.start), max(hit.end(), m.end)
                    return Span(m.paragraph, start, end, text[start:end])
    return None


def _role_phrases(pair: SentencePair, facts: _PerSentence) -> list[Divergence]:
    """Two sentences naming the same role slot ("led by ...") with different titles."""
    lroles, rroles = facts(_roles, pair.left), facts(_roles, pair.right)
    out = []
    for governor, (lf, ll) in lroles.items():
        if governor not in rroles:
            continue
        rf, rl = rroles[governor]
        ls, rs = _tok_span(pair.left, lf, ll), _tok_span(pair.right, rf, rl)
        if titles_differ([_strip_names(pair.left, lf, ll)], [_strip_names(pair.right, rf, rl)]):
            out.append(Divergence("title", ls, rs, f"Title differs: {ls.text} vs {rs.text}", 2))
    return out


def _roles(side: Side) -> dict[str, tuple[int, int]]:
    """Role phrases keyed by the verb and preposition that govern them ("lead/by")."""
    from ..entities.names import is_role_head

    out: dict[str, tuple[int, int]] = {}
    for tok in side.sent:
        if tok.dep_ != "pobj" or (tok.head.dep_ != "agent" and tok.head.dep_ != "prep"):
            continue
        phrase = side.sent.doc[tok.left_edge.i: tok.right_edge.i + 1]
        if len(phrase) > 14 or not any(is_role_head(t.text) and t.text[:1].isupper()
                                       for t in phrase):
            continue
        governor = f"{tok.head.head.lemma_.lower()}/{tok.head.lower_}"
        out[governor] = (phrase.start, phrase.end)
    return out


def _strip_names(side: Side, first: int, last: int) -> str:
    """The phrase without the names of people in it, which are not part of a title."""
    doc = side.sent.doc
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    text = doc.text
    for s, e, _, label in sorted(side.keys, reverse=True):
        if label == "PERSON" and start <= s and e <= end:
            text = text[:s] + text[e:]
            end -= e - s
    return text[start:end]


# -- quotes and actions -------------------------------------------------------------------------

def _quotes(pair: SentencePair) -> list[Divergence]:
    """The same quotation worded differently (a translation or an edit)."""
    lq = list(_QUOTE.finditer(pair.left.sent.text))
    rq = list(_QUOTE.finditer(pair.right.sent.text))
    out = []
    for a in lq:
        best = max(rq, key=lambda b: fuzz.token_set_ratio(a.group(1), b.group(1)), default=None)
        if best is None:
            continue
        score = fuzz.token_set_ratio(a.group(1).lower(), best.group(1).lower())
        if 55 <= score < 97:
            lo, ro = pair.left.sent.start_char, pair.right.sent.start_char
            ls = _span(pair.left, lo + a.start(), lo + a.end())
            rs = _span(pair.right, ro + best.start(), ro + best.end())
            out.append(Divergence("quote", ls, rs, "The quotation is worded differently", 1))
    return out


def _lemmas(tok: object) -> tuple[str, ...]:
    """Lemma candidates; title-case headlines leave spaCy's lemma as the word ("Breaks")."""
    lemma, lower = tok.lemma_.lower(), tok.lower_  # type: ignore[attr-defined]
    stems = [lower[:-n] for n in (1, 2, 3) if len(lower) > n + 2 and lower.endswith(
        ("s", "es", "ed", "ing")[n - 1 if n < 3 else 3])]
    return tuple(dict.fromkeys([lemma, lower, *stems]))


def _action_classes(side: Side) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for tok in side.sent:
        if tok.pos_ not in ("VERB", "NOUN", "PROPN", "ADJ"):
            continue
        lemma = next((x for x in _lemmas(tok) if x in ACTION_CLASSES), None)
        if lemma is None:
            continue
        particle = PARTICLE_REQUIRED.get(lemma)
        if particle and not any(c.lower_ == particle for c in tok.children) and not (
                tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == particle):
            continue
        family, cls = ACTION_CLASSES[lemma]
        out.setdefault(family, (cls, tok.i))
    return out


def _actions(pair: SentencePair, facts: _PerSentence) -> list[tuple[tuple[str, str], Divergence]]:
    """The same decision or event told with actions that mean different things."""
    la, ra = facts(_action_classes, pair.left), facts(_action_classes, pair.right)
    out = []
    for family, (lcls, li) in la.items():
        if family not in ra or ra[family][0] == lcls:
            continue
        rcls, ri = ra[family]
        if rcls in {c for c, _ in la.values()} or lcls in {c for c, _ in ra.values()}:
            continue
        ls = _with_particle(pair.left, _tok_span(pair.left, li, li + 1), li)
        rs = _with_particle(pair.right, _tok_span(pair.right, ri, ri + 1), ri)
        note = f"Different action: {ls.text} ({lcls}) vs {rs.text} ({rcls})"
        out.append(((lcls, rcls), Divergence("other", ls, rs, note, 1)))
    return out


def _with_particle(side: Side, span: Span, i: int) -> Span:
    doc = side.sent.doc
    if i + 1 < len(doc) and (doc[i + 1].dep_ == "prt" or doc[i + 1].lower_ in
                             set(PARTICLE_REQUIRED.values())):
        return _tok_span(side, i, i + 2)
    return span


# -- ranking ------------------------------------------------------------------------------------

_KIND_ORDER: dict[DivergenceKind, int] = {
    "number": 0, "spelling": 1, "title": 2, "attribution": 3, "date": 4, "quote": 5,
    "place": 6, "other": 7,
}


def _ranked(found: list[Divergence]) -> tuple[Divergence, ...]:
    """Drop repeats (overlapping spans on both sides), then most important first."""
    kept: list[Divergence] = []
    for d in sorted(found, key=lambda d: (-d.severity, _KIND_ORDER[d.kind])):
        if not any(_overlaps(d.left, k.left) and _overlaps(d.right, k.right) for k in kept):
            kept.append(d)
    return tuple(kept)


def _overlaps(a: Span, b: Span) -> bool:
    return a.paragraph == b.paragraph and a.start < b.end and b.start < a.end


# -- spelling -----------------------------------------------------------------------------------

def _spelling(
    left_entities: Sequence[Entity], right_entities: Sequence[Entity],
    left: Article, right: Article, links: Sequence[Link],
) -> list[Divergence]:
    """A name both articles give, spelled differently."""
    others = {e.key: e for e in right_entities}
    linked = {(k.left, k.right) for k in links}
    out = []
    for e in left_entities:
        o = others.get(e.key)
        if o is None or not e.other_forms:
            continue
        lm = [m for m in e.mentions if _form(left, m) not in o.forms]
        rm = [m for m in o.mentions if _form(right, m) in e.other_forms]
        if not lm or not rm:
            continue
        a, b = min(((x, y) for x in lm for y in rm),
                   key=lambda p: ((p[0].paragraph, p[1].paragraph) not in linked,
                                  p[0].paragraph, p[1].paragraph))
        ls, rs = Span(a.paragraph, a.start, a.end, _form(left, a)), \
            Span(b.paragraph, b.start, b.end, _form(right, b))
        out.append(Divergence("spelling", ls, rs,
                              f"Name spelled differently: {ls.text} vs {rs.text}", 1))
    return out


def _form(article: Article, m: object) -> str:
    p = article.paragraphs[m.paragraph]  # type: ignore[attr-defined]
    return p.text[m.start:m.end]  # type: ignore[attr-defined]
