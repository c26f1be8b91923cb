"""A reader's corrections of entity types ("Sheriff Arpaio" is a person), kept per entity key.

The engine's results are cached without corrections; a correction is applied on the way out,
so setting or clearing one takes effect at once, without comparing again. They live in the
engine's cache (so clearing the cache forgets them) and hold for every article that names the
entity under that key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import get_args

from ..cache import shared_cache
from ..model import Comparison, Entity, EntityLabel

_NAMESPACE = "entity-type-corrections@1"
LABELS: tuple[EntityLabel, ...] = get_args(EntityLabel)


def set_correction(key: str, label: EntityLabel) -> None:
    """Remember that the entity `key` is of type `label`; raises ValueError for other labels."""
    if label not in LABELS:
        raise ValueError(f"{label!r} is not an entity type; use one of {', '.join(LABELS)}")
    if not key:
        raise ValueError("an entity key is needed to remember its type")
    shared_cache().put(_NAMESPACE, key, label.encode("ascii"))


def get_correction(key: str) -> EntityLabel | None:
    """The type a reader gave the entity `key`, or None."""
    return _label(shared_cache().get(_NAMESPACE, key))


def clear_correction(key: str) -> None:
    """Forget the reader's type for `key`: the engine's own type shows again."""
    shared_cache().delete(_NAMESPACE, key)


def corrections() -> dict[str, EntityLabel]:
    """Every remembered correction: entity key -> type."""
    out: dict[str, EntityLabel] = {}
    for key, raw in shared_cache().items(_NAMESPACE).items():
        label = _label(raw)
        if label is not None:
            out[key] = label
    return out


def _label(raw: bytes | None) -> EntityLabel | None:
    """A stored type, or None for nothing stored or a value no longer a type."""
    text = raw.decode("ascii", "replace") if raw else ""
    return next((label for label in LABELS if label == text), None)


def apply_corrections(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entities with every remembered type applied (key, mentions and order unchanged)."""
    known = corrections() if entities else {}
    return tuple(dataclasses.replace(e, label=known[e.key])
                 if e.key in known and known[e.key] != e.label else e for e in entities)


def corrected(comparison: Comparison) -> Comparison:
    """The comparison with the reader's corrections applied to both sides' entities."""
    left = apply_corrections(comparison.left_entities)
    right = apply_corrections(comparison.right_entities)
    if left == comparison.left_entities and right == comparison.right_entities:
        return comparison
    return dataclasses.replace(comparison, left_entities=left, right_entities=right)
