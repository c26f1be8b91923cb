"""The public development corpora for benchmarks: where they are, and readers for BASIL and ECB+.

The corpus root is `--corpus DIR`, else `$TWOFOLD_CORPORA`, else `~/corpora` (built as
../shared/corpora/README.md says). When it is absent a benchmark prints one line and skips that
part: CI never has the corpora, and their texts are never committed.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

OUTLETS = ("fox", "nyt", "hpo")
# Coreference rows of events (actions, states, reports and their negations); the file also links
# people, places and times, which are shared topic, not the same reported event.
EVENT_TAGS = ("ACTION", "NEG_ACTION")


def corpus_root(explicit: Path | None = None) -> Path | None:
    """The corpora folder if it holds built clusters, else None."""
    root = explicit or Path(os.environ.get("TWOFOLD_CORPORA") or Path.home() / "corpora")
    return root if (root / "clusters").is_dir() else None


def missing_line(part: str) -> str:
    """The one line a benchmark prints when it skips a part for want of the corpora."""
    return (f"{part}: skipped, no corpora (pass --corpus DIR or set TWOFOLD_CORPORA; "
            "see ../shared/corpora/README.md)")


def basil_events(root: Path) -> list[Path]:
    """The BASIL event folders (each with fox.txt, nyt.txt, hpo.txt), in name order."""
    return sorted(p for p in (root / "clusters").glob("basil_*") if p.is_dir())


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
