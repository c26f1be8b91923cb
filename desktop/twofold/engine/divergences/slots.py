"""Parallel slots: the places where two sentences that say the same thing use different words.

The two sentences' words are aligned (difflib over normalised forms: case, quote style, thousands
separators and abbreviated titles folded). A `replace` run between equal runs is a slot; the words
around it on both sides are the evidence that what fills it plays the same role in both
sentences ("... converting [$250,000 | $500,000] in campaign funds ..."). A slot inside a long
shared context is the strongest evidence the finder has that two items state one fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..worddiff import normalise_token
from .equivalence import title_word

if TYPE_CHECKING:
    from .pairs import SentencePair, Side

_MAX_ANCHOR = 3  # equal words counted on each side of a slot
_MAX_SLOT = 6  # words on either side: a longer run is rewording, not one item changed


@dataclass(frozen=True, slots=True)
class Slot:
    """Token ranges (doc indices, end exclusive) that differ, and the equal words around them."""

    left: tuple[int, int]
    right: tuple[int, int]
    before: int  # equal words just before the slot (capped)
    after: int  # equal words just after it (capped)
    parallel: float  # share of both sentences' words that align

    @property
    def anchored(self) -> float:
        """0..1: how firmly the shared words around the slot fix its role."""
        return (self.before + self.after) / (2 * _MAX_ANCHOR)


def words(side: Side) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Comparable forms of a sentence's words (punctuation left out) and their doc indices."""
    forms, index = [], []
    for tok in side.sent:
        if tok.is_punct or tok.is_space:
            continue
        forms.append(comparable(tok.text))
        index.append(tok.i)
    return tuple(forms), tuple(index)


def comparable(text: str) -> str:
    """One word as compared across outlets: "Sen." is "senator", "5,000" is "5000"."""
    form = normalise_token(text)
    if form[:1].isdigit():
        return form.replace(",", "")
    return title_word(form)


def slots(pair: SentencePair, lw: tuple[tuple[str, ...], tuple[int, ...]],
          rw: tuple[tuple[str, ...], tuple[int, ...]]) -> list[Slot]:
    """The replaced runs of two sentences' words, with their anchors."""
    (lf, li), (rf, ri) = lw, rw
    if not lf or not rf:
        return []
    matcher = SequenceMatcher(None, lf, rf, autojunk=False)
    ops = matcher.get_opcodes()
    same = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    parallel = 2 * same / (len(lf) + len(rf))
    out = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 > _MAX_SLOT or j2 - j1 > _MAX_SLOT:
            continue
        before = ops[k - 1][2] - ops[k - 1][1] if k and ops[k - 1][0] == "equal" else 0
        after = ops[k + 1][2] - ops[k + 1][1] \
            if k + 1 < len(ops) and ops[k + 1][0] == "equal" else 0
        out.append(Slot((li[i1], li[i2 - 1] + 1), (ri[j1], ri[j2 - 1] + 1),
                        min(before, _MAX_ANCHOR), min(after, _MAX_ANCHOR), parallel))
    return out
