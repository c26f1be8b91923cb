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
_MEMO_SIZE = 20_000  # sentences (~30 MB): a few long articles, or a folder's worth of pairs
_lock = threading.Lock()
_memo: OrderedDict[str, np.ndarray] = OrderedDict()


def sentence_vectors(texts: list[str]) -> np.ndarray | None:
    """Unit-length MiniLM embeddings of `texts` (float32 rows), or None without the encoder.

    Each sentence is embedded once per process: alignment and divergences ask for the same
    sentences, and comparing one article with several others reuses its rows.
    """
    from .encoder import load_encoder

    try:
        encoder = load_encoder()
    except Exception as err:  # a damaged model install degrades to lexical alignment
        log.warning("sentence encoder unavailable, aligning on words only (%s)", err)
        return None
    if encoder is None:
        return None
    with _lock:
        known = {t: _memo[t] for t in texts if t in _memo}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        known.update(zip(missing, _embed(encoder, missing), strict=True))
        with _lock:
            for text in missing:
                _memo[text] = known[text]
            while len(_memo) > _MEMO_SIZE:
                _memo.popitem(last=False)
    if not texts:
        return np.zeros((0, encoder.dimension), dtype=np.float32)
    return np.stack([known[t] for t in texts])


def _embed(encoder: object, texts: list[str]) -> np.ndarray:
    """Rows for `texts` from the on-disk cache, else from the encoder (then stored)."""
    key = hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()
    cache = shared_cache()
    stored = cache.get(_NAMESPACE, key)
    vectors = _from_bytes(stored, len(texts)) if stored else None
    if vectors is None:
        # Stored as float16 and always read back through it, so cached and fresh runs agree.
        half = encoder.encode(texts).astype(np.float16)  # type: ignore[attr-defined]
        cache.put(_NAMESPACE, key, half.tobytes())
        vectors = half.astype(np.float32)
    return vectors


def _from_bytes(data: bytes, rows: int) -> np.ndarray | None:
    if rows == 0 or len(data) % (2 * rows):
        return None
    return np.frombuffer(data, dtype=np.float16).reshape(rows, -1).astype(np.float32)
