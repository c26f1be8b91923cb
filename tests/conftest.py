"""Test setup shared by every suite: headless Qt, and a private cache per test session."""

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need (or use) a real display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("TWOFOLD_CACHE_DIR", tempfile.mkdtemp(prefix="twofold-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The bundled sample folder."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
