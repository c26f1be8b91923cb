"""A divergence's stable identity: the same finding gets the same id in every run and export."""

from __future__ import annotations

import hashlib

from ..model import Divergence


def divergence_id(d: Divergence) -> str:
    """12 hex digits from the kind and both sides' paragraph and span text.

    The note's wording, the severity, the confidence and the offsets may change with the engine;
    what was found, and where, names the finding a reader dismissed. The two sides are taken in
    a fixed order, so the id survives swapping the articles.
    """
    sides = sorted([(d.left.paragraph, d.left.text), (d.right.paragraph, d.right.text)])
    parts = [d.kind, *(f"{p}\x1e{t}" for p, t in sides)]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
