"""`essrural levers`, `examples`, `data check`, `--version` and `--help`, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from essrural import __version__
from essrural.datafiles import load

from conftest import PROFILES, VALID_EXAMPLE, VALID_LEVER, write

SHEET_MOBILITY = ["MÒVER"]  # the sheet's other mobility names are partners, not rural cases (see test_knowledge_base)


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"essrural {__version__}"


def test_python_dash_m_runs_the_same_program():
    result = subprocess.run([sys.executable, "-m", "essrural", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"essrural {__version__}"


@pytest.mark.parametrize("command", [[], ["levers"], ["examples"], ["diagnose"], ["data"], ["data", "check"]])
def test_every_help_page_is_in_french(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Utilisation : essrural")
    assert "Afficher cette aide et quitter." in result.stdout
    for english in ("Usage:", "Show this message", "Options:", "[default:", "Commands:"):
        assert english not in result.stdout


def test_levers_lists_the_whole_base(cli):
    result = cli("levers", "--format", "json")
    assert result.exit_code == 0
    levers = json.loads(result.stdout)
    assert len(levers) == len(load().levers) >= 40
    for lever in levers:
        assert {"id", "title", "family", "sectors", "addresses", "uses"} <= set(lever)


def test_levers_filter_by_family(cli):
    levers = json.loads(cli("levers", "--family", "Foncier", "--format", "json").stdout)
    assert levers and {lever["family"] for lever in levers} == {"foncier"}


def test_sector_spelling_does_not_change_the_output(cli):
    outputs = {cli("levers", "--sector", s).stdout for s in ("mobilite", "Mobilité", "MOBILITE")}
    assert len(outputs) == 1
    assert "transport-solidaire" in outputs.pop()


def test_unknown_sector_exits_2_with_the_valid_ids_and_a_suggestion(cli):
    result = cli("examples", "--sector", "mobilte")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "secteur inconnu « mobilte » ; vouliez-vous dire « mobilite » ?" in result.stderr
    assert "alimentation, commerce, tiers-lieux" in result.stderr
    assert "Traceback" not in result.stderr


def test_lever_detail_shows_steps_partners_sources_and_cases(cli):
    result = cli("levers", "local-communal-mis-a-disposition")
    assert result.exit_code == 0
    for heading in ("Premières étapes", "Partenaires et réseaux", "Sources", "Cas réels"):
        assert heading in result.stdout
    assert "Le Comptoir des Cocottes" in result.stdout


def test_lever_id_is_forgiving_and_unknown_one_is_explained(cli):
    assert cli("levers", "LOCAL-COMMUNAL-MIS-A-DISPOSITION").exit_code == 0
    result = cli("levers", "local-communal")
    assert result.exit_code == 2
    assert "levier inconnu « local-communal » ; vouliez-vous dire « local-communal-mis-a-disposition » ?" in result.stderr


def test_a_lever_asked_by_a_word_lists_the_levers_about_it(cli):
    result = cli("levers", "Épicerie")
    assert result.exit_code == 2
    assert "leviers qui en parlent : epicerie-solidaire-itinerante, epicerie-participative-accompagnee, commerce-itinerant, epicerie-sociale." in result.stderr


def test_a_short_unknown_word_gets_no_far_fetched_suggestion(cli):
    result = cli("examples", "--sector", "velo")
    assert result.exit_code == 2 and "secteur inconnu « velo »." in result.stderr  # not « insertion » (via « emploi »)
    assert "vouliez-vous dire « mobilite »" in cli("examples", "--sector", "mobilte").stderr


def test_levers_markdown(cli):
    result = cli("levers", "--family", "foncier", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")
    assert "## Mettre un local communal" in result.stdout
    assert cli("levers", "--family", "foncier", "--format", "md").stdout == result.stdout  # as for a plan


def test_unknown_format_exits_2(cli):
    result = cli("levers", "--format", "xml")
    assert result.exit_code == 2
    assert "format inconnu « xml »" in result.stderr and "table, json, markdown" in result.stderr


def test_examples_sector_mobilite_lists_the_sheet_cases_with_their_sources(cli):
    result = cli("examples", "--sector", "mobilite")
    assert result.exit_code == 0
    for name in SHEET_MOBILITY:
        assert name in result.stdout
    examples = [e for e in load().examples.values() if "mobilite" in e.sectors]
    lines = result.stdout.splitlines()
    for example in examples:  # each URL whole, on the « Source » line or alone on the next, to be copied
        assert f"Source : {example.source}" in lines or example.source in lines


def test_an_intercommunal_case_says_its_population_is_the_territory_s(cli):
    result = cli("examples", "--sector", "mobilite", "--format", "md")
    colombey = next(line for line in result.stdout.splitlines() if "Colombey-les-Belles (54)" in line)
    assert "territoire de 11\u202f500\u00a0hab." in colombey  # the CC's figure, not a town of 11,500
    assert "(Châtenois (88), " not in result.stdout and "Châtenois (88)" in result.stdout


def test_search_ignores_case_and_accents(cli):
    a = json.loads(cli("examples", "--search", "thore la rochette", "--format", "json").stdout)
    b = json.loads(cli("examples", "--search", "THORÉ-LA-ROCHETTE", "--format", "json").stdout)
    assert a == b and any(e["commune"] == "Thoré-la-Rochette" for e in a)


def test_search_needs_every_word(cli):
    found = json.loads(cli("examples", "--search", "épicerie participative", "--format", "json").stdout)
    assert found
    nothing = json.loads(cli("examples", "--search", "épicerie zzzz", "--format", "json").stdout)
    assert nothing == []


def test_examples_filter_by_lever(cli):
    found = json.loads(cli("examples", "--lever", "transport-solidaire", "--format", "json").stdout)
    assert found and all("transport-solidaire" in e["levers"] for e in found)


def test_examples_json_has_the_contract_fields(cli):
    examples = json.loads(cli("examples", "--format", "json").stdout)
    assert len(examples) >= 60
    for example in examples:
        assert {"id", "name", "commune", "departement", "sectors", "levers", "source"} <= set(example)


def test_examples_markdown_links_the_sources(cli):
    result = cli("examples", "--sector", "energie", "--format", "markdown")
    assert result.exit_code == 0 and "Source : <http" in result.stdout


def test_empty_filter_result_says_so(cli):
    result = cli("examples", "--search", "zzzzzz")
    assert result.exit_code == 0 and "Aucun cas réel ne correspond" in result.stdout


def test_data_dir_adds_a_network_s_own_cases(cli, tmp_path):
    write(tmp_path, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire"))
    result = cli("examples", "--data-dir", str(tmp_path), "--search", "Testville")
    assert result.exit_code == 0 and "Un cas de test" in result.stdout


def test_data_dir_from_the_environment(cli, tmp_path):
    write(tmp_path, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire"))
    result = cli("examples", "--search", "Testville", env={"ESSRURAL_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0 and "Un cas de test" in result.stdout


def test_duplicate_of_a_built_in_id_names_both_files(cli, tmp_path):
    write(tmp_path, "leviers.yaml", VALID_LEVER.replace("levier-test", "leader"))
    result = cli("levers", "--data-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "identifiant « leader » déjà défini dans data/levers.yaml:" in result.stderr
    assert "leviers.yaml:2:" in result.stderr


def test_data_check_on_the_built_in_base_prints_coverage(cli):
    result = cli("data", "check")
    assert result.exit_code == 0
    assert "Base de connaissances valide." in result.stdout
    assert "Leviers par famille" in result.stdout and "Couverture par secteur" in result.stdout
    assert "mobilite (mobilité soutenable)" in result.stdout


def test_data_check_reports_each_problem_of_three_broken_files(cli, tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("sectors: [commerce]", "sectors: [comerce]"))
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace("levers: [levier-test]", "levers: [inexistant]"))
    write(tmp_path, "c.yml", "examples:\n  - id: x\n\tname: y\n")
    result = cli("data", "check", str(tmp_path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("a.yaml:5: levier « levier-test » : sectors[1] : secteur inconnu « comerce » ; "
                             "vouliez-vous dire « commerce » ? Valeurs possibles : alimentation, commerce, "
                             "tiers-lieux, energie, mobilite, services, culture, reemploi, numerique, insertion, habitat.")
    assert "b.yaml:7: cas « cas-test » : levier inconnu « inexistant »" in lines[1]
    assert "c.yml:3: YAML invalide : tabulation interdite" in lines[2]
    assert "Traceback" not in result.stderr


def test_data_check_without_a_folder_checks_the_folders_of_essrural_data_dir(cli, tmp_path):
    """The adviser who set ESSRURAL_DATA_DIR for `diagnose` gets the same files checked."""
    write(tmp_path, "a.yaml", VALID_LEVER.replace("sectors: [commerce]", "sectors: [comerce]"))
    result = cli("data", "check", env={"ESSRURAL_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 2
    assert "a.yaml:5: levier « levier-test » : sectors[1] : secteur inconnu « comerce »" in result.stderr
    write(tmp_path, "a.yaml", VALID_LEVER)
    result = cli("data", "check", env={"ESSRURAL_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0 and "5 fichier(s) lu(s)" in result.stdout and "a.yaml" in result.stdout


def test_unknown_option_and_command_are_explained_in_french(cli):
    result = cli("levers", "--famly", "foncier")
    assert result.exit_code == 2
    assert "option inconnue « --famly » ; vouliez-vous dire « --family » ?" in result.stderr
    result = cli("leverz")
    assert result.exit_code == 2 and "commande inconnue « leverz »" in result.stderr


def test_listings_show_labels_with_their_accents(cli):
    out = cli("levers", "--sector", "energie").stdout
    assert "transition énergétique" in out and "· energie" not in out


def test_piped_output_has_no_trailing_spaces(cli, tmp_path):
    for args in (["levers"], ["examples", "--sector", "mobilite"], ["levers", "leader"], ["data", "check"],
                 ["diagnose", "--profile", str(PROFILES / "thore.yaml"), "--explain"]):
        out = cli(*args).stdout
        assert out and [line for line in out.splitlines() if line != line.rstrip()] == [], args


def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    """`essrural levers | head -1` in a script with `set -o pipefail` must not fail."""
    for fast in ("0", "1"):
        env = {**os.environ, "ESSRURAL_NO_FASTPATH": fast}
        script = f"set -o pipefail; {sys.executable} -m essrural levers | head -1"
        result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=60)
        assert result.stdout.endswith(" leviers\n") and result.stdout.count("\n") == 1
        assert result.returncode == 0 and result.stderr == "", (fast, result.stderr)


def test_the_same_data_folder_twice_is_read_once(cli, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "levers.yaml").write_text(textwrap.dedent(VALID_LEVER), encoding="utf-8")
    result = cli("levers", "--data-dir", str(extra), "--data-dir", f"{extra}/", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sum(lv["id"] == "levier-test" for lv in json.loads(result.stdout)) == 1


def test_a_lever_s_commune_size_reads_as_its_source_says(cli):
    """`max: 3499` is « moins de 3 500 » (the programme's words); an inclusive round maximum is « jusqu'à »."""
    out = " ".join(cli("levers", "cafe-village-reseau").stdout.split())
    assert "moins de 3 500 habitants" in out and "3 499" not in out
    from essrural.frenchfmt import number, population_range

    assert population_range(None, 20000) == f"jusqu'à {number(20000)} habitants"
    assert population_range(2000, None) == f"au moins {number(2000)} habitants"


def test_a_first_step_that_names_its_page_is_cited_by_number_in_the_lever_s_detail(cli, tmp_path):
    lever = VALID_LEVER.replace(
        "first_steps: [Première étape., Deuxième étape.]",
        "first_steps:\n"
        "          - text: Délibérer sur le principe.\n"
        "            source: https://example.org/deliberer\n"
        "          - Deuxième étape.",
    )
    write(tmp_path, "leviers.yaml", lever)
    result = cli("levers", "levier-test", "--data-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Délibérer sur le principe. [2]" in out  # after the lever's own source, number 1
    assert "1. https://example.org/levier" in out and "2. https://example.org/deliberer" in out


def test_a_first_step_with_a_misspelt_key_is_refused_with_its_line(cli, tmp_path):
    lever = VALID_LEVER.replace(
        "first_steps: [Première étape., Deuxième étape.]",
        "first_steps:\n          - text: Délibérer.\n            sourse: https://example.org/deliberer\n          - Deux.",
    )
    write(tmp_path, "leviers.yaml", lever)
    result = cli("data", "check", str(tmp_path))
    assert result.exit_code == 2
    assert "leviers.yaml:" in result.stderr and "sourse" in result.stderr and "source" in result.stderr
