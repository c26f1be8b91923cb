"""E-mails (.eml) and single-file web archives (.mht, .mhtml), read with the stdlib email package.

An e-mail's subject is the headline and its sender's display name the source; its plain-text part
is preferred (newsletters' HTML is mostly layout). A web archive's HTML part goes through the web
page extractor, with the archived page's address as the URL.
"""

from __future__ import annotations

import re
from email import policy
from email.message import MIMEPart
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from ..errors import ArticleUnreadable
from ..model import Article
from .common import clean, iso_date, parser_guard, read_document, same_text
from .reading import decode_bytes
from .text import build_article, split_text
from .web import article_from_html

# Real headers are a few KB; the stdlib's header parser slows to seconds on one of 100 KB.
MAX_HEADER_BYTES = 64 * 1024
_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_HEADER_START = re.compile(rb"\r?\n(?![ \t])")  # a line not folded into the one before
_MIME_HEADER = re.compile(rb"(content-[a-z-]+|mime-version|subject|from|to|date|"
                          rb"snapshot-content-location)[ \t]*:", re.IGNORECASE)


def load(path: Path) -> Article:
    """Read the article text of an e-mail or a web archive."""
    name = str(path)
    data = read_document(path)
    archive = path.suffix.lower() in (".mht", ".mhtml")
    decode_bytes(data[:8192], name)  # refuses binary files with the text loader's message
    _check_headers(data, name, archive)
    with parser_guard(name, "a web archive" if archive else "an e-mail",
                      "save the message or page again from its application"):
        message = BytesParser(policy=policy.default).parsebytes(data)
        part = message.get_body(("html", "plain") if archive else ("plain", "html"))
        subject = clean(message.get("subject"))
        sender = clean(parseaddr(str(message.get("from", "")))[0]) if not archive else None
        url = clean(message.get("snapshot-content-location") or message.get("content-location"))
        date = _date(message.get("date"))
    if part is None and not archive:
        # no MIME structure at all: a plain-text file with a few headers, read its payload
        payload = message.get_payload()
        if isinstance(payload, str) and payload.strip():
            part = message
    if part is None:
        raise ArticleUnreadable(name, "holds no text or HTML part",
                                "save the message or page again from its application")
    text, encoding = _content(part, name)
    if part.get_content_subtype() == "html":
        return article_from_html(text, path=name, encoding=encoding, url=url, title=subject,
                                 source=sender, date=date)
    meta, _, blocks = split_text(text)
    if subject and blocks and same_text(blocks[0], subject):
        blocks = blocks[1:]
    merged = {"title": subject or meta.get("title"), "source": sender or meta.get("source"),
              "date": date or meta.get("date"), "url": url or meta.get("url")}
    return build_article(name, blocks, headline=subject, meta=merged, encoding=encoding)


def _check_headers(data: bytes, name: str, archive: bool) -> None:
    """Refuse a header (of the message or of any part) far longer than real ones are."""
    end = _HEADERS_END.search(data, 0, 4 * MAX_HEADER_BYTES + 4)
    block = len(data) if end is None else end.start()
    top = max(len(line) for line in _HEADER_START.split(data[:block]))
    parts = max((len(line) for line in _HEADER_START.split(data) if _MIME_HEADER.match(line)),
                default=0)
    longest = max(top, parts)
    if block > 4 * MAX_HEADER_BYTES or longest > MAX_HEADER_BYTES:
        kind = "a web archive" if archive else "an e-mail"
        raise ArticleUnreadable(name, f"seems damaged: its headers are far longer than {kind}'s",
                                "save the message or page again from its application")


def _content(part: MIMEPart, name: str) -> tuple[str, str]:
    """A part's text, decoded by its declared charset, else by the text loader's guesses."""
    charset = part.get_content_charset()
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        raw = str(part.get_payload()).encode("utf-8", "replace")
    if charset:
        try:
            return raw.decode(charset), charset
        except (LookupError, ValueError):  # unknown or garbled charset name ("utf\x00-8")
            pass
    decoded = decode_bytes(raw, name)
    return decoded.text, decoded.encoding


def _date(value: object) -> str | None:
    if not value:
        return None
    try:
        return iso_date(parsedate_to_datetime(str(value)))
    except (TypeError, ValueError, IndexError):
        return clean(value)
