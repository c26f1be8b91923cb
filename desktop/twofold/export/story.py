"""The story across N articles as JSON (`twofold/story@1`), text, one HTML page, or CSV."""

from __future__ import annotations

import csv
import html
import io
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from twofold.engine.serialize import article_to_dict
from twofold.engine.story import SCHEMA, Claim, ClaimDivergence, Member, Story

from .. import __version__
from .files import write_atomically

StoryFormat = Literal["json", "text", "html", "csv"]
SEVERITY = {2: "high", 1: "medium", 0: "low"}
_LESS_CERTAIN = " (less certain)"  # after the note of a divergence whose sentences partly match


def story_to_dict(story: Story) -> dict[str, Any]:
    """The `twofold/story@1` object: claims, most widely reported first."""
    return {
        "schema": SCHEMA,
        "folder": story.folder,
        "articles": [_article(a) for a in story.articles],
        "claims": [
            {"id": c.id, "articles": list(c.articles),
             "members": [_member(m) for m in c.members],
             "divergences": [_divergence(d) for d in c.divergences]}
            for c in story.claims
        ],
    }


def _article(a: Any) -> dict[str, Any]:
    out = article_to_dict(a)
    out.pop("entities", None)  # a story is about claims; `twofold entities` lists entities
    return out


def _member(m: Member) -> dict[str, Any]:
    return {"article": m.article, "paragraph": m.paragraph, "start": m.start, "end": m.end,
            "text": m.text}


def _divergence(d: ClaimDivergence) -> dict[str, Any]:
    return {"kind": d.kind, "note": d.note, "severity": SEVERITY.get(d.severity, "medium"),
            "confidence": round(d.confidence, 3), "a": _member(d.left), "b": _member(d.right)}


def render_story(story: Story, fmt: StoryFormat, *, generated: datetime | None = None) -> str:
    """The story as text in `fmt`."""
    if fmt == "json":
        return json.dumps(story_to_dict(story), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return _csv(story)
    if fmt == "html":
        return _html(story, generated)
    return _text(story)


def export_story(story: Story, path: str | os.PathLike[str], fmt: StoryFormat, *,
                 generated: datetime | None = None) -> None:
    """Write the story to `path` in `fmt`, whole or not at all (UTF-8)."""
    text = render_story(story, fmt, generated=generated)
    write_atomically(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _name(story: Story, i: int) -> str:
    a = story.articles[i]
    label = a.source or os.path.basename(a.path)
    return f"{i + 1}. {label}" + (f" ({a.date})" if a.date else "")


def summary_line(story: Story) -> str:
    """'12 claims: 3 reported by all 5 articles, 4 by one only; 2 with divergences'."""
    n = len(story.articles)
    claims = story.claims
    everyone = sum(len(c.articles) == n for c in claims)
    alone = sum(len(c.articles) == 1 for c in claims)
    disagree = sum(bool(c.divergences) for c in claims)
    return (f"{len(claims)} claims across {n} articles: {everyone} reported by all, "
            f"{alone} by one article only, {disagree} where articles disagree")


def _text(story: Story) -> str:
    n = len(story.articles)
    out = [f"Story of {story.folder or 'the selected articles'}", summary_line(story), ""]
    out += [f"  {_name(story, i)}  {a.display_name}" for i, a in enumerate(story.articles)]
    for c in story.claims:
        out += ["", f"Claim {c.id} · reported by {len(c.articles)} of {n}"
                + (f" · not by {', '.join(str(i + 1) for i in _missing(c, n))}"
                   if 1 < len(c.articles) < n else "")]
        out += [f"  [{m.article + 1}] {m.text}" for m in c.members]
        out += [f"  ! [{SEVERITY.get(d.severity, 'medium')}] {d.left.article + 1} vs "
                f"{d.right.article + 1}: {d.note}{_LESS_CERTAIN * d.less_certain}"
                for d in c.divergences]
    return "\n".join(out) + "\n"


def _missing(c: Claim, n: int) -> list[int]:
    return [i for i in range(n) if i not in c.articles]


def _texts(c: Claim) -> dict[int, str]:
    """Each reporting article's words for the claim (two sentences joined when it gives two)."""
    out: dict[int, str] = {}
    for m in c.members:
        out[m.article] = f"{out[m.article]} … {m.text}" if m.article in out else m.text
    return out


def _csv(story: Story) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["claim", "reported_by", "divergences",
                     *(_name(story, i) for i in range(len(story.articles)))])
    for c in story.claims:
        by_article = _texts(c)
        writer.writerow([c.id, len(c.articles), " | ".join(d.note for d in c.divergences),
                         *(by_article.get(i, "") for i in range(len(story.articles)))])
    return buffer.getvalue()


_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e;
  --rule: #d1d9e0; --head: #f6f8fa; --none: #f6f8fa; --warn: #fff8c5; --warn-edge: #d4a72c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --rule: #3d444d; --head: #151b23;
    --none: #151b23; --warn: #3b2e00; --warn-edge: #bb8009; }
}
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--rule); padding: .35em .5em; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
th { background: var(--head); position: sticky; top: 0; }
td.none { background: var(--none); color: var(--muted); font-style: italic; text-align: center; }
td.claim { width: 4.5em; color: var(--muted); font-size: .85em; }
tr.disagree td.claim { background: var(--warn); border-left: 4px solid var(--warn-edge); }
.note { display: block; margin-top: .3em; font-size: .85em; }
.muted, footer { color: var(--muted); font-size: .9em; }
"""


def _html(story: Story, generated: datetime | None) -> str:
    e = html.escape
    n = len(story.articles)
    head = "".join(f'<th scope="col">{e(_name(story, i))}<br><span class="muted">'
                   f"{e(a.display_name)}</span></th>" for i, a in enumerate(story.articles))
    rows = []
    for c in story.claims:
        by_article = _texts(c)
        notes = "".join(f'<span class="note">[{SEVERITY.get(d.severity, "medium")}] '
                        f"{d.left.article + 1} vs {d.right.article + 1}: {e(d.note)}"
                        f"{_LESS_CERTAIN * d.less_certain}</span>" for d in c.divergences)
        cells = "".join(
            f"<td>{e(by_article[i])}</td>" if i in by_article
            else '<td class="none">not reported</td>' for i in range(n))
        cls = ' class="disagree"' if c.divergences else ""
        rows.append(f'<tr{cls}><td class="claim">{c.id}<br>{len(c.articles)}/{n}{notes}</td>'
                    f"{cells}</tr>")
    when = f" on {generated:%Y-%m-%d %H:%M}" if generated else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Story: {e(story.folder or 'selected articles')}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<h1>Story of {e(story.folder or 'the selected articles')}</h1>"
        f'<p class="muted">{e(summary_line(story))}. Rows are claims, most widely reported '
        "first; a row marked at its left holds a divergence between the articles.</p>"
        f'<table><thead><tr><th scope="col" class="claim">Claim</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<footer><p>Made by Twofold {e(__version__)}{when}.</p></footer></body></html>\n"
    )
