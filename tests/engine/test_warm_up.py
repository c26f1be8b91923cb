"""The window warms the engine up as it opens: models and tables loaded, nothing cached."""

from __future__ import annotations

from twofold.engine import nlp, vectors
from twofold.engine.cache import shared_cache
from twofold.engine.compare import warm_up
from twofold.engine.encoder import load_encoder
from twofold.engine.model import Article, Paragraph


def test_warming_up_loads_the_models_and_caches_nothing() -> None:
    cache = shared_cache()
    stored = {ns: len(cache.items(ns)) for ns in ("spacy-docs@1", "comparison")}
    vectors._memo.clear()
    warm_up()
    assert nlp.model_loaded()
    if load_encoder() is not None:  # the encoder ran (the package is optional)
        assert any("mayor of Lyon" in text for text in vectors._memo)
    assert {ns: len(cache.items(ns)) for ns in stored} == stored  # no Docs, no comparison


def test_articles_without_a_digest_never_get_each_others_docs() -> None:
    # Built directly (no digest), as the warm-up's are: nothing to tell them apart by.
    warm_up()
    other = Article(path="direct.txt", title=None, source=None, date=None,
                    paragraphs=(Paragraph(id=0, role="body", text="Rain fell on Oslo on Friday."),))
    assert [t.text for t in nlp.analyse(other)[0]][:2] == ["Rain", "fell"]
