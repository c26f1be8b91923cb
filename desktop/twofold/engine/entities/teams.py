"""Teams named after places: "Chicago 4 Houston 3", "Essex 532 and 146-4", "Kent beat Surrey".

Sports reports name clubs after their towns, counties and states, and the model (and the
gazetteer) read those as places. Where a name holds a competitor's slot, it is an
organisation: the rows of results and standings tables (a name, then scores), fixtures
("Surrey v Kent", "Boston at Oakland") and match verbs ("Leicestershire beat Somerset"). A
country in such a slot stays a place (a national side is named after its country). The finding
holds for the whole article, except where a preposition makes the name a place again ("in
Chicago").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .gazetteer import ascii_fold, lookup_place
from .names import GEO_HEADS, word_zipf
from .spans import CUE, Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"[-+]?[\d.,/:]*\d[\d.,/:'-]*")
_NAME_JOINERS = frozenset({"of", "&", "de", "del", "la", "le", "st", "st."})
_FIXTURE = frozenset({"v", "v.", "vs", "vs.", "at"})
_MATCH_VERBS = frozenset({"beat", "beats", "defeated", "defeat", "defeats", "thrashed",
                          "routed", "edged", "overcame", "trounced", "outclassed", "downed"})
_PARTICLE_VERBS = {"drew": "with", "draw": "with", "draws": "with", "lost": "to", "lose": "to",
                   "loses": "to"}
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "outside", "across",
                                 "around", "into", "of"})


def mark_teams(docs: Sequence[Doc], cands: list[Candidate],
               others: Sequence[Doc] = ()) -> list[Candidate]:
    """The candidates with competitors made organisations, and teams the model missed added;
    `others` are the paragraphs of the article compared with this one."""
    _plural_names(docs, cands, others)
    tables = {para: _table_slots(doc) for para, doc in enumerate(docs)}
    matches = {para: _match_slots(doc) for para, doc in enumerate(docs)}
    if not any(tables.values()) and not any(matches.values()):
        return cands
    by_para: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_para.setdefault(cand.para, []).append(cand)
    teams: set[str] = set()
    added: list[Candidate] = []
    dropped: set[int] = set()
    for para, doc in enumerate(docs):
        for s, e in tables[para]:  # a table row: a club, or an athlete the model knows
            hit = [c for c in by_para.get(para, []) if c.start < e and s < c.end]
            if not all(_competitor(c) for c in hit):
                continue
            dropped.update(id(c) for c in hit)  # the row says where the name ends
            added.append(Candidate(para, s, e, doc[s:e].text, votes=Counter({"ORG": CUE})))
            teams.add(_key(doc[s:e].text))
        for s, e in matches[para]:  # "Leicestershire beat Somerset": only places turn clubs
            for cand in by_para.get(para, []):
                if cand.start < e and s < cand.end and _place_like(cand) and _competitor(cand):
                    _make_team(cand)
                    teams.add(_key(cand.text))
    for cand in cands:  # one team in a table, the same team in the report
        if _key(cand.text) in teams and _place_like(cand) and _competitor(cand) \
                and not after_place_preposition(docs[cand.para], cand.start):
            _make_team(cand)
    kept = [c for c in cands if id(c) not in dropped]
    return sorted(kept + added, key=lambda c: (c.para, c.start))


def _plural_names(docs: Sequence[Doc], cands: list[Candidate],
                  others: Sequence[Doc] = ()) -> None:
    """One-word plural names an article writes with "the" ("the Jaguars", "the Colts") are
    teams or bands, not people, whatever the model voted (in place). A surname the article also
    gives with a first name ("Reggie Williams") stays a person; the name after its town
    ("Jacksonville Jaguars") is the team's full name, a team too."""
    the: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    full: set[str] = set()
    for cand in cands:
        words = cand.text.split()
        if len(words) > 1:
            if lookup_place(words[0]) is None:  # not "Jacksonville Jaguars": a team's full name
                full.add(_key(words[-1]))
            continue
        seen[_key(cand.text)] += 1
        the[_key(cand.text)] += cand.start > 0 and docs[cand.para][cand.start - 1].lower_ == "the"
    plural = {k for k, n in the.items() if n >= 2 and 2 * n >= seen[k] and k not in full
              and len(k) > 3 and k.endswith("s") and not k.endswith("ss")}
    texts = [doc.text for doc in (*docs, *others)]
    vocabulary = frozenset(_WORD.findall("\n".join(texts)))
    groups: dict[str, bool] = {}  # a name's answer, once per name: long articles repeat them
    for cand in cands:
        words = cand.text.split()
        if cand.text not in groups:
            groups[cand.text] = _group_of_members(words, texts, vocabulary)
        if (_key(cand.text) in plural or groups[cand.text]) and \
                cand.place is None and cand.votes["PERSON"] >= max(cand.votes["ORG"], 1):
            cand.votes["ORG"] += cand.votes["PERSON"] + CUE
        elif len(words) == 2 and _key(words[1]) in plural and lookup_place(words[0]):
            _make_team(cand)  # "Jacksonville Jaguars": the team, not the town
        elif _town_and_plural(words) and cand.votes["PERSON"] <= max(
                cand.votes["GPE"], cand.votes["LOC"], cand.votes["FAC"], cand.votes["ORG"]):
            _make_team(cand)  # "the 2008 Miami Dolphins", written once


def _group_of_members(words: list[str], texts: list[str], vocabulary: frozenset[str]) -> bool:
    """A name of two words or more written both in the plural and in the singular (in the
    article or the one it is compared with): a group and one of its members ("the Tar Heels",
    "as a Tar Heel", "Tar Heel fans"), not a person (people have no plural). `vocabulary` is
    every word of `texts`: most names' other number is no word there, and is not searched."""
    last = words[-1] if len(words) >= 2 else ""
    if not (last[:1].isupper() and last.isalpha() and len(last) > 3):
        return False
    plural = last.endswith("s") and not last.endswith("ss")
    variant = last[:-1] if plural else last + "s"  # its singular, or its plural
    if variant not in vocabulary:
        return False
    other = " ".join([*words[:-1], variant])
    found = re.compile(rf"(?<!\w){re.escape(other)}(?!\w)")
    return any(found.search(text) for text in texts)


def _town_and_plural(words: list[str]) -> bool:
    """A town or state and a capitalised plural after it, the two no place of their own:
    "Miami Dolphins", "Kansas City Chiefs" (not "Colorado Springs", "Cayman Islands")."""
    last = words[-1]
    return len(words) >= 2 and last[:1].isupper() and last.isalpha() and \
        last.endswith("s") and not last.endswith("ss") and _key(last) not in _GEO_PLURALS and \
        lookup_place(" ".join(words)) is None and lookup_place(" ".join(words[:-1])) is not None


# Plural heads of place names: "Niagara Falls", "Golan Heights", "Miami Gardens" are places
# (beside the heads every place name may end in: "Rocky Mountains", "Cayman Islands").
_GEO_PLURALS = GEO_HEADS | frozenset({
    "springs", "falls", "heights", "gardens", "hills", "isles", "lakes", "keys", "plains",
    "rapids", "pines", "shores", "woods", "beaches", "territories", "emirates", "provinces",
    "narrows", "flats", "meadows", "downs", "fields", "glades", "everglades", "sands", "banks",
    "rocks", "cliffs", "lands", "parks", "towers", "estates", "acres", "villages", "mills",
    "forks", "bluffs", "sounds",
})


def _key(text: str) -> str:
    return ascii_fold(text).lower()


def _competitor(cand: Candidate) -> bool:
    """Whether a candidate may be a club: no country, no full personal name."""
    if cand.place is not None:
        return cand.place.kind not in ("country", "continent")
    person = cand.votes["PERSON"] > max(cand.votes["ORG"], cand.votes["GPE"], cand.votes["LOC"])
    return not (person and len(cand.text.split()) > 1)


def _place_like(cand: Candidate) -> bool:
    """A gazetteer place, or a name the model reads as one."""
    return cand.place is not None or max(cand.votes["GPE"], cand.votes["LOC"]) > max(
        cand.votes["ORG"], cand.votes["PERSON"])


def _make_team(cand: Candidate) -> None:
    cand.place = None
    cand.votes["ORG"] += CUE


def after_place_preposition(doc: Doc, start: int) -> bool:
    """"in Chicago", "At Bristol": the town, not its team."""
    return start > 0 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS


def _is_number(tok: Token) -> bool:
    return bool(_NUMBER.fullmatch(tok.text))


def _is_name(tok: Token) -> bool:
    return (tok.text[:1].isupper() and tok.is_alpha) or tok.lower_ == "st."


def _runs(doc: Doc, start: int, end: int) -> list[tuple[str, int, int]]:
    """Token runs of one stretch: ("name"|"number"|other text, start, end)."""
    runs: list[tuple[str, int, int]] = []
    i = start
    while i < end:
        tok = doc[i]
        if _is_name(tok):
            j = i + 1
            while j < end and (_is_name(doc[j]) or (
                    doc[j].lower_ in _NAME_JOINERS and j + 1 < end and _is_name(doc[j + 1]))):
                j += 1
            runs.append(("name", i, j))
            i = j
        elif _is_number(tok):
            j = i + 1
            while j < end and _is_number(doc[j]):
                j += 1
            runs.append(("number", i, j))
            i = j
        else:
            runs.append((tok.lower_, i, i + 1))
            i += 1
    while runs and runs[-1][0] in (".", ")") and runs[-1][0] != "name":
        runs.pop()
    return runs


def _table_slots(doc: Doc) -> list[tuple[int, int]]:
    """Names in the rows of results and standings tables and in fixture lines."""
    runs = _runs(doc, 0, len(doc))
    kinds = [k for k, _, _ in runs]
    out: list[tuple[int, int]] = []
    if kinds[:4] == ["name", "number", "name", "number"] and (
            len(runs) == 4 or kinds[4] == "("):
        out += [runs[0][1:], runs[2][1:]]  # "Hyundai 6 Lotte 5", "Milwaukee 5 Minnesota 4 ("
    elif kinds[:2] == ["name", "number"] and _standing(doc, runs[0], runs[1:]):
        out.append(runs[0][1:])  # "Chicago 65 66 .496 5", "Tranmere 4 2 1 1 6 4 7"
    elif len(runs) == 3 and kinds[0] == kinds[2] == "name" and kinds[1] in _FIXTURE:
        out.append(runs[0][1:])  # "Surrey v Kent", "Boston at Oakland" (the ground)
        if kinds[1] != "at":
            out.append(runs[2][1:])
    else:
        out += _score_segments(doc)
    for n, (kind, _, _) in enumerate(runs[:-1]):  # "June 28-30 v Hampshire"
        if kind in _FIXTURE - {"at"} and runs[n + 1][0] == "name":
            out.append(runs[n + 1][1:])
    return [(s, e) for s, e in out]


_STANDING = re.compile(r"\d+|\.\d{3}|\d+/\d+|-")


def _standing(doc: Doc, name: tuple[str, int, int], rest: list[tuple[str, int, int]]) -> bool:
    """A row of a standings table: a proper name, then three or more counts (games, wins,
    points; ".496", "1/2", "-"), nothing else: not a dateline, not a row of prices."""
    words = doc[name[1]:name[2]]
    if len(words) == 1 and lookup_place(words.text) is None and word_zipf(words.text) >= 4.5:
        return False  # "Sales 12 13 11": a common word heads the row
    cells = " ".join(doc[s:e].text for kind, s, e in rest if kind in ("number", "-")).split()
    return len(cells) >= 3 and len(rest) <= 2 and all(_STANDING.fullmatch(c) for c in cells)


def _score_segments(doc: Doc) -> list[tuple[int, int]]:
    """"Somerset 83 and 174 ( P. Simmons 4-38 ) , Leicestershire 296": a scorecard line, where
    every part between commas opens with a name and its score."""
    bounds, depth, start = [], 0, 0
    for tok in doc:
        depth += tok.text == "("
        depth -= tok.text == ")"
        if depth == 0 and tok.text in (",", ";", ":"):
            bounds.append((start, tok.i))
            start = tok.i + 1
    bounds.append((start, len(doc)))
    parts = [_runs(doc, s, e) for s, e in bounds]
    parts = [p for p in parts if p]
    if len(parts) > 1 and parts[0][0][0] == "at":
        parts = parts[1:]  # "At Bristol :" names the ground
    if len(parts) < 2:
        return []
    scored = [p[0][1:] for p in parts if len(p) >= 2 and p[0][0] == "name" and p[1][0] == "number"
              and (len(p) == 2 or p[2][0] in ("and", "(", "for"))]
    return scored if len(scored) == len(parts) else []


def _match_slots(doc: Doc) -> list[tuple[int, int]]:
    """Names either side of a match verb: "Leicestershire beat Somerset", "drew with Kent"."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        low = tok.lower_
        k = tok.i + 1
        if low in _PARTICLE_VERBS:
            if k >= len(doc) or doc[k].lower_ != _PARTICLE_VERBS[low]:
                continue
            k += 1
        elif low not in _MATCH_VERBS:
            continue
        j = tok.i - 1
        while j >= 0 and _is_name(doc[j]):
            j -= 1
        m = k
        while m < len(doc) and _is_name(doc[m]):
            m += 1
        if j + 1 < tok.i:
            out.append((j + 1, tok.i))
        if m > k:
            out.append((k, m))
    return out
