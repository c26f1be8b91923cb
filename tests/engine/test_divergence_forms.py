"""Equivalent forms: names, titles and quotations that differ in style, not in fact."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twofold.engine.divergences.equivalence import (
    is_short_form,
    name_relation,
    quote_words,
    strip_quote_marks,
)
from twofold.engine.divergences.people import titles_differ


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("Michael Grimm", "Michael G. Grimm", "same"),
        ("Mr. Obama", "Barack Obama", "same"),
        ("Sen. Chris Dodd", "Senator Christopher J. Dodd", "short"),
        ("Dave Smith", "David Smith", "short"),
        ("Benjamin Todd Jealous", "Ben Jealous", "short"),
        ("Ali Mahaman Lamine Zeine", "Ali Mahamane Lamine Zeine", "variant"),
        ("Dick Cheney", "Dick Chiney", "variant"),
        ("Loretta Sanchez", "Linda T. Sánchez", "other"),
        ("Donald Trump Jr.", "Donald Trump", "other"),
        ("Donald Trump Jr.", "Trump Jr.", "same"),
        ("Jeb Bush", "George W. Bush", "other"),
        ("Barack Obama", "Obamas", "other"),  # "the Obamas": the family
        ("Ms. Jones", "Joneses", "other"),
        ("Obama", "Obamas", "other"),
        ("Benjamin Netanyahu", "Bibi Netanyahu", "short"),  # a pet name the lists lack
        ("Linda Sanchez", "Loretta Sanchez", "other"),
    ],
)
def test_name_relation(a: str, b: str, relation: str) -> None:
    assert name_relation(a, b) == relation
    assert name_relation(b, a) == relation


@pytest.mark.parametrize(("a", "b", "short"), [
    ("Chuck", "Charles", True), ("Bill", "William", True), ("Jim", "James", True),
    ("Loretta", "Linda", False), ("Jeb", "George", False),
])
def test_short_first_names_come_from_the_nicknames_dataset(a: str, b: str, short: bool) -> None:
    assert is_short_form(a, b) is short


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        (["Rep."], ["Representative"], False),
        (["California Democratic Rep."], ["Representative"], False),
        (["state Rep."], ["Rep."], False),
        (["Sen."], ["Rep."], True),
        (["Gov."], ["Governor"], False),
        (["White House press secretary"], ["White House spokesman"], False),
        (["Senate Minority Leader"], ["the Democratic leader"], False),
        (["former F.B.I. lawyer"], ["former FBI official"], False),
        (["attorney"], ["lawyer"], False),
    ],
)
def test_titles(a: list[str], b: list[str], differ: bool) -> None:
    assert titles_differ(a, b) is differ


@pytest.mark.parametrize(("a", "b"), [
    ("“The dock-workers & the port”", '"the dock workers and the port"'),
    ("I don’t favor it...", "I don't favor it"),
    ("[W]e write to inform you", "We write to inform you"),
])
def test_quote_words_fold_punctuation(a: str, b: str) -> None:
    assert quote_words(a) == quote_words(b)


@given(st.text(alphabet="ab “”\"'‘’,. ", max_size=30))
def test_stripped_spans_never_end_in_a_quote_mark(text: str) -> None:
    start, end = strip_quote_marks(0, len(text), text)
    assert 0 <= start <= end <= len(text)
    inner = text[start:end]
    assert not inner or (inner[0] not in "“”\"'‘’ " and inner[-1] not in "“”\"'‘’ ,")


@given(st.sampled_from(["Michael Grimm", "Chris Dodd", "Linda T. Sánchez", "Trump Jr.",
                        "Mr. Obama", "Ali Mahaman Lamine Zeine"]))
def test_a_name_is_the_same_as_itself(name: str) -> None:
    assert name_relation(name, name) == "same"


@pytest.mark.parametrize(("a", "b", "one"), [
    ("Wisconsin Republican Party", "GOP", True),
    ("Wyoming Senate", "U.S. Senate", True),
    ("CBS", "Denver Fox", False),
    ("House Intelligence Committee", "Senate Intelligence Committee", False),
    ("Norfolk", "Norwalk", False),
    ("Moscow", "Trump Tower Moscow", True),  # one name holds the other: two precisions
    ("Senate", "Senate Intelligence Committee", True),
])
def test_one_body_told_apart_only_by_a_place(a: str, b: str, one: bool) -> None:
    from twofold.engine.divergences.bodies import _one_body

    assert _one_body(a, b) is one


def test_a_word_taken_into_a_name_is_no_given_name() -> None:
    from twofold.engine.divergences.equivalence import is_given_name

    assert is_given_name("Linda") and is_given_name("Carmen") and is_given_name("Barack")
    assert not is_given_name("Plus") and not is_given_name("Former")
