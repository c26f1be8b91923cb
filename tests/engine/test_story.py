"""Claims across articles: grouping without chaining, members and divergences in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from twofold.engine.load import parse_text
from twofold.engine.model import Article, Paragraph
from twofold.engine.story import build_story
from twofold.engine.story.claims import Member, PairEvidence, group_claims

SENTENCE = "Officials of the ministry confirmed the decision on {day}."
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday")


def _article(n: int, paragraphs: int = 3) -> Article:
    texts = [SENTENCE.format(day=DAYS[p]) + f" Article {n} adds its own remark here."
             for p in range(paragraphs)]
    article = parse_text("\n\n".join(texts), path=f"{n}.txt")
    first = len(SENTENCE.format(day=DAYS[0]))
    return Article(article.path, None, None, None, tuple(
        Paragraph(p.id, p.role, p.text, ((0, first), (first + 1, len(p.text))))
        for p in article.paragraphs))


def _node(article: int, paragraph: int, a: Article) -> tuple[int, int, int, int]:
    start, end = a.paragraphs[paragraph].sentences[0]
    return article, paragraph, start, end


def _pair(i: int, j: int, arts: list[Article], links: list[tuple[int, int]],
          score: float = 0.8) -> PairEvidence:
    return PairEvidence(i, j, [(score, _node(i, p, arts[i]), _node(j, q, arts[j]))
                               for p, q in links], set(links), [])


def _shared(claims: tuple) -> list[tuple[int, ...]]:  # type: ignore[type-arg]
    return [c.articles for c in claims if len(c.articles) > 1]


def test_three_articles_that_all_agree_make_one_claim() -> None:
    arts = [_article(n) for n in range(3)]
    claims = group_claims(arts, [_pair(0, 1, arts, [(0, 0)]), _pair(0, 2, arts, [(0, 0)]),
                                 _pair(1, 2, arts, [(0, 0)])])
    assert _shared(claims) == [(0, 1, 2)]
    assert claims[0].members[0] == Member(0, 0, 0, len(SENTENCE.format(day="Monday")),
                                          SENTENCE.format(day="Monday"))


def test_a_shared_neighbour_does_not_chain_two_unrelated_sentences() -> None:
    arts = [_article(n) for n in range(3)]
    # A~B and B~C, but A and C were compared and not linked: two claims, not one
    claims = group_claims(arts, [_pair(0, 1, arts, [(0, 0)], 0.9),
                                 _pair(1, 2, arts, [(0, 1)], 0.7), _pair(0, 2, arts, [])])
    assert sorted(_shared(claims)) == [(0, 1)]
    assert all(len(c.articles) < 3 for c in claims)


def test_an_article_gives_at_most_two_sentences_from_different_paragraphs() -> None:
    arts = [_article(n) for n in range(2)]
    claims = group_claims(arts, [_pair(0, 1, arts, [(0, 0), (0, 1), (0, 2)], 0.8)])
    biggest = max(claims, key=lambda c: len(c.members))
    right = [m for m in biggest.members if m.article == 1]
    assert len(right) == 2 and len({m.paragraph for m in right}) == 2


def test_what_no_other_article_reports_is_a_claim_of_its_own_and_comes_last() -> None:
    arts = [_article(n, 2) for n in range(2)]
    claims = group_claims(arts, [_pair(0, 1, arts, [(0, 0)])])
    assert claims[0].articles == (0, 1)
    alone = [c for c in claims if len(c.articles) == 1]
    assert alone and claims[-len(alone):] == tuple(alone)
    # every sentence of at least MIN_WORDS words appears in exactly one claim
    members = [m for c in claims for m in c.members]
    assert len(members) == len(set(members)) == 2 * 2 * 2


def test_divergences_land_in_the_claim_whose_members_hold_them() -> None:
    arts = [_article(n) for n in range(2)]
    lp = arts[0].paragraphs[1].text
    rp = arts[1].paragraphs[1].text
    evidence = _pair(0, 1, arts, [(0, 0), (1, 1)])
    evidence.divergences.append(("date", "Day differs", 2, 0.9,
                                 (0, 1, lp.index("Tuesday"), lp.index("Tuesday") + 7),
                                 (1, 1, rp.index("Tuesday"), rp.index("Tuesday") + 7)))
    claims = group_claims(arts, [evidence])
    holding = [c for c in claims if c.divergences]
    assert len(holding) == 1 and {m.paragraph for m in holding[0].members} == {1}
    assert holding[0].divergences[0].left.text == "Tuesday"


@pytest.mark.parametrize("count", [0, 1])
def test_fewer_than_two_articles_is_one_clear_error(tmp_path: Path, count: int) -> None:
    from twofold.engine.errors import ArticleError

    paths = []
    for n in range(count):
        (tmp_path / f"{n}.txt").write_text("Headline\nSome text of the article.\n")
        paths.append(str(tmp_path / f"{n}.txt"))
    with pytest.raises(ArticleError, match="fewer than two readable articles"):
        build_story(paths)


def test_the_sample_story(seed_files: list[Path]) -> None:
    story = build_story([str(p) for p in seed_files], folder="seeds")
    everyone = story.reported_by(5)
    assert everyone, "the cancellation of the agreement is reported by all five"
    assert any("Cancels Military Cooperation" in m.text for c in everyone for m in c.members)
    for claim in story.claims:
        for m in claim.members:
            assert story.articles[m.article].paragraphs[m.paragraph].text[m.start:m.end] == m.text
        for d in claim.divergences:
            for side in (d.left, d.right):
                text = story.articles[side.article].paragraphs[side.paragraph].text
                assert text[side.start:side.end] == side.text
    counts = [len(c.articles) for c in story.claims]
    assert counts == sorted(counts, reverse=True)
