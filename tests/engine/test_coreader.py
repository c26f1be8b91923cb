"""A long pair's two articles are read by two spaCy processes at once, with the same result."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import pytest

from twofold.engine import coreader, nlp
from twofold.engine.compare import _compute
from twofold.engine.coreader import CoReader
from twofold.engine.errors import Cancelled
from twofold.engine.load import parse_text
from twofold.engine.model import Article, CompareOptions
from twofold.engine.serialize import comparison_to_dict

_READY = 120  # seconds: a process starting Python and loading spaCy on a busy machine


@pytest.fixture(scope="module")
def reader() -> Iterator[CoReader]:
    """A second process of its own (not the shared one other tests may start)."""
    second = CoReader()
    second.start()
    assert second.wait_available(_READY)
    yield second
    second.stop()


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, reader: CoReader) -> CoReader:
    """`reader` as the engine's shared second process, used for pairs of 40+ words."""
    monkeypatch.setattr(coreader, "shared_coreader", lambda: reader)
    monkeypatch.setattr(coreader, "PAIR_WORDS", 40)
    return reader


def _article(name: str, paragraphs: int, who: str) -> Article:
    run = uuid.uuid4().hex[:8]  # new text: never in the memo or the disk cache
    text = "\n".join(
        f"{who} told reporters in Lyon on March {i + 1} that the council ({run}) had approved "
        f"{i + 3} bridges, and Jean Dupont of Vinci said work would start in May." for i in
        range(paragraphs))
    return parse_text(f"Bridges for Lyon\n{text}", path=f"{name}.txt")


def _spied(monkeypatch: pytest.MonkeyPatch, reader: CoReader) -> list[tuple[int, bool]]:
    """What `reader.submit` is given (how many paragraphs) and answers, from now on."""
    calls: list[tuple[int, bool]] = []
    real_submit = reader.submit

    def submit(texts: list[str], **how: float) -> bool:
        calls.append((len(texts), real_submit(texts, **how)))
        return calls[-1][1]

    monkeypatch.setattr(reader, "submit", submit)
    return calls


def _described(docs) -> list:  # type: ignore[no-untyped-def]
    return [[(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
             for t in doc] for doc in docs]


def test_the_other_process_analyses_as_this_one_does(reader: CoReader) -> None:
    texts = [p.text for p in _article("a", 3, "The mayor").paragraphs]
    assert reader.submit(texts)
    assert not reader.available()  # one read at a time
    assert not reader.submit(texts)
    data = reader.collect()
    assert data is not None
    assert _described(nlp._from_bytes(data)) == _described(nlp.load_nlp().pipe(texts))
    assert reader.available()


def test_a_long_pair_is_read_on_both_sides_at_once(shared: CoReader,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    submitted = _spied(monkeypatch, shared)
    left, right = _article("l", 4, "The mayor"), _article("r", 6, "A spokesman")
    ldocs, rdocs = nlp.analyse_pair(left, right)
    assert submitted == [(7, True)]  # the longer article (headline and six paragraphs) went
    assert _described(ldocs) == _described(nlp.load_nlp().pipe(
        p.text for p in left.paragraphs))
    assert _described(rdocs) == _described(nlp.load_nlp().pipe(
        p.text for p in right.paragraphs))
    assert nlp.analysed(right.digest)  # kept like an article read here


def test_a_comparison_is_the_same_read_either_way(shared: CoReader,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Words only: which sentences the encoder batches together depends on timing, and moves
    # link scores in the fourth decimal whichever process reads.
    options = CompareOptions(use_embeddings=False)
    left, right = _article("l", 5, "The mayor"), _article("r", 4, "A spokesman")
    both = comparison_to_dict(_compute(left, right, options), full=True)
    assert nlp.analysed(left.digest) and nlp.analysed(right.digest)
    monkeypatch.setattr(coreader, "PAIR_WORDS", 10**9)  # one after the other, here
    monkeypatch.setattr(nlp, "_known", lambda article: None)  # memo and disk cache forgotten
    alone = comparison_to_dict(_compute(left, right, options), full=True)
    assert json.dumps(both, sort_keys=True) == json.dumps(alone, sort_keys=True)


def test_short_or_known_articles_stay_here(shared: CoReader,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(shared, "submit", lambda texts, **how: calls.append(len(texts)) or False)
    short = parse_text("Bridges\nThe mayor approved three bridges.", path="s.txt")
    nlp.analyse_pair(short, _article("r", 4, "A spokesman"))
    known = _article("k", 4, "The mayor")
    nlp.analyse(known)
    nlp.analyse_pair(known, _article("r2", 4, "A spokesman"))
    assert calls == []


def test_a_cancelled_read_is_dropped_and_the_process_reads_again(reader: CoReader) -> None:
    # ~10,000 words: no machine replies before `collect` first asks `cancelled()`
    texts = [p.text for p in _article("c", 300, "The mayor").paragraphs]
    assert reader.submit(texts)
    with pytest.raises(Cancelled):
        reader.collect(cancelled=lambda: True)
    assert reader.wait_available(_READY)  # its late reply came and was dropped
    assert reader.submit(texts[:2])
    data = reader.collect()
    assert data is not None and len(nlp._from_bytes(data) or ()) == 2


def test_a_pair_is_still_read_when_the_other_process_dies(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    doomed = CoReader()
    doomed.start()
    assert doomed.wait_available(_READY)
    monkeypatch.setattr(coreader, "shared_coreader", lambda: doomed)
    monkeypatch.setattr(coreader, "PAIR_WORDS", 40)
    real_submit = doomed.submit

    def submit_then_die(texts: list[str], **how: float) -> bool:
        taken = real_submit(texts, **how)
        assert doomed._process is not None
        doomed._process.kill()
        return taken

    monkeypatch.setattr(doomed, "submit", submit_then_die)
    left, right = _article("l", 3, "The mayor"), _article("r", 4, "A spokesman")
    ldocs, rdocs = nlp.analyse_pair(left, right)
    assert _described(rdocs) == _described(nlp.load_nlp().pipe(
        p.text for p in right.paragraphs))
    assert len(ldocs) == len(left.paragraphs)
    assert not doomed.available()
    doomed.start()  # a new process for the next long pair
    try:
        assert doomed.wait_available(_READY)
    finally:
        doomed.stop()


def test_only_a_long_pair_starts_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = CoReader()
    monkeypatch.setattr(coreader, "shared_coreader", lambda: fresh)
    monkeypatch.setattr(fresh, "start", lambda: starts.append(1))
    starts: list[int] = []
    monkeypatch.setattr(coreader, "LONG_WORDS", 200)
    nlp.analyse_pair(_article("a", 2, "The mayor"), _article("b", 2, "A spokesman"))
    assert starts == []
    nlp.analyse_pair(_article("a", 2, "The mayor"), _article("b", 9, "A spokesman"))
    assert starts == [1]


def test_an_article_read_ahead_is_read_by_the_other_process(
        shared: CoReader, monkeypatch: pytest.MonkeyPatch) -> None:
    from twofold.engine.readahead import read_article

    submitted = _spied(monkeypatch, shared)
    article = _article("ahead", 3, "The mayor")
    read_article(article)
    assert submitted == [(4, True)]
    assert nlp.analysed(article.digest) and article.digest not in nlp._memo  # on disk only
    assert _described(nlp.analyse(article)) == _described(nlp.load_nlp().pipe(
        p.text for p in article.paragraphs))
    assert shared.available()


def test_while_the_other_process_is_busy_an_article_is_read_here(
        shared: CoReader, monkeypatch: pytest.MonkeyPatch) -> None:
    from twofold.engine.readahead import read_article

    monkeypatch.setattr(shared, "submit", lambda texts, **how: False)
    article = _article("here", 2, "The mayor")
    read_article(article)
    assert nlp.analysed(article.digest)


def test_an_abandoned_long_read_stops_early(reader: CoReader) -> None:
    texts = [p.text for p in _article("long", 1200, "The mayor").paragraphs]  # ~40,000 words
    before = reader.stopped_early
    assert reader.submit(texts)
    reader.abandon()
    assert not reader.available()
    assert reader.wait_available(_READY)
    assert reader.stopped_early == before + 1  # stopped between two chunks, not after 1,201


def test_a_long_pair_waits_for_an_abandoned_read_to_stop(
        shared: CoReader, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading ahead, abandoned as a comparison starts, leaves the other process to the pair:
    it stops at the end of its chunk and the pair waits for that; told nothing, it would read
    for seconds more (and the pair be read here)."""
    monkeypatch.setattr(coreader, "PATIENCE", _READY)  # however slow the machine
    nlp.load_nlp()  # loaded before: the pair asks at once
    ahead = [p.text for p in _article("ahead", 1200, "The mayor").paragraphs]
    assert shared.submit(ahead)  # reading ahead, stopped as a comparison starts
    time.sleep(0.3)  # well into its reading: it stops at the end of the chunk it is in
    shared.abandon()
    submitted = _spied(monkeypatch, shared)
    nlp.analyse_pair(_article("l", 3, "The mayor"), _article("r", 4, "A spokesman"))
    assert submitted == [(5, True)]


@pytest.mark.parametrize("loaded_in_time", [True, False])
def test_a_pair_waits_for_a_model_loading_only_if_it_will_be_ready(
        loaded_in_time: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Started as the folder opened, or for a pair long enough to be worth the wait, the other
    # process is waited for; one that cannot be ready within the patience is not.
    monkeypatch.setattr(coreader, "_LOADING", 0.0 if loaded_in_time else 3600.0)
    fresh = CoReader()
    fresh.start()
    try:
        assert not fresh.available()  # still loading
        assert fresh.submit(["The mayor of Lyon spoke on Monday."], patience=_READY) is (
            loaded_in_time)
        if loaded_in_time:
            data = fresh.collect()
            assert data is not None and len(nlp._from_bytes(data) or ()) == 1
    finally:
        fresh.stop()


def test_the_longer_the_pair_the_longer_it_waits(shared: CoReader,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    patience: list[float] = []
    monkeypatch.setattr(shared, "submit",
                        lambda texts, **how: patience.append(how["patience"]) or False)
    monkeypatch.setattr(coreader, "READ_RATE", 100)  # 100 words a second
    nlp.analyse_pair(_article("l", 2, "The mayor"), _article("r", 3, "A spokesman"))
    nlp.analyse_pair(_article("l", 2, "The mayor"), _article("r", 30, "A spokesman"))
    short, long = patience
    assert short == coreader.PATIENCE and long > 3.0  # ~900 words: half of 9 s


def test_a_long_pair_waits_while_reading_ahead_notices_it_was_stopped(
        shared: CoReader, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window stops reading ahead as a comparison starts, but the reading thread sees it
    only at its next look: the comparison waits for the other process meanwhile."""
    import threading

    monkeypatch.setattr(coreader, "PATIENCE", _READY)  # however slow the machine
    nlp.load_nlp()  # loaded before: the pair asks at once, while reading ahead still holds it
    ahead = [p.text for p in _article("ahead", 1200, "The mayor").paragraphs]
    assert shared.submit(ahead)
    later = threading.Timer(0.2, shared.abandon)  # reading ahead notices, a moment later
    later.start()
    submitted = _spied(monkeypatch, shared)
    nlp.analyse_pair(_article("l", 3, "The mayor"), _article("r", 4, "A spokesman"))
    later.join()
    assert submitted == [(5, True)]


def test_stopping_a_reader_never_started_does_nothing() -> None:
    idle = CoReader()
    idle.stop()
    assert not idle.available()
