"""Dates as an article states them, and the dateline and byline lines around its headline.

`parse_date` reads one date expression ("19 March 2024", "Tuesday, March 19, 2024",
"2024-03-19T10:00Z", "19.03.2024") as `YYYY-MM-DD`; ambiguous numeric forms ("03/04/2024") are
not guessed. `front_matter` takes the lines that only carry a date, a byline or a `Date:`-style
label out of an article's first paragraphs (and a date line out of its last), and reads what they
state: such lines are furniture, not body text, in every format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan janvier janv enero ene januar jänner janeiro gennaio gen",
    "february feb février fevrier févr fevr febrero febr februar fevereiro fev febbraio",
    "march mar mars marzo märz maerz março marco",
    "april apr avril avr abril abr april aprile",
    "may mai mayo mai maio maggio mag",
    "june jun juin junio juni junho giugno giu",
    "july jul juillet juil julio juli julho luglio lug",
    "august aug août aout agosto ago august agosto",
    "september sep sept septembre septiembre setiembre set september setembro settembre",
    "october oct octobre octubre oktober okt outubro out ottobre ott",
    "november nov novembre noviembre november novembro",
    "december dec décembre decembre déc diciembre dic dezember dez dezembro dicembre",
), start=1):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)
_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|lundi|mardi|"
            r"mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|"
            r"freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
            r"\.?,?\s+")
_DATE_FORMS = [re.compile(rf"\b{form}\b", re.IGNORECASE) for form in (
    rf"{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?",
    rf"{_YEAR}/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)",
    rf"(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.{_YEAR}",
    rf"(?:{_WEEKDAY})?{_DAY}(?:\s+(?:de\s+)?|-){_MONTH}(?:,?\s+(?:de\s+)?|-){_YEAR}",
    rf"(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}",
)]
_PARTIAL_FORMS = [  # a day and month without the year: datelines of the day's news
    re.compile(rf"\b(?:{_WEEKDAY})?{_DAY}\s+{_MONTH}(?!\w)", re.IGNORECASE),
    re.compile(rf"\b(?:{_WEEKDAY})?{_MONTH}\s+{_DAY}\b", re.IGNORECASE),
]
_TIME = (r"(?:(?:at|um|à|a las|às|alle)\s+)?\d{1,2}(?:[:.h]\d\d)?(?::\d\d)?\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:[A-Z]{2,5}|UTC|GMT)(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)?")
_LABEL = (r"(?P<label>(?:first\s+|last\s+)?(?:published|posted|updated|modified|date[d]?|"
          r"publié|publicado|veröffentlicht|aktualisiert|mis à jour|atualizado|actualizado)"
          r"(?:\s+(?:on|at|le|el|em|am))?\s*:?\s*)")
_PLACE = r"(?:[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3}(?:,\s*[A-ZÀ-Þ][\w'’.-]*){0,2}),?\s+"
_PARTICLE = r"(?:(?:de|da|do|dos|del|van|von|der|den|al|el|bin|ibn|le|la|du)\s+)?"
_NAME = rf"[A-ZÀ-Þ][\w'’.-]*(?:\s+{_PARTICLE}[A-ZÀ-Þ][\w'’.-]*){{0,4}}"
_BYLINE = re.compile(rf"^(?i:by|par|por|von|di)\s+(?P<names>{_NAME}(?:\s*(?:,|and|&|et|y|e|und)\s*"
                     rf"{_NAME})*)(?:\s*,?\s+(?:for|pour|para|für|per)\s+(?P<outlet>.{{2,60}}))?$")
_READING_TIME = re.compile(
    r"^\d{1,3}\s*(?:-\s*)?(?:min(?:ute)?s?\.?)\s*(?:read|de lecture|lesezeit)$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(?:source|outlet|publisher)\s*:\s*(?P<outlet>.{2,80})$",
                          re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|•·—–]\s+|\s*\|\s*")
_WIRE = re.compile(r"^\s*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}(?:,\s*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40})?"
                   r"(?:,\s*(?P<when>[^()]{3,30}?))?\s*\((?P<agency>[A-Z][\w .&'’-]{1,30})\)\s*"
                   r"[-–—]\s")
_NOT_NAMES = frozenset(_MONTHS) | {"monday", "tuesday", "wednesday", "thursday", "friday",
                                   "saturday", "sunday", "today", "tomorrow", "yesterday"}
_NAME_ONLY = re.compile(rf"^{_NAME}$")  # "Jane Reporter" beside a date: a byline without "By"
_DATE_PART = re.compile(rf"^(?i:{_LABEL})?(?:{_PLACE})?(?P<rest>.+)$")
_MAX_WORDS = 25
_LOOK_AHEAD = 4
_PAST_STANDFIRST = 60  # words: a paragraph this long is the body; bylines come before it


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the article's own furniture lines state, and its paragraphs without them."""

    date: str | None
    source: str | None
    blocks: tuple[str, ...]


def parse_date(text: str, *, reference: str | None = None) -> str | None:
    """`YYYY-MM-DD` for the first full date in `text`; a day and month alone take the year of
    `reference` (an ISO date) that puts them on or before it."""
    for form in _DATE_FORMS:
        match = form.search(text)
        if match:
            return _iso(match, None)
    if reference:
        for form in _PARTIAL_FORMS:
            match = form.search(text)
            if match:
                return _iso(match, reference)
    return None


def _iso(match: re.Match[str], reference: str | None) -> str | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].casefold()]
    day = int(groups["day"])
    try:
        if groups.get("year"):
            return date(int(groups["year"]), month, day).isoformat()
        if reference is None:
            return None
        ref = date.fromisoformat(reference[:10])
        found = date(ref.year, month, day)
        return (found if found <= ref else date(ref.year - 1, month, day)).isoformat()
    except ValueError:  # 31 February, 29 February of a common year, a bad reference
        return None


def front_matter(blocks: Sequence[str], *, reference: str | None = None) -> FrontMatter:
    """Take dateline, byline and date-label paragraphs out of the start (and end) of `blocks`."""
    kept: list[str] = []
    found_date: str | None = None
    updated: str | None = None
    source: str | None = None
    end = len(blocks)
    for i, block in enumerate(blocks):
        read = _furniture(block, reference) if (i < _LOOK_AHEAD or i == end - 1) \
            and len(blocks) > 1 else None
        if read is None:
            kept.append(block)
            if i < _LOOK_AHEAD and len(block.split()) > _PAST_STANDFIRST:
                # the body has begun: later blocks are text, bar a date line at the very end
                tail = list(blocks[i + 1:])
                last = _furniture(tail[-1], reference) if len(tail) > 1 else None
                if last is not None and last[0] and not last[2]:
                    found_date = found_date or last[0]
                    tail.pop()
                kept.extend(tail)
                break
            continue
        when, agency, is_update = read
        if is_update:
            updated = updated or when
        else:
            found_date = found_date or when
        source = source or agency
    if not kept:  # an "article" of furniture alone is text after all
        return FrontMatter(None, None, tuple(blocks))
    wire = next(filter(None, (_WIRE.match(block) for block in kept[:2])), None)
    if wire:
        source = source or wire.group("agency").strip()
        when = wire.group("when")
        if when and not found_date:
            found_date = parse_date(when, reference=reference)
    return FrontMatter(found_date or updated, source, tuple(kept))


def _furniture(block: str, reference: str | None) -> tuple[str | None, str | None, bool] | None:
    """(date, outlet, is-an-update) stated by a furniture line, or None for a body paragraph."""
    text = " ".join(block.split())
    if not text or len(text.split()) > _MAX_WORDS:
        return None
    when: str | None = None
    outlet: str | None = None
    update = False
    informative = False
    for part in _SEPARATORS.split(text):
        part = part.strip(" ,;")
        if not part:
            continue
        dated = _date_part(part, reference)
        if dated is not None:
            when = when or dated[0]
            update = update or dated[1]
            informative = True
            continue
        byline = _BYLINE.match(part)
        if byline and not _NOT_NAMES & set(byline.group("names").casefold().split()):
            outlet = outlet or (byline.group("outlet") or "").strip() or None
            informative = True
            continue
        labelled = _SOURCE_LINE.match(part)
        if labelled:
            outlet = outlet or labelled.group("outlet").strip()
            informative = True
            continue
        if _READING_TIME.match(part) or (_NAME_ONLY.match(part) and len(part.split()) <= 4):
            continue
        return None
    if not informative:
        return None
    return when, outlet, update and when is not None


def _date_part(part: str, reference: str | None) -> tuple[str, bool] | None:
    """(date, is-an-update) when `part` is only a date, with its label, place and time."""
    match = _DATE_PART.match(part)
    if match is None:
        return None
    label = (match.group("label") or "").casefold()
    for rest in (part[len(match.group("label") or ""):], match.group("rest")):
        iso, leftover = _whole_date(rest, reference)
        if iso and not leftover:
            return iso, any(w in label for w in ("updated", "modified", "aktualisiert",
                                                  "mis à jour", "atualizado", "actualizado"))
    return None


def _whole_date(text: str, reference: str | None) -> tuple[str | None, str]:
    """The date in `text` and whatever text is left beside it and a time of day."""
    forms = _DATE_FORMS + (_PARTIAL_FORMS if reference else [])
    for form in forms:
        match = re.compile(rf"^\s*(?:{form.pattern})", re.IGNORECASE).match(text.strip())
        if match:
            iso = _iso(match, reference)
            rest = text[match.end():].strip(" ,;-–—")
            rest = re.sub(rf"^(?:{_TIME})\s*$", "", rest, flags=re.IGNORECASE).strip()
            return iso, rest
    return None, text
