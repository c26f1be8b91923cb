"""Reports of a comparison to share: self-contained HTML (Qt-free), PDF (Qt), JSON (contract)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path
from typing import Literal

from twofold.engine.model import Comparison

ExportFormat = Literal["html", "pdf", "json"]
FORMATS: tuple[ExportFormat, ...] = ("html", "pdf", "json")


def render_json(c: Comparison) -> str:
    """The `twofold/comparison@1` object as text, the same as `twofold compare --format json`."""
    from twofold.engine.serialize import comparison_to_dict

    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=1) + "\n"


def export_comparison(c: Comparison, path: str | os.PathLike[str], fmt: ExportFormat, *,
                      generated: datetime | None = None,
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
    if fmt == "html":
        from .html import render_html

        text = render_html(c, generated=generated)
    elif fmt == "json":
        text = render_json(c)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    write_atomically(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return target


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp_path)` on a temporary file beside `target`, then move it into place."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise OSError(f"nothing was written to {target}")
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
