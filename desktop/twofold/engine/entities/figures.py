"""Dates and figures: points in time (not durations), counted quantities with their noun, money.

A date is a point or period a reader can place on a calendar ("July 26", "Saturday evening",
"earlier this week", "2012"); durations ("four months", "a three-day visit") are not. A figure
keeps what it counts ("approximately 1,000 US troops"); a bare number, or an anaphoric one
("the two countries"), is no entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import EntityLabel
from .gazetteer import slug

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MONTHS = {
    m: i + 1 for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"])
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = frozenset({"day", "week", "weekend", "month", "year", "decade", "century", "quarter",
                    "season", "term", "semester",
                    "spring", "summer", "autumn", "fall", "winter", "hour", "minute", "night",
                    "morning", "afternoon", "evening", "fortnight"})
_DEICTIC = {"last": "last", "past": "last", "previous": "last", "this": "this",
            "current": "this", "next": "next", "coming": "next", "earlier": "this",
            "later": "this"}
_SINGLE = {"yesterday", "today", "tomorrow", "tonight"}
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight"})
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 12, "a": 1, "an": 1,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "m": 1e6, "bn": 1e9, "k": 1e3}
_APPROX = frozenset({"about", "approximately", "around", "nearly", "almost", "roughly", "some",
                     "over", "under", "more", "less", "fewer", "least", "most", "up", "than",
                     "estimated", "an", "at", "to", "just", "only", "barely", "close"})
_SYMBOLS = frozenset({"$", "€", "£", "¥", "US$", "₦", "₹", "CFA"})
_CURRENCIES = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "dollars": "usd",
               "dollar": "usd", "euros": "eur", "euro": "eur", "pounds": "gbp", "cfa": "xof"}
_TIME_UNIT_NOUNS = _UNITS | {"days", "weeks", "months", "years", "decades", "hours", "minutes",
                             "nights", "times", "centuries", "seconds"}


@dataclass(frozen=True, slots=True)
class DateValue:
    """The calendar fields a date expression fixes; unset fields are None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None
    relative: str | None = None  # "this-week", "last-year", "yesterday"

    @property
    def key(self) -> str:
        parts = [str(self.year) if self.year else "", f"m{self.month:02d}" if self.month else "",
                 f"d{self.day:02d}" if self.day else "", self.weekday or "",
                 self.relative or ""]
        return "date:" + "-".join(p for p in parts if p)

    def compatible(self, other: DateValue) -> float:
        """How surely two dates of two articles name one point in time (0 = different)."""
        if self == other:
            return 1.0
        fields = ("year", "month", "day", "weekday", "relative")
        for name in fields:
            a, b = getattr(self, name), getattr(other, name)
            if a is not None and b is not None and a != b:
                return 0.0
        if self.month and self.month == other.month:
            return 0.7
        if self.weekday and self.weekday == other.weekday:
            return 0.7
        return 0.0


def parse_date(text: str) -> DateValue | None:
    """Calendar fields of a date expression, or None for durations and vague spans."""
    words = re.findall(r"[A-Za-z]+|\d+(?:st|nd|rd|th)?", text.lower())
    if not words:
        return None
    if re.search(r"\d+-(day|week|month|year|hour)", text.lower()) or "old" in words:
        return None  # "three-day", "62-year-old"
    year = month = day = None
    weekday = relative = None
    has_ago = "ago" in words
    for k, w in enumerate(words):
        if w.isdigit() and len(w) == 4 and 1000 <= int(w) <= 2199:
            year = int(w)
        elif w in MONTHS and (len(w) > 3 or w in ("may",) or k + 1 < len(words)):
            month = MONTHS[w]
        elif w.rstrip("stndrh").isdigit() and 1 <= int(w.rstrip("stndrh")) <= 31 and (
                (k > 0 and words[k - 1] in MONTHS)
                or (k + 1 < len(words) and words[k + 1] in MONTHS)
                or (k + 2 < len(words) and words[k + 1] == "of" and words[k + 2] in MONTHS)):
            day = int(w.rstrip("stndrh"))
        elif w in WEEKDAYS:
            weekday = w[:3]
        elif w in _SINGLE:
            relative = w
    if month is None and weekday is None:
        for k, w in enumerate(words):
            if w in _DEICTIC and k + 1 < len(words) and words[k + 1] in _UNITS | {"the"}:
                unit = words[k + 1] if words[k + 1] != "the" else words[min(k + 2, len(words) - 1)]
                if unit in _UNITS:
                    relative = f"{_DEICTIC[w]}-{unit}"
                    break
            if w in ("end", "start", "beginning", "middle") \
                    and words[k + 1:k + 3] == ["of", "the"] \
                    and k + 3 < len(words) and words[k + 3] in _UNITS:
                relative = f"this-{words[k + 3]}"  # "the end of the year"
                break
            if w in _DEICTIC and k + 2 < len(words) and words[k + 1] == "in" \
                    and words[k + 2] == "the":
                unit = words[k + 3] if k + 3 < len(words) else ""
                if unit in _UNITS:
                    relative = f"this-{unit}"
                    break
    if has_ago:
        amount = next((w for w in words if w.isdigit() or w in NUMBER_WORDS), "")
        unit = next((w for w in words if w.rstrip("s") in _UNITS), "")
        if amount and unit:
            relative = f"{_plain(_number(amount) or 1)}-{unit.rstrip('s')}-ago"
    elif _is_duration(words) and not (year or month or weekday):
        return None
    value = DateValue(year, month, day, weekday, relative)
    return value if value != DateValue() else None


def _is_duration(words: list[str]) -> bool:
    for k, w in enumerate(words[1:], 1):
        if w.rstrip("s") in _UNITS and (words[k - 1] in NUMBER_WORDS or words[k - 1].isdigit()
                                         or words[k - 1] in ("several", "few", "many")):
            return True
    return any(w in ("decades", "years", "months", "weeks", "days") for w in words)


def _number(text: str) -> float | None:
    text = text.lower().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(bn|tn|mn|m|k)?", text)
    if match:
        scale = {"bn": 1e9, "tn": 1e12, "mn": 1e6, "m": 1e6, "k": 1e3}.get(match.group(2) or "", 1)
        return float(match.group(1)) * scale
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else None


def date_spans(doc: Doc) -> list[tuple[int, int, DateValue]]:
    """Token ranges of the dates in a paragraph, widened to "Saturday evening", "earlier in"."""
    out: list[tuple[int, int, DateValue]] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = ent.start, ent.end
        if end < len(doc) and doc[end].lower_ in _PARTS_OF_DAY:
            end += 1  # "Saturday" + TIME "evening"
        if start >= 2 and doc[start - 1].lower_ == "in" \
                and doc[start - 2].lower_ in ("earlier", "later", "early", "late"):
            start -= 2  # "earlier in the week"
        elif start >= 1 and doc[start - 1].lower_ in ("earlier", "later", "early", "late", "mid"):
            start -= 1
        if doc[start].lower_ in ("the",) and end - start > 1:
            start += 1
        while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
            end -= 1
        value = parse_date(doc[start:end].text)
        if value is not None and (ent.label_ == "DATE" or value.relative is None):
            out.append((start, end, value))  # a TIME only as "Wednesday morning"
    return out


@dataclass(frozen=True, slots=True)
class Figure:
    """A counted quantity, a sum of money or a percentage, with its comparison key."""

    start: int
    end: int  # token range
    label: EntityLabel
    key: str
    noun: str = ""  # lemma of what a quantity counts


def figure_spans(doc: Doc) -> list[Figure]:
    """Quantities that keep their counted noun, money and percentages in one paragraph."""
    out = ratio_spans(doc)
    taken = {i for f in out for i in range(f.start, f.end)}
    for ent in doc.ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ in ("MONEY", "PERCENT", "QUANTITY"):
            figure = _entity_figure(ent)
            if figure is not None:
                out.append(figure)
                taken.update(range(ent.start, ent.end))
        elif ent.label_ in ("DATE", "TIME"):  # "12/23/12 06:03 PM" counts no "PM"s
            taken.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i in taken or tok.dep_ not in ("nummod", "compound") \
                or not (_numeric(tok.text) or tok.lower_ in _SCALES):
            continue
        if tok.dep_ == "compound" and tok.head.lower_ not in _SCALES:
            continue
        if hyphen_joined(tok):  # "a 115-page opinion", "a 24-14 deficit": a description or a
            score = _score(tok)  # score (listed, under both its numbers)
            if score is not None and score.end - 1 not in taken:
                out.append(score)
                taken.update(range(score.start, score.end))
            continue
        head = tok.head
        while head.lower_ in _SCALES and head.dep_ in ("nummod", "compound") \
                and head.head.i > head.i:
            head = head.head  # "2m doses", "10 million vaccine doses"
        if head.i <= tok.i or head.pos_ not in ("NOUN", "PROPN") or head.i in taken:
            continue
        if head.lower_ in _TIME_UNIT_NOUNS or head.lemma_.lower() in _TIME_UNIT_NOUNS:
            continue  # a duration or a multiplier
        if head.lower_ in ("am", "pm", "a.m.", "p.m.") or any(
                CLOCK_TIME.fullmatch(t.text) for t in doc[tok.i:head.i]):
            continue  # "12/23/12 06:03 PM": a time of day, whatever the model calls it
        if head.lower_ in ("others", "more", "ones", "other", "less", "fewer"):
            continue  # "six others": the count of something named elsewhere
        if re.fullmatch(r"1[0-9]{3}|2[01][0-9]{2}", tok.text):
            continue  # a year used as a modifier
        start = _left_of_number(tok)
        if start > 0 and doc[start - 1].lower_ in ("the", "these", "those", "both", "all") \
                and not any(c.isdigit() for c in tok.text):
            continue  # "the two countries": a reference back, not a figure
        last = tok.i  # the number's own words: "10 million doses", not "19 Sept. 11 hijackers"
        while last + 1 < head.i and (_numeric(doc[last + 1].text) or doc[last + 1].lower_ in
                                     _SCALES) and last + 1 not in taken:
            last += 1
        value = _number_phrase([t.text for t in doc[start:last + 1]])
        noun = singular(head.text)
        number = _plain(value) if value is not None else slug(tok.text)
        out.append(Figure(start, head.i + 1, "QUANTITY", f"quantity:{number}-{slug(noun)}", noun))
        taken.update(range(start, head.i + 1))
    return out


def hyphen_joined(tok: Token, fractions: bool = True) -> bool:
    """A number joined by a hyphen to the next word ("a 115-page opinion", "the 27-nation bloc":
    a description, not a count; "two-thirds" too, unless not `fractions`) or to another number
    in a score or a vote ("a 24-14 deficit", "a 5-4 decision": two figures, neither a count).
    "twenty-four" is one number and "20-25 people" a range of one count."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text in _HYPHENS and not tok.whitespace_ \
            and not doc[tok.i + 1].whitespace_ and not doc[tok.i + 2].like_num \
            and (fractions or doc[tok.i + 2].lower_ not in FRACTIONS):
        return True
    pair = _number_pair(tok)
    return pair is not None and not _tens_and_unit(pair[0].lower_, pair[1].lower_) and \
        not _is_range(*pair)


def _number_pair(tok: Token) -> tuple[Token, Token] | None:
    """The two numbers of "24-14" (or "twenty-four") that `tok` is one of, else None."""
    doc = tok.doc
    for first in (tok.i, tok.i - 2):
        if first >= 0 and first + 2 < len(doc) and doc[first + 1].text in _HYPHENS and \
                not doc[first].whitespace_ and not doc[first + 1].whitespace_ and \
                doc[first].like_num and doc[first + 2].like_num:
            return doc[first], doc[first + 2]
    return None


def _pair_noun(first: Token, second: Token) -> Token | None:
    """The noun two hyphen-joined numbers modify ("victory" of "a 31-24 victory")."""
    for tok in (first, second):
        head = tok.head
        if tok.dep_ == "nummod" and head.i > second.i and head.pos_ == "NOUN" and not any(
                t.is_bracket for t in tok.doc[second.i + 1:head.i]):
            return head
    return None


def _is_range(first: Token, second: Token) -> bool:
    """"20-25 people": two ends, low to high, of one count of a plural noun, not a score
    ("36-3 (24 KOs)")."""
    noun = _pair_noun(first, second)
    low, high = _number(first.text), _number(second.text)
    return noun is not None and noun.tag_ == "NNS" and low is not None and high is not None \
        and low < high


def _tens_and_unit(tens: str, unit: str) -> bool:
    """"twenty" and "four" of "twenty-four": one number written in two words."""
    return NUMBER_WORDS.get(tens, 0) in range(20, 100, 10) and NUMBER_WORDS.get(unit, 0) in \
        range(1, 10)


def _score(tok: Token) -> Figure | None:
    """A score or a vote of digits that names what it is ("a 31-24 victory", "a 24-14
    deficit"), found at its first number: keyed by both numbers, never valued as one."""
    pair = _number_pair(tok)
    if pair is None or tok != pair[0] or not (pair[0].text.isdigit() and
                                                  pair[1].text.isdigit()):
        return None
    noun = _pair_noun(*pair)
    if noun is None or _is_range(*pair):
        return None
    name = singular(noun.text)
    return Figure(pair[0].i, noun.i + 1, "QUANTITY",
                  f"{SCORE}:{pair[0].text}-{pair[1].text}-{slug(name)}", name)


def number_range(words: list[str]) -> tuple[float, float] | None:
    """The two ends of "2,000 to 3,000", "20-25" (a range of one count), else None."""
    values = [(k, _number(w)) for k, w in enumerate(words)]
    found = [(k, v) for k, v in values if v is not None]
    if len(found) == 2 and found[1][0] == found[0][0] + 2 and \
            words[found[0][0] + 1].lower() in _RANGE_WORDS and not _tens_and_unit(
                words[found[0][0]].lower(), words[found[1][0]].lower()):
        low, high = sorted((found[0][1], found[1][1]))
        return low, high
    return None


SCORE = "score"  # the key prefix of a score or a vote ("score:31-24-victory"), two numbers
_HYPHENS = frozenset({"-", "–"})
_RANGE_WORDS = _HYPHENS | {"to"}
_NUMBER_GLUE = _RANGE_WORDS | _SCALES.keys() | {"and", "a", "an"}  # words inside a number phrase
FRACTIONS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fourths",
                        "fifth", "fifths", "tenth", "tenths"})


RATIO = "ratio"  # the key suffix of a share written as "N in M" (see `ratio_spans`)
_RATIO_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(
    w for w in NUMBER_WORDS if w not in ("a", "an", "dozens"))
_RATIO = re.compile(rf"(?<![\w.,-])({_RATIO_NUMBER})(?:\s*-\s*|\s+)(in|out\s+of)(?:\s*-\s*|\s+)"
                    rf"(?:(a|an)\s+)?({_RATIO_NUMBER}|thousand|million)(?!\w|[.,]\d)",
                    re.IGNORECASE)


def ratio_spans(doc: Doc) -> list[Figure]:
    """Shares written as odds: "one in five Americans", "a 2-in-3 chance", "nine out of 10".

    One figure each, valued as a percentage, so "1 in 3" and "one-in-three" are the same
    figure and neither is read as two numbers (or as their product). The key ends in "-ratio":
    odds are rounder than a percentage ("one in three" is also "33 percent").
    """
    out = []
    for m in _RATIO.finditer(doc.text):
        part = _number(m.group(1))
        whole = _number(m.group(4)) if m.group(4).lower() not in _SCALES else (
            _SCALES[m.group(4).lower()])
        if m.group(3) and m.group(4).lower() not in _SCALES:
            continue  # "one in a ..." only before a scale: "one in a million"
        if part is None or whole is None or not 0 < part < whole or (
                re.fullmatch(r"1[89]\d\d|20\d\d", m.group(4))):
            continue  # "3 in 2012": a date, not a share
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        head = doc[span.end] if span.end < len(doc) else None
        noun = singular(head.text) if head is not None and head.pos_ in ("NOUN", "PROPN") \
            and head.is_alpha else ""
        if head is not None and head.lower_ in _TIME_UNIT_NOUNS:
            continue  # "3 in 10 minutes": a count in a time, not a share
        out.append(Figure(span.start, span.end, "PERCENT",
                          f"percent:{_plain(round(100 * part / whole, 4))}-{RATIO}", noun))
    return out


CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2})?")  # "06:03", "9.31", "11:41:08"
_NUMERIC = re.compile(r"\d[\d,.]*(?:bn|tn|mn|m|k)?", re.IGNORECASE)


def _numeric(text: str) -> bool:
    """A number written as digits ("1,000", "8.5bn") or as a word ("two")."""
    return bool(_NUMERIC.fullmatch(text)) or (text.lower() in NUMBER_WORDS and text.lower() \
        not in ("a", "an"))


def singular(word: str) -> str:
    """The counted noun in the singular ("troops" -> "troop"), the same on both sides."""
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return low[:-1]
    return low


def _plain(value: float) -> str:
    """A number for a key: "2000000", "3.5", never "2e+06"."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _number_phrase(words: list[str]) -> float | None:
    """Value of "about 2 million", "1,200", "two": the product of its numbers and scales."""
    ends = number_range(words)
    if ends is not None:
        return ends[0]  # "2,000 to 3,000 people": keyed by the low end (see `number_range`)
    value: float | None = None
    previous = ""
    for word in words:
        low = word.lower().replace(",", "")
        if low in _SCALES and value is not None:
            value *= _SCALES[low]
        elif low not in _APPROX and low not in ("a", "an"):
            number = _number(low)
            if number is not None and value is not None and _tens_and_unit(previous, low):
                value += number  # "twenty-four"
            elif number is not None:
                value = number if value is None else value * number
        if low not in _HYPHENS:
            previous = low
    return value


def _left_of_number(tok: Token) -> int:
    """First token of a number phrase: its approximators and the numbers that scale it."""
    start = tok.i
    doc = tok.doc
    for child in tok.children:
        if child.i < tok.i and child.like_num and all(
                t.like_num or t.lower_ in _NUMBER_GLUE for t in doc[child.i + 1:tok.i]):
            start = min(start, child.left_edge.i)  # "10 million", "2,000 to 3,000", not "3 (24"
        elif child.i < tok.i and child.dep_ in ("advmod", "quantmod", "amod") \
                and child.lower_ in _APPROX:
            start = min(start, child.left_edge.i)
    return start


def _entity_figure(ent: Span) -> Figure | None:
    """A money, percent or quantity span of the model, tidied and keyed by its value."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if start > 0 and doc[start - 1].text in _SYMBOLS and doc[start].text not in _SYMBOLS:
        start -= 1  # "$" left out of "162.34"
    if end < len(doc) and doc[end].lower_ in ("m", "bn", "k", "tn", "mn") \
            and not doc[end - 1].whitespace_:
        end += 1  # "m" left out of "£64m"
    opened = [t.i for t in doc[start:end - 1] if t.text in ("(", "[")]
    if opened:
        start = opened[-1] + 1  # "36-3 (24 KOs": the figure is what the bracket holds
    text = doc[start:end].text.lower().replace(",", "")
    label = ent.label_
    if label == "MONEY" and re.search(r"%|\bper ?cent\b", text):
        label = "PERCENT"  # the model reads "1.4 per cent" as money
    if label == "PERCENT":
        num = re.search(r"\d+(?:\.\d+)?", text)
        key = f"percent:{_plain(float(num.group()))}" if num else "percent:" + slug(text)
        return Figure(start, end, "PERCENT", key)
    numbers = [t for t in doc[start:end] if _numeric(t.text) or t.lower_ in _SCALES]
    if not numbers:
        return None
    value = _number_phrase([t.text for t in doc[numbers[0].i:numbers[-1].i + 1]])
    amount = _plain(value) if value is not None else slug(text)
    if label == "MONEY":
        currency = next((c for sym, c in _CURRENCIES.items()
                         if sym in text.split() or (not sym.isalpha() and sym in text)), "")
        return Figure(start, end, "MONEY", f"money:{amount}-{currency or 'unknown'}")
    first = numbers[0].i  # "a record 8.5 billion tonnes" -> "8.5 billion tonnes"
    while first > start and doc[first - 1].lower_ in _APPROX:
        first -= 1
    noun = singular(doc[end - 1].text)
    return Figure(first, end, "QUANTITY", f"quantity:{amount}-{slug(noun)}", noun)
