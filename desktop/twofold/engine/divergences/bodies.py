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
    from .pairs import SentencePair, Side

_GROUPS = {"ORG": "organisation", "GPE": "place", "LOC": "place"}


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
        if _letters(pair.left, lin[0]) == _letters(pair.right, rin[0]):
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


def _named(side: Side, rng: tuple[int, int], group: str) -> list[tuple[int, int, str, str]]:
    doc = side.sent.doc
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    return [k for k in side.keys if _GROUPS.get(k[3]) == group and start <= k[0] and k[1] <= end]


def _letters(side: Side, key: tuple[int, int, str, str]) -> str:
    return "".join(c for c in side.sent.doc.text[key[0]:key[1]].casefold() if c.isalnum())


def _qualified(side: Side, key: tuple[int, int, str, str]) -> str | None:
    """The common noun a name qualifies, right after it ("a [CBS] affiliate"), else None."""
    doc = side.sent.doc
    last = next((t for t in side.sent if t.idx < key[1] <= t.idx + len(t.text)), None)
    if last is None or last.i + 1 >= side.sent.end:
        return None
    after = doc[last.i + 1]
    if after.pos_ != "NOUN" or last.head.i != after.i:
        return None
    return str(after.lemma_.lower())


def _span(side: Side, key: tuple[int, int, str, str]) -> Span:
    return Span(side.paragraph, key[0], key[1], side.sent.doc.text[key[0]:key[1]])
