"""A reader's correction of an entity's type: remembered per key, applied on the way out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from twofold.engine.cache import shared_cache
from twofold.engine.compare import compare
from twofold.engine.entities.corrections import (
    apply_corrections,
    clear_correction,
    corrections,
    get_correction,
    set_correction,
)
from twofold.engine.entities.listing import entities_of
from twofold.engine.load import parse_text
from twofold.engine.model import Entity, Mention

TEXT = ("Sheriff Joe Arpaio spoke in Phoenix on Monday. Arpaio said the jail would stay open.\n\n"
        "The county board met in Phoenix later.")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(tmp_path / "cache"))
    yield


def entity(key: str, label: str) -> Entity:
    return Entity(key, label, key, (key,), (Mention(0, 0, 1),))  # type: ignore[arg-type]


def test_set_get_clear() -> None:
    assert get_correction("org:sheriff-arpaio") is None
    set_correction("org:sheriff-arpaio", "PERSON")
    assert get_correction("org:sheriff-arpaio") == "PERSON"
    assert corrections() == {"org:sheriff-arpaio": "PERSON"}
    set_correction("org:sheriff-arpaio", "ORG")
    assert get_correction("org:sheriff-arpaio") == "ORG"
    clear_correction("org:sheriff-arpaio")
    assert get_correction("org:sheriff-arpaio") is None
    clear_correction("org:never-set")  # forgetting nothing is no error


@pytest.mark.parametrize(("key", "label"), [("org:x", "PLACE"), ("org:x", "person"), ("", "ORG")])
def test_only_known_types_and_real_keys(key: str, label: str) -> None:
    with pytest.raises(ValueError):
        set_correction(key, label)  # type: ignore[arg-type]


def test_a_correction_outlives_the_process_s_cache_object(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    set_correction("gpe:tent-city", "LOC")
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert get_correction("gpe:tent-city") is None
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(tmp_path / "cache"))
    assert shared_cache().path == tmp_path / "cache" / "cache.sqlite3"
    assert get_correction("gpe:tent-city") == "LOC"


def test_apply_changes_only_the_corrected_key() -> None:
    items = (entity("org:sheriff-arpaio", "ORG"), entity("gpe:phoenix", "GPE"))
    set_correction("org:sheriff-arpaio", "PERSON")
    out = apply_corrections(items)
    assert [(e.key, e.label) for e in out] == [("org:sheriff-arpaio", "PERSON"),
                                               ("gpe:phoenix", "GPE")]
    assert out[1] is items[1]


def test_listing_and_compare_show_the_correction_and_forget_it_when_cleared() -> None:
    article = parse_text(TEXT)
    _, before = entities_of(article)
    phoenix = next(e for e in before if e.name == "Phoenix")
    set_correction(phoenix.key, "ORG")
    _, after = entities_of(article)  # from the cache this time
    assert next(e for e in after if e.key == phoenix.key).label == "ORG"
    result = compare(article, parse_text(TEXT + "\n\nPhoenix is hot."))
    assert {e.label for e in result.left_entities + result.right_entities
            if e.key == phoenix.key} == {"ORG"}
    clear_correction(phoenix.key)
    again = compare(article, parse_text(TEXT + "\n\nPhoenix is hot."))
    assert {e.label for e in again.left_entities if e.key == phoenix.key} == {phoenix.label}
