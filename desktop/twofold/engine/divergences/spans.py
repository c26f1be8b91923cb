"""Divergence spans over a sentence's tokens, never with quote marks at their ends.

The window's list and the exports print a span between their own quote marks; a span that kept
the article's own would show them doubled (the issue saw ““…”” in the dock).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Span
from .equivalence import strip_quote_marks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .pairs import Side


def char_span(side: Side, start: int, end: int) -> Span:
    """A span over paragraph character offsets of one side, quote marks left out."""
    text = side.text
    start, end = strip_quote_marks(start, end, text)
    return Span(side.paragraph, start, end, text[start:end])


def tok_span(side: Side, first: int, last: int) -> Span:
    """A span over doc tokens first..last-1."""
    return char_span(side, *side.chars(first, last))


def phrase_root(doc: Doc, start: int, end: int) -> Token:
    """The token of doc tokens start..end-1 that hangs from outside them: where a phrase (a date,
    a figure) attaches to its sentence."""
    return next((t for t in doc[start:end] if not start <= t.head.i < end), doc[start])
