"""Read an article file into an `Article`: decode, find metadata and headline, split paragraphs."""

from __future__ import annotations

import codecs
import errno
import hashlib
import math
import os
import re
import stat
import unicodedata
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
# Longer "paragraphs" are whole texts that lost their line breaks (or minified dumps): split at
# sentence ends so every later stage (spaCy caps a Doc at 1,000,000 characters) sees news-sized
# pieces; real news paragraphs stay far below this.
MAX_PARAGRAPH_CHARS = 10_000
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
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+|[。！？]+[」』）]*")
# Signatures of common binary files: "a PDF with a .txt name" is a better message than "binary".
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", ".pdf"),
    (b"PK\x03\x04", "a zip archive (perhaps a Word .docx file)", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word 97-2003 (or other Office) file", ".doc"),
    (b"{\\rtf", "a Rich Text (RTF) document", ".rtf"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (b"\x1f\x8b", "a gzip archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
    (b"Rar!\x1a\x07", "a RAR archive", ""),
    (b"\x7fELF", "a program (ELF executable)", ""),
    (b"SQLite format 3\x00", "an SQLite database", ""),
)


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
    if not data:
        raise ArticleEmpty(name, "is empty (0 bytes)",
                           "check that the article was saved or copied completely")
    decoded = decode_bytes(data, name)
    if not decoded.text.strip():
        raise ArticleEmpty(name, "holds only spaces and blank lines",
                           "check that the article was saved or copied completely")
    return parse_text(decoded.text, path=name, markdown=suffix in MARKDOWN_SUFFIXES,
                      encoding=decoded.encoding)


def read_bytes(p: Path) -> bytes:
    """Read a file read-only with size and existence checks turned into `ArticleError`s."""
    name = str(p)
    try:
        info = p.stat()
    except OSError as err:
        raise _os_error(name, err) from None
    _check_kind(name, info)
    _check_size(name, info.st_size)
    try:
        with p.open("rb") as fh:
            # the file may have grown since stat(): never read more than the limit plus one byte
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise _os_error(name, err) from None
    _check_size(name, len(data))
    return data


def _check_kind(name: str, info: os.stat_result) -> None:
    """Refuse folders and devices before opening them (reading /dev/zero would never end)."""
    if stat.S_ISDIR(info.st_mode):
        raise ArticleUnreadable(name, "is a folder, not a file", "open the folder instead")
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        raise ArticleUnreadable(name, "is a device or socket, not a file",
                                "save the article to a file and open that")


def _check_size(name: str, size: int) -> None:
    if size > MAX_BYTES:
        # rounded up: "is 20 MB, more than the 20 MB" would read as a contradiction
        raise ArticleTooLarge(
            name, f"is {math.ceil(size / 2**20)} MB, more than the {MAX_BYTES // 2**20} MB "
            "Twofold reads", "split it or keep only the article text",
        )


def _os_error(name: str, err: OSError) -> ArticleNotFound | ArticleUnreadable:
    """One sentence for each way the operating system refuses a file."""
    if isinstance(err, FileNotFoundError):
        return ArticleNotFound(name, "the file no longer exists",
                               "refresh the folder or check the path")
    if isinstance(err, PermissionError):
        return ArticleUnreadable(name, "permission denied",
                                 "check that you may read this file (its owner can allow it)")
    if isinstance(err, IsADirectoryError):
        return ArticleUnreadable(name, "is a folder, not a file", "open the folder instead")
    if err.errno == errno.ELOOP:
        return ArticleUnreadable(name, "is a symbolic link that leads round in a circle",
                                 "point the link at the real file")
    if err.errno == errno.ENAMETOOLONG:
        return ArticleUnreadable(name, "has a name too long for the system",
                                 "rename it or move it to a shorter path")
    why = err.strerror or type(err).__name__
    return ArticleUnreadable(name, f"cannot be read ({why})",
                             "check that the disk or network share is still there")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode article bytes: BOM, then strict UTF-8, then a charset guess, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # a BOM is strong evidence; a truncated last character should not lose the file
            return _checked(name, data.decode(encoding, errors="replace"),
                            encoding.replace("-sig", ""))
    _refuse_known_binary(data, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(name, data.decode(utf16, errors="replace"), utf16)
    if _looks_binary(data):
        raise ArticleUnreadable(
            name, "looks like a binary file, not text",
            "open the original document or save it as plain text",
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_western(data):
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252")
    guess = _guess_encoding(data)
    if guess:
        try:
            return Decoded(data.decode(guess), guess)
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252")


def _checked(name: str, text: str, encoding: str) -> Decoded:
    """Refuse a decode that is mostly replacement characters: those bytes were not that text."""
    if text.count("\ufffd") > max(2, len(text) // 20):
        raise ArticleUnreadable(name, f"looks like a binary or damaged file, not {encoding} text",
                                "open the original document or save it as plain text")
    return Decoded(text, encoding)


def _refuse_known_binary(data: bytes, name: str) -> None:
    head = data.lstrip(b"\x00\t\r\n ")[:16]
    suffix = os.path.splitext(name)[1].lower()
    for magic, kind, right in _MAGIC:
        if head.startswith(magic) and suffix != right:
            label = f"'{suffix}'" if suffix else "a text"
            advice = (f"rename it to end in {right}" if right
                      else "open the original article instead")
            raise ArticleUnreadable(name, f"is {kind} with {label} name, not text", advice)
    if b"\x00" in data[:8192] and not data.strip(b"\x00\t\r\n\x0c "):
        raise ArticleEmpty(name, "holds only zero bytes and blanks (an unfinished save?)",
                           "save or download the article again")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of Latin-script text without a BOM: every other byte is zero."""
    head = data[:8192]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    # a few stray NULs (a damaged save, a pasted control code) do not make text binary
    if head.count(0) > len(head) // 4:
        return True
    text = head.replace(b"\x00", b"")
    controls = len(text.translate(None, _NOT_CONTROL))  # bytes < 9 or 13 < b < 32, at C speed
    return controls > max(2, len(text) // 20)


_WESTERN = frozenset(range(0xC0, 0x100)) - {0xD7, 0xF7}  # accented letters of Windows-1252
_WESTERN_PUNCT = frozenset(b"\x80\x85\x91\x92\x93\x94\x96\x97\xa0\xab\xbb\xb0\xa9\xae\xb7")


def _looks_western(data: bytes) -> bool:
    """Windows-1252 text: accented letters sit among mostly plain ASCII letters, quotes curl.

    Short Western texts fool statistical guessers (a curly-quoted "café" reads as Japanese), so
    this narrow case is decided first; Cyrillic, Greek or CJK bytes are nearly all high and fail.
    """
    sample = data[:200_000]
    high = [b for b in sample if b >= 0x80]
    if not high or any(b not in _WESTERN and b not in _WESTERN_PUNCT for b in high):
        return False
    letters = sum(1 for b in high if b in _WESTERN)
    ascii_letters = sum(1 for b in sample if 65 <= b <= 90 or 97 <= b <= 122)
    return letters <= 0.5 * (letters + ascii_letters)


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
    meta = {key: _clean_line(value) for key, value in (meta or {}).items()}
    blocks = [piece for b in blocks for piece in _split_long(_clean_line(b) or "")]
    headline = _clean_line(headline)
    if headline and len(headline) > MAX_PARAGRAPH_CHARS:  # a "title" that is a whole text
        first, *rest = _split_long(headline)
        headline, blocks = first, [*rest, *blocks]
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
    return Article(
        path=path, title=title, source=meta.get("source"), date=meta.get("date"),
        paragraphs=tuple(paragraphs), url=meta.get("url"), encoding=encoding, digest=digest,
    )


def _clean_line(text: str | None) -> str | None:
    """One line of text: controls and lone surrogates gone, runs of whitespace collapsed."""
    if text is None:
        return None
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
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
