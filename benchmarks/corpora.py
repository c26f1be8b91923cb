"""Where the public development corpora live (../shared/corpora/README.md), and reading them.

The root is `--corpus DIR`, else $TWOFOLD_CORPORA, else ~/corpora. The texts are never in the
repo: when the root or a part of it is missing, a benchmark prints one line and skips that part.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "TWOFOLD_CORPORA"
OUTLETS = ("fox", "nyt", "hpo")


def corpus_root(given: Path | str | None = None) -> Path:
    """The corpus root the user named, or the default one (which may not exist)."""
    if given:
        return Path(given).expanduser()
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    return Path.home() / "corpora"


def corpus_part(root: Path, relative: str, what: str) -> Path | None:
    """`root/relative` when it exists; else None after one line saying what is skipped."""
    path = root / relative
    if path.exists():
        return path
    print(f"{what}: skipped, {path} not found (build it as ../shared/corpora/README.md says, "
          f"then pass --corpus DIR or set {ENV})")
    return None


def basil_clusters(root: Path) -> dict[str, dict[str, Path]]:
    """BASIL development events: cluster name -> outlet -> article file."""
    out: dict[str, dict[str, Path]] = {}
    clusters = root / "clusters"
    if not clusters.is_dir():
        return out
    for folder in sorted(clusters.glob("basil_*")):
        files = {o: folder / f"{o}.txt" for o in OUTLETS if (folder / f"{o}.txt").is_file()}
        if files:
            out[folder.name] = files
    return out
