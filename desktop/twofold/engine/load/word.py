"""Word documents (.docx): paragraphs in order; an opening Title or Heading 1 is the headline."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ArticleUnreadable
from ..model import Article
from .common import clean, file_date, parser_guard, read_document
from .text import build_article, split_text

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

_HEADLINE_STYLES = frozenset({"title", "heading 1", "heading1"})
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A news article's document.xml is well under a few MB; a zip claiming far more is a zip bomb.
MAX_UNZIPPED = 200 * 1024 * 1024
_AGAIN = "copy or download it again, or open it in Word or LibreOffice and save it again"


def load(path: Path) -> Article:
    """Read a .docx file: paragraphs, headline by style, title and creation date."""
    import docx

    name = str(path)
    data = read_document(path)
    if data.startswith(_OLE_MAGIC):
        raise ArticleUnreadable(name, "is an old Word 97-2003 document with a .docx name",
                                "open it in Word or LibreOffice and save it as .docx")
    if not data.startswith(_ZIP_MAGIC):
        raise ArticleUnreadable(name, "is not a Word document (a .docx file is a zip archive)",
                                "open it in Word or LibreOffice and save it as .docx")
    _check_archive(name, data)
    with parser_guard(name, ".docx"):
        document = docx.Document(io.BytesIO(data))
        texts = [(" ".join(p.text.split()), _style_name(p)) for p in document.paragraphs]
        core = document.core_properties
        core_title, created = core.title, core.created
        if core.author == "python-docx":  # python-docx's template stamp, not a real date
            created = None
    texts = [(text, style) for text, style in texts if text]
    headline = None
    if texts and texts[0][1] in _HEADLINE_STYLES:
        headline = texts.pop(0)[0]
    found, _, blocks = split_text("\n\n".join(text for text, _ in texts))
    meta = {
        "title": clean(core_title) or found.get("title"),
        "source": found.get("source"),
        "date": found.get("date"),
        "url": found.get("url"),
    }
    return build_article(name, blocks, headline=headline, meta=meta, file_date=file_date(created))


def _check_archive(name: str, data: bytes) -> None:
    """Name the usual ways a .docx is broken before python-docx reports them obscurely."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: info for info in archive.infolist()}
            body = members.get("word/document.xml")
            if body is None:
                raise ArticleUnreadable(
                    name, "is a zip archive without a Word document inside "
                    "(it has no word/document.xml)", "check that it is the .docx of the article")
            if sum(info.file_size for info in members.values()) > MAX_UNZIPPED:
                raise ArticleUnreadable(name, "unpacks to more than "
                                        f"{MAX_UNZIPPED // 2**20} MB, far more than an article",
                                        "save the article text alone as .docx or .txt")
            archive.read(body)  # checks the CRC: a damaged member fails here, clearly
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as err:
        problem = "is incomplete or damaged" if "not a zip" in str(err).lower() else \
            "is damaged (its zip archive is corrupt)"
        raise ArticleUnreadable(name, problem, _AGAIN) from None
    except (OSError, ValueError, RuntimeError) as err:  # zipfile raises these on odd archives
        raise ArticleUnreadable(name, f"is damaged ({type(err).__name__})", _AGAIN) from None


def _style_name(paragraph: Paragraph) -> str:
    """The paragraph style's name, lower-cased ('' when the style is missing or broken)."""
    try:
        style = paragraph.style
        return (style.name or "").lower() if style is not None else ""
    except (AttributeError, KeyError, ValueError):
        return ""
