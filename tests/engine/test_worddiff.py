"""Word diff: the ops people see as highlights, and the invariants every op list keeps."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.engine.worddiff import diff_paragraphs, normalise_span, tokenize


def changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(o.tag, a[o.left[0]:o.left[1]], b[o.right[0]:o.right[1]])
            for o in diff_paragraphs(a, b) if o.tag != "equal"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("The cat sat.", "The dog sat.", [("replace", "cat", "dog")]),
        ("US troops left.", "US troops left quickly.", [("insert", "", "quickly")]),
        ("He said it was over.", "He said over.", [("delete", "it was", "")]),
        # numbers are whole tokens: one change, not three
        ("about 1,000 troops", "about 1,200 troops", [("replace", "1,000", "1,200")]),
        # punctuation is its own token
        ("It ended.", "It ended!", [("replace", ".", "!")]),
        # a possessive is a token of its own
        ("Niger's army", "Niger army", [("delete", "'s", "")]),
    ],
)
def test_changes(a: str, b: str, expected: list[tuple[str, str, str]]) -> None:
    assert changes(a, b) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“Illegal”, he said.", "\"illegal\", he said."),  # quote style and case
        ("Niger’s junta", "Niger's junta"),  # apostrophe style
        ("THE DECISION", "the decision"),
        ("a  b", "a b"),  # spacing alone
    ],
)
def test_trivial_differences_are_not_changes(a: str, b: str) -> None:
    assert changes(a, b) == []


def test_change_spans_hold_no_surrounding_spaces() -> None:
    a, b = "one two three four", "one TWO-X three five"
    found = changes(a, b)
    assert len(found) == 2
    for _, left, right in found:
        assert left == left.strip() and right == right.strip()


def test_identical_texts_give_one_equal_op() -> None:
    ops = diff_paragraphs("Same text here.", "Same text here.")
    assert [o.tag for o in ops] == ["equal"]


def test_empty_texts() -> None:
    assert diff_paragraphs("", "") == ()
    assert [o.tag for o in diff_paragraphs("", "new words")] == ["insert"]


def test_tokens_cover_numbers_and_words() -> None:
    text = "In 2012, $100 million (3.5%) went to G7."
    assert [text[s:e] for s, e in tokenize(text)] == [
        "In", "2012", ",", "$", "100", "million", "(", "3.5", "%", ")", "went", "to", "G7", "."]


words = st.sampled_from(["the", "army", "Niger", "1,000", "troops", "said", ",", ".", "“", "”",
                         "US", "us", "’s", "é", "日本", "👍", "Zeine", "x"])
texts = st.lists(words, max_size=25).map(" ".join)


def _check_cover(a: str, b: str) -> None:
    ops = diff_paragraphs(a, b)
    lpos = rpos = 0
    for op in ops:
        assert op.left[0] == lpos and op.right[0] == rpos, "ops must be contiguous, in order"
        assert op.left[0] <= op.left[1] <= len(a) and op.right[0] <= op.right[1] <= len(b)
        if op.tag == "insert":
            assert op.left[0] == op.left[1]
        if op.tag == "delete":
            assert op.right[0] == op.right[1]
        if op.tag == "equal":
            assert normalise_span(a[op.left[0]:op.left[1]]) == normalise_span(
                b[op.right[0]:op.right[1]])
        lpos, rpos = op.left[1], op.right[1]
    assert (lpos, rpos) == (len(a), len(b)), "ops must cover both texts"


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_ops_cover_both_texts_in_order(a: str, b: str) -> None:
    _check_cover(a, b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_ops_cover_arbitrary_unicode(a: str, b: str) -> None:
    _check_cover(a, b)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_swapping_sides_mirrors_the_ops(a: str, b: str) -> None:
    flip = {"insert": "delete", "delete": "insert", "replace": "replace", "equal": "equal"}
    mirrored = [(flip[o.tag], o.right, o.left) for o in diff_paragraphs(a, b)]
    assert [(o.tag, o.left, o.right) for o in diff_paragraphs(b, a)] == mirrored


def test_lone_function_words_between_changes_are_not_matches() -> None:
    a = "Officials said the troops of the base would leave soon."
    b = "A spokesman confirmed the withdrawal of the drones would leave soon."
    kept = [a[o.left[0]:o.left[1]].strip() for o in diff_paragraphs(a, b) if o.tag == "equal"]
    assert "the" not in kept and "of the" not in kept
    assert "would leave soon." in kept


@pytest.mark.parametrize(("left", "right", "changed_left", "changed_right"), [
    # Chinese and Japanese have no spaces: a one-character change is one character wide
    ("政府は土曜日に発表した。", "政府は日曜日に発表した。", "土", "日"),
    # a vowel sign is a combining mark: Hindi words stay whole
    ("सरकार ने शनिवार को कहा", "सरकार ने रविवार को कहा", "शनिवार", "रविवार"),
])
def test_changes_in_other_scripts_are_as_wide_as_the_changed_word(
    left: str, right: str, changed_left: str, changed_right: str
) -> None:
    ops = [op for op in diff_paragraphs(left, right) if op.tag != "equal"]
    assert [(left[slice(*op.left)], right[slice(*op.right)]) for op in ops] == [
        (changed_left, changed_right)]
