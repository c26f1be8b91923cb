"""Engine speed on article pairs of 1k, 5k and 20k words, next to difflib's side-by-side table.

Pairs are built from the sample articles: paragraphs drawn at random, words perturbed so no two
copies are alike, the right side a reordered rewrite of the left. Prints the cold compare's
seconds (a pair's articles read by two spaCy processes at once) next to the same compare with
both read by this process, spaCy's reading alone, the growth from 1k to 20k words, a repeated
compare served from the on-disk cache, and a new pair of articles the window read ahead
(analysed and embedded while another pair was on screen).

Those pairs are a stress case: every paragraph has near-copies, so a 20k-word pair has thousands
of links. With the development corpora built, the same sizes are measured on real articles too:
Fox News against The New York Times on one BASIL event after another, as a long report set
against another outlet's.

    .venv/bin/python benchmarks/speed.py [--sizes 1000 5000 20000] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))


def build_pair(words: int, seed: int = 7) -> tuple[str, str]:
    """Two related article texts of about `words` words each."""
    from twofold.engine.load import load_article

    rng = random.Random(seed)
    pool = [p.text for f in sorted((ROOT / "seeds").glob("*.txt"))
            for p in load_article(f).paragraphs if p.role == "body"]
    vocab = sorted({w for p in pool for w in p.split() if w.isalpha()})
    left: list[str] = []
    count = 0
    while count < words:
        para = _perturb(rng.choice(pool), vocab, rng, 0.25)
        left.append(para)
        count += len(para.split())
    right = [_perturb(p, vocab, rng, 0.1) for p in left if rng.random() > 0.15]
    for _ in range(len(right) // 5):  # move some paragraphs elsewhere, as outlets reorder
        i, j = rng.randrange(len(right)), rng.randrange(len(right))
        right.insert(j, right.pop(i))
    return "Left headline\n" + "\n".join(left), "Right headline\n" + "\n".join(right)


def build_real_pair(root: Path, words: int) -> tuple[str, str]:
    """Fox News (left) and The New York Times (right) on BASIL events, one after another,
    until the left side has `words` words: real articles, each side in its outlet's order."""
    from corpora import basil_events
    from twofold.engine.load import load_article

    left: list[str] = []
    right: list[str] = []
    for event in basil_events(root):
        left += [p.text for p in load_article(event / "fox.txt").paragraphs]
        right += [p.text for p in load_article(event / "nyt.txt").paragraphs]
        if sum(len(p.split()) for p in left) >= words:
            break
    return "\n".join(left), "\n".join(right)


def _read_ahead_then_compare(left, right) -> float:  # type: ignore[no-untyped-def]
    """Seconds to compare a pair whose articles the window read ahead, nothing in memory."""
    from twofold.engine import nlp
    from twofold.engine import vectors as align_vectors
    from twofold.engine.compare import CompareOptions, _compute
    from twofold.engine.readahead import read_article

    def forget() -> None:
        nlp._memo.clear()
        align_vectors._memo.clear()

    forget()  # as in the window: articles not compared in this process yet
    for article in (left, right):
        read_article(article)
    forget()
    _, seconds = timed(_compute, left, right, CompareOptions())  # the result itself not cached
    return seconds


def _perturb(text: str, vocab: list[str], rng: random.Random, rate: float) -> str:
    return " ".join(rng.choice(vocab) if rng.random() < rate else w for w in text.split())


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--corpus", help="built corpora (default: $TWOFOLD_CORPORA)")
    args = parser.parse_args()

    from corpora import corpus_root, skip_line
    from twofold.engine import nlp
    from twofold.engine.compare import compare
    from twofold.engine.coreader import LONG_WORDS, shared_coreader
    from twofold.engine.encoder import load_encoder
    from twofold.engine.load import parse_text

    _, t_model = timed(nlp.load_nlp)
    _, t_encoder = timed(load_encoder)
    print(f"models: spaCy {t_model:.2f} s, sentence encoder {t_encoder:.2f} s (once per process)")
    second = shared_coreader()
    second.start()
    ready, t_second = timed(second.wait_available, 120)
    print(f"second reading process (started when a folder holds an article of {LONG_WORDS:,}+ "
          f"words): {'ready in' if ready else 'NOT AVAILABLE after'} {t_second:.2f} s")
    # The first compare also loads the gazetteers and word-frequency tables: time it apart.
    os.environ["TWOFOLD_NO_CACHE"] = "1"
    warm_l, warm_r = build_pair(150, seed=1)
    _, t_warm = timed(compare, parse_text(warm_l, path="warm-l.txt"),
                      parse_text(warm_r, path="warm-r.txt"))
    del os.environ["TWOFOLD_NO_CACHE"]
    print(f"first compare of a 150-word pair (loads gazetteers, word frequencies): {t_warm:.2f} s")
    print(f"{'words/side':>10} {'twofold':>9} {'1 process':>10} {'spaCy':>7} {'cached':>8} "
          f"{'read ahead':>11} {'difflib':>9} {'links':>6}  embedded sentences")
    per_word = {}
    for size in args.sizes:
        left, right = (parse_text(text, path=f"{side}-{size}.txt")
                       for side, text in zip(("left", "right"), build_pair(size), strict=True))
        per_word[size] = _row(size, left, right) / size
    sizes = sorted(per_word)
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        print(f"growth: {hi // lo}x the words took {per_word[hi] * hi / (per_word[lo] * lo):.1f}x "
              f"the time (linear would be {hi // lo}x)")
    root = corpus_root(args.corpus)
    if root is None:
        print(skip_line("real articles (BASIL)", args.corpus))
    else:
        print("real articles: Fox News against The New York Times, BASIL events in turn")
        for size in args.sizes:
            left, right = (parse_text(text, path=f"basil-{side}-{size}.txt") for side, text
                           in zip(("fox", "nyt"), build_real_pair(root, size), strict=True))
            _row(len(" ".join(p.text for p in left.paragraphs).split()), left, right)
    print("budgets: 1k words < 1 s, 20k words < 15 s (embeddings on), cached repeat < 0.2 s")
    print("1 process: the same compare with both articles read in this process, one after the "
          "other (as before the second reading process); spaCy: that reading alone")
    print("read ahead: the pair's articles analysed and embedded beforehand (on disk, as in a "
          "later session), the pair itself new")
    return 0


def _row(size, left, right) -> float:  # type: ignore[no-untyped-def]
    """Time one pair every way, print its row; the cold compare's seconds."""
    from twofold.engine import cache as cache_mod
    from twofold.engine import coreader, nlp
    from twofold.engine import vectors as align_vectors
    from twofold.engine.compare import compare

    def cold(fn, *args):  # type: ignore[no-untyped-def]
        nlp._memo.clear()
        align_vectors._memo.clear()  # embed afresh: the memo would hide the encoder's cost
        return timed(fn, *args)

    os.environ["TWOFOLD_NO_CACHE"] = "1"
    _, t_nlp = cold(lambda a, b: (nlp.analyse(a), nlp.analyse(b)), left, right)
    words, coreader.PAIR_WORDS = coreader.PAIR_WORDS, 10**9  # the baseline: one process reads
    _, t_alone = cold(compare, left, right)
    coreader.PAIR_WORDS = words
    result, t_total = cold(compare, left, right)
    del os.environ["TWOFOLD_NO_CACHE"]
    cache_mod.shared_cache()  # the cache is on again: store once, then time a repeat
    compare(left, right)
    nlp._memo.clear()
    _, t_cached = timed(compare, left, right)
    t_ahead = _read_ahead_then_compare(left, right)
    lp = [p.text for p in left.paragraphs]
    rp = [p.text for p in right.paragraphs]
    _, t_difflib = timed(difflib.HtmlDiff().make_table, lp, rp)
    engine = result.engine
    print(f"{size:>10} {t_total:>8.2f}s {t_alone:>9.2f}s {t_nlp:>6.2f}s "
          f"{t_cached:>7.3f}s {t_ahead:>10.2f}s {t_difflib:>8.2f}s {len(result.links):>6}  "
          f"{engine.embedded_sentences}/{engine.sentences}"
          f"{'' if engine.embeddings else ' (embeddings off)'}")
    return t_total


if __name__ == "__main__":
    sys.exit(main())
