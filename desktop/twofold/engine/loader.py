"""Read an article file into an `Article`: decode, find metadata and headline, split paragraphs."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import formats
from .errors import (
    ArticleEmpty,
    ArticleNotFound,
    ArticleTooLarge,
    ArticleUnreadable,
    UnsupportedFormat,
)
from .model import Article, Paragraph

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | formats.FORMAT_SUFFIXES

_META_KEYS = {
    "source": "source", "outlet": "source", "publisher": "source", "site": "source",
    "date": "date", "published": "date", "pubdate": "date",
    "url": "url", "link": "url", "canonical": "url",
    "title": "title", "headline": "title",
    "author": "author", "by": "author",
}
_META_LINE = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<![\w_])_(?=\S)"
                          r"|(?<=\S)\*(?![\w*])|(?<=\S)_(?![\w_])|`)")
_MD_BLOCK_PREFIX = re.compile(r"^\s{0,3}(>\s?|[-*+]\s+|\d+[.)]\s+)")
_TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def load_article(path: str | os.PathLike[str]) -> Article:
    """Load an article of any supported format; raise an `ArticleError` subclass if unusable."""
    p = Path(path)
    name = str(p)
    suffix = p.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        loader = formats.loader_for(suffix)
        if loader is None:
            raise UnsupportedFormat(name, *formats.unsupported_reason(suffix))
        return loader(p)
    data = read_bytes(p)
    decoded = decode_bytes(data, name)
    return parse_text(decoded.text, path=name, markdown=suffix in MARKDOWN_SUFFIXES,
                      encoding=decoded.encoding)


def read_bytes(p: Path) -> bytes:
    """Read a file read-only with size and existence checks turned into `ArticleError`s."""
    name = str(p)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ArticleNotFound(name, "the file no longer exists", "refresh the folder") from None
    except OSError as err:
        raise ArticleUnreadable(name, f"cannot be opened ({err.strerror})") from None
    if p.is_dir():
        raise ArticleUnreadable(name, "is a folder, not a file")
    if size > MAX_BYTES:
        raise ArticleTooLarge(
            name, f"is {size / 1e6:.0f} MB, more than the {MAX_BYTES // 2**20} MB Twofold reads",
            "split it or keep only the article text",
        )
    try:
        with p.open("rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ArticleNotFound(name, "the file no longer exists", "refresh the folder") from None
    except PermissionError:
        raise ArticleUnreadable(
            name, "permission denied", "check that you may read this file"
        ) from None
    except OSError as err:
        raise ArticleUnreadable(name, f"cannot be read ({err.strerror})") from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode article bytes: BOM, then strict UTF-8, then a charset guess, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                break
    if _looks_binary(data):
        raise ArticleUnreadable(
            name, "looks like a binary file, not text",
            "open the original document or save it as plain text",
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess:
        try:
            return Decoded(data.decode(guess), guess)
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if head.count(0) > max(1, len(head) // 100):
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # bytes < 9 or 13 < b < 32, at C speed
    return controls > len(head) // 10


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


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
    guess_headline: bool = True,
) -> Article:
    """Assemble an `Article` from paragraph texts: every format ends here, so digests agree."""
    meta = meta or {}
    blocks = [b for b in (" ".join(_CONTROL.sub("", b).split()) for b in blocks) if b]
    if headline is None and guess_headline and len(blocks) > 1 \
            and _looks_like_headline(blocks[0]):
        headline = blocks.pop(0)
    paragraphs: list[Paragraph] = []
    if headline:
        paragraphs.append(Paragraph(0, "headline", " ".join(headline.split())))
    paragraphs.extend(Paragraph(len(paragraphs), "body", b) for b in blocks)
    if not paragraphs:
        raise ArticleEmpty(path, "holds no text", "check that the file is the saved article")
    title = meta.get("title") or (paragraphs[0].text if headline else None)
    digest = hashlib.sha256(
        "\x1e".join(f"{p.role}\x1f{p.text}" for p in paragraphs).encode("utf-8")
    ).hexdigest()
    return Article(
        path=path, title=title, source=meta.get("source"), date=meta.get("date"),
        paragraphs=tuple(paragraphs), url=meta.get("url"), encoding=encoding, digest=digest,
    )


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
    value = match.group(2).strip().strip('"').strip("'")
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
            if heading is None and i + 1 < len(lines) and _SETEXT_RULE.match(lines[i + 1]) \
                    and line.strip():
                heading = re.match(r"\s*(.*)", line)
            if _SETEXT_RULE.match(line) and blocks[-1] == [] and i > 0 and lines[i - 1].strip():
                continue
            if heading is not None:
                if headline is None and not any(blocks):
                    headline = heading.group(1)
                else:
                    blocks.append([heading.group(1)])
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
