"""The rules for writing a report: only the file named, never an article, whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def output_problem(output: str | os.PathLike[str], inputs: Iterable[str]) -> str | None:
    """Why a report cannot be written to `output` (asked before any slow work), or None."""
    target = Path(output)
    if target.is_dir():
        return f"{output} is a folder; name the file to write"
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is not writable"
    if is_an_input(target, inputs):
        return f"{target.name} is one of the articles being compared; choose another file name"
    return None


def is_an_input(target: str | os.PathLike[str], inputs: Iterable[str]) -> bool:
    """Whether `target` is one of the articles (writing there would destroy it)."""
    path = Path(target)
    if not path.exists():
        return False
    return any(path.resolve() == Path(p).resolve() for p in inputs)


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
