"""One PDF page as positioned text lines in reading order: visible text only, column by column.

pypdf reports each run of text with the position where it starts; the run's width comes from the
font's glyph widths. Runs on one baseline make a row; a gap wider than any word space splits a row
into lines; lines that start at a common left edge with nothing crossing it form a column, and a
page's columns are read one after the other. Text drawn outside the page (layout engines paint
the line that straddles a page break on both pages and let the page edge clip one copy) is not
text anyone sees, and is dropped.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from pypdf.generic import ArrayObject, ContentStream, NameObject, StreamObject

if TYPE_CHECKING:
    from pypdf import PageObject

_SHOW_TEXT = frozenset({b"Tj", b"TJ", b"'", b'"'})
_IDENTITY = [1, 0, 0, 1, 0, 0]
_ROW_TOLERANCE = 0.3  # of the type size: runs this close to one baseline share a row
_GUTTER = 1.0  # of the type size: a gap at least this wide between runs is not a word space


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text: its words, left and right edge, baseline height, type size, column."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    column: int = 0
    lead: float = 0.0  # width of the first word: whether it would have fitted on the line before


@dataclass(slots=True)
class _Run:
    text: str
    x0: float
    x1: float
    y: float
    size: float
    widths: dict[str, float]
    scale: float  # page units per thousandth of the type size

    def advance(self, text: str) -> float:
        default = self.widths.get("", 500.0)
        return sum(self.widths.get(ch, default) for ch in text) * self.scale


def page_lines(page: PageObject) -> list[Line]:
    """The visible text lines of `page`, in reading order (columns one after the other)."""
    runs = _runs(page)
    box = _visible_box(page)
    runs = [r for r in runs if _inside(r, box)]
    lines = [line for row in _rows(runs) for line in _split_row(row)]
    return _reading_order(lines)


def _runs(page: PageObject) -> list[_Run]:
    """Every text run with its start, estimated end, baseline and size, in drawing order."""
    contents = _contents(page)
    if contents is not None:
        # a no-op `cm` before each text operator makes pypdf report every run on its own, with
        # its own position, instead of merging runs it finds on one baseline (two columns' lines)
        ops: list[tuple[Any, bytes]] = []
        for operands, op in contents.operations:
            if op in _SHOW_TEXT:
                ops.append((list(_IDENTITY), b"cm"))
            ops.append((operands, op))
        contents.operations = ops
        page[NameObject("/Contents")] = contents
    runs: list[_Run] = []
    widths: dict[int, dict[str, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text or not text.strip("\n"):
            if text and runs:
                runs[-1].text += text
            return
        m = _multiply(tm, cm)
        scale_y = math.hypot(m[2], m[3]) or 1.0
        scale_x = math.hypot(m[0], m[1]) or scale_y
        table = widths.setdefault(id(font), _glyph_widths(font))
        run = _Run(text, m[4], m[4], m[5], float(size) * scale_y, table,
                   float(size) * scale_x / 1000)
        run.x1 = run.x0 + run.advance(text.rstrip())
        runs.append(run)

    page.extract_text(visitor_text=visit, orientations=(0,))
    return runs


def _contents(page: PageObject) -> ContentStream | None:
    """The page's content as operators, strings kept as bytes for the fonts to decode."""
    raw = page.get("/Contents")
    if raw is None:
        return None
    raw = raw.get_object()
    if isinstance(raw, ContentStream):
        return raw
    if not isinstance(raw, StreamObject | ArrayObject):
        return None
    return ContentStream(raw, page.pdf, "bytes")


def _multiply(tm: list[float], cm: list[float]) -> list[float]:
    return [
        tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
        tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3],
        tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
    ]


def _glyph_widths(font: object) -> dict[str, float]:
    """Advance widths (thousandths of the type size) by character; "" holds the default."""
    try:
        from pypdf.generic._font import Font

        parsed = Font.from_font_resource(font)  # type: ignore[arg-type]
    except Exception:  # an older pypdf, or a font dictionary it cannot read: average widths
        return {"": 500.0}
    raw = parsed.character_widths
    table: dict[str, float] = {"": float(raw.get("default", 500) or 500)}
    if isinstance(parsed.encoding, dict):
        for code, char in parsed.encoding.items():
            width = raw.get(chr(code), raw.get(char))
            if isinstance(char, str) and len(char) == 1 and width:
                table[char] = float(width)
    for code, char in parsed.character_map.items():
        width = raw.get(code)
        if isinstance(char, str) and len(char) == 1 and width:
            table[char] = float(width)
    for char, width in raw.items():
        if len(char) == 1 and char not in table and width:
            table[char] = float(width)
    table.setdefault(" ", float(parsed.space_width or 250))
    return table


def _visible_box(page: PageObject) -> tuple[float, float, float, float]:
    """The part of the page a viewer shows: the crop box inside the media box."""
    try:
        media, crop = page.mediabox, page.cropbox
        return (max(float(media.left), float(crop.left)), max(float(media.bottom),
                float(crop.bottom)), min(float(media.right), float(crop.right)),
                min(float(media.top), float(crop.top)))
    except Exception:  # a malformed box: keep everything
        return (-math.inf, -math.inf, math.inf, math.inf)


def _inside(run: _Run, box: tuple[float, float, float, float]) -> bool:
    left, bottom, right, top = box
    if right <= left or top <= bottom:  # an inverted or empty box says nothing
        return True
    # the baseline within the box, allowing a descender's depth below it
    return bottom - 0.3 * run.size <= run.y <= top and run.x0 < right and run.x1 > left


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped by baseline, top row first, each row left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: -r.y):
        if rows and abs(rows[-1][0].y - run.y) <= _ROW_TOLERANCE * min(rows[-1][0].size,
                                                                        run.size):
            rows[-1].append(run)
        else:
            rows.append([run])
    return [sorted(row, key=lambda r: r.x0) for row in rows]


def _split_row(row: list[_Run]) -> list[Line]:
    """A row cut into lines wherever a gap is wider than a word space."""
    lines: list[Line] = []
    group: list[_Run] = []
    for run in row:
        if group and run.x0 - max(r.x1 for r in group) >= _GUTTER * max(run.size, 1.0):
            lines.append(_line(group))
            group = []
        group.append(run)
    if group:
        lines.append(_line(group))
    return lines


def _line(group: list[_Run]) -> Line:
    text = "".join(r.text for r in group).replace("\n", " ").replace("\t", " ")
    sizes = Counter(round(r.size, 1) for r in group for _ in r.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else group[0].size
    return Line(" ".join(text.split()), group[0].x0, max(r.x1 for r in group),
                max(group, key=lambda r: len(r.text.strip())).y, size, lead=_lead(group))


def _lead(group: list[_Run]) -> float:
    """The width of the line's first word, measured glyph by glyph."""
    start, seen = group[0].x0, False
    for run in group:
        text = run.text.replace("\t", " ").replace("\n", " ")
        for i, char in enumerate(text):
            if not char.isspace():
                seen = True
            elif seen:
                return run.x0 + run.advance(text[:i]) - start
    return max(run.x1 for run in group) - start


def _reading_order(lines: list[Line]) -> list[Line]:
    """Lines top to bottom, except that side-by-side columns are read one after the other."""
    lines = [line for line in lines if line.text]
    edges = _column_edges(lines)
    if not edges:
        return lines
    starts = [line.y for line in lines if line.x0 >= edges[0] - 1]
    top, bottom = max(starts), min(starts)
    tolerance = max(line.size for line in lines)
    above = [line for line in lines if line.y > top + tolerance]
    # below the columns, only a line across them (a footnote, a new section) ends them: the
    # left column may run on lower than the right one
    below = [line for line in lines
             if line.y < bottom - tolerance and line.x1 > edges[0] + 1]
    ends = {id(line) for line in below}
    band = [line for line in lines if line.y <= top + tolerance and id(line) not in ends]
    columns: list[list[Line]] = [[] for _ in range(len(edges) + 1)]
    for line in band:
        columns[sum(line.x0 >= edge - 1 for edge in edges)].append(line)
    return above + [replace(line, column=k) for k, column in enumerate(columns)
                    for line in column] + below


def _column_edges(lines: list[Line]) -> list[float]:
    """Left edges of the second and later columns: shared by many lines, crossed by none."""
    if len(lines) < 6:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    starts = Counter(round(line.x0 / 2) * 2 for line in lines)
    edges: list[float] = []
    for x, count in starts.most_common():
        if count < 3:
            break
        if x < left + 0.2 * (right - left) or any(abs(x - e) < 10 for e in edges):
            continue
        side_by_side = [line for line in lines if line.x0 >= x - 1]
        top = max(line.y for line in side_by_side)
        bottom = min(line.y for line in side_by_side)
        within = [line for line in lines if bottom <= line.y <= top and line.x0 < x - 1]
        crossing = sum(line.x1 > x + 1 for line in within)
        if within and crossing <= 0.1 * len(within):
            edges.append(x)
    return sorted(edges)
