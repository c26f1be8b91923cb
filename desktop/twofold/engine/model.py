"""Value types of the comparison engine: frozen dataclasses, no behaviour beyond small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

Role = Literal["headline", "body"]
LinkKind = Literal["verbatim", "paraphrase", "partial"]
OpTag = Literal["equal", "replace", "delete", "insert"]
DivergenceKind = Literal[
    "number", "title", "spelling", "attribution", "date", "quote", "place", "other"
]
DateSource = Literal["article", "file"]  # stated by the article, or only the file's own date


def published_day(stated: str | None, source: str | None) -> date | None:
    """The publication day an article states ("article", not the file's own date), if ISO."""
    if not stated or source != "article":
        return None
    try:
        return date.fromisoformat(stated[:10])
    except ValueError:
        return None


EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "DATE", "QUANTITY", "MONEY", "PERCENT"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an article; sentence spans are character offsets into `text`."""

    id: int
    role: Role
    text: str
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded article: metadata plus paragraphs, headline (if any) first."""

    path: str
    title: str | None
    source: str | None
    date: str | None
    paragraphs: tuple[Paragraph, ...]
    url: str | None = None
    encoding: str = "utf-8"
    digest: str = ""  # sha256 of the paragraph texts, the key of every per-article cache
    # "article" when the article states its date (dateline, byline, header, page markup),
    # "file" when only the file's creation date is known: when it was made, not published
    date_source: DateSource | None = None

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    @property
    def display_name(self) -> str:
        """The title; else the start of the lead (saved files often have opaque names)."""
        if self.title:
            return self.title
        lead = self.paragraphs[0].text if self.paragraphs else ""
        if not lead:
            return self.path.rsplit("/", 1)[-1]
        if len(lead) <= 70:
            return lead
        return lead[:70].rsplit(" ", 1)[0].rstrip(",;:") + "…"


_MIRROR: dict[OpTag, OpTag] = {
    "equal": "equal", "replace": "replace", "delete": "insert", "insert": "delete"}


@dataclass(frozen=True, slots=True)
class Op:
    """One word-diff operation; `left`/`right` are (start, end) character offsets, end exclusive."""

    tag: OpTag
    left: tuple[int, int]
    right: tuple[int, int]

    def swapped(self) -> Op:
        """The same operation seen from the other side (a deletion becomes an insertion)."""
        return Op(_MIRROR[self.tag], self.right, self.left)


@dataclass(frozen=True, slots=True)
class Anchor:
    """Two sentences of a link's paragraphs that state the same thing (paragraph offsets)."""

    left: tuple[int, int]
    right: tuple[int, int]
    score: float

    def swapped(self) -> Anchor:
        return Anchor(self.right, self.left, self.score)


@dataclass(frozen=True, slots=True)
class Link:
    """Two paragraphs, one per article, that report the same thing."""

    left: int
    right: int
    score: float
    kind: LinkKind
    ops: tuple[Op, ...] = ()
    # the sentence pairs that carry the link, strongest first (the first always exists)
    anchors: tuple[Anchor, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any words differ between the two paragraphs (the word diff decided)."""
        return any(op.tag != "equal" for op in self.ops)

    def swapped(self) -> Link:
        """The link seen from the other side."""
        return Link(self.right, self.left, self.score, self.kind,
                    tuple(op.swapped() for op in self.ops),
                    tuple(a.swapped() for a in self.anchors))


@dataclass(frozen=True, slots=True)
class Mention:
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world entity named by one article, with every mention of it."""

    key: str  # equal on both sides when both articles name the same entity
    label: EntityLabel
    name: str
    forms: tuple[str, ...]
    mentions: tuple[Mention, ...]
    shared: bool = False
    other_forms: tuple[str, ...] = ()  # forms the other article uses, when spelled differently
    titles: tuple[str, ...] = ()  # titles/roles given to a person ("government spokesman")

    @property
    def spelled_differently(self) -> bool:
        return bool(self.other_forms)


@dataclass(frozen=True, slots=True)
class Span:
    paragraph: int
    start: int
    end: int
    text: str


# A divergence at least this sure comes from two sentences that are one statement reworded.
# Below it the two sentences only share part of their words, and they may report two facts of
# one kind (two players' yards, two quakes' tolls): the window marks those and can hide them.
REWORDED = 0.7


@dataclass(frozen=True, slots=True)
class Divergence:
    """A factual point the two articles state differently."""

    kind: DivergenceKind
    left: Span
    right: Span
    note: str
    severity: int = 1  # 2 high, 1 medium, 0 low: the order a reader should see them in
    confidence: float = 1.0  # 0..1: how surely both statements are about the same fact

    @property
    def less_certain(self) -> bool:
        """Whether the two sentences only partly match (see `REWORDED`)."""
        return self.confidence < REWORDED

    def swapped(self) -> Divergence:
        """The divergence seen from the other side."""
        return replace(self, left=self.right, right=self.left)


@dataclass(frozen=True, slots=True)
class PairSummary:
    """The figures a reader sees first about a pair: one count, asked in one place."""

    similarity: float
    links: int
    changed_links: int  # links whose paragraphs differ in wording
    linked_left: int  # left paragraphs with at least one counterpart
    linked_right: int
    only_left: int  # paragraphs without a counterpart
    only_right: int
    divergences: int


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Knobs of a comparison; part of every cache key."""

    use_embeddings: bool = True
    entities: bool = True
    divergences: bool = True


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """Which engine made a comparison and which evidence it had (the JSON `engine` block)."""

    version: str = ""
    embeddings: bool = False  # sentence embeddings took part in alignment and divergences
    model: str | None = None  # the sentence encoder, when embeddings took part
    embedded_sentences: int = 0  # sentences of the pair that were embedded
    sentences: int = 0  # sentences of the pair
    note: str = ""  # why semantic evidence was off or partial; empty when it was complete


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the UI and the CLI show about one pair of articles."""

    left: Article
    right: Article
    links: tuple[Link, ...]
    left_entities: tuple[Entity, ...] = ()
    right_entities: tuple[Entity, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    similarity: float = 0.0
    options: CompareOptions = field(default_factory=CompareOptions)
    engine: EngineInfo = field(default_factory=EngineInfo)

    def unique_left(self) -> list[int]:
        linked = {link.left for link in self.links}
        return [p.id for p in self.left.paragraphs if p.id not in linked]

    def unique_right(self) -> list[int]:
        linked = {link.right for link in self.links}
        return [p.id for p in self.right.paragraphs if p.id not in linked]

    def summary(self) -> PairSummary:
        """The pair's counts, as the status bar and every report give them."""
        return PairSummary(
            similarity=self.similarity,
            links=len(self.links),
            changed_links=sum(1 for link in self.links if link.changed),
            linked_left=len({link.left for link in self.links}),
            linked_right=len({link.right for link in self.links}),
            only_left=len(self.unique_left()),
            only_right=len(self.unique_right()),
            divergences=len(self.divergences),
        )

    def swapped(self) -> Comparison:
        """The same comparison with left and right exchanged, without running the engine again."""
        links = sorted((link.swapped() for link in self.links), key=lambda k: (k.left, k.right))
        return replace(
            self, left=self.right, right=self.left, links=tuple(links),
            left_entities=self.right_entities, right_entities=self.left_entities,
            divergences=tuple(d.swapped() for d in self.divergences),
        )
