"""Loaders for article formats other than plain text, one module per format, behind one interface.

Each format module exposes `load(path: Path) -> Article` and raises `ArticleError` subclasses only.
The modules are imported on first use, so listing a folder never pays for lxml or pypdf.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Article

FormatLoader = Callable[[Path], "Article"]

_MODULES: dict[str, str] = {
    ".html": "web", ".htm": "web", ".xhtml": "web",
    ".docx": "word",
    ".pdf": "pdf",
    ".rtf": "rtf",
    ".json": "jsonfile",
    ".eml": "mail", ".mht": "mail", ".mhtml": "mail",
}
FORMAT_SUFFIXES = frozenset(_MODULES)

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


def loader_for(suffix: str) -> FormatLoader | None:
    """The `load` function of the module that reads `suffix` files, or None when none does."""
    name = _MODULES.get(suffix.lower())
    if name is None:
        return None
    module = importlib.import_module(f"{__name__}.{name}")
    loader: FormatLoader = module.load
    return loader


def unsupported_reason(suffix: str) -> tuple[str, str]:
    """The problem and advice for a file type without a loader, as one sentence's two halves."""
    suffix = suffix.lower()
    if suffix in _KNOWN_OTHERS:
        return _KNOWN_OTHERS[suffix], _KNOWN_ADVICE.get(suffix, _ADVICE)
    if suffix in _MEDIA:
        return f"is a '{suffix}' file (an image, media, archive or web asset), not an article", ""
    return f"Twofold cannot read '{suffix or 'extensionless'}' files", _ADVICE
