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
