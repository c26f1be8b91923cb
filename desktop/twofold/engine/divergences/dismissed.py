"""Divergences a reader dismissed as "not a divergence", remembered per pair of articles.

Kept in the engine's cache under the two articles' digests (in either order), so they hold for
that pair of texts wherever the files move, and reopen with it; dismissing is undone by
`restore`. When the cache is off nothing is remembered beyond the session's own state.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Collection

from ..cache import shared_cache
from ..model import Comparison, Divergence
from .identity import divergence_id

log = logging.getLogger(__name__)
_NAMESPACE = "dismissed-divergences@1"


def _key(left_digest: str, right_digest: str) -> str:
    return "\x1f".join(sorted((left_digest, right_digest)))


def dismissed(left_digest: str, right_digest: str) -> frozenset[str]:
    """Ids of the divergences dismissed for this pair of articles."""
    stored = shared_cache().get(_NAMESPACE, _key(left_digest, right_digest))
    if not stored:
        return frozenset()
    try:
        ids = json.loads(stored)
    except ValueError:
        log.warning("ignoring an unreadable list of dismissed divergences")
        return frozenset()
    return frozenset(i for i in ids if isinstance(i, str)) if isinstance(ids, list) \
        else frozenset()


def dismiss(left_digest: str, right_digest: str, divergence: Divergence | str) -> None:
    """Remember that a divergence (or its id) is not one, for this pair of articles."""
    _store(left_digest, right_digest, dismissed(left_digest, right_digest) | {_id(divergence)})


def restore(left_digest: str, right_digest: str, divergence: Divergence | str) -> None:
    """Undo `dismiss`: the divergence is shown again for this pair."""
    _store(left_digest, right_digest, dismissed(left_digest, right_digest) - {_id(divergence)})


def without_dismissed(c: Comparison, ids: Collection[str]) -> Comparison:
    """The comparison without the divergences whose ids are given (for lists and exports)."""
    if not ids:
        return c
    kept = tuple(d for d in c.divergences if divergence_id(d) not in ids)
    return dataclasses.replace(c, divergences=kept)


def _id(divergence: Divergence | str) -> str:
    return divergence if isinstance(divergence, str) else divergence_id(divergence)


def _store(left_digest: str, right_digest: str, ids: frozenset[str]) -> None:
    shared_cache().put(_NAMESPACE, _key(left_digest, right_digest),
                       json.dumps(sorted(ids)).encode())
