"""The folder overview as the `twofold/overview@1` JSON object and as a readable terminal report."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from twofold.engine.library.overview import SCHEMA, Overview


def overview_to_dict(ov: Overview) -> dict[str, Any]:
    """The `twofold/overview@1` object: indices in clusters and rewrites refer to `articles`."""
    return {
        "schema": SCHEMA,
        "folder": ov.folder,
        "articles": [{"path": a.path, "title": a.title, "source": a.source, "date": a.date,
                      "words": a.words} for a in ov.articles],
        "skipped": [{"path": s.path, "reason": s.reason} for s in ov.skipped],
        "similarity": np.round(ov.similarity.astype(np.float64), 4).tolist(),
        "clusters": [list(c) for c in ov.clusters],
        "rewrites": [{"article": r.article, "source": r.source, "score": r.score}
                     for r in ov.rewrites],
    }


def render_overview_text(ov: Overview, *, matrix_max: int = 12, top: int = 15) -> str:
    """A readable terminal report: article table, skipped files, similarity, clusters, rewrites.

    Articles are numbered from 1, as the window numbers them (the JSON's indices count from 0).
    """
    n = len(ov.articles)
    out = [f"Folder {ov.folder}: {n} article{'s' * (n != 1)}, {len(ov.skipped)} skipped", ""]
    out.append(f"{'#':>4}  {'Words':>6}  {'Date':<10}  {'Source':<20}  Title / file")
    for i, a in enumerate(ov.articles, 1):
        label = a.title or os.path.basename(a.path)
        out.append(f"{i:>4}  {a.words:>6}  {_cell(a.date, 10)}  {_cell(a.source, 20)}  "
                   f"{_cell(label, 60).rstrip()}")
    if ov.skipped:
        out += ["", "Skipped"] + [f"  {os.path.basename(s.path)}: {s.reason}" for s in ov.skipped]
    if n >= 2 and n <= matrix_max:
        out += ["", "Similarity (cosine of content words, rarer words weigh more)",
                "      " + "".join(f"{j + 1:>6}" for j in range(n))]
        for i in range(n):
            cells = ("     -" if i == j else f"{ov.similarity[i, j]:>6.2f}" for j in range(n))
            out.append(f"{i + 1:>4}  " + "".join(cells))
    elif n > matrix_max:
        upper = np.triu(ov.similarity, 1)
        flat = np.argsort(upper, axis=None)[::-1][:top]
        out += ["", f"Most similar pairs (of {n * (n - 1) // 2})"]
        for i, j in zip(*np.unravel_index(flat, upper.shape), strict=True):
            out.append(f"  {i + 1:>4} ~ {j + 1:<4}  {upper[i, j]:.2f}")
    out += ["", "Clusters (same event)"]
    out += [f"  {', '.join(str(i + 1) for i in c)}" for c in ov.clusters] or ["  none"]
    out += ["", "Likely rewrites (similarity, and the share of the rewrite's own phrasing found "
            "in the source)"]
    out += [f"  {r.article + 1} rewrites {r.source + 1}  similarity "
            f"{ov.similarity[r.article, r.source]:.2f}, phrasing {r.score:.0%}"
            for r in ov.rewrites] or ["  none"]
    return "\n".join(out) + "\n"


def _cell(text: str | None, width: int) -> str:
    text = " ".join((text or "-").split())
    return (text if len(text) <= width else text[:width - 1] + "…").ljust(width)

