"""Rich Text Format (.rtf): striprtf turns it into plain text, read like a .txt file."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ArticleUnreadable
from ..model import Article
from .common import parser_guard, read_document
from .text import parse_text

# striprtf scans from each font entry (\f1) and each field ({\field) to the end of the line with
# lazy patterns: quadratic on one long line. Line breaks mean nothing in RTF, so one before each
# of them keeps the scans short without changing the text.
_SCAN_START = re.compile(r"(?<!\\)(?=\\f\d|\{\\field)")


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
        text = rtf_to_text(_SCAN_START.sub("\n", data.decode("latin-1")), errors="replace")
    return parse_text(text, path=name, encoding="rtf")
