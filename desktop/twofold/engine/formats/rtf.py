"""Rich Text Format (.rtf): striprtf turns it into plain text, read like a .txt file."""

from __future__ import annotations

from pathlib import Path

from ..errors import ArticleUnreadable
from ..loader import parse_text
from ..model import Article
from .common import parser_guard, read_document


def load(path: Path) -> Article:
    """Read an RTF document: its text, then the plain-text rules for headline and paragraphs."""
    from striprtf.striprtf import rtf_to_text

    name = str(path)
    data = read_document(path)
    if not data.lstrip()[:5] == b"{\\rtf":
        raise ArticleUnreadable(name, "is not an RTF document (it does not start with '{\\rtf')",
                                "open it in a word processor and save it as .rtf or .docx")
    # RTF is 7-bit text; \'xx escapes and \uN are decoded by striprtf with the file's code page
    with parser_guard(name, "RTF"):
        text = rtf_to_text(data.decode("latin-1"), errors="replace")
    return parse_text(text, path=name, encoding="rtf")
