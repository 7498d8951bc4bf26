"""Profiles: strict on keys and ids (with the closest valid one), forgiving on spelling."""

from __future__ import annotations

import pytest

from essrural.errors import UserError
from essrural.profile_file import dump_profile, parse_profile, read_profile


def problems(text: str) -> str:
    with pytest.raises(UserError) as caught:
        parse_profile(text, "profil.yaml")
    return str(caught.value)


def test_contract_example_reads_as_written():
    profile = parse_profile(
        'commune: Thoré-la-Rochette\ninsee: "41259"\ndepartement: "41"\npopulation: 900\n'
        "missing_services: [epicerie, cafe]\nassets: [batiment_vacant, associations]\npriorities: [commerce]\n"
    )
    assert profile.insee == "41259" and profile.population == 900
    assert profile.missing_services == ("epicerie", "cafe") and profile.priorities == ("commerce",)


def test_unknown_key_is_named_with_the_closest_valid_key():
    message = problems("commune: X\npopulation: 900\nmissing_service: [epicerie]\n")
    assert message.startswith("profil.yaml:3: ")
    assert "clé inconnue « missing_service » ; vouliez-vous dire « missing_services » ?" in message


def test_unknown_id_is_named_with_the_closest_valid_id():
    message = problems("commune: X\npopulation: 900\nassets: [batiment_vacant, associatons]\n")
    assert message.startswith("profil.yaml:3: ")
    assert "atout inconnu « associatons » ; vouliez-vous dire « associations » ?" in message


def test_spelling_case_accents_and_french_labels_are_forgiven():
    profile = parse_profile(
        "commune: X\npopulation: 900\nmissing_services: [Épicerie, CAFÉ, produits locaux, accès aux soins difficile]\n"
        "priorities: Commerce, Mobilité\n"
    )
    assert profile.missing_services == ("epicerie", "cafe", "produits_locaux", "sante")
    assert profile.priorities == ("commerce", "mobilite")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("commune: X\npopulation: -5\n", "population doit être supérieur ou égal à 1"),
        ("commune: X\npopulation: 0\n", "population doit être supérieur ou égal à 1"),
        ("commune: X\npopulation: beaucoup\n", "population : un nombre entier est attendu"),
        ("commune: X\npopulation: 99999999\n", "population doit être inférieur ou égal à 3000000"),
        ("population: 900\n", "le profil doit nommer la commune"),
        ("", "profil vide"),
        ("- commune: X\n", "un dictionnaire de clés et de valeurs est attendu"),
        ('commune: X\ninsee: "4125"\npopulation: 900\n', "code INSEE invalide « 4125 »"),
        ("commune: X\npopulation: 900\nmissing_services: 3\n", "missing_services doit être une liste"),
    ],
)
def test_bad_values_are_explained(text, expected):
    assert expected in problems(text)


def test_several_problems_are_reported_together():
    message = problems("commune: X\npopulation: abc\nassets: [friches]\n")
    assert "profil.yaml:2:" in message and "profil.yaml:3:" in message


def test_saved_profile_reads_back_identically(tmp_path):
    original = parse_profile(
        "commune: Mérindol\ndepartement: '84'\npopulation: 2000\nmissing_services: [energie]\n"
        "assets: [friche, toitures_terrains]\npriorities: [energie]\n"
    )
    path = tmp_path / "profil.yaml"
    path.write_text(dump_profile(original), encoding="utf-8")
    assert read_profile(path) == original
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "commune: Mérindol"
    assert "departement: '84'" in text and "missing_services: [energie]" in text


def test_a_folder_is_not_a_profile(tmp_path):
    with pytest.raises(UserError) as caught:
        read_profile(tmp_path)
    assert "est un dossier" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "population"),
    [
        ("population: 1200\n", 1200), ('population: "1 200"\n', 1200), ('population: "1\u00a0200"\n', 1200),
        ("population: 0755\n", 755), ("population: 300 habitants\n", 300), ("population: 1 200 hab.\n", 1200),
    ],
)
def test_numbers_are_read_as_people_write_them(text, population):
    """« 1 200 » is 1200; « 0755 » is 755, not YAML 1.1's octal 493."""
    from essrural.profile_file import parse_profile

    assert parse_profile("commune: X\n" + text, "profil.yaml").population == population


@pytest.mark.parametrize(
    "text",
    [
        "assets:\npriorities:\n",  # keys left blank, as a person editing by hand leaves them
        "assets: ~\npriorities: null\n",
        'assets: ""\npriorities: []\n',
    ],
)
def test_a_blank_list_is_an_empty_list(text):
    profile = parse_profile("commune: X\npopulation: 900\nmissing_services: [epicerie]\n" + text, "profil.yaml")
    assert profile.assets == () and profile.priorities == () and profile.missing_services == ("epicerie",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("commune: [Thoré, Mérindol]\npopulation: 900\n", "profil.yaml:1: commune doit être un texte (reçu : une liste)."),
        ("commune: X\npopulation: {n: 900}\n", "population doit être un nombre entier (reçu : un dictionnaire de clés et de valeurs)."),
        ("commune: X\npopulation: 900\nassets: 3\n", "assets doit être une liste, par exemple [a, b] (reçu : « 3 »)."),
        ("commune: X\npopulation: 900\nassets: true\n", "(reçu : « true »)"),
        ("commune: X\npopulation: 900\nassets: [[friche]]\n", "assets[1] doit être un texte (reçu : une liste)."),
        ("commune: 2026-03-01\npopulation: 900\n", "commune doit être un texte (reçu : « 2026-03-01 »)."),
    ],
)
def test_messages_never_show_a_python_repr(text, expected):
    message = problems(text)
    assert expected in message
    assert not any(repr_ in message for repr_ in ("None", "['", "{'", "True", "datetime"))


@pytest.mark.parametrize(("given", "code"), [("Cantal", "15"), ("cantal", "15"), ("Loir-et-Cher", "41"), ("loir et cher", "41"), ("2a", "2A"), (15, "15")])
def test_a_departement_may_be_named(given, code):
    """`departement: Cantal`, as `essrural commune --departement Cantal` accepts it."""
    profile = parse_profile(f"commune: X\npopulation: 300\ndepartement: {given}\n", "profil.yaml")
    assert profile.departement == code


def test_an_unknown_departement_is_quoted_as_typed():
    message = problems("commune: X\npopulation: 300\ndepartement: Cantall\n")
    assert message.startswith("profil.yaml:3: ") and "« Cantall »" in message and "CANTALL" not in message


def test_a_profile_completed_from_the_commune_list_equals_the_one_typed_in_full():
    from essrural import communes
    from essrural.locate import complete
    from essrural.profile import Profile

    commune = communes.get("41259")
    typed = Profile(commune="Thoré", missing_services=("epicerie",), assets=("associations",))
    full = Profile(commune=commune.name, insee="41259", departement="41", population=commune.population,
                   missing_services=("epicerie",), assets=("associations",))
    assert complete(typed, commune) == full
    with pytest.raises(TypeError):
        typed.replace(habitants=900)
