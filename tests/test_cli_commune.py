"""`essrural commune` and the commune look-up inside `diagnose`."""

from __future__ import annotations

import json

import pytest

from essrural import communes

from conftest import write


def test_commune_by_name_without_accents_shows_population_and_epci(cli):
    result = cli("commune", "thore la rochette")
    assert result.exit_code == 0
    out = result.stdout
    official = communes.get("41259")
    assert out.startswith("Thoré-la-Rochette (Loir-et-Cher, 41)")
    assert "41259" in out and "Centre-Val de Loire" in out
    assert f"{official.population} habitants" in out
    assert official.epci.name in out and f"{official.epci.n_communes} communes" in out
    assert "Licence Ouverte" in out


def test_commune_shows_its_departements_scheme_but_not_a_neighbours(cli):
    indre = cli("commune", "36010").stdout  # Azay-le-Ferron, Indre
    cher = cli("commune", "Sancergues").stdout  # Cher: same region
    assert "Département" in indre and "Soutien aux activités commerciales en zone rurale" in indre
    assert "Soutien aux activités commerciales en zone rurale" not in cher
    assert "Cap'Asso" in indre and "Cap'Asso" in cher


def test_commune_by_insee_postcode_and_typo(cli):
    assert cli("commune", "41259").stdout.startswith("Thoré-la-Rochette")
    typo = cli("commune", "thore la rochete")
    assert typo.stdout.startswith("Thoré-la-Rochette") and "Correspondance approchée" in typo.stdout
    postcode = cli("commune", "41100")
    assert "Vendôme" in postcode.stdout and "Thoré-la-Rochette" in postcode.stdout


def test_a_code_that_is_one_communes_insee_and_anothers_postcode_says_which_is_which(cli):
    """« 97226 » is Sainte-Anne's INSEE code and Le Morne-Vert's postcode: telling the user to
    « préciser avec le code INSEE » they just typed would lead nowhere."""
    result = cli("commune", "97226")
    lines = result.stdout.splitlines()
    assert any("Sainte-Anne" in line and line.rstrip().endswith("code INSEE") for line in lines)
    assert any("Le Morne-Vert" in line and line.rstrip().endswith("code postal") for line in lines)
    assert 'essrural commune "Sainte-Anne (972)"' in result.stdout
    assert "Précisez avec le code INSEE" not in result.stdout


def test_homonyms_are_listed_with_their_departement(cli):
    result = cli("commune", "Saint-Martin")
    assert result.exit_code == 0
    assert "communes correspondent à « Saint-Martin »" in result.stdout
    assert "Gers (32)" in result.stdout and "Hautes-Pyrénées (65)" in result.stdout
    assert "Nom (41)" in result.stdout


def test_corsica(cli):
    assert cli("commune", "2A004").stdout.startswith("Ajaccio (Corse-du-Sud, 2A)")


def test_unknown_commune_exits_1_with_a_french_message(cli):
    result = cli("commune", "Zzyzxville")
    assert result.exit_code == 1
    assert "Aucune commune ne correspond à « Zzyzxville »" in result.stderr


@pytest.mark.parametrize("query, code, name", [("17", "17", "Charente-Maritime"), ("2a", "2A", "Corse-du-Sud"), ("5", "05", "Hautes-Alpes")])
def test_a_departement_number_is_pointed_to_the_departement_listing(cli, query, code, name):
    result = cli("commune", query)
    assert result.exit_code == 1
    assert f"Pour les communes du département {code} ({name}) : essrural commune --departement {code}" in result.stderr
    assert cli("commune", "--departement", code).exit_code == 0


def test_commune_json(cli):
    found = json.loads(cli("commune", "merindol", "--format", "json").stdout)
    assert found[0]["insee"] == "84074" and found[0]["epci"]["name"]


def test_profile_with_only_a_commune_gets_the_official_figures(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", "commune: Mérindol\nmissing_services: [energie]\nassets: [friche]\n")
    plan = json.loads(cli("diagnose", "--profile", str(profile), "--format", "json").stdout)
    official = communes.get("84074")
    assert plan["profile"]["insee"] == "84074" and plan["profile"]["departement"] == "84"
    assert plan["profile"]["population"] == official.population
    assert plan["place"]["epci"]["name"] == official.epci.name
    assert plan["actions"]


def test_profile_name_without_accents_is_corrected_to_the_official_name(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", "commune: thore la rochette\npopulation: 900\nmissing_services: [cafe]\n")
    plan = json.loads(cli("diagnose", "--profile", str(profile), "--format", "json").stdout)
    assert plan["profile"]["commune"] == "Thoré-la-Rochette" and plan["profile"]["population"] == 900


def test_ambiguous_name_in_a_profile_asks_for_the_insee_code(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", "commune: Saint-Martin\nmissing_services: [cafe]\n")
    result = cli("diagnose", "--profile", str(profile))
    assert result.exit_code == 2
    assert "commune « Saint-Martin » ambiguë" in result.stderr
    assert "32389" in result.stderr and "Indiquez « insee »" in result.stderr


def test_departement_in_the_profile_settles_a_homonym(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", 'commune: Saint-Martin\ndepartement: "32"\nmissing_services: [cafe]\n')
    plan = json.loads(cli("diagnose", "--profile", str(profile), "--format", "json").stdout)
    assert plan["profile"]["insee"] == "32389"


def test_unknown_insee_code_in_a_profile(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", 'commune: X\ninsee: "99999"\npopulation: 100\n')
    result = cli("diagnose", "--profile", str(profile))
    assert result.exit_code == 2 and "code INSEE « 99999 » inconnu" in result.stderr


def test_commune_outside_the_list_works_with_a_population_and_a_warning(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", "commune: Commune Imaginaire\npopulation: 600\nmissing_services: [cafe]\n")
    result = cli("diagnose", "--profile", str(profile), "--format", "json")
    assert result.exit_code == 0
    assert "introuvable dans la liste officielle" in result.stderr
    assert json.loads(result.stdout)["profile"]["insee"] is None


def test_nearby_case_studies_rank_higher_and_say_so(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", 'insee: "41259"\nmissing_services: [epicerie]\nassets: [batiment_vacant]\n')
    plan = json.loads(cli("diagnose", "--profile", str(profile), "--format", "json").stdout)
    whys = [e["why"] for a in plan["actions"] for e in a["examples"]]
    assert any("même département" in w for w in whys)
    assert any("même région" in w for w in whys) or any(
        e["departement"] == "41" for a in plan["actions"] for e in a["examples"]
    )


def test_markdown_plan_names_the_epci(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", 'insee: "84074"\nmissing_services: [energie]\n')
    target = tmp_path / "plan.md"
    assert cli("diagnose", "--profile", str(profile), "--output", str(target)).exit_code == 0
    official = communes.get("84074")
    assert f"; {official.epci.name} ({official.epci.n_communes} communes)" in target.read_text()


def test_a_former_commune_leads_to_the_commune_nouvelle(cli):
    result = cli("commune", "Combrée")
    assert result.stdout.startswith("Ombrée d'Anjou (Maine-et-Loire, 49)")
    assert "« Combrée » est une commune déléguée ou une ancienne commune" in result.stdout
    assert communes.search("Lingreville")[0].commune.insee == "50272"


def test_a_name_and_a_code_of_the_same_commune_agree_even_through_a_former_name(cli, tmp_path):
    combree = communes.search("Combrée", limit=1)[0].commune  # now in Ombrée d'Anjou
    profile = write(tmp_path, "profil.yaml", f'commune: Combrée\ninsee: "{combree.insee}"\nmissing_services: [cafe]\n')
    result = cli("diagnose", "--profile", str(profile), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["commune"] == combree.name


def test_a_population_far_from_the_official_one_is_pointed_out(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", 'insee: "41259"\npopulation: 9000\nmissing_services: [cafe]\n')
    result = cli("diagnose", "--profile", str(profile), "--format", "json")
    assert result.exit_code == 0
    assert "population indiquée 9\u202f000 habitants, population officielle de Thoré-la-Rochette" in result.stderr
    assert json.loads(result.stdout)["profile"]["population"] == 9000


def test_a_name_typed_without_quotes_is_one_name(cli):
    result = cli("commune", "thore", "la", "rochette")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Thoré-la-Rochette (Loir-et-Cher, 41)")


@pytest.mark.parametrize("query", ["Saint-Martin (32)", "Saint-Martin, Gers", "Saint-Martin 32"])
def test_a_name_with_its_departement_is_not_called_a_former_commune(cli, query):
    result = cli("commune", query)
    assert result.stdout.startswith("Saint-Martin (Gers, 32)")
    assert "commune déléguée" not in result.stdout


def test_a_name_with_departement_finds_the_commune_in_it(cli):
    found = cli("commune", "saint", "martin", "--departement", "Gers")
    assert found.exit_code == 0 and found.stdout.startswith("Saint-Martin (Gers, 32)")
    unknown = cli("commune", "saint", "martin", "--departement", "99")
    assert unknown.exit_code == 2 and "département inconnu « 99 »" in unknown.stderr
