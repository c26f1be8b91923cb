"""Named entities of an article, grouped by real-world entity and linked across two articles.

spaCy's small model proposes spans; maintained data and rules decide: a gazetteer fixes places
("Niger" is a country, not a person), titles and ranks are parsed off names, demonyms are
dropped, every string's type is voted over all its mentions in both articles, short forms join
their full name, acronyms join their expansion, and names the model missed are found again
wherever a settled form recurs. Dates and figures come from `entity_figures`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import Article, Entity, EntityLabel, Mention
from .casing import recased
from .figures import date_spans, figure_spans
from .gazetteer import Place, ascii_fold, is_demonym, lookup_place, slug
from .linking import EntityGroup, link_entities
from .names import (
    GENERATIONS,
    acronym_of,
    bare,
    is_acronym,
    is_known_given_name,
    is_rank,
    name_tokens,
    org_key,
    org_short_form,
    person_key,
    person_match,
    word_zipf,
)
from .spans import CUE, Candidate, candidates
from .teams import after_place_preposition, mark_teams

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["article_entities", "extract_entities"]


_VOTING: tuple[EntityLabel, ...] = ("PERSON", "ORG", "GPE", "LOC")


def extract_entities(
    left: Article, right: Article, left_docs: Sequence[Doc], right_docs: Sequence[Doc]
) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
    """Entities of both articles; one key per real-world entity on both sides, `shared` set."""
    lo, ro = left, right
    left, left_docs = recased(left, left_docs)
    right, right_docs = recased(right, right_docs)
    lc = _cut(lo, left, left_docs, mark_teams(left_docs, candidates(left, left_docs),
                                               right_docs))
    rc = _cut(ro, right, right_docs, mark_teams(right_docs, candidates(right, right_docs),
                                                left_docs))
    _surnames_not_places([(left_docs, lc), (right_docs, rc)])
    labels = _vote(lc + rc)
    ln, rn = _settle(left, left_docs, lc, labels), _settle(right, right_docs, rc, labels)
    lt, rt = _templates(ln), _templates(rn)
    # a name one outlet's text settles is looked for in the other's too
    lg = _groups(left, left_docs, _propagate(left, ln, _with_foreign(lt, rt)))
    rg = _groups(right, right_docs, _propagate(right, rn, _with_foreign(rt, lt)))
    return link_entities(_as_written(lg, lo), _as_written(rg, ro))


def article_entities(article: Article, docs: Sequence[Doc]) -> tuple[Entity, ...]:
    """Entities of one article (shared=False), with keys stable across runs."""
    original = article
    article, docs = recased(article, docs)
    cands = _cut(original, article, docs, mark_teams(docs, candidates(article, docs)))
    _surnames_not_places([(docs, cands)])
    named = _settle(article, docs, cands, _vote(cands))
    groups = _groups(article, docs, _propagate(article, named, _templates(named)))
    return link_entities(_as_written(groups, original), [])[0]


def _as_written(groups: list[EntityGroup], article: Article) -> list[EntityGroup]:
    """Forms as the article writes them ("CHICAGO"), where re-casing read "Chicago"."""
    for group in groups:
        group.mentions = [(m, article.paragraphs[m.paragraph].text[m.start:m.end])
                          for m, _ in group.mentions]
    return groups


# -- type voting -----------------------------------------------------------------------------

def vote_key(text: str) -> str:
    """Spellings that differ only in accents vote together ("Højlund", "Hojlund")."""
    return ascii_fold(text)


def _cut(original: Article, article: Article, docs: Sequence[Doc],
         cands: list[Candidate]) -> list[Candidate]:
    """Names the model ran into the next one, cut where the article names a person."""
    return _cut_owners(docs, _cut_runs(original, article, docs, cands))


def _cut_owners(docs: Sequence[Doc], cands: list[Candidate]) -> list[Candidate]:
    """An organisation's name after its owner's possessive ("President Trump’s Supreme Court
    nominee"), which the model reads as one name: where the article names the owner as a
    person (named in full by a person's name, or with a title by the vote of its mentions), the
    organisation is what follows the possessive, and the owner a mention of the person
    ("McDonald's Corp." stays whole)."""
    votes: dict[str, Counter[str]] = {}
    for c in cands:
        if c.place is None:
            votes.setdefault(c.text, Counter()).update(c.votes)
    person = {t for t, v in votes.items() if v["PERSON"] > max(v["ORG"], v["GPE"], v["LOC"])}
    # a person named in full (and the surname of that name), or with a title
    people = {" ".join(w[k:]) for t in person if " " in t for w in (t.split(),)
              for k in range(len(w))}
    people |= {c.text for c in cands if (c.titles or c.rank is not None) and c.text in person}
    out: list[Candidate] = []
    for cand in cands:
        doc = docs[cand.para]
        owner = next((k for k in range(cand.start + 1, cand.end - 1)
                      if doc[k].text in ("'s", "’s") and doc[k + 1].text[:1].isupper()), None)
        if owner is None or cand.votes["PERSON"] > 0 or doc[cand.start:owner].text not in people:
            out.append(cand)
            continue
        out.append(Candidate(cand.para, cand.start, owner, doc[cand.start:owner].text))
        rest = doc[owner + 1:cand.end].text
        place = lookup_place(rest)  # "Trump’s Moscow project": a place
        out.append(replace(cand, start=owner + 1, text=rest) if place is None
                   else Candidate(cand.para, owner + 1, cand.end, rest, place=place))
    return out


def _cut_runs(original: Article, article: Article, docs: Sequence[Doc],
              cands: list[Candidate]) -> list[Candidate]:
    """A person's name in the headline or a line re-read from Title Case that runs on into the
    next capitalised word ("Anthony Weiner Twitter Photo Scandal", "Glenn Beck CPAC"): where
    the article names the person elsewhere ("Anthony Weiner") and what follows is no generation
    ("Jr."), the name ends there. The words after it stay a name only where the article writes
    them as one elsewhere ("Twitter"); "Rips", "Checks" are dropped."""
    retitled = {n for n, (a, b) in enumerate(zip(original.paragraphs, article.paragraphs,
                                                  strict=True))
                if a.text != b.text or b.role == "headline"}
    if not retitled:
        return cands
    elsewhere = {c.text for c in cands if c.para not in retitled}
    people = {c.text for c in cands if c.para not in retitled and c.place is None
              and len(c.text.split()) > 1 and c.votes["PERSON"] > 0}
    out: list[Candidate] = []
    for cand in cands:
        doc = docs[cand.para]
        if cand.para in retitled and cand.text not in people:
            cand = _led_by(doc, cand, people)
        cut = _run_on(doc, cand, people) if cand.para in retitled else None
        if cut is None:
            out.append(cand)
            continue
        out.append(replace(cand, end=cut, text=doc[cand.start:cut].text))
        tail = doc[cut:cand.end].text
        if tail in elsewhere:
            out.append(Candidate(cand.para, cut, cand.end, tail))
    return out


def _led_by(doc: Doc, cand: Candidate, people: set[str]) -> Candidate:
    """The headline's "Charger Jamal Williams", "Molestor Arcade Joseph Comeaux Jr.": a
    description before a person's full name the article writes elsewhere, which the model took
    into the name; not a given name ("Paul")."""
    if cand.place is not None or cand.votes["PERSON"] == 0:
        return cand
    for k in range(cand.start + 1, cand.end - 1):
        if doc[k:cand.end].text in people:
            if any(is_known_given_name(t.text) for t in doc[cand.start:k]):
                return cand
            return replace(cand, start=k, text=doc[k:cand.end].text)
    return cand


def _run_on(doc: Doc, cand: Candidate, people: set[str]) -> int | None:
    """Where a person's name the article writes elsewhere ends inside `cand`, if words that are
    no generation follow it there."""
    if cand.place is not None or cand.votes["PERSON"] == 0:
        return None
    for k in range(cand.end - 1, cand.start + 1, -1):
        if doc[cand.start:k].text in people and \
                not all(bare(t.text) in GENERATIONS for t in doc[k:cand.end]):
            return k
    return None


def _surnames_not_places(sides: Sequence[tuple[Sequence[Doc], list[Candidate]]]) -> None:
    """A town's name that is the surname of someone the pair names in full ("Jackson" beside
    "Jesse Jackson Jr.") is that person, unless a preposition makes it the place ("in Jackson")
    (in place)."""
    surnames = set()
    for _, cands in sides:
        for c in cands:
            words = [w for w in c.text.split() if bare(w) not in GENERATIONS]
            if c.place is None and len(words) > 1 and c.votes["PERSON"] > max(
                    c.votes["ORG"], c.votes["GPE"], c.votes["LOC"]):
                surnames.add(vote_key(words[-1]))
    for docs, cands in sides:
        for c in cands:
            if c.place is not None and c.place.kind == "city" and vote_key(c.text) in surnames \
                    and not after_place_preposition(docs[c.para], c.start):
                c.place = None
                c.votes["PERSON"] += CUE


def _vote(cands: list[Candidate]) -> dict[str, EntityLabel]:
    """One label per name string, from every mention in both articles."""
    votes: dict[str, Counter[str]] = {}
    strong = {vote_key(c.text) for c in cands if not c.weak}
    for cand in cands:
        if cand.place is None:
            votes.setdefault(vote_key(cand.text), Counter()).update(cand.votes)
    labels: dict[str, EntityLabel] = {}
    for text, counter in votes.items():
        best = max(_VOTING, key=lambda lab: (counter[lab], -_VOTING.index(lab)))
        if counter[best] > 0 and text in strong:
            labels[text] = best
    for text in votes.keys() - strong:  # a headline acronym the pair spells out
        if any(acronym_of(text, t) for t, lab in labels.items() if lab == "ORG"):
            labels[text] = "ORG"
    # a surname alone, of one word or more ("Manning", "Del Rio" of "Jack Del Rio")
    people = {" ".join(words[k:]) for c in cands if labels.get(vote_key(c.text)) == "PERSON"
              for words in (_without_generation(vote_key(c.text)),)
              for k in range(1, len(words))}
    # a family name written first ("Wang" of "Wang Dan"), unless the rest reads as a common
    # plural ("Pirelli Cables", a company the model took for a person)
    people |= {vote_key(c.text).split()[0] for c in cands
               if labels.get(vote_key(c.text)) == "PERSON" and len(c.text.split()) == 2
               and not c.text.endswith("s")}
    for text in labels:
        if text in people:
            labels[text] = "PERSON"  # a surname ("Wang" of "Wang Dan") read as something else
    # a first name and a surname the pair reads alone as a person ("Peyton Manning" of
    # "Manning"), whatever the model voted the whole; not a place and a plural ("Jacksonville
    # Jaguars", where "Jaguars" alone may be misread)
    surnames = {t for t, lab in labels.items() if lab == "PERSON" and " " not in t}
    for text in labels:
        words = text.split()
        if len(words) == 2 and words[1] in surnames and words[0].isalpha() \
                and words[0][:1].isupper() and lookup_place(words[0]) is None:
            labels[text] = "PERSON"
    # a one-word "person" the pair never names in full, with a title or "Mr.", found where a source
    # of news stands ("told Politico", "Politico reported"): a newspaper, a station, an agency
    parts = {w for t, lab in labels.items() if lab == "PERSON" and " " in t for w in t.split()}
    titled = {vote_key(c.text) for c in cands if c.titles or c.rank is not None or c.honoured}
    for text in {vote_key(c.text) for c in cands if c.source}:
        if labels.get(text) == "PERSON" and " " not in text and text not in parts | titled:
            labels[text] = "ORG"
    return labels


# -- settled mentions and groups -------------------------------------------------------------

@dataclass(slots=True)
class _Named:
    para: int
    start: int  # character offsets of the form (rank included)
    end: int
    form: str
    name: str  # the form without a rank
    label: EntityLabel
    place: Place | None = None
    titles: list[str] = field(default_factory=list)
    alias_of: tuple[int, int] | None = None  # (para, character start) of the expansion


def _groups(article: Article, docs: Sequence[Doc], named: list[_Named]) -> list[EntityGroup]:
    groups = _group_names(named)
    groups.extend(_figure_groups(article, docs))
    return groups


def _settle(article: Article, docs: Sequence[Doc], cands: list[Candidate],
            labels: dict[str, EntityLabel]) -> list[_Named]:
    """Candidates with a settled label, as character ranges; the rest are dropped."""
    out: list[_Named] = []
    for cand in cands:
        label = cand.place.label if cand.place is not None else labels.get(vote_key(cand.text))
        if label is None or (cand.place is None and is_demonym(cand.text)):
            continue
        doc = docs[cand.para]
        first = cand.rank if cand.rank is not None else cand.start
        start, end = doc[first].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
        alias = None
        if cand.alias_of is not None:
            alias = (cand.alias_of[0], doc[cand.alias_of[1]].idx)
        text = article.paragraphs[cand.para].text
        out.append(_Named(cand.para, start, end, text[start:end], cand.text, label,
                          cand.place, list(cand.titles), alias))
    return out


def _templates(named: list[_Named]) -> dict[str, _Named]:
    """The settled names worth looking for again, each with the mention that settled it."""
    templates: dict[str, _Named] = {}
    for item in named:
        if _propagatable(item.name, item.place is not None):
            templates.setdefault(item.name, item)
        words = _without_generation(item.name)
        if item.label == "PERSON" and len(words) > 1 and _propagatable(words[-1], False):
            templates.setdefault(words[-1], _Named(0, 0, 0, words[-1], words[-1], "PERSON"))
    return templates


def _without_generation(name: str) -> list[str]:
    """The words of a person's name without a closing "Jr." or "III": its surname ends it."""
    words = name.split()
    while len(words) > 1 and bare(words[-1]) in GENERATIONS:
        words.pop()
    return words


def _with_foreign(own: dict[str, _Named], other: dict[str, _Named]) -> dict[str, _Named]:
    merged = dict(own)
    for text, item in other.items():
        if text not in merged:
            merged[text] = _Named(0, 0, 0, text, text, item.label, item.place)
    return merged


def _propagate(article: Article, named: list[_Named], templates: dict[str, _Named]
               ) -> list[_Named]:
    """Find settled names again where the model missed them (headlines, odd spans)."""
    if not templates:
        return named
    taken: dict[int, list[tuple[int, int]]] = {}
    for item in named:
        taken.setdefault(item.para, []).append((item.start, item.end))
    pattern = re.compile(r"(?<![\w’'-])(" + "|".join(
        re.escape(t) for t in sorted(templates, key=len, reverse=True)) + r")(?![\w-])")
    out = list(named)
    for para in article.paragraphs:
        for match in pattern.finditer(para.text):
            s, e = match.span()
            if any(s < b and a < e for a, b in taken.get(para.id, [])):
                continue
            tpl = templates[match.group()]
            rank = _RANK_BEFORE.search(para.text, max(0, s - 16), s) \
                if tpl.label == "PERSON" else None
            if rank is not None and is_rank(rank.group(1)):
                s = rank.start(1)  # "Col. Abdramane": the rank stays in the form
            out.append(_Named(para.id, s, e, para.text[s:e], match.group(), tpl.label, tpl.place,
                              [rank.group(1)] if rank is not None and s == rank.start(1) else [],
                              tpl.alias_of))
            taken.setdefault(para.id, []).append((s, e))
    return out


_RANK_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]*\.?)\s+$")


def _propagatable(text: str, is_place: bool) -> bool:
    if len(text) < 2 or not text[:1].isupper():
        return False
    return is_place or " " in text or is_acronym(text) or word_zipf(text) < 5.0


def _group_names(named: list[_Named]) -> list[EntityGroup]:
    """One group per real-world name: places by gazetteer key, organisations by normalised
    name, acronym or short form, people by full name (surnames and given names joining it)."""
    keys: dict[int, str] = {}
    by_start = {(n.para, n.start): i for i, n in enumerate(named)}
    orgs = sorted({n.name for n in named if n.label == "ORG" and not is_acronym(n.name)})
    for i, item in enumerate(named):
        if item.place is not None:
            keys[i] = item.place.key
        elif item.label == "ORG":
            keys[i] = org_key(item.name)
        elif item.label in ("GPE", "LOC"):
            keys[i] = f"{item.label.lower()}:{slug(item.name)}"
    for i, item in enumerate(named):  # acronyms and short forms of organisations
        if item.label != "ORG":
            continue
        alias = by_start.get(item.alias_of) if item.alias_of is not None else None
        if alias is not None and alias in keys:  # not when the vote made the expansion a person
            keys[i] = keys[alias]
        elif is_acronym(item.name):
            full = next((o for o in orgs if acronym_of(item.name, o)), None)
            if full is not None:
                keys[i] = org_key(full)
        else:
            own = org_key(item.name)
            longer = {org_key(o) for o in orgs if org_key(o) != own
                      and org_short_form(item.name, o)}
            if len(longer) == 1:
                keys[i] = longer.pop()  # "State Department" of "US State Department"
    _group_people(named, keys)
    groups: dict[str, EntityGroup] = {}
    for i, item in enumerate(named):
        key = keys[i]
        group = groups.get(key)
        if group is None:
            group = groups[key] = EntityGroup(key, item.label, item.name, [],
                                              place=item.place is not None)
            if item.place is not None:
                group.name = item.place.name
        group.mentions.append((Mention(item.para, item.start, item.end), item.form))
        group.titles.extend(t for t in item.titles if t not in group.titles)
        if not group.place and _fuller(item.name, group.name, group.label):
            group.name = item.name
    return list(groups.values())


def _fuller(candidate: str, current: str, label: str) -> bool:
    if label == "ORG" and is_acronym(current) and not is_acronym(candidate):
        return True
    if label == "ORG" and is_acronym(candidate):
        return False
    return len(candidate.split()) > len(current.split())


def _group_people(named: list[_Named], keys: dict[int, str]) -> None:
    """Key people by their fullest name; a shorter form joins the one full name it fits (of
    several that fit alike, the fullest: "Jackson" is "Jesse Jackson Jr.", not "Sandra
    Jackson")."""
    people = [i for i, n in enumerate(named) if n.label == "PERSON"]
    # where each form is first written, and first below the headline (paragraph 0)
    first: dict[tuple[str, ...], tuple[int, int]] = {}
    below: dict[tuple[str, ...], tuple[int, int]] = {}
    for i in sorted(people, key=lambda i: (named[i].para, named[i].start)):
        tokens = name_tokens(named[i].name)
        first.setdefault(tokens, (named[i].para, named[i].start))
        if named[i].para > 0:
            below.setdefault(tokens, (named[i].para, named[i].start))
    full: list[tuple[tuple[str, ...], str]] = []
    for i in sorted(people, key=lambda i: (-len(name_tokens(named[i].name)), named[i].para,
                                           named[i].start)):
        tokens = name_tokens(named[i].name)
        best = max(full, key=lambda f: person_match(tokens, f[0]), default=None)
        # a surname alone is a "Jr." only if the article names him before it uses the surname:
        # "Trump" written before "Donald Trump Jr." is his father
        junior = best is not None and best[0][-1] in GENERATIONS and len(tokens) == 1 and \
            below.get(tokens, first[tokens]) < first[best[0]]
        if best is not None and person_match(tokens, best[0]) >= 0.85 and not junior:
            keys[i] = best[1]
            continue
        given = [f for f in full if len(tokens) == 1 and len(f[0]) > 1 and f[0][0] == tokens[0]]
        if len(given) == 1:
            keys[i] = given[0][1]  # "Tedros" of "Tedros Adhanom Ghebreyesus"
            continue
        key = person_key(named[i].name)
        full.append((tokens, key))
        keys[i] = key


def _just_one(doc: Doc, start: int, end: int) -> bool:
    """"one option", "a single vote": a thing, not a figure worth listing."""
    words = {t.lower_ for t in doc[start:end] if t.like_num or t.lower_ in ("a", "an")}
    return bool(words) and words <= {"one", "a", "an", "single"}


def _figure_groups(article: Article, docs: Sequence[Doc]) -> list[EntityGroup]:
    """Dates and figures, grouped by their normalised value."""
    groups: dict[str, EntityGroup] = {}
    for paragraph, doc in zip(article.paragraphs, docs, strict=False):
        para, whole = paragraph.id, paragraph.text
        spans: list[tuple[int, int, str, EntityLabel, object]] = [
            (s, e, value.key, "DATE", value) for s, e, value in date_spans(doc)]
        spans += [(f.start, f.end, f.key, f.label, f.noun) for f in figure_spans(doc)
                  if not _just_one(doc, f.start, f.end)]
        for s, e, key, label, extra in spans:
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            form = whole[start:end]
            group = groups.setdefault(key, EntityGroup(key, label, form, [], extra=extra))
            group.mentions.append((Mention(para, start, end), form))
    return list(groups.values())
