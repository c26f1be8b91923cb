"""Name mentions proposed by spaCy and the gazetteer, cleaned: one paragraph at a time.

The model's spans are split at punctuation, trimmed of determiners and possessives, stripped of
titles (kept aside), checked against the gazetteer, and given votes for a type; places the model
missed are added from the gazetteer. The votes are counted in `entities`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Article
from .gazetteer import Place, gazetteer, is_demonym, lookup_place
from .names import (
    GEO_HEADS,
    LEGAL_FORMS,
    ORG_HEADS,
    appositive_titles,
    bare,
    is_acronym,
    is_honorific,
    is_name_like,
    is_particle,
    is_rank,
    is_role_head,
    is_title_word,
    title_before,
    word_zipf,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT",
                          "WORK_OF_ART", "EVENT", "LAW"})
_ORG_ENDS = ORG_HEADS | LEGAL_FORMS
_TITLED = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
CUE = 3  # a rule's vote outweighs a few of the model's


@dataclass(slots=True)
class Candidate:
    """A name mention in the making: token range of the name, optional rank before it."""

    para: int
    start: int
    end: int
    text: str
    votes: Counter[str] = field(default_factory=Counter)
    place: Place | None = None
    rank: int | None = None  # token index of a rank kept in the form ("Col.")
    titles: list[str] = field(default_factory=list)
    alias_of: tuple[int, int] | None = None  # (para, start token) of the name an acronym expands
    weak: bool = False  # only counts when the pair backs it up (an acronym in a headline)
    source: bool = False  # a one-word name where a source stands ("told Politico", "used Twitter")
    honoured: bool = False  # after "Mr.", "Ms.", "Dr.": a person's name


def candidates(article: Article, docs: Sequence[Doc]) -> list[Candidate]:
    """Name candidates of every paragraph, in reading order."""
    out: list[Candidate] = []
    for para, doc in zip(article.paragraphs, docs, strict=False):
        out.extend(_doc_candidates(para.id, doc))
    return out


def _doc_candidates(para: int, doc: Doc) -> list[Candidate]:
    """Candidates of one paragraph (capitals and Title Case re-cased already), no overlaps."""
    cands: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ in _NAME_LABELS:
            label = "ORG" if ent.label_ == "PERSON" and _business_name(ent) else ent.label_
            for s, e in _pieces(doc, ent.start, ent.end, label == "PERSON", label in _TITLED):
                cands.extend(_classify(doc, para, s, e, label))
    cands = _merge_adjacent_people(doc, cands)
    cands.extend(_bracket_acronyms(doc, para, cands))
    cands.extend(_titled_names(doc, para, cands))
    cands.extend(_initialled_names(doc, para, cands))
    cands.extend(_gazetteer_scan(doc, para, cands))
    covered = {i for c in cands for i in range(c.start, c.end)}
    # capitals the model left out ("WHO" read as a pronoun): kept only if the pair spells them out
    cands.extend(Candidate(para, t.i, t.i + 1, t.text, votes=Counter({"ORG": 1}), weak=True)
                 for t in doc if t.i not in covered and is_acronym(t.text)
                 and lookup_place(t.text) is None)
    return _without_overlaps(cands)


def _business_name(span: Span) -> bool:
    """A name with a possessive and a kind of organisation after it ("Bloomington Sam's Club"):
    a business, which the model may take for a person."""
    toks = list(span)
    return any(t.lower_ in ("'s", "’s") for t in toks[1:-1]) and bare(toks[-1].text) in ORG_HEADS


# Words no name starts with; the model's span may ("Plus Obama is nominating": a conjunction).
_NOT_FIRST = frozenset({"DET", "VERB", "AUX", "PRON", "ADV", "CCONJ", "SCONJ", "PUNCT"})


def _pieces(doc: Doc, start: int, end: int, person: bool, titled: bool = False
            ) -> list[tuple[int, int]]:
    """Split a model span at punctuation and trim determiners, verbs and possessives (and
    numbers after a name, unless it is a title: "Apollo 13")."""
    pieces: list[tuple[int, int]] = []
    s = start
    for i in range(start, end + 1):
        tok = doc[i] if i < end else None
        joined_hyphen = tok is not None and tok.text in ("-", "‐") and not tok.whitespace_ \
            and i > 0 and not doc[i - 1].whitespace_
        if tok is None or (tok.is_punct and not joined_hyphen and tok.text != "."):
            pieces.append((s, i))
            s = i + 1
        elif person and tok.lower_ in ("'s", "’s") and i > s:
            # A person's name holds no possessive: in "Trump's Twitter" the name ends before
            # it, and what follows is something of the person's, not a name of theirs.
            pieces.append((s, i))
            break
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        while s < e and (doc[s].pos_ in _NOT_FIRST
                         or (not doc[s].text[:1].isupper() and not doc[s].like_num)):
            if person and is_particle(doc[s].text) and s + 1 < e:
                break  # "bin Salman", "van Gogh"
            s += 1
        while e > s and (doc[e - 1].lower_ in ("'s", "’s", "'", "’") or doc[e - 1].is_punct
                         or (not doc[e - 1].text[:1].isupper() and doc[e - 1].is_stop)
                         or (not titled and (doc[e - 1].like_num or doc[e - 1].is_lower))):
            if person and _hyphened_syllable(doc, s, e - 1):
                break  # "Ban Ki-moon", "Kim Jong-un": a given name's second syllable
            e -= 1  # "Leicestershire 296" in a scorecard, "Interfax news agency"
        if e > s and not all(len(t.text.rstrip(".")) == 1 for t in doc[s:e]):
            out.append((s, e))  # letters alone are a table's head ("W D L"), not a name
    return out


def _hyphened_syllable(doc: Doc, s: int, i: int) -> bool:
    """Whether lower-case token `i` of a person's span is joined by a bare hyphen to a capital
    word of it ("moon" of "Ki-moon"), not a description ("Trump-backed")."""
    return (i >= s + 2 and doc[i - 1].text in ("-", "‐") and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_ and doc[i - 2].text[:1].isupper()
            and doc[i].is_alpha and doc[i].pos_ in ("PROPN", "NOUN"))


def _classify(doc: Doc, para: int, s: int, e: int, label: str) -> list[Candidate]:
    """What one cleaned model span names: a place, a person, an organisation, or nothing."""
    text = doc[s:e].text
    place = lookup_place(text)
    if place is not None:
        return [Candidate(para, s, e, text, place=place)]
    if label == "NORP" or is_demonym(text) or (
            label != "PERSON" and all(is_role_head(t.text) for t in doc[s:e])):
        return []  # a nationality, or a role alone ("Sheriff")
    if doc[s].is_sent_start and doc[s].lower_.endswith("ing") and e - s > 1:
        place = lookup_place(doc[s + 1:e].text)  # "Commending Iran's skills"
        if place is not None:
            return [Candidate(para, s + 1, e, doc[s + 1:e].text, place=place)]
    for k in range(e - 1, s, -1):  # "Niger Government": a place and common nouns
        place = lookup_place(doc[s:k].text)
        if place is not None and all(_generic(t) for t in doc[k:e]):
            return [Candidate(para, s, k, doc[s:k].text, place=place)]
    if label != "PERSON" and (_titled_name(doc, s, e) or _initialled(doc, s, e)
                              or _with_nationality(doc, s, e)):
        return _person(doc, para, s, e)  # "Sheriff Arpaio", "I. Austin" read as organisations
    medium = label == "PERSON" and e - s == 1 and _medium_slot(doc, s, e)
    if label == "PERSON" and e - s == 1 and (medium or _business_follows(doc, e)):
        label = "ORG"  # "Magna shares", "Cofinec 's profit": a company; "on Twitter": a medium
    if label in ("PERSON", "ORG", "FAC", "LOC", "PRODUCT") and _place_noun_before(doc, s):
        cand = Candidate(para, s, e, text)  # "the port city of Bireuen": a town
        cand.votes["GPE"] += 1 + CUE
        return [cand]
    org_end = e - s > 1 and bare(doc[e - 1].text) in _ORG_ENDS
    if label == "PERSON" and not _initialled(doc, s, e) and (
            _place_and_common_words(doc, s, e) or org_end):
        label = "ORG"  # "Manchester United", "Cheshire Constabulary", "Pirelli SpA"
    if label == "PERSON" and not (e < len(doc) and doc[e].lower_ in GEO_HEADS):
        return _person(doc, para, s, e)
    if label in ("ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "GPE", "FAC"):
        person = _person_at_end(doc, para, s, e)
        if person is not None:
            return [person]
    if label == "ORG" and _common_words_in_title(doc, s, e):
        return []
    cand = Candidate(para, s, e, text)
    cand.votes[{"FAC": "LOC"}.get(label, label)] += 1
    if medium or any(bare(t.text) in ORG_HEADS for t in doc[s:e]):
        cand.votes["ORG"] += CUE
    if e < len(doc) and doc[e].lower_ in GEO_HEADS and e - s <= 2:
        cand.votes["LOC"] += CUE
    if _role_follows(doc, e):
        cand.votes["ORG"] += 2  # "Atalanta chief executive Luca Percassi"
    return [cand]


def _titled_name(doc: Doc, s: int, e: int) -> bool:
    """A capitalised title and then only personal names: "Sheriff Arpaio", "Gov. Brown"."""
    k = s
    while k < e - 1 and (doc[k].text == "." or (doc[k].text[:1].isupper()
                                                 and is_role_head(doc[k].text))):
        k += 1
    return s < k < e and all(is_name_like(t) for t in doc[k:e])


def _initialled(doc: Doc, s: int, e: int) -> bool:
    """An initial and a surname: "I. Austin", "S. Jayasuriya"."""
    last = doc[e - 1]
    return e - s == 2 and _INITIAL.fullmatch(doc[s].text) is not None and last.is_alpha \
        and last.text[:1].isupper() and not last.is_upper and not is_title_word(last.text)


_INITIAL = re.compile(r"[A-Z]\.")


def _with_nationality(doc: Doc, s: int, e: int) -> bool:
    """A full name, then a country in brackets: an athlete in a results list, "Tegla Loroupe
    ( Kenya )"; a club's name holds a word no one is called ("Dynamo", "United")."""
    if e - s < 2 or e + 2 >= len(doc) or doc[e].text != "(" or not all(
            is_name_like(t) for t in doc[s:e]):
        return False
    close = next((k for k in range(e + 2, min(e + 6, len(doc))) if doc[k].text == ")"), None)
    place = lookup_place(doc[e + 1:close].text) if close is not None else None
    return place is not None and place.kind == "country"


def _initialled_names(doc: Doc, para: int, cands: list[Candidate]) -> list[Candidate]:
    """Initial-and-surname names the model missed, as in scorecards ("P. Simmons 4-38")."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    return [_person_cand(doc, para, t.i, t.i + 2, None) for t in doc[:-1]
            if t.i not in covered and t.i + 1 not in covered and _initialled(doc, t.i, t.i + 2)
            and (t.i == 0 or not doc[t.i - 1].text[:1].isupper())]


def _place_and_common_words(doc: Doc, s: int, e: int) -> bool:
    """A place and common words, no personal name: a team or firm, not a person."""
    has_place = any(lookup_place(t.text) is not None for t in doc[s:e])
    return e - s > 1 and has_place and not any(is_name_like(t) for t in doc[s:e])


_BUSINESS_NOUNS = frozenset({
    "shares", "share", "stock", "stocks", "profit", "profits", "earnings", "revenue",
    "revenues", "sales", "subsidiary", "subsidiaries", "unit", "units", "shareholders",
    "shareholder", "stake", "plant", "plants", "factory", "factories", "products", "brand",
    "bonds", "dividend", "turnover", "takeover", "merger", "chairman", "board", "division",
})


def _business_follows(doc: Doc, e: int) -> bool:
    """A company's noun right after a one-word name: "Magna shares", "Ericsson 's profit"."""
    k = e + 1 if e < len(doc) and doc[e].lower_ in ("'s", "’s") else e
    return k < len(doc) and doc[k].is_lower and doc[k].lower_ in _BUSINESS_NOUNS


# What a platform or a site has, and no person does: "his Twitter account", "Politico's site".
_MEDIUM_NOUNS = frozenset({"account", "accounts", "feed", "feeds", "handle", "profile", "profiles",
                           "followers", "timeline", "page", "pages", "website", "site", "channel",
                           "user", "users", "livestream", "post", "posts", "message",
                           "messages"})
# What may follow a medium a clause ends on: "said on Twitter that", "posted on Facebook late".
_AFTER_MEDIUM = frozenset({"that", "about", "and", "or", "in", "at", "against", "this", "last",
                           "late", "earlier", "after", "before", "as", "where", "when", "on",
                           "today", "tonight", "yesterday"})


def _medium_slot(doc: Doc, s: int, e: int) -> bool:
    """A one-word name where a medium stands and a person does not: a platform's noun after it
    ("his Twitter account", "a Twitter post"), "took to" before it, or "on" / "via" before it
    where the clause ends or moves on ("wrote on Twitter.", "via Twitter that"). People are "on"
    someone too ("pressure on Biden to"), hence the narrow ends; a surname of a full name the
    pair writes stays a person anyway."""
    k = e + 1 if e < len(doc) and doc[e].lower_ in ("'s", "’s") else e
    if k < len(doc) and doc[k].is_lower and doc[k].lower_ in _MEDIUM_NOUNS and not (
            k + 1 < len(doc) and doc[k + 1].text in ("-", "‐")):  # not "Obama post-election"
        return True
    if s >= 2 and doc[s - 1].lower_ == "to" and doc[s - 2].lemma_ == "take":
        return True  # "took to Twitter"
    if s == 0 or doc[s - 1].lower_ not in ("on", "via"):
        return False
    if e == len(doc):
        return True
    after = doc[e]
    return (after.is_punct and after.text not in ("-", "‐", "'", "’", "'s", "’s")) or (
        after.is_lower and after.lower_ in _AFTER_MEDIUM)


# Kinds of place a name is the place of: "the city of Bireuen", "the province of Aceh".
_PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "province", "county", "district",
                          "state", "island", "port", "region", "municipality", "township",
                          "suburb", "borough", "neighborhood", "neighbourhood", "hamlet"})


def _place_noun_before(doc: Doc, s: int) -> bool:
    """A lower-case kind of place and "of" right before a name: "the port city of Bireuen"."""
    return s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].is_lower and \
        doc[s - 2].lower_ in _PLACE_NOUNS


def _role_follows(doc: Doc, e: int) -> bool:
    """A lower-case role right after a name: "X chief executive", "X spokesperson"."""
    for tok in doc[e:e + 3]:
        if not tok.is_lower:
            return False
        if is_role_head(tok.text):
            return True
    return False


# Common nouns a country's name qualifies without making an organisation ("Niger Government").
_STATE_NOUNS = frozenset({"government", "govt", "junta", "regime", "authorities", "military",
                          "officials", "leadership", "delegation", "troops", "soldiers",
                          "people", "territory", "border", "side", "state"})


def _generic(tok: Token) -> bool:
    """A common noun a country's name qualifies ("Government" in "Niger Government")."""
    return bare(tok.text) in _STATE_NOUNS


def _person(doc: Doc, para: int, s: int, e: int) -> list[Candidate]:
    """A person span without its leading title, widened to name parts the model left out."""
    while e - s > 1 and (is_title_word(doc[s].text) or is_honorific(doc[s].text)
                         or doc[s].text in (".", "-")):
        s += 1  # the title is read back by `title_before`, a rank by `_rank_before`
    if not any(t.text[:1].isupper() for t in doc[s:e]) or _described_role(doc, s, e):
        return []
    while s > 0 and _joins_name(doc, s) and _rank_before(doc, s) is None:
        s -= 1
    return [_person_cand(doc, para, s, e, None)]


def _described_role(doc: Doc, s: int, e: int) -> bool:
    """A role with adjectives or after a possessive, no name: "America's Toughest Sheriff"
    (but "Billie Jean King", "John Major")."""
    if e - s < 2 or not is_role_head(doc[e - 1].text):
        return False
    return all(t.pos_ == "ADJ" for t in doc[s:e - 1]) or (s > 0 and doc[s - 1].tag_ == "POS")


def _joins_name(doc: Doc, s: int) -> bool:
    """Whether the token before `s` belongs to the name ("Yunus-bek Yevkurov")."""
    prev = doc[s - 1]
    if is_title_word(prev.text) or is_title_word(doc[s].text) or is_role_head(prev.text):
        return False
    if _counted_chain(doc, s - 1):
        return False  # "16-year-old Jermayne Timmons": an age, not part of the name
    if not prev.whitespace_ and (prev.text in ("-", "‐") or doc[s].text in ("-", "‐")):
        return True
    if s >= 2 and doc[s - 2].text in ("-", "‐") and not doc[s - 2].whitespace_:
        # "bek" of "Yunus-bek", not "elect" of "President-elect" (a title, read back apart)
        # nor "coaches" of "ex-coaches Randy Ayers" (a name's first part is capitalised)
        return not (s >= 3 and (is_title_word(doc[s - 3].text)
                                or not doc[s - 3].text[:1].isupper()))
    return prev.pos_ == "PROPN" and is_name_like(prev) and not prev.ent_type_


def _counted_chain(doc: Doc, i: int) -> bool:
    """Whether token `i` ends a hyphenated run that holds a number or tells an age
    ("16-year-old", "year-old" of "16 year-old")."""
    end = i
    while True:
        if doc[i].like_num:
            return True
        if i == 0 or doc[i - 1].whitespace_:
            return bool(_AGE.fullmatch(doc[i:end + 1].text))
        i -= 1


_AGE = re.compile(r"(?i)(years?|months?|weeks?|days?)-old")


def _person_cand(doc: Doc, para: int, s: int, e: int, rank: int | None) -> Candidate:
    """A person candidate with its rank, the title before it and roles in apposition."""
    if rank is None:
        rank = _rank_before(doc, s)
    first = rank if rank is not None else s
    cand = Candidate(para, s, e, doc[s:e].text, rank=rank)
    if rank is not None:
        cand.titles.append(doc[rank:s].text)
    found = title_before(doc, first)
    if found is None and first > 1 and doc[first - 1].text == ",":
        found = title_before(doc, first - 1)  # "Foreign Minister of Niger, Bakary Sangare"
    if found is not None:
        cand.titles.insert(0, doc[found[0]:found[1]].text.strip(" ,"))
    cand.titles.extend(appositive_titles(doc[s:e]))
    cand.votes["PERSON"] += 1 + (CUE if found is not None or rank is not None else 0)
    cand.honoured = first > 0 and is_honorific(doc[first - 1].text)
    cand.source = not cand.titles and not cand.honoured and _source_slot(doc, s, e)
    return cand


def _source_slot(doc: Doc, s: int, e: int) -> bool:
    """A one-word name where a source of news or a medium stands: "told Politico", "Politico
    reported", "an interview with Axios", "according to Xinhua", "used Twitter" (people stand
    there too: see `_vote`)."""
    if e - s != 1:
        return False
    before = tuple(t.lower_ for t in doc[max(0, s - 2):s])
    after = doc[e].lower_ if e < len(doc) else ""
    return after not in ("'s", "’s") and (before[-1:] == ("told",) or after in (
        "reported", "reports") or before in (("interview", "with"), ("according", "to"))
        or (s > 0 and doc[s - 1].lemma_ == "use"))  # "Trump used Twitter to ..."


def _rank_before(doc: Doc, s: int) -> int | None:
    """Start of a rank written right before a name ("Col.", "Lt. Col."), if any."""
    rank = None
    i = s - 1
    while i >= 0:
        if doc[i].text == "." and i > 0 and not doc[i - 1].whitespace_:
            i -= 1
        if is_rank(doc[i].text) and doc[i].text[:1].isupper():
            rank = i  # "Col." stays in the form; lower-case "captain" is a role, a title
            i -= 1
        else:
            break
    if i > 0 and doc[i].text == "-" and not doc[i].whitespace_:
        i -= 1  # "Secretary-General"
    if rank is not None and i >= 0 and bare(doc[rank].text) in ("general", "major") \
            and doc[i].text[:1].isupper() and is_role_head(doc[i].text):
        return None  # "Secretary General Jens Stoltenberg": part of the title
    return rank


def _person_at_end(doc: Doc, para: int, s: int, e: int) -> Candidate | None:
    """A titled name the model folded into an organisation ("...African Affairs Molly Phee")."""
    k = e
    while k > s and doc[k - 1].pos_ == "PROPN" and (
            is_name_like(doc[k - 1]) if k == e else _name_part(doc[k - 1])):
        k -= 1
    if not 2 <= e - k <= 4:
        return None
    first = k
    if title_before(doc, first) is None and not (
            first > 1 and doc[first - 1].text == "," and title_before(doc, first - 1)):
        return None
    return _person_cand(doc, para, k, e, None)


def _titled_names(doc: Doc, para: int, cands: list[Candidate]) -> list[Candidate]:
    """Names the model missed right after a capitalised title ("Superintendent Paul Hughes")."""
    covered = {i for c in cands
               for i in range(c.rank if c.rank is not None else c.start, c.end)}
    out: list[Candidate] = []
    for tok in doc[:-1]:
        if not (tok.text[:1].isupper() and is_role_head(tok.text)) or tok.i in covered:
            continue
        k = tok.i + 1
        while k < len(doc) and k - tok.i <= 3 and k not in covered and _name_part(doc[k]):
            k += 1
        if k > tok.i + 1 and is_name_like(doc[k - 1]) and not (k < len(doc) and (
                doc[k].text[:1].isupper() and doc[k].is_alpha)):
            out.append(_person_cand(doc, para, tok.i + 1, k, None))
            covered.update(range(tok.i + 1, k))
    return out


def _name_part(tok: Token) -> bool:
    """A word that may sit inside a personal name, however common ("Paul", "Mark")."""
    return tok.pos_ == "PROPN" and tok.tag_ != "NNPS" and tok.is_alpha \
        and tok.text[:1].isupper() and not tok.is_upper and not is_title_word(tok.text) \
        and word_zipf(tok.text) < 5.2 \
        and bare(tok.text) not in ORG_HEADS and lookup_place(tok.text) is None \
        and not is_demonym(tok.text)


def _common_words_in_title(doc: Doc, s: int, e: int) -> bool:
    """"State" in "Secretary of State", "Defense" in "Defense Minister": part of a title."""
    if any(word_zipf(t.text) < 4.5 or bare(t.text) in ORG_HEADS for t in doc[s:e]):
        return False
    after = e < len(doc) and is_role_head(doc[e].text)
    before = s >= 2 and doc[s - 1].lower_ in ("of", "for") and is_role_head(doc[s - 2].text)
    return after or before


def _merge_adjacent_people(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Join person spans the model cut in two ("Ali Mahaman" + "Lamine Zeine")."""
    out: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: c.start):
        prev = out[-1] if out else None
        if prev is not None and prev.end == cand.start and prev.votes["PERSON"] \
                and cand.votes["PERSON"] and prev.place is None and cand.place is None:
            prev.end = cand.end
            prev.text = doc[prev.start:prev.end].text
            prev.votes.update(cand.votes)
            continue
        out.append(cand)
    return out


def _bracket_acronyms(doc: Doc, para: int, cands: list[Candidate]) -> list[Candidate]:
    """"the National Council for the Safeguard of the Homeland (CNSP)": an alias."""
    out: list[Candidate] = []
    ends = {c.end: c for c in cands if c.place is None}
    for tok in doc:
        i = tok.i  # "(" at i, the alias up to three words, then ")": "(Africa CDC)"
        if tok.text != "(" or i not in ends:
            continue
        close = next((j for j in range(i + 2, min(i + 5, len(doc))) if doc[j].text == ")"), None)
        if close is None or not is_acronym(doc[close - 1].text):
            continue
        full = ends[i]
        full.votes["ORG"] += 1
        same = [c for c in cands if i < c.start < close]
        for cand in same:
            cand.alias_of = (para, full.start)
            cand.votes["ORG"] += CUE
        if not same:
            out.append(Candidate(para, i + 1, close, doc[i + 1:close].text,
                                 votes=Counter({"ORG": CUE}), alias_of=(para, full.start)))
    return out


def _gazetteer_scan(doc: Doc, para: int, cands: list[Candidate]) -> list[Candidate]:
    """Places the model missed or mislabelled; a city needs the model's support, a rare name
    or a dateline, since many city names are also common words ("Reading", "Mobile")."""
    g = gazetteer()
    covered = {i for c in cands if c.place is None and not _place_like(c)
               for i in range(c.start, c.end)}
    placed = {(c.start, c.end) for c in cands if c.place is not None}
    whole = doc.text
    words = [t.text for t in doc]
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        first = words[i]
        if not first[:1].isupper() or first.lower() == "the" or i in covered \
                or (first not in g.first_words and first.title() not in g.first_words):
            i += 1
            continue
        for n in range(min(g.max_tokens, len(words) - i), 0, -1):
            text = whole[starts[i]:ends[i + n - 1]]
            place = lookup_place(text)
            if place is None or (i, i + n) in placed \
                    or any(j in covered for j in range(i, i + n)):
                continue
            model_says_place = doc[i].ent_type_ in ("GPE", "LOC", "FAC")
            dateline = i == 0 and text.isupper() and i + n < len(words) \
                and words[i + n] in ("—", "–", "-", ",", ":")
            if place.kind == "city" and not (model_says_place or dateline
                                             or word_zipf(text) < 3.5):
                continue
            out.append(Candidate(para, i, i + n, text, place=place))
            i += n - 1
            break
        i += 1
    return out


def _place_like(cand: Candidate) -> bool:
    """A model span voted only as a place, which the gazetteer may redraw ("DR" + "Congo")."""
    return bool(cand.votes) and set(+cand.votes) <= {"GPE", "LOC"}


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest candidates first; on a tie the gazetteer's place wins."""
    kept: list[Candidate] = []
    used: set[int] = set()
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.place is None, c.start)):
        span = set(range(cand.rank if cand.rank is not None else cand.start, cand.end))
        if span & used:
            continue
        used |= span
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)
