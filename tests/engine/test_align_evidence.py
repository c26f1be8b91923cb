"""Alignment evidence: what two sentences share decides how much their overlap counts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from twofold.engine.align.aligner import DEFAULT_PARAMS, AlignParams, align_articles
from twofold.engine.align.terms import Sentence, name_terms
from twofold.engine.load import load_article, parse_text
from twofold.engine.model import Article
from twofold.engine.nlp import analyse


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(tmp_path / "cache"))


def article(*paragraphs: str) -> Article:
    return parse_text("\n\n".join(paragraphs), path="<test>")


def links(left: Article, right: Article, params: AlignParams = DEFAULT_PARAMS
          ) -> set[tuple[int, int]]:
    result = align_articles(left, right, analyse(left), analyse(right), params=params)
    return {(k.left, k.right) for k in result.links}


BRIDGE = article(
    "The city council of Ravensworth voted on Tuesday to close the old harbour bridge for "
    "repairs lasting two years.",
    "Mayor Helena Drost said the bridge had become unsafe after the winter storms.",
    "Drivers will use a ferry service that starts next month.",
)
BRIDGE_ELSEWHERE = article(
    "Ravensworth council members approved the closure of the harbour bridge, which will be "
    "shut for two years of repairs.",
    "Helena Drost opened a new children's library in the north of the town last spring.",
    "Local shops fear that fewer visitors will come while the crossing is closed.",
)


def test_sentences_sharing_only_a_name_are_not_linked() -> None:
    # The mayor's two sentences name her and report different news; the bridge claim is shared.
    assert links(BRIDGE, BRIDGE_ELSEWHERE) == {(0, 0)}


def test_names_only_evidence_is_what_keeps_them_apart() -> None:
    # Counting names like any other shared word links the mayor's two unrelated sentences.
    plain = dataclasses.replace(DEFAULT_PARAMS, names_only_factor=1.0)
    assert (1, 1) in links(BRIDGE, BRIDGE_ELSEWHERE, plain)


def test_a_shared_name_with_a_shared_claim_still_links() -> None:
    same = article("Mayor Helena Drost said the harbour bridge had become unsafe after storms.")
    said = article("Helena Drost warned that the harbour bridge was unsafe after the storms.")
    assert links(same, said) == {(0, 0)}


def sentence(terms: set[str], names: set[str]) -> Sentence:
    return Sentence(0, "", frozenset(terms), names=frozenset(names))


@pytest.mark.parametrize(("sentences", "expected"), [
    # A term written as a name in most of its sentences is a name.
    ([sentence({"drost", "say"}, {"drost"}), sentence({"drost", "open"}, {"drost"})], {"drost"}),
    # A Title Case headline's verb tagged as a proper noun once is still a verb.
    ([sentence({"close", "bridge"}, {"close", "bridge"}), sentence({"close", "vote"}, set()),
      sentence({"close", "shop"}, set())], {"bridge"}),
    # Half and half is not a majority.
    ([sentence({"ford"}, {"ford"}), sentence({"ford"}, set())], set()),
    ([], set()),
])
def test_name_terms_takes_the_majority_use(sentences: list[Sentence], expected: set[str]) -> None:
    assert name_terms(sentences) == expected


def _seed(prefix: str) -> Article:
    (path,) = Path(__file__).resolve().parents[2].joinpath("seeds").glob(f"{prefix}_*")
    return load_article(path)


def test_headline_and_lead_restating_the_main_event_in_other_words_link() -> None:
    # "Niger Breaks Off Military Cooperation With US Govt" against the other outlet's lead
    # ("...has responsibly decided to denounce, with immediate effect, the agreement"): few
    # shared words, but both open their articles. Without their place they stay apart.
    left, right = _seed("000"), _seed("002")
    opening = {(2, 0), (1, 0), (0, 2)}
    assert opening <= links(left, right)
    assert not opening & links(left, right, dataclasses.replace(DEFAULT_PARAMS, lead_bonus=0.0))


def test_an_opening_pair_sharing_only_a_name_gets_nothing_for_its_place() -> None:
    # The mayor's sentences open both (three-sentence) articles: still two pieces of news.
    assert (1, 1) not in links(BRIDGE, BRIDGE_ELSEWHERE,
                               dataclasses.replace(DEFAULT_PARAMS, lead_bonus=0.2))
