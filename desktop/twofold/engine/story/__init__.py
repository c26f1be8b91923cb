"""The story across N articles: which claims each reports, omits, or states differently.

`build_story` compares every pair of articles (reusing cached comparisons), keeps what each pair
says about sentences and facts, and groups sentences into claims (see `claims`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from ..errors import ArticleError, Cancelled
from ..model import Article, Comparison
from .claims import Claim, ClaimDivergence, Member, group_claims, pair_evidence

__all__ = ["SCHEMA", "Claim", "ClaimDivergence", "Member", "Story", "build_story"]

SCHEMA = "twofold/story@1"
MAX_ARTICLES = 60  # every pair is compared: 60 articles are 1,770 comparisons
_WHAT = "The story"

Check = Callable[[], bool]
Progress = Callable[[int, int], None]
CompareFn = Callable[..., Comparison]


@dataclass(frozen=True, slots=True)
class Story:
    """N articles and their claims, shared ones first."""

    folder: str | None
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]

    def reported_by(self, count: int) -> tuple[Claim, ...]:
        """The claims exactly `count` articles report."""
        return tuple(c for c in self.claims if len(c.articles) == count)


def build_story(paths: Sequence[str | os.PathLike[str]], *, folder: str | None = None,
                compare: CompareFn | None = None, progress: Progress | None = None,
                cancelled: Check | None = None) -> Story:
    """The story of the articles at `paths` (at least two); raises `ArticleError` if unusable.

    `progress(done, total)` is told after each pair; `cancelled()` is asked between pairs.
    """
    if compare is None:
        from ..compare import compare as engine_compare

        compare = engine_compare
    if len(paths) < 2:
        raise ArticleError(str(folder or "the selection"), "holds fewer than two readable "
                           "articles", "add another article about the same story")
    if len(paths) > MAX_ARTICLES:
        raise ArticleError(str(folder or "the selection"), f"holds {len(paths)} articles, more "
                           f"than the {MAX_ARTICLES} a story relates at once",
                           "select the articles about one event")
    articles: list[Article | None] = [None] * len(paths)
    evidence = []
    pairs = list(combinations(range(len(paths)), 2))
    for done, (i, j) in enumerate(pairs, 1):
        Cancelled.check(cancelled, _WHAT)
        c = compare(articles[i] or str(paths[i]), articles[j] or str(paths[j]),
                    cancelled=cancelled)
        # the first comparison of an article gives it with its sentences; later ones reuse it
        articles[i] = articles[i] or c.left
        articles[j] = articles[j] or c.right
        evidence.append(pair_evidence(i, j, c))
        if progress is not None:
            progress(done, len(pairs))
    known = tuple(a for a in articles if a is not None)
    return Story(folder, known, group_claims(known, evidence))
