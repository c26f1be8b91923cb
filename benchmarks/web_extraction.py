"""Article text from real saved web pages: Twofold's loader vs trafilatura's default extraction.

Run: .venv/bin/python benchmarks/web_extraction.py [--corpus DIR] [--limit N] [--errors N]

The corpus is scrapinghub/article-extraction-benchmark (MIT; 181 real article pages with the
article body written out by people). DIR holds its layout as is, `html/<id>.html.gz` and
`ground-truth.json`; it comes from `--corpus`, else `TWOFOLD_WEBX_CORPUS`, else
`~/corpora/article-extraction-benchmark`. Make it from a checkout (a git directory G) with
    git --git-dir=G archive 4a3bc979f76c0df73cb95fe272e2fc1b96f9f010 \\
        html ground-truth.json LICENSE | tar -x -C DIR
The pages are still their publishers' articles: never commit them or text extracted from them.

Each page's bytes are saved as `<id>.html` and read by `load_article` (body paragraphs joined by
newlines; the headline is left out, as the ground truth leaves it out); the baseline is
`trafilatura.extract(html)` with every default. Two scores per page, both against the human body:
- shingles: the benchmark's own metric (its evaluate.py): `\\w+` tokens in 4-gram shingles with
  counts, precision and recall averaged over pages, F1 their harmonic mean, and "exact" pages;
- tokens: a bag of whitespace tokens, mean per-page F1 and micro P/R/F1 over all tokens.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

_WORD = re.compile(r"\w+")
DEFAULT_CORPUS = Path("~/corpora/article-extraction-benchmark").expanduser()


@dataclass
class Scores:
    """Per-page figures of one extractor."""

    shingle: list[tuple[float, float, float]] = field(default_factory=list)  # tp, fp, fn shares
    exact: int = 0
    token_f1: list[float] = field(default_factory=list)
    tokens: Counter[str] = field(default_factory=Counter)  # tp, fp, fn summed
    failed: int = 0

    def add(self, truth: str, found: str) -> float:
        """Score one page; return its token F1."""
        self.shingle.append(_shingle_shares(truth, found))
        self.exact += _WORD.findall(truth) == _WORD.findall(found)
        t, p = Counter(truth.split()), Counter(found.split())
        tp = sum((t & p).values())
        fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
        self.tokens.update({"tp": tp, "fp": fp, "fn": fn})
        self.token_f1.append(_f1(tp, fp, fn))
        return self.token_f1[-1]

    def row(self) -> list[str]:
        precision = statistics.mean(_share_p(*s) for s in self.shingle if s[0] + s[1] > 0)
        recall = statistics.mean(_share_r(*s) for s in self.shingle if s[0] + s[2] > 0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        tp, fp, fn = self.tokens["tp"], self.tokens["fp"], self.tokens["fn"]
        return [f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}",
                f"{self.exact / len(self.shingle):.1%}", f"{statistics.mean(self.token_f1):.3f}",
                f"{tp / (tp + fp):.3f}", f"{tp / (tp + fn):.3f}", f"{_f1(tp, fp, fn):.3f}",
                str(self.failed)]


def _shingle_shares(truth: str, found: str) -> tuple[float, float, float]:
    def shingles(text: str) -> Counter[tuple[str, ...]]:
        words = _WORD.findall(text)
        return Counter(tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3))
                       if words[i:i + 4])

    t, p = shingles(truth), shingles(found)
    tp = sum((t & p).values())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _share_p(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def _share_r(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def _f1(tp: float, fp: float, fn: float) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def corpus_dir(given: str | None) -> Path:
    """The corpus folder: --corpus, else TWOFOLD_WEBX_CORPUS, else the default place."""
    return Path(given or os.environ.get("TWOFOLD_WEBX_CORPUS") or DEFAULT_CORPUS).expanduser()


def twofold_body(raw: bytes, folder: Path, key: str) -> str:
    """The body paragraphs Twofold reads from the page saved as a file."""
    from twofold.engine.load import load_article

    path = folder / f"{key}.html"
    path.write_bytes(raw)
    try:
        article = load_article(path)
    finally:
        path.unlink(missing_ok=True)
    return "\n".join(p.text for p in article.paragraphs if p.role == "body")


def trafilatura_default(raw: bytes, _folder: Path, _key: str) -> str:
    import trafilatura

    return trafilatura.extract(raw.decode("utf-8")) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="folder with html/*.html.gz and ground-truth.json")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    parser.add_argument("--errors", type=int, default=0,
                        help="list the N pages where Twofold's token F1 is lowest")
    args = parser.parse_args()
    corpus = corpus_dir(args.corpus)
    truth_file, pages = corpus / "ground-truth.json", corpus / "html"
    if not truth_file.is_file() or not pages.is_dir():
        print(f"web_extraction: skipped (no article-extraction-benchmark corpus at {corpus})")
        return 0
    from twofold.engine.errors import ArticleError

    truth = json.loads(truth_file.read_text("utf-8"))
    keys = sorted(truth)[: args.limit or None]
    extractors: dict[str, Callable[[bytes, Path, str], str]] = {
        "Twofold loader": twofold_body, "trafilatura default": trafilatura_default}
    scores = {name: Scores() for name in extractors}
    worst: list[tuple[float, str, str]] = []
    crashed = 0
    with tempfile.TemporaryDirectory(prefix="twofold-webx-") as tmp:
        for key in keys:
            raw = gzip.decompress((pages / f"{key}.html.gz").read_bytes())
            body = truth[key].get("articleBody") or ""
            for name, extract in extractors.items():
                try:
                    found = extract(raw, Path(tmp), key)
                except ArticleError:
                    found = ""
                    scores[name].failed += 1
                except Exception as err:  # a crash is a bug to report, not a low score
                    print(f"{name} crashed on {key}: {type(err).__name__}: {err}")
                    found, crashed = "", crashed + 1
                    scores[name].failed += 1
                f1 = scores[name].add(body, found)
                if name == "Twofold loader":
                    worst.append((f1, key, truth[key].get("url") or ""))
    print(f"{len(keys)} real article pages from {corpus}\n")
    header = ["extractor", "shingle P", "R", "F1", "exact", "token F1 (mean)", "micro P", "R",
              "F1", "failed"]
    rows = [[name, *s.row()] for name, s in scores.items()]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
    for f1, key, url in sorted(worst)[: args.errors]:
        print(f"  {f1:.2f}  {key[:12]}  {url}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
