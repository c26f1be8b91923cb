"""Units of measure: which measure a unit counts ("mile": distance) and its size, so a figure
in one unit reads in another ("35 kilometers" is about "22 miles").

Conversions in news are rounded ("135 kilometers (85 miles)" for 83.9): a converted figure
within `ROUNDING` of the other is the same figure.
"""

from __future__ import annotations

ROUNDING = 0.06

# A unit's measure and its size in that measure's base unit (metre, kilogram, square metre,
# litre), under the singular forms `singular` gives ("feet" stays, "inches" loses its "s").
# "ton" is left out: short, long and metric tons differ by up to 12%.
UNITS: dict[str, tuple[str, float]] = {
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


def in_unit(value: float, unit: str, other: str) -> float | None:
    """`value` in unit `other` given in unit `unit`, when both measure one thing (else None)."""
    a, b = UNITS.get(unit), UNITS.get(other)
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def close(a: float, b: float) -> bool:
    """Two values one figure once a converter's rounding is allowed for."""
    return abs(a - b) <= ROUNDING * max(abs(a), abs(b))
