"""compare() says which stage it is in, so a window can show the pair's progress."""

from __future__ import annotations

import uuid
from pathlib import Path

from twofold.engine.compare import STAGES, compare


def test_stages_are_reported_in_order_and_a_cached_pair_only_reads(tmp_path: Path) -> None:
    run = uuid.uuid4().hex  # a pair no earlier run cached
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(f"Council votes {run}\n\nThe council voted on Monday to close the bridge.",
                    encoding="utf-8")
    right.write_text(f"Bridge to close {run}\n\nOn Monday the council decided the bridge will "
                     "close.", encoding="utf-8")
    seen: list[str] = []
    compare(left, right, progress=seen.append)
    assert tuple(seen) == STAGES
    again: list[str] = []
    compare(left, right, progress=again.append)
    assert again == ["reading"]
