"""CoNLL-2003 English NER (IOB2) as Twofold articles, and exact-span scoring per type.

Protocol: one article per document (split at -DOCSTART-), one paragraph per sentence with its
tokens joined by single spaces; a prediction counts only on an exact character span;
PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, other labels dropped; gold MISC is not scored, and a
prediction exactly on a gold MISC span is ignored (neither right nor wrong).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TYPES = ("PER", "ORG", "LOC")
MAPPING = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

Spans = set[tuple[int, int, int, str]]  # paragraph, start, end, type


@dataclass(frozen=True)
class Document:
    """One CoNLL document: its sentences (as paragraph texts) and gold spans."""

    sentences: tuple[str, ...]
    gold: frozenset[tuple[int, int, int, str]]  # PER/ORG/LOC/MISC
    tokens: int


def read_documents(path: str | object) -> list[Document]:
    """The documents of an IOB2 file (token ... tag per line, blank line between sentences)."""
    docs: list[Document] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(str(path), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if parts and parts[0] == "-DOCSTART-":
                if current:
                    sentences.append(current)
                if sentences:
                    docs.append(_document(sentences))
                sentences, current = [], []
            elif not parts:
                if current:
                    sentences.append(current)
                current = []
            else:
                current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    if sentences:
        docs.append(_document(sentences))
    return docs


def _document(sentences: list[list[tuple[str, str]]]) -> Document:
    texts: list[str] = []
    gold: set[tuple[int, int, int, str]] = set()
    for para, sent in enumerate(sentences):
        starts, pos = [], 0
        for token, _ in sent:
            starts.append(pos)
            pos += len(token) + 1
        texts.append(" ".join(t for t, _ in sent))
        begin, kind = None, ""
        for i, (_, tag) in enumerate([*sent, ("", "O")]):
            if begin is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
                end = starts[i - 1] + len(sent[i - 1][0])
                gold.add((para, starts[begin], end, kind))
                begin = None
            if tag.startswith("B-") or (tag.startswith("I-") and begin is None):
                begin, kind = i, tag[2:]
    return Document(tuple(texts), frozenset(gold), sum(len(s) for s in sentences))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in
                                                                ("ALL", *TYPES)})

    def add(self, doc: Document, predicted: Iterable[tuple[int, int, int, str]]) -> None:
        """Score one document's predictions (labels already mapped to PER/ORG/LOC)."""
        gold = {g for g in doc.gold if g[3] in TYPES}
        misc = {g[:3] for g in doc.gold if g[3] == "MISC"}
        pred = {p for p in predicted if p[3] in TYPES and p[:3] not in misc}
        for span in pred:
            hit = span in gold
            for key in ("ALL", span[3]):
                if hit:
                    self.by_type[key].tp += 1
                else:
                    self.by_type[key].fp += 1
        for span in gold - pred:
            self.by_type["ALL"].fn += 1
            self.by_type[span[3]].fn += 1

    def row(self) -> str:
        a = self.by_type["ALL"]
        per_type = "  ".join(f"{t} {self.by_type[t].precision:.3f}/{self.by_type[t].recall:.3f}"
                             f"/{self.by_type[t].f1:.3f}" for t in TYPES)
        return f"P {a.precision:.3f} R {a.recall:.3f} F1 {a.f1:.3f}   {per_type}"


def mapped(spans: Iterable[tuple[int, int, int, str]]) -> Spans:
    """Spans with model or engine labels mapped to the CoNLL types (others dropped)."""
    return {(p, s, e, MAPPING[label]) for p, s, e, label in spans if label in MAPPING}


def errors(doc: Document, predicted: Sequence[tuple[int, int, int, str]]) -> list[str]:
    """Readable misses and false alarms of one document, for --verbose."""
    gold = {g for g in doc.gold if g[3] in TYPES}
    misc = {g[:3] for g in doc.gold if g[3] == "MISC"}
    pred = {p for p in predicted if p[3] in TYPES and p[:3] not in misc}
    out = []
    for p, s, e, t in sorted(gold - pred):
        got = [q for q in pred if q[0] == p and q[1] < e and s < q[2]]
        note = ", ".join(f"{doc.sentences[p][a:b]!r} {u}" for _, a, b, u in got) or "nothing"
        out.append(f"miss {t} {doc.sentences[p][s:e]!r}: got {note}")
    for p, s, e, t in sorted(pred - gold):
        if not any(g[0] == p and g[1] == s and g[2] == e for g in gold):
            out.append(f"false {t} {doc.sentences[p][s:e]!r} in {doc.sentences[p][:80]!r}")
    return out


def evaluate(path: object, *, verbose: bool = False, sample_docs: int = 30) -> None:
    """Print exact-span P/R/F1 per type of the engine and of raw spaCy, and their speed."""
    import time

    from twofold.engine.entities.extract import article_entities
    from twofold.engine.load import build_article
    from twofold.engine.nlp import analyse, load_nlp

    docs = read_documents(path)
    ours, raw = Scores(), Scores()
    notes: list[str] = []
    entity_seconds = 0.0
    for n, doc in enumerate(docs):
        article = build_article(f"conll-{n}", list(doc.sentences), guess_headline=False,
                                read_front=False)
        if [p.text for p in article.paragraphs] != list(doc.sentences):
            raise SystemExit(f"CoNLL document {n}: paragraphs do not keep the sentences")
        parsed = analyse(article)
        start = time.perf_counter()
        entities = article_entities(article, parsed)
        entity_seconds += time.perf_counter() - start
        predicted = mapped((m.paragraph, m.start, m.end, e.label)
                           for e in entities for m in e.mentions)
        ours.add(doc, predicted)
        raw.add(doc, mapped((p, x.start_char, x.end_char, x.label_)
                            for p, d in enumerate(parsed) for x in d.ents))
        if verbose:
            notes += [f"doc {n} {line}" for line in errors(doc, sorted(predicted))]
    words = sum(d.tokens for d in docs)
    print(f"CoNLL-2003 dev: {len(docs)} documents, {words} words; exact spans, P R F1 and "
          "per type P/R/F1")
    print(f"  raw spaCy  {raw.row()}")
    print(f"  Twofold    {ours.row()}")
    nlp = load_nlp()
    texts = [s for d in docs[:sample_docs] for s in d.sentences]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    spacy_wps = sum(d.tokens for d in docs[:sample_docs]) / (time.perf_counter() - start)
    entity_wps = words / entity_seconds
    print(f"  speed: spaCy {spacy_wps:,.0f} words/s (first {sample_docs} documents); entity "
          f"layer {entity_wps:,.0f} words/s over spaCy's output, i.e. "
          f"+{1000 / entity_wps:.2f} s per 1,000 words")
    if verbose:
        print("\n".join(notes))
