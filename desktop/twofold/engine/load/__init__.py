"""Load an article file of any supported format into an `Article`.

Plain text and Markdown are read here (`reading`, `text`); every other format has its own module
(`web`, `word`, `pdf`, `rtf`, `jsonfile`, `mail`) exposing `load(path) -> Article` and raising
`ArticleError` subclasses only. Those modules are imported on first use, so listing a folder never
pays for lxml or pypdf.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import ArticleEmpty, UnsupportedFormat
from ..model import Article
from .reading import MAX_BYTES, decode_bytes, read_bytes
from .text import (
    MARKDOWN_SUFFIXES,
    MAX_PARAGRAPH_CHARS,
    TEXT_SUFFIXES,
    build_article,
    parse_text,
    split_text,
)

__all__ = [
    "MAX_BYTES", "MAX_PARAGRAPH_CHARS", "SUPPORTED_SUFFIXES", "build_article", "decode_bytes",
    "load_article", "parse_text", "read_bytes", "split_text", "unsupported_reason",
]

FormatLoader = Callable[[Path], Article]

# suffix -> the module that reads it
_FORMATS: dict[str, str] = {
    ".html": "web", ".htm": "web", ".xhtml": "web",
    ".docx": "word",
    ".pdf": "pdf",
    ".rtf": "rtf",
    ".json": "jsonfile",
    ".eml": "mail", ".mht": "mail", ".mhtml": "mail",
}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | frozenset(_FORMATS)

_ADVICE = "save the article as .txt, .md, .html, .docx, .pdf, .rtf or .json"
_KNOWN_OTHERS: dict[str, str] = {
    ".doc": "is an old Word 97-2003 document, which Twofold cannot read",
    ".odt": "is an OpenDocument text, which Twofold cannot read",
    ".pages": "is an Apple Pages document, which Twofold cannot read",
    ".epub": "is an e-book, which Twofold cannot read",
    ".webarchive": "is a Safari web archive, which Twofold cannot read",
}
_KNOWN_ADVICE: dict[str, str] = {
    ".doc": "open it in Word or LibreOffice and save it as .docx",
    ".odt": "open it in LibreOffice and save it as .docx",
    ".pages": "export it from Pages as .docx or PDF",
    ".webarchive": "save the page from the browser as 'Web Page, HTML only'",
}
_MEDIA = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".heic", ".ico",
    ".mp3", ".mp4", ".m4a", ".wav", ".mov", ".avi", ".mkv", ".webm",
    ".zip", ".gz", ".tar", ".7z", ".rar", ".exe", ".dll", ".so", ".bin", ".dmg", ".iso",
    ".css", ".js", ".woff", ".woff2", ".ttf", ".otf",
})


def load_article(path: str | os.PathLike[str]) -> Article:
    """Load an article of any supported format; raise an `ArticleError` subclass if unusable."""
    p = Path(path)
    name = str(p)
    suffix = p.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        loader = _loader_for(suffix)
        if loader is None:
            raise UnsupportedFormat(name, *unsupported_reason(suffix))
        return loader(p)
    data = read_bytes(p)
    if not data:
        raise ArticleEmpty(name, "is empty (0 bytes)",
                           "check that the article was saved or copied completely")
    decoded = decode_bytes(data, name)
    if not decoded.text.strip():
        raise ArticleEmpty(name, "holds only spaces and blank lines",
                           "check that the article was saved or copied completely")
    return parse_text(decoded.text, path=name, markdown=suffix in MARKDOWN_SUFFIXES,
                      encoding=decoded.encoding)


def _loader_for(suffix: str) -> FormatLoader | None:
    """The `load` function of the module that reads `suffix` files, or None when none does."""
    # Imported here, on first use: each pulls in a heavy parser (lxml, pypdf, python-docx).
    match _FORMATS.get(suffix.lower()):
        case "web":
            from . import web as module
        case "word":
            from . import word as module  # type: ignore[no-redef]
        case "pdf":
            from . import pdf as module  # type: ignore[no-redef]
        case "rtf":
            from . import rtf as module  # type: ignore[no-redef]
        case "jsonfile":
            from . import jsonfile as module  # type: ignore[no-redef]
        case "mail":
            from . import mail as module  # type: ignore[no-redef]
        case _:
            return None
    return module.load


def unsupported_reason(suffix: str) -> tuple[str, str]:
    """The problem and advice for a file type without a loader, as one sentence's two halves."""
    suffix = suffix.lower()
    if suffix in _KNOWN_OTHERS:
        return _KNOWN_OTHERS[suffix], _KNOWN_ADVICE.get(suffix, _ADVICE)
    if suffix in _MEDIA:
        return f"is a '{suffix}' file (an image, media, archive or web asset), not an article", ""
    return f"Twofold cannot read '{suffix or 'extensionless'}' files", _ADVICE
