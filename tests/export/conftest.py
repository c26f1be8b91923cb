"""Export test setup: one real comparison of two sample articles that both have headlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from twofold.engine.model import Comparison

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PAIR = (SEEDS / "000_7d6b5b0c9a6b4410.txt", SEEDS / "002_a80ea5b9d18b3025.txt")


@pytest.fixture(scope="session")
def seed_comparison() -> Comparison:
    """The engine's comparison of two seed articles (cached on disk after the first run)."""
    from twofold.engine.compare import compare

    return compare(*PAIR)
