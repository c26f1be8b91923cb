"""Reading articles ahead of their comparisons, while the reader looks at a pair.

Most of a comparison's time goes to what depends on one article only: spaCy's analysis and the
sentence embeddings (1.9 of 2.1 s for two 1,000-word articles). Both are cached by the
article's content, so an article read ahead costs only the pair's own work when it is compared:
the articles most like the pair on screen are the ones a reader compares next.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .align.terms import sentences_of
from .cache import shared_cache
from .errors import ArticleError, Cancelled
from .library.index import ArticleSummary, Listing, article_vectors
from .library.sparse import similarity
from .load import load_article
from .model import Article
from .nlp import analyse, analyse_elsewhere, analysed
from .vectors import sentence_vectors

log = logging.getLogger(__name__)

READ_AHEAD = 6  # articles read ahead of each pair shown: a story's outlets, about
# Background work must leave the window responsive: spaCy holds the interpreter lock through
# each batch of paragraphs, so they go two at a time, and the window's thread gets a moment
# between them. While a 1,000-word article was read, the window's longest wait for the lock
# went from 0.3 s to under 0.1 s (as long as with nothing in the background).
_BATCH = 2
_PAUSE = 0.003  # seconds
_WHAT = "Reading articles ahead"
# Sentences of an article read ahead are embedded up to this length (the speed budget names
# pairs of 2 x 20,000 words; this leaves room): 5,000 words take ~2 s of the encoder.
EMBED_WORDS = 30_000
_EMBED_BATCH = 64  # sentences embedded between two looks at `cancelled` (~0.2 s)


def _giving_way(cancelled: Callable[[], bool] | None) -> Callable[[], bool]:
    """`cancelled`, asked after a pause that lets the window's thread run."""
    def check() -> bool:
        time.sleep(_PAUSE)
        return cancelled is not None and cancelled()
    return check


def nearest(listing: Listing, pair: Sequence[str], limit: int = READ_AHEAD,
            cancelled: Callable[[], bool] | None = None) -> list[ArticleSummary]:
    """The listed articles most like either article of `pair`, most alike first."""
    articles = listing.articles
    shown = [i for i, a in enumerate(articles) if a.path in pair]
    if not shown or len(articles) <= len(shown):
        return []
    sim = similarity(article_vectors(articles, cancelled=cancelled), cancelled=cancelled)
    closeness = sim[shown].max(axis=0)
    closeness[shown] = -1.0
    order = np.argsort(-closeness, kind="stable")[:limit]
    return [articles[int(i)] for i in order if closeness[int(i)] >= 0]


def read_ahead(listing: Listing, pair: Sequence[str], limit: int = READ_AHEAD, *,
               cancelled: Callable[[], bool] | None = None) -> int:
    """Analyse and embed the `limit` articles nearest `pair` that are not yet; how many were.

    A file that cannot be read is left to the listing, which reports it. Without a usable disk
    cache nothing is read: the work would be lost.
    """
    if not shared_cache().enabled:
        return 0
    done = 0
    for summary in nearest(listing, pair, limit, cancelled):
        Cancelled.check(cancelled, _WHAT)
        if analysed(summary.digest):
            continue
        try:
            article = load_article(Path(summary.path))
        except (ArticleError, OSError) as err:
            log.info("not read ahead: %s (%s)", summary.path, err)
            continue
        read_article(article, cancelled=cancelled)
        done += 1
    return done



def read_article(article: Article, *, cancelled: Callable[[], bool] | None = None) -> None:
    """Analyse one article into the disk cache and embed its sentences (up to `EMBED_WORDS`);
    the second reading process analyses it when that runs and is idle (see `coreader`).

    A long article's pairs embed only the sentences where meaning decides a link, chosen from
    each pair's word evidence; which ones is not known ahead, so all are embedded. They go a
    few at a time, so that a comparison the reader asks for stops this within a moment.
    """
    docs = analyse_elsewhere(article, cancelled=cancelled) or analyse(
        article, cancelled=_giving_way(cancelled), remember=False, batch_size=_BATCH)
    if article.word_count > EMBED_WORDS:
        return
    texts = [s.text for s in sentences_of(docs)]
    for start in range(0, len(texts), _EMBED_BATCH):
        Cancelled.check(cancelled, _WHAT)
        sentence_vectors(texts[start:start + _EMBED_BATCH])
