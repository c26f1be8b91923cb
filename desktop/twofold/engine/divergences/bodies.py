"""Organisations and places: one parallel slot filled with another body or place.

"Romney told [a CBS | Denver Fox] affiliate": the same words before and after the slot fix its
role, so two different organisations (or places) there are two accounts of one fact. Only a
slot anchored on both sides counts, only a name that qualifies the same noun right after it on
both sides ("a [CBS] affiliate"; "passed by [Congress]" and "the [House] voted" are a body and
its part, not one role), and only names the other sentence does not also carry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Divergence, DivergenceKind, Span
from .slots import Slot

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .pairs import SentencePair, Side

_GROUPS = {"ORG": "organisation", "GPE": "place", "LOC": "place"}
# Short names of bodies that papers use for the full one ("Wisconsin GOP").
_ALIASES = {"gop": ("republican", "party"), "dems": ("democratic", "party"),
            "u.s": ("us",), "u.s.": ("us",), "united": ("us",), "states": ()}
_QUALIFIED = 0.4  # base confidence of two names qualifying one noun, without a parallel slot


def slot_bodies(pair: SentencePair, slot: Slot) -> list[Divergence]:
    """An organisation or place that fills one parallel slot differently."""
    if slot.before < 1 or slot.after < 1:
        return []
    out = []
    for group in ("organisation", "place"):
        lin = _named(pair.left, slot.left, group)
        rin = _named(pair.right, slot.right, group)
        if len(lin) != 1 or len(rin) != 1 or lin[0][2] == rin[0][2]:
            continue
        if lin[0][2] in {k[2] for k in pair.right.keys} or \
                rin[0][2] in {k[2] for k in pair.left.keys}:
            continue  # both sentences name both: the slot only reorders them
        if _letters(pair.left, lin[0]) == _letters(pair.right, rin[0]) or \
                _one_body(_span(pair.left, lin[0]).text, _span(pair.right, rin[0]).text):
            continue  # "CIA" / "C.I.A.": house style
        lnoun, rnoun = _qualified(pair.left, lin[0]), _qualified(pair.right, rin[0])
        if lnoun is None or lnoun != rnoun:
            continue  # only "a [CBS] affiliate" / "a [Fox] affiliate" fixes one role
        ls, rs = _span(pair.left, lin[0]), _span(pair.right, rin[0])
        confidence = round(min(1.0, 0.4 + 0.4 * slot.anchored + 0.3 * slot.parallel), 2)
        kind: DivergenceKind = "place" if group == "place" else "other"
        out.append(Divergence(kind, ls, rs, f"Another {group} in the same place of the "
                              f"statement: {ls.text} vs {rs.text}", 1, confidence))
    return out


def qualified_bodies(pair: SentencePair) -> list[Divergence]:
    """Another organisation or place said of the same thing in paraphrase: "a 2008 event in
    [Norfolk]" / "the [Norwalk] event", each the one name of its kind that qualifies the noun."""
    out = []
    for group in ("organisation", "place"):
        lnames = _qualifiers(pair.left, pair.right, group)
        rnames = _qualifiers(pair.right, pair.left, group)
        for noun, lkeys in lnames.items():
            rkeys = rnames.get(noun, [])
            if len(lkeys) != 1 or len(rkeys) != 1 or \
                    _letters(pair.left, lkeys[0]) == _letters(pair.right, rkeys[0]):
                continue
            ls, rs = _span(pair.left, lkeys[0]), _span(pair.right, rkeys[0])
            if _one_body(ls.text, rs.text):
                continue
            kind: DivergenceKind = "place" if group == "place" else "other"
            confidence = round(min(_QUALIFIED + 0.5 * pair.overlap, 0.85), 2)
            out.append(Divergence(kind, ls, rs, f"Another {group} for the same {noun}: "
                                  f"{ls.text} vs {rs.text}", 1, confidence))
    return out


def _one_body(a: str, b: str) -> bool:
    """Two names of one body, or of one body at two levels: what tells them apart is only a
    place ("Wyoming Senate" / "U.S. Senate", "Wisconsin Republican Party" / "GOP"), or one
    name holds the other ("Moscow" / "Trump Tower Moscow": one place, two precisions)."""
    from ..entities.gazetteer import is_demonym, lookup_place

    def words(name: str) -> set[str]:
        out: set[str] = set()
        for raw in name.replace("’", "'").split():
            w = raw.strip(".,'()").casefold()
            out |= set(_ALIASES.get(w, (w,)))
        return out - {"the", "of", ""}

    wa, wb = words(a), words(b)
    rest = wa ^ wb
    if not wa & wb or not rest or wa <= wb or wb <= wa:
        return bool(wa & wb)
    return all(lookup_place(w.title()) is not None or is_demonym(w.title()) or w == "us"
               for w in rest)


def _qualifiers(side: Side, other: Side, group: str
                ) -> dict[str, list[tuple[int, int, str, str]]]:
    """Names of a group the other sentence does not carry, by the noun each qualifies."""
    theirs = {k[2] for k in other.keys}
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    for key in side.keys:
        if _GROUPS.get(key[3]) != group or key[2] in theirs:
            continue
        noun = _qualified(side, key) or _placed(side, key)
        if noun:
            out.setdefault(noun, []).append(key)
    return out


def _placed(side: Side, key: tuple[int, int, str, str]) -> str | None:
    """The noun a name is attached to by a preposition of place ("an event in Norfolk")."""
    last = _last_token(side, key)
    if last is None or last.dep_ != "pobj" or last.head.lower_ not in ("in", "at", "of") or \
            last.head.head.pos_ != "NOUN":
        return None
    return str(last.head.head.lemma_.lower())


def _named(side: Side, rng: tuple[int, int], group: str) -> list[tuple[int, int, str, str]]:
    start, end = side.chars(*rng)
    return [k for k in side.keys if _GROUPS.get(k[3]) == group and start <= k[0] and k[1] <= end]


def _letters(side: Side, key: tuple[int, int, str, str]) -> str:
    return "".join(c for c in side.text[key[0]:key[1]].casefold() if c.isalnum())


def _qualified(side: Side, key: tuple[int, int, str, str]) -> str | None:
    """The common noun a name qualifies, right after it ("a [CBS] affiliate"), else None."""
    doc = side.sent.doc
    last = _last_token(side, key)
    if last is None or last.i + 1 >= side.sent.end:
        return None
    after = doc[last.i + 1]
    if after.pos_ != "NOUN" or last.head.i != after.i:
        return None
    return str(after.lemma_.lower())


def _last_token(side: Side, key: tuple[int, int, str, str]) -> Token | None:
    i = side.token_ending(key[1])
    return None if i is None else side.sent.doc[i]


def _span(side: Side, key: tuple[int, int, str, str]) -> Span:
    return Span(side.paragraph, key[0], key[1], side.text[key[0]:key[1]])
