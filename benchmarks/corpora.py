"""Where the public development corpora live, and reading BASIL clusters from them.

The corpus root is `--corpus DIR`, else $TWOFOLD_CORPORA, else ~/corpora. Benchmarks that need it
print one line and skip that part when it is absent (CI never has it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from twofold.engine.model import Article

OUTLETS = ("fox", "nyt", "hpo")


def corpus_root(given: Path | None = None) -> Path | None:
    """The corpus root if it holds built clusters, else None."""
    root = given or Path(os.environ.get("TWOFOLD_CORPORA") or Path.home() / "corpora")
    return root if (root / "clusters").is_dir() else None


def skip_line(what: str, given: Path | None = None) -> str:
    """The one line a benchmark prints when the corpora are not there."""
    where = given or os.environ.get("TWOFOLD_CORPORA") or "~/corpora"
    return (f"{what}: skipped, no built corpora at {where} (pass --corpus DIR or set "
            "TWOFOLD_CORPORA; see the design folder's corpora/README.md)")


def basil_clusters(root: Path) -> list[str]:
    """Names of the BASIL clusters built under `root`, sorted."""
    return sorted(p.name for p in (root / "clusters").glob("basil_*")
                  if all((p / f"{o}.txt").is_file() for o in OUTLETS))


def basil_path(root: Path, cluster: str, outlet: str) -> Path:
    return root / "clusters" / cluster / f"{outlet}.txt"


def basil_article(root: Path, cluster: str, outlet: str) -> Article:
    """One outlet's article of a BASIL cluster: the title is paragraph 0, one line a paragraph."""
    from twofold.engine.load import load_article

    return load_article(basil_path(root, cluster, outlet))
