"""Every output of Twofold: the comparison as text, JSON, HTML or PDF, the overview as text or JSON.

Rendering is Qt-free except the PDF, which Qt lays out; `files` holds the rules for writing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from datetime import datetime
from pathlib import Path
from typing import Literal

from twofold.engine.model import Comparison

from .files import write_atomically

ExportFormat = Literal["text", "html", "pdf", "json"]
FORMATS: tuple[ExportFormat, ...] = ("text", "html", "pdf", "json")


def render_json(c: Comparison) -> str:
    """The `twofold/comparison@1` object as text, the same as `twofold compare --format json`."""
    from twofold.engine.serialize import comparison_to_dict

    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=1) + "\n"


def render(c: Comparison, fmt: ExportFormat, *, color: bool = False,
           generated: datetime | None = None) -> str:
    """The comparison as text in a text format (every format but PDF)."""
    if fmt == "html":
        from .html import render_html

        return render_html(c, generated=generated)
    if fmt == "json":
        return render_json(c)
    if fmt == "text":
        from .text import render_text

        return render_text(c, color=color)
    raise ValueError(f"{fmt!r} is not a text format")


def export_comparison(c: Comparison, path: str | os.PathLike[str], fmt: ExportFormat, *,
                      color: bool = False, generated: datetime | None = None,
                      dismissed: Collection[str] = ()) -> Path:
    """Write `c` to `path` as `fmt`; the file appears whole or not at all. Raises OSError.

    `dismissed`: ids of divergences the reader dismissed, left out of the report.
    """
    from twofold.engine.divergences.dismissed import without_dismissed

    c = without_dismissed(c, dismissed)
    target = Path(path)
    if fmt == "pdf":
        from .pdf import write_pdf  # Qt: imported only when a PDF is asked for

        write_atomically(target, lambda tmp: write_pdf(c, tmp, generated=generated))
        return target
    text = render(c, fmt, color=color, generated=generated)
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return target
