"""The `twofold/comparison@1` contract: the engine block goes out and comes back unchanged."""

from __future__ import annotations

import pytest

from twofold.engine.load import parse_text
from twofold.engine.model import Comparison, EngineInfo
from twofold.engine.serialize import comparison_from_dict, comparison_to_dict

ARTICLE = parse_text("A headline\n\nOne paragraph of text.", path="<a>")


@pytest.mark.parametrize("engine", [
    EngineInfo("1.0+engine.5", True, "all-MiniLM-L6-v2", 12, 12, ""),
    EngineInfo("1.0+engine.5", True, "all-MiniLM-L6-v2", 40, 900, "long pair: 40 of 900"),
    EngineInfo("1.0+engine.5", False, None, 0, 12, "sentence embeddings turned off"),
])
def test_engine_block_round_trips(engine: EngineInfo) -> None:
    c = Comparison(ARTICLE, ARTICLE, (), engine=engine)
    out = comparison_to_dict(c)
    assert out["engine"]["embeddings"] is engine.embeddings
    assert comparison_from_dict(comparison_to_dict(c, full=True)).engine == engine


def test_a_comparison_written_before_the_engine_block_reads_as_unknown() -> None:
    data = comparison_to_dict(Comparison(ARTICLE, ARTICLE, ()), full=True)
    del data["engine"]
    assert comparison_from_dict(data).engine == EngineInfo()
