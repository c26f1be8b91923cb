"""Pure layout arithmetic for the compare view: which links anchor the alignment, orders, padding.

Nothing here decides what matches what (the engine does); it only decides where to draw it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from twofold.engine.model import Comparison, Link


def anchor_chain(pairs: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The heaviest chain of (left, right, weight) pairs increasing strictly on both sides.

    Padding can only line up a non-crossing subset of many-to-many links; this picks the one
    carrying the most link score (weighted LIS with a Fenwick tree, O(n log n)).
    """
    if not pairs:
        return []
    size = max(r for _, r, _ in pairs) + 2
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best_val = [0.0] * len(pairs)
    prev = [-1] * len(pairs)
    # Sort by left ascending and right descending so equal lefts never chain to each other.
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    for k in order:
        _left, right, weight = pairs[k]
        val, idx, i = 0.0, -1, right  # query max over rights < right (1-based: positions <= right)
        while i > 0:
            if tree_val[i] > val:
                val, idx = tree_val[i], tree_idx[i]
            i -= i & -i
        best_val[k], prev[k] = val + weight, idx
        i = right + 1
        while i <= size:
            if best_val[k] > tree_val[i]:
                tree_val[i], tree_idx[i] = best_val[k], k
            i += i & -i
    end = max(range(len(pairs)), key=lambda k: best_val[k])
    chain: list[tuple[int, int]] = []
    while end != -1:
        chain.append((pairs[end][0], pairs[end][1]))
        end = prev[end]
    chain.reverse()
    return chain


def pad_to_align(
    left_tops: Sequence[float], right_tops: Sequence[float], chain: Iterable[tuple[int, int]]
) -> tuple[list[float], list[float]]:
    """Extra top margin per block so each chained pair starts at the same height."""
    left_pad = [0.0] * len(left_tops)
    right_pad = [0.0] * len(right_tops)
    # Pads only go on chained blocks, in order, so a running shift is the sum of those above.
    shift_l = shift_r = 0.0
    for li, ri in chain:
        yl, yr = left_tops[li] + shift_l, right_tops[ri] + shift_r
        if yl < yr:
            left_pad[li] += yr - yl
            shift_l += yr - yl
        elif yr < yl:
            right_pad[ri] += yl - yr
            shift_r += yl - yr
    return left_pad, right_pad


def follow_order(comparison: Comparison) -> list[int]:
    """Right paragraph ids rearranged to sit next to their strongest left counterpart."""
    strongest: dict[int, Link] = {}
    for link in comparison.links:
        held = strongest.get(link.right)
        if held is None or link.score > held.score:
            strongest[link.right] = link
    keyed: list[tuple[float, int, int]] = []
    anchor = -1.0
    for seq, para in enumerate(comparison.right.paragraphs):
        link = strongest.get(para.id)
        if link is not None:
            anchor = float(link.left)
            keyed.append((anchor, 0, seq))
        else:
            # An unmatched paragraph stays right after the paragraph that preceded it.
            keyed.append((anchor, 1, seq))
    keyed.sort()
    return [comparison.right.paragraphs[seq].id for _, _, seq in keyed]


@dataclass(frozen=True, slots=True)
class Stop:
    """A place next/previous difference visits: a link or a paragraph unique to one side."""

    left: int | None
    right: int | None
    link: int | None  # index into Comparison.links

    @property
    def label(self) -> str:
        if self.link is not None:
            return f"paragraphs {self.left} ↔ {self.right}"
        return f"left paragraph {self.left}" if self.left is not None else (
            f"right paragraph {self.right}")


def is_difference(link: Link) -> bool:
    """Whether next/previous difference visits a link: its words differ or it is not verbatim."""
    return link.changed or link.kind != "verbatim"


def reading_order(left_order: Sequence[int], right_order: Sequence[int]
                  ) -> Callable[[Stop], tuple[int, int, int]]:
    """Sort key of stops: down the left pane, then what only the right pane has, in its order."""
    left_at = {pid: n for n, pid in enumerate(left_order)}
    right_at = {pid: n for n, pid in enumerate(right_order)}

    def key(stop: Stop) -> tuple[int, int, int]:
        if stop.left is None:
            return (len(left_at), right_at.get(stop.right or 0, 0), 0)
        return (left_at.get(stop.left, 0), 0 if stop.right is None else 1,
                right_at.get(stop.right, 0) if stop.right is not None else 0)
    return key


def difference_stops(comparison: Comparison, left_order: Sequence[int],
                     right_order: Sequence[int]) -> list[Stop]:
    """Changed links and unique paragraphs in reading order of the left pane, then the
    paragraphs only the right article has (as Meld steps through a file's changes)."""
    stops = [Stop(link.left, link.right, n) for n, link in enumerate(comparison.links)
             if is_difference(link)]
    stops += [Stop(pid, None, None) for pid in comparison.unique_left()]
    stops += [Stop(None, pid, None) for pid in comparison.unique_right()]
    return sorted(stops, key=reading_order(left_order, right_order))
