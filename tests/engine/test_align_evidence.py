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
    "Several Democrats said they would try to restore the food stamp money.",
    "The House is expected to take up its own version of the measure in September.",
    "Farm groups welcomed the vote and urged the president to sign the bill quickly.",
)
AIDE_CHARGED = (
    "A former aide to a Kentucky congressman was charged on Monday with stealing campaign funds.",
    "Prosecutors said the aide spent the money on holidays, jewellery and a boat over three "
    "years.",
    "The congressman, who had once employed the aide, said he was shocked and saddened by the "
    "charges.",
    "The aide said he would try to repay the money he took.",
    "He faces up to ten years in prison if he is convicted on all counts.",
    "A judge released him on bail and ordered him to surrender his passport.",
)


def test_two_stories_with_no_passage_clearly_restated_have_no_links() -> None:
    left, right = article(*FARM_BILL), article(*AIDE_CHARGED)
    assert links(left, right, dataclasses.replace(DEFAULT_PARAMS, anchor_ratio=0.0)) == {(3, 3)}
    assert links(left, right) == set()  # "would try to ... the money" is no shared news


def test_a_copied_paragraph_links_even_between_two_stories() -> None:
    shared = "Sign up for our morning newsletter to get the day's top stories in your inbox."
    left, right = article(*FARM_BILL, shared), article(*AIDE_CHARGED, shared)
    assert links(left, right) == {(6, 6)}


def test_two_short_items_are_not_held_to_the_anchor() -> None:
    # one sentence each, loosely restated: in so short a pair every passage is a main one
    left = article("In a speech on Saturday, the mayor offered the unions a one-year freeze of "
                   "rents for 700 harbour permit holders, in exchange for the $4 million he "
                   "wants for a sea wall.")
    right = article("Facing anger over the strike, the mayor changed course on Saturday and "
                    "proposed a deal: cheaper housing for roughly 2,100 young dock workers in "
                    "exchange for $4 million in funding for a wall.")
    assert links(left, right) == {(0, 0)}
