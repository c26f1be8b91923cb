"""Sentence embeddings for alignment, cached in memory and on disk by the sentences' content."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict

import numpy as np

from .cache import shared_cache

log = logging.getLogger(__name__)

_NAMESPACE = "align-sentence-vectors@2"  # one entry per sentence
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
    """Rows for `texts` from the on-disk cache, else from the encoder (then stored).

    One entry per sentence, keyed by its text: an article embedded once (compared, or read
    ahead) is found again whichever other sentences it is asked with.
    """
    cache = shared_cache()
    key_of = {t: hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts}
    stored = cache.get_many(_NAMESPACE, list(key_of.values()))
    width = int(encoder.dimension)  # type: ignore[attr-defined]
    rows: dict[str, np.ndarray] = {}
    for text, key in key_of.items():
        row = _from_bytes(stored[key], width) if key in stored else None
        if row is not None:
            rows[text] = row
    todo = [t for t in key_of if t not in rows]
    if todo:
        # Stored as float16 and always read back through it, so cached and fresh runs agree.
        half = encoder.encode(todo).astype(np.float16)  # type: ignore[attr-defined]
        cache.put_many(_NAMESPACE, [(key_of[t], h.tobytes())
                                    for t, h in zip(todo, half, strict=True)])
        rows.update((t, h.astype(np.float32)) for t, h in zip(todo, half, strict=True))
    return np.stack([rows[t] for t in texts])


def _from_bytes(data: bytes, width: int) -> np.ndarray | None:
    """One stored row, or None when it is not one of `width` float16 values."""
    if len(data) != 2 * width:
        return None
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)
