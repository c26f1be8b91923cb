"""Folder scale: listing and overview of 200 and 2,000 articles (~750 words each), with a baseline.

The folders are generated in a temp dir from real prose: sentences of the sample articles and of
the licence texts in /usr/share/common-licenses, grouped into "stories" (articles of one story
draw a third of their sentences from the story's passage), words perturbed and some invented
names mixed in so the vocabulary is as open as news; one article in twenty is a light rewrite of
another. Each measured step runs in a fresh child process so its peak memory (ru_maxrss) is its
own. "window list" is the path the window takes on opening a folder (the folder index, then the
best pair); the overview reads the same index. The baseline is the pure-Python pairwise cosine
the app used before the overview existed, on the 200 folder only.

    .venv/bin/python benchmarks/folder_scale.py [--sizes 200 2000] [--words 750] [--keep]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROSE = [*sorted((ROOT / "seeds").glob("*.txt")),
         *sorted(p for p in Path("/usr/share/common-licenses").glob("*") if not p.is_symlink())]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def sentence_pool() -> list[str]:
    """Sentences of real English prose found on this machine."""
    pool: list[str] = []
    for path in PROSE:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for block in re.split(r"\n\s*\n", text):
            for sentence in _SENTENCE.split(" ".join(block.split())):
                if 6 <= len(sentence.split()) <= 60:
                    pool.append(sentence)
    return pool


def invented_names(rng: random.Random, count: int) -> list[str]:
    """Name-like words, so the folder's vocabulary grows with its size as real news does."""
    syllables = ["ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "ren", "mar", "tel",
                 "bo", "zi", "an", "or", "el", "us", "ha", "qui", "ng", "ste", "pha", "dri"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
            for _ in range(count)]


def generate(folder: Path, n: int, words: int,
             seed: int = 11) -> tuple[int, set[tuple[int, int]]]:
    """Write `n` articles of about `words` words; return (words, {(rewrite, source)} made)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    vocab = sorted({w for s in pool for w in s.split() if w.isalpha()})
    names = invented_names(rng, max(2000, 25 * n))
    stories = max(4, n // 40)
    windows = [rng.randrange(0, len(pool) - 80) for _ in range(stories)]
    folder.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    total = 0
    made: set[tuple[int, int]] = set()
    for i in range(n):
        if texts and rng.random() < 0.05:  # a light rewrite of an earlier article
            origin = rng.randrange(len(texts))
            made.add((i, origin))
            source = texts[origin].split("\n")
            kept = [s for s in source[1:] if rng.random() > 0.2]
            body = [_perturb(s, vocab, names, rng, 0.08) for s in kept]
            headline = _perturb(source[0], vocab, names, rng, 0.3)
        else:
            start = windows[rng.randrange(stories)]
            cast = rng.sample(names, 6)
            body, count = [], 0
            while count < words:
                if rng.random() < 0.35:
                    sentence = pool[start + rng.randrange(80)]
                else:
                    sentence = rng.choice(pool)
                sentence = _perturb(sentence, vocab, cast if rng.random() < 0.7 else names,
                                    rng, 0.12)
                body.append(sentence)
                count += len(sentence.split())
            headline = " ".join(body[0].split()[:rng.randint(6, 11)]).rstrip(".,;:")
        paragraphs = [" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]
        text = "\n".join([headline, *paragraphs])
        texts.append(text)
        total += len(text.split())
        (folder / f"{i:05d}.txt").write_text(text + "\n", encoding="utf-8")
    return total, made


def _perturb(text: str, vocab: list[str], names: list[str], rng: random.Random,
             rate: float) -> str:
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < rate / 2:
            out.append(rng.choice(vocab))
        elif roll < rate:
            out.append(rng.choice(names))
        else:
            out.append(word)
    return " ".join(out)


def naive_similarity(articles: list) -> list[list[float]]:  # type: ignore[type-arg]
    """The baseline: pure-Python TF-IDF cosine over every pair (the former folder code)."""
    bags = [Counter(w.lower() for p in a.paragraphs for w in _WORD.findall(p.text))
            for a in articles]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    matrix = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            small, big = sorted((vectors[i], vectors[j]), key=len)
            score = sum(v * big.get(w, 0.0) for w, v in small.items())
            matrix[i][j] = matrix[j][i] = round(score, 4)
    return matrix


# ---- child steps: each prints one JSON line of figures --------------------------------------

def child(step: str, folder: str) -> dict[str, float]:
    """Run one measured step in this (fresh) process."""
    from twofold.engine.library.index import article_vectors, best_pair, scan

    figures: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    if step == "window-list":
        # what the window does on opening a folder: the folder index, then the pair to show
        listing = scan(folder)
        best_pair(listing)
        figures["files"] = len(listing.articles) + len(listing.skipped)
    elif step == "overview":
        from twofold.engine.library.overview import overview

        ov = overview(folder)
        figures["articles"] = len(ov.articles)
        figures["clusters"] = len(ov.clusters)
        figures["rewrites"] = len(ov.rewrites)
        figures["pairs"] = [[r.article, r.source] for r in ov.rewrites]  # type: ignore[assignment]
    elif step == "baseline":
        from twofold.engine.load import load_article

        articles = [load_article(a.path) for a in scan(folder).articles]
        start, cpu = time.perf_counter(), time.process_time()  # timed on loaded articles
        naive_similarity(articles)
    elif step == "engine-matrix":
        from twofold.engine.library.sparse import similarity

        vectors = article_vectors(scan(folder).articles)
        start, cpu = time.perf_counter(), time.process_time()  # timed on cached vectors
        similarity(vectors)
    figures["seconds"] = time.perf_counter() - start
    figures["cpu_seconds"] = time.process_time() - cpu
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def run_child(step: str, folder: Path, cache: Path) -> dict[str, float]:
    env = dict(os.environ, TWOFOLD_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT / "desktop"))
    env.pop("TWOFOLD_NO_CACHE", None)
    wall = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", step, str(folder)], env=env,
                         capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    figures["process_seconds"] = time.perf_counter() - wall
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--words", type=int, default=750)
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="twofold-folder-scale-"))
    results: dict[int, dict[str, dict[str, float]]] = {}
    try:
        print(f"{'articles':>8} {'words':>10}  {'step':<26} {'seconds':>8} {'cpu s':>7} "
              f"{'process s':>9} {'peak MB':>8}")
        for n in args.sizes:
            folder, cache = work / f"folder-{n}", work / f"cache-{n}"
            total, made = generate(folder, n, args.words)
            steps = ["window-list", "window-list", "overview", "overview", "engine-matrix"] + (
                ["baseline"] if n == min(args.sizes) else [])
            names = ["window list (first run)", "window list (cached)", "overview (first run)",
                     "overview (from cache)", "matrix only, engine", "matrix only, BASELINE"]
            results[n] = {}
            for step, name in zip(steps, names, strict=False):
                f = run_child(step, folder, cache)
                results[n][name] = f
                print(f"{n:>8} {total:>10}  {name:<26} {f['seconds']:>8.2f} "
                      f"{f['cpu_seconds']:>7.2f} {f['process_seconds']:>9.2f} "
                      f"{f['peak_mb']:>8.0f}")
            found = results[n]["overview (first run)"]
            pairs = {(int(a), int(b)) for a, b in found["pairs"]}  # type: ignore[attr-defined]
            hits = len(pairs & made)
            print(f"{'':>20}found {found['clusters']:.0f} clusters and {len(pairs)} likely "
                  f"rewrites; of the {len(made)} generated rewrites {hits} found with the right "
                  f"source (precision {hits / max(len(pairs), 1):.0%}, "
                  f"recall {hits / max(len(made), 1):.0%})")
        _growth(results)
        _budgets(results)
    finally:
        if args.keep:
            print(f"folders kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _growth(results: dict[int, dict[str, dict[str, float]]]) -> None:
    sizes = sorted(results)
    if len(sizes) < 2:
        return
    small, big = sizes[0], sizes[-1]
    k = big / small
    print(f"\ngrowth {small} -> {big} articles (x{k:g} articles, x{k * k:g} pairs):")
    for name in ("window list (first run)", "window list (cached)", "overview (first run)",
                 "overview (from cache)", "matrix only, engine"):
        a, b = results[small][name]["cpu_seconds"], results[big][name]["cpu_seconds"]
        exponent = math.log(b / a) / math.log(k) if a > 0 and b > 0 else float("nan")
        print(f"  {name:<26} cpu x{b / a:6.1f}   (cost ~ n^{exponent:.2f})")
    if "matrix only, BASELINE" in results[small]:
        base = results[small]["matrix only, BASELINE"]["cpu_seconds"]
        ours = results[small]["matrix only, engine"]["cpu_seconds"]
        print(f"  similarity matrix of {small} loaded articles, cpu: pure-Python pairwise "
              f"BASELINE {base:.2f} s vs engine {ours:.2f} s (x{base / max(ours, 1e-9):.1f});"
              f"\n  the baseline grows with pairs, so ~{base * k * k:.0f} s at {big}")


def _budgets(results: dict[int, dict[str, dict[str, float]]]) -> None:
    big = results[max(results)]
    checks = [("list < 3 s", big["window list (cached)"]["seconds"] < 3),
              ("overview first < 30 s", big["overview (first run)"]["seconds"] < 30),
              ("overview cached < 2 s", big["overview (from cache)"]["seconds"] < 2),
              ("memory < 1 GB", max(f["peak_mb"] for f in big.values()) < 1024)]
    print(f"\nbudgets at {max(results)} articles: "
          + ", ".join(f"{name}: {'ok' if ok else 'MISSED'}" for name, ok in checks))


if __name__ == "__main__":
    sys.exit(main())
