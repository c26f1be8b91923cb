"""A comparison as one self-contained HTML page (inline CSS, no scripts, nothing fetched).

Every piece of article text goes through `html.escape`: a saved page whose text contains markup
shows that markup as text and never injects it into the report. Qt-free: the CLI and tests use it
without a display; the PDF export renders the `print` flavour of the same page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from twofold.engine.model import Article, Comparison, Divergence, Entity, Op

from .. import __version__
from .rows import Row, aligned_rows

Flavour = Literal["browser", "print"]

# Shown in a narrow column: the soft hyphen lets the longest word break.
KIND_NAMES = {"verbatim": "same wording", "paraphrase": "para&shy;phrased",
              "partial": "partly shared"}
LABEL_GROUPS = (
    ("People", ("PERSON",)), ("Organisations", ("ORG",)), ("Places", ("GPE", "LOC")),
    ("Dates", ("DATE",)), ("Figures", ("QUANTITY", "MONEY", "PERCENT")),
)

_BROWSER_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e;
  --rule: #d1d9e0; --head: #f6f8fa; --del: #ffebe9; --del-fg: #82071e; --ins: #dafbe1;
  --ins-fg: #116329; --uniq: #fff8c5; --uniq-edge: #d4a72c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --rule: #3d444d; --head: #151b23;
    --del: #5d0f12; --del-fg: #ffdcd7; --ins: #0f3d1d; --ins-fg: #aff5b4; --uniq: #3b2e00;
    --uniq-edge: #bb8009; }
}
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); margin: 2em auto; max-width: 78em; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .3em; } h2 { font-size: 1.2em; margin: 2em 0 .5em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .35em .6em; vertical-align: top;
  text-align: left; }
th { background: var(--head); }
.meta th[scope=row] { width: 8em; }
.pairs td.text { width: 46%; } .pairs td.mid { width: 8%; color: var(--muted);
  font-size: .85em; text-align: center; }
.pid { color: var(--muted); font-size: .8em; margin-right: .4em; }
.again { color: var(--muted); font-size: .8em; font-style: italic; }
.headline { font-weight: 600; }
del, ins { text-decoration: none; border-radius: 2px; padding: 0 1px; }
del { background: var(--del); color: var(--del-fg); }
ins { background: var(--ins); color: var(--ins-fg); }
td.unique { background: var(--uniq); border-left: 4px solid var(--uniq-edge); }
td.empty { color: var(--muted); text-align: center; }
.badge { font-size: .75em; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.legend, footer, .muted { color: var(--muted); font-size: .9em; }
footer { margin-top: 3em; border-top: 1px solid var(--rule); padding-top: .5em; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } }
"""

# Qt's rich text knows a subset of CSS 2.1: no variables, media queries or rounded corners.
_PRINT_CSS = """
body { color: #1f2328; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; } h3 { font-size: 10.5pt; }
th { background-color: #eef1f4; text-align: left; }
td, th { border: 1px solid #c8d0d8; }
.pid, .again, .legend, .muted, footer { color: #59636e; }
.pid, .again { font-size: 7pt; }
.headline { font-weight: bold; }
.del { background-color: #ffd7d5; color: #82071e; text-decoration: underline; }
.ins { background-color: #c9f2d3; color: #116329; text-decoration: underline; }
td.unique { background-color: #fff5b1; }
td.empty { color: #8c959f; }
.badge { font-size: 7pt; font-weight: bold; color: #7d4e00; }
td.mid { color: #59636e; font-size: 7pt; }
"""


def render_html(c: Comparison, *, generated: datetime | None = None,
                flavour: Flavour = "browser") -> str:
    """The whole report as one HTML document."""
    title = f"{c.left.display_name} ↔ {c.right.display_name}"
    css = _BROWSER_CSS if flavour == "browser" else _PRINT_CSS
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="Twofold {_e(__version__)}">',
        f"<title>{_e(title)} — Twofold</title>",
        f"<style>{css}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        *_summary(c, flavour),
        *_pairs(c, flavour),
        *_entities(c, flavour),
        *_divergences(c, flavour),
        _footer(generated),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table(flavour: Flavour, cls: str) -> str:
    # QTextDocument takes spacing and padding from attributes, not from border-collapse.
    if flavour == "print":
        return (f'<table class="{cls}" width="100%" border="1" cellspacing="0" '
                'cellpadding="4">')
    return f'<table class="{cls}">'


def _summary(c: Comparison, flavour: Flavour) -> list[str]:
    rows = [("Title", lambda a: a.display_name), ("Outlet", lambda a: a.source),
            ("Date", lambda a: a.date), ("File", lambda a: a.path), ("Address", lambda a: a.url),
            ("Length", lambda a: f"{a.word_count} words, {len(a.paragraphs)} paragraphs")]
    out = ["<h2>Sources</h2>", _table(flavour, "meta"),
           '<tr><th></th><th scope="col">Left</th><th scope="col">Right</th></tr>']
    for name, get in rows:
        left, right = get(c.left), get(c.right)  # type: ignore[no-untyped-call]
        if left is None and right is None:
            continue
        out.append(f'<tr><th scope="row">{name}</th><td>{_e(left or "—")}</td>'
                   f'<td>{_e(right or "—")}</td></tr>')
    out.append("</table>")
    s = c.summary()
    o = c.options
    on = {True: "on", False: "off"}
    out += [
        "<h2>Summary</h2>", _table(flavour, "meta"),
        f'<tr><th scope="row">Similarity</th><td>{s.similarity:.0%}</td></tr>',
        f'<tr><th scope="row">Links</th><td>{s.links} linked paragraph pairs, '
        f"{s.changed_links} with different wording</td></tr>",
        f'<tr><th scope="row">Only left</th><td>{s.only_left} paragraphs</td></tr>',
        f'<tr><th scope="row">Only right</th><td>{s.only_right} paragraphs</td></tr>',
        f'<tr><th scope="row">Divergences</th><td>{s.divergences}</td></tr>',
        f'<tr><th scope="row">Options</th><td>sentence embeddings {on[o.use_embeddings]}, '
        f"entities {on[o.entities]}, divergences {on[o.divergences]}</td></tr>",
        f'<tr><th scope="row">Evidence</th><td>{_e(_evidence(c))}</td></tr>',
        f'<tr><th scope="row">Twofold</th><td>version {_e(__version__)}</td></tr>',
        "</table>",
    ]
    return out


def _evidence(c: Comparison) -> str:
    """Which evidence aligned the pair; says so plainly when semantic evidence was off."""
    if c.engine.note:
        return c.engine.note
    if c.engine.embeddings:
        return f"words and sentence meaning ({c.engine.model})"
    return "words"


def _pairs(c: Comparison, flavour: Flavour) -> list[str]:
    if flavour == "browser":
        marks = {"left": ("<del>", "</del>"), "right": ("<ins>", "</ins>")}
    else:
        marks = {"left": ('<span class="del">', "</span>"),
                 "right": ('<span class="ins">', "</span>")}
    out = [
        "<h2>Side by side</h2>",
        '<p class="legend">Rows follow the left article; linked paragraphs share a row. '
        + f"{marks['left'][0]}Marked{marks['left'][1]} words on the left and "
        + f"{marks['right'][0]}marked{marks['right'][1]} words on the right are worded "
        "differently in the other article; highlighted cells are reported by one article "
        "only. L3 / R5 number the paragraphs (0 is the headline when there is one); (again) "
        "marks a paragraph shown once more because it is linked to several on the other side.</p>",
        _table(flavour, "pairs"),
        '<tr><th scope="col" width="46%">Left: ' + _e(c.left.display_name) + "</th>"
        '<th scope="col" width="8%">Link</th>'
        '<th scope="col" width="46%">Right: ' + _e(c.right.display_name) + "</th></tr>",
    ]
    seen: dict[str, set[int]] = {"left": set(), "right": set()}
    for row in aligned_rows(c):
        out.append("<tr>")
        out.append(_cell(c.left, row.left, row, "left", marks["left"], seen["left"]))
        out.append(f'<td class="mid">{_middle(row)}</td>')
        out.append(_cell(c.right, row.right, row, "right", marks["right"], seen["right"]))
        out.append("</tr>")
    out.append("</table>")
    return out


def _middle(row: Row) -> str:
    if row.link is None:
        return "only left" if row.unique_side == "left" else "only right"
    return f"{KIND_NAMES.get(row.link.kind, row.link.kind)}<br>{row.link.score:.2f}"


def _cell(article: Article, pid: int | None, row: Row, side: str, mark: tuple[str, str],
          seen: set[int]) -> str:
    if pid is None:
        return '<td class="text empty">—</td>'
    para = article.paragraphs[pid]
    tag = "L" if side == "left" else "R"
    head = f'<span class="pid">{tag}{pid}</span>'
    if pid in seen:
        head += '<span class="again">(again)</span> '
    seen.add(pid)
    if row.link is None:
        body = _e(para.text)
        cls = "text unique"
        head = f'<span class="badge">Only in {side}</span><br>' + head
    else:
        spans = ((op.tag, op.left if side == "left" else op.right) for op in row.link.ops)
        body = marked(para.text, spans, mark)
        cls = "text"
    if para.role == "headline":
        body = f'<span class="headline">{body}</span>'
    return f'<td class="{cls}">{head}{body}</td>'


def marked(text: str, spans: Iterable[tuple[str, tuple[int, int]]],
           mark: tuple[str, str]) -> str:
    """`text` escaped, with each non-equal op's span (trimmed of spaces) wrapped in `mark`."""
    out: list[str] = []
    pos = 0
    for tag, (start, end) in spans:
        if start < pos or end > len(text):  # ops that do not fit this text: show it plain
            return html.escape(text)
        out.append(html.escape(text[pos:start]))
        piece = text[start:end]
        core = piece.strip()
        if tag == "equal" or not core:
            out.append(html.escape(piece))
        else:
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            out.append(f"{html.escape(lead)}{mark[0]}{html.escape(core)}{mark[1]}"
                       f"{html.escape(trail)}")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def changed_words(text: str, ops: Iterable[Op], side: str) -> list[str]:
    """The trimmed texts a report marks in one paragraph of `side` (what `marked` wraps)."""
    spans = (op.left if side == "left" else op.right for op in ops if op.tag != "equal")
    return [w for s, e in spans if (w := text[s:e].strip())]


def _entities(c: Comparison, flavour: Flavour) -> list[str]:
    if not (c.left_entities or c.right_entities):
        return []
    out = ["<h2>Entities</h2>",
           '<p class="legend">Who and what each article names, with how often, under which '
           "spellings, and whether the other article names it too.</p>"]
    for side, article, entities in (("Left", c.left, c.left_entities),
                                    ("Right", c.right, c.right_entities)):
        out.append(f"<h3>{side}: {_e(article.display_name)}</h3>")
        if not entities:
            out.append('<p class="muted">No entities found.</p>')
            continue
        out += [_table(flavour, "entities"),
                '<tr><th scope="col">Type</th><th scope="col">Entity</th>'
                '<th scope="col">Mentions</th><th scope="col">Forms</th>'
                '<th scope="col">Other article</th></tr>']
        for group, items in _grouped(entities):
            for e in items:
                name = _e(e.name) + (f' <span class="muted">({_e("; ".join(e.titles))})</span>'
                                     if e.titles else "")
                out.append(f"<tr><td>{group}</td><td>{name}</td><td>{len(e.mentions)}</td>"
                           f"<td>{_e('; '.join(e.forms))}</td><td>{_presence(e)}</td></tr>")
        out.append("</table>")
    return out


def _grouped(entities: Iterable[Entity]) -> list[tuple[str, list[Entity]]]:
    items = list(entities)
    groups = [(name, [e for e in items if e.label in labels]) for name, labels in LABEL_GROUPS]
    known = {label for _, labels in LABEL_GROUPS for label in labels}
    groups.append(("Other", [e for e in items if e.label not in known]))
    return [(name, members) for name, members in groups if members]


def _presence(e: Entity) -> str:
    if not e.shared:
        return "only here"
    if e.spelled_differently:
        return "spelled differently there: " + _e("; ".join(e.other_forms))
    return "also there"


def _divergences(c: Comparison, flavour: Flavour) -> list[str]:
    out = ["<h2>Divergences</h2>"]
    if not c.divergences:
        return [*out, '<p class="muted">No factual divergences found.</p>']
    out += [_table(flavour, "divergences"),
            '<tr><th scope="col">Kind</th><th scope="col">Left</th><th scope="col">Right</th>'
            '<th scope="col">Note</th></tr>']
    ordered: list[Divergence] = sorted(c.divergences, key=lambda d: -d.severity)
    for d in ordered:
        out.append(
            f"<tr><td>{_e(d.kind)}</td>"
            f'<td><span class="pid">L{d.left.paragraph}</span>{_e(d.left.text)}</td>'
            f'<td><span class="pid">R{d.right.paragraph}</span>{_e(d.right.text)}</td>'
            f"<td>{_e(d.note)}{_less_certain(d)}</td></tr>")
    out.append("</table>")
    return out


def _less_certain(d: Divergence) -> str:
    """A mark on a divergence whose two sentences only partly match (the window marks it)."""
    return (f' <span class="muted">(less certain, {d.confidence:.0%} sure: the sentences only '
            'partly match)</span>' if d.less_certain else "")


def _footer(generated: datetime | None) -> str:
    when = f" on {generated.strftime('%Y-%m-%d %H:%M %Z').strip()}" if generated else ""
    return (f"<footer>Made with Twofold {_e(__version__)}{when}. Alignment, word differences, "
            "entities and divergences are computed automatically; check them against the "
            "articles before relying on them.</footer>")
