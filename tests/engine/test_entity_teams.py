"""Teams named after places, found from results tables, fixtures and match verbs."""

from __future__ import annotations

import pytest

from twofold.engine.entities.extract import article_entities
from twofold.engine.load import build_article
from twofold.engine.model import Entity
from twofold.engine.nlp import analyse


def entities_of(*paragraphs: str) -> tuple[Entity, ...]:
    article = build_article("t", list(paragraphs), guess_headline=False)
    return article_entities(article, analyse(article))


def label_of(entities: tuple[Entity, ...], form: str) -> str | None:
    found = [e.label for e in entities if form in e.forms]
    return found[0] if found else None


@pytest.mark.parametrize(("lines", "form", "label"), [
    (["Chicago 4 Houston 3", "Houston 72 63 .533 -"], "Houston", "ORG"),
    (["CHICAGO 65 66 .496 5"], "CHICAGO", "ORG"),
    (["Hyundai 6 Lotte 5"], "Lotte", "ORG"),
    (["Tranmere 4 2 1 1 6 4 7"], "Tranmere", "ORG"),
    (["Somerset 83 and 174 ( P. Simmons 4-38 ) , Leicestershire 296 ."], "Leicestershire", "ORG"),
    (["Leicestershire beat Somerset by an innings on Friday ."], "Somerset", "ORG"),
    (["Boston at Oakland"], "Oakland", "GPE"),  # the ground
    (["Canada beat Panama 3-1 in the qualifier on Sunday ."], "Panama", "GPE"),  # a country
    # the dateline itself is read into the date by the loader; the place in the text stays one
    (["LONDON 1996-08-30", "Prices rose in London on Friday ."], "London", "GPE"),
    (["Sales 12.50 13.00 11.27", "Sales rose on Friday ."], "Sales", None),  # prices
])
def test_competitors(lines: list[str], form: str, label: str | None) -> None:
    assert label_of(entities_of(*lines), form) == label


def test_a_team_of_the_table_is_a_team_in_the_report_but_its_town_stays_a_place() -> None:
    entities = entities_of("Kent 244 and 130 , Surrey 305 .",
                           "By stumps Kent had reached 108 for three in Canterbury .",
                           "The match in Kent drew a crowd .")
    kent = [e for e in entities if e.name == "Kent"]
    assert {e.label for e in kent} == {"ORG", "GPE"}
    org = next(e for e in kent if e.label == "ORG")
    assert {m.paragraph for m in org.mentions} == {0, 1}


def test_an_athlete_in_a_results_row_stays_a_person() -> None:
    entities = entities_of("2. Colin Montgomerie 442,201", "Colin Montgomerie 66 Ernie Els 68")
    assert label_of(entities, "Colin Montgomerie") == "PERSON"


@pytest.mark.parametrize(("line", "form"), [
    ("5. Tegla Loroupe ( Kenya ) 15:08.79", "Tegla Loroupe"),
    ("Somerset 83 and 174 ( P. Simmons 4-38 ) , Leicestershire 296 .", "P. Simmons"),
    ("Lancashire 222 ( I. Austin 4-37 ) , Sussex 363 .", "I. Austin"),
])
def test_athletes_in_results_lists_are_people(line: str, form: str) -> None:
    assert label_of(entities_of(line), form) == "PERSON"


def test_a_plural_name_written_with_the_is_a_team_not_a_person() -> None:
    """"the Jaguars" (the model's person) is a team; a surname the article also gives with a
    first name ("Reggie Williams", "Williams") stays a person."""
    found = entities_of(
        "The Jaguars couldn't make the big play on Thursday night.",
        "David Garrard threw for 329 yards, but the Jaguars lost to the Colts 31-24.",
        "Reggie Williams caught two passes. Williams said the Jaguars would recover.")
    assert label_of(found, "Jaguars") == "ORG"
    assert label_of(found, "Reggie Williams") == "PERSON"
    alone = entities_of("Williams said the plan would work.", "Williams left on Friday.")
    assert label_of(alone, "Williams") == "PERSON", "no 'the': a surname"


@pytest.mark.parametrize(("paragraphs", "full", "short"), [
    # "Del Rio" after "Jack Del Rio" is the coach, whatever the model read it as alone
    (("Coach Jack Del Rio had already decided to go for two and the victory.",
      "Del Rio said the Jaguars would not change their plan.",
      "Asked again, Del Rio said the team had simply run out of time."),
     "Jack Del Rio", "Del Rio"),
    # the model reads the full name as an organisation (one mention), the surname alone as a
    # person: one person, not a person and an organisation
    (("Peyton Manning completed 21 of 30 passes for 250 yards as the Colts (9-2) won again.",
      "Dungy praised Manning after the game.",
      "Asked about the comeback, Manning smiled."),
     "Peyton Manning", "Manning"),
])
def test_a_full_name_and_its_surname_alone_are_one_person(paragraphs: tuple[str, ...],
                                                          full: str, short: str) -> None:
    found = [e for e in entities_of(*paragraphs) if full in e.forms]
    assert len(found) == 1 and found[0].label == "PERSON" and short in found[0].forms


def test_a_team_after_its_town_is_the_team_named_alone() -> None:
    """"the Jacksonville Jaguars" beside "the Jaguars": one team, not a town (or a person)
    beside a team; and the full name does not make "Jaguars" a surname."""
    found = entities_of(
        "The Jacksonville Jaguars lost at home to the Colts on Thursday night.",
        "The Jaguars fell to 5-10 with the loss.",
        "Fans booed the Jaguars as they left the field.")
    team = [e for e in found if "Jaguars" in e.forms]
    assert len(team) == 1 and team[0].label == "ORG"
    assert "Jacksonville Jaguars" in team[0].forms



@pytest.mark.parametrize(("line", "form", "label"), [
    ("The win let the Colts join the 2008 Miami Dolphins as the only teams to do it.",
     "Miami Dolphins", "ORG"),
    ("The Colts flew to Colorado Springs for a week of practice at altitude.",
     "Colorado Springs", "GPE"),
])
def test_a_town_and_a_plural_written_once_is_a_team(line: str, form: str, label: str) -> None:
    """"the Miami Dolphins" named once, with no "the Dolphins" to vote for a team: a town and a
    capitalised plural are the team; a town that is such a name ("Colorado Springs") is not."""
    assert label_of(entities_of(line), form) == label

def test_a_town_that_is_a_surname_of_the_article_is_the_person() -> None:
    """"Jackson" beside "Jesse Jackson Jr." is him (not the city, nor his wife named later),
    "in Jackson" the city; the father ("Jesse Jackson") is another person than "Jr."."""
    found = entities_of(
        "Former Rep. Jesse Jackson Jr. pleaded guilty on Wednesday to spending campaign money.",
        "His wife, Sandra Jackson, pleaded guilty to filing false tax returns.",
        "Jackson told the judge he was sorry, and Jackson's lawyer asked for mercy.",
        "His father, the Rev. Jesse Jackson, sat behind him. The couple lived in Jackson.")
    son = [e for e in found if "Jesse Jackson Jr." in e.forms]
    assert len(son) == 1 and "Jackson" in son[0].forms and len(son[0].mentions) == 3
    assert label_of(found, "Jesse Jackson") == "PERSON"
    assert [e.label for e in found if e.forms == ("Jackson",)] == ["GPE"]


def test_a_surname_written_before_the_junior_is_named_is_not_him() -> None:
    """"Trump" used before "Donald Trump Jr." appears is his father, not the son."""
    found = entities_of(
        "President Trump said on Friday that he would keep the ban on elephant trophies.",
        "Mr. Trump told reporters that big-game hunting was a horror show.",
        "His son Donald Trump Jr. has posed with animals he shot on hunting trips.")
    son = [e for e in found if "Donald Trump Jr." in e.forms]
    assert len(son) == 1 and "Trump" not in son[0].forms


def test_a_group_written_as_one_of_its_members_is_no_person() -> None:
    from twofold.engine.entities.extract import extract_entities
    from twofold.engine.load import parse_text

    left = parse_text("Vermeulen breaks scoring record\nJan Vermeulen now has 2,301 career points "
                      "as a Tar Heel after Monday's game in Rotterdam.\nThe Tar Heels beat "
                      "Antwerp 88-70, and Tar Heel fans stayed long after the game.",
                      path="l.txt")
    right = parse_text("Record for Vermeulen\nJan Vermeulen now has 2,301 career points for the "
                       "Tar Heels after Monday's game.", path="r.txt")
    lents, rents = extract_entities(left, right, analyse(left), analyse(right))
    assert label_of(lents, "Tar Heels") == label_of(lents, "Tar Heel") == "ORG"
    # the other article writes only the plural: the pair still says what it is
    assert label_of(rents, "Tar Heels") == "ORG"


def test_a_person_whose_name_ends_in_s_stays_a_person() -> None:
    found = entities_of("Serena Williams beat Venus Williams in Rotterdam on Monday.",
                        "Williams said the final was the hardest of her career.")
    assert label_of(found, "Serena Williams") == "PERSON"
