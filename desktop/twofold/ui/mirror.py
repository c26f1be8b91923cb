"""A comparison seen from the other side (swap sides) without running the engine again."""

from __future__ import annotations

from dataclasses import replace

from twofold.engine.model import Comparison, Divergence, Link, Op

_FLIP = {"delete": "insert", "insert": "delete"}


def swapped(comparison: Comparison) -> Comparison:
    """The same comparison with left and right exchanged (ops and spans mirrored)."""
    links = tuple(
        Link(link.right, link.left, link.score, link.kind,
             tuple(Op(_FLIP.get(op.tag, op.tag), op.right, op.left)  # type: ignore[arg-type]
                   for op in link.ops))
        for link in comparison.links
    )
    divergences = tuple(
        Divergence(d.kind, d.right, d.left, d.note, d.severity) for d in comparison.divergences
    )
    return replace(
        comparison, left=comparison.right, right=comparison.left,
        links=tuple(sorted(links, key=lambda k: (k.left, k.right))),
        left_entities=comparison.right_entities, right_entities=comparison.left_entities,
        divergences=divergences,
    )
