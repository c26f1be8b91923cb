"""Link the entity groups of two articles: one key per real-world entity, spelling variants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Entity, EntityLabel, Mention
from .figures import DateValue
from .gazetteer import slug
from .names import (
    acronym_of,
    is_acronym,
    name_tokens,
    org_core,
    org_short_form,
    org_words,
    person_match,
)
from .units import close, in_unit

_GROUP_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 2, "DATE": 3, "QUANTITY": 4,
                "MONEY": 4, "PERCENT": 4}
_MIN_SCORE = 0.6


@dataclass(slots=True)
class EntityGroup:
    """The mentions of one entity in one article, before it becomes an `Entity`."""

    key: str
    label: EntityLabel
    name: str
    mentions: list[tuple[Mention, str]]  # mention, surface form
    titles: list[str] = field(default_factory=list)
    place: bool = False  # keyed by the gazetteer
    extra: object = None  # DateValue for dates, counted noun for quantities

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(form for _, form in sorted(
            self.mentions, key=lambda m: (m[0].paragraph, m[0].start))))


def link_entities(
    left: Sequence[EntityGroup], right: Sequence[EntityGroup]
) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
    """Entities of both sides, matched one to one, with shared keys and spelling variants."""
    pairs = _match(left, right)
    left_out = {id(g): _entity(g) for g in left}
    right_out = {id(g): _entity(g) for g in right}
    for a, b in pairs:
        key = _shared_key(a, b)
        variants_a = _variants(a, b)
        variants_b = _variants(b, a)
        left_out[id(a)] = _entity(a, key=key, shared=True, other_forms=variants_a)
        right_out[id(b)] = _entity(b, key=key, shared=True, other_forms=variants_b)
    return _sorted(left_out.values()), _sorted(right_out.values())


def _entity(group: EntityGroup, *, key: str | None = None, shared: bool = False,
            other_forms: tuple[str, ...] = ()) -> Entity:
    mentions = tuple(sorted((m for m, _ in group.mentions),
                            key=lambda m: (m.paragraph, m.start)))
    return Entity(key=key or group.key, label=group.label, name=group.name, forms=group.forms,
                  mentions=tuple(dict.fromkeys(mentions)), shared=shared,
                  other_forms=other_forms, titles=tuple(group.titles))


def _sorted(entities: object) -> tuple[Entity, ...]:
    items = list(entities)  # type: ignore[call-overload]
    return tuple(sorted(items, key=lambda e: (_GROUP_ORDER[e.label], e.mentions[0].paragraph,
                                              e.mentions[0].start, e.key)))


def _match(left: Sequence[EntityGroup], right: Sequence[EntityGroup]
           ) -> list[tuple[EntityGroup, EntityGroup]]:
    scored: list[tuple[tuple[bool, float, str, str], int, int]] = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if _GROUP_ORDER[a.label] != _GROUP_ORDER[b.label]:
                continue
            score = score_pair(a, b)
            if score >= _MIN_SCORE:
                # Same key first: another pair taking either group would hand its shared key to
                # a second entity of the other side. Ties go by key, not position, so swapping
                # the articles pairs the same groups.
                rank = (a.key != b.key, -score, min(a.key, b.key), max(a.key, b.key))
                scored.append((rank, i, j))
    scored.sort()
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[EntityGroup, EntityGroup]] = []
    for _, i, j in scored:
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((left[i], right[j]))
    return pairs


def score_pair(a: EntityGroup, b: EntityGroup) -> float:
    """How surely two groups of two articles are one entity (0 = not at all)."""
    if a.key == b.key:
        return 1.0
    if a.label != b.label and {a.label, b.label} != {"GPE", "LOC"} \
            and _GROUP_ORDER[a.label] != 4:
        return 0.0
    if a.place and b.place:
        return 0.0  # two different gazetteer places: "Niger" is not "Nigeria"
    if a.label == "PERSON":
        return max((person_match(name_tokens(x), name_tokens(y))
                    for x in a.forms for y in b.forms), default=0.0)
    if a.label == "ORG":
        return max((_org_match(x, y) for x in a.forms for y in b.forms), default=0.0)
    if a.label in ("GPE", "LOC"):
        if a.place or b.place:
            return 0.0
        from rapidfuzz.fuzz import ratio

        return 0.7 if ratio(a.name.lower(), b.name.lower()) >= 88 else 0.0
    if a.label == "DATE" and isinstance(a.extra, DateValue) and isinstance(b.extra, DateValue):
        return a.extra.compatible(b.extra)
    if a.label == "QUANTITY" and b.label == "QUANTITY" and a.extra and b.extra:
        if a.extra == b.extra:
            return 0.65  # the same thing counted, perhaps with a different figure
        return _converted_match(a, b)
    return 0.0


def _converted_match(a: EntityGroup, b: EntityGroup) -> float:
    """Two figures in two units of one measure: one figure converted ("35 kilometers", "22
    miles"), else one measure given differently ("30 miles" against "75 kilometers")."""
    value_a, value_b = _quantity_value(a), _quantity_value(b)
    if value_a is None or value_b is None:
        return 0.0
    converted = in_unit(value_b, str(b.extra), str(a.extra))
    if converted is None:
        return 0.0
    return 0.9 if close(value_a, converted) else 0.65


def _quantity_value(group: EntityGroup) -> float | None:
    """The number of a quantity's key ("quantity:35-kilometer" -> 35.0), if it has one."""
    body, suffix = group.key.partition(":")[2], "-" + slug(str(group.extra))
    number = body[:-len(suffix)] if body.endswith(suffix) else ""
    try:
        return float(number)
    except ValueError:
        return None


def _org_match(x: str, y: str) -> float:
    if (is_acronym(x) and acronym_of(x, y)) or (is_acronym(y) and acronym_of(y, x)):
        return 0.9
    wx, wy = org_words(x), org_words(y)
    if wx == wy:
        return 1.0
    core_x, core_y = org_core(wx), org_core(wy)
    if core_x and core_x == core_y:
        return 0.8  # "State Department" / "US State Department"
    if org_short_form(x, y) or org_short_form(y, x):
        return 0.7  # "Defence Ministry" / "Federal Ministry of Defence"
    from rapidfuzz.fuzz import token_sort_ratio

    if len(wx) > 1 and len(wy) > 1 and token_sort_ratio(" ".join(wx), " ".join(wy)) >= 90:
        return 0.75
    return 0.0


def _shared_key(a: EntityGroup, b: EntityGroup) -> str:
    if a.place != b.place:
        return a.key if a.place else b.key
    return min(a.key, b.key)


def _variants(own: EntityGroup, other: EntityGroup) -> tuple[str, ...]:
    """Forms `other` uses that spell the name differently from every form of `own`."""
    if own.label not in ("PERSON", "ORG", "GPE", "LOC") or own.place or other.place:
        return ()
    from .names import spelling_variants

    own_forms = [f for f in own.forms if not is_acronym(f)]
    other_forms = [f for f in other.forms if not is_acronym(f)]
    return spelling_variants(own_forms, other_forms)
