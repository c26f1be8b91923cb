"""One article's entities without a comparison (`twofold entities`), cached per article."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from ... import __version__
from ..cache import shared_cache
from ..errors import Cancelled
from ..model import Article, Entity
from .corrections import apply_corrections

log = logging.getLogger(__name__)
_NAMESPACE = "article-entities"


def entities_of(source: Article | str | os.PathLike[str], *,
                cancelled: Callable[[], bool] | None = None) -> tuple[Article, tuple[Entity, ...]]:
    """The article (loaded when given a path) and its entities, with the reader's corrections.

    Raises `ArticleError` for unusable input and `Cancelled` when `cancelled()` says so.
    """
    from ..compare import ENGINE_REVISION
    from ..load import load_article
    from ..serialize import article_from_dict, article_to_dict

    article = source if isinstance(source, Article) else load_article(Path(source))
    key = f"{__version__}|{ENGINE_REVISION}|{article.digest}"
    cache = shared_cache()
    stored = cache.get(_NAMESPACE, key) if article.digest else None
    if stored is not None:
        try:
            _, entities = article_from_dict(json.loads(stored))
            return article, apply_corrections(entities)
        except (ValueError, KeyError, TypeError) as err:
            log.warning("ignoring unreadable cached entities (%s)", err)
    entities = _compute(article, cancelled)
    if article.digest:
        blank = dataclasses.replace(article, path="")
        cache.put(_NAMESPACE, key, json.dumps(article_to_dict(blank, entities)).encode())
    return article, apply_corrections(entities)


def _compute(article: Article, cancelled: Callable[[], bool] | None) -> tuple[Entity, ...]:
    from ..nlp import analyse
    from .extract import article_entities

    docs = analyse(article, cancelled=cancelled)
    Cancelled.check(cancelled, "Listing the entities")
    return article_entities(article, docs)
