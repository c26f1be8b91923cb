"""The `twofold/comparison@1` JSON contract (DESIGN.md), both ways."""

from __future__ import annotations

from typing import Any

from .divergences.identity import divergence_id
from .model import (
    Anchor,
    Article,
    CompareOptions,
    Comparison,
    Divergence,
    EngineInfo,
    Entity,
    Link,
    Mention,
    Op,
    Paragraph,
    Span,
)

SCHEMA = "twofold/comparison@1"


def comparison_to_dict(c: Comparison, *, full: bool = False) -> dict[str, Any]:
    """The contract's object; `full` adds what the cache needs to rebuild the Comparison."""
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "left": article_to_dict(c.left, c.left_entities, full=full),
        "right": article_to_dict(c.right, c.right_entities, full=full),
        "links": [
            {"left": k.left, "right": k.right, "score": round(k.score, 4), "kind": k.kind,
             "ops": [{"op": o.tag, "left": list(o.left), "right": list(o.right)} for o in k.ops],
             "anchors": [{"left": list(a.left), "right": list(a.right),
                          "score": round(a.score, 4)} for a in k.anchors]}
            for k in c.links
        ],
        "divergences": [_divergence_to_dict(d) for d in c.divergences],
        "similarity": round(c.similarity, 4),
        "engine": _engine_to_dict(c.engine),
    }
    if full:
        out["options"] = {
            "use_embeddings": c.options.use_embeddings,
            "entities": c.options.entities,
            "divergences": c.options.divergences,
        }
    return out


def article_to_dict(
    a: Article, entities: tuple[Entity, ...] = (), *, full: bool = False
) -> dict[str, Any]:
    """One side of the contract: metadata, paragraphs and entities."""
    out: dict[str, Any] = {
        "path": a.path, "title": a.title, "source": a.source, "date": a.date,
        "date_source": a.date_source, "url": a.url,
        "paragraphs": [
            {"id": p.id, "role": p.role, "text": p.text}
            | ({"sentences": [list(s) for s in p.sentences]} if full else {})
            for p in a.paragraphs
        ],
        "entities": [
            {"key": e.key, "label": e.label, "name": e.name, "forms": list(e.forms),
             "mentions": [{"paragraph": m.paragraph, "start": m.start, "end": m.end}
                          for m in e.mentions],
             "shared": e.shared, "other_forms": list(e.other_forms), "titles": list(e.titles)}
            for e in entities
        ],
    }
    if full:
        out["encoding"] = a.encoding
        out["digest"] = a.digest
    return out


def _engine_to_dict(e: EngineInfo) -> dict[str, Any]:
    return {"version": e.version, "embeddings": e.embeddings, "model": e.model,
            "embedded_sentences": e.embedded_sentences, "sentences": e.sentences,
            "note": e.note}


def _engine_from_dict(d: dict[str, Any]) -> EngineInfo:
    return EngineInfo(str(d.get("version", "")), bool(d.get("embeddings", False)),
                      d.get("model"), int(d.get("embedded_sentences", 0)),
                      int(d.get("sentences", 0)), str(d.get("note", "")))


def _divergence_to_dict(d: Divergence) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "left": {"paragraph": d.left.paragraph, "start": d.left.start, "end": d.left.end,
                 "text": d.left.text},
        "right": {"paragraph": d.right.paragraph, "start": d.right.start, "end": d.right.end,
                  "text": d.right.text},
        "note": d.note,
        "severity": d.severity,
        "confidence": d.confidence,
        "id": divergence_id(d),
    }


def comparison_from_dict(data: dict[str, Any]) -> Comparison:
    """Rebuild a Comparison from `comparison_to_dict(..., full=True)` output."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} object")
    left, left_entities = _article_from_dict(data["left"])
    right, right_entities = _article_from_dict(data["right"])
    opts = data.get("options", {})
    return Comparison(
        left=left, right=right,
        links=tuple(
            Link(k["left"], k["right"], k["score"], k["kind"],
                 tuple(Op(o["op"], tuple(o["left"]), tuple(o["right"])) for o in k["ops"]),
                 tuple(Anchor(tuple(a["left"]), tuple(a["right"]), a["score"])
                       for a in k.get("anchors", ())))
            for k in data["links"]
        ),
        left_entities=left_entities, right_entities=right_entities,
        divergences=tuple(
            Divergence(d["kind"], Span(**d["left"]), Span(**d["right"]), d["note"],
                       d.get("severity", 1), d.get("confidence", 1.0))
            for d in data["divergences"]
        ),
        similarity=data["similarity"],
        options=CompareOptions(**opts),
        engine=_engine_from_dict(data.get("engine", {})),
    )


def article_from_dict(d: dict[str, Any]) -> tuple[Article, tuple[Entity, ...]]:
    """Rebuild an Article and its entities from `article_to_dict(..., full=True)` output."""
    return _article_from_dict(d)


def _article_from_dict(d: dict[str, Any]) -> tuple[Article, tuple[Entity, ...]]:
    article = Article(
        path=d["path"], title=d["title"], source=d["source"], date=d["date"],
        paragraphs=tuple(
            Paragraph(p["id"], p["role"], p["text"],
                      tuple(tuple(s) for s in p.get("sentences", ())))
            for p in d["paragraphs"]
        ),
        url=d.get("url"), encoding=d.get("encoding", "utf-8"), digest=d.get("digest", ""),
        date_source=d.get("date_source"),
    )
    entities = tuple(
        Entity(
            key=e["key"], label=e["label"], name=e["name"], forms=tuple(e["forms"]),
            mentions=tuple(Mention(m["paragraph"], m["start"], m["end"]) for m in e["mentions"]),
            shared=e["shared"], other_forms=tuple(e.get("other_forms", ())),
            titles=tuple(e.get("titles", ())),
        )
        for e in d["entities"]
    )
    return article, entities
