"""Decoded text into an `Article`: metadata header, headline, paragraphs (all formats end here)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence

from ..errors import ArticleEmpty
from ..model import Article, DateSource, Paragraph
from .dates import front_matter, parse_date
from .letters import fold_letters

# Longer "paragraphs" are whole texts that lost their line breaks (or minified dumps): split at
# sentence ends so every later stage (spaCy caps a Doc at 1,000,000 characters) sees news-sized
# pieces; real news paragraphs stay far below this.
MAX_PARAGRAPH_CHARS = 10_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

_META_KEYS = {
    "source": "source", "outlet": "source", "publisher": "source", "site": "source",
    "date": "date", "published": "date", "pubdate": "date",
    "url": "url", "link": "url", "canonical": "url",
    "title": "title", "headline": "title",
    "author": "author", "by": "author",
}
_META_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:(.*)$")  # value stripped after: no backtracking
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*))?$")  # closing #s removed in code: no backtracking
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# link text stops at a nested "[": a run of "[[[[" is then linear, not quadratic, to scan
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<![\w_])_(?=\S)"
                          r"|(?<=\S)\*(?![\w*])|(?<=\S)_(?![\w_])|`)")
_MD_BLOCK_PREFIX = re.compile(r"^\s{0,3}(>\s?|[-*+]\s+|\d+[.)]\s+)")
_TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone halves (JSON "\ud800", RTF \u-10240)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+|[。！？]+[」』）]*")


def parse_text(
    text: str, *, path: str = "<text>", markdown: bool = False, encoding: str = "utf-8"
) -> Article:
    """Turn decoded text into an `Article` (metadata header, headline, paragraphs)."""
    meta, headline, blocks = split_text(text, markdown=markdown)
    return build_article(path, blocks, headline=headline, meta=meta, encoding=encoding)


def split_text(
    text: str, *, markdown: bool = False
) -> tuple[dict[str, str], str | None, list[str]]:
    """Split decoded text into its metadata header, explicit headline (if any) and paragraphs."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    meta, lines = _split_metadata(lines)
    headline, blocks = _split_blocks(lines, markdown=markdown)
    if markdown:
        blocks = [_strip_markdown(b) for b in blocks]
        headline = _strip_markdown(headline) if headline else headline
    return meta, headline, blocks


def build_article(
    path: str, blocks: Sequence[str], *, headline: str | None = None,
    meta: Mapping[str, str | None] | None = None, encoding: str = "utf-8",
    guess_headline: bool = True, file_date: str | None = None, read_front: bool = True,
) -> Article:
    """Assemble an `Article` from paragraph texts: every format ends here, so digests agree.

    `meta` holds what the file states about the article (title, source, date, url); `file_date`
    is when the file itself was made, shown only when the article states no date. Without
    `read_front`, datelines and bylines stay paragraphs (for text that is only body, as in
    corpora given sentence by sentence).
    """
    meta = {key: _clean_line(value) for key, value in (meta or {}).items()}
    blocks = [piece for b in blocks for piece in _split_long(_clean_line(b) or "")]
    headline = _clean_line(headline)
    if headline and len(headline) > MAX_PARAGRAPH_CHARS:  # a "title" that is a whole text
        first, *rest = _split_long(headline)
        headline, blocks = first, [*rest, *blocks]
    stated = meta.get("date")
    stated = (parse_date(stated) or stated) if stated else None
    # datelines and bylines are furniture: read, then kept out of the paragraphs
    front = front_matter(blocks if read_front else [], reference=stated or file_date)
    blocks = list(front.blocks) if read_front else blocks
    if headline is None and guess_headline and len(blocks) > 1 \
            and _looks_like_headline(blocks[0]):
        headline = blocks.pop(0)
    paragraphs: list[Paragraph] = []
    if headline:
        paragraphs.append(Paragraph(0, "headline", headline))
    paragraphs.extend(Paragraph(len(paragraphs), "body", b) for b in blocks)
    if not paragraphs:
        raise ArticleEmpty(path, "holds no text", "check that the file is the saved article")
    title = meta.get("title") or (paragraphs[0].text if headline else None)
    digest = hashlib.sha256(
        "\x1e".join(f"{p.role}\x1f{p.text}" for p in paragraphs).encode("utf-8")
    ).hexdigest()
    # a date the article shows beats its metadata; a file's own date is labelled as such
    date = front.date or stated
    date_source: DateSource | None = "article" if date else "file" if file_date else None
    return Article(
        path=path, title=title, source=meta.get("source") or front.source,
        date=date or file_date, paragraphs=tuple(paragraphs), url=meta.get("url"),
        encoding=encoding, digest=digest, date_source=date_source,
    )


def _clean_line(text: str | None) -> str | None:
    """One line of text: controls and lone surrogates gone, letters folded, spaces collapsed."""
    if text is None:
        return None
    # folded here, before paragraphs exist, so every offset is into the text that is displayed
    text = fold_letters(_SURROGATE.sub("\ufffd", _CONTROL.sub("", text)))
    return " ".join(text.split()) or None


def _split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut at sentence ends where possible."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = 0
        for match in _SENTENCE_END.finditer(text, start + limit // 2, end):
            cut = match.end()
        if not cut:
            cut = text.rfind(" ", start + limit // 2, end) + 1
        if not cut:  # one unbroken run (CJK without stops, a data blob): cut between characters
            cut = end
            while cut > start + limit // 2 and _joins_previous(text[cut]):
                cut -= 1
        pieces.append(text[start:cut].rstrip())
        start = cut + (text[cut] == " ")  # whitespace is collapsed: at most one space here
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _joins_previous(char: str) -> bool:
    """Whether `char` belongs to the character before it (an accent, a joiner, a variation)."""
    return bool(unicodedata.combining(char)) or char in "\u200d\ufe0e\ufe0f" \
        or 0x1F3FB <= ord(char) <= 0x1F3FF


def _split_metadata(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Read a Markdown front matter block or leading `Key: value` lines."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    meta: dict[str, str] = {}
    if start < len(lines) and lines[start].strip() == "---":
        for end in range(start + 1, min(len(lines), start + 60)):
            if lines[end].strip() in ("---", "..."):
                for line in lines[start + 1:end]:
                    _read_meta_line(line, meta)
                return meta, lines[end + 1:]
        return meta, lines
    end = start
    while end < len(lines) and _read_meta_line(lines[end], meta):
        end += 1
    if end > start and (end == len(lines) or not lines[end].strip()
                        or end - start >= 2):
        return meta, lines[end:]
    return {}, lines


def _read_meta_line(line: str, meta: dict[str, str]) -> bool:
    match = _META_LINE.match(line)
    if not match:
        return False
    key = _META_KEYS.get(match.group(1).lower())
    value = match.group(2).strip().strip('"').strip("'").strip()
    if key is None or not value:
        return False
    meta.setdefault(key, value)
    return True


def _split_blocks(lines: list[str], *, markdown: bool) -> tuple[str | None, list[str]]:
    """Group lines into paragraphs: blank-line blocks, joined only when hard-wrapped."""
    headline: str | None = None
    blocks: list[list[str]] = [[]]
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if markdown:
            heading = _HEADING.match(line)
            if heading is not None and not (heading.group(1) or "").strip():
                heading = None  # a bare "#" line is not a heading
            if heading is None and i + 1 < len(lines) and _SETEXT_RULE.match(lines[i + 1]) \
                    and line.strip():
                heading = re.match(r"\s*(.*)", line)
            if _SETEXT_RULE.match(line) and blocks[-1] == [] and i > 0 and lines[i - 1].strip():
                continue
            if heading is not None:
                title = _heading_text(heading.group(1))
                if headline is None and not any(blocks):
                    headline = title
                else:
                    blocks.append([title])
                blocks.append([])
                continue
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    width = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    for block in blocks:
        if not block:
            continue
        if _is_hard_wrapped(block, width):
            out.append(" ".join(block))
        else:
            out.extend(block)
    return headline, out


def _heading_text(text: str) -> str:
    """A heading without its optional closing sequence of #s (which must follow a space)."""
    text = text.strip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1] in " \t") else text


def _is_hard_wrapped(block: list[str], width: int) -> bool:
    """Lines of a wrapped paragraph nearly fill the file's width and break mid-sentence."""
    if len(block) < 2 or not 50 <= width <= 110:
        return False
    body = block[:-1]
    return all(len(line) >= 0.7 * width for line in body) and any(
        not _TERMINAL.search(line) for line in body
    )


def _looks_like_headline(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 25 and len(text) <= 200 and not _TERMINAL.search(text)


def _strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BLOCK_PREFIX.sub("", text)
    return _MD_EMPHASIS.sub("", text)
