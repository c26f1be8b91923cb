"""A terminal report of a Comparison: aligned pairs with changes marked, uniques, entities."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from twofold.engine.model import Article, Comparison, Entity, Link

_LABEL_NAMES = {
    "PERSON": "People", "ORG": "Organisations", "GPE": "Places", "LOC": "Places",
    "DATE": "Dates", "QUANTITY": "Figures", "MONEY": "Figures", "PERCENT": "Figures",
}


class _Marks:
    """How deletions and insertions are shown: ANSI colours on a terminal, brackets otherwise."""

    def __init__(self, color: bool) -> None:
        if color:
            self.dele = ("\x1b[9;31m", "\x1b[0m")
            self.ins = ("\x1b[32;1m", "\x1b[0m")
            self.dim = ("\x1b[2m", "\x1b[0m")
            self.bold = ("\x1b[1m", "\x1b[0m")
        else:
            self.dele, self.ins = ("[-", "-]"), ("{+", "+}")
            self.dim = self.bold = ("", "")


def render_text(c: Comparison, *, color: bool = False, width: int = 100) -> str:
    """The whole report as one string."""
    marks = _Marks(color)
    out: list[str] = []
    out += _header(c, marks)
    by_left: dict[int, list[Link]] = {}
    for link in c.links:
        by_left.setdefault(link.left, []).append(link)
    out.append(_rule("Matched passages (left order)", width))
    for para in c.left.paragraphs:
        for link in by_left.get(para.id, []):
            out += _pair(c, link, marks, width)
    out += _uniques("Only in left", c.left, c.unique_left(), marks, width)
    out += _uniques("Only in right", c.right, c.unique_right(), marks, width)
    if c.left_entities or c.right_entities:
        out.append(_rule("Entities", width))
        out += _entities("Left", c.left_entities, marks)
        out += _entities("Right", c.right_entities, marks)
    if c.divergences:
        out.append(_rule("Divergences", width))
        for d in c.divergences:
            less = (f" (less certain, {d.confidence:.0%} sure: the sentences only partly match)"
                    if d.less_certain else "")
            out.append(f"  [{d.kind}] {d.note}{less}")
            out.append(f"      L{d.left.paragraph}: {d.left.text!r}  vs  R{d.right.paragraph}: "
                       f"{d.right.text!r}")
    return "\n".join(out) + "\n"


def _header(c: Comparison, m: _Marks) -> list[str]:
    lines = []
    for side, a in (("Left ", c.left), ("Right", c.right)):
        meta = ", ".join(x for x in (a.source, a.date) if x)
        lines.append(f"{m.bold[0]}{side}: {a.display_name}{m.bold[1]}"
                     + (f" ({meta})" if meta else ""))
        lines.append(f"       {a.path} · {a.word_count} words · {len(a.paragraphs)} paragraphs")
    s = c.summary()
    lines.append(
        f"Similarity {s.similarity:.0%} · {s.links} links ({s.changed_links} with changes) · "
        f"{s.only_left} only left · {s.only_right} only right"
    )
    if c.engine.note:
        lines.append(f"Evidence: {c.engine.note}.")
    if m.dele[0] == "[-":
        lines.append("Changes: [-left only-] {+right only+}.")
    else:
        lines.append("Changes: red struck-through = left only, green = right only.")
    return lines


def _pair(c: Comparison, link: Link, m: _Marks, width: int) -> list[str]:
    left = c.left.paragraphs[link.left].text
    right = c.right.paragraphs[link.right].text
    lmarked = "".join(_segments(left, ((o.tag, o.left) for o in link.ops), "delete", m))
    rmarked = "".join(_segments(right, ((o.tag, o.right) for o in link.ops), "insert", m))
    head = f"{m.dim[0]}L{link.left} ↔ R{link.right}  {link.kind} {link.score:.2f}{m.dim[1]}"
    out = ["", head]
    out += _wrap("L", lmarked, width)
    if link.kind != "verbatim" or lmarked != rmarked:
        out += _wrap("R", rmarked, width)
    return out


def _segments(
    text: str, spans: Iterable[tuple[str, tuple[int, int]]], side: str, m: _Marks
) -> Iterable[str]:
    mark = m.dele if side == "delete" else m.ins
    for tag, (s, e) in spans:
        piece = text[s:e]
        if tag == "equal" or s == e:
            yield piece
        else:
            core = piece.strip()
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            yield f"{lead}{mark[0]}{core}{mark[1]}{trail}"


def _wrap(tag: str, text: str, width: int) -> list[str]:
    # ANSI codes count as width here; a slightly short line beats a broken escape sequence.
    return textwrap.wrap(text, width=width, initial_indent=f"  {tag}: ",
                         subsequent_indent="     ", break_long_words=False) or [f"  {tag}:"]


def _uniques(title: str, a: Article, ids: list[int], m: _Marks, width: int) -> list[str]:
    if not ids:
        return []
    out = [_rule(title, width)]
    for pid in ids:
        out += _wrap(f"{'L' if title.endswith('left') else 'R'}{pid}", a.paragraphs[pid].text,
                     width)
    return out


def _entities(side: str, entities: tuple[Entity, ...], m: _Marks) -> list[str]:
    groups: dict[str, list[Entity]] = {}
    for e in entities:
        groups.setdefault(_LABEL_NAMES.get(e.label, e.label), []).append(e)
    out = [f"  {m.bold[0]}{side}{m.bold[1]}"]
    for group, items in groups.items():
        parts = []
        for e in items:
            mark = "" if not e.shared else (" ≠" if e.spelled_differently else " =")
            forms = [f for f in e.forms if f != e.name]
            extra = f" ({'; '.join(forms)})" if forms else ""
            parts.append(f"{e.name}{extra} ×{len(e.mentions)}{mark}")
        out.append(f"    {group}: " + ", ".join(parts))
    out.append("    (= also in the other article, ≠ spelled differently there)")
    return out


def _rule(title: str, width: int) -> str:
    return f"\n── {title} " + "─" * max(0, width - len(title) - 4)


def render_entities(article: Article, entities: tuple[Entity, ...]) -> str:
    """One article's entities by type, for `twofold entities --format text`."""
    meta = ", ".join(x for x in (article.source, article.date) if x)
    out = [f"{article.path}: {article.display_name}" + (f" ({meta})" if meta else "")]
    groups: dict[str, list[Entity]] = {}
    for e in entities:
        groups.setdefault(_LABEL_NAMES.get(e.label, e.label), []).append(e)
    for group, items in groups.items():
        out.append(f"  {group} ({len(items)})")
        for e in items:
            forms = [f for f in e.forms if f != e.name]
            extra = f"; as {', '.join(forms)}" if forms else ""
            titles = f"; titles: {', '.join(e.titles)}" if e.titles else ""
            out.append(f"    {e.name} ×{len(e.mentions)}{extra}{titles}")
    if not entities:
        out.append("  (no entities found)")
    return "\n".join(out) + "\n"
