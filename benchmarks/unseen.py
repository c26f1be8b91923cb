"""Alignment and folder clustering on news the engine was not tuned on (ECB+, BASIL).

- ECB+ links: in each same-event set of a topic, every pair of articles; two lines (one sentence
  each, so one paragraph each) are linked in the weak gold when they mention one event instance
  (`_crossdoc_coref.tsv`, event rows: its people, places and times are topic, not the same
  event). Links are scored on annotated lines only: a predicted or gold link counts when both
  of its lines carry at least one event coreference mention.
- Different-event pairs: articles of two different BASIL events or two ECB+ topics; every link
  there is a false alarm. Reported: links per pair and the share of pairs with at most one.
- Overview clusters: the BASIL development events (one folder of all their articles) and the
  sample folder; pairwise precision / recall / F1 of "in one cluster" against "same event".
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from alignment_quality import Tally
from corpora import OUTLETS, EcbDocument, basil_events, ecb_clusters, ecb_gold, ecb_topics

Pair = tuple[int, int]
Method = Callable[[Any, Any], set[Pair]]  # (Loaded, Loaded) -> paragraph links
# Topics held out of tuning (every other development topic): the engine's own check of
# generalisation, next to the held-out even topics that only the lead's run sees.
CHECK_EVERY = 2


@dataclass
class Loaded:
    """An article ready to align: the engine's Article, its spaCy docs, source line numbers."""

    article: Any
    docs: tuple[Any, ...]
    line_of: list[int]  # paragraph id -> line number in the source file
    annotated: set[int]  # line numbers with a coreference mention (ECB+), else empty
    instances: dict[int, set[str]]


class Counts(Tally):
    """Link counts behind precision, recall and F1 (micro-averaged)."""

    def cells(self) -> str:
        return (f"{self.precision:6.3f} {self.recall:6.3f} {self.f1:6.3f} "
                f"{self.predicted:6d} {self.gold:6d}")


def load(path: Path, ecb: EcbDocument | None = None) -> Loaded:
    """Load and analyse one file the way the app does; map paragraphs back to source lines."""
    from twofold.engine.load import load_article
    from twofold.engine.nlp import analyse

    article = load_article(path)
    lines = ecb.lines if ecb else [t for t in path.read_text(encoding="utf-8").split("\n")
                                   if t.strip()]
    numbers = ecb.numbers if ecb else list(range(1, len(lines) + 1))
    line_of = _line_numbers([p.text for p in article.paragraphs], lines, numbers)
    annotated = ecb.annotated() if ecb else set()
    return Loaded(article, analyse(article), line_of, annotated, ecb.instances if ecb else {})


def _line_numbers(paragraphs: Sequence[str], lines: Sequence[str],
                  numbers: Sequence[int]) -> list[int]:
    """Source line of each paragraph: loaders clean whitespace and may split very long lines."""
    squash = [re.sub(r"\s+", "", line) for line in lines]
    out, k, cursor = [], 0, 0
    for text in paragraphs:
        key = re.sub(r"\s+", "", text)
        while k < len(lines) and squash[k].find(key[:40], cursor) < 0:
            k, cursor = k + 1, 0
        if k == len(lines):
            raise ValueError(f"paragraph not found in its source: {text[:60]!r}")
        cursor = squash[k].find(key[:40], cursor) + len(key)
        out.append(numbers[k])
    return out


def twofold_method(use_embeddings: bool, params: Any = None) -> Method:
    """Twofold's alignment on two loaded articles, both orientations merged as the sample does."""
    from twofold.engine.align.aligner import DEFAULT_PARAMS, align_articles

    def method(a: Loaded, b: Loaded) -> set[Pair]:
        result = align_articles(a.article, b.article, a.docs, b.docs,
                                use_embeddings=use_embeddings, params=params or DEFAULT_PARAMS)
        return {(k.left, k.right) for k in result.links}
    return method


def difflib_method(a: Loaded, b: Loaded) -> set[Pair]:
    """Rows of difflib's side-by-side table (HtmlDiff.make_table) with both sides filled."""
    rows = difflib._mdiff([p.text for p in a.article.paragraphs],  # type: ignore[attr-defined]
                          [p.text for p in b.article.paragraphs])
    return {(x[0] - 1, y[0] - 1) for x, y, _ in rows if x[0] != "" and y[0] != ""}


_WORD = re.compile(r"[^\W\d_]{3,}")


def tfidf_best_match(a: Loaded, b: Loaded, floor: float = 0.1) -> set[Pair]:
    """Each left paragraph linked to its most similar right one (TF-IDF cosine >= `floor`)."""
    bags = [[Counter(_WORD.findall(p.text.lower())) for p in x.article.paragraphs] for x in (a, b)]
    df = Counter(w for side in bags for bag in side for w in bag)
    n = sum(len(side) for side in bags)

    def vec(bag: Counter[str]) -> dict[str, float]:
        v = {w: c * math.log(1 + n / df[w]) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    left, right = [vec(bag) for bag in bags[0]], [vec(bag) for bag in bags[1]]
    links = set()
    for i, u in enumerate(left):
        scores = [sum(x * v.get(w, 0.0) for w, x in u.items()) for v in right]
        if scores and max(scores) >= floor:
            links.add((i, scores.index(max(scores))))
    return links


def ecb_sets(root: Path) -> dict[int, list[list[Loaded]]]:
    """Every development topic's same-event sets, loaded and analysed."""
    return {topic: [[load(d.path, d) for d in docs] for docs in ecb_clusters(root, topic)]
            for topic in ecb_topics(root)}


def score_ecb(sets: dict[int, list[list[Loaded]]], method: Method) -> dict[int, Counts]:
    """Link counts per topic over every same-event pair, on annotated lines only."""
    out = {}
    for topic, halves in sets.items():
        total = out[topic] = Counts()
        for docs in halves:
            for a, b in itertools.combinations(docs, 2):
                total.add(_annotated_links(method(a, b), a, b), _gold_lines(a, b))
    return out


def summed(per_topic: dict[int, Counts], topics: Sequence[int]) -> Counts:
    """The micro-average over some topics."""
    total = Counts()
    for t in topics:
        total += per_topic[t]
    return total


def _annotated_links(links: set[Pair], a: Loaded, b: Loaded) -> set[Pair]:
    lines = {(a.line_of[i], b.line_of[j]) for i, j in links}
    return {(i, j) for i, j in lines if i in a.annotated and j in b.annotated}


def _gold_lines(a: Loaded, b: Loaded) -> set[Pair]:
    fake_a = EcbDocument(a.article.path, [], [], a.instances)
    fake_b = EcbDocument(b.article.path, [], [], b.instances)
    return ecb_gold(fake_a, fake_b)


def split_topics(topics: Sequence[int]) -> tuple[list[int], list[int]]:
    """(tuning topics, check topics): every other development topic is held out of tuning."""
    return ([t for k, t in enumerate(topics) if k % CHECK_EVERY == 0],
            [t for k, t in enumerate(topics) if k % CHECK_EVERY != 0])


def different_event_pairs(root: Path, sets: dict[int, list[list[Loaded]]], count: int,
                          seed: int = 15) -> list[tuple[Loaded, Loaded]]:
    """`count` pairs of articles about different events: half BASIL, half ECB+ (seeded)."""
    rng = random.Random(seed)
    events = basil_events(root)
    pairs: list[tuple[Loaded, Loaded]] = []
    for _ in range(count // 2):
        e1, e2 = rng.sample(events, 2)
        pairs.append((load(e1 / f"{rng.choice(OUTLETS)}.txt"),
                      load(e2 / f"{rng.choice(OUTLETS)}.txt")))
    topics = sorted(sets)
    for _ in range(count - count // 2):
        t1, t2 = rng.sample(topics, 2)
        pairs.append((rng.choice(rng.choice(sets[t1])), rng.choice(rng.choice(sets[t2]))))
    return pairs


def score_different(pairs: Sequence[tuple[Loaded, Loaded]], method: Method) -> str:
    """Links per different-event pair (all false) and the share of pairs with at most one."""
    counts = [len(method(a, b)) for a, b in pairs]
    quiet = sum(c <= 1 for c in counts) / len(counts)
    return (f"{sum(counts) / len(counts):6.2f} {quiet:8.2f} {max(counts):5d}")


def cluster_figures(groups: Sequence[Sequence[int]], events: Sequence[str]) -> str:
    """Pairwise P/R/F1 of 'one cluster' against 'one event', plus unclustered articles."""
    cluster_of = {i: k for k, g in enumerate(groups) for i in g}
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(events)), 2):
        same_cluster = i in cluster_of and cluster_of.get(i) == cluster_of.get(j)
        same_event = events[i] == events[j]
        tp += same_cluster and same_event
        fp += same_cluster and not same_event
        fn += same_event and not same_cluster
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    alone = len(events) - len(cluster_of)
    return (f"{p:6.3f} {r:6.3f} {f1:6.3f} {len(groups):8d} {alone:10d}")


def overview_clusters(paths: Sequence[Path], cluster: Callable[..., Any] | None = None, *,
                      published: Sequence[date | None] | None = None
                      ) -> tuple[tuple[int, ...], ...]:
    """The overview's clusters of these files (vectors and matrix as the folder overview), with
    the articles' publication days when `published` gives them (a saved page states its own)."""
    from twofold.engine.library.overview import find_clusters
    from twofold.engine.library.sparse import similarity, vectorise
    from twofold.engine.load import load_article

    vectors = [vectorise(load_article(p)) for p in paths]
    if published is None:
        return (cluster or find_clusters)(similarity(vectors))
    return (cluster or find_clusters)(similarity(vectors), published=published)


def basil_folder(root: Path) -> tuple[list[Path], list[str]]:
    """Every development BASIL article and its event, as one folder would list them."""
    paths, events = [], []
    for event in basil_events(root):
        for outlet in OUTLETS:
            if (event / f"{outlet}.txt").is_file():
                paths.append(event / f"{outlet}.txt")
                events.append(event.name)
    return paths, events


def basil_published(paths: Sequence[Path]) -> list[date | None]:
    """Each BASIL article's publication day, from its event's `_meta.json` (None if absent).

    The text files carry the headline and body only; the pages they come from state the day,
    as the pages a user saves do."""
    days: list[date | None] = []
    for path in paths:
        try:
            meta = json.loads((path.parent / "_meta.json").read_text(encoding="utf-8"))
            stated = next(a["date"] for a in meta["articles"] if a["file"] == path.name)
            days.append(date.fromisoformat(str(stated)[:10]))
        except (OSError, ValueError, KeyError, StopIteration, TypeError):
            days.append(None)
    return days


def replace_params(**changes: Any) -> Any:
    """The aligner's default constants with some changed (for baselines and sweeps)."""
    from twofold.engine.align.aligner import DEFAULT_PARAMS

    return dataclasses.replace(DEFAULT_PARAMS, **changes)


def print_unseen(corpus: Path | None, seeds: Path, different: int) -> None:
    """Print the ECB+, different-event and clustering sections (skipped without the corpora)."""
    from corpora import corpus_root, skip_line

    print("\nfolder overview clusters (pairwise: same cluster vs same event):")
    print(f"  {'folder':28s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'clusters':>8s} "
          f"{'unclustered':>10s}")
    sample = sorted(p for p in seeds.iterdir() if p.is_file())
    print(f"  {'sample (one event)':28s} "
          f"{cluster_figures(overview_clusters(sample), ['sample'] * len(sample))}")
    root = corpus_root(corpus)
    if root is None:
        print(skip_line("ECB+, different-event pairs and BASIL clusters", corpus))
        return
    paths, events = basil_folder(root)
    label = f"BASIL dev ({len(set(events))} events)"
    print(f"  {label:28s} {cluster_figures(overview_clusters(paths), events)}")
    published = basil_published(paths)
    label = f"  with publication days ({sum(d is not None for d in published)})"
    print(f"  {label:28s} "
          f"{cluster_figures(overview_clusters(paths, published=published), events)}")
    folders = sorted(p for p in (root / "clusters").glob("ecbplus_t*") if p.is_dir())
    paths = [f for d in folders for f in sorted(d.glob("*.txt"))]
    events = [f.parent.name for f in paths]
    label = f"ECB+ dev ({len(folders)} events, 5-22 each)"
    print(f"  {label:28s} {cluster_figures(overview_clusters(paths), events)}")

    sets = ecb_sets(root)
    tune, check = split_topics(sorted(sets))
    methods: dict[str, Method] = {
        "twofold+minilm": twofold_method(True),
        "twofold words": twofold_method(False),
        "names as words": twofold_method(True, replace_params(names_only_factor=1.0)),
        "difflib rows": difflib_method,
        "tf-idf best match": tfidf_best_match,
    }
    print("\nECB+ same-event pairs, links on annotated lines (weak gold: same event instance):")
    print(f"  tuning topics {tune}\n  check topics  {check} (not used for tuning)")
    print(f"  {'topics':8s} {'method':18s} {'prec':>6s} {'recall':>6s} {'F1':>6s} "
          f"{'links':>6s} {'gold':>6s}")
    for name, method in methods.items():
        per_topic = score_ecb(sets, method)
        for label, topics in (("tuning", tune), ("check", check), ("all", tune + check)):
            print(f"  {label:8s} {name:18s} {summed(per_topic, topics).cells()}")

    pairs = different_event_pairs(root, sets, different)
    print(f"\ndifferent-event pairs ({len(pairs)}: BASIL events and ECB+ topics; every link is "
          "false):")
    print(f"  {'method':18s} {'links/pair':>10s} {'<=1 link':>8s} {'max':>5s}")
    for name, method in methods.items():
        if name != "twofold words":
            print(f"  {name:18s} {score_different(pairs, method):>25s}")
