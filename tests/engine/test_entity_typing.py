"""Typing errors seen on real US news: state abbreviations, demonyms, titles, roles, figures."""

from __future__ import annotations

import pytest

from twofold.engine.entities.extract import article_entities
from twofold.engine.load import parse_text
from twofold.engine.model import Entity
from twofold.engine.nlp import analyse


def entities_of(text: str) -> tuple[Entity, ...]:
    article = parse_text(text)
    return article_entities(article, analyse(article))


def test_state_abbreviations_join_the_full_name() -> None:
    entities = entities_of("Rep. Nancy Pelosi (D-Calif.) spoke in Los Angeles, Calif., on "
                           "Monday. California voters were not impressed.")
    [state] = [e for e in entities if e.key == "gpe:us-ca"]
    assert state.name == "California" and set(state.forms) == {"Calif.", "California"}


@pytest.mark.parametrize("word", ["Arizonan", "Arizonans", "Texan", "Californians"])
def test_state_demonyms_are_no_places(word: str) -> None:
    entities = entities_of(f"The {word} said on Monday that the vote in Phoenix was close.")
    assert not [e for e in entities if word in e.forms]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Special Counsel Robert Mueller’s investigators met on Monday. Mueller said nothing.",
     "Robert Mueller", "Special Counsel"),
    ("Arizona Sheriff Joe Arpaio endorsed him on Tuesday, and Sheriff Arpaio said so twice.",
     "Joe Arpaio", "Sheriff"),
    ("The interview with Rep. Michele Bachmann and Herman Cain ended early.", "Herman Cain",
     None),
    ("RWANDA - Niger Government Spokesperson Amadou Abdramane in a national television "
     "statement announced that the country had canceled the agreement.", "Amadou Abdramane",
     "Niger Government Spokesperson"),
    ("“We decided,” Nigerien government spokesman Amadou Abdramane said in a statement.",
     "Amadou Abdramane", "Nigerien government spokesman"),
])
def test_roles_stay_out_of_names_and_are_kept_as_titles(text: str, name: str,
                                                       title: str | None) -> None:
    people = [e for e in entities_of(text) if e.label == "PERSON"]
    person = next(e for e in people if e.name == name)
    assert not any(e.label == "ORG" and name.split()[-1] in e.name for e in entities_of(text))
    if title is None:
        assert not any("Bachmann" in t for t in person.titles)
    else:
        assert title in person.titles
        assert all(title.split()[-1] not in form for form in person.forms)


def test_a_nickname_made_of_a_role_is_no_person() -> None:
    entities = entities_of("Joe Arpaio calls himself America's Toughest Sheriff. "
                           "The Sheriff said he would run again.")
    assert [e.name for e in entities if e.label in ("PERSON", "ORG")] == ["Joe Arpaio"]


@pytest.mark.parametrize(("text", "figure"), [
    ("The governor said one option was to wait for the courts.", None),
    ("The governor said 1,000 troops would stay until June.", "1,000 troops"),
])
def test_one_of_something_is_no_figure(text: str, figure: str | None) -> None:
    figures = [e.name for e in entities_of(text) if e.label == "QUANTITY"]
    assert figures == ([figure] if figure else [])


@pytest.mark.parametrize(("text", "form", "key"), [
    ("Scotland beat Wales 2-1 in Glasgow on Saturday.", "Wales", "gpe:gb-wls"),
    ("Floods closed roads across Punjab on Monday, officials said.", "Punjab", "gpe:in-punjab"),
    ("Voters in Quebec went to the polls on Monday.", "Quebec", "gpe:ca-quebec"),
])
def test_regions_and_home_nations_come_from_iso_subdivisions(text: str, form: str,
                                                             key: str) -> None:
    assert [e.key for e in entities_of(text) if form in e.forms] == [key]


@pytest.mark.parametrize(("text", "names"), [
    ("Russian President Boris Yeltsin visited his wife in hospital on Friday evening, Interfax "
     "news agency quoted a spokesman as saying.", ["Boris Yeltsin", "Interfax"]),
    ("W D L PCT GB", []),
])
def test_names_end_with_a_capital_and_are_more_than_letters(text: str, names: list[str]) -> None:
    assert [e.name for e in entities_of(text) if e.label in ("PERSON", "ORG", "GPE")] == names


@pytest.mark.parametrize(("text", "form", "label"), [
    ("Dissident Wang Dan was sentenced on Friday. Wang told the court he was innocent.",
     "Wang", "PERSON"),
    ("Analysts said Cofinec shares fell on Friday.", "Cofinec", "ORG"),
    ("Benetton shares rose on Friday.", "Benetton", "ORG"),
    ("Pirelli SpA said on Friday it would build a cable plant in Wuxi.", "Pirelli SpA", "ORG"),
    # a kind of place and "of" before a name the gazetteer does not know: a town
    ("The quake hit 35 kilometers south of the port city of Bireuen on Tuesday.", "Bireuen",
     "GPE"),
    ("Rescuers reached the village of Kuta Makmur by noon on Tuesday.", "Kuta Makmur", "GPE"),
    ("The son of Ruslan Gani said on Tuesday that the house was safe.", "Ruslan Gani",
     "PERSON"),
])
def test_typing_from_the_name_s_neighbours(text: str, form: str, label: str) -> None:
    assert {e.label for e in entities_of(text) if form in e.forms} == {label}


def test_an_ethnicity_is_no_organisation() -> None:
    entities = entities_of("Republicans hope to win more Latino voters, and Latinos in Bakersfield "
                           "said the bill mattered.")
    assert not [e for e in entities if e.name.startswith("Latino")]
