"""Reading articles ahead: the articles nearest the pair on screen get analysed into the cache."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from twofold.engine import encoder, nlp, readahead, vectors
from twofold.engine.align import embeddings_affordable
from twofold.engine.align.terms import sentences_of
from twofold.engine.cache import Cache
from twofold.engine.errors import Cancelled
from twofold.engine.library.index import scan
from twofold.engine.load import load_article
from twofold.engine.model import Article
from twofold.engine.nlp import analysed

COOKING = ("Slow-Roasted Tomatoes\n\nHalve the tomatoes, season them with salt and thyme, and "
           "roast them at a low heat for three hours until they wrinkle and sweeten.\n\n"
           "Serve them on toast with soft cheese, or keep them in oil for a week.")


def _folder(tmp_path: Path, seeds: Path) -> Path:
    """The sample articles and an unrelated recipe, each given a line of its own so that no
    other test has analysed them yet."""
    folder = tmp_path / "news"
    folder.mkdir()
    for path in sorted(seeds.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "zz_recipe.txt").write_text(COOKING, encoding="utf-8")
    for path in folder.glob("*.txt"):
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\n\nFiled under reference {uuid.uuid4().hex[:8]}.\n")
    return folder


def test_the_articles_nearest_the_pair_come_first(tmp_path: Path, seeds: Path) -> None:
    listing = scan(_folder(tmp_path, seeds))
    left, right = listing.articles[0].path, listing.articles[1].path
    near = [a.path for a in readahead.nearest(listing, (left, right), limit=10)]
    assert left not in near and right not in near
    assert len(near) == len(listing.articles) - 2
    assert near[-1].endswith("zz_recipe.txt")  # another story is the least likely next


def test_reading_ahead_analyses_them_once(tmp_path: Path, seeds: Path) -> None:
    listing = scan(_folder(tmp_path, seeds))
    pair = (listing.articles[0].path, listing.articles[1].path)
    near = readahead.nearest(listing, pair, limit=2)
    rest = [a for a in listing.articles if a.path not in pair and a not in near]
    assert not any(analysed(a.digest) for a in listing.articles)

    assert readahead.read_ahead(listing, pair, limit=2) == 2
    assert all(analysed(a.digest) for a in near)
    assert not any(analysed(a.digest) for a in rest)  # only as many as asked
    assert not any(analysed(a.digest) for a in listing.articles if a.path in pair)
    assert readahead.read_ahead(listing, pair, limit=2) == 0  # nothing left to read


def test_an_article_read_ahead_is_compared_without_analysing_it_again(
        tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = scan(_folder(tmp_path, seeds))
    pair = (listing.articles[0].path, listing.articles[1].path)
    (near,) = readahead.nearest(listing, pair, limit=1)
    readahead.read_ahead(listing, pair, limit=1)

    def no_spacy(*_a: object, **_k: object) -> object:
        raise AssertionError("spaCy ran again on an article read ahead")

    monkeypatch.setattr(nlp, "_checked", no_spacy)
    docs = nlp.analyse(load_article(Path(near.path)))
    assert sum(len(d) for d in docs) > 100  # from the cache, tokens and all


def test_a_cancelled_read_ahead_stops_and_keeps_nothing(tmp_path: Path, seeds: Path) -> None:
    listing = scan(_folder(tmp_path, seeds))
    pair = (listing.articles[0].path, listing.articles[1].path)
    with pytest.raises(Cancelled):
        readahead.read_ahead(listing, pair, cancelled=lambda: True)
    assert not any(analysed(a.digest) for a in listing.articles)


def test_nothing_is_read_ahead_without_a_cache_to_keep_it(tmp_path: Path, seeds: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    listing = scan(_folder(tmp_path, seeds))
    monkeypatch.setattr(readahead, "shared_cache", lambda: Cache(None))
    pair = (listing.articles[0].path, listing.articles[1].path)
    assert readahead.read_ahead(listing, pair) == 0
    assert not any(analysed(a.digest) for a in listing.articles)


def test_a_file_gone_since_the_listing_is_skipped(tmp_path: Path, seeds: Path) -> None:
    listing = scan(_folder(tmp_path, seeds))
    pair = (listing.articles[0].path, listing.articles[1].path)
    near = readahead.nearest(listing, pair, limit=2)
    Path(near[0].path).unlink()
    assert readahead.read_ahead(listing, pair, limit=2) == 1
    assert analysed(near[1].digest) and not analysed(near[0].digest)


def _long_article(tmp_path: Path, seeds: Path, words: int) -> Article:
    """An article of the sample's paragraphs, over and over, past `words` words."""
    paragraphs = [p.text for path in sorted(seeds.glob("*.txt"))
                  for p in load_article(path).paragraphs if p.role == "body"]
    body: list[str] = []
    while sum(len(p.split()) for p in body) < words:
        body.append(f"{paragraphs[len(body) % len(paragraphs)]} (Part {len(body)}.)")
    path = tmp_path / f"long-{uuid.uuid4().hex[:8]}.txt"
    path.write_text("A long report\n\n" + "\n\n".join(body), encoding="utf-8")
    return load_article(path)


def test_a_long_article_read_ahead_has_every_sentence_embedded(
        tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = _long_article(tmp_path, seeds, 3_200)
    assert not embeddings_affordable(article, article)  # its pairs embed only some sentences
    # Earlier tests embedded seed sentences with the cache off: rows held only in this process
    # would stand in for the disk cache this test is about.
    vectors._memo.clear()
    readahead.read_article(article)
    texts = [s.text for s in sentences_of(nlp.analyse(article))]
    real = encoder.load_encoder()

    class NotAgain:
        dimension = real.dimension

        def encode(self, _texts: list[str]) -> None:
            raise AssertionError("a sentence read ahead was embedded again")

    vectors._memo.clear()  # as in a later session: only the disk cache has them
    monkeypatch.setattr(encoder, "load_encoder", NotAgain)
    found = vectors.sentence_vectors(texts)
    assert found is not None and found.shape == (len(texts), real.dimension)


def test_embedding_a_long_article_stops_when_asked(
        tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = _long_article(tmp_path, seeds, 3_200)
    batches: list[int] = []

    def counted(texts: list[str]) -> object:
        batches.append(len(texts))
        return vectors.sentence_vectors(texts)

    monkeypatch.setattr(readahead, "sentence_vectors", counted)
    with pytest.raises(Cancelled):
        readahead.read_article(article, cancelled=lambda: bool(batches))
    assert len(batches) == 1  # one batch of sentences, then it stopped
