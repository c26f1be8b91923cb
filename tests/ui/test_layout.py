"""Pure layout arithmetic: the anchored chain, padding, follow order, height mapping, merging."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given
from hypothesis import strategies as st

from twofold.engine.model import Article, Comparison, Link, Op, Paragraph
from twofold.ui.highlight import change_ranges
from twofold.ui.layout import anchor_chain, follow_order, pad_to_align
from twofold.ui.scrollsync import map_height


def _brute(pairs: list[tuple[int, int, float]]) -> float:
    best = 0.0
    for size in range(1, len(pairs) + 1):
        for combo in combinations(sorted(pairs), size):
            if all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(combo)):
                best = max(best, sum(p[2] for p in combo))
    return best


def test_chain_skips_a_crossing_link() -> None:
    pairs = [(0, 0, 1.0), (1, 3, 0.5), (2, 1, 0.9), (3, 2, 0.9)]
    assert anchor_chain(pairs) == [(0, 0), (2, 1), (3, 2)]


def test_chain_of_nothing_is_empty() -> None:
    assert anchor_chain([]) == []


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6),
                          st.floats(0.01, 1.0, allow_nan=False)), max_size=7))
def test_chain_is_increasing_and_heaviest(pairs: list[tuple[int, int, float]]) -> None:
    chain = anchor_chain(pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(chain))
    weight = {}
    for left, right, w in pairs:
        weight[(left, right)] = max(weight.get((left, right), 0.0), w)
    total = sum(max(w for l_, r_, w in pairs if (l_, r_) == c) for c in chain)
    assert abs(total - _brute(pairs)) < 1e-9


@given(st.lists(st.floats(5, 80, allow_nan=False), min_size=1, max_size=8),
       st.lists(st.floats(5, 80, allow_nan=False), min_size=1, max_size=8), st.data())
def test_padding_levels_every_chained_pair(lh: list[float], rh: list[float], data) -> None:
    def tops(heights: list[float]) -> list[float]:
        return [sum(heights[:i]) for i in range(len(heights))]

    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(lh) - 1),
                                         st.integers(0, len(rh) - 1), st.just(1.0))))
    chain = anchor_chain(pairs)
    pl, pr = pad_to_align(tops(lh), tops(rh), chain)
    padded_l = tops([h + p for h, p in zip(lh, [*pl[1:], 0.0], strict=True)])
    padded_l = [t + pl[0] for t in padded_l]
    padded_r = [t + pr[0] for t in tops([h + p for h, p in zip(rh, [*pr[1:], 0.0], strict=True)])]
    for li, ri in chain:
        assert abs(padded_l[li] - padded_r[ri]) < 1e-6
    assert min(pl + pr) >= 0


def _article(texts: list[str]) -> Article:
    return Article("x.txt", None, None, None,
                   tuple(Paragraph(i, "body", t) for i, t in enumerate(texts)))


def test_follow_order_puts_right_paragraphs_by_their_counterparts() -> None:
    c = Comparison(_article(["a", "b", "c"]), _article(["C", "x", "A", "B"]),
                   (Link(0, 2, 0.9, "paraphrase"), Link(1, 3, 0.9, "paraphrase"),
                    Link(2, 0, 0.9, "paraphrase")))
    # "x" has no counterpart and stays right after "C", which it followed.
    assert follow_order(c) == [2, 3, 0, 1]


def test_map_height_interpolates_between_anchors() -> None:
    anchors = [(0.0, 0.0), (100.0, 200.0), (300.0, 300.0)]
    assert map_height(50.0, anchors) == 100.0
    assert map_height(200.0, anchors) == 250.0
    assert map_height(400.0, anchors) == 400.0


def test_text_equal_in_another_link_is_not_marked_changed() -> None:
    left = _article(["one two three four"])
    right = _article(["one two", "three four"])
    links = (Link(0, 0, 0.5, "partial", (Op("equal", (0, 7), (0, 7)),
                                          Op("delete", (7, 18), (7, 7)))),
             Link(0, 1, 0.5, "partial", (Op("delete", (0, 8), (0, 0)),
                                          Op("equal", (8, 18), (0, 10)))))
    assert change_ranges(Comparison(left, right, links), "left") == {}


def test_single_link_ranges_come_straight_from_the_ops() -> None:
    c = Comparison(_article(["the cat sat"]), _article(["the dog sat"]),
                   (Link(0, 0, 0.7, "paraphrase", (Op("equal", (0, 4), (0, 4)),
                                                   Op("replace", (4, 7), (4, 7)),
                                                   Op("equal", (7, 11), (7, 11)))),))
    assert change_ranges(c, "left") == {0: [(4, 7, "replace")]}
    assert change_ranges(c, "right") == {0: [(4, 7, "replace")]}
