"""Score entity extraction against the gold annotations, next to raw spaCy in the same run.

    python benchmarks/entity_quality.py [--gold DIR --seeds DIR] [--corpus DIR] [--verbose]

The sample gold and the three extra sets of benchmarks/data/ by default, then CoNLL-2003
development (exact spans per type, see conll.py) when the corpus is built.

Recall: share of gold entities that some reported entity finds (one of its forms, or a mention
overlapping one of its forms in the text) with a compatible type (GPE~LOC; for raw spaCy also
QUANTITY~CARDINAL/MONEY/PERCENT). Precision: share of reported entities that find some gold
entity that way. Grouping: share of gold entities written in several forms whose forms all land
in one reported entity. Cross keys: share of the gold `cross` entries named in two or more of
the files whose entity gets one key on both sides of `extract_entities` for every pair of them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Reported:
    """One reported entity, reduced to what scoring needs."""

    key: str
    label: str
    forms: tuple[str, ...]
    spans: tuple[tuple[int, int, int], ...]  # paragraph, start, end


@dataclass(frozen=True)
class Gold:
    canonical: str
    label: str
    forms: tuple[str, ...]
    count: int
    spans: tuple[tuple[int, int, int], ...]


def compatible(reported: str, gold: str, *, raw: bool) -> bool:
    if reported == gold or {reported, gold} == {"GPE", "LOC"}:
        return True
    figures = {"QUANTITY", "CARDINAL", "MONEY", "PERCENT"}
    return raw and gold == "QUANTITY" and reported in figures


def occurrences(paragraphs: Sequence[str], form: str) -> list[tuple[int, int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
    return [(i, m.start(), m.end()) for i, text in enumerate(paragraphs)
            for m in pattern.finditer(text)]


def finds(rep: Reported, gold: Gold, *, raw: bool, form: str | None = None) -> bool:
    """Whether `rep` names `gold` (or, given `form`, that one form of it)."""
    if not compatible(rep.label, gold.label, raw=raw):
        return False
    forms = (form,) if form is not None else gold.forms
    if any(f in rep.forms for f in forms):
        return True
    spans = gold.spans if form is None else tuple(
        s for s in gold.spans if s in set(occurrences_cache[(id(gold), form)]))
    return any(p == q and s < f and t < e for p, s, e in rep.spans for q, t, f in spans)


occurrences_cache: dict[tuple[int, str], list[tuple[int, int, int]]] = {}


def gold_entities(entries: list[dict[str, object]], paragraphs: Sequence[str]) -> list[Gold]:
    out = []
    for entry in entries:
        forms = tuple(str(f) for f in entry["forms"])  # type: ignore[attr-defined]
        spans: list[tuple[int, int, int]] = []
        gold = Gold(str(entry["canonical"]), str(entry["type"]), forms,
                    int(entry["mentions"]), ())  # type: ignore[call-overload]
        for form in forms:
            occ = occurrences(paragraphs, form)
            spans.extend(occ)
            occurrences_cache[(id(gold), form)] = occ
        gold = Gold(gold.canonical, gold.label, forms, gold.count, tuple(spans))
        for form in forms:
            occurrences_cache[(id(gold), form)] = occurrences(paragraphs, form)
        out.append(gold)
    return out


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    correct: int = 0
    reported: int = 0
    grouped: int = 0
    multi: int = 0
    mentions_hit: int = 0
    mentions_gold: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:5.2f} ({a}/{b})" if b else "  -  "

        return (f"recall {ratio(self.found, self.gold):14} "
                f"precision {ratio(self.correct, self.reported):14} "
                f"grouping {ratio(self.grouped, self.multi):12} "
                f"mentions {ratio(self.mentions_hit, self.mentions_gold)}")


def score(reported: Sequence[Reported], golds: Sequence[Gold], *, raw: bool,
          misses: list[str]) -> Score:
    s = Score(gold=len(golds), reported=len(reported))
    for gold in golds:
        hits = [r for r in reported if finds(r, gold, raw=raw)]
        if hits:
            s.found += 1
            best = max(len(r.spans) for r in hits)
            s.mentions_hit += min(best, gold.count)
        else:
            misses.append(f"missed {gold.label} {gold.canonical!r} {gold.forms}")
        s.mentions_gold += gold.count
        if len(gold.forms) > 1:
            s.multi += 1
            if any(all(finds(r, gold, raw=raw, form=f) for f in gold.forms) for r in reported):
                s.grouped += 1
            else:
                misses.append(f"split   {gold.label} {gold.canonical!r} {gold.forms}")
    for rep in reported:
        if any(finds(rep, gold, raw=raw) for gold in golds):
            s.correct += 1
        else:
            misses.append(f"wrong   {rep.label} {rep.forms} ({rep.key})")
    return s


def ours(entities: Sequence[object]) -> list[Reported]:
    out = []
    for e in entities:
        spans = tuple((m.paragraph, m.start, m.end) for m in e.mentions)  # type: ignore[attr-defined]
        out.append(Reported(e.key, e.label, tuple(e.forms), spans))  # type: ignore[attr-defined]
    return out


def raw_spacy(docs: Sequence[object]) -> list[Reported]:
    """doc.ents grouped by exact text; label by majority; key = the text."""
    labels: dict[str, Counter[str]] = {}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for i, doc in enumerate(docs):
        for ent in doc.ents:  # type: ignore[attr-defined]
            labels.setdefault(ent.text, Counter())[ent.label_] += 1
            spans.setdefault(ent.text, []).append((i, ent.start_char, ent.end_char))
    return [Reported(text, labels[text].most_common(1)[0][0], (text,), tuple(spans[text]))
            for text in labels]


def cross_agreement(cross: list[dict[str, object]], files: list[str],
                    pair_result: Callable[[str, str, bool], tuple[list[Reported],
                                                                  list[Reported]]],
                    paragraphs: dict[str, list[str]], *, raw: bool,
                    misses: list[str]) -> tuple[int, int]:
    agreed = total = 0
    for entry in cross:
        named = {f: v for f, v in entry["files"].items() if f in files}  # type: ignore[attr-defined]
        if len(named) < 2:
            continue
        total += 1
        ok = True
        for a, b in itertools.combinations(sorted(named), 2):
            left, right = pair_result(a, b, raw)
            ga = gold_entities([{"canonical": entry["canonical"], "type": entry["type"],
                                 "forms": named[a], "mentions": 0}], paragraphs[a])[0]
            gb = gold_entities([{"canonical": entry["canonical"], "type": entry["type"],
                                 "forms": named[b], "mentions": 0}], paragraphs[b])[0]
            keys_a = {r.key for r in left if finds(r, ga, raw=raw)}
            keys_b = {r.key for r in right if finds(r, gb, raw=raw)}
            if not keys_a & keys_b:
                ok = False
                misses.append(f"cross   {entry['canonical']!r} {a}-{b}: {sorted(keys_a)} vs "
                              f"{sorted(keys_b)}")
        agreed += ok
    return agreed, total


GOLD_SETS = (("sample", "sample-gold", ROOT / "seeds"),
             *((f"set{n}", f"entities-set{n}/gold", ROOT / "benchmarks" / "data" /
                f"entities-set{n}" / "seeds") for n in (1, 2, 3)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, help="one gold folder only (default: the sample "
                        "gold and the three extra sets in benchmarks/data/)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds",
                        help="the articles of --gold")
    parser.add_argument("--corpus", type=Path, help="corpus root (default $TWOFOLD_CORPORA, "
                        "else ~/corpora) for CoNLL-2003 dev")
    parser.add_argument("--no-conll", action="store_true", help="skip CoNLL-2003 dev")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))
    sys.path.insert(0, str(ROOT / "desktop"))
    sets = [("gold", args.gold, args.seeds)] if args.gold else \
        [(name, ROOT / "benchmarks" / "data" / folder, seeds) for name, folder, seeds in GOLD_SETS]
    for name, gold_dir, seeds in sets:
        shown = gold_dir.relative_to(ROOT) if gold_dir.is_relative_to(ROOT) else gold_dir
        print(f"== {name}: {shown}")
        gold_report(gold_dir, seeds, verbose=args.verbose)
    if not args.no_conll:
        from conll import evaluate
        from corpora import corpus_part, corpus_root

        dev = corpus_part(corpus_root(args.corpus), "conll03/dev.iob2.txt", "CoNLL-2003 dev")
        if dev is not None:
            print("== CoNLL-2003 development part")
            evaluate(dev, verbose=args.verbose)
    return 0


def gold_report(gold_dir: Path, seeds: Path, *, verbose: bool) -> None:
    """Recall, precision, grouping and cross-article keys on one gold set, ours and raw spaCy."""
    from twofold.engine.entities.extract import article_entities, extract_entities
    from twofold.engine.load import load_article
    from twofold.engine.nlp import analyse

    gold = json.loads((gold_dir / "entities.json").read_text(encoding="utf-8"))
    files = sorted(gold["files"])
    articles, docs, paragraphs = {}, {}, {}
    for f in files:
        path = next(seeds.glob(f"{f}_*"))
        articles[f] = load_article(path)
        docs[f] = analyse(articles[f])
        paragraphs[f] = [p.text for p in articles[f].paragraphs]
    gold_paras = gold_dir / "paragraphs.json"
    if gold_paras.exists():
        expected = json.loads(gold_paras.read_text(encoding="utf-8"))
        for f in files:
            if expected.get(f) != paragraphs[f]:
                print(f"warning: paragraphs of {f} differ from gold numbering", file=sys.stderr)

    start = time.perf_counter()
    article_entities(articles[files[0]], docs[files[0]])  # build lookups once, outside timing
    setup = time.perf_counter() - start
    timings: dict[str, float] = {}
    warm: dict[str, float] = {}
    totals = {"ours": Score(), "raw": Score()}
    misses: dict[str, list[str]] = {"ours": [], "raw": []}
    for f in files:
        start = time.perf_counter()
        entities = article_entities(articles[f], docs[f])
        timings[f] = time.perf_counter() - start
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            article_entities(articles[f], docs[f])
            runs.append(time.perf_counter() - start)
        warm[f] = statistics.median(runs)
        golds = gold_entities(gold["files"][f], paragraphs[f])
        for system, reported, raw in (("ours", ours(entities), False),
                                      ("raw", raw_spacy(docs[f]), True)):
            notes: list[str] = []
            s = score(reported, golds, raw=raw, misses=notes)
            totals[system].add(s)
            misses[system] += [f"{f} {n}" for n in notes]
            if verbose:
                print(f"{f:5} {system:5} {s.row()}")
    for system in ("ours", "raw"):
        print(f"{'all':5} {system:5} {totals[system].row()}")

    cache: dict[tuple[str, str, bool], tuple[list[Reported], list[Reported]]] = {}

    def pair_result(a: str, b: str, raw: bool) -> tuple[list[Reported], list[Reported]]:
        if (a, b, raw) not in cache:
            if raw:
                cache[(a, b, raw)] = (raw_spacy(docs[a]), raw_spacy(docs[b]))
            else:
                left, right = extract_entities(articles[a], articles[b], docs[a], docs[b])
                cache[(a, b, raw)] = (ours(left), ours(right))
        return cache[(a, b, raw)]

    for system, raw in (("ours", False), ("raw", True)):
        notes = []
        agreed, total = cross_agreement(gold["cross"], files, pair_result, paragraphs, raw=raw,
                                        misses=notes)
        misses[system] += notes
        print(f"cross-article key agreement {system:5}: {agreed / total:5.2f} ({agreed}/{total})"
              if total else f"cross-article key agreement {system}: no entries")
    words = sum(articles[f].word_count for f in files)
    first, repeat = sum(timings.values()), sum(warm.values())
    print(f"speed: one-off setup {setup * 1000:.0f} ms; {words} words, first run "
          f"{first * 1e6 / max(words, 1):.0f} ms, repeat {repeat * 1e6 / max(words, 1):.0f} ms "
          "per 1,000 words (spaCy not included)")
    if verbose:
        for system in ("ours", "raw"):
            print(f"\n-- {system} --")
            print("\n".join(misses[system]))


if __name__ == "__main__":
    raise SystemExit(main())
