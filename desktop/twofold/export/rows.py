"""The rows of a side-by-side report: linked paragraphs in left order, uniques in between."""

from __future__ import annotations

from dataclasses import dataclass

from twofold.engine.model import Comparison, Link


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the report: a link, or a paragraph only one side has (the other is None)."""

    left: int | None
    right: int | None
    link: Link | None = None

    @property
    def unique_side(self) -> str | None:
        """'left' or 'right' for a paragraph with no counterpart, else None."""
        if self.link is not None:
            return None
        return "left" if self.right is None else "right"


def aligned_rows(c: Comparison) -> list[Row]:
    """Every link in left order, each left-only paragraph where it falls, and each right-only
    paragraph after the row of the nearest right paragraph before it that has a counterpart."""
    by_left: dict[int, list[Link]] = {}
    for link in c.links:
        by_left.setdefault(link.left, []).append(link)
    rows: list[Row] = []
    for para in c.left.paragraphs:
        links = sorted(by_left.get(para.id, []), key=lambda k: k.right)
        rows += [Row(k.left, k.right, k) for k in links] or [Row(para.id, None)]
    linked_right = sorted({k.right for k in c.links})
    waiting: dict[int | None, list[int]] = {}
    for pid in c.unique_right():
        before = [r for r in linked_right if r < pid]
        waiting.setdefault(before[-1] if before else None, []).append(pid)
    out = [Row(None, pid) for pid in waiting.pop(None, [])]
    for row in rows:
        out.append(row)
        if row.link is not None and row.right in waiting:
            out += [Row(None, pid) for pid in waiting.pop(row.right)]
    out += [Row(None, pid) for pids in waiting.values() for pid in pids]  # none expected
    return out
