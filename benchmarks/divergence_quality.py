"""Divergence quality against the human judgements in benchmarks/data/sample-gold/divergences.json.

A gold item is found when a reported divergence overlaps both of its spans (same paragraphs,
overlapping characters). Recall counts gold items tagged [high] or [medium]; precision counts
reported divergences that overlap any gold item of the pair (any severity).

    .venv/bin/python benchmarks/divergence_quality.py [--gold DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-bench-"))


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _hits(d: dict, g: dict, la, ra) -> bool:  # type: ignore[no-untyped-def]
    if d["left"]["paragraph"] != g["a_para"] or d["right"]["paragraph"] != g["b_para"]:
        return False
    a = _locate(la.paragraphs[g["a_para"]].text, g["a_text"])
    b = _locate(ra.paragraphs[g["b_para"]].text, g["b_text"])
    if a is None or b is None:
        return False
    return (d["left"]["start"] < a[1] and a[0] < d["left"]["end"]
            and d["right"]["start"] < b[1] and b[0] < d["right"]["end"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "data" / "sample-gold")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every divergence")
    args = parser.parse_args()
    from twofold.engine.compare import compare
    from twofold.engine.serialize import comparison_to_dict

    gold = json.loads((args.gold / "divergences.json").read_text(encoding="utf-8"))
    files = {p.name[:3]: p for p in (ROOT / "seeds").glob("*.txt")}
    tot_found = tot_strong = tot_correct = tot_reported = 0
    print(f"{'pair':<9} {'recall(h+m)':>12} {'precision':>10} {'reported':>9}")
    for pair, items in sorted(gold.items()):
        a, b = pair.split("-")
        result = compare(files[a], files[b])
        reported = comparison_to_dict(result)["divergences"]
        strong = [g for g in items if g["note"].startswith(("[high]", "[medium]"))]
        found = sum(any(_hits(d, g, result.left, result.right) for d in reported) for g in strong)
        correct = sum(any(_hits(d, g, result.left, result.right) for g in items)
                      for d in reported)
        tot_found += found
        tot_strong += len(strong)
        tot_correct += correct
        tot_reported += len(reported)
        print(f"{pair:<9} {found:>5}/{len(strong):<6} {correct:>4}/{len(reported):<5} "
              f"{len(reported):>9}")
        if args.verbose:
            for d in reported:
                ok = any(_hits(d, g, result.left, result.right) for g in items)
                print(f"    {'+' if ok else '-'} [{d['kind']}] L{d['left']['paragraph']} "
                      f"{d['left']['text']!r} | R{d['right']['paragraph']} {d['right']['text']!r}")
            for g in strong:
                if not any(_hits(d, g, result.left, result.right) for d in reported):
                    print(f"    missed [{g['kind']}] L{g['a_para']} {g['a_text']!r} | "
                          f"R{g['b_para']} {g['b_text']!r}")
    recall = tot_found / tot_strong if tot_strong else 0.0
    precision = tot_correct / tot_reported if tot_reported else 0.0
    print(f"{'overall':<9} recall {recall:.2f} ({tot_found}/{tot_strong})  precision "
          f"{precision:.2f} ({tot_correct}/{tot_reported})")
    print("targets: recall >= 0.60 of [high]+[medium], precision >= 0.60; no baseline exists "
          "(difflib reports no divergences: recall 0.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
