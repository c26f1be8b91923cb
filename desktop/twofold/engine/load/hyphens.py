"""Words broken at a line end with a hyphen: joined again ("coopera-" + "tion"), or kept whole
when the hyphen is the word's own ("counter-" + "terrorism", "Niger-" + "based").

The document itself is the best witness (the same word written elsewhere, with or without its
hyphen); then how common the joined word is in English (wordfreq); then whether both halves are
words of their own. A break inside a name ("Abdra-" + "mane") joins, as typesetters break them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

HYPHENS = "-\u2010\u00ad"
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010'’][^\W\d_]+)*")
_COMMON = 3.0  # Zipf frequency of a common word ("cooperation" 4.3, "counterterrorism" 2.85)
_A_WORD = 2.0  # Zipf frequency above which a half is a word of its own ("based", "Yunus")


def lexicon(lines: Iterable[str]) -> Counter[str]:
    """How often each word (case-folded, hyphens kept) is written inside the document's lines."""
    words: Counter[str] = Counter()
    for line in lines:
        found = _WORD.findall(line.rstrip(HYPHENS))
        words.update(w.casefold().replace("\u2010", "-") for w in found)
    return words


def keeps_hyphen(head: str, tail: str, seen: Counter[str]) -> bool:
    """Whether "head-" at a line end and "tail" on the next line are one hyphenated word."""
    if head.endswith("\u00ad"):  # a soft hyphen only ever marks a break
        return False
    left = _last_word(head.rstrip(HYPHENS))
    right = _first_word(tail)
    if not left or not right:
        return True
    if right[0].isupper():  # "pro-" + "Russian", "US-" + "Africa"
        return True
    joined, hyphenated = (left + right).casefold(), f"{left}-{right}".casefold()
    if seen[joined] != seen[hyphenated]:
        return seen[hyphenated] > seen[joined]
    if _zipf(joined) >= _COMMON:
        return False
    return _zipf(left.casefold()) >= _A_WORD and _zipf(right.casefold()) >= _A_WORD


def _last_word(text: str) -> str:
    words = _WORD.findall(text[-60:])
    return words[-1].rsplit("-", 1)[-1] if words and text.endswith(words[-1]) else ""


def _first_word(text: str) -> str:
    match = _WORD.match(text)
    return match.group().split("-", 1)[0] if match else ""


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))
