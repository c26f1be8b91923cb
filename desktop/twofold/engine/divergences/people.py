"""People: a name spelled differently, a person given another title, a statement credited to
someone else.

Equivalent forms are not differences: "Rep." and "Representative", a party or home state before a
title, a middle initial, an honorific. A short first name (Dave/David) is at most [low]. A title
conflicts only when neither side's role words contain the other's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..entities.gazetteer import is_demonym, lookup_place
from ..model import Article, Divergence, Entity, Link, Mention, Span
from .equivalence import (
    HONORIFICS,
    SUFFIXES,
    is_given_name,
    is_known_given_name,
    name_parts,
    name_relation,
    title_word,
)
from .lexicon import REPORTING_VERBS, ROLE_SYNONYMS, TITLE_FILLER
from .pairs import SentencePair, Side
from .quotes import within_quotation
from .slots import Slot
from .spans import tok_span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_ELECT = re.compile(r"-(?:elect|designate)$", re.IGNORECASE)
# Words that say which party, place or time a title belongs to, not which office it is.
_NOT_THE_OFFICE = frozenset({
    "democratic", "democrat", "republican", "gop", "independent", "d", "r", "state", "u.s", "us",
    "federal", "fellow", "former", "then", "longtime", "veteran", "top", "senior", "incoming",
    "outgoing", "first", "new", "ranking", "freshman", "embattled", "disgraced", "retired",
    # how one came to the office, not the office: "(re-)elected Representative Hoyer"
    "elected", "reelected", "appointed", "confirmed", "named", "nominated", "sworn",
})
# Role words too general to conflict with a specific one ("official" may be a "spokesperson").
_GENERIC = frozenset({"official", "leader", "lawmaker", "member", "aide", "staffer", "figure",
                      "politician", "officer", "head", "chief", "executive"})
# Overlap of two sentences' words outside their speakers for one statement credited to two
# different people (many officials say much the same), and to a person or their spokesman.
_SAME_CLAIM = (0.7, 0.5)
_QUOTED_WORDS, _QUOTED_SHARE = 2, 0.85  # quoted words two statements share, of the shorter
_ANOTHER_PERSON = 0.65  # one surname in one place of one fact, the given names unrelated
_SYNONYMS = {"lawyer": "attorney", "counsel": "attorney", "ceo": "executive",
             "congressman": "representative", "congresswoman": "representative"}
# Words that put a title in the past, and the roles of someone running for an office.
_PAST = frozenset({"former", "ex", "then", "onetime", "erstwhile", "late", "outgoing",
                   "retired"})
_RUNNING = frozenset({"candidate", "nominee", "challenger", "hopeful", "contender",
                      "frontrunner", "presidential", "gubernatorial", "likely", "potential",
                      "presumptive", "possible", "prospective", "would-be"})
# A seat in an elected body, and the posts its members are elected to inside it: one person
# holds both at once ("Rep." and "House Majority Whip", "Sen." and "Minority Leader").
_SEATS = frozenset({"representative", "senator", "delegate", "assemblyman", "assemblywoman",
                    "assemblymember", "councilman", "councilwoman", "councillor", "alderman",
                    "legislator", "mp"})
_POSTS_OF_MEMBERS = frozenset({"whip", "chair", "leader", "caucus", "conference",
                               "majority", "minority", "deputy", "assistant", "vice", "ranking"})


def title_words(title: str) -> frozenset[str]:
    """The words that fix an office, comparable across outlets' style."""
    from ..entities.names import is_title_word

    words = set()
    for raw in re.findall(r"[\w'’.-]+", title):
        cased = raw.rstrip(".").removesuffix("'s").removesuffix("’s")
        # "President-elect" will hold the office "President" names (an article written after
        # the swearing-in says so): like "incoming", a time, not another office
        cased = _ELECT.sub("", cased)
        word = title_word(cased.lower())
        word = _SYNONYMS.get(word, ROLE_SYNONYMS.get(word, word))
        if not word or word in TITLE_FILLER or word in _NOT_THE_OFFICE or word in _GENERIC \
                or word in HONORIFICS:
            continue  # "Mr." is a courtesy, not an office
        if cased[:1].isupper() and (lookup_place(cased) is not None or is_demonym(cased)):
            continue  # "Niger's government spokesman" is the government spokesman
        if not is_title_word(word) and word not in _SYNONYMS.values():
            continue  # an organisation's name or a description, not the office
        words.add(word)
    if {"press", "secretary"} <= words:  # a press secretary is the spokesperson
        words -= {"press", "secretary"}
        words.add("spokesperson")
    for word, phrase in _ROLE_WORDS.items():
        if word in words:  # "Prosecutor" is a district attorney: "Assistant District Attorney"
            words = (words - {word}) | phrase
    return frozenset(words)


# One word for an office others write in several ("public defender" / "defense attorney").
_ROLE_WORDS = {
    "prosecutor": frozenset({"district", "attorney"}),
    "defender": frozenset({"defense", "attorney"}),
}


def _past(titles: list[str]) -> bool:
    return any(_PAST & set(re.findall(r"[a-z]+", t.lower())) or "ex-" in t.lower()
               for t in titles)


def titles_differ(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two titles give different offices (not one a detail of the other)."""
    a, b = list(a), list(b)
    if _past(a) != _past(b):
        return False  # a former office goes with a present one
    wa = frozenset().union(*(title_words(t) for t in a))
    wb = frozenset().union(*(title_words(t) for t in b))
    if (wa and wa <= _RUNNING) or (wb and wb <= _RUNNING):
        return False  # running for an office goes with holding another
    if (wa <= _SEATS and wb <= _POSTS_OF_MEMBERS) or (wb <= _SEATS and wa <= _POSTS_OF_MEMBERS) \
            or {*wa, *wb} == {"representative", "speaker"}:
        return False  # a member of a body and a post its members hold (the House's Speaker)
    return bool(wa and wb) and not (wa <= wb or wb <= wa)


def entity_titles(left_entities: Sequence[Entity], right_entities: Sequence[Entity],
                  left: Article, right: Article, paired: set[tuple[int, int]]
                  ) -> list[Divergence]:
    """The same person given conflicting offices: every title of one side against the other's."""
    others = {e.key: e for e in right_entities}
    out = []
    for e in left_entities:
        o = others.get(e.key)
        if e.label != "PERSON" or o is None or not e.titles or not o.titles:
            continue
        if not all(titles_differ([a], [b]) for a in e.titles for b in o.titles):
            continue
        ls, rs = _title_span(left, e), _title_span(right, o)
        if ls and rs:
            # conflicting titles in sentences that state one fact are surer than anywhere
            confidence = 0.75 if (ls.paragraph, rs.paragraph) in paired else 0.55
            note = f"{e.name} is given another office: {ls.text} vs {rs.text}"
            out.append(Divergence("title", ls, rs, note, 1, confidence))
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


def role_phrases(pair: SentencePair, lroles: dict[str, tuple[int, int]],
                 rroles: dict[str, tuple[int, int]]) -> list[Divergence]:
    """Two sentences naming the same role slot ("led by ...") with conflicting titles."""
    out = []
    for governor, (lf, ll) in lroles.items():
        if governor not in rroles:
            continue
        rf, rl = rroles[governor]
        ls, rs = tok_span(pair.left, lf, ll), tok_span(pair.right, rf, rl)
        if titles_differ([_strip_names(pair.left, lf, ll)], [_strip_names(pair.right, rf, rl)]):
            confidence = round(min(0.45 + 0.5 * pair.overlap, 0.85), 2)
            out.append(Divergence("title", ls, rs, f"The title differs: {ls.text} vs {rs.text}",
                                  1, confidence))
    return out


def roles(side: Side) -> dict[str, tuple[int, int]]:
    """Role phrases keyed by the verb and preposition that govern them ("lead/by")."""
    from ..entities.names import is_role_head

    out: dict[str, tuple[int, int]] = {}
    for tok in side.sent:
        if tok.dep_ != "pobj" or (tok.head.dep_ != "agent" and tok.head.dep_ != "prep"):
            continue
        if not (is_role_head(tok.text) or tok.ent_type_ == "PERSON"):
            continue  # "a statement by the Justice Department": an office, not a person's title
        phrase = side.sent.doc[tok.left_edge.i: tok.right_edge.i + 1]
        if len(phrase) > 14 or not any(is_role_head(t.text) and t.text[:1].isupper()
                                       for t in phrase):
            continue
        governor = f"{tok.head.head.lemma_.lower()}/{tok.head.lower_}"
        out[governor] = (phrase.start, phrase.end)
    return out


def _strip_names(side: Side, first: int, last: int) -> str:
    """The phrase without the names of people in it, which are not part of a title."""
    start, end = side.chars(first, last)
    text = side.text
    for s, e, _, label in sorted(side.keys, reverse=True):
        if label == "PERSON" and start <= s and e <= end:
            text = text[:s] + text[e:]
            end -= e - s
    return text[start:end]


# -- spelling -----------------------------------------------------------------------------------

def spelling(left_entities: Sequence[Entity], right_entities: Sequence[Entity],
             left: Article, right: Article, links: Sequence[Link],
             same_claim: Callable[[Mention, Mention], bool]) -> list[Divergence]:
    """A person both articles name, spelled differently (a short first name is only [low]).

    Of the mentions in each spelling, the two in sentences that state one fact are shown.
    """
    linked = {(k.left, k.right) for k in links}
    out = []
    lpeople = [e for e in left_entities if e.label == "PERSON"]
    rpeople = [e for e in right_entities if e.label == "PERSON"]
    lkeys, rkeys = {e.key for e in lpeople}, {o.key for o in rpeople}
    for e in lpeople:
        for o in rpeople:
            if o.key != e.key and not _possible_pair(e, o):
                continue
            found = _spelled(e, o, left, right, linked, same_claim)
            if found is None and (e.key == o.key or (e.key not in rkeys and o.key not in lkeys)):
                found = _another_person(e, o, left, right, same_claim)
            if found:
                out.append(found)
    return out


def place_spelling(left_entities: Sequence[Entity], right_entities: Sequence[Entity],
                   left: Article, right: Article,
                   same_claim: Callable[[Mention, Mention], bool]) -> list[Divergence]:
    """A place both articles name, spelled differently ("Bireuen" / "Bireun"): the entity
    linking's spelling variants of a place the gazetteer does not know (it spells the places it
    knows one way: "Kiev" / "Kyiv" is one key, no variant)."""
    right_by_key = {o.key: o for o in right_entities if o.label in ("GPE", "LOC")}
    out = []
    for e in left_entities:
        o = right_by_key.get(e.key)
        if e.label not in ("GPE", "LOC") or o is None or not e.other_forms:
            continue
        variants = set(e.other_forms)
        rm = [m for m in o.mentions if _form(right, m) in variants]
        if not rm:
            continue
        a, b = min(((x, y) for x in e.mentions for y in rm),
                   key=lambda p: (not same_claim(p[0], p[1]), p[0].paragraph, p[1].paragraph))
        fa, fb = _form(left, a), _form(right, b)
        out.append(Divergence("spelling", Span(a.paragraph, a.start, a.end, fa),
                              Span(b.paragraph, b.start, b.end, fb),
                              f"The place name is spelled differently: {fa} vs {fb}", 1, 0.8))
    return out


def _another_person(e: Entity, o: Entity, left: Article, right: Article,
                    same_claim: Callable[[Mention, Mention], bool]) -> Divergence | None:
    """Two people of one surname, each named by one article only, in the place of one another
    in sentences that state one fact (Loretta Sanchez / Linda Sánchez: sisters, not a spelling).
    """
    full = [(fa, fb) for fa in e.forms for fb in o.forms
            if len(name_parts(fa)) >= 2 and len(name_parts(fb)) >= 2]
    if not full or not all(_other_given_name(fa, fb) for fa, fb in full):
        return None  # some full form of one is a form of the other: one person
    # a bare surname ("Obama actions") does not say which of the family it is
    pairs = [(a, b) for a in e.mentions for b in o.mentions if same_claim(a, b)
             and len(name_parts(_form(left, a))) >= 2 and len(name_parts(_form(right, b))) >= 2
             and not _names_given(left, a, _form(right, b))
             and not _names_given(right, b, _form(left, a))]
    if not pairs:
        return None
    a, b = pairs[0]
    ls = Span(a.paragraph, a.start, a.end, _form(left, a))
    rs = Span(b.paragraph, b.start, b.end, _form(right, b))
    fa, fb = full[0]
    return Divergence("spelling", ls, rs, f"Another person is named: {fa} vs {fb}", 1,
                      _ANOTHER_PERSON)


def _names_given(article: Article, m: Mention, other: str) -> bool:
    """Whether the paragraph of a mention also names the other person by given name: "convicted
    Scott Peterson of murder in the death of his wife, Laci" speaks of both, as does "the death
    of Laci Peterson" beside it."""
    given = name_parts(other)[0]
    text = article.paragraphs[m.paragraph].text
    return re.search(rf"\b{re.escape(given)}\b", text, re.IGNORECASE) is not None


def _other_given_name(a: str, b: str) -> bool:
    """One surname with unrelated given names (no short form, initial or suffix between them),
    both known as given names (not a word the recogniser took into the name: "Plus Obama")."""
    pa, pb = name_parts(a), name_parts(b)
    return pa[-1] == pb[-1] and not set(pa[:-1]) & set(pb[:-1]) and \
        not {pa[-1], pb[-1]} & SUFFIXES and name_relation(a, b) == "other" and \
        is_given_name(pa[0]) and is_given_name(pb[0])


def _given_name_read(side: Side, name: str) -> bool:
    """Whether a name's first word can be taken as a given name where it stands: in a line that
    capitalises every word (a Title Case headline) a verb before a surname looks like one ("Latest
    to Chide Ryan"), so there only a name the name lists know counts."""
    words = [t for t in side.sent if t.is_alpha and len(t) > 3]
    cased = len(words) >= 4 and all(t.text[0].isupper() for t in words)
    return not cased or is_known_given_name(name_parts(name)[0])


def _possible_pair(e: Entity, o: Entity) -> bool:
    """An unlinked pair worth comparing: the same surname, or a close one."""
    return e.name.split()[-1][:1].lower() == o.name.split()[-1][:1].lower()


def _spelled(e: Entity, o: Entity, left: Article, right: Article,
             linked: set[tuple[int, int]], same_claim: Callable[[Mention, Mention], bool]
             ) -> Divergence | None:
    best = None
    # a short form someone is quoted saying ("Mike Bloomberg is doing a great job") is theirs,
    # not the outlet's way of naming the person
    lown, rown = _unquoted_forms(left, e), _unquoted_forms(right, o)
    for fa in e.forms:
        for fb in o.forms:
            relation = name_relation(fa, fb)
            if relation == "short" and (fa not in lown or fb not in rown):
                continue
            # a form the other side never writes; the other side may also write ours (an
            # article that spells a name two ways disagrees with itself and with us)
            if relation in ("variant", "short") and fb not in e.forms:
                rank = 0 if relation == "variant" else 1
                if best is None or rank < best[0]:
                    best = (rank, fa, fb, relation)
    if best is None:
        return None
    full = [(x, y) for x in e.forms for y in o.forms
            if len(name_parts(x)) >= 2 and len(name_parts(y)) >= 2]
    if full and all(name_relation(x, y) == "other" for x, y in full):
        return None  # William Barr and Richard Burr: two people, not one name misspelled
    if e.titles and o.titles and titles_differ(e.titles, o.titles):
        return None  # an attorney general and a senator of like names: two people
    _, fa, fb, relation = best
    # a form of one name that the other side also writes the usual way is one outlet's slip
    lm = list(e.mentions)  # any mention of the person; the other side's in the odd spelling
    rm = [m for m in o.mentions if _form(right, m) == fb]
    if not lm or not rm:
        return None
    a, b = min(((x, y) for x in lm for y in rm),
               key=lambda p: (not same_claim(p[0], p[1]), _form(left, p[0]) != fa,
                              (p[0].paragraph, p[1].paragraph) not in linked,
                              p[0].paragraph, p[1].paragraph))
    ls = Span(a.paragraph, a.start, a.end, _form(left, a))
    rs = Span(b.paragraph, b.start, b.end, fb)
    if relation == "short":
        return Divergence("spelling", ls, rs,
                          f"A short form of the first name: {fa} vs {fb}", 0, 0.7)
    return Divergence("spelling", ls, rs, f"The name is spelled differently: {fa} vs {fb}",
                      1, 0.8)


def _form(article: Article, m: Mention) -> str:
    return article.paragraphs[m.paragraph].text[m.start:m.end]


def _unquoted_forms(article: Article, entity: Entity) -> set[str]:
    """The forms of a name the article writes at least once outside quotation marks."""
    return {_form(article, m) for m in entity.mentions
            if not within_quotation(article.paragraphs[m.paragraph].text, m.start)}


# -- who says it --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Speaker:
    first: int  # token range of the whole speaker phrase
    last: int
    keys: frozenset[str]
    via_role: bool  # "a spokesman for X": X speaks through someone else
    # who speaks: the people the phrase names (else its bodies), not whom they speak for
    own: frozenset[str] = frozenset()
    # tokens of the statement: the reporting verb's clause, not clauses joined to it by "and"
    statement: frozenset[int] = frozenset()


def speakers(side: Side) -> list[Speaker]:
    """Who a sentence says made its statement: subjects of reporting verbs, "according to X"."""
    out = []
    for tok in side.sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING_VERBS:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN"):
                out.append(_speaker(side, child.left_edge.i, child.right_edge.i + 1, child, tok))
    for tok in side.sent:  # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for obj in tok.nbor().children:
                if obj.dep_ == "pobj":
                    out.append(_speaker(side, obj.left_edge.i, obj.right_edge.i + 1, obj, None))
    return [s for s in out if s.keys]


def _speaker(side: Side, first: int, last: int, head: Token, verb: Token | None) -> Speaker:
    doc = side.sent.doc
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    found = [(s, k, label) for s, e, k, label in side.keys
             if start <= s and e <= end and label in ("PERSON", "ORG")]
    # "a spokesman for X", "X's lawyer": X is whom the speaker speaks for, not who speaks (a
    # name set beside X, "for Mr. Hunter, Michael Harrison", is the speaker's own)
    principal = {t.idx for c in head.children if (c.dep_ == "prep" and c.lower_ in ("for", "of"))
                 or (c.dep_ == "poss" and head.pos_ == "NOUN") for t in c.subtree} - {
        t.idx for c in head.subtree if c.dep_ == "appos" for t in c.subtree}
    speaking = [(k, label) for s, k, label in found if s not in principal]
    own = frozenset(k for k, label in speaking if label == "PERSON") or frozenset(
        k for k, _ in speaking)
    via = bool(principal) and head.lower_ not in ("government", "ministry") and \
        head.pos_ == "NOUN"
    if verb is None:
        statement = frozenset(range(side.sent.start, side.sent.end))
    else:  # "said X, and referred a reporter to a letter Y sent": Y's letter is another act
        joined = {t.i for c in verb.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        statement = frozenset(t.i for t in verb.subtree if t.i not in joined)
    return Speaker(first, last, frozenset(k for _, k, _ in found), via, own, statement)


def _named_in(side: Side, tokens: frozenset[int]) -> set[str]:
    """Entity keys mentioned at the given tokens of a sentence."""
    doc = side.sent.doc
    return {k for s, _, k, _ in side.keys if any(
        doc[i].idx <= s < doc[i].idx + len(doc[i].text) for i in tokens)}


_QUOTED = re.compile(r"[“\"«„]([^”\"»“„«]+)[”\"»“]")


def _quoted(side: Side, s: Speaker) -> set[str]:
    """Content lemmas a speaker's statement puts between quote marks; names are left out, since
    two remarks about the same people share them whoever makes them."""
    doc = side.sent.doc
    ranges = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(side.text)]
    return {doc[i].lemma_.lower() for i in s.statement if doc[i].is_alpha and not doc[i].is_stop
            and doc[i].pos_ != "PROPN" and not doc[i].ent_type_
            and any(a <= doc[i].idx < b for a, b in ranges)}


def _same_quote(pair: SentencePair, a: Speaker, b: Speaker) -> bool:
    """Both statements quote the same words: two content words or more, most of the shorter
    quotation ("politically motivated" / "believes this action is purely politically
    motivated")."""
    lq, rq = _quoted(pair.left, a), _quoted(pair.right, b)
    shared = len(lq & rq)
    return shared >= _QUOTED_WORDS and shared >= _QUOTED_SHARE * min(len(lq), len(rq))


def attribution(pair: SentencePair, lsp: Sequence[Speaker], rsp: Sequence[Speaker],
                claim: float) -> list[Divergence]:
    """The same statement credited to different people or bodies.

    `claim` says how surely the two sentences make the same statement, apart from who makes it
    (the overlap of their words outside the speaker phrases); the same words quoted by both
    make it surer. A speaker named in the other's statement may be its source, not another.
    """
    if len(lsp) != 1 or len(rsp) != 1:
        return []
    a, b = lsp[0], rsp[0]
    quoted = _same_quote(pair, a, b)
    if claim < _SAME_CLAIM[1] and not quoted:
        return []
    # an unnamed speaker ("Mr. Strzok's lawyer", "a spokesman") may be the other's named one
    differs = bool(a.own and b.own) and not (a.own & b.own) and \
        not (a.own & _named_in(pair.right, b.statement)) and \
        not (b.own & _named_in(pair.left, a.statement)) and not _one_person(pair, a, b)
    # one named for the other's principal: "Trump said" / "a spokesman for Trump said"
    relayed = bool((a.keys & b.keys) - (a.own & b.own)) and a.via_role != b.via_role and \
        claim >= _SAME_CLAIM[1]
    if not ((differs and (claim >= _SAME_CLAIM[0] or quoted)) or relayed):
        return []
    ls, rs = tok_span(pair.left, a.first, a.last), tok_span(pair.right, b.first, b.last)
    note = (f"The statement is credited to {ls.text} vs {rs.text}" if differs else
            f"The speaker differs: {ls.text} vs {rs.text} (the person, or someone for them)")
    confidence = 0.4 + 0.5 * max(claim, _SAME_CLAIM[0] * quoted)
    return [Divergence("attribution", ls, rs, note, 1, round(min(confidence, 0.95), 2))]


def _one_person(pair: SentencePair, a: Speaker, b: Speaker) -> bool:
    """Two speaker phrases naming one person in two spellings ("David" / "Dave Vermeulen")."""
    def names(side: Side, s: Speaker) -> list[str]:
        start, end = side.chars(s.first, s.last)
        return [side.text[k[0]:k[1]] for k in side.keys
                if k[3] == "PERSON" and start <= k[0] and k[1] <= end]
    return any(name_relation(x, y) != "other" or _bare_surname(x, y)
               for x in names(pair.left, a) for y in names(pair.right, b))


def _bare_surname(a: str, b: str) -> bool:
    """One side names only the other's surname ("Mr. Trump" / "Trump Jr."): it may be either
    of a family, so it is no evidence of another speaker."""
    pa, pb = (tuple(w for w in name_parts(x) if w not in SUFFIXES) for x in (a, b))
    return bool(pa and pb) and (len(pa) == 1 or len(pb) == 1) and pa[-1] == pb[-1]


# -- people in parallel slots -------------------------------------------------------------------

def slot_people(pair: SentencePair, slot: Slot, lsp: Sequence[Speaker],
                rsp: Sequence[Speaker]) -> list[Divergence]:
    """A person, or a person's title, that fills one parallel slot differently."""
    lp = [k for k in pair.left.keys if k[3] == "PERSON" and _covers(pair.left, slot.left, k)]
    rp = [k for k in pair.right.keys if k[3] == "PERSON" and _covers(pair.right, slot.right, k)]
    confidence = round(min(1.0, 0.4 + 0.4 * slot.anchored + 0.3 * slot.parallel), 2)
    if len(lp) == 1 and len(rp) == 1:
        (ls_, le, lkey, _), (rs_, re_, rkey, _) = lp[0], rp[0]
        ltext = pair.left.text[ls_:le]
        rtext = pair.right.text[rs_:re_]
        ls = Span(pair.left.paragraph, ls_, le, ltext)
        rs = Span(pair.right.paragraph, rs_, re_, rtext)
        relation = name_relation(ltext, rtext)
        if relation == "other" and lkey != rkey:
            says = _is_speaker(lsp, pair.left, ls_) and _is_speaker(rsp, pair.right, rs_)
            if says and slot.parallel >= _SAME_CLAIM[1]:
                return [Divergence("attribution", ls, rs,
                                   f"The statement is credited to {ltext} vs {rtext}", 1,
                                   confidence)]
            if ltext.split()[-1] == rtext.split()[-1] and _other_given_name(ltext, rtext) and \
                    _given_name_read(pair.left, ltext) and _given_name_read(pair.right, rtext):
                return [Divergence("spelling", ls, rs, f"A different first name: {ltext} vs "
                                   f"{rtext} (another person, or the wrong name)", 1,
                                   confidence)]
        return []
    return _slot_title(pair, slot, confidence)


def _slot_title(pair: SentencePair, slot: Slot, confidence: float) -> list[Divergence]:
    """Different title words written before the same person in a parallel slot."""
    if slot.after < 1:
        return []
    ldoc, rdoc = pair.left.sent.doc, pair.right.sent.doc
    if not (_title_like(ldoc[slot.left[0]:slot.left[1]]) and
            _title_like(rdoc[slot.right[0]:slot.right[1]])):
        return []
    lstart, lend = pair.left.chars(*slot.left)
    rstart, rend = pair.right.chars(*slot.right)
    if not titles_differ([pair.left.text[lstart:lend]], [pair.right.text[rstart:rend]]):
        return []
    # the slot must end where a person's name begins on both sides
    lnext = [k for k in pair.left.keys if k[3] == "PERSON" and 0 <= k[0] - lend <= 1]
    rnext = [k for k in pair.right.keys if k[3] == "PERSON" and 0 <= k[0] - rend <= 1]
    if not lnext or not rnext or lnext[0][2] != rnext[0][2]:
        return []
    ls = tok_span(pair.left, slot.left[0], slot.left[1])
    rs = tok_span(pair.right, slot.right[0], slot.right[1])
    return [Divergence("title", ls, rs, f"The title differs: {ls.text} vs {rs.text}", 1,
                       confidence)]


def _title_like(tokens: SpacySpan) -> bool:
    """Words that can make up a title before a name ("California Democratic Rep.")."""
    from ..entities.names import is_title_word

    return all(t.is_punct or t.text[:1].isupper() or is_title_word(t.text) for t in tokens)


def _covers(side: Side, rng: tuple[int, int], key: tuple[int, int, str, str]) -> bool:
    start, end = side.chars(*rng)
    return key[0] < end and start < key[1]


def _is_speaker(found: Sequence[Speaker], side: Side, char: int) -> bool:
    """Whether the name at `char` is in a speaker phrase and is who speaks there, not whom the
    speaker speaks for ("Mr. Strzok's lawyer")."""
    return any(side.starts[s.first] <= char < side.ends[s.last - 1] and any(
        k[0] == char and k[2] in s.own for k in side.keys) for s in found)
