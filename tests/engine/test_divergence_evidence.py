"""Evidence that two sentences state one fact: days and hours of one happening, one statement
credited to two people.

Each case is two short articles the engine compares whole (alignment, entities, divergences);
an article may state its publication day, against which "today" is read.
"""

import pytest

from twofold.engine.compare import compare
from twofold.engine.divergences.days import hours, resolved
from twofold.engine.entities.figures import DateValue
from twofold.engine.load import parse_text
from twofold.engine.model import Comparison, published_day


def run(left: str, right: str, left_day: str = "", right_day: str = "") -> Comparison:
    def article(body: str, day: str, headline: str) -> str:
        head = f"Date: {day}\n\n" if day else ""
        return f"{head}{headline}\n{body}"
    return compare(parse_text(article(left, left_day, "Port strike ends after talks"),
                              path="left.txt"),
                   parse_text(article(right, right_day, "Dock workers return to work"),
                              path="right.txt"))


def spans(result: Comparison, kind: str) -> list[tuple[str, str]]:
    return [(d.left.text, d.right.text) for d in result.divergences if d.kind == kind]


def dates(result: Comparison) -> list[tuple[str, str]]:
    return spans(result, "date")


def credited(result: Comparison) -> list[tuple[str, str]]:
    return spans(result, "attribution")


DAYS = [
    # one announcement: a morning hour against an afternoon
    ("time of day",
     "The harbour master Jan Vermeulen will announce the new contract today at 11am in the port "
     "office in Rotterdam.",
     "Harbour master Jan Vermeulen announced the new contract on Tuesday afternoon in the port "
     "office in Rotterdam.", "", "", ("11am", "Tuesday afternoon")),
    # one sentence gives each council its day; the other settles the second council's elsewhere
    ("the day of one actor",
     "The repeal is expected to begin in the Rotterdam Council on Wednesday, followed by the "
     "Antwerp Council on Thursday, ending the harbour tax.",
     "The Antwerp Council voted on Wednesday to repeal the harbour tax, ending the long fight.",
     "", "", ("Thursday", "Wednesday")),
    # one doer, the subject of both, worded with other verbs: the day of one happening
    ("the same doer, other verbs",
     "Harbour master Jan Vermeulen blamed the shipping firms for the long strike on Saturday "
     "during his closing speech to the union congress.",
     "On Tuesday, in a fiery address that ended the union congress, harbour master Jan "
     "Vermeulen tore into the shipping firms over the strike.", "", "", ("Saturday", "Tuesday")),
    # "yesterday" in an article of Wednesday 20 March is Tuesday, not Monday
    ("relative day on the calendar",
     "Dock workers in Rotterdam walked out yesterday after talks with the port authority failed.",
     "Dock workers in Rotterdam walked out on Monday after talks with the port authority failed.",
     "2024-03-20", "2024-03-20", ("yesterday", "Monday")),
]

NOT_DAYS = [
    ("2 a.m. is early in the morning",
     "Police arrested the harbour master Jan Vermeulen early Tuesday morning outside the port "
     "office in Rotterdam.",
     "Police arrested the harbour master Jan Vermeulen at 2 a.m. outside the port office in "
     "Rotterdam.", "", ""),
    ("noon is in the afternoon",
     "Harbour master Jan Vermeulen will announce the new contract at noon in the port office.",
     "Harbour master Jan Vermeulen announced the new contract on Tuesday afternoon in the port "
     "office.", "", ""),
    ("each actor on the same day",
     "The repeal is expected to begin in the Rotterdam Council on Wednesday, followed by the "
     "Antwerp Council on Thursday, ending the harbour tax.",
     "The Antwerp Council voted on Thursday to repeal the harbour tax, ending the long fight.",
     "", ""),
    ("no stated day: yesterday is no weekday",
     "Dock workers in Rotterdam walked out yesterday after talks with the port authority failed.",
     "Dock workers in Rotterdam walked out on Monday after talks with the port authority failed.",
     "", ""),
    ("other doers, other verbs",
     "The port authority blamed the shipping firms for the long strike on Saturday during a "
     "closing speech to the union congress.",
     "On Tuesday, in a fiery address that ended the union congress, harbour master Jan "
     "Vermeulen tore into the shipping firms over the strike.", "", ""),
    ("one doer, two trips",
     "In December, Mayor Jan Vermeulen held talks in Antwerp on closer cooperation between the "
     "two ports.",
     "Mayor Jan Vermeulen visited Hamburg in January to discuss cooperation between the two "
     "ports.", "", ""),
    ("the day it was said is not the day it was done",
     "Harbour master Jan Vermeulen has been dismissed by the port authority, his lawyer said "
     "on Monday.",
     "Jan Vermeulen was dismissed late on Friday afternoon on the orders of the port "
     "authority, his lawyer said in a statement.", "", ""),
    ("yesterday of a Tuesday article is Monday",
     "Dock workers in Rotterdam walked out yesterday after talks with the port authority failed.",
     "Dock workers in Rotterdam walked out on Monday after talks with the port authority failed.",
     "2024-03-19", "2024-03-19"),
]


@pytest.mark.parametrize(("why", "left", "right", "lday", "rday", "expected"), DAYS,
                         ids=[m[0] for m in DAYS])
def test_the_day_or_hour_differs(why: str, left: str, right: str, lday: str, rday: str,
                                 expected: tuple[str, str]) -> None:
    assert expected in dates(run(left, right, lday, rday))


@pytest.mark.parametrize(("why", "left", "right", "lday", "rday"), NOT_DAYS,
                         ids=[m[0] for m in NOT_DAYS])
def test_no_date_divergence(why: str, left: str, right: str, lday: str, rday: str) -> None:
    assert dates(run(left, right, lday, rday)) == []


@pytest.mark.parametrize(("text", "span"), [
    ("11am", (11.0, 12.0)), ("3:30 p.m.", (15.5, 16.5)), ("12 pm", (12.0, 13.0)),
    ("Tuesday afternoon", (12.0, 18.0)), ("Saturday evening", (17.0, 22.0)),
    ("early Tuesday morning", (0.0, 12.0)),
    ("Tuesday", None), ("morning or evening", None),
])
def test_hours_of_a_time_of_day(text: str, span: tuple[float, float] | None) -> None:
    assert hours(text) == span


def test_relative_days_need_a_day_the_article_states() -> None:
    day = published_day("2024-03-20", "article")
    assert resolved(DateValue(relative="yesterday"), day) == DateValue(2024, 3, 19, "tue")
    assert published_day("2024-03-20", "file") is None  # when the file was made, not published
    assert resolved(DateValue(relative="last-week"), day) == DateValue(relative="last-week")


# -- who says it ------------------------------------------------------------------------------

SPEAKERS = [
    # the same quoted words, though the sentences say little else alike; the other speaker is
    # named only in a clause of its own ("and pointed reporters to ...")
    ("the same quoted words",
     "Jan Vermeulen told reporters the closure was \u201ca reckless gamble\u201d by the port "
     "authority.",
     "Union spokesman Pieter de Groot said on Monday that the closure was \u201ca reckless gamble "
     "with our jobs,\u201d and pointed reporters to an open letter Jan Vermeulen sent last week.",
     ("Jan Vermeulen", "Union spokesman Pieter de Groot")),
    # both speakers lead one organisation: its name is no evidence that they are one person
    ("two people of one organisation",
     "Port Workers Union President Jan Vermeulen said the new contract would protect every dock "
     "worker in Rotterdam from layoffs until 2030.",
     "\u201cThe new contract will protect every dock worker in Rotterdam from layoffs until "
     "2030,\u201d said Pieter de Groot, the president of the Port Workers Union.",
     ("Port Workers Union President Jan Vermeulen",
      "Pieter de Groot, the president of the Port Workers Union")),
]

NOT_SPEAKERS = [
    # one speaker cites the other in the statement itself: the remark may well be theirs
    ("the other speaker cited in the statement",
     "Jan Vermeulen told reporters the closure was \u201ca reckless gamble\u201d by the port "
     "authority.",
     "Union spokesman Pieter de Groot, citing Jan Vermeulen, said on Monday that the closure was "
     "\u201ca reckless gamble with our jobs.\u201d"),
    # two remarks about the same people share their names, whoever makes them
    ("quoted names only",
     "\u201cAnna Bakker must face Pieter de Groot at the table in Rotterdam,\u201d Jan Vermeulen "
     "said in a statement.",
     "\u201cThere should be no secret deal between Anna Bakker and Pieter de Groot in "
     "Rotterdam,\u201d Mark Visser told reporters on Friday."),
    # one quoted word in common is not one remark
    ("one quoted word",
     "Jan Vermeulen told reporters the closure was \u201creckless\u201d and hurt the port.",
     "Union spokesman Pieter de Groot said on Monday that the closure of the port was "
     "\u201creckless, costly and avoidable.\u201d"),
]


@pytest.mark.parametrize(("why", "left", "right", "expected"), SPEAKERS,
                         ids=[m[0] for m in SPEAKERS])
def test_the_statement_is_credited_to_another(why: str, left: str, right: str,
                                              expected: tuple[str, str]) -> None:
    assert expected in credited(run(left, right))


@pytest.mark.parametrize(("why", "left", "right"), NOT_SPEAKERS,
                         ids=[m[0] for m in NOT_SPEAKERS])
def test_no_attribution_divergence(why: str, left: str, right: str) -> None:
    assert credited(run(left, right)) == []


def test_a_bare_surname_may_name_either_of_a_family() -> None:
    left = "\u201cWe signed it this morning,\u201d Vermeulen Jr. later told reporters at the port."
    right = "\u201cWe signed it this morning,\u201d Mr. Vermeulen told reporters at the port."
    result = run(f"Jan Vermeulen led the union for years. {left}",
                 f"Jan Vermeulen led the union for years. {right}")
    assert credited(result) == []
