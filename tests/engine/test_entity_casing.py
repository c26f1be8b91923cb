"""Capitals and Title Case lines are re-read in everyday case before entities are found."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twofold.engine.entities.casing import recase, shouted
from twofold.engine.entities.extract import article_entities
from twofold.engine.load import build_article
from twofold.engine.nlp import analyse


@pytest.mark.parametrize(("text", "expected"), [
    ("NEW YORK AT CALIFORNIA", "New York at California"),
    ("SOCCER - CANADA BEAT PANAMA IN QUALIFIER .", "soccer - Canada beat Panama in qualifier ."),
    ("KEVIN BROWN - A PROFILE", "Kevin brown - a profile"),  # no evidence: a name stays
    ("Niger Junta Cancels Military Cooperation With The United States",
     "Niger junta cancels military cooperation with the United States"),
    ("UN Climate Talks Stall Over Coal", "UN climate talks stall over coal"),
])
def test_recasing_without_evidence(text: str, expected: str) -> None:
    assert recase(text, {}) == expected


def test_the_article_decides_the_case_of_a_word_it_writes_elsewhere() -> None:
    evidence = {"brown": Counter({"Brown": 3}), "lowers": Counter({"lowers": 1})}
    assert recase("KEVIN BROWN LOWERS ERA", evidence) == "Kevin Brown lowers era"


@given(st.text(alphabet=st.sampled_from("ABCDEFabcdef .,-'İßẞ1"), max_size=40))
def test_recasing_keeps_every_offset(text: str) -> None:
    out = recase(text, {})
    assert len(out) == len(text)
    assert out.lower() == text.lower() or all(
        a == b or a.lower() == b.lower() for a, b in zip(out, text, strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    ("CHICAGO 65 66 .496 5", True), ("BONN 1996-08-31", True),
    ("NATO met in Brussels on Monday.", False), ("1. Tim Lobinger ( Germany ) 5.80", False),
])
def test_shouted(text: str, expected: bool) -> None:
    assert shouted(text) is expected


def test_names_in_a_capitals_headline_are_found_and_keep_their_written_form() -> None:
    article = build_article("t", [
        "BASEBALL - KEVIN BROWN LOWERS ERA AS MARLINS BEAT REDS .",
        "Kevin Brown pitched eight innings as the Florida Marlins beat Cincinnati on Friday.",
    ], guess_headline=False)
    entities = article_entities(article, analyse(article))
    brown = [e for e in entities if e.key == "person:kevin-brown"]
    assert brown and brown[0].name == "Kevin Brown"
    assert set(brown[0].forms) == {"KEVIN BROWN", "Kevin Brown"}
    assert {m.paragraph for m in brown[0].mentions} == {0, 1}
