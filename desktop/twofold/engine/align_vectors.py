"""Sentence embeddings for alignment, cached in memory and on disk by the sentences' content."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict

import numpy as np

from .cache import shared_cache

log = logging.getLogger(__name__)

_NAMESPACE = "align-sentence-vectors@1"
_MEMO_SIZE = 128
_lock = threading.Lock()
_memo: OrderedDict[str, np.ndarray] = OrderedDict()


def sentence_vectors(texts: list[str]) -> np.ndarray | None:
    """Unit-length MiniLM embeddings of `texts` (float32 rows), or None without the encoder."""
    from .encoder import load_encoder

    try:
        encoder = load_encoder()
    except Exception as err:  # a damaged model install degrades to lexical alignment
        log.warning("sentence encoder unavailable, aligning on words only (%s)", err)
        return None
    if encoder is None:
        return None
    key = hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()
    with _lock:
        found = _memo.get(key)
        if found is not None:
            _memo.move_to_end(key)
            return found
    cache = shared_cache()
    stored = cache.get(_NAMESPACE, key)
    vectors = _from_bytes(stored, len(texts)) if stored else None
    if vectors is None:
        # Stored as float16 and always read back through it, so cached and fresh runs agree.
        half = encoder.encode(texts).astype(np.float16)
        cache.put(_NAMESPACE, key, half.tobytes())
        vectors = half.astype(np.float32)
    with _lock:
        _memo[key] = vectors
        while len(_memo) > _MEMO_SIZE:
            _memo.popitem(last=False)
    return vectors


def _from_bytes(data: bytes, rows: int) -> np.ndarray | None:
    if rows == 0 or len(data) % (2 * rows):
        return None
    return np.frombuffer(data, dtype=np.float16).reshape(rows, -1).astype(np.float32)
