"""The window warms the engine up as it opens: models and tables loaded, nothing cached."""

from __future__ import annotations

from twofold.engine import nlp, vectors
from twofold.engine.cache import shared_cache
from twofold.engine.compare import warm_up
from twofold.engine.encoder import load_encoder


def test_warming_up_loads_the_models_and_caches_nothing() -> None:
    cache = shared_cache()
    stored = {ns: len(cache.items(ns)) for ns in ("spacy-docs@1", "comparison")}
    vectors._memo.clear()
    warm_up()
    assert nlp.model_loaded()
    if load_encoder() is not None:  # the encoder ran (the package is optional)
        assert any("mayor of Lyon" in text for text in vectors._memo)
    assert {ns: len(cache.items(ns)) for ns in stored} == stored  # no Docs, no comparison
