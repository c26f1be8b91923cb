"""The pair model answers its own questions: changed links, summary counts, the swapped pair."""

import pytest

from twofold.engine.model import (
    Article,
    Comparison,
    Divergence,
    Link,
    Op,
    PairSummary,
    Paragraph,
    Span,
)


def _article(path: str, *texts: str) -> Article:
    return Article(path, None, None, None,
                   tuple(Paragraph(i, "body", t) for i, t in enumerate(texts)))


@pytest.mark.parametrize(("ops", "changed"), [
    ((), False),
    ((Op("equal", (0, 5), (0, 5)),), False),
    ((Op("equal", (0, 5), (0, 5)), Op("replace", (5, 9), (5, 8))), True),
    ((Op("delete", (0, 3), (0, 0)),), True),
    ((Op("insert", (0, 0), (0, 3)),), True),
])
def test_a_link_knows_whether_its_words_differ(ops: tuple[Op, ...], changed: bool) -> None:
    assert Link(0, 0, 0.9, "paraphrase", ops).changed is changed


@pytest.mark.parametrize(("tag", "mirrored"), [
    ("equal", "equal"), ("replace", "replace"), ("delete", "insert"), ("insert", "delete")])
def test_an_op_seen_from_the_other_side(tag: str, mirrored: str) -> None:
    op = Op(tag, (1, 4), (2, 2))  # type: ignore[arg-type]
    assert op.swapped() == Op(mirrored, (2, 2), (1, 4))  # type: ignore[arg-type]


def _pair() -> Comparison:
    left = _article("a.txt", "One two three.", "Only left.", "Four five.")
    right = _article("b.txt", "Four five.", "One two four.", "Only right.", "Also right.")
    links = (
        Link(0, 1, 0.8, "paraphrase",
             (Op("equal", (0, 8), (0, 8)), Op("replace", (8, 13), (8, 12)),
              Op("equal", (13, 14), (12, 13)))),
        Link(2, 0, 1.0, "verbatim", (Op("equal", (0, 10), (0, 10)),)),
    )
    divergence = Divergence("number", Span(0, 8, 13, "three"), Span(1, 8, 12, "four"),
                            "Count differs", 2)
    return Comparison(left, right, links, divergences=(divergence,), similarity=0.5)


def test_the_summary_counts_links_changes_and_paragraphs_without_counterpart() -> None:
    assert _pair().summary() == PairSummary(
        similarity=0.5, links=2, changed_links=1, linked_left=2, linked_right=2, only_left=1,
        only_right=2, divergences=1)


def test_the_swapped_pair_mirrors_sides_links_and_divergences() -> None:
    c = _pair()
    s = c.swapped()
    assert (s.left.path, s.right.path) == ("b.txt", "a.txt")
    assert [(k.left, k.right) for k in s.links] == [(0, 2), (1, 0)]  # in left order again
    assert s.links[1].ops[1] == Op("replace", (8, 12), (8, 13))
    assert (s.divergences[0].left.text, s.divergences[0].right.text) == ("four", "three")
    assert s.summary().only_left == c.summary().only_right
    assert s.swapped() == c
