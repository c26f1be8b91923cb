"""PDFs with a text layer: lines regrouped into paragraphs, hyphenation and page furniture undone.

pypdf reports each text run with its position and font size; a line break with extra spacing, a
change of font size, or a short line ending a sentence starts a new paragraph. Lines repeated at
the top or bottom of most pages (running heads, "Page 3 of 7") are dropped. A larger-type first
paragraph is the headline.
"""

from __future__ import annotations

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
from .common import clean, iso_date, parser_guard, quiet, read_document
from .text import build_article

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

MAX_PAGES = 300
_TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad]$")
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(/|of)\s*\d{1,4})?$", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"(^untitled|^microsoft \w+ - |\.(docx?|pdf|indd|rtf|txt|html?)$)",
                         re.IGNORECASE)
_EDGE = 2  # lines at the top and at the bottom of a page that may be running heads or feet


@dataclass
class _Line:
    text: str
    y: float
    size: float


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)

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
        pages = [_page_lines(page) for page in reader.pages]
        info = reader.metadata
        meta_title = info.title if info is not None else None
        created = info.get("/CreationDate") if info is not None else None
    if not any(any(ch.isalnum() for ch in line.text) for page in pages for line in page):
        raise ArticleUnreadable(name, "has no text layer (a scan?)",
                                "run it through OCR first (e.g. 'ocrmypdf in.pdf out.pdf') "
                                "and open the result")
    blocks = _paragraphs(_drop_furniture(pages))
    headline = None
    body_size = _body_size(blocks)
    if len(blocks) > 1 and blocks[0].size > 1.15 * body_size and len(_text(blocks[0])) <= 300:
        headline = _text(blocks.pop(0))
    title = clean(meta_title)
    meta = {
        "title": title if title and not _JUNK_TITLE.search(title) else None,
        "date": iso_date(created if isinstance(created, str) else None),
    }
    return build_article(name, [_text(b) for b in blocks], headline=headline, meta=meta)


def _unlock(reader: PdfReader, name: str) -> None:
    """Open an encrypted PDF with the empty password, as viewers do, or say why not."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    if not reader.is_encrypted:
        return
    try:
        ok = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except DependencyError:
        raise ArticleUnreadable(name, "is encrypted with AES, which Twofold cannot open",
                                "save an unprotected copy ('Print to PDF')") from None
    if not ok:
        raise ArticleUnreadable(name, "is password-protected",
                                "save an unprotected copy ('Print to PDF')")


def _page_lines(page: PageObject) -> list[_Line]:
    """The page's text lines, each with its baseline height and font size."""
    lines: list[_Line] = []
    parts: list[str] = []
    where: list[float] = []

    def flush() -> None:
        text = "".join(parts).replace("\u00ad\n", "\u00ad").strip()
        if text and where:
            lines.append(_Line(text, where[0], where[1]))
        parts.clear()
        where.clear()

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                flush()
            if piece.strip() and not where:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]) or 1.0
                where.extend((y, float(size) * scale))
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove page numbers, and lines repeated at the same page edge on most pages."""
    repeated: set[str] = set()
    if len(pages) >= 2:
        seen: Counter[str] = Counter()
        for lines in pages:
            seen.update({_norm(line.text) for line in lines[:_EDGE] + lines[-_EDGE:]})
        need = max(2, math.ceil(0.5 * len(pages)))
        repeated = {text for text, count in seen.items() if count >= need}
    out = []
    for lines in pages:
        edge = set(range(min(_EDGE, len(lines)))) | set(range(max(0, len(lines) - _EDGE),
                                                                len(lines)))
        out.append([
            line for i, line in enumerate(lines)
            if not (i in edge and (_norm(line.text) in repeated
                                   or _PAGE_NUMBER.match(line.text.strip())))
        ])
    return out


def _paragraphs(pages: list[list[_Line]]) -> list[_Block]:
    """Group lines into paragraphs by spacing, type size and sentence ends."""
    lines_all = [line for lines in pages for line in lines]
    if not lines_all:
        return []
    ratios = sorted(
        (a.y - b.y) / b.size for lines in pages for a, b in itertools.pairwise(lines)
        if b.size > 0 and abs(a.size - b.size) <= 0.15 * b.size
        and 0.5 < (a.y - b.y) / b.size <= 3
    )
    # line spacing as a multiple of the type size: the common small gap of the whole document;
    # when even that is wide, every paragraph is one line and those are paragraph gaps
    spacing = ratios[len(ratios) // 4] if ratios else 1.2
    spacing = spacing if spacing <= 1.6 else 1.2
    lengths = sorted(len(line.text) for line in lines_all)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    blocks: list[_Block] = []
    for lines in pages:
        prev: _Line | None = None
        for line in lines:
            if prev is None:
                # a page break continues the paragraph unless the last page ended a sentence
                if not blocks or _TERMINAL.search(blocks[-1].lines[-1].text) \
                        or abs(line.size - blocks[-1].lines[-1].size) > 0.15 * line.size:
                    blocks.append(_Block())
            elif _starts_paragraph(prev, line, spacing * line.size, width):
                blocks.append(_Block())
            blocks[-1].lines.append(line)
            prev = line
    return blocks


def _starts_paragraph(prev: _Line, line: _Line, leading: float, width: int) -> bool:
    gap = prev.y - line.y
    ends_sentence = bool(_TERMINAL.search(prev.text))
    if abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):
        return True
    if gap > 1.4 * leading:
        return True
    if gap < -leading:  # moved up: a new column, which may continue the paragraph
        return ends_sentence
    return ends_sentence and len(prev.text) < 0.7 * width


def _text(block: _Block) -> str:
    """A paragraph's lines joined, undoing hyphenation at line ends."""
    # one join at the end, and each test looks at one line: a page-long "paragraph" of
    # thousands of lines stays linear
    pieces: list[str] = []
    for line in block.lines:
        text = line.text.strip()
        if not text:
            continue
        if pieces and _HYPHENATED.search(pieces[-1][-2:]) and text[:1].islower():
            pieces[-1] = pieces[-1][:-1]
        elif pieces:
            pieces.append(" ")
        pieces.append(text)
    return "".join(pieces).replace("\u00ad", "")


def _body_size(blocks: list[_Block]) -> float:
    """The font size most of the text is set in."""
    weight: Counter[float] = Counter()
    for block in blocks:
        for line in block.lines:
            weight[round(line.size, 1)] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 0.0
