"""Saved web pages (.html, .htm): the article body without menus, comments or related links.

Extraction is trafilatura's, given the page as a string: nothing is fetched from the network and
no script runs. The headline becomes paragraph 0, the site name the source; the author is not kept
(an `Article` has no field for it, and a byline is not an outlet).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ArticleUnreadable
from ..model import Article
from .common import clean, iso_date, parser_guard, quiet, read_document, same_text
from .reading import decode_bytes
from .text import build_article

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")
_NO_TEXT_ADVICE = "open the page in a browser and save it again, or copy the article into a .txt"


def load(path: Path) -> Article:
    """Read a saved web page from disk."""
    data = read_document(path)
    text, encoding = decode_html(data, str(path))
    saved = _SAVED_FROM.search(text[:4096])  # the address a browser saved the page from
    return article_from_html(text, path=str(path), encoding=encoding,
                             url=saved.group(1) if saved else None)


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Decode page bytes using the page's declared charset, else the text loader's guesses."""
    match = _CHARSET.search(data[:4096])
    if match and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = match.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(declared).name
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(data, name)
    return decoded.text, decoded.encoding


def article_from_html(
    html: str, *, path: str, encoding: str = "utf-8", url: str | None = None,
    title: str | None = None, source: str | None = None, date: str | None = None,
) -> Article:
    """Extract the article from an HTML string; the keywords fill metadata the page lacks."""
    import trafilatura
    from trafilatura.settings import Document

    html = _XML_DECL.sub("", html, count=1)  # lxml refuses str input that declares an encoding
    with quiet(*_LOGGERS), parser_guard(path, "HTML", _NO_TEXT_ADVICE):
        # tables are kept: a results table is the article's text too, and losing words
        # silently is worse than a row read as a line (+0.002 F1 on the web benchmark)
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
            # dates from markup only: a year in the story ("a 2012 agreement") is not its date
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    # A Document unless as_dict=True was asked for; anything else means no article was found.
    if not isinstance(doc, Document):
        doc = None
    body = (doc.text or "") if doc is not None else ""
    if doc is None or not body.strip():
        raise ArticleUnreadable(path, "holds no article text that Twofold could find in the page",
                                _NO_TEXT_ADVICE)
    headline = clean(doc.title) or clean(title)
    blocks = body.split("\n")
    while blocks and (not blocks[0].strip() or same_text(blocks[0], headline)):
        blocks.pop(0)
    page_url = clean(doc.url) or url
    meta = {
        "title": headline,
        "source": clean(doc.sitename) or source or _host(page_url),
        "date": iso_date(doc.date) or date,
        "url": page_url,
    }
    return build_article(path, blocks, headline=headline, meta=meta, encoding=encoding)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
