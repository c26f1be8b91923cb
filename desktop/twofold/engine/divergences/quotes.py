"""Quotations: the same remark quoted with different words, wherever the two articles print it.

Two quotations are one remark when most words of the shorter one recur, in order, in the other.
Only differences inside the stretch both quote count: one outlet quoting more of the remark than
the other, or cutting it with an ellipsis, is no divergence, and neither are punctuation, dashes,
"&" for "and", numbers in words or digits, quote-mark style, abbreviated titles, or an added
filler word ("very").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..entities.figures import NUMBER_WORDS
from ..model import Article, Divergence, Span
from .equivalence import name_relation, strip_quote_marks, title_word

_QUOTE = re.compile(r"[“\"«„]([^”\"»“„«]{8,}?)[”\"»“]")
# "f***ing" is one word; so is "F.B.I." (the same word as "FBI")
_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}")
_WORD = re.compile(rf"{_INITIALS.pattern}|[\w'’]+(?:\*+[\w'’]*)?|&")
_GAP = re.compile(r"\.\.\.|…|\[|\]")
_MIN_SHARED = 5  # words two quotations share in order before they count as one remark
_MIN_SHARE = 0.6  # of the shorter quotation's words
# Two people say alike things ("a power grab for the people"): quotations credited to two
# different people are one remark only when almost every word recurs.
_SAME_WORDS = 0.85
_ALIKE = 3  # words quoted alike that part two differences (closer, they are one)
# Words whose change alters what was said even though they are short and common.
_MEANING = frozenset({"not", "no", "never", "n't", "nothing", "none", "nobody", "neither", "nor",
                      "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her",
                      "them", "my", "our", "your", "his", "their", "its", "all", "any", "every",
                      "always", "only", "more", "less", "most", "least", "before", "after"})


# Who a quotation is credited to, written right after it ("…," said Jon Thompson / "…,"
# Woodhouse said) or right before it (Pelosi said: "…"). A name of one to four capitalised words.
_NAME = r"((?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w’'-]+)"
_SAYS = r"(?:said|says|added|adds|wrote|writes|told|tells|asked|declared|insisted|argued)"
_LOWER = r"(?:[a-z’'-]+\s){0,3}"  # "port director", "the union's"
_AFTER = re.compile(rf"^[,.!?—–-]*[”\"»]?\s*(?:{_SAYS}\s+{_LOWER}{_NAME}|{_LOWER}{_NAME}\s+"
                    rf"{_SAYS}\b)")
_BEFORE = re.compile(rf"{_NAME}\s+{_SAYS}(?:\s+\w+)?[:,]?\s*[“\"«„]?$")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation's words (without its quote marks) and where each sits in its paragraph."""

    paragraph: int
    start: int
    end: int
    words: tuple[tuple[str, int, int], ...]  # (comparable form, start, end)
    gaps: frozenset[int] = frozenset()  # word indices an ellipsis or bracket cut stands before
    speaker: str = ""  # the name it is credited to next to it, when the paragraph writes one


def within_quotation(text: str, pos: int) -> bool:
    """Whether character `pos` of a paragraph lies inside quotation marks: after an opening mark
    not closed before it (a quotation of several paragraphs leaves each one open)."""
    inside = False
    for ch in text[:pos]:
        if ch in "“«„":
            inside = True
        elif ch in "”»":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


def quotations(article: Article) -> list[Quotation]:
    """Every quotation of at least a few words, in paragraph order."""
    out = []
    for p in article.paragraphs:
        speaker = ""  # a quotation without its own credit continues the one before it
        for m in _QUOTE.finditer(p.text):
            inner = m.group(1)
            found = [w for w in _WORD.finditer(inner) if _form(w.group())]
            words = tuple((form, m.start(1) + w.start(), m.start(1) + w.end())
                          for w in found for form in _forms(w.group()))
            gaps = frozenset(k for k, w in enumerate(found) if k and _GAP.search(
                inner[found[k - 1].end():w.start()]))
            speaker = _speaker(p.text, m.start(), m.end()) or speaker
            if len(words) >= 3:
                out.append(Quotation(p.id, m.start(1), m.end(1), words, gaps, speaker))
    return out


def _speaker(text: str, start: int, end: int) -> str:
    """The name written as the speaker right after or right before a quotation, else ""."""
    after = _AFTER.match(text[end:end + 80])
    if after:
        return after.group(1) or after.group(2)
    before = _BEFORE.search(text[max(0, start - 80):start + 1])
    return before.group(1) if before else ""


def _other_speakers(a: Quotation, b: Quotation) -> bool:
    """Both quotations are credited to a named person, and not to the same one."""
    return bool(a.speaker and b.speaker) and name_relation(a.speaker, b.speaker) == "other"


def _forms(word: str) -> list[str]:
    """A word's comparable forms: contractions and spoken forms spelled out ("he's" -> he is,
    "gonna" -> going to), so two transcriptions of one remark compare equal."""
    form = _form(word)
    if form in _SPOKEN:
        return list(_SPOKEN[form])
    head, _, tail = form.partition("'")
    if tail == "t" and head.endswith("n"):  # "don't", "can't", "won't"
        return [_NOT_STEMS.get(head, head[:-1]), "not"]
    if tail in _CONTRACTED and (tail != "s" or head in _PRONOUNS):
        return [head, _CONTRACTED[tail]]
    return [form]


_SPOKEN = {"gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to")}
_CONTRACTED = {"s": "is", "re": "are", "m": "am", "ll": "will", "ve": "have", "d": "would"}
_NOT_STEMS = {"won": "will", "can": "can", "don": "do", "shan": "shall", "ain": "is"}
_PRONOUNS = frozenset({"he", "she", "it", "that", "there", "what", "who", "here", "where",
                       "this", "how", "let"})


# Numbers are spelt out or written in digits by each outlet's style ("two-in-three" / "2 in 3").
_DIGITS = {word: str(value) for word, value in NUMBER_WORDS.items()
           if word not in ("a", "an", "dozens")}


def _form(word: str) -> str:
    word = word.casefold().replace("’", "'").strip("'")
    if _INITIALS.fullmatch(word):
        word = word.replace(".", "")
    return "and" if word == "&" else _DIGITS.get(word) or title_word(word)


@dataclass(frozen=True, slots=True)
class SameRemark:
    """Two quotations of one remark, and how surely they are one (share of words in order)."""

    left: Quotation
    right: Quotation
    share: float
    shared: int


def same_remarks(left: Sequence[Quotation], right: Sequence[Quotation]) -> list[SameRemark]:
    """Pairs of quotations that quote one remark; each quotation in its best pair only."""
    found = []
    rindex: dict[str, set[int]] = {}
    for j, q in enumerate(right):
        for form, _, _ in q.words:
            rindex.setdefault(form, set()).add(j)
    rcounts = [Counter(w[0] for w in q.words) for q in right]
    for lq in left:
        lforms = [w[0] for w in lq.words]
        lcount = Counter(lforms)
        candidates = set().union(*(rindex.get(f, set()) for f in lcount))
        for j in candidates:
            rq = right[j]
            # the words two quotations share in any order bound those they share in order
            bound = sum((lcount & rcounts[j]).values())
            if bound < _MIN_SHARED or bound < _MIN_SHARE * min(len(lforms), len(rq.words)):
                continue
            rforms = [w[0] for w in rq.words]
            matcher = SequenceMatcher(None, lforms, rforms, autojunk=False)
            shared = sum(b.size for b in matcher.get_matching_blocks())
            share = shared / min(len(lforms), len(rforms))
            longest = max(b.size for b in matcher.get_matching_blocks())
            if shared >= _MIN_SHARED and share >= _MIN_SHARE and longest >= 3 and (
                    share >= _SAME_WORDS or not _other_speakers(lq, rq)):
                found.append(SameRemark(lq, rq, share, shared))
    found.sort(key=lambda r: (-r.shared, -r.share))
    used: set[int] = set()
    out = []
    for r in found:
        if id(r.left) not in used and id(r.right) not in used:
            used.update((id(r.left), id(r.right)))
            out.append(r)
    return out


def quote_divergences(left: Article, right: Article,
                      remarks: Sequence[SameRemark]) -> list[Divergence]:
    """One divergence per remark quoted with materially different words."""
    out = []
    for r in remarks:
        found = _wording(r)
        if found is None:
            continue
        (li, lj), (ri, rj), meaning = found
        ls = _span(left, r.left, li, lj)
        rs = _span(right, r.right, ri, rj)
        if not ls.text or not rs.text:
            continue
        confidence = round(min(1.0, 0.45 + 0.5 * r.share + 0.01 * r.shared), 2)
        out.append(Divergence(
            "quote", ls, rs, "The same remark is quoted with different words" +
            (", which change who or what it is about" if meaning else ""),
            1 if meaning else 0, confidence))
    return out


def _wording(r: SameRemark) -> tuple[tuple[int, int], tuple[int, int], bool] | None:
    """Word ranges around the differences inside the stretch both quote, or None."""
    lf = [w[0] for w in r.left.words]
    rf = [w[0] for w in r.right.words]
    ops = SequenceMatcher(None, lf, rf, autojunk=False).get_opcodes()
    # words one outlet left out where it marks a cut ("…") are no difference either, nor are
    # those next to the cut, up to the next stretch both quote alike
    cut: set[int] = set()
    for run in _runs(ops):
        if any(_cut(ops[k], r) for k in run):
            cut.update(run)
    inner = [op for k, op in enumerate(ops) if op[0] != "equal" and k not in cut
             and 0 < k < len(ops) - 1]  # ends: one quotes more
    material = [op for op in inner if _material(lf[op[1]:op[2]], rf[op[3]:op[4]])]
    if not material:
        return None
    meaning = any((set(lf[i1:i2]) ^ set(rf[j1:j2])) & _MEANING and i2 > i1 and j2 > j1
                  for _, i1, i2, j1, j2 in material)
    first, last = material[0], material[-1]
    # two words of context each side, so the span reads as a phrase
    li, lj = max(first[1] - 2, 0), min(max(last[2], last[1] + 1) + 2, len(lf))
    ri, rj = max(first[3] - 2, 0), min(max(last[4], last[3] + 1) + 2, len(rf))
    return (li, lj), (ri, rj), meaning


def _cut(op: tuple[str, int, int, int, int], r: SameRemark) -> bool:
    """Whether an outlet marked a cut ("…") where the two quotations part."""
    _, i1, i2, j1, j2 = op
    return op[0] != "equal" and (any(i1 <= g <= i2 for g in r.left.gaps)
                                 or any(j1 <= g <= j2 for g in r.right.gaps))


def _runs(ops: Sequence[tuple[str, int, int, int, int]]) -> list[list[int]]:
    """Indices of the differing opcodes, grouped where fewer than _ALIKE words part them."""
    runs: list[list[int]] = [[]]
    for k, op in enumerate(ops):
        if op[0] != "equal":
            runs[-1].append(k)
        elif op[2] - op[1] >= _ALIKE and runs[-1]:
            runs.append([])
    return [run for run in runs if run]


_IMPERSONAL = frozenset({"it", "that", "this"})  # "I don't think that's / it's OK": one thing


def _material(a: list[str], b: list[str]) -> bool:
    """A difference of content: not only an added or dropped filler word or title."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..entities.names import is_title_word

    changed = {w for w in set(a) ^ set(b) if not is_title_word(w)}
    if changed <= _IMPERSONAL:
        return False
    if len(a) == len(b) == 1 and min(len(a[0]), len(b[0])) >= 3 and (
            a[0].startswith(b[0]) or b[0].startswith(a[0])):
        return False  # one word written longer: "any worse" / "anything worse"
    if len(a) == len(b) == 1 and _slip(a[0], b[0]):
        return False  # "houses were damages" / "damaged": one letter of one word
    if len(a) == len(b) and all(_censored(x, y) or _censored(y, x)
                                for x, y in zip(a, b, strict=True)):
        return False  # "f***ing": one outlet's asterisks
    if not changed:
        return False
    if changed & _MEANING and a and b:
        return True  # "they destroyed" / "it destroyed"
    return any(w not in STOP_WORDS for w in changed)


def _slip(a: str, b: str) -> bool:
    """Two spellings of one word a letter apart ("damages" / "damaged", "recieve" /
    "receive"): a slip or an ending, not another word (short words are left alone: "now" /
    "not")."""
    from rapidfuzz.distance import Levenshtein

    return min(len(a), len(b)) >= _SLIP_LENGTH and a[:3] == b[:3] and \
        Levenshtein.distance(a, b) == 1


_SLIP_LENGTH = 5


def _censored(masked: str, word: str) -> bool:
    """Whether `masked` is `word` with letters starred out ("f***ing" / "fucking")."""
    if "*" not in masked or "*" in word:
        return False
    pattern = "".join(r"\w+" if c == "*" else re.escape(c) for c in re.sub(r"\*+", "*", masked))
    return re.fullmatch(pattern, word) is not None


def _span(article: Article, q: Quotation, i: int, j: int) -> Span:
    text = article.paragraphs[q.paragraph].text
    start, end = strip_quote_marks(q.words[i][1], q.words[j - 1][2], text)
    return Span(q.paragraph, start, end, text[start:end])
