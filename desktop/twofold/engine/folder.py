"""A folder of articles: list every file with its article or the reason it cannot be read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ArticleError
from .loader import SUPPORTED_SUFFIXES, load_article
from .model import Article


@dataclass(frozen=True, slots=True)
class FolderEntry:
    """One file of a folder: its article when readable, else the reason it is not."""

    path: str
    article: Article | None
    error: str | None = None

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


def list_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The visible regular files directly inside `folder`, sorted by name."""
    root = Path(folder)
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        raise ArticleError(str(root), "the folder does not exist") from None
    except NotADirectoryError:
        raise ArticleError(str(root), "is a file, not a folder") from None
    except PermissionError:
        raise ArticleError(str(root), "permission denied", "check that you may read it") from None
    return [root / n for n in names if not n.startswith(".") and (root / n).is_file()]


def read_entry(path: Path) -> FolderEntry:
    """Load one file of a folder, turning any `ArticleError` into a listed reason."""
    try:
        return FolderEntry(str(path), load_article(path))
    except ArticleError as err:
        reason = f"{err.problem}; {err.advice}" if err.advice else err.problem
        return FolderEntry(str(path), None, reason)


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
