"""Alignment quality on the sample gold and on unseen news (ECB+, BASIL), next to difflib.

Run: .venv/bin/python benchmarks/alignment_quality.py [--corpus DIR] [--errors] [--sample-only]

For every pair in gold/alignment.json it scores links (i, j) against the human links (kind
ignored), each pair in both orientations (A-B and B-A): precision, recall, F1, and recall over
the `verbatim` + `paraphrase` links ("strong").
Rows: Twofold with sentence embeddings, Twofold on words only, Twofold as before names-only
evidence was discounted ("names as words", the previous engine revision's links), and the stdlib
baseline (the rows of `difflib.HtmlDiff().make_table` over the paragraph lists where both sides
hold a paragraph).
Leave-one-pair-out: the link threshold and embedding weight are re-chosen on six pairs and the
seventh is scored with them, which shows how much the figures owe to tuning on these answers.
`--errors` lists every false and missed link with the two paragraphs, to read why.
Then, from the development corpora (see benchmarks/unseen.py for the protocols): ECB+ link
P/R/F1 on tuning and check topics, links on different-event pairs, and the folder overview's
event clusters on BASIL and on the sample folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

Pair = tuple[int, int]
Articles = dict[str, tuple[Any, tuple[Any, ...]]]  # prefix -> (Article, spaCy Docs)
Gold = dict[str, tuple[set[Pair], set[Pair]]]  # pair -> (all links, strong links)


@dataclass
class Tally:
    """Counts behind precision, recall and F1 (micro-averaged when added up)."""

    found: int = 0
    predicted: int = 0
    gold: int = 0
    strong_found: int = 0
    strong: int = 0

    def add(self, predicted: set[Pair], gold: set[Pair], strong: set[Pair] = frozenset()
            ) -> Tally:
        self.found += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.strong_found += len(predicted & strong)
        self.strong += len(strong)
        return self

    def __iadd__(self, other: Tally) -> Tally:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def strong_recall(self) -> float:
        return self.strong_found / self.strong if self.strong else 1.0

    def row(self, label: str, method: str) -> str:
        return (f"{label:9s} {method:18s} {self.precision:6.3f} {self.recall:6.3f} {self.f1:6.3f}"
                f" {self.strong_recall:7.3f} {self.predicted:5d} {self.gold:5d}")


def difflib_links(left: list[str], right: list[str]) -> set[Pair]:
    """Rows of difflib's side-by-side table (what HtmlDiff.make_table renders) with both sides."""
    # HtmlDiff builds its table from difflib._mdiff; calling it directly skips the HTML round trip.
    rows = difflib._mdiff(left, right)  # type: ignore[attr-defined]
    return {(a[0] - 1, b[0] - 1) for a, b, _ in rows if a[0] != "" and b[0] != ""}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "data" / "sample-gold")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--errors", action="store_true",
                        help="list Twofold's false and missed links with both paragraphs")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="the development corpora (default: $TWOFOLD_CORPORA or ~/corpora)")
    parser.add_argument("--sample-only", action="store_true",
                        help="skip the corpora (ECB+, different events, clusters)")
    parser.add_argument("--different", type=int, default=40,
                        help="different-event pairs to draw (half BASIL, half ECB+)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))

    from twofold.engine.align.aligner import DEFAULT_PARAMS, align_articles
    from twofold.engine.load import load_article
    from twofold.engine.nlp import analyse

    # The previous behaviour, next to today's: sentences sharing only names counted in full.
    names_as_words = dataclasses.replace(DEFAULT_PARAMS, names_only_factor=1.0)
    pairs = json.loads((args.gold / "alignment.json").read_text(encoding="utf-8"))["pairs"]
    articles: Articles = {}
    for key in sorted({k for name in pairs for k in name.split("-")}):
        (path,) = sorted(args.seeds.glob(f"{key}_*"))
        article = load_article(path)
        articles[key] = (article, analyse(article))

    gold: Gold = {}
    for name, entry in pairs.items():
        links = {(i, j) for i, j, _ in entry["links"]}
        gold[name] = links, {(i, j) for i, j, kind in entry["links"] if kind != "partial"}

    def run(name: str, method: Callable[[str, str], set[Pair]]) -> Tally:
        a, b = name.split("-")
        swapped = {(i, j) for j, i in method(b, a)}
        return Tally().add(method(a, b), *gold[name]).add(swapped, *gold[name])

    def ours(use_embeddings: bool, params: Any = None) -> Callable[[str, str], set[Pair]]:
        def method(a: str, b: str) -> set[Pair]:
            (la, da), (lb, db) = articles[a], articles[b]
            result = align_articles(la, lb, da, db, use_embeddings=use_embeddings,
                                    params=params or DEFAULT_PARAMS)
            return {(k.left, k.right) for k in result.links}
        return method

    def baseline(a: str, b: str) -> set[Pair]:
        return difflib_links([p.text for p in articles[a][0].paragraphs],
                             [p.text for p in articles[b][0].paragraphs])

    methods = {
        "twofold+minilm": ours(True),
        "twofold words": ours(False),
        "names as words": ours(True, names_as_words),
        "difflib rows": baseline,
    }
    totals = {m: Tally() for m in methods}
    print(f"{'pair':9s} {'method':18s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'strongR':>7s}"
          f" {'links':>5s} {'gold':>5s}")
    for name in pairs:
        for method, fn in methods.items():
            tally = run(name, fn)
            totals[method] += tally
            print(tally.row(name, method))
    print("-" * 64)
    for method, tally in totals.items():
        print(tally.row("overall", method))

    print("\nheld out (threshold and embedding weight re-chosen without the held-out data):")
    print("  pair: each pair scored with constants tuned on the other pairs;")
    print("  article: pairs with article X scored with constants tuned on pairs without X")
    by_pair = [([n], [m for m in pairs if m != n]) for n in pairs]
    by_article = [
        ([n for n in pairs if x in n.split("-")], [n for n in pairs if x not in n.split("-")])
        for x in sorted(articles)
    ]
    for label, folds in (("LOO pair", by_pair), ("LOO art.", by_article)):
        for use_embeddings in (True, False):
            held = _held_out(pairs, articles, gold, use_embeddings, folds)
            print(held.row(label, "twofold+minilm" if use_embeddings else "twofold words"))
        held = _held_out(pairs, articles, gold, True, folds, names_as_words)
        print(held.row(label, "names as words"))

    print("\nlink kinds of correctly found links (gold kind -> ours):")
    print("  " + _kind_confusion(pairs, articles, align_articles))

    if args.errors:
        _print_errors(pairs, articles, gold, ours(True))
    _print_speed(articles, align_articles)
    if not args.sample_only:
        from unseen import print_unseen

        print_unseen(args.corpus, args.seeds, args.different)
    return 0


def _print_errors(
    pairs: dict[str, Any], articles: Articles, gold: Gold, method: Callable[[str, str], set[Pair]]
) -> None:
    """Every false link (FP) and missed gold link (FN, with its gold kind), texts shortened."""
    print("\nerrors of twofold+minilm (FP: not in gold; FN: gold link not found):")
    for name, entry in pairs.items():
        a, b = name.split("-")
        kinds = {(i, j): kind for i, j, kind in entry["links"]}
        predicted = method(a, b)
        for i, j in sorted(predicted ^ gold[name][0]):
            tag = "FP" if (i, j) in predicted else f"FN {kinds[i, j]}"
            left = articles[a][0].paragraphs[i].text
            right = articles[b][0].paragraphs[j].text
            print(f"  {name} ({i},{j}) {tag}\n    L: {left[:110]}\n    R: {right[:110]}")


def _print_speed(articles: Articles, align: Callable[..., Any]) -> None:
    """Time align on pair 000-001 with spaCy docs ready: sentences encoded afresh, then cached."""
    from twofold.engine import vectors as align_vectors

    (la, da), (lb, db) = articles["000"], articles["001"]
    cold, warm = [], []
    for _ in range(5):
        align_vectors._memo.clear()
        os.environ["TWOFOLD_NO_CACHE"] = "1"
        start = time.perf_counter()
        align(la, lb, da, db)
        cold.append(time.perf_counter() - start)
        del os.environ["TWOFOLD_NO_CACHE"]
        start = time.perf_counter()
        align(la, lb, da, db)
        warm.append(time.perf_counter() - start)
    words = f"{la.word_count}+{lb.word_count} words"
    print(f"\nalign time, pair 000-001 ({words}, spaCy docs ready, encoder loaded):"
          f" {statistics.median(cold) * 1000:.0f} ms encoding the sentences,"
          f" {statistics.median(warm) * 1000:.1f} ms with their embeddings cached")


def _held_out(
    pairs: dict[str, Any], articles: Articles, gold: Gold, use_embeddings: bool,
    folds: list[tuple[list[str], list[str]]], defaults: Any = None,
) -> Tally:
    """Micro-averaged figures over folds (test pairs, tuning pairs), constants tuned per fold."""
    from twofold.engine.align.aligner import DEFAULT_PARAMS, paragraph_scores, select_links

    defaults = defaults or DEFAULT_PARAMS
    weights = (0.2, 0.3, 0.4) if use_embeddings else (0.0,)
    thresholds = [round(0.10 + 0.01 * k, 2) for k in range(16)]
    scored = {}
    for weight in weights:
        params = dataclasses.replace(defaults, embedding_weight=weight)
        for name in pairs:
            a, b = name.split("-")
            (la, da), (lb, db) = articles[a], articles[b]
            scored[weight, name] = paragraph_scores(la, lb, da, db, use_embeddings=use_embeddings,
                                                    params=params)

    def tally(names: list[str], weight: float, threshold: float) -> Tally:
        total = Tally()
        for name in names:
            links = set(select_links(scored[weight, name], threshold, defaults.rival_ratio))
            total.add(links, *gold[name])
        return total

    result = Tally()
    for held_out, rest in folds:
        if not held_out or not rest:
            continue
        weight, threshold = max(
            ((w, t) for w in weights for t in thresholds), key=lambda c: tally(rest, *c).f1
        )
        result += tally(held_out, weight, threshold)
    return result


def _kind_confusion(pairs: dict[str, Any], articles: Articles, align: Callable[..., Any]) -> str:
    counts: dict[tuple[str, str], int] = {}
    for name, entry in pairs.items():
        a, b = name.split("-")
        (la, da), (lb, db) = articles[a], articles[b]
        ours = {(k.left, k.right): k.kind for k in align(la, lb, da, db).links}
        for i, j, kind in entry["links"]:
            if (i, j) in ours:
                counts[kind, ours[i, j]] = counts.get((kind, ours[i, j]), 0) + 1
    return ", ".join(f"{g}->{o}: {n}" for (g, o), n in sorted(counts.items()))


if __name__ == "__main__":
    sys.exit(main())
