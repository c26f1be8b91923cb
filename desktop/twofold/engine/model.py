"""Value types of the comparison engine: frozen dataclasses, no behaviour beyond small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["headline", "body"]
LinkKind = Literal["verbatim", "paraphrase", "partial"]
OpTag = Literal["equal", "replace", "delete", "insert"]
DivergenceKind = Literal[
    "number", "title", "spelling", "attribution", "date", "quote", "place", "other"
]
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


@dataclass(frozen=True, slots=True)
class Op:
    """One word-diff operation; `left`/`right` are (start, end) character offsets, end exclusive."""

    tag: OpTag
    left: tuple[int, int]
    right: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Link:
    """Two paragraphs, one per article, that report the same thing."""

    left: int
    right: int
    score: float
    kind: LinkKind
    ops: tuple[Op, ...] = ()


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


@dataclass(frozen=True, slots=True)
class Divergence:
    """A factual point the two articles state differently."""

    kind: DivergenceKind
    left: Span
    right: Span
    note: str
    severity: int = 1  # 2 high, 1 medium, 0 low: the order a reader should see them in
    confidence: float = 1.0  # 0..1: how surely both statements are about the same fact

    def swapped(self) -> Divergence:
        """The same divergence seen with the two articles swapped."""
        return Divergence(self.kind, self.right, self.left, self.note, self.severity,
                          self.confidence)


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Knobs of a comparison; part of every cache key."""

    use_embeddings: bool = True
    entities: bool = True
    divergences: bool = True


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

    def unique_left(self) -> list[int]:
        linked = {link.left for link in self.links}
        return [p.id for p in self.left.paragraphs if p.id not in linked]

    def unique_right(self) -> list[int]:
        linked = {link.right for link in self.links}
        return [p.id for p in self.right.paragraphs if p.id not in linked]
