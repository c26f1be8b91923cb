"""The story across N articles: claims checked against the sample's human alignment, and timed.

- Sample: the five seed articles become one story. Two members of one claim (articles x and y)
  say "paragraph i of x and paragraph j of y report the same thing": that is a link, scored
  against the human alignment of the pair (benchmarks/data/sample-gold/alignment.json) over every
  gold pair. The baseline is the union of the pairwise alignments the story starts from (what a
  reader gets comparing pair by pair): the grouping may keep fewer links, never invent one.
  Also: the claims every article reports.
- BASIL development events (three outlets each): claims per event, the share reported by one
  outlet only, seconds per event.
- Time: ten articles of about 1,000 words (whole BASIL events whose articles come nearest that
  length; without the corpora, the seeds twice over) cold, then with their comparisons cached.

    .venv/bin/python benchmarks/story_quality.py [--corpus DIR] [--events N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpora import basil_events, corpus_root, skip_line  # noqa: E402

Pair = tuple[int, int]


def story_links(story: object, names: list[str]) -> dict[str, set[Pair]]:
    """Links implied by the claims: for each pair of files, the paragraph pairs of co-members."""
    out: dict[str, set[Pair]] = {}
    for claim in story.claims:  # type: ignore[attr-defined]
        for a, b in combinations(claim.members, 2):
            if a.article == b.article:
                continue
            key = f"{names[a.article]}-{names[b.article]}"
            out.setdefault(key, set()).add((a.paragraph, b.paragraph))
    return out


def score(found: dict[str, set[Pair]], gold: dict[str, set[Pair]]) -> tuple[float, float, int]:
    tp = fp = fn = 0
    for key, links in gold.items():
        got = found.get(key, set())
        tp += len(got & links)
        fp += len(got - links)
        fn += len(links - got)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), tp + fp


def sample(gold_dir: Path, seeds: Path) -> None:
    from twofold.engine.compare import compare
    from twofold.engine.story import build_story

    pairs = json.loads((gold_dir / "alignment.json").read_text(encoding="utf-8"))["pairs"]
    gold = {name: {(i, j) for i, j, _ in e["links"]} for name, e in pairs.items()}
    paths = sorted(seeds.glob("*.txt"))
    names = [p.name[:3] for p in paths]
    start = time.perf_counter()
    story = build_story([str(p) for p in paths], folder=str(seeds))
    seconds = time.perf_counter() - start
    pairwise: dict[str, set[Pair]] = {}
    for x, y in combinations(range(len(paths)), 2):
        c = compare(str(paths[x]), str(paths[y]))
        pairwise[f"{names[x]}-{names[y]}"] = {(k.left, k.right) for k in c.links}
    p, r, n = score(story_links(story, names), gold)
    bp, br, bn = score(pairwise, gold)
    print(f"Sample: 5 articles, {len(gold)} gold pairs, {seconds:.1f} s")
    print(f"  {'':<34} {'precision':>9} {'recall':>7} {'links':>6}")
    print(f"  {'story (claims, grouped)':<34} {p:>9.2f} {r:>7.2f} {n:>6}")
    print(f"  {'BASELINE pairwise alignments':<34} {bp:>9.2f} {br:>7.2f} {bn:>6}")
    print("  targets: precision >= 0.75, recall >= 0.50")
    everyone = story.reported_by(len(paths))
    print(f"  {len(story.claims)} claims; {len(everyone)} reported by all five:")
    for c in everyone:
        print(f"    - {c.members[0].text[:90]}")


def basil(root: Path, limit: int) -> None:
    from twofold.engine.story import build_story

    events = basil_events(root)[:limit]
    counts, alone, seconds = [], [], []
    for folder in events:
        start = time.perf_counter()
        story = build_story([str(folder / f"{o}.txt") for o in ("fox", "nyt", "hpo")],
                            folder=folder.name)
        seconds.append(time.perf_counter() - start)
        counts.append(len(story.claims))
        alone.append(len(story.reported_by(1)) / max(len(story.claims), 1))
    n = len(events)
    print(f"\nBASIL development events: {n} events x 3 outlets")
    print(f"  claims per event: mean {sum(counts) / n:.1f} (min {min(counts)}, max {max(counts)})")
    print(f"  share of claims one outlet only reports: mean {sum(alone) / n:.2f}")
    print(f"  seconds per event (3 comparisons, cold): mean {sum(seconds) / n:.1f}")


def ten_articles(root: Path | None) -> list[Path]:
    """Ten articles of about 1,000 words: BASIL events nearest that length, else the seeds twice."""
    if root is not None:
        def words(p: Path) -> int:
            return len(p.read_text(encoding="utf-8").split())

        events = sorted(basil_events(root), key=lambda e: sum(
            abs(words(e / f"{o}.txt") - 1000) for o in ("fox", "nyt", "hpo")))
        picked = [e / f"{o}.txt" for e in events[:4] for o in ("fox", "nyt", "hpo")]
        if len(picked) >= 10:
            return picked[:10]
    work = Path(tempfile.mkdtemp(prefix="twofold-story-"))
    out = []
    for n, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt")) * 2):
        text = seed.read_text(encoding="utf-8")
        if n >= 5:  # a light rewrite, so the copy is not the same article
            text = text.replace(" the ", " a ", 3)
        (work / f"{n:02d}.txt").write_text(text, encoding="utf-8")
        out.append(work / f"{n:02d}.txt")
    return out


def timing(root: Path | None) -> None:
    from twofold.engine.story import build_story

    paths = ten_articles(root)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    start = time.perf_counter()
    build_story([str(p) for p in paths])
    cold = time.perf_counter() - start
    start = time.perf_counter()
    build_story([str(p) for p in paths])
    warm = time.perf_counter() - start
    print(f"\nTen articles ({words:,} words, {len({p.parent for p in paths})} folders): "
          f"{cold:.1f} s cold, {warm:.2f} s with their comparisons cached "
          "(budgets: 30 s and 1 s for ~1,000-word articles)")


def memory(root: Path | None, count: int) -> None:
    """Peak memory of one story of `count` articles (BASIL articles when the corpus is there)."""
    import resource

    from twofold.engine.story import build_story

    if root is not None:
        paths = [e / f"{o}.txt" for e in basil_events(root) for o in ("fox", "nyt", "hpo")]
    else:
        print(skip_line("BASIL articles (the sample's five stand in)", None))
        paths = sorted((ROOT / "seeds").glob("*.txt"))
    paths = paths[:count]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    story = build_story([str(p) for p in paths])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pairs = len(paths) * (len(paths) - 1) // 2
    print(f"\nStory of {len(paths)} articles ({pairs} pairs, cold): {seconds:.0f} s, "
          f"{len(story.claims)} claims; peak memory {peak:.0f} MB (before it: {before:.0f} MB; "
          "budget 1 GB for 50 articles)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--events", type=int, default=20, help="BASIL events to build")
    parser.add_argument("--memory", type=int, default=0, metavar="N",
                        help="only measure the peak memory of one story of N articles "
                        "(50 for the budget; all pairs are compared, ~15 minutes)")
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="twofold-story-cache-")
    os.environ.setdefault("TWOFOLD_CACHE_DIR", cache)  # cold means cold
    try:
        if args.memory:
            memory(corpus_root(args.corpus), args.memory)
            return 0
        sample(ROOT / "benchmarks" / "data" / "sample-gold", ROOT / "seeds")
        root = corpus_root(args.corpus)
        if root is None:
            print(skip_line("BASIL events and ECB+ timing", args.corpus))
        else:
            basil(root, args.events)
        timing(root)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
