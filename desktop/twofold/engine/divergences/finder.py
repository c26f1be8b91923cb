"""Divergences: where two articles state the same fact differently.

Each rule needs evidence that both statements are about the same fact before it reports them:
the two sentences say the same thing (sentence pairs of `pairs.py`), and the two items play the
same role in them, best shown by a parallel slot (`slots.py`: the same words around both) or,
in paraphrase, by the same counted thing, the same happening, the same speaker. Equivalent forms
(`equivalence.py`) are not differences. Every divergence carries a confidence in that evidence;
below `MIN_CONFIDENCE` the finder abstains, since a noisy list is worse than none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from ..entities.figures import DateValue, date_spans, figure_spans, parse_date
from ..model import (
    REWORDED,
    Article,
    Divergence,
    DivergenceKind,
    Entity,
    Link,
    Mention,
    Span,
    published_day,
)
from .amounts import amounts, figure_value
from .bodies import qualified_bodies, slot_bodies
from .days import actor_dates, resolved, time_of_day
from .equivalence import name_relation
from .facts import (
    lone_dates,
    measure_kind,
    paraphrased_dates,
    paraphrased_figures,
    predicate,
    slot_dates,
    slot_figures,
)
from .lexicon import (
    ACTION_CLASSES,
    OPPOSED_FAMILIES,
    PARTICLE_REQUIRED,
    STAGES,
    VICTIM_FAMILIES,
)
from .pairs import SentencePair, Side, best_partners, mention_index, sentence_pairs
from .people import (
    attribution,
    entity_titles,
    place_spelling,
    role_phrases,
    roles,
    slot_people,
    speakers,
    spelling,
)
from .quotes import quotations, quote_divergences, same_remarks
from .slots import slots, words
from .spans import tok_span
from .times import dated_apart

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

T = TypeVar("T")
MIN_CONFIDENCE = 0.55  # below this the evidence that both sides state one fact is too thin
_MANY_VALUES = 4  # an article giving this many different counts of one thing lists them


def find_divergences(
    left: Article, right: Article, links: Sequence[Link],
    left_entities: Sequence[Entity], right_entities: Sequence[Entity],
    left_docs: Sequence[Doc], right_docs: Sequence[Doc], *, use_embeddings: bool = True,
) -> tuple[Divergence, ...]:
    """Every divergence found with enough confidence, by severity then confidence."""
    lkeys, rkeys = mention_index(left_entities), mention_index(right_entities)
    pairs = _on_the_calendar(
        sentence_pairs(links, left_docs, right_docs, lkeys, rkeys, use_embeddings), left, right)
    paired = {(p.left.paragraph, p.right.paragraph) for p in pairs}
    found: list[Divergence] = []
    same_claim = _same_claim(pairs)
    found += spelling(left_entities, right_entities, left, right, links, same_claim)
    found += place_spelling(left_entities, right_entities, left, right, same_claim)
    found += entity_titles(left_entities, right_entities, left, right, paired)
    found += quote_divergences(left, right, same_remarks(quotations(left), quotations(right)))
    facts = _PerSentence()
    # One divergence per contrast ("end" vs "pause"): the best-matched sentences tell it.
    actions: dict[tuple[str, str], tuple[float, Divergence]] = {}
    for pair in pairs:
        for contrast, d in _actions(pair, facts):
            if contrast not in actions or pair.overlap > actions[contrast][0]:
                actions[contrast] = (pair.overlap, d)
    found += [d for _, d in actions.values()]
    settled = _settled_by_partner(pairs, facts)
    for pair in pairs:
        found += [d for d in _in_pair(pair, facts) if not settled(pair, d)]
    both = _named_by_both(left_entities, right_entities, lkeys, rkeys)
    dated = _dated_by_both(left_docs, right_docs)
    listed = _one_of_many(left_docs, right_docs)
    return _ranked([d for d in found if d.confidence >= MIN_CONFIDENCE and not both(d)
                    and not dated(d) and not listed(d)])


def _one_of_many(left_docs: Sequence[Doc], right_docs: Sequence[Doc]
                 ) -> Callable[[Divergence], bool]:
    """Whether a figure divergence of two loosely matched sentences counts a thing either article
    gives many different counts of (yards, points, people, dollars in a story full of them):
    then two sentences' figures of it are seldom one fact, unless the sentences are one
    statement reworded."""
    counts: list[dict[str, set[float]]] = []

    def what(label: str, noun: str) -> str:
        kind = measure_kind(label)  # money and shares count nothing: their kind stands in
        return noun or ("" if kind == "count" else f"<{kind}>")

    def spans(docs: Sequence[Doc], side: dict[str, set[float]]) -> list[tuple[int, int, int, str]]:
        out = []
        for k, doc in enumerate(docs):
            for f in figure_spans(doc):
                value, thing = figure_value(f.key), what(f.label, f.noun)
                if value is not None and thing:
                    side.setdefault(thing, set()).add(value)
                    out.append((k, doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1]),
                                thing))
        return out

    found: list[list[tuple[int, int, int, str]]] = []

    def many(side: int, span: Span) -> bool:
        return any(k == span.paragraph and start < span.end and span.start < end and
                   len(counts[side].get(thing, ())) >= _MANY_VALUES
                   for k, start, end, thing in found[side])

    def test(d: Divergence) -> bool:
        if d.kind != "number" or d.confidence >= REWORDED:
            return False
        if not found:
            counts.extend([{}, {}])
            found.extend([spans(left_docs, counts[0]), spans(right_docs, counts[1])])
        return many(0, d.left) or many(1, d.right)
    return test


def _dated_by_both(left_docs: Sequence[Doc], right_docs: Sequence[Doc]
                   ) -> Callable[[Divergence], bool]:
    """Whether a date divergence sets two days against each other while one article itself
    names the other's day too, in another sentence: it knows both, so they date two happenings
    (the announcement on Sunday, the decision on Wednesday) or a date and its revision, not one
    fact given twice. (Within one sentence, "the Senate on Wednesday, followed by the House on
    Thursday", the other day is another part of the same fact.)"""
    fields = ("year", "month", "day", "weekday", "relative")
    days: list[list[tuple[int, int, DateValue]]] = []  # found at the first date divergence

    def names(side: int, docs: Sequence[Doc], own: Span, day: DateValue | None) -> bool:
        if day is None or not 0 <= own.paragraph < len(docs):
            return False
        if not days:
            days.extend([(k, doc[s].sent.start, v) for k, doc in enumerate(docs_)
                         for s, _, v in date_spans(doc)] for docs_ in (left_docs, right_docs))
        token = docs[own.paragraph].char_span(own.start, own.end, alignment_mode="expand")
        sentence = token.sent.start if token is not None and len(token) else -1
        return any((k, start) != (own.paragraph, sentence) and day.compatible(v) > 0 and all(
            getattr(day, f) is None or getattr(v, f) == getattr(day, f) for f in fields)
            for k, start, v in days[side])

    def test(d: Divergence) -> bool:
        return d.kind == "date" and d.confidence < REWORDED and (
            names(0, left_docs, d.left, parse_date(d.right.text))
            or names(1, right_docs, d.right, parse_date(d.left.text)))
    return test


def _named_by_both(left_entities: Sequence[Entity], right_entities: Sequence[Entity],
                   lkeys: dict[int, list[tuple[int, int, str, str]]],
                   rkeys: dict[int, list[tuple[int, int, str, str]]]
                   ) -> Callable[[Divergence], bool]:
    """Whether a divergence sets two different people against each other while each article
    also names the other's person (under that name or a short form of it): then they are two
    people of the story, not one name given two ways ("Dick Cheney's daughter" / "Liz Cheney's
    sister")."""
    people = {e.key: e for e in (*left_entities, *right_entities) if e.label == "PERSON"}

    def key(index: dict[int, list[tuple[int, int, str, str]]], span: Span) -> str | None:
        return next((k for s, e, k, label in index.get(span.paragraph, ())
                     if label == "PERSON" and s < span.end and span.start < e), None)

    def named_in(entities: Sequence[Entity], person: str, besides: str) -> bool:
        forms = people[person].forms
        return any(e.label == "PERSON" and e.key != besides and any(
            name_relation(f, g) in ("same", "short") for f in forms for g in e.forms)
            for e in entities)

    def test(d: Divergence) -> bool:
        if d.kind != "spelling":
            return False
        lk, rk = key(lkeys, d.left), key(rkeys, d.right)
        return lk is not None and rk is not None and lk != rk and \
            named_in(right_entities, lk, rk) and named_in(left_entities, rk, lk)
    return test


def _on_the_calendar(pairs: list[SentencePair], left: Article,
                     right: Article) -> list[SentencePair]:
    """The pairs with "today", "yesterday" fixed by each article's stated publication day."""
    days = published_day(left.date, left.date_source), published_day(right.date, right.date_source)
    if days == (None, None):
        return pairs
    fixed: dict[int, Side] = {}  # one new side per sentence: rules memoise per side

    def fix(side: Side, day: date | None) -> Side:
        if id(side) not in fixed:
            fixed[id(side)] = replace(side, dates=tuple(
                (s, e, resolved(v, day)) for s, e, v in side.dates))
        return fixed[id(side)]
    return [replace(p, left=fix(p.left, days[0]), right=fix(p.right, days[1])) for p in pairs]


def _settled_by_partner(pairs: Sequence[SentencePair], facts: _PerSentence
                        ) -> Callable[[SentencePair, Divergence], bool]:
    """Whether a figure divergence sets a sentence's figure against a sentence that is not its
    best partner, while its best partner gives that very figure: the fact is told alike there,
    and the other sentence's figure is another fact of the story."""
    best = best_partners(pairs)

    def gives(side: Side, span: Span, partner: Side) -> bool:
        mine = [a for a in facts(amounts, side) if tok_span(side, a.start, a.end) == span]
        return bool(mine) and any(measure_kind(b.label) == measure_kind(mine[0].label) and
                                  b.value == mine[0].value for b in facts(amounts, partner))

    def test(pair: SentencePair, d: Divergence) -> bool:
        if d.kind != "number":
            return False
        left_best, right_best = best["L", id(pair.left)].right, best["R", id(pair.right)].left
        return (left_best is not pair.right and gives(pair.left, d.left, left_best)) or \
            (right_best is not pair.left and gives(pair.right, d.right, right_best))
    return test


def _same_claim(pairs: Sequence[SentencePair]) -> Callable[[Mention, Mention], bool]:
    """Whether two mentions sit in two sentences that state one fact."""
    sentences: dict[int, list[tuple[int, int, int, int, int]]] = {}
    for p in pairs:
        sentences.setdefault(p.left.paragraph, []).append(
            (p.left.sent.start_char, p.left.sent.end_char, p.right.paragraph,
             p.right.sent.start_char, p.right.sent.end_char))

    def test(lm: Mention, rm: Mention) -> bool:
        return any(ls <= lm.start < le and rp == rm.paragraph and rs <= rm.start < re_
                   for ls, le, rp, rs, re_ in sentences.get(lm.paragraph, ()))
    return test


def _in_pair(pair: SentencePair, facts: _PerSentence) -> list[Divergence]:
    """Figures, dates, people and titles two sentences that state one fact give differently."""
    out: list[Divergence] = []
    la, ra = facts(amounts, pair.left), facts(amounts, pair.right)
    lsp, rsp = facts(speakers, pair.left), facts(speakers, pair.right)
    for slot in slots(pair, facts(words, pair.left), facts(words, pair.right)):
        out += slot_figures(pair, slot, la, ra)
        out += slot_dates(pair, slot)
        out += slot_people(pair, slot, lsp, rsp)
        out += slot_bodies(pair, slot)
    out += paraphrased_figures(pair, la, ra)
    out += paraphrased_dates(pair)
    out += lone_dates(pair)
    out += actor_dates(pair)
    out += time_of_day(pair)
    out += qualified_bodies(pair)
    out += attribution(pair, lsp, rsp, _dice(facts(_claim, pair.left, lsp),
                                             facts(_claim, pair.right, rsp)))
    out += role_phrases(pair, facts(roles, pair.left), facts(roles, pair.right))
    return out


def _claim(side: Side, found: Sequence) -> frozenset[str]:
    """A sentence's content lemmas outside its speaker phrases `found`."""
    skip = {i for s in found for i in range(s.first, s.last)}
    return frozenset(t.lemma_.lower() for t in side.sent if t.i not in skip and t.is_alpha
                     and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice overlap of two claims' lemmas."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


class _PerSentence:
    """What a rule reads off one sentence, worked out once per sentence rather than per pair."""

    def __init__(self) -> None:
        self._found: dict[tuple[Callable[..., object], int], object] = {}

    def __call__(self, rule: Callable[..., T], side: Side, *found: object) -> T:
        """`rule(side, *found)`, where `found` is what was read off the same sentence before."""
        key = (rule, id(side))
        if key not in self._found:
            self._found[key] = rule(side, *found)
        return self._found[key]  # type: ignore[return-value]


# -- actions ------------------------------------------------------------------------------------

def _lemmas(tok: object) -> tuple[str, ...]:
    """Lemma candidates; title-case headlines leave spaCy's lemma as the word ("Breaks")."""
    lemma, lower = tok.lemma_.lower(), tok.lower_  # type: ignore[attr-defined]
    stems = [lower[:-n] for n in (1, 2, 3) if len(lower) > n + 2 and lower.endswith(
        ("s", "es", "ed", "ing")[n - 1 if n < 3 else 3])]
    return tuple(dict.fromkeys([lemma, lower, *stems]))


def _action_words(side: Side) -> list[tuple[str, str, int]]:
    """Every action word of a sentence: (family, class, token index), in order."""
    out = []
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
        out.append((family, cls, tok.i))
    return out


def _action_classes(side: Side, words: Sequence[tuple[str, str, int]]
                    ) -> dict[str, tuple[str, int]]:
    """The first action word of each family in a sentence: family -> (class, token index)."""
    out: dict[str, tuple[str, int]] = {}
    for family, cls, i in words:
        out.setdefault(family, (cls, i))
    return out


def _actions(pair: SentencePair, facts: _PerSentence) -> list[tuple[tuple[str, str], Divergence]]:
    """The same decision or event told with actions that mean different things."""
    lw, rw = facts(_action_words, pair.left), facts(_action_words, pair.right)
    la, ra = facts(_action_classes, pair.left, lw), facts(_action_classes, pair.right, rw)
    out = []
    for family, (lcls, li) in la.items():
        if family not in ra or ra[family][0] == lcls:
            continue
        rcls, ri = ra[family]
        if rcls in {c for _, c, _ in lw} or lcls in {c for _, c, _ in rw}:
            continue  # each act is told on both sides: "hurt" / "missed games with the injury"
        if any({(family, lcls), (family, rcls)} <= stages for stages in STAGES):
            continue  # "arrested" / "charged": two stages of one process, as each outlet knows
        if dated_apart(pair, (li, li + 1), (ri, ri + 1)):
            continue  # "In 2013, Obama removed Mattis" / "Mattis resigned Thursday"
        largs, rargs = _arguments(pair.left.sent.doc[li]), _arguments(pair.right.sent.doc[ri])
        shared = largs & rargs
        if not shared:
            continue  # "suspend" and "end" must be said of the same thing
        ldoer, rdoer = _doer(pair.left, li), _doer(pair.right, ri)
        if ldoer and rdoer and not ldoer & rdoer and not ldoer & rargs and not rdoer & largs:
            continue  # two doers, two acts of one story: "the legislature passed" / "vetoed"
        if family in OPPOSED_FAMILIES and not ldoer & rdoer:
            continue  # opposite acts by unnamed or different doers: two sides of one story
        confidence = round(min(0.35 + 0.6 * pair.overlap + 0.05 * len(shared), 0.9), 2)
        if family in VICTIM_FAMILIES and confidence < REWORDED and \
                not shared & _people(pair.left) & _people(pair.right):
            continue  # "killed" / "wounded" in loosely matched sentences: different victims
        if family in VICTIM_FAMILIES and _counts_differ(pair, facts, li, ri):
            continue  # "killed five people" / "injured 40 people": two counts of victims
        ls = _with_particle(pair.left, tok_span(pair.left, li, li + 1), li)
        rs = _with_particle(pair.right, tok_span(pair.right, ri, ri + 1), ri)
        note = f"A different action: {ls.text} ({lcls}) vs {rs.text} ({rcls})"
        out.append(((lcls, rcls), Divergence("other", ls, rs, note, 1, confidence)))
    return out


def _counts_differ(pair: SentencePair, facts: _PerSentence, li: int, ri: int) -> bool:
    """Both acts (tokens li, ri) have a count of what they befell, and not the same one."""
    def counts(side: Side, i: int) -> set[float]:
        lemma = side.sent.doc[i].lemma_.lower()
        return {a.value for a in facts(amounts, side) if a.label in ("CARDINAL", "QUANTITY")
                and predicate(side.sent.doc, a.start, a.end) == lemma}
    left, right = counts(pair.left, li), counts(pair.right, ri)
    return bool(left and right) and not left & right


def _people(side: Side) -> set[str]:
    """Lemmas of the words of the people a sentence names."""
    return {t.lemma_.lower() for t in side.sent if t.ent_type_ == "PERSON"}


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "poss", "compound"})


def _arguments(tok: Token) -> set[str]:
    """Lemmas of who or what an action is done by or to (its subject, object, their words)."""
    verbs = [tok]
    if tok.dep_ in ("xcomp", "conj"):  # "decided to suspend"
        verbs.append(tok.head)
    heads = [c for v in verbs for c in v.children
             if c.dep_ in _ARGUMENT_DEPS or c.dep_ == "prep"]
    if tok.dep_ in ("relcl", "acl", "amod") or tok.pos_ in ("NOUN", "PROPN"):
        heads.append(tok.head)  # "Flynn, whom he fired"
    out = set()
    for h in heads:
        for t in ([h, *h.children] if h.dep_ != "prep" else list(h.children)):
            if t.pos_ in ("NOUN", "PROPN", "ADJ") and not t.is_stop and t is not tok:
                out.add(t.lemma_.lower())
    return out


def _doer(side: Side, i: int) -> set[str]:
    """Lemmas of who does the action at token i: its subject (or "by" agent, or possessor),
    else that of the verb it completes ("vowed to block", "announces veto"); a relative clause's
    or participle's head noun ("Democrats who backed", "a statement disputing"); a pronoun
    stands for the last person the sentence names before it. Empty when nobody is said."""
    doc = side.sent.doc
    tok = doc[i]
    for _ in range(3):
        found = next((c for c in tok.children if c.dep_ == "nsubj"), None) or next(
            (g for c in tok.children if c.dep_ == "agent" for g in c.children
             if g.dep_ == "pobj"), None)
        if found is None and tok.pos_ in ("NOUN", "PROPN"):
            found = next((c for c in tok.children if c.dep_ == "poss"), None)
        if found is not None and found.tag_ in ("WP", "WDT", "WP$") and tok.dep_ == "relcl":
            return _named(tok.head)
        if found is not None and found.pos_ == "PRON":
            people = [k for k in side.keys if k[3] == "PERSON"
                      and side.sent.start_char <= k[0] and k[1] <= found.idx]
            if not people:
                return set()
            return {t.lemma_.lower() for t in doc.char_span(people[-1][0], people[-1][1],
                                                            alignment_mode="expand") or ()
                    if t.pos_ == "PROPN"}
        if found is not None:
            return _named(found)
        if tok.dep_ in ("relcl", "acl"):
            return _named(tok.head)
        if tok.dep_ not in ("xcomp", "dobj", "conj") or tok.head.i == tok.i:
            return set()
        tok = tok.head
    return set()


def _named(tok: Token) -> set[str]:
    """Content lemmas of a noun phrase's head and the words that name it ("Mueller's
    statement", "Senate Republicans")."""
    return {t.lemma_.lower() for t in (tok, *tok.children)
            if (t is tok or t.dep_ in ("compound", "poss", "amod"))
            and t.pos_ in ("NOUN", "PROPN") and not t.is_stop}


def _with_particle(side: Side, span: Span, i: int) -> Span:
    doc = side.sent.doc
    if i + 1 < len(doc) and (doc[i + 1].dep_ == "prt" or doc[i + 1].lower_ in
                             set(PARTICLE_REQUIRED.values())):
        return tok_span(side, i, i + 2)
    return span


# -- ranking ------------------------------------------------------------------------------------

_KIND_ORDER: dict[DivergenceKind, int] = {
    "number": 0, "spelling": 1, "title": 2, "attribution": 3, "date": 4, "quote": 5,
    "place": 6, "other": 7,
}


def _ranked(found: list[Divergence]) -> tuple[Divergence, ...]:
    """Drop repeats (overlapping spans on both sides, the surer kept), then by severity and
    confidence."""
    kept: list[Divergence] = []
    for d in sorted(found, key=lambda d: (-d.confidence, -d.severity, _KIND_ORDER[d.kind])):
        if not any(_overlaps(d.left, k.left) and _overlaps(d.right, k.right) for k in kept):
            kept.append(d)
    return tuple(sorted(kept, key=lambda d: (-d.severity, -d.confidence, _KIND_ORDER[d.kind],
                                             d.left.paragraph, d.left.start)))


def _overlaps(a: Span, b: Span) -> bool:
    return a.paragraph == b.paragraph and a.start < b.end and b.start < a.end
