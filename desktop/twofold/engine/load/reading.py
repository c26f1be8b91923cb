"""Read an article file's bytes safely and decode them: size, kind and encoding checks."""

from __future__ import annotations

import codecs
import errno
import math
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleEmpty, ArticleNotFound, ArticleTooLarge, ArticleUnreadable

MAX_BYTES = 20 * 1024 * 1024
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))
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
