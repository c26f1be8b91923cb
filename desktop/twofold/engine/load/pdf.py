"""PDFs with a text layer: lines regrouped into paragraphs, hyphenation and page furniture undone.

`pdfpage` gives each page's visible lines in reading order, with their position and type size. A
line break with extra spacing, a change of type size, an indented first line, or a short line
ending a sentence starts a new paragraph; a paragraph runs on across a page or column break unless
the line before the break ended it. Running heads and feet are lines that come back at the same
place on most pages (numbers aside); lone page numbers at the top or bottom go too. Nothing else
is dropped: a paragraph's last line is text, wherever the page breaks. A larger-type first
paragraph is the headline.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ArticleTooLarge, ArticleUnreadable
from ..model import Article
from .common import clean, file_date, parser_guard, quiet, read_document
from .hyphens import HYPHENS, keeps_hyphen, lexicon
from .pdfpage import Line, page_lines
from .text import build_article

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_PAGES = 300
_TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_HYPHENATED = re.compile(rf"[^\W\d_][{HYPHENS}]$")
_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(\s*(/|of)\s*\d{1,4})?$",
                          re.IGNORECASE)
_URL_FOOT = re.compile(r"^(https?://|www\.)\S+(\s+\d{1,4}\s*/\s*\d{1,4})?$", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"(^untitled|^microsoft \w+ - |\.(docx?|pdf|indd|rtf|txt|html?)$)",
                         re.IGNORECASE)
_EDGE = 2  # rows at the top and at the bottom of a page that may be running heads or feet
_SCAN_ADVICE = "run it through OCR first (e.g. 'ocrmypdf in.pdf out.pdf') and open the result"


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)

    @property
    def size(self) -> float:
        return self.lines[0].size if self.lines else 0.0


def load(path: Path) -> Article:
    """Read a PDF's text layer; a PDF without one (a scan) is refused with advice to OCR it."""
    import pypdf

    name = str(path)
    data = read_document(path)
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ArticleUnreadable(name, "is not a PDF file (it lacks the %PDF header)",
                                "check that the download finished")
    with quiet("pypdf"), parser_guard(name, "PDF", "download it again or print it to a new PDF"):
        reader = pypdf.PdfReader(io.BytesIO(data))
        _unlock(reader, name)
        if len(reader.pages) > MAX_PAGES:
            raise ArticleTooLarge(name, f"has {len(reader.pages)} pages, more than the "
                                  f"{MAX_PAGES} Twofold reads", "extract the article's pages")
        pages = [page_lines(page) for page in reader.pages]
        info = reader.metadata
        meta_title = info.title if info is not None else None
        created = info.get("/CreationDate") if info is not None else None
    if not any(any(ch.isalnum() for ch in line.text) for page in pages for line in page):
        raise ArticleUnreadable(name, "has no text layer: it is a scan or a picture of text",
                                _SCAN_ADVICE)
    pages = _drop_furniture(pages)
    blocks = _paragraphs(pages)
    seen = lexicon(line.text for page in pages for line in page)
    headline = None
    body_size = _body_size(blocks)
    # the headline is set larger than the body; a smaller kicker or site name may sit above it
    # and stays as text after it
    for k, block in enumerate(blocks[:3]):
        if len(blocks) > 1 and block.size > 1.15 * body_size and len(_text(block, seen)) <= 300:
            headline = _text(blocks.pop(k), seen)
            break
        if block.size >= body_size:
            break
    title = clean(meta_title)
    meta = {"title": title if title and not _JUNK_TITLE.search(title) else None}
    return build_article(name, [_text(b, seen) for b in blocks], headline=headline, meta=meta,
                         file_date=file_date(created if isinstance(created, str) else None))


def _unlock(reader: PdfReader, name: str) -> None:
    """Open an encrypted PDF with the empty password, as viewers do, or say why not."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    if not reader.is_encrypted:
        return
    try:
        ok = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except DependencyError:
        raise ArticleUnreadable(name, "is encrypted (AES), which Twofold cannot open",
                                "save an unprotected copy ('Print to PDF')") from None
    if not ok:
        raise ArticleUnreadable(name, "is encrypted and needs a password to open",
                                "save an unprotected copy ('Print to PDF')")


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _edge_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines in the top and bottom rows of a page."""
    heights = sorted({round(line.y) for line in lines}, reverse=True)
    edge = set(heights[:_EDGE]) | set(heights[-_EDGE:])
    return {i for i, line in enumerate(lines) if round(line.y) in edge}


def _drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers, and lines repeated at the same place at the edge of most pages."""
    edges = [_edge_lines(lines) for lines in pages]
    seen: Counter[tuple[str, int]] = Counter()
    for lines, edge in zip(pages, edges, strict=True):
        # a running head sits at one height on every page; text at another height is content
        seen.update({(_norm(lines[i].text), round(lines[i].y / 4)) for i in edge})
    need = max(2, math.ceil(0.5 * len(pages)))

    def repeated(line: Line) -> bool:
        key, y = _norm(line.text), round(line.y / 4)
        return sum(seen[key, y + d] for d in (-1, 0, 1)) >= need

    return [
        [line for i, line in enumerate(lines)
         if not (i in edge and (repeated(line) or _PAGE_NUMBER.match(line.text)
                                or _URL_FOOT.match(line.text)))]
        for lines, edge in zip(pages, edges, strict=True)
    ]


@dataclass(frozen=True)
class _Geometry:
    """Where lines start and end in each column of each page, the usual line spacing, and
    whether the document marks paragraphs by indenting their first line."""

    left: dict[tuple[int, int], float]
    right: dict[tuple[int, int], float]
    spacing: float
    indents: bool = False

    def broken_early(self, prev: Line, line: Line, where: tuple[int, int]) -> bool:
        """Whether `line`'s first word would have fitted at the end of `prev`: a chosen break."""
        # a space and the word, with a little room to spare: glyph widths are estimates
        return prev.x1 + 0.3 * line.size + line.lead <= self.right[where] - 0.2 * line.size

    def indented(self, line: Line, where: tuple[int, int]) -> bool:
        return 0.5 * line.size <= line.x0 - self.left[where] <= 6 * line.size


def _geometry(pages: list[list[Line]]) -> _Geometry:
    body = _body_size([_Block(lines) for lines in pages])
    # a column's edges are where its lines start and its fullest lines end, on every page laid
    # out alike: one page's few lines (the last page) may all be indented or stop short
    starts: dict[tuple[int, int], Counter[int]] = {}
    widest: dict[tuple[int, int], float] = {}
    for lines in pages:
        layout = len({line.column for line in lines})
        for line in lines:
            key = (line.column, layout)
            starts.setdefault(key, Counter())[round(line.x0)] += 1
            if abs(line.size - body) <= 0.15 * body:
                widest[key] = max(widest.get(key, line.x1), line.x1)
    left: dict[tuple[int, int], float] = {}
    right: dict[tuple[int, int], float] = {}
    for p, lines in enumerate(pages):
        layout = len({line.column for line in lines})
        for column in {line.column for line in lines}:
            key = (column, layout)
            # the leftmost start shared by two lines: first lines may be indented, and in a
            # story of one-line paragraphs most lines are first lines
            shared = [x for x, n in starts[key].items() if n >= 2] or list(starts[key])
            left[p, column] = float(min(shared))
            right[p, column] = widest.get(key) or max(line.x1 for line in lines
                                                      if line.column == column)
    ratios = sorted(
        (a.y - b.y) / b.size for lines in pages for a, b in itertools.pairwise(lines)
        if b.size > 0 and abs(a.size - b.size) <= 0.15 * b.size
        and 0.5 < (a.y - b.y) / b.size <= 3
    )
    # line spacing as a multiple of the type size: the common small gap of the whole document;
    # when even that is wide, every paragraph is one line and those are paragraph gaps
    spacing = ratios[len(ratios) // 4] if ratios else 1.2
    geometry = _Geometry(left, right, spacing if spacing <= 1.6 else 1.2)
    firsts = sum(
        geometry.indented(a, (p, a.column)) and not geometry.indented(b, (p, b.column))
        for p, lines in enumerate(pages) for a, b in itertools.pairwise(lines)
        if a.column == b.column
    )
    return dataclasses.replace(geometry, indents=firsts >= 2)


def _paragraphs(pages: list[list[Line]]) -> list[_Block]:
    """Group lines into paragraphs by spacing, type size, indentation and sentence ends."""
    geometry = _geometry(pages)
    flow = [((p, line.column), line) for p, lines in enumerate(pages) for line in lines]
    blocks: list[_Block] = []
    for k, (where, line) in enumerate(flow):
        following = flow[k + 1] if k + 1 < len(flow) else None
        if not blocks or _starts_paragraph(flow[k - 1], (where, line), following, geometry):
            blocks.append(_Block())
        blocks[-1].lines.append(line)
    return blocks


Placed = tuple[tuple[int, int], Line]


def _starts_paragraph(before: Placed, here: Placed, after: Placed | None,
                      geometry: _Geometry) -> bool:
    (was, prev), (where, line) = before, here
    if abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):
        return True
    ends_sentence = bool(_TERMINAL.search(prev.text))
    # a first line set in from its column's edge, with the next line back at the edge
    indented = geometry.indented(line, where) and (
        after is None or after[0] != where or not geometry.indented(after[1], where))
    if was != where or prev.y - line.y < -line.size:  # a page or column break
        # nothing about spacing survives a break: an indent says it, else a sentence end
        return indented if geometry.indents else ends_sentence
    if prev.y - line.y > 1.4 * geometry.spacing * line.size:
        return True
    # a line that ends before the next word would have had to wrap was ended on purpose
    starts_anew = line.text[:1].isupper() or not line.text[:1].isalpha()
    return indented or (geometry.broken_early(prev, line, was) and (ends_sentence or starts_anew))


def _text(block: _Block, seen: Counter[str]) -> str:
    """A paragraph's lines joined, undoing hyphenation at line ends."""
    # one join at the end, and each test looks at one line: a page-long "paragraph" of
    # thousands of lines stays linear
    pieces: list[str] = []
    for line in block.lines:
        text = line.text.strip()
        if not text:
            continue
        if pieces and _HYPHENATED.search(pieces[-1][-2:]) and text[:1].isalpha():
            if not keeps_hyphen(pieces[-1], text, seen):
                pieces[-1] = pieces[-1][:-1]
        elif pieces:
            pieces.append(" ")
        pieces.append(text)
    return "".join(pieces)


def _body_size(blocks: list[_Block]) -> float:
    """The font size most of the text is set in."""
    weight: Counter[float] = Counter()
    for block in blocks:
        for line in block.lines:
            weight[round(line.size, 1)] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 0.0
