"""A folder of articles: list every file with its article or the reason it cannot be read."""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import ArticleError
from .loader import TEXT_SUFFIXES, load_article
from .model import Article

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


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
    return Path(path).suffix.lower() in TEXT_SUFFIXES


def similarity_matrix(articles: list[Article]) -> list[list[float]]:
    """Pairwise TF-IDF cosine of whole articles: cheap, for ranking pairs, not for alignment."""
    bags = [Counter(w.lower() for p in a.paragraphs for w in _WORD.findall(p.text))
            for a in articles]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    matrix = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            small, big = sorted((vectors[i], vectors[j]), key=len)
            score = sum(v * big.get(w, 0.0) for w, v in small.items())
            matrix[i][j] = matrix[j][i] = round(score, 4)
    return matrix


def most_similar_pair(articles: list[Article]) -> tuple[int, int] | None:
    """Indices of the two most alike articles, or None with fewer than two."""
    if len(articles) < 2:
        return None
    matrix = similarity_matrix(articles)
    pairs = ((matrix[i][j], i, j) for i in range(len(articles))
             for j in range(i + 1, len(articles)))
    _, i, j = max(pairs)
    return i, j
