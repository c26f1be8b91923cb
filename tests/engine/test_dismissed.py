"""Dismissed divergences: a stable id per finding, remembered per pair, left out of exports."""

import json
from pathlib import Path

import pytest

from twofold.engine.divergences.dismissed import (
    dismiss,
    dismissed,
    restore,
    without_dismissed,
)
from twofold.engine.divergences.identity import divergence_id
from twofold.engine.model import Article, Comparison, Divergence, Paragraph, Span
from twofold.engine.serialize import comparison_from_dict, comparison_to_dict

NUMBER = Divergence("number", Span(1, 4, 9, "1,200"), Span(2, 0, 3, "800"),
                    "The count of workers differs", 2, 0.9)
DATE = Divergence("date", Span(1, 20, 26, "Monday"), Span(2, 10, 17, "Tuesday"),
                  "The day differs", 1, 0.7)


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TWOFOLD_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("TWOFOLD_NO_CACHE", raising=False)
    return tmp_path


def _comparison(*found: Divergence) -> Comparison:
    def article(name: str) -> Article:
        return Article(name, None, None, None, (Paragraph(0, "body", "text"),), digest=name)
    return Comparison(article("a"), article("b"), (), divergences=found)


def test_the_id_ignores_note_severity_confidence_and_offsets() -> None:
    reworded = Divergence("number", Span(1, 5, 10, "1,200"), Span(2, 1, 4, "800"),
                          "Another note", 0, 0.6)
    assert divergence_id(reworded) == divergence_id(NUMBER)


@pytest.mark.parametrize("other", [
    Divergence("date", NUMBER.left, NUMBER.right, NUMBER.note),
    Divergence("number", Span(3, 4, 9, "1,200"), NUMBER.right, NUMBER.note),
    Divergence("number", NUMBER.left, Span(2, 0, 3, "850"), NUMBER.note),
])
def test_the_id_tells_findings_apart(other: Divergence) -> None:
    assert divergence_id(other) != divergence_id(NUMBER)


def test_the_id_survives_swapping_the_articles() -> None:
    assert divergence_id(NUMBER.swapped()) == divergence_id(NUMBER)
    assert NUMBER.swapped().confidence == NUMBER.confidence


def test_dismiss_is_remembered_per_pair_and_undone_by_restore(private_cache: Path) -> None:
    assert dismissed("a", "b") == frozenset()
    dismiss("a", "b", NUMBER)
    assert dismissed("a", "b") == {divergence_id(NUMBER)}
    assert dismissed("b", "a") == {divergence_id(NUMBER)}  # either order of the two articles
    assert dismissed("a", "c") == frozenset()
    restore("a", "b", divergence_id(NUMBER))
    assert dismissed("a", "b") == frozenset()


def test_dismissed_divergences_are_left_out() -> None:
    c = _comparison(NUMBER, DATE)
    assert without_dismissed(c, {divergence_id(NUMBER)}).divergences == (DATE,)
    assert without_dismissed(c, ()).divergences == (NUMBER, DATE)


def test_an_export_leaves_out_what_the_caller_dismissed(tmp_path: Path) -> None:
    from twofold.export import export_comparison

    target = export_comparison(_comparison(NUMBER, DATE), tmp_path / "out.json", "json",
                               dismissed={divergence_id(DATE)})
    kinds = [d["kind"] for d in json.loads(target.read_text())["divergences"]]
    assert kinds == ["number"]


def test_confidence_and_id_travel_in_the_json_contract() -> None:
    data = comparison_to_dict(_comparison(NUMBER), full=True)
    (out,) = data["divergences"]
    assert out["confidence"] == 0.9 and out["id"] == divergence_id(NUMBER)
    assert comparison_from_dict(data).divergences == (NUMBER,)


def test_a_cached_divergence_without_confidence_still_decodes() -> None:
    data = comparison_to_dict(_comparison(NUMBER), full=True)
    for d in data["divergences"]:
        del d["confidence"], d["id"]
    assert comparison_from_dict(data).divergences[0].confidence == 1.0
