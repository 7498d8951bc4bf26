"""Answers to the questionnaire: what is accepted, what is asked again and why."""

from __future__ import annotations

import pytest

from essrural.questions import QUESTIONS, InvalidAnswer, parse_choices, parse_population, parse_text, parse_yes_no
from essrural.vocabulary import ASSETS, MISSING_SERVICES, SECTORS


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("1,2", ["epicerie", "cafe"]),
        ("2, 1", ["epicerie", "cafe"]),
        ("1 2", ["epicerie", "cafe"]),
        ("1;17", ["epicerie", "lien_social"]),
        ("1-3", ["epicerie", "cafe", "produits_locaux"]),
        ("épicerie, Café", ["epicerie", "cafe"]),
        ("aucun", []),
        ("Aucune", []),
    ],
)
def test_numbered_answers(answer, expected):
    assert parse_choices(answer, MISSING_SERVICES) == expected


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (str(len(MISSING_SERVICES.ids) + 1),
         f"numéro {len(MISSING_SERVICES.ids) + 1} hors de la liste : choisissez entre 1 et {len(MISSING_SERVICES.ids)}"),
        ("0,1", "numéro 0 hors de la liste"),
        ("abc", "« abc » ne correspond à aucun choix"),
        ("epicrie", "vouliez-vous dire 1. « plus de commerce alimentaire » ?"),
    ],
)
def test_invalid_choices_are_explained(answer, message):
    with pytest.raises(InvalidAnswer) as caught:
        parse_choices(answer, MISSING_SERVICES)
    assert message in str(caught.value)


def test_required_multiple_choice_refuses_an_empty_answer_but_accepts_aucun():
    with pytest.raises(InvalidAnswer):
        parse_choices("", ASSETS, optional=False)
    assert parse_choices("aucun", ASSETS, optional=False) == []


def test_optional_priorities_accept_enter():
    assert QUESTIONS["priorities"].parse("", default=[]) == []
    assert QUESTIONS["priorities"].parse("5", default=[]) == [SECTORS.ids[4]]


@pytest.mark.parametrize(("answer", "expected"), [("900", 900), (" 1 200 ", 1200), ("1\u202f200", 1200), ("12.500", 12500)])
def test_population_accepts_french_thousands(answer, expected):
    assert parse_population(answer) == expected


@pytest.mark.parametrize(("answer", "message"), [("neuf cents", "n'est pas un nombre entier"), ("0", "au moins 1"), ("-3", "n'est pas un nombre entier"), ("", "réponse vide"), ("9999999", "ce n'est pas une commune"), ("1.5", "« 1.5 » n'est pas un nombre entier"), ("1,5", "n'est pas un nombre entier"), ("12 00", "n'est pas un nombre entier"), ("0x384", "n'est pas un nombre entier")])
def test_population_errors(answer, message):
    with pytest.raises(InvalidAnswer) as caught:
        parse_population(answer)
    assert message in str(caught.value)


def test_yes_no():
    assert parse_yes_no("O") is True and parse_yes_no("oui") is True and parse_yes_no("N") is False
    with pytest.raises(InvalidAnswer):
        parse_yes_no("peut-être")


def test_commune_name_refuses_control_characters_and_empty():
    assert parse_text("  Thoré-la-Rochette ") == "Thoré-la-Rochette"
    for bad in ("", "Thoré\x1b[31m", "a" * 200):
        with pytest.raises(InvalidAnswer):
            parse_text(bad)
