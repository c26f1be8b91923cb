"""Claims across N articles: sentences that report the same thing, grouped without chaining.

Each pair's comparison says which sentences restate each other (its links' anchors). Those
anchors join sentences into claims, strongest first, under two rules: a claim holds at most two
sentences of an article, from different paragraphs (outlets split a claim over two paragraphs;
more would let a claim swallow an article), and two groups merge only when most of their
members' paragraphs are linked to each other directly. So A~B and B~C do not make A, B and C
one claim unless A and C agree too: a shared neighbour is not enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import REWORDED, Article, Comparison, DivergenceKind

# Share of member pairs (one member from each group) whose paragraphs must be linked for two
# groups to merge: more than half, so a three-article chain whose ends disagree stays apart.
CONSISTENCY = 0.5
PER_ARTICLE = 2
MIN_WORDS = 4  # a sentence this short ("Read more.") is furniture, not a claim of its own


@dataclass(frozen=True, slots=True, order=True)
class Member:
    """One article's sentence in a claim (character offsets into that paragraph's text)."""

    article: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ClaimDivergence:
    """Two members of one claim state a fact differently (from their pair's comparison)."""

    kind: DivergenceKind
    note: str
    severity: int
    confidence: float
    left: Member  # the span inside the member of the lower-numbered article
    right: Member

    @property
    def less_certain(self) -> bool:
        """Whether the two sentences only partly match (see `model.REWORDED`)."""
        return self.confidence < REWORDED


@dataclass(frozen=True, slots=True)
class Claim:
    """What one or more articles report: one sentence from each that reports it."""

    id: int
    members: tuple[Member, ...]  # in article order (an article may give two sentences)
    divergences: tuple[ClaimDivergence, ...] = ()

    @property
    def articles(self) -> tuple[int, ...]:
        """The articles that report the claim, each once."""
        return tuple(dict.fromkeys(m.article for m in self.members))


Node = tuple[int, int, int, int]  # article, paragraph, start, end


@dataclass(slots=True)
class PairEvidence:
    """What the story keeps of one pair's comparison (the comparison itself is let go)."""

    left: int  # article indices
    right: int
    edges: list[tuple[float, Node, Node]]
    linked: set[tuple[int, int]]  # (left paragraph, right paragraph)
    divergences: list[tuple[DivergenceKind, str, int, float, Node, Node]]


def pair_evidence(i: int, j: int, c: Comparison) -> PairEvidence:
    """The anchors, paragraph links and divergences of the comparison of articles i and j."""
    edges = [(a.score, (i, k.left, *a.left), (j, k.right, *a.right))
             for k in c.links for a in k.anchors]
    divergences = [(d.kind, d.note, d.severity, d.confidence,
                    (i, d.left.paragraph, d.left.start, d.left.end),
                    (j, d.right.paragraph, d.right.start, d.right.end)) for d in c.divergences]
    return PairEvidence(i, j, edges, {(k.left, k.right) for k in c.links}, divergences)


def group_claims(articles: Sequence[Article], evidence: Iterable[PairEvidence]
                 ) -> tuple[Claim, ...]:
    """Every claim of the articles: shared ones first (most articles first), then the rest."""
    pairs = {(e.left, e.right): e for e in evidence}
    group_of: dict[Node, int] = {}
    groups: dict[int, list[Node]] = {}
    edges = sorted((edge for e in pairs.values() for edge in e.edges),
                   key=lambda edge: (-edge[0], edge[1], edge[2]))
    for _score, u, v in edges:
        gu, gv = _group(u, group_of, groups), _group(v, group_of, groups)
        if gu == gv or not _room(groups[gu], groups[gv]):
            continue
        if _consistent(groups[gu], groups[gv], pairs):
            groups[gu] += groups.pop(gv)
            for node in groups[gu]:
                group_of[node] = gu
    for a, article in enumerate(articles):  # what no other article reports
        for p in article.paragraphs:
            for start, end in p.sentences or ((0, len(p.text)),):
                node = (a, p.id, start, end)
                if node not in group_of and len(p.text[start:end].split()) >= MIN_WORDS:
                    _group(node, group_of, groups)
    found = [tuple(sorted(_member(articles, n) for n in g)) for g in groups.values()]
    found.sort(key=lambda ms: (-len({m.article for m in ms}), -len(ms), ms[0].article,
                               ms[0].paragraph, ms[0].start))
    return tuple(Claim(n + 1, members, _divergences(articles, members, pairs))
                 for n, members in enumerate(found))


def _group(node: Node, group_of: dict[Node, int], groups: dict[int, list[Node]]) -> int:
    if node not in group_of:
        group_of[node] = len(group_of)
        groups[group_of[node]] = [node]
    return group_of[node]


def _room(a: list[Node], b: list[Node]) -> bool:
    """Whether two groups fit in one claim: at most PER_ARTICLE sentences of an article, each
    from another paragraph (an outlet that splits a claim over two paragraphs keeps both)."""
    seen: dict[int, set[int]] = {}
    for article, paragraph, _s, _e in (*a, *b):
        paragraphs = seen.setdefault(article, set())
        if paragraph in paragraphs or len(paragraphs) >= PER_ARTICLE:
            return False
        paragraphs.add(paragraph)
    return True


def _consistent(a: Iterable[Node], b: Iterable[Node],
                pairs: dict[tuple[int, int], PairEvidence]) -> bool:
    """Whether more than CONSISTENCY of the member pairs of two groups are linked paragraphs."""
    total = linked = 0
    for x in a:
        for y in b:
            if x[0] == y[0]:
                continue  # two sentences of one article: the other articles decide
            lo, hi = (x, y) if x[0] < y[0] else (y, x)
            evidence = pairs.get((lo[0], hi[0]))
            total += 1
            linked += evidence is not None and (lo[1], hi[1]) in evidence.linked
    return total > 0 and linked / total > CONSISTENCY


def _member(articles: Sequence[Article], node: Node) -> Member:
    a, p, start, end = node
    text = articles[a].paragraphs[p].text[start:end]
    # sentence spans may carry the space before the next sentence: the member is the words
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    return Member(a, p, start + lead, end - trail, text.strip())


def _divergences(articles: Sequence[Article], members: tuple[Member, ...],
                 pairs: dict[tuple[int, int], PairEvidence]) -> tuple[ClaimDivergence, ...]:
    """The divergences between members of one claim, from their pair's comparison."""
    out = []
    for (i, j), evidence in pairs.items():
        lefts = [m for m in members if m.article == i]
        rights = [m for m in members if m.article == j]
        if not lefts or not rights:
            continue
        for kind, note, severity, confidence, lspan, rspan in evidence.divergences:
            if any(_inside(lspan, m) for m in lefts) and any(_inside(rspan, m) for m in rights):
                out.append(ClaimDivergence(kind, note, severity, confidence,
                                           _span(articles, lspan), _span(articles, rspan)))
    out.sort(key=lambda d: (-d.severity, -d.confidence, d.left.article, d.right.article))
    return tuple(out)


def _inside(span: Node, member: Member) -> bool:
    _a, paragraph, start, end = span
    return paragraph == member.paragraph and start < member.end and member.start < end


def _span(articles: Sequence[Article], span: Node) -> Member:
    a, paragraph, start, end = span
    return Member(a, paragraph, start, end, articles[a].paragraphs[paragraph].text[start:end])
