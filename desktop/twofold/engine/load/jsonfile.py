"""Articles saved as JSON, one article per file, in this shape (every field but "text" optional):

    {"title": "Niger ends military pact with US",      # the headline
     "source": "Example News",                          # the outlet
     "date": "2024-03-17",                              # as written; ISO preferred
     "url": "https://news.example/niger-us",
     "text": "First paragraph.\\nSecond paragraph.\\n..."}  # or a list of paragraph strings

Paragraphs in "text" are separated by newlines (blank lines allowed); they follow the plain-text
rules, so a short first line without a full stop is taken as the headline when "title" is absent.
Common scraper spellings are accepted too: "headline" for title, "outlet"/"publisher"/"site" for
source, "published" for date, "body"/"content" for text.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ArticleEmpty, ArticleUnreadable
from ..model import Article
from .common import clean, err_text, read_document, same_text
from .reading import decode_bytes
from .text import build_article, split_text

_FIELDS = {
    "title": ("title", "headline"),
    "source": ("source", "outlet", "publisher", "site", "sitename"),
    "date": ("date", "published", "pubdate"),
    "url": ("url", "link", "canonical"),
    "text": ("text", "body", "content"),
}
_SHAPE = 'use one object like {"title", "source", "date", "url", "text"}'


def load(path: Path) -> Article:
    """Read one article from a JSON file in the documented shape."""
    name = str(path)
    decoded = decode_bytes(read_document(path), name)
    try:
        data = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        raise ArticleUnreadable(name, f"is not valid JSON ({err.msg} at line {err.lineno})",
                                "check that the file is complete") from None
    except RecursionError:
        raise ArticleUnreadable(name, "is JSON nested too deeply to read", _SHAPE) from None
    except ValueError as err:  # Python refuses integers of more than 4,300 digits
        problem = "holds a number thousands of digits long" if "digits" in str(err) \
            else f"is JSON that cannot be read ({err_text(err)})"
        raise ArticleUnreadable(name, problem, "check that the file is the article") from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise ArticleUnreadable(name, f"holds {kind}, not one article object", _SHAPE)
    fields = {key: _first(data, names) for key, names in _FIELDS.items()}
    text = fields.pop("text")
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "\n\n".join(text)
    if not isinstance(text, str):
        raise ArticleUnreadable(name, 'is JSON without a "text" field holding the article',
                                _SHAPE)
    if not text.strip():
        raise ArticleEmpty(name, 'has an empty "text" field', "check that the file is the article")
    meta, _, blocks = split_text(text)
    title = clean(fields["title"]) or meta.get("title")
    if title and blocks and same_text(blocks[0], title):
        blocks = blocks[1:]
    merged = {key: clean(value) or meta.get(key) for key, value in fields.items()}
    return build_article(name, blocks, headline=title, meta=merged, encoding=decoded.encoding)


def _first(data: dict[str, object], names: tuple[str, ...]) -> object:
    for key in names:
        if data.get(key) is not None:
            return data[key]
    return None
