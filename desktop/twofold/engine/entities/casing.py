"""Case normalisation before NER: capitals and Title Case lines read as ordinary sentences.

The model learnt names from their capitals, so in "KEVIN BROWN LOWERS ERA AS MARLINS BEAT REDS"
or "Niger Junta Ends Military Pact With US" every word looks like a name. Such a paragraph is
re-read with each word in the case the article itself writes it elsewhere ("Brown" if the body
says "Kevin Brown", "lowers" if it says "lowers"); words the article never writes otherwise take
the gazetteer's case for places, lower case for common words, and keep short acronyms. Only
letters change case, so every character offset stays valid in the original text.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Article
from .gazetteer import gazetteer, is_demonym, lookup_place
from .names import GENERATIONS, word_zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
_COMMON_ZIPF = 3.0  # a word this frequent, never seen capitalised in the article, is common
_FIRST_COMMON_ZIPF = 4.0  # the same for a kicker word before a dash or colon
_KICKER = re.compile(r"\s*[-–—:]\s")
_SHOUT_SHARE = 0.8  # share of upper-case letters that makes a paragraph "in capitals"
_TITLE_SHARE = 0.6  # share of capitalised longer words that makes a line Title Case
_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "with",
    "by", "from", "as", "into", "over", "off", "up", "out", "after", "before", "against",
    "about", "amid", "than", "is", "are", "was", "were", "be", "its", "his", "her", "their",
    "this", "that", "who", "what", "how", "why", "not", "no", "will", "has", "have", "says",
})


def shouted(text: str) -> bool:
    """Whether a paragraph is written in capitals ("CHICAGO 65 66 .496", "BONN 1996-08-31")."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= _SHOUT_SHARE


def title_cased(doc: Doc, headline: bool = False) -> bool:
    """A headline in Title Case ("Niger Ends Pact With US"), where the model reads every word
    as part of a name; outside the headline, a capitalised function word tells it from a list
    of names."""
    text = doc.text.rstrip()
    if not text or text[-1] in ".!?\"”'’" or len(doc) > 40:
        return False  # a sentence, not a headline
    words = [t for t in doc[1:] if t.is_alpha and len(t) > 3]
    if len(words) < 2 or not (headline or any(t.lower_ in _FUNCTION_WORDS
                                              and t.text[:1].isupper() for t in doc[1:])):
        return False
    return sum(1 for t in words if t.text[0].isupper()) / len(words) >= _TITLE_SHARE


def case_evidence(docs: Sequence[Doc], skip: set[int]) -> dict[str, Counter[str]]:
    """How the article writes each word inside sentences: lower-case word -> surface forms."""
    seen: dict[str, Counter[str]] = {}
    for n, doc in enumerate(docs):
        if n in skip:
            continue
        for tok in doc:
            # a capital after a full stop says nothing, unless the model reads a name there
            inside = not tok.is_sent_start and tok.i > 0 \
                and doc[tok.i - 1].text not in ("“", '"', ":", "-", "—", "(", "‘", "'")
            if tok.is_alpha and (inside or tok.ent_type_ in _NAMES):
                seen.setdefault(tok.lower_, Counter())[tok.text] += 1
    return seen


def recase(text: str, evidence: dict[str, Counter[str]]) -> str:
    """`text` with each word in its likely everyday case; same length, same offsets."""
    shouting = shouted(text)
    out = list(text)
    places = _place_words(text)
    first = True
    for match in _WORD.finditer(text):
        word = match.group()
        if not word[:1].isupper() or (word.isupper() and len(word) > 1 and not shouting):
            first = False
            continue  # in a Title Case line, capitals are an acronym: "UN", "WHO"
        kicker = first and _KICKER.match(text, match.end()) is not None
        new = _word_case(word, evidence, first, match.start() in places, kicker)
        first = False
        if len(new) == len(word):
            out[match.start():match.end()] = new
    return "".join(out)


def _word_case(word: str, evidence: dict[str, Counter[str]], first: bool, place: bool,
               kicker: bool = False) -> str:
    low = word.lower()
    forms = evidence.get(low)
    if forms:
        usual = forms.most_common(1)[0][0]
        return usual[:1].upper() + usual[1:] if first else usual
    if place or _named_place(word):
        return _title(word)
    if first:
        return low if kicker and word_zipf(low.rstrip(".")) >= _FIRST_COMMON_ZIPF else \
            _title(word)  # "CRICKET - ...", "ANALYSIS: ...": a label, not a name
    if low in _FUNCTION_WORDS:
        return low
    bare = low.rstrip(".")
    if bare in GENERATIONS:
        return word  # "Jesse Jackson Jr. Pleads Guilty": a name's "Jr.", not a word
    if "." in bare:
        return word  # "U.S.", "U.N."
    if word.isupper() and len(bare) <= 4 and word_zipf(bare) < 3.0:
        return word  # an acronym: "NFL", "OSCE"
    return low if word_zipf(bare) >= _COMMON_ZIPF else _title(word)


def _named_place(word: str) -> bool:
    """A one-word place or nationality of the gazetteer ("GERMANY", "Berlin", "IRISH")."""
    title = _title(word)
    return lookup_place(title) is not None or is_demonym(title)


def _title(word: str) -> str:
    """"CHICAGO" -> "Chicago", "O'NEILL" -> "O'Neill", "al-Jaber" kept as written."""
    if not word.isupper():
        return word[:1].upper() + word[1:]
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[:1] + m.group()[1:].lower(), word)


def _place_words(text: str) -> set[int]:
    """Start offsets of the words inside gazetteer places of two or more words ("NEW YORK")."""
    g = gazetteer()
    words = list(_WORD.finditer(text))
    starts: set[int] = set()
    for i, first in enumerate(words):
        if first.group().title() not in g.first_words and first.group() not in g.first_words:
            continue
        for n in range(min(g.max_tokens, len(words) - i), 1, -1):
            chunk = text[first.start():words[i + n - 1].end()]
            if lookup_place(chunk) is not None or lookup_place(_title(chunk)) is not None:
                starts.update(w.start() for w in words[i:i + n])
                break
    return starts


def recased(article: Article, docs: Sequence[Doc]) -> tuple[Article, tuple[Doc, ...]]:
    """The article and its Docs with capitals and Title Case lines re-read in everyday case.

    Paragraphs that need no change keep their Doc; the others are analysed again (a headline,
    a dateline, a results table: a small share of most articles).
    """
    todo = {n for n, (doc, para) in enumerate(zip(docs, article.paragraphs, strict=True))
            if shouted(doc.text) or title_cased(doc, para.role == "headline")}
    if not todo:
        return article, tuple(docs)
    evidence = case_evidence(docs, todo)
    texts = {n: recase(docs[n].text, evidence) for n in todo}
    changed = {n: t for n, t in texts.items() if t != docs[n].text}
    if not changed:
        return article, tuple(docs)
    fresh = _analysed(list(changed.values()))
    new_docs = list(docs)
    paragraphs = list(article.paragraphs)
    for (n, text), doc in zip(changed.items(), fresh, strict=True):
        new_docs[n] = doc
        paragraphs[n] = dataclasses.replace(paragraphs[n], text=text)
    return dataclasses.replace(article, paragraphs=tuple(paragraphs)), tuple(new_docs)


_memo: OrderedDict[str, Doc] = OrderedDict()
_memo_lock = threading.Lock()
_MEMO_SIZE = 2048


def _analysed(texts: list[str]) -> list[Doc]:
    """spaCy Docs of re-cased paragraphs, remembered for the process (they are short)."""
    from ..nlp import load_nlp

    with _memo_lock:
        found = {t: _memo[t] for t in texts if t in _memo}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        found.update(zip(missing, load_nlp().pipe(missing, batch_size=64), strict=True))
        with _memo_lock:
            _memo.update((t, found[t]) for t in missing)
            while len(_memo) > _MEMO_SIZE:
                _memo.popitem(last=False)
    return [found[t] for t in texts]
