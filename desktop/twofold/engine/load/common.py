"""What the format loaders share: guarded calls into third-party parsers, dates, quiet logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from ..errors import ArticleEmpty, ArticleError, ArticleUnreadable
from .reading import read_bytes

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_PDF_DATE = re.compile(r"^\s*D?:?(\d{4})(\d{2})?(\d{2})?")
# creation stamps that documents inherit from the template they were made with, to the second
_TEMPLATE_STAMPS = frozenset({
    "2013-12-23T23:15:00",  # python-docx's default.docx (so every file it writes)
})


def read_document(path: Path) -> bytes:
    """The file's bytes, read-only, with an empty file refused in the text loader's words."""
    data = read_bytes(path)
    if not data.strip():
        raise ArticleEmpty(str(path), "holds no text (the file is empty)",
                           "check that the file is the saved article")
    return data


@contextmanager
def parser_guard(path: str, kind: str, advice: str = "") -> Iterator[None]:
    """Turn any failure of a third-party parser into one `ArticleUnreadable` sentence."""
    try:
        yield
    except ArticleError:
        raise
    except RecursionError:
        raise ArticleUnreadable(path, f"cannot be read as {kind}: it is nested too deeply",
                                advice) from None
    except Exception as err:  # parsers raise anything at all on malformed input
        raise ArticleUnreadable(
            path, f"seems damaged: it cannot be read as {kind} ({err_text(err)})",
            advice or f"open it in its application and save it again as {kind}",
        ) from None


def err_text(err: BaseException) -> str:
    """A short, single-line reason from a parser's exception."""
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 80 else text[:77] + "..."


@contextmanager
def quiet(*loggers: str) -> Iterator[None]:
    """Silence chatty parser loggers (warnings about malformed input reach us as exceptions)."""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def iso_date(value: object) -> str | None:
    """`YYYY-MM-DD` from a datetime, an ISO string or a PDF `D:2024...` string; else None."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DATE.match(value)
    if match:
        return "-".join(match.groups())
    match = _PDF_DATE.match(value)
    if match and match.group(2) and match.group(3):
        return "-".join(match.groups())
    return None


def file_date(value: object) -> str | None:
    """The day a file says it was made, unless that is a template's or a zero date."""
    if isinstance(value, datetime) and value.replace(tzinfo=None).isoformat(
            timespec="seconds") in _TEMPLATE_STAMPS:
        return None
    day = iso_date(value)
    if day is None or day[:4] < "1990" or day > (date.today() + timedelta(days=2)).isoformat():
        return None  # 1601, 1899, 1904, 1970, 1980: what an empty date field reads as
    return day


def clean(value: object) -> str | None:
    """A metadata value as one stripped line, or None when empty or not text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two headline-ish strings say the same thing (case, spaces, quotes aside)."""
    if not a or not b:
        return False
    return _fold(a) == _fold(b)


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()
