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


FARM_BILL = (
    "The Senate passed the farm bill on Thursday by 68 votes to 32 after a week of debate.",
    "The majority leader said the vote showed that the chamber could still work together on "
    "hard questions.",
    "The bill renews crop insurance and cuts food stamp spending by four billion dollars over "
    "ten years.",
    "Democrats regretted the cuts to food stamps and would try to restore them.",
)
AIDE_CHARGED = (
    "A former aide to a Kentucky congressman was charged on Monday with stealing campaign funds.",
    "Prosecutors said the aide spent the money on holidays, jewellery and a boat over three "
    "years.",
    "The congressman, who had once employed the aide, said he was shocked and saddened by the "
    "charges.",
    "The aide regretted his mistakes and would try to repay the money.",
)


def test_two_stories_with_no_passage_clearly_restated_have_no_links() -> None:
    left, right = article(*FARM_BILL), article(*AIDE_CHARGED)
    assert links(left, right, dataclasses.replace(DEFAULT_PARAMS, anchor_ratio=0.0)) == {(3, 3)}
    assert links(left, right) == set()  # "regretted ... and would try to" is no shared news


def test_a_copied_paragraph_links_even_between_two_stories() -> None:
    shared = "Sign up for our morning newsletter to get the day's top stories in your inbox."
    left, right = article(*FARM_BILL, shared), article(*AIDE_CHARGED, shared)
    assert links(left, right) == {(4, 4)}
