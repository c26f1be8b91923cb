"""Figures in two units of one measure: an outlet that converts "35 kilometers" into "22 miles"
states the same fact, and "30 miles" against "75 kilometers" is compared as 48 against 75 (the
units and the rounding allowed: `entities.units`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..entities.units import UNITS, close

if TYPE_CHECKING:
    from .amounts import Amount


def converted(a: Amount, b: Amount) -> Amount | None:
    """`b` in `a`'s unit, when the two count two units of one measure (else None). Money is no
    measure here: "pounds" of money are a currency."""
    ka, kb = UNITS.get(a.noun), UNITS.get(b.noun)
    if ka is None or kb is None or ka[0] != kb[0] or ka == kb or "MONEY" in (a.label, b.label):
        return None
    factor = kb[1] / ka[1]
    return replace(b, value=b.value * factor, low=b.low * factor, high=b.high * factor,
                   noun=a.noun)


def measure(a: Amount) -> str:
    """What a figure in a unit measures ("distance"), or "" for other figures."""
    unit = UNITS.get(a.noun)
    return unit[0] if unit else ""


def same_converted(a: Amount, b: Amount) -> bool:
    """`b`, already in `a`'s unit, states `a` once the converter's rounding is allowed for."""
    if a.low <= b.high and b.low <= a.high:
        return True
    return close(a.value, b.value)
