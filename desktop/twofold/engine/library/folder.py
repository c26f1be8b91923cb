"""A folder on disk: its visible files, listed without reading them."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ArticleError
from ..load import SUPPORTED_SUFFIXES


def list_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The visible files directly inside `folder`, sorted by name, without reading them.

    Subfolders (and links to folders, which could lead back up) are not entered. Links that lead
    nowhere or round in a circle are listed, so that reading them reports why they fail.
    """
    root = Path(folder)
    try:
        with os.scandir(root) as it:
            found = [entry.name for entry in it
                     if not entry.name.startswith(".") and _is_listed(entry)]
    except FileNotFoundError:
        raise ArticleError(str(root), "the folder does not exist",
                           "check the path, or open the folder again") from None
    except NotADirectoryError:
        raise ArticleError(str(root), "is a file, not a folder", "open its folder") from None
    except PermissionError:
        raise ArticleError(str(root), "permission denied",
                           "check that you may read this folder") from None
    except OSError as err:  # a looping link, a vanished network share
        raise ArticleError(str(root), f"cannot be listed ({err.strerror or err})",
                           "check that the folder is still there") from None
    return [root / name for name in sorted(found)]


def _is_listed(entry: os.DirEntry[str]) -> bool:
    """A file, or a link that is not a folder (a broken or looping link is read to say why)."""
    try:
        # uses the type the directory listing already gave: no stat per regular file
        return entry.is_file() or (entry.is_symlink() and not entry.is_dir())
    except OSError:  # a link loop fails to resolve: listed, so that reading it says so
        return entry.is_symlink()


def is_supported(path: str | os.PathLike[str]) -> bool:
    """Whether Twofold has a loader for this file's type (by its suffix)."""
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES
