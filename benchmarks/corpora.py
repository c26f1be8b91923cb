"""The public development corpora for benchmarks: where they are, and readers for BASIL and ECB+.

The corpus root is `--corpus DIR`, else `$TWOFOLD_CORPORA`, else `~/corpora` (built as the design
folder's corpora/README.md says). When it is absent a benchmark prints one line and skips that
part: CI never has the corpora, and their texts are never committed.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from twofold.engine.model import Article

ENV = "TWOFOLD_CORPORA"
OUTLETS = ("fox", "nyt", "hpo")
# Coreference rows of events (actions, states, reports and their negations); the file also links
# people, places and times, which are shared topic, not the same reported event.
EVENT_TAGS = ("ACTION", "NEG_ACTION")


def corpus_root(given: Path | str | None = None) -> Path | None:
    """The corpus root if it holds built clusters, else None."""
    root = Path(given or os.environ.get(ENV) or Path.home() / "corpora").expanduser()
    return root if (root / "clusters").is_dir() else None


def skip_line(what: str, given: Path | str | None = None) -> str:
    """The one line a benchmark prints when the corpora are not there."""
    where = given or os.environ.get(ENV) or "~/corpora"
    return (f"{what}: skipped, no built corpora at {where} (pass --corpus DIR or set {ENV}; "
            "see the design folder's corpora/README.md)")


def corpus_part(root: Path | None, relative: str, what: str) -> Path | None:
    """`root/relative` when it exists; else None after one line saying what is skipped."""
    path = root / relative if root is not None else None
    if path is not None and path.exists():
        return path
    print(skip_line(what, root))
    return None


def basil_events(root: Path) -> list[Path]:
    """The BASIL event folders (each with fox.txt, nyt.txt, hpo.txt), in name order."""
    return sorted(p for p in (root / "clusters").glob("basil_*")
                  if all((p / f"{o}.txt").is_file() for o in OUTLETS))


def basil_clusters(root: Path) -> list[str]:
    """Names of the BASIL clusters built under `root`, sorted."""
    return [p.name for p in basil_events(root)]


def basil_path(root: Path, cluster: str, outlet: str) -> Path:
    return root / "clusters" / cluster / f"{outlet}.txt"


def basil_article(root: Path, cluster: str, outlet: str) -> Article:
    """One outlet's article of a BASIL cluster: the title is paragraph 0, one line a paragraph."""
    from twofold.engine.load import load_article

    return load_article(basil_path(root, cluster, outlet))


@dataclass
class EcbDocument:
    """One ECB+ article: one sentence per line; which event instances each line mentions."""

    path: Path
    lines: list[str]  # non-empty lines of the file, in order
    numbers: list[int]  # the file's 1-based line number of each of `lines`
    instances: dict[int, set[str]] = field(default_factory=dict)  # line number -> event ids
    mentioned: set[int] = field(default_factory=set)  # lines with any coreference mention

    def annotated(self) -> set[int]:
        """Line numbers that carry at least one cross-document coreference mention."""
        return set(self.mentioned)


def ecb_topics(root: Path) -> list[int]:
    """The ECB+ topic numbers present (the odd ones in the development part)."""
    return sorted({int(p.name.split("_")[1][1:])
                   for p in (root / "clusters").glob("ecbplus_t*_*") if p.is_dir()})


def ecb_clusters(root: Path, topic: int) -> Iterator[list[EcbDocument]]:
    """The two same-event document sets of a topic (its `ecb` and `ecbplus` halves)."""
    for half in ("ecb", "ecbplus"):
        folder = root / "clusters" / f"ecbplus_t{topic:02d}_{half}"
        if folder.is_dir():
            yield _read_ecb_folder(folder)


def _read_ecb_folder(folder: Path) -> list[EcbDocument]:
    mentions: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    mentioned: dict[str, set[int]] = defaultdict(set)
    with open(folder / "_crossdoc_coref.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            lines = [int(x) for x in row["line"].split(",") if x.isdigit()]
            mentioned[row["file"]].update(lines)
            if row["tag"].startswith(EVENT_TAGS):
                for line in lines:
                    mentions[row["file"]][line].add(row["instance_id"])
    docs = []
    for path in sorted(folder.glob("*.txt")):
        numbered = [(n, text.strip()) for n, text in
                    enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text.strip()]
        docs.append(EcbDocument(path, [t for _, t in numbered], [n for n, _ in numbered],
                                dict(mentions.get(path.name, {})),
                                set(mentioned.get(path.name, ()))))
    return docs


def ecb_gold(a: EcbDocument, b: EcbDocument) -> set[tuple[int, int]]:
    """Line pairs (line numbers) that mention one event instance: the weak alignment gold."""
    return {(i, j) for i, left in a.instances.items() for j, right in b.instances.items()
            if left & right}
