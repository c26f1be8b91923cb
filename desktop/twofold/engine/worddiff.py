"""Word-level diff of two paragraphs, as ops over character ranges that cover both texts.

Tokens are words, numbers ("1,000", "3.5"), single punctuation marks, and single characters of
scripts written without spaces (Chinese, Japanese). Two tokens are equal when they match after
`normalise_token`: Unicode NFC, case folded, curly quotes and apostrophes made straight.
Whitespace between tokens joins the neighbouring equal op when there is one, so highlights sit on
words, not on the spaces around them; spans under an `equal` op are the same text once
`normalise_span` (token normalisation plus collapsed whitespace) is applied to both.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Sequence

import regex
from rapidfuzz.distance import Indel

from .model import Op, OpTag

# `regex`, not `re`: its \w takes combining marks (e + U+0301 stays one word, as do words of
# scripts whose vowel signs are marks) and it knows scripts by name.
_TOKEN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}]\p{M}*"  # no spaces between CJK words: one character each
    r"|\d+(?:[.,:]\d+)*"  # numbers stay whole: 1,000 / 3.5 / 10:30
    r"|[^\W\d_\p{Han}\p{Hiragana}\p{Katakana}]+(?:\d+[^\W\d_\p{Han}\p{Hiragana}\p{Katakana}]*)*"
    r"|['’][^\W\d_]+"  # 's, 're, 't: a possessive or contraction is its own token
    r"|[^\w\s]|_",  # any other visible character alone
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text`."""
    return [m.span() for m in _TOKEN.finditer(text)]


def normalise_token(token: str) -> str:
    """The form two tokens are compared in: trivial case and quote-style differences vanish."""
    return unicodedata.normalize("NFC", token.translate(_QUOTES)).casefold()


def normalise_span(text: str) -> str:
    """The form two `equal` spans share: normalised tokens joined by single spaces."""
    return " ".join(normalise_token(text[s:e]) for s, e in tokenize(text))


def diff_paragraphs(left: str, right: str) -> tuple[Op, ...]:
    """Ops turning `left` into `right`; they cover both texts completely and in order."""
    (lt, lkeys), (rt, rkeys) = _keyed(left), _keyed(right)
    if not lt or not rt:  # one side is blank: at most one change plus its whitespace
        return _one_sided(left, right, bool(lt), bool(rt))
    if lkeys > rkeys:  # one canonical orientation: swapping the sides mirrors the ops exactly
        return tuple(op.swapped() for op in diff_paragraphs(right, left))
    blocks = _absorb_trivial_equals(_token_blocks(lkeys, rkeys), lkeys)
    return _to_char_ops(blocks, lt, rt, len(left), len(right))


@functools.lru_cache(maxsize=2048)
def _keyed(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Token spans of a paragraph and their compared forms, memoised: in a long pair one
    paragraph is diffed against each paragraph it links to. Callers must not modify them."""
    spans = tokenize(text)
    return spans, [normalise_token(text[s:e]) for s, e in spans]


def _one_sided(left: str, right: str, lwords: bool, rwords: bool) -> tuple[Op, ...]:
    ln, rn = len(left), len(right)
    if lwords:
        return (Op("delete", (0, ln), (0, 0)),) + ((Op("equal", (ln, ln), (0, rn)),) if rn else ())
    if rwords:
        return ((Op("equal", (0, ln), (0, 0)),) if ln else ()) + (Op("insert", (ln, ln), (0, rn)),)
    return (Op("equal", (0, ln), (0, rn)),) if ln or rn else ()


def _token_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[OpTag, int, int, int, int]]:
    """LCS opcodes over tokens, with each run of deletes and inserts merged into one block."""
    out: list[tuple[OpTag, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(a, b):
        i1, i2, j1, j2 = int(i1), int(i2), int(j1), int(j2)
        if tag == "equal":
            out.append(("equal", i1, i2, j1, j2))
        elif out and out[-1][0] != "equal":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("change", pi1, i2, pj1, j2)  # type: ignore[assignment]
        else:
            out.append(("change", i1, i2, j1, j2))  # type: ignore[arg-type]
    return [
        (t if t == "equal" else ("replace" if i2 > i1 and j2 > j1 else
                                 "delete" if i2 > i1 else "insert"), i1, i2, j1, j2)
        for t, i1, i2, j1, j2 in out
    ]


# Words that carry no fact on their own: a lone match of these between two changes is chance,
# and showing it splits one rewording into confetti (diff-match-patch's semantic cleanup).
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for by with from and or but as that this these those it its is are "
    "was were be been has have had will would not no than then there their his her they he she "
    "we you i which who whom what when where while into onto over under about after before "
    "also so if".split()
)


def _absorb_trivial_equals(
    blocks: list[tuple[OpTag, int, int, int, int]], lkeys: Sequence[str]
) -> list[tuple[OpTag, int, int, int, int]]:
    """Merge short equal runs of function words or punctuation into the changes around them."""
    out: list[tuple[OpTag, int, int, int, int]] = []
    for k, block in enumerate(blocks):
        tag, i1, i2, j1, j2 = block
        between_changes = 0 < k < len(blocks) - 1 and blocks[k - 1][0] != "equal" \
            and blocks[k + 1][0] != "equal"
        trivial = i2 - i1 <= 3 and all(
            t in _FUNCTION_WORDS or not t[:1].isalnum() for t in lkeys[i1:i2]
        )
        if tag == "equal" and not (between_changes and trivial):
            out.append(block)
        elif out and out[-1][0] != "equal":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            out.append(block if tag == "equal" else (tag, i1, i2, j1, j2))
    return [
        (t if t == "equal" else ("replace" if i2 > i1 and j2 > j1 else
                                 "delete" if i2 > i1 else "insert"), i1, i2, j1, j2)
        for t, i1, i2, j1, j2 in out
    ]


def _to_char_ops(
    blocks: list[tuple[OpTag, int, int, int, int]],
    lt: list[tuple[int, int]], rt: list[tuple[int, int]], llen: int, rlen: int,
) -> tuple[Op, ...]:
    lspans = _side_spans([(b[0], b[1], b[2]) for b in blocks], lt, llen)
    rspans = _side_spans([(b[0], b[3], b[4]) for b in blocks], rt, rlen)
    return tuple(Op(b[0], ls, rs) for b, ls, rs in zip(blocks, lspans, rspans, strict=True))


def _side_spans(
    blocks: list[tuple[OpTag, int, int]], toks: list[tuple[int, int]], length: int
) -> list[tuple[int, int]]:
    """Char spans on one side: token extents, the whitespace between them given to equal ops."""
    core = [(toks[i1][0], toks[i2 - 1][1]) if i2 > i1 else None for _, i1, i2 in blocks]
    full = [k for k, c in enumerate(core) if c is not None]
    cuts = [0] * (len(blocks) + 1)  # block k covers cuts[k]..cuts[k + 1]
    cuts[-1] = length
    if not full:
        cuts[1:] = [length] * len(blocks)
        return [(cuts[k], cuts[k + 1]) for k in range(len(blocks))]
    for k in range(full[0] + 1):
        cuts[k] = 0
    for p, q in itertools.pairwise(full):
        p_end, q_start = core[p][1], core[q][0]  # type: ignore[index]
        # The gap before q joins p unless only q is an equal op: highlights stay on words.
        cut = p_end if blocks[q][0] == "equal" and blocks[p][0] != "equal" else q_start
        for k in range(p + 1, q + 1):
            cuts[k] = cut
    for k in range(full[-1] + 1, len(blocks) + 1):
        cuts[k] = length
    return [(cuts[k], cuts[k + 1]) for k in range(len(blocks))]
