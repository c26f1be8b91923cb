"""Forms that say the same thing: abbreviated titles, short first names, quote punctuation.

Outlets differ in house style, not in fact, when one writes "Rep." and the other
"Representative", one "Michael G. Grimm" and the other "Michael Grimm", one "&" and the other
"and". The finder compares what remains after these forms are folded. First-name short forms
come from the maintained `nicknames` dataset (Dave/David, Chuck/Charles), not a hand list.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from ..entities.names import is_known_given_name, is_short_form

# Abbreviated titles and ranks of English news style, and words that name the same office.
_TITLE_FORMS = {
    "sen": "senator", "rep": "representative", "congressman": "representative",
    "congresswoman": "representative", "congressmember": "representative",
    "gov": "governor", "lt": "lieutenant", "gen": "general", "atty": "attorney",
    "sec": "secretary", "secy": "secretary", "pres": "president", "supt": "superintendent",
    "amb": "ambassador", "del": "delegate", "col": "colonel", "maj": "major", "capt": "captain",
    "sgt": "sergeant", "adm": "admiral", "cmdr": "commander", "cdr": "commander",
    "brig": "brigadier", "cpl": "corporal", "pvt": "private", "insp": "inspector",
    "det": "detective", "prof": "professor", "asst": "assistant", "dept": "department",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair",
    "chairwoman": "chair", "chairperson": "chair", "advisor": "adviser",
}
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "rev"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DASHES = re.compile(r"[\u2010-\u2015\-]+")
_QUOTE_CHARS = "\"“”„‟«»‘’‚‛'`´"
_ELLIPSIS = re.compile(r"\.\.\.+|…")

NameRelation = Literal["same", "short", "variant", "other"]


def title_word(form: str) -> str:
    """A lower-case word of a title in its full, gender-neutral form ("sen." -> "senator")."""
    return _TITLE_FORMS.get(form.rstrip("."), form)


def quote_words(text: str) -> list[str]:
    """The words of a quotation as compared: no punctuation, dashes, case, "&" or ellipses."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    text = _ELLIPSIS.sub(" ", _DASHES.sub(" ", text))
    text = re.sub(r"\[(\w+)\]", r"\1", text)  # "[W]e" as written by one outlet
    text = re.sub(r"['’](?=\w)", "'", text)
    return [w for w in re.findall(r"[\w']+", text) if w != "'"]


def strip_quote_marks(start: int, end: int, text: str) -> tuple[int, int]:
    """A span without quote marks, spaces or trailing commas at its ends.

    The window's list and the exports put their own quote marks around a span's text: a span
    that kept the article's own would show them doubled.
    """
    while start < end and (text[start] in _QUOTE_CHARS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_CHARS + ",;:" or text[end - 1].isspace()):
        end -= 1
    return start, end


def name_parts(form: str) -> tuple[str, ...]:
    """A person's name as compared: folded words without honorifics, titles, initials, suffixes."""
    from ..entities.names import is_title_word

    folded = unicodedata.normalize("NFKD", form)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w.strip(".,") for w in folded.replace("’", "'").split()]
    words = [w for w in words if w and not w.endswith("'s")]
    while len(words) > 1 and (w := words[0].lower()) and (
            w in HONORIFICS or title_word(w) != w or is_title_word(words[0])):
        words = words[1:]
    # a middle initial goes; a suffix stays, since Donald Trump Jr. is not Donald Trump
    suffix = [w.lower() for w in words if w.lower() in SUFFIXES]
    keep = [w.lower() for k, w in enumerate(words)
            if not (len(w) == 1 and 0 < k < len(words) - 1) and w.lower() not in SUFFIXES]
    return tuple(keep + suffix)


def name_relation(a: str, b: str) -> NameRelation:
    """How two forms of a name differ: not at all, a short first name, a spelling, or more."""
    pa, pb = name_parts(a), name_parts(b)
    if not pa or not pb:
        return "other"
    if pa == pb or pa[-1:] == pb or pb[-1:] == pa:
        return "same"  # "Grimm" and "Michael G. Grimm" name one man
    if _family(pa, pb) or _family(pb, pa):
        return "other"  # "the Obamas" name the family, not Barack Obama spelled otherwise
    if (pa[-1] in SUFFIXES) != (pb[-1] in SUFFIXES):
        return "other"
    if pa[-1] in SUFFIXES:
        return name_relation(" ".join(pa[:-1]), " ".join(pb[:-1])) if pa[-1] == pb[-1] \
            else "other"
    sa, sb = pa[-1], pb[-1]
    if sa != sb and not _close(sa, sb):
        return "other"
    ga, gb = pa[:-1], pb[:-1]
    given: NameRelation = "same"
    if ga and gb and ga[0] != gb[0]:
        if is_short_form(ga[0], gb[0]) or _pet_name(ga[0], gb[0]):
            given = "short"
        elif _close(ga[0], gb[0]):
            given = "variant"
        else:
            return "other"  # Loretta / Linda Sanchez: another person, or the wrong one
    if len(ga) == len(gb) and any(x != y for x, y in zip(ga[1:], gb[1:], strict=True)):
        if not all(_close(x, y) for x, y in zip(ga[1:], gb[1:], strict=True)):
            return "other"
        given = "variant"
    return "variant" if sa != sb else given


def is_given_name(word: str) -> bool:
    """Whether a word can be a given name: one the nickname lists know, or a word too rare in
    English to be an ordinary one ("Carmen", "Barack"; not "Plus" taken into "Plus Obama")."""
    from ..align.terms import zipf

    return is_known_given_name(word) or zipf(word.lower()) < _ORDINARY_WORD


_ORDINARY_WORD = 4.5  # Zipf frequency from which a word is an ordinary English one ("plus" 5)


def _pet_name(a: str, b: str) -> bool:
    """A short name of the same initial as a long one ("Bibi" / "Benjamin"): likely a pet name
    the nickname lists lack, so at most a short form, never another person."""
    short, long_ = sorted((a, b), key=len)
    return short[:1] == long_[:1] and len(short) <= 4 and len(long_) >= 6


def _family(pa: tuple[str, ...], pb: tuple[str, ...]) -> bool:
    """Whether `pa` is the plural of `pb`'s surname alone ("Obamas", "Joneses")."""
    return len(pa) == 1 and pa[0] in (pb[-1] + "s", pb[-1] + "es")


def _close(a: str, b: str) -> bool:
    """Two spellings of one name ("Mahaman"/"Mahamane"), not two names ("Lee"/"Lew" are two)."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import ratio

    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return Levenshtein.distance(a, b) <= 1 or ratio(a, b) >= 80
