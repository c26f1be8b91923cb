"""A folder of articles: list every file with its article or the reason it cannot be read."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError
from ..load import SUPPORTED_SUFFIXES, load_article
from ..model import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FolderEntry:
    """One file of a folder: its article when readable, else the reason it is not."""

    path: str
    article: Article | None
    error: str | None = None
    stamp: tuple[int, int] | None = None  # (mtime_ns, size) when read: tells a rescan to reuse it

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


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


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, or None when it cannot be looked at."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_mtime_ns, st.st_size


def read_entry(path: Path, previous: FolderEntry | None = None) -> FolderEntry:
    """Load one file of a folder, turning any `ArticleError` into a listed reason.

    `previous`, an earlier reading of the same file, is returned as is when the file has not
    changed since (same modification time and size): a rescan reads only what changed.
    """
    stamp = file_stamp(path)
    if previous is not None and stamp is not None and previous.stamp == stamp \
            and previous.path == str(path):
        return previous
    try:
        return FolderEntry(str(path), load_article(path), stamp=stamp)
    except ArticleError as err:
        reason = f"{err.problem}; {err.advice}" if err.advice else err.problem
        return FolderEntry(str(path), None, reason, stamp)
    except Exception as err:  # a loader bug must not take the rest of the folder with it
        log.exception("unexpected failure reading %s", path)
        return FolderEntry(str(path), None, f"could not be read because of an internal error "
                           f"({type(err).__name__}); please report it", stamp)


def scan_folder(folder: str | os.PathLike[str]) -> list[FolderEntry]:
    """Every visible file of `folder`, readable or not (unsupported types say so)."""
    return [read_entry(p) for p in list_files(folder)]


def is_supported(path: str | os.PathLike[str]) -> bool:
    """Whether Twofold has a loader for this file's type (by its suffix)."""
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


def similarity_matrix(articles: list[Article]) -> list[list[float]]:
    """Pairwise TF-IDF cosine of whole articles: cheap, for ranking pairs, not for alignment."""
    import numpy as np

    from .overview import similarity, vectorise

    matrix = similarity([vectorise(a) for a in articles])
    return np.round(matrix.astype(np.float64), 4).tolist()


def most_similar_pair(articles: list[Article]) -> tuple[int, int] | None:
    """Indices of the two most alike articles, or None with fewer than two."""
    if len(articles) < 2:
        return None
    import numpy as np

    from .overview import similarity, vectorise

    upper = np.triu(similarity([vectorise(a) for a in articles]), 1)
    i, j = np.unravel_index(int(np.argmax(upper)), upper.shape)
    return int(i), int(j)
