"""How much of each pair the window highlights by default, next to today's rule (every link).

A reader must see at a glance what is the same, what is reworded and what only one side says;
when most characters are highlighted, nothing stands out. For each pair: the share of both
articles' characters carrying a word-change highlight when the pair opens, under the window's
rule (word changes of verbatim and paraphrase links; a partial link's only once it is selected)
and under the rule of every link. Also checked: no change of a verbatim or paraphrase link is
hidden by the new rule.

Pairs: the ten pairs of the sample folder, and BASIL development pairs (the development
divergence selection) when the corpora are built; without them, one line says so.

    .venv/bin/python benchmarks/highlight_share.py [--corpus DIR] [--pairs N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET = 0.35
SELECTION = Path(__file__).resolve().parent / "data" / "dev-divergences" / "selection.json"


def chars(ranges: dict[int, list[tuple[int, int, str]]]) -> set[tuple[int, int]]:
    """Every (paragraph, offset) a set of ranges covers."""
    return {(pid, i) for pid, spans in ranges.items() for s, e, _t in spans for i in range(s, e)}


def measure(comparison: object) -> tuple[float, float, int]:
    """(share now, share with every link, characters of strong links' changes now hidden)."""
    from twofold.ui.highlight import STRONG_KINDS, change_ranges

    c = comparison
    everything = range(len(c.links))  # type: ignore[attr-defined]
    total = now = before = hidden = 0
    for side in ("left", "right"):
        article = c.left if side == "left" else c.right  # type: ignore[attr-defined]
        total += sum(len(p.text) for p in article.paragraphs)
        shown = chars(change_ranges(c, side))  # type: ignore[arg-type]
        old = chars(change_ranges(c, side, selected=everything))  # type: ignore[arg-type]
        strong = {(link.left if side == "left" else link.right, i)
                  for link in c.links if link.kind in STRONG_KINDS  # type: ignore[attr-defined]
                  for op in link.ops if op.tag != "equal"
                  for i in range(*(op.left if side == "left" else op.right))}
        now, before = now + len(shown), before + len(old)
        hidden += len((old & strong) - shown)
    return now / max(total, 1), before / max(total, 1), hidden


def sample_pairs() -> list[tuple[str, str]]:
    files = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    return list(itertools.combinations(files, 2))


def basil_pairs(root: Path, limit: int) -> list[tuple[str, str]]:
    from corpora import basil_path

    chosen = json.loads(SELECTION.read_text(encoding="utf-8"))[:limit]
    pairs = [(basil_path(root, s["cluster"], s["a"]), basil_path(root, s["cluster"], s["b"]))
             for s in chosen]
    return [(str(a), str(b)) for a, b in pairs if a.is_file() and b.is_file()]


def report(name: str, pairs: Iterable[tuple[str, str]]) -> list[float]:
    from twofold.engine.compare import compare

    now, before, hidden = [], [], 0
    for left, right in pairs:
        share, old, lost = measure(compare(left, right))
        now.append(share)
        before.append(old)
        hidden += lost
    if not now:
        return []
    print(f"{name:<22} {len(now):>3} pairs  median {statistics.median(now):6.1%} "
          f"(max {max(now):5.1%})   every link: median {statistics.median(before):6.1%} "
          f"(max {max(before):5.1%})   strong-link change characters hidden: {hidden}")
    return now


def main(argv: Iterable[str] | None = None) -> int:
    from corpora import corpus_part, corpus_root

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="the corpus root (default: $TWOFOLD_CORPORA or ~/corpora)")
    parser.add_argument("--pairs", type=int, default=42, help="BASIL pairs to measure (default 42)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    start = time.perf_counter()
    print("Share of characters highlighted when a pair opens (both articles); target median "
          f"<= {TARGET:.0%}")
    shares = report("sample pairs", sample_pairs())
    root = corpus_root(args.corpus)
    if corpus_part(root, "clusters", "BASIL development pairs") is not None and root is not None:
        shares += report("BASIL development pairs", basil_pairs(root, args.pairs))
    median = statistics.median(shares)
    print(f"all pairs: median {median:.1%} ({'meets' if median <= TARGET else 'misses'} the "
          f"target) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
