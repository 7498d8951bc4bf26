"""Vocabulary ids are stable, and input is forgiving on case, accents and labels."""

from __future__ import annotations

import pytest

from essrural.vocabulary import ASSETS, FAMILIES, MISSING_SERVICES, NEED_CONTACTS, REFINED_NEEDS, SECTORS, UnknownId


def test_contract_ids_are_all_present():
    assert SECTORS.ids == [
        "alimentation", "commerce", "tiers-lieux", "energie", "mobilite", "services",
        "culture", "reemploi", "numerique", "insertion", "habitat",
    ]
    assert FAMILIES.ids == ["financement", "foncier", "cooperation", "contractualisation", "accompagnement"]
    # ids may be added, never renamed or reordered: the contract's first ones stay first
    assert MISSING_SERVICES.ids[:17] == [
        "epicerie", "cafe", "produits_locaux", "restauration_collective", "installation_agricole", "transport",
        "aide_domicile", "sante", "garde_enfants", "culture_loisirs", "numerique", "emploi", "espace_travail",
        "logement", "reemploi", "energie", "lien_social",
    ]
    assert ASSETS.ids[:14] == [
        "batiment_vacant", "local_commercial_vacant", "friche", "foncier_agricole", "toitures_terrains", "foret",
        "cantine", "associations", "habitants_mobilises", "acteurs_ess", "budget", "ingenierie", "tourisme",
        "programme",
    ]
    assert {"chaleur", "services_publics", "precarite_alimentaire"} <= set(MISSING_SERVICES.ids)
    assert {"pvd", "villages_avenir", "terrain_constructible", "cofinanceur", "projet_intercommunal"} <= set(ASSETS.ids)
    assert "professionnels_sante" in ASSETS.ids  # from the evaluation: what tells a maison de santé from a centre
    assert {"facture_electricite", "ressourcerie"} <= set(MISSING_SERVICES.ids)  # likewise: consume, collect


def test_every_need_names_whom_to_ask_and_each_refinement_says_a_real_need_more_precisely():
    assert set(NEED_CONTACTS) == set(MISSING_SERVICES.ids)
    assert set(REFINED_NEEDS) | set(REFINED_NEEDS.values()) <= set(MISSING_SERVICES.ids)
    assert not set(REFINED_NEEDS) & set(REFINED_NEEDS.values())  # one level: a refinement is not refined again
    # the questionnaire announces them once, after the general needs: they must come last, together
    assert set(MISSING_SERVICES.ids[-len(REFINED_NEEDS):]) == set(REFINED_NEEDS)


@pytest.mark.parametrize("typed", ["mobilite", "Mobilité", "MOBILITE", " mobilité ", "mobilité soutenable"])
def test_sector_spellings_mean_the_same_id(typed):
    assert SECTORS.resolve(typed) == "mobilite"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("tiers lieux", "tiers-lieux"), ("Produits locaux", "produits_locaux"), ("Café", "cafe"), ("Bâtiment vacant", "batiment_vacant")],
)
def test_separators_and_accents_are_ignored(typed, expected):
    vocabulary = {"tiers-lieux": SECTORS, "produits_locaux": MISSING_SERVICES, "cafe": MISSING_SERVICES, "batiment_vacant": ASSETS}[expected]
    assert vocabulary.resolve(typed) == expected


def test_french_label_is_understood():
    assert MISSING_SERVICES.resolve("accès aux soins difficile") == "sante"


def test_unknown_id_suggests_and_lists_the_valid_ones():
    with pytest.raises(UnknownId) as caught:
        SECTORS.resolve("mobilte")
    message = caught.value.french()
    assert "secteur inconnu « mobilte » ; vouliez-vous dire « mobilite » ?" in message
    assert "Valeurs possibles : alimentation, commerce" in message


def test_hopeless_input_gets_no_suggestion():
    with pytest.raises(UnknownId) as caught:
        SECTORS.resolve("zzzzzz")
    assert caught.value.suggestion is None


def test_the_vocabulary_added_since_the_shared_contract_is_written_down_for_it():
    """The shared contract is read-only here: docs/contract-vocabulary.md carries every id added
    since (with its label), so the spec can be brought up to date without a search."""
    from pathlib import Path

    doc = Path(__file__).resolve().parent.parent / "docs" / "contract-vocabulary.md"
    if not doc.is_file():
        pytest.skip("needs the source tree")
    text = doc.read_text(encoding="utf-8")
    for vocabulary, known in ((MISSING_SERVICES, 17), (ASSETS, 14)):
        for id_ in vocabulary.ids[known:]:
            assert f"- `{id_}` : {vocabulary.label(id_)}" in text, id_

