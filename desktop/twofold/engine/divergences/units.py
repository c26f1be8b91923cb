"""Figures in two units of one measure: an outlet that converts "35 kilometers" into "22 miles"
states the same fact, and "30 miles" against "75 kilometers" is compared as 48 against 75.

Conversions in news are rounded ("135 kilometers (85 miles)" for 83.9): a converted figure
within `ROUNDING` of the other is the same figure.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .amounts import Amount

ROUNDING = 0.06

# A unit's measure and its size in that measure's base unit (metre, kilogram, square metre,
# litre), under the singular forms `singular` gives ("feet" stays, "inches" loses its "s").
# "ton" is left out: short, long and metric tons differ by up to 12%.
_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys(("kilometer", "kilometre", "km"), ("distance", 1000.0)),
    **dict.fromkeys(("meter", "metre"), ("distance", 1.0)),
    **dict.fromkeys(("centimeter", "centimetre", "cm"), ("distance", 0.01)),
    **dict.fromkeys(("mile",), ("distance", 1609.344)),
    **dict.fromkeys(("foot", "feet", "ft"), ("distance", 0.3048)),
    **dict.fromkeys(("inch", "inche"), ("distance", 0.0254)),
    **dict.fromkeys(("kilogram", "kilogramme", "kg", "kilo"), ("weight", 1.0)),
    **dict.fromkeys(("gram", "gramme"), ("weight", 0.001)),
    **dict.fromkeys(("pound", "lb"), ("weight", 0.45359237)),
    **dict.fromkeys(("ounce", "oz"), ("weight", 0.028349523125)),
    **dict.fromkeys(("tonne",), ("weight", 1000.0)),
    **dict.fromkeys(("hectare",), ("area", 10_000.0)),
    **dict.fromkeys(("acre",), ("area", 4046.8564224)),
    **dict.fromkeys(("liter", "litre"), ("volume", 1.0)),
    **dict.fromkeys(("gallon",), ("volume", 3.785411784)),
}


def converted(a: Amount, b: Amount) -> Amount | None:
    """`b` in `a`'s unit, when the two count two units of one measure (else None). Money is no
    measure here: "pounds" of money are a currency."""
    ka, kb = _UNITS.get(a.noun), _UNITS.get(b.noun)
    if ka is None or kb is None or ka[0] != kb[0] or ka == kb or "MONEY" in (a.label, b.label):
        return None
    factor = kb[1] / ka[1]
    return replace(b, value=b.value * factor, low=b.low * factor, high=b.high * factor,
                   noun=a.noun)


def measure(a: Amount) -> str:
    """What a figure in a unit measures ("distance"), or "" for other figures."""
    unit = _UNITS.get(a.noun)
    return unit[0] if unit else ""


def same_converted(a: Amount, b: Amount) -> bool:
    """`b`, already in `a`'s unit, states `a` once the converter's rounding is allowed for."""
    if a.low <= b.high and b.low <= a.high:
        return True
    return abs(a.value - b.value) <= ROUNDING * max(abs(a.value), abs(b.value))
