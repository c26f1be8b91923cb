"""Engine invariants over generated article pairs, checked through the `compare` facade.

Articles are built from real sentences of the sample folder mixed with arbitrary Unicode (RTL,
CJK, emoji, combining marks, odd whitespace), then rewritten: paragraphs reordered, split, merged,
inserted, deleted, words edited. Whatever comes in, a comparison keeps its contract: ops cover
both paragraphs, every span slices to its text, swapping the sides mirrors everything, and a
paragraph copied unchanged is linked to its copy.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from twofold.engine import compare as compare_module
from twofold.engine.compare import compare
from twofold.engine.errors import ArticleEmpty, ArticleError
from twofold.engine.load import load_article, parse_text, split_text
from twofold.engine.model import Article, Comparison, Divergence, Span
from twofold.engine.worddiff import normalise_span

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module", autouse=True)
def no_cache() -> Iterator[None]:
    """Every compare computes: a cached result would hide the engine from the properties."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TWOFOLD_NO_CACHE", "1")
        yield


# -- material -----------------------------------------------------------------------------------

def _seed_sentences() -> tuple[str, ...]:
    """Every sentence of the sample articles (a plain split: no model needed to generate)."""
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in load_article(path).paragraphs:
            out += [s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“\"])", paragraph.text) if s]
    return tuple(out)


SENTENCES = _seed_sentences()
SEED_WORDS = tuple(sorted({w for s in SENTENCES for w in s.split()}))

SPECIAL = (
    # right-to-left scripts, and bidi controls
    "قالت", "الحكومة", "النيجر", "١٬٠٠٠", "שלום", "ממשלת", "\u200f", "\u200e", "\u202e",
    # CJK and other scripts without spaces between words
    "尼日尔政府宣布", "美国", "日本語の記事", "한국어", "ニジェール", "ไทยแลนด์",
    # emoji: modifiers, ZWJ sequences, flags, variation selectors
    "👍", "👍🏽", "👨\u200d👩\u200d👧", "🇳🇪", "🇺🇸", "❤️", "🔥🔥",
    # combining marks: precomposed and decomposed forms, stacked marks, a lone mark
    "é", "e\u0301", "Ñ", "N\u0303", "Z̤͂a͠l͓g̨o", "ก่", "\u0301", "Bazoum\u0308",
    # odd whitespace and invisible characters
    "\u00a0", "\u2009", "\u200b", "\u3000", "\t", "\u2028", "\u2029", "\x85", "\u202f",
    "\ufeff", "\u00ad", "\n", " \n \n ",
    # quote styles, figures and symbols
    "“", "”", "«", "»", "„", "—", "…", "’s", "'", "1,000", "3.5%", "$2", "10:30", "½", "²",
    "1.", "2024-03-17", "Mr.", "U.S.", "-", "_", "(", ")",
)

# Words a rewrite swaps for another of their kind, so that divergences get exercised too.
FACT_CLASSES = (
    ("1,000", "1,100", "650", "700", "100", "26", "2012", "2016", "2023", "two", "three"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ("January", "March", "July", "October", "December"),
    ("Abdramane", "Abdramman", "Tiani", "Tchiani", "Bazoum", "Bazum", "Phee", "Zeine", "Zein"),
    ("spokesman", "spokesperson", "minister", "Colonel", "General", "official", "Deputy"),
    ("canceled", "cancelled", "suspended", "ended", "revoked", "paused", "denounced"),
    ("said", "told", "announced", "stated", "claimed"),
)
_FACT_CLASS = {word: k for k, words in enumerate(FACT_CLASSES) for word in words}
_WORD_CORE = re.compile(r"^(\W*)(.*?)(\W*)$")

_any_char = st.characters(exclude_categories=("Cs",))  # lone surrogates are not text
tokens = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.sampled_from(SPECIAL),
    st.text(_any_char, min_size=1, max_size=12),
)
separators = st.sampled_from((" ", " ", " ", "  ", "\u00a0", "\t", "\u3000", ""))


@st.composite
def odd_paragraphs(draw: st.DrawFn) -> str:
    """A paragraph of seed words, odd Unicode and arbitrary text, oddly separated."""
    parts = draw(st.lists(st.tuples(tokens, separators), min_size=1, max_size=14))
    return "".join(tok + sep for tok, sep in parts)


@st.composite
def seeded_paragraphs(draw: st.DrawFn) -> str:
    """One to three real sentences, sometimes with odd Unicode slipped between words."""
    words = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))).split()
    for _ in range(draw(st.integers(0, 2))):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(SPECIAL)))
    return " ".join(words)


paragraphs = st.one_of(seeded_paragraphs(), seeded_paragraphs(), odd_paragraphs())
paragraph_lists = st.lists(paragraphs, min_size=2, max_size=8)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """A paragraph as the loader keeps it: control characters gone, whitespace collapsed."""
    return " ".join(_CONTROL.sub("", text).split())


def _edit_words(text: str, position: int, kind: str, word: str) -> str:
    words = text.split(" ")
    at = position % (len(words) + 1)
    if kind == "replace" and at < len(words):
        words[at] = word
    elif kind == "delete" and at < len(words) and len(words) > 1:
        del words[at]
    else:
        words.insert(at, word)
    return _clean(" ".join(words))


def _swap_fact(text: str, choice: int, replacement: int) -> str:
    """`text` with one of its fact words (a figure, day, name, title...) changed to another."""
    words = text.split(" ")
    spots = [k for k, w in enumerate(words) if _WORD_CORE.match(w)[2] in _FACT_CLASS]
    if not spots:
        return text
    k = spots[choice % len(spots)]
    lead, core, trail = _WORD_CORE.match(words[k]).groups()  # type: ignore[union-attr]
    others = [w for w in FACT_CLASSES[_FACT_CLASS[core]] if w != core]
    words[k] = lead + others[replacement % len(others)] + trail
    return " ".join(words)


@st.composite
def rewrites(draw: st.DrawFn, original: list[str]) -> list[str]:
    """Another outlet's version: paragraphs moved, split, merged, added, dropped, words edited."""
    out = [_clean(p) for p in original if _clean(p)] or ["x"]
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(out) - 1))
        out[i] = _swap_fact(out[i], draw(st.integers(0, 20)), draw(st.integers(0, 20)))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(("edit", "move", "split", "merge", "insert", "delete")))
        i = draw(st.integers(0, len(out) - 1))
        if kind == "edit":
            word = _clean(draw(tokens)) or "word"
            out[i] = _edit_words(out[i], draw(st.integers(0, 60)),
                                 draw(st.sampled_from(("replace", "delete", "insert"))), word)
        elif kind == "move":
            out.insert(draw(st.integers(0, len(out) - 1)), out.pop(i))
        elif kind == "split":
            words = out[i].split(" ")
            if len(words) > 1:
                cut = draw(st.integers(1, len(words) - 1))
                out[i:i + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
        elif kind == "merge" and i + 1 < len(out):
            out[i:i + 2] = [f"{out[i]} {out[i + 1]}"]
        elif kind == "insert":
            out.insert(i, _clean(draw(paragraphs)) or "new")
        elif kind == "delete" and len(out) > 1:
            del out[i]
    return out


def article(paragraph_texts: list[str], path: str) -> Article | None:
    """The article the loader makes of these paragraphs; None when they hold no text at all."""
    text = "\n\n".join(paragraph_texts)
    try:
        return parse_text(text, path=path)
    except ArticleError as err:
        assert isinstance(err, ArticleEmpty), err
        _, headline, blocks = split_text(text)
        assert not (headline or "").split() and not any(b.split() for b in blocks), text
        return None


_HAS_WORD = re.compile(r"\w")


def examples(n: int) -> settings:
    """Fixed examples (CI never flakes), few enough that the file runs well within a minute."""
    return settings(
        max_examples=n, deadline=None, derandomize=True, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
    )


# -- the invariants -----------------------------------------------------------------------------

def _slice(article: Article, paragraph: int, start: int, end: int) -> str:
    """The non-empty text at these offsets, which must lie inside the paragraph."""
    assert 0 <= paragraph < len(article.paragraphs), (paragraph, start, end)
    text = article.paragraphs[paragraph].text
    assert 0 <= start < end <= len(text), (start, end, text)
    return text[start:end]


def _check_span(article: Article, span: Span) -> None:
    assert _slice(article, span.paragraph, span.start, span.end) == span.text, span


def check_contract(c: Comparison) -> None:
    """Everything a comparison promises about offsets, whatever the input."""
    for a in (c.left, c.right):
        assert [p.id for p in a.paragraphs] == list(range(len(a.paragraphs)))
        for p in a.paragraphs:
            assert all(0 <= s <= e <= len(p.text) for s, e in p.sentences), p
    assert 0.0 <= c.similarity <= 1.0
    assert [(k.left, k.right) for k in c.links] == sorted({(k.left, k.right) for k in c.links})
    for link in c.links:
        assert 0 <= link.left < len(c.left.paragraphs) and 0 <= link.right < len(c.right.paragraphs)
        assert 0.0 < link.score <= 1.0 and link.kind in ("verbatim", "paraphrase", "partial")
        a, b = c.left.paragraphs[link.left].text, c.right.paragraphs[link.right].text
        lpos = rpos = 0
        for op in link.ops:
            assert op.left[0] == lpos and op.right[0] == rpos, (link, a, b)
            assert op.left[0] <= op.left[1] <= len(a) and op.right[0] <= op.right[1] <= len(b)
            assert op.tag != "insert" or op.left[0] == op.left[1]
            assert op.tag != "delete" or op.right[0] == op.right[1]
            if op.tag == "equal":
                assert normalise_span(a[slice(*op.left)]) == normalise_span(b[slice(*op.right)])
            lpos, rpos = op.left[1], op.right[1]
        assert (lpos, rpos) == (len(a), len(b)), (link, a, b)
    for d in c.divergences:
        _check_span(c.left, d.left)
        _check_span(c.right, d.right)
        assert d.note and d.severity in (0, 1, 2)
    for a, entities, others in ((c.left, c.left_entities, c.right_entities),
                                (c.right, c.right_entities, c.left_entities)):
        keys = [e.key for e in entities]
        assert len(keys) == len(set(keys)), keys
        other_keys = {e.key for e in others}
        for e in entities:
            assert e.mentions, e
            assert e.shared == (e.key in other_keys), e
            slices = {_slice(a, m.paragraph, m.start, m.end) for m in e.mentions}
            assert slices == set(e.forms), e


def _mirrored(d: Divergence) -> tuple[str, Span, Span, int]:
    return d.kind, d.right, d.left, d.severity


def check_mirror(forward: Comparison, backward: Comparison) -> None:
    """`backward` is `forward` with the sides swapped, and nothing else changed."""
    flip = {"insert": "delete", "delete": "insert", "replace": "replace", "equal": "equal"}
    assert sorted(
        (k.right, k.left, k.score, k.kind, tuple((flip[o.tag], o.right, o.left) for o in k.ops))
        for k in backward.links
    ) == [(k.left, k.right, k.score, k.kind, tuple((o.tag, o.left, o.right) for o in k.ops))
          for k in forward.links]
    assert backward.similarity == forward.similarity
    assert backward.left_entities == forward.right_entities
    assert backward.right_entities == forward.left_entities
    assert sorted(map(_mirrored, backward.divergences), key=repr) == sorted(
        ((d.kind, d.left, d.right, d.severity) for d in forward.divergences), key=repr)


# -- properties -----------------------------------------------------------------------------------

@examples(100)
@given(left=st.lists(st.one_of(odd_paragraphs(), st.text(_any_char, max_size=40)), max_size=5),
       right=st.lists(odd_paragraphs(), min_size=1, max_size=5))
def test_arbitrary_unicode_compares_without_error(left: list[str], right: list[str]) -> None:
    a, b = article(left, "left.txt"), article(right, "right.txt")
    if a is None or b is None:
        return
    check_contract(compare(a, b))


@examples(60)
@given(st.data())
def test_a_rewritten_article_keeps_the_contract_and_swaps_symmetrically(data: st.DataObject
                                                                        ) -> None:
    original = data.draw(paragraph_lists, label="original")
    other = data.draw(rewrites(original), label="rewritten")
    a, b = article(original, "left.txt"), article(other, "right.txt")
    assume(a is not None and b is not None)
    assert a is not None and b is not None
    forward = compare(a, b)
    check_contract(forward)
    backward = compare(b, a)
    check_contract(backward)
    check_mirror(forward, backward)
    # the window swaps sides without the engine: the comparison's own swap agrees with it
    check_mirror(forward, forward.swapped())
    assert forward.swapped().swapped() == forward


@examples(60)
@given(st.data())
def test_unedited_paragraphs_link_to_their_copies(data: st.DataObject) -> None:
    a = article(data.draw(paragraph_lists, label="original"), "left.txt")
    assume(a is not None)
    assert a is not None
    texts = [p.text for p in a.paragraphs]
    copy = list(texts)
    edited: set[int] = set()
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        i = data.draw(st.integers(0, len(copy) - 1))
        word = _clean(data.draw(tokens)) or "word"
        copy[i] = _edit_words(copy[i], data.draw(st.integers(0, 60)),
                              data.draw(st.sampled_from(("replace", "delete", "insert"))), word)
        edited.add(i)
    origin: list[int | None] = list(range(len(copy)))
    if data.draw(st.booleans(), label="insert a paragraph"):
        at = data.draw(st.integers(0, len(copy)))
        copy.insert(at, _clean(data.draw(paragraphs)) or "new")
        origin.insert(at, None)
    b = article(copy, "right.txt")
    assume(b is not None and [p.text for p in b.paragraphs] == [t for t in copy if t])
    assert b is not None
    result = compare(a, b)
    check_contract(result)
    kinds = {(k.left, k.right): k.kind for k in result.links}
    for j, i in enumerate(origin):
        if i is None or i in edited or not _HAS_WORD.search(texts[i]):
            continue
        assert kinds.get((i, j)) == "verbatim", (i, j, texts[i], result.links)


@examples(40)
@given(paragraph_lists)
def test_an_article_compared_with_itself_links_each_paragraph_to_itself(
    texts: list[str],
) -> None:
    a = article(texts, "same.txt")
    assume(a is not None)
    assert a is not None
    result = compare(a, a)
    check_contract(result)
    kinds = {(k.left, k.right): k.kind for k in result.links}
    for p in a.paragraphs:
        if _HAS_WORD.search(p.text):
            assert kinds.get((p.id, p.id)) == "verbatim", (p, result.links)
    if all(_HAS_WORD.search(p.text) for p in a.paragraphs):
        assert result.similarity == 1.0
    assert all(e.shared and not e.other_forms for e in result.left_entities)
    assert result.left_entities == result.right_entities
    assert result.divergences == (), result.divergences


@examples(15)
@given(st.data())
def test_a_cached_comparison_equals_the_computed_one(data: st.DataObject) -> None:
    original = data.draw(paragraph_lists, label="original")
    a = article(original, "left.txt")
    b = article(data.draw(rewrites(original), label="rewritten"), "right.txt")
    assume(a is not None and b is not None)
    assert a is not None and b is not None
    with tempfile.TemporaryDirectory(prefix="twofold-test-cache-") as folder, \
            pytest.MonkeyPatch.context() as patch:
        patch.delenv("TWOFOLD_NO_CACHE")
        patch.setenv("TWOFOLD_CACHE_DIR", folder)
        computed = compare(a, b)
        # The second answer must come from the cache: computing again is not allowed.
        patch.setattr(compare_module, "_compute", _must_not_compute)
        cached = compare(a, b)
    assert cached == computed


def _must_not_compute(*args: object, **kwargs: object) -> Comparison:
    raise AssertionError("the comparison was computed again instead of read from the cache")
