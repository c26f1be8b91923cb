"""The engine's facade: `compare(left, right)` returns everything shown about a pair."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import __version__
from .align.aligner import Alignment, align_articles, embeddings_affordable
from .cache import shared_cache
from .divergences.finder import find_divergences
from .embedfeed import EmbeddingFeed
from .entities.corrections import corrected
from .entities.extract import extract_entities
from .errors import Cancelled
from .load import load_article, parse_text
from .model import Article, CompareOptions, Comparison, EngineInfo, Link
from .nlp import analyse_pair, sentence_spans
from .serialize import comparison_from_dict, comparison_to_dict
from .worddiff import diff_paragraphs

log = logging.getLogger(__name__)

# Bump when any engine stage changes its output: cached comparisons of older engines are ignored.
ENGINE_REVISION = 55  # 55: a headline's description before a name (54: "used Twitter")
_NAMESPACE = "comparison"
_WHAT = "The comparison"
# What `compare` reports to its `progress` callback, in order (a cached pair reads, then ends).
STAGES = ("reading", "analysing", "aligning", "entities", "divergences")
Progress = Callable[[str], None]


def compare(
    left: Article | str | os.PathLike[str],
    right: Article | str | os.PathLike[str],
    *,
    options: CompareOptions | None = None,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two articles (paths or loaded); raises `ArticleError` for unusable input.

    `cancelled()` is asked between stages; when it says so, `Cancelled` is raised and nothing is
    cached. `progress(stage)` is told each stage of `STAGES` as it starts (on this thread).
    """
    options = options or CompareOptions()
    if progress is not None:
        progress("reading")
    la, ra = _as_article(left), _as_article(right)
    key = _cache_key(la, ra, options)
    cache = shared_cache()
    stored = cache.get(_NAMESPACE, key)
    if stored is not None:
        cached = _decode(stored)
        if cached is not None:
            return corrected(dataclasses.replace(
                cached,
                left=dataclasses.replace(cached.left, path=la.path),
                right=dataclasses.replace(cached.right, path=ra.path),
            ))
    result = _compute(la, ra, options, cancelled, progress or _silent)
    cache.put(_NAMESPACE, key, json.dumps(comparison_to_dict(result, full=True)).encode())
    return corrected(result)  # the reader's entity types, never cached with the result


def _silent(_stage: str) -> None:
    pass


def _compute(la: Article, ra: Article, options: CompareOptions,
             cancelled: Callable[[], bool] | None = None,
             progress: Progress = _silent) -> Comparison:
    # Past the embedding budget alignment embeds only the sentences where meaning decides a
    # link (chosen from word evidence, so nothing is embedded ahead), divergences use words.
    embed = options.use_embeddings and embeddings_affordable(la, ra)
    progress("analysing")
    if embed:
        # The encoder embeds sentences on its own thread as spaCy yields their paragraphs.
        with EmbeddingFeed(cancelled) as feed:
            ldocs, rdocs = analyse_pair(la, ra, cancelled=cancelled, each=feed.add,
                                        between=feed.article_read, batch_size=feed.batch_size)
            feed.wait()
    else:
        ldocs, rdocs = analyse_pair(la, ra, cancelled=cancelled)
    la, ra = _with_sentences(la, ldocs), _with_sentences(ra, rdocs)
    Cancelled.check(cancelled, _WHAT)
    progress("aligning")
    alignment = align_articles(la, ra, ldocs, rdocs, use_embeddings=options.use_embeddings)
    links = tuple(
        _with_ops(link, la, ra, cancelled) for link in alignment.links
    )
    Cancelled.check(cancelled, _WHAT)
    progress("entities")
    left_entities, right_entities = (
        extract_entities(la, ra, ldocs, rdocs) if options.entities else ((), ())
    )
    Cancelled.check(cancelled, _WHAT)
    progress("divergences")
    divergences = (
        find_divergences(la, ra, links, left_entities, right_entities, ldocs, rdocs,
                         use_embeddings=embed)
        if options.divergences else ()
    )
    return Comparison(
        left=la, right=ra, links=links,
        left_entities=left_entities, right_entities=right_entities,
        divergences=divergences, similarity=round(alignment.similarity, 4), options=options,
        engine=_engine_info(options, alignment),
    )


def warm_up() -> None:
    """Load what a process's first comparison loads (spaCy, the sentence encoder, gazetteers,
    word frequencies, the engine's other tables: ~2.3 s) by comparing two short texts. Nothing
    goes to the disk cache. The window calls it as it opens, so that its first pair does not
    wait for them (0.6 s instead of 2.9 s for the sample folder's first pair, measured)."""
    texts = ("Warm-up\nThe mayor of Lyon said on Monday that 3 new bridges would open in May.",
             "Warm-up\nThe mayor of Paris said on Tuesday that 4 bridges would open in June.")
    # No digest: the Docs are neither stored on disk nor found there.
    la, ra = (dataclasses.replace(parse_text(text, path=f"warm-up-{i}.txt"), digest="")
              for i, text in enumerate(texts))
    _compute(la, ra, CompareOptions())


def _engine_info(options: CompareOptions, alignment: Alignment) -> EngineInfo:
    """What evidence the comparison had, in words a reader can act on when some was missing."""
    used = alignment.embedded > 0
    if not options.use_embeddings:
        note = "sentence embeddings turned off: aligned on words alone"
    elif not used and alignment.sentences:
        note = "sentence encoder not installed or no sentence to embed: aligned on words alone"
    elif alignment.embedded < alignment.sentences:
        note = (f"long pair: {alignment.embedded} of {alignment.sentences} sentences embedded "
                "(those where meaning decides a link), the rest compared on words")
    else:
        note = ""
    from .encoder import MODEL_NAME  # loaded already when it was used; costly to import early

    return EngineInfo(
        version=f"{__version__}+engine.{ENGINE_REVISION}", embeddings=used,
        model=MODEL_NAME if used else None, embedded_sentences=alignment.embedded,
        sentences=alignment.sentences, note=note,
    )


def _with_ops(link: Link, la: Article, ra: Article,
              cancelled: Callable[[], bool] | None = None) -> Link:
    Cancelled.check(cancelled, _WHAT)
    ops = diff_paragraphs(la.paragraphs[link.left].text, ra.paragraphs[link.right].text)
    return dataclasses.replace(link, ops=ops)


def _with_sentences(article: Article, docs: tuple) -> Article:
    paragraphs = tuple(
        dataclasses.replace(p, sentences=sentence_spans(doc))
        for p, doc in zip(article.paragraphs, docs, strict=True)
    )
    return dataclasses.replace(article, paragraphs=paragraphs)


def _as_article(value: Article | str | os.PathLike[str]) -> Article:
    return value if isinstance(value, Article) else load_article(Path(value))


def _cache_key(la: Article, ra: Article, options: CompareOptions) -> str:
    parts = [
        __version__, str(ENGINE_REVISION), la.digest, ra.digest,
        json.dumps(dataclasses.asdict(options), sort_keys=True),
        # metadata is shown too: the same text under another title is another result
        json.dumps([la.title, la.source, la.date, ra.title, ra.source, ra.date]),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _decode(data: bytes) -> Comparison | None:
    try:
        with _collector_paused():
            return comparison_from_dict(json.loads(data))
    except (ValueError, KeyError, TypeError) as err:
        log.warning("ignoring an unreadable cached comparison (%s)", err)
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large acyclic result.

    A long pair decodes into ~10^5 small objects; each burst of allocations set off collections
    that walk every live object (the spaCy model's included): 1.3 s instead of 0.3 s for 20k words.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
