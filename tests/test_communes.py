"""The commune look-up: codes, postcodes, names as people type them, and its cost."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import essrural
from essrural import communes
from essrural.communes import Commune, Match


def codes(matches: list[Match]) -> list[str]:
    return [m.commune.insee for m in matches]


# --- get --------------------------------------------------------------------------------------


def test_get_thore_la_rochette_has_population_and_epci():
    commune = communes.get("41259")
    assert commune is not None
    assert commune.name == "Thoré-la-Rochette"
    assert (commune.departement, commune.departement_name) == ("41", "Loir-et-Cher")
    assert (commune.region, commune.region_name) == ("24", "Centre-Val de Loire")
    assert commune.postcodes == ("41100",)
    assert commune.population == 810
    assert commune.epci is not None
    assert (commune.epci.code, commune.epci.name) == ("200072072", "CA Territoires Vendômois")
    assert commune.epci.n_communes > 1
    assert commune.epci.population > commune.population


def test_get_merindol_is_in_vaucluse():
    commune = communes.get("84074")
    assert commune is not None
    assert commune.name == "Mérindol"
    assert (commune.departement, commune.departement_name) == ("84", "Vaucluse")
    assert commune.region_name == "Provence-Alpes-Côte d'Azur"
    assert "84360" in commune.postcodes


@pytest.mark.parametrize("code", ["2A004", "2a004", " 2A004 "])
def test_get_corsica_in_any_case(code):
    commune = communes.get(code)
    assert commune is not None
    assert (commune.insee, commune.name) == ("2A004", "Ajaccio")
    assert (commune.departement, commune.departement_name) == ("2A", "Corse-du-Sud")
    assert (commune.region, commune.region_name) == ("94", "Corse")
    assert "20000" in commune.postcodes


@pytest.mark.parametrize("code", ["", "4125", "412590", "ABCDE", "2C004", "99999", "75101", "41 25a"])
def test_get_unknown_or_malformed_code_is_none(code):
    assert communes.get(code) is None


def test_a_commune_cannot_be_changed_and_compares_by_value():
    commune = communes.get("84074")
    with pytest.raises(AttributeError):
        commune.name = "Autre"
    with pytest.raises(AttributeError):
        commune.epci.population = 0
    assert commune.name == "Mérindol"
    assert communes.get("84074") == commune
    assert len({commune, communes.get("84074"), communes.get("41259")}) == 2
    assert commune.label == "Mérindol (Vaucluse, 84)"


def test_commune_without_population_nor_epci():
    kerguelen = communes.get("98412")
    assert kerguelen is not None and kerguelen.population is None and kerguelen.epci is None
    brehat = communes.get("22016")  # an island outside any EPCI
    assert brehat is not None and brehat.name == "Île-de-Bréhat" and brehat.epci is None
    assert brehat.population and brehat.population > 0


# --- search by code ---------------------------------------------------------------------------


def test_search_insee_code():
    matches = communes.search("84074")
    assert codes(matches) == ["84074"]
    assert matches[0].how == "insee" and matches[0].score == 100


def test_search_corsica_code_lower_case():
    assert codes(communes.search("2b033")) == ["2B033"]
    assert communes.search("2b033")[0].commune.name == "Bastia"


def test_search_postcode_returns_every_commune_of_it():
    matches = communes.search("84360")
    assert sorted(codes(matches)) == ["84065", "84074", "84093"]  # Lauris, Mérindol, Puget
    assert {m.how for m in matches} == {"postcode"}
    populations = [m.commune.population for m in matches]
    assert populations == sorted(populations, reverse=True)


def test_search_postcode_that_is_also_an_insee_code():
    matches = communes.search("41100")
    assert matches[0].how == "insee" and matches[0].commune.name == "Les Hayes"
    by_postcode = [m for m in matches if m.how == "postcode"]
    assert {"41269", "41259"} <= set(codes(by_postcode))  # Vendôme, Thoré-la-Rochette
    assert all("41100" in m.commune.postcodes for m in by_postcode)
    assert len(codes(matches)) == len(set(codes(matches)))


def test_search_postcode_is_not_cut_by_limit():
    matches = communes.search("20167", limit=3)  # ten communes around Ajaccio
    assert len(matches) == 10
    assert all(m.commune.departement == "2A" for m in matches)


def test_search_paris_postcode_leads_to_paris():
    assert codes(communes.search("75011")) == ["75056"]


# --- search by name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["Thoré-la-Rochette", "thore la rochette", "THORE-LA-ROCHETTE", " thoré  la-rochette "]
)
def test_search_exact_name_ignores_case_accents_and_hyphens(query):
    matches = communes.search(query)
    assert codes(matches)[:1] == ["41259"]
    assert matches[0].how == "name" and matches[0].score == 100


@pytest.mark.parametrize(
    "query, insee",
    [("thore la rochete", "41259"), ("merindl", "84074"), ("ajacio", "2A004"), ("marseile", "13055")],
)
def test_search_tolerates_typos(query, insee):
    matches = communes.search(query)
    assert matches, query
    assert matches[0].commune.insee == insee
    assert matches[0].how == "fuzzy"
    assert communes.FUZZY_CUTOFF <= matches[0].score < 100


def test_search_homonyms_lists_them_all_with_their_departements():
    matches = communes.search("Sainte-Colombe", limit=3)
    exact = [m for m in matches if m.how == "name"]
    assert len(exact) == 12  # more than the limit: homonyms are never cut
    assert len({m.commune.departement for m in exact}) == 12
    assert all(m.commune.name == "Sainte-Colombe" for m in exact)
    assert {"33", "69", "77", "05"} <= {m.commune.departement for m in exact}
    order = [(-(m.commune.population or 0), m.commune.insee) for m in exact]
    assert order == sorted(order)
    assert exact[0].commune.departement == "69"  # the most populated one


@pytest.mark.parametrize(
    "query, insee",
    [
        ("st martin de re", "17369"),
        ("St-Martin-d'Hères", "38421"),
        ("ste foy la grande", "33402"),
        ("Ste-Foy-la-Grande", "33402"),
        ("ST EMILION", "33394"),
        ("bar s/ seine", "10034"),
    ],
)
def test_search_abbreviations_saint_sainte(query, insee):
    matches = communes.search(query)
    assert matches and matches[0].commune.insee == insee
    assert matches[0].how == "name"


def test_search_apostrophes_and_spaces():
    assert codes(communes.search("l'ile d'yeu"))[:1] == ["85113"]
    assert codes(communes.search("L’Île-d’Yeu"))[:1] == ["85113"]  # typographic apostrophes
    assert codes(communes.search("ile d yeu"))[:1] == ["85113"]


def test_search_with_departement_code_or_name():
    assert codes(communes.search("Saint-Martin (32)"))[:1] == ["32389"]
    assert all(m.commune.departement == "32" for m in communes.search("Saint-Martin (32)"))
    in_41 = communes.search("Saint-Martin 41")
    assert "41225" in codes(in_41)  # Saint-Martin-des-Bois
    assert all(m.commune.departement == "41" for m in in_41)
    assert codes(communes.search("Sainte-Colombe (Gironde)")) == ["33390"]
    assert codes(communes.search("sainte colombe, gironde")) == ["33390"]


def test_search_name_with_parenthesis_is_found_by_its_short_name():
    assert sorted(codes(communes.search("Bors"))) == ["16052", "16053"]
    assert codes(communes.search("Château-Chinon (Ville)")) == ["58062"]


def test_search_name_contained_in_longer_names():
    matches = communes.search("Saint-Martin", limit=10)
    exact = [m for m in matches if m.how == "name"]
    assert {m.commune.departement for m in exact} >= {"32", "54", "65", "67"}
    assert len(matches) == 10
    assert all("Martin" in m.commune.name for m in matches)


@pytest.mark.parametrize(
    "query",
    ["Trifouilly-les-Oies", "xyzzy", "azertyuiop", "Gotham City", "n'importe quoi", "", "   ", "--", "le", "41"],
)
def test_search_unknown_name_is_empty(query):
    assert communes.search(query) == []


def test_search_limit_caps_fuzzy_matches():
    assert len(communes.search("saint", limit=4)) == 4
    assert communes.search("Thoré-la-Rochette", limit=0) == []


def test_no_match_message_is_french():
    assert communes.no_match_message("Trifouilly") == (
        "Aucune commune ne correspond à « Trifouilly ». "
        "Vérifiez l'orthographe, ou donnez le code INSEE ou le code postal."
    )


def test_departements_and_regions():
    assert communes.region_of("41") == "24"
    assert communes.region_of("2a") == "94" and communes.region_of("2B") == "94"
    assert communes.region_of("971") == "01"
    assert communes.region_of("99") is None
    assert communes.departement_name("84") == "Vaucluse"
    assert communes.departement_name("2A") == "Corse-du-Sud"
    assert communes.departement_name("20") is None
    assert communes.region_name("24") == "Centre-Val de Loire"
    assert communes.region_name("93") == "Provence-Alpes-Côte d'Azur"
    assert communes.region_name("00") is None
    assert len(communes.departements()) == 109


# --- the data file ------------------------------------------------------------------------------


def test_data_keys_match_name_key():
    """The keys written by scripts/build_communes.py are those name_key computes today."""
    data = communes._data()
    lines, keys = data.lines(), data.keys()
    assert len(lines) == len(keys) == 34969
    wrong = [(line, key) for line, key in zip(lines, keys) if communes.name_key(line.split(b"\t")[1].decode()) != key]
    assert wrong == []


def test_data_lines_sorted_and_epci_counts_consistent():
    data = communes._data()
    lines = data.lines()
    assert lines == sorted(lines)
    members: dict[str, list[int]] = {}
    for line in lines:
        fields = line.decode().split("\t")
        if fields[5]:
            members.setdefault(fields[5], []).append(int(fields[3] or 0))
    assert len(members) == 1255
    for code in ("200072072", "242010056", "200054781"):
        epci = communes.epci(code)
        assert epci is not None
        assert (epci.n_communes, epci.population) == (len(members[code]), sum(members[code]))


def test_attribution_names_source_and_licence():
    text = communes.attribution()
    assert "@etalab/decoupage-administratif 6.0.0" in text
    assert "Licence Ouverte 2.0" in text


# --- cost: a command pays only for what it uses ---------------------------------------------------


def run_python(code: str) -> str:
    src = os.path.dirname(os.path.dirname(os.path.abspath(essrural.__file__)))
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return result.stdout.strip()


def test_import_reads_nothing_and_get_skips_the_name_index():
    out = run_python(
        "import sys\n"
        "from essrural import communes\n"
        "print(communes._loaded is None)\n"
        "c = communes.get('41259')\n"
        "print(c.name, communes._loaded._lines is None, communes._loaded._keys is None,"
        " 'rapidfuzz' in sys.modules, len(communes._loaded._communes))\n"
    )
    assert out.splitlines() == ["True", "Thoré-la-Rochette True True False 1"]


def test_exact_name_search_does_not_import_rapidfuzz():
    out = run_python(
        "import sys\n"
        "from essrural import communes\n"
        "communes.search('Thoré-la-Rochette')\n"
        "print('rapidfuzz' in sys.modules)\n"
        "communes.search('thore la rochete')\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    assert out.splitlines() == ["False", "True"]


def test_commune_type_is_exported():
    assert isinstance(communes.get("41259"), Commune)
