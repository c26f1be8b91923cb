"""Divergence quality on the sample gold, the development gold and planted changes, next to today's.

Every figure is printed for the current finder ("now"), for what the window lists of it when
the reader hides less certain divergences ("certain": `Divergence.less_certain`, from two
sentences that only partly match, left out) and for the finder of
commit 8760e64 ("today", loaded from git by `baseline.py`), all over the same alignment links,
entities and spaCy docs of each pair.

Matching: a reported divergence matches a gold item when it joins the same pair of paragraphs
(the gold's a/b paragraph or line = the divergence's left/right paragraph) and its spans overlap
the gold's a_text and b_text spans by at least one character on each side. Recall counts gold
items found (of [high]+[medium], and of all); precision counts reported divergences that match
any gold item of the pair, whatever its severity.

- Sample gold: benchmarks/data/sample-gold/divergences.json on the seed articles.
- Development gold: benchmarks/data/dev-divergences/ on 42 BASIL pairs, split by the first hex
  digit of sha1(cluster): 0-9 "tune" (what rules were tuned on), a-f "check" (kept apart).
- Planted: `planted.py` changes one figure, date, name, title or speaker that both articles of a
  BASIL development pair state in similar sentences, in one article; found/planted per kind, and
  the divergences the unplanted pair already reports at those sentences (false alarms: the two
  sentences state the fact alike there).
- Speed: seconds the finder adds per pair, per 1,000 words of the pair.

    .venv/bin/python benchmarks/divergence_quality.py [--corpus DIR] [--planted N] [-v]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))

from baseline import baseline_finder  # noqa: E402
from corpora import basil_article, basil_clusters, corpus_root, skip_line  # noqa: E402

NAMES = ("today", "now")
_WARM: list[bool] = []


@dataclass(frozen=True, slots=True)
class Gold:
    a_para: int
    b_para: int
    kind: str
    a_text: str
    b_text: str
    severity: str  # high, medium, low

    @property
    def strong(self) -> bool:
        return self.severity in ("high", "medium")


@dataclass(slots=True)
class Score:
    """Counts over a set of pairs for one finder."""

    reported: int = 0
    correct: int = 0
    strong: int = 0
    strong_found: int = 0
    items: int = 0
    items_found: int = 0
    kinds: Counter = field(default_factory=Counter)  # kind -> reported
    kinds_ok: Counter = field(default_factory=Counter)  # kind -> correct

    def add(self, other: Score) -> None:
        for name in ("reported", "correct", "strong", "strong_found", "items", "items_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kinds.update(other.kinds)
        self.kinds_ok.update(other.kinds_ok)

    def line(self) -> str:
        return (f"P {_ratio(self.correct, self.reported)}  R(h+m) "
                f"{_ratio(self.strong_found, self.strong)}  R(all) "
                f"{_ratio(self.items_found, self.items)}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else f"  -  ({a}/{b})"


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    i = text.find(needle)
    if i < 0:  # the loader collapses runs of whitespace
        needle = " ".join(needle.split())
        i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _overlaps(span: object, para: int, where: tuple[int, int] | None) -> bool:
    return where is not None and span.paragraph == para and (  # type: ignore[attr-defined]
        span.start < where[1] and where[0] < span.end)  # type: ignore[attr-defined]


def _matches(d: object, g: Gold, left: object, right: object) -> bool:
    a = _locate(left.paragraphs[g.a_para].text, g.a_text)  # type: ignore[attr-defined]
    b = _locate(right.paragraphs[g.b_para].text, g.b_text)  # type: ignore[attr-defined]
    return _overlaps(d.left, g.a_para, a) and _overlaps(d.right, g.b_para, b)  # type: ignore


def score(found: Sequence[object], gold: Sequence[Gold], left: object, right: object) -> Score:
    s = Score(reported=len(found), items=len(gold), strong=sum(g.strong for g in gold))
    for d in found:
        ok = any(_matches(d, g, left, right) for g in gold)
        s.correct += ok
        s.kinds[d.kind] += 1  # type: ignore[attr-defined]
        s.kinds_ok[d.kind] += ok  # type: ignore[attr-defined]
    for g in gold:
        hit = any(_matches(d, g, left, right) for d in found)
        s.items_found += hit
        s.strong_found += hit and g.strong
    return s


@dataclass(slots=True)
class Run:
    """One pair compared once, its divergences found by each finder, and their seconds."""

    result: object
    found: dict[str, tuple]
    seconds: dict[str, float]
    words: int


def run_pair(la: object, ra: object, finders: dict[str, Callable[..., tuple]]) -> Run:
    from twofold.engine.align.aligner import embeddings_affordable
    from twofold.engine.compare import compare
    from twofold.engine.model import CompareOptions
    from twofold.engine.nlp import analyse
    from twofold.engine.vectors import sentence_vectors

    result = compare(la, ra, options=CompareOptions(divergences=False))  # type: ignore[arg-type]
    ldocs, rdocs = analyse(result.left), analyse(result.right)
    embed = embeddings_affordable(result.left, result.right)
    if embed:  # in compare() alignment has embedded every sentence before divergences run
        sentence_vectors([s.text for docs in (ldocs, rdocs) for doc in docs for s in doc.sents])
    found, seconds = {}, {}
    if not _WARM:  # the first call of each finder loads word lists and tables: not timed
        _WARM.append(True)
        for finder in finders.values():
            finder(result.left, result.right, result.links, result.left_entities,
                   result.right_entities, ldocs, rdocs, use_embeddings=embed)
    for name, finder in finders.items():
        start = time.perf_counter()
        found[name] = finder(result.left, result.right, result.links, result.left_entities,
                             result.right_entities, ldocs, rdocs, use_embeddings=embed)
        seconds[name] = time.perf_counter() - start
    return Run(result, found, seconds, result.left.word_count + result.right.word_count)


def certain_only(finder: Callable[..., tuple]) -> Callable[..., tuple]:
    """`finder` without its less certain divergences (from two sentences that only partly
    match, `Divergence.less_certain`): what the window lists when the reader hides those."""
    def certain(*args: object, **kwargs: object) -> tuple:
        return tuple(d for d in finder(*args, **kwargs) if not d.less_certain)
    return certain


def _severity(note: str) -> str:
    return note.split("]")[0].lstrip("[")


# -- the sections -------------------------------------------------------------------------------

def sample_section(gold_dir: Path, finders: dict, verbose: bool) -> list[Run]:
    gold = json.loads((gold_dir / "divergences.json").read_text(encoding="utf-8"))
    files = {p.name[:3]: p for p in (ROOT / "seeds").glob("*.txt")}
    totals = {n: Score() for n in finders}
    runs = []
    print("== sample gold (seeds/, benchmarks/data/sample-gold)")
    print(f"{'pair':<9} " + "  ".join(f"{n + ' found/h+m correct/reported':>34}" for n in finders))
    for pair, items in sorted(gold.items()):
        a, b = pair.split("-")
        g = [Gold(i["a_para"], i["b_para"], i["kind"], i["a_text"], i["b_text"],
                  _severity(i["note"])) for i in items]
        run = run_pair(files[a], files[b], finders)
        runs.append(run)
        cells = []
        for n in finders:
            s = score(run.found[n], g, run.result.left, run.result.right)  # type: ignore
            totals[n].add(s)
            cells.append(f"{s.strong_found:>14}/{s.strong:<3} {s.correct:>7}/{s.reported:<7}")
        print(f"{pair:<9} " + "  ".join(f"{c:>34}" for c in cells))
        if verbose:
            _explain(run, g)
    for n in finders:
        print(f"  {n:<7} {totals[n].line()}")
    return runs


def dev_section(root: Path, finders: dict, verbose: bool) -> list[Run]:
    folder = ROOT / "benchmarks" / "data" / "dev-divergences"
    parts: dict[str, dict[str, Score]] = {p: {n: Score() for n in finders}
                                          for p in ("tune", "check", "all")}
    runs = []
    print("== development gold (42 BASIL pairs, benchmarks/data/dev-divergences)")
    print(f"{'pair':<32} {'part':<5} {'h+m/all':>7} " + "  ".join(
        f"{n + ' found h+m/all, correct/rep':>30}" for n in finders))
    for path in sorted(folder.glob("basil_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cluster = data["cluster"]
        part = "tune" if hashlib.sha1(cluster.encode()).hexdigest()[0] in "0123456789" \
            else "check"
        g = [Gold(i["a_line"], i["b_line"], i["kind"], i["a_text"], i["b_text"],
                  _severity(i["note"])) for i in data["items"]]
        run = run_pair(basil_article(root, cluster, data["a"]),
                       basil_article(root, cluster, data["b"]), finders)
        runs.append(run)
        cells = []
        for n in finders:
            s = score(run.found[n], g, run.result.left, run.result.right)  # type: ignore
            parts[part][n].add(s)
            parts["all"][n].add(s)
            cells.append(f"{s.strong_found:>8}/{s.items_found:<3} {s.correct:>7}/{s.reported:<5}")
        strong = sum(x.strong for x in g)
        print(f"{cluster + '__' + data['a'] + '-' + data['b']:<32} {part:<5} "
              f"{strong:>3}/{len(g):<3} " + "  ".join(f"{c:>30}" for c in cells))
        if verbose:
            _explain(run, g)
    for part, scores in parts.items():
        for n in finders:
            print(f"  {part:<5} {n:<7} {scores[n].line()}")
    print("  precision per kind (all 42 pairs):")
    for n in finders:
        s = parts["all"][n]
        print(f"    {n:<7} " + "  ".join(f"{k} {_ratio(s.kinds_ok[k], s.kinds[k])}"
                                         for k in sorted(s.kinds)))
    return runs


def _explain(run: Run, gold: Sequence[Gold]) -> None:
    left, right = run.result.left, run.result.right  # type: ignore[attr-defined]
    found = run.found[NAMES[-1]]
    for d in found:
        ok = any(_matches(d, g, left, right) for g in gold)
        print(f"    {'+' if ok else '-'} {d.kind} s{d.severity} "
              f"c{getattr(d, 'confidence', 0):.2f} L{d.left.paragraph} {d.left.text!r} | "
              f"R{d.right.paragraph} {d.right.text!r} :: {d.note}")
    for g in gold:
        if not any(_matches(d, g, left, right) for d in found):
            print(f"    missed [{g.severity}] {g.kind} L{g.a_para} {g.a_text!r} | "
                  f"R{g.b_para} {g.b_text!r}")


def planted_section(root: Path, finders: dict, per_kind: int, seed: int,
                    verbose: bool) -> None:
    from planted import KINDS, candidates, choose
    from twofold.engine.load import build_article
    from twofold.engine.nlp import analyse

    rng = random.Random(seed)
    pool = []
    articles = {}
    for cluster in basil_clusters(root):
        for a, b in (("fox", "nyt"), ("nyt", "hpo"), ("hpo", "fox")):
            la, ra = basil_article(root, cluster, a), basil_article(root, cluster, b)
            articles[cluster, a, b] = (la, ra)
            pool += candidates(cluster, a, b, analyse(la), analyse(ra), rng)
    plants = choose(pool, per_kind, rng)
    found = {n: Counter() for n in finders}
    alarms = {n: Counter() for n in finders}
    unplanted: dict[tuple[str, str, str], Run] = {}
    for p in plants:
        key = (p.cluster, p.a, p.b)
        la, ra = articles[key]
        if key not in unplanted:
            unplanted[key] = run_pair(la, ra, finders)
        paras = list(ra.paragraphs)
        paras[p.right[0]] = replace(paras[p.right[0]], text=p.new_text)
        headline = paras[0].text if paras[0].role == "headline" else None
        body = [q.text for q in paras if q.role == "body"]
        changed = build_article(ra.path, body, headline=headline, guess_headline=False)
        run = run_pair(la, changed, finders)
        for n in finders:
            hit = any(_at(d, p.left, p.right) for d in run.found[n])
            found[n][p.kind] += hit
            alarms[n][p.kind] += sum(_at(d, p.left, p.right, loose=True)
                                     for d in unplanted[key].found[n])
            if verbose and n == NAMES[-1] and not hit:
                print(f"    missed {p.kind} {p.cluster} L{p.left} R{p.right} "
                      f"{p.before!r} -> {p.after!r}")
    planted = Counter(p.kind for p in plants)
    events = len({p.cluster for p in plants})
    print(f"== planted changes ({len(plants)} in {len(unplanted)} pairs of {events} development "
          f"events, seed "
          f"{seed}): found/planted; false alarms = divergences the unplanted pair reports in "
          "those two paragraphs")
    for n in finders:
        print(f"  {n:<7} " + "  ".join(
            f"{k} {_ratio(found[n][k], planted[k])} fa {alarms[n][k]}" for k in KINDS))


def _at(d: object, left: tuple[int, int, int], right: tuple[int, int, int],
        loose: bool = False) -> bool:
    """A divergence over the planted item (or, loose, anywhere in those two paragraphs)."""
    lp, ls, le = left
    rp, rs, re_ = right
    dl, dr = d.left, d.right  # type: ignore[attr-defined]
    if dl.paragraph != lp or dr.paragraph != rp:
        return False
    return loose or (dl.start < le and ls < dl.end and dr.start < re_ and rs < dr.end)


def speed_section(runs: Sequence[Run], finders: dict) -> None:
    print("== speed: seconds the finder adds per pair (development and sample pairs)")
    for n in finders:
        per_k = [r.seconds[n] / (r.words / 1000) for r in runs]
        worst = max(runs, key=lambda r: r.seconds[n])
        print(f"  {n:<7} mean {sum(r.seconds[n] for r in runs) / len(runs):.3f} s/pair, "
              f"{sum(per_k) / len(per_k):.3f} s per 1k words, max {worst.seconds[n]:.3f} s "
              f"({worst.words} words)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "data" / "sample-gold")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--planted", type=int, default=40, help="changes planted per kind")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", choices=("sample", "dev", "planted"), default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every divergence")
    args = parser.parse_args()
    from twofold.engine.divergences import find_divergences

    old, why = baseline_finder()
    finders: dict[str, Callable[..., tuple]] = {"now": find_divergences}
    if old is None:
        print(f"baseline: {why}; the figures below are the current finder's only")
    else:
        finders = {"today": old, "now": find_divergences}
    finders["certain"] = certain_only(find_divergences)
    runs: list[Run] = []
    if args.only in (None, "sample"):
        runs += sample_section(args.gold, finders, args.verbose)
    root = corpus_root(args.corpus)
    if root is None:
        print(skip_line("development gold and planted changes", args.corpus))
    else:
        if args.only in (None, "dev"):
            runs += dev_section(root, finders, args.verbose)
        if args.only in (None, "planted") and args.planted > 0:
            planted_section(root, finders, args.planted, args.seed, args.verbose)
    if runs:
        speed_section(runs, finders)
    print("targets (held-out): P >= 0.60, R(h+m) >= 0.50, planted figures >= 0.85; sample "
          "R(h+m) >= 0.60 and P >= 0.60; divergences add <= 0.2 s to a 1k-word pair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
