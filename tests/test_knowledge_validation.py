"""Every validation rule of the knowledge files has a failing case, located on its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from essrural.errors import UserError
from essrural.datafiles import load

from conftest import VALID_EXAMPLE, VALID_LEVER, write


def problems(folder: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load([folder], builtin=False)
    return [str(p) for p in caught.value.problems]


def only(folder: Path) -> str:
    found = problems(folder)
    assert len(found) == 1, found
    return found[0]


def test_valid_files_load_with_their_objects(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_EXAMPLE)
    knowledge = load([tmp_path], builtin=False)
    assert list(knowledge.levers) == ["levier-test"]
    assert knowledge.examples["cas-test"].commune == "Testville"
    assert knowledge.examples_by_lever["levier-test"][0].id == "cas-test"


def test_unknown_sector_names_line_and_closest_id(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("sectors: [commerce]", "sectors: [commerce, mobilte]"))
    message = only(tmp_path)
    assert message.startswith(f"{tmp_path}/a.yaml:5: ") or message.startswith("a.yaml:5: ")
    assert "secteur inconnu « mobilte »" in message
    assert "vouliez-vous dire « mobilite »" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("family: foncier", "family: fonciers", "famille de leviers inconnue « fonciers » ; vouliez-vous dire « foncier »"),
        ("addresses: [epicerie]", "addresses: [epiceri]", "service manquant inconnu « epiceri »"),
        ("uses: [batiment_vacant]", "uses: [batiments]", "atout inconnu « batiments »"),
        ("budget: faible", "budget: gratuit", "tranche de budget inconnue « gratuit »"),
        ("duration: court", "duration: demain", "délai de mise en œuvre inconnu « demain »"),
    ],
)
def test_every_vocabulary_field_is_checked(tmp_path, old, new, expected):
    write(tmp_path, "a.yaml", VALID_LEVER.replace(old, new))
    assert expected in only(tmp_path)


def test_vocabulary_is_forgiving_on_case_and_accents(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("sectors: [commerce]", "sectors: [Commerce, Mobilité, TIERS LIEUX]"))
    lever = load([tmp_path], builtin=False).levers["levier-test"]
    assert lever.sectors == ("commerce", "mobilite", "tiers-lieux")


def test_missing_required_field_is_named(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("        summary: Un levier pour les tests.\n", ""))
    message = only(tmp_path)
    assert ":2: " in message and "champ obligatoire « summary » manquant" in message


def test_unknown_key_suggests_the_closest(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("partners:", "partenrs: [x]\n        partners:"))
    message = only(tmp_path)
    assert ":12: " in message
    assert "clé inconnue « partenrs » ; vouliez-vous dire « partners » ?" in message


def test_a_statement_cut_by_an_unquoted_colon_gets_one_sentence_that_says_to_quote_it(tmp_path):
    """« Loi 3DS : … » unquoted is a dictionary in YAML: the author reads which forms a caution may
    take and what to do, on the caution's line, not three errors about Pydantic's union members."""
    write(tmp_path, "a.yaml", VALID_LEVER.replace(
        "partners: [CRESS]",
        "partners: [CRESS]\n        cautions:\n          - Loi 3DS du 21 février 2022 : la limite est levée.",
    ))
    message = only(tmp_path)
    assert ":14: " in message
    assert "cautions[1] : attendu un texte ou un élément avec les clés text et as_of (et, au besoin, source)" in message
    assert "mettez tout le texte entre guillemets" in message
    assert "function-after" not in message and "Dated" not in message


def test_a_dated_statement_missing_its_date_is_told_so(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace(
        "partners: [CRESS]", "partners: [CRESS]\n        legal:\n          - text: Article L2251-3 du CGCT.",
    ))
    assert "champ obligatoire « legal[1].as_of » manquant." in only(tmp_path)


def test_badly_formed_id_is_refused(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("id: levier-test", "id: Levier_Test"))
    assert "identifiant « Levier_Test » invalide" in only(tmp_path)


def test_duplicate_id_names_both_files(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_LEVER)
    message = only(tmp_path)
    assert "b.yaml:2: " in message
    assert "identifiant « levier-test » déjà défini dans" in message and "a.yaml:2" in message


def test_example_must_refer_to_an_existing_lever(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace("levers: [levier-test]", "levers: [levier-tset]"))
    message = only(tmp_path)
    assert "b.yaml:7: " in message
    assert "levier inconnu « levier-tset » ; vouliez-vous dire « levier-test » ?" in message


def test_lever_must_refer_to_an_existing_programme(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER + "        programmes: [leader]\n")
    assert "programme inconnu « leader »" in only(tmp_path)


def test_example_needs_a_real_source(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace("source: https://example.org/cas", "source: internet"))
    assert "source « internet » refusée : une adresse http:// ou https:// de la page consultée est attendue" in only(tmp_path)


@pytest.mark.parametrize(
    "source",
    ["javascript:alert(1)", "file:///etc/passwd", "Le Monde, 3 mars 2024, page 12", "https://senat.fr./rap", "https://localhost/x"],
)
def test_a_source_must_be_an_http_page_with_a_real_host(tmp_path, source):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace("source: https://example.org/cas", f'source: "{source}"'))
    message = only(tmp_path)
    assert "source" in message and ("refusée" in message or "invalide" in message)


def test_a_page_listed_twice_among_the_sources_is_kept_once(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace(
        "sources: [https://example.org/levier]", "sources: [https://example.org/levier, https://example.org/levier]"))
    write(tmp_path, "b.yaml", VALID_EXAMPLE)
    assert load([tmp_path], builtin=False).levers["levier-test"].sources == ("https://example.org/levier",)


def test_example_without_source_is_refused(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace("        source: https://example.org/cas\n", ""))
    assert "champ obligatoire « source » manquant" in only(tmp_path)


def test_departement_must_exist(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER)
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace('departement: "41"', 'departement: "99"'))
    message = only(tmp_path)
    assert "b.yaml:5: " in message and "numéro de département invalide « 99 »" in message


def test_population_range_must_be_ordered(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER + "        population: {min: 5000, max: 100}\n")
    assert "« min » doit être inférieur à « max »" in only(tmp_path)


def test_first_steps_need_at_least_two(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("[Première étape., Deuxième étape.]", "[Une seule.]"))
    assert "first_steps doit contenir au moins 2 éléments" in only(tmp_path)


PROGRAMME = textwrap.dedent(
    """
        programmes:
          - id: prog
            name: Programme
            kind: financement
            funder: État
            applications: Préfecture
            eligibility: Communes
            funds: Investissement
            source: https://example.org/p
            status: ouvert
    """
).lstrip("\n")


def test_a_programme_says_when_its_source_dates_from_not_when_it_was_read(tmp_path):
    write(tmp_path, "p.yaml", PROGRAMME + "    as_of: hier\n")
    message = only(tmp_path)
    assert "p.yaml:11: " in message and "as_of : date « hier » invalide" in message
    write(tmp_path, "p.yaml", PROGRAMME.replace("status: ouvert", "verified: 2026-11-27"))
    assert "« verified » (date de relecture) est remplacé par « as_of »" in only(tmp_path)


def test_the_page_a_programme_takes_its_date_from_must_be_one_of_its_sources(tmp_path):
    text = PROGRAMME + '    as_of: "2026-02"\n    sources: [https://example.org/budget-2026]\n    dated_by: https://example.org/budget-2026\n'
    write(tmp_path, "p.yaml", text)
    assert load([tmp_path], builtin=False).programmes["prog"].dated_by == "https://example.org/budget-2026"
    write(tmp_path, "p.yaml", text.replace("dated_by: https://example.org/budget-2026", "dated_by: https://example.org/autre"))
    message = only(tmp_path)
    assert "p.yaml:2: " in message and "« dated_by » doit être l'une des adresses de « source » ou de « sources »" in message


def test_unknown_section_is_named(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("levers:", "leviers:"))
    message = only(tmp_path)
    assert "section inconnue « leviers »" in message and "levers, examples, programmes" in message


def test_section_must_be_a_list(tmp_path):
    write(tmp_path, "a.yaml", "levers:\n  id: x\n")
    assert "« levers » doit être une liste" in only(tmp_path)


def test_empty_file_is_reported(tmp_path):
    write(tmp_path, "a.yaml", "")
    assert "fichier vide" in only(tmp_path)


def test_yaml_syntax_error_points_at_its_line(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("title: Un levier de test", "title: [Un levier"))
    message = only(tmp_path)
    assert "a.yaml:" in message and "YAML invalide" in message


def test_tabs_get_a_french_explanation(tmp_path):
    write(tmp_path, "a.yaml", "levers:\n\t- id: x\n")
    message = only(tmp_path)
    assert "a.yaml:2: " in message and "tabulation interdite" in message


def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    write(tmp_path, "a.yaml", f"levers: !!python/object/apply:os.system ['touch {marker}']\n")
    assert "balise YAML non autorisée « !!python/object/apply:os.system »" in only(tmp_path)
    assert not marker.exists()


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("budget: faible", "budget: faible\n        budget: eleve"))
    message = only(tmp_path)
    assert "clé « budget » en double (déjà présente ligne 9)" in message


def test_non_utf8_file_is_reported(tmp_path):
    (tmp_path / "a.yaml").write_bytes("levers:\n  - title: é\n".encode("latin-1"))
    message = only(tmp_path)
    assert "a.yaml:2: " in message and "n'est pas encodé en UTF-8" in message


def test_every_problem_of_a_run_is_reported_at_once(tmp_path):
    write(tmp_path, "a.yaml", VALID_LEVER.replace("family: foncier", "family: x"))
    write(tmp_path, "b.yaml", VALID_EXAMPLE.replace('departement: "41"', 'departement: "00"'))
    write(tmp_path, "c.yaml", "levers: [\n")
    found = problems(tmp_path)
    assert len(found) == 3
    assert [p.split(":")[0].rsplit("/", 1)[-1] for p in found] == ["a.yaml", "b.yaml", "c.yaml"]


def test_an_editors_or_a_systems_hidden_copy_in_a_knowledge_folder_is_not_read(tmp_path):
    """macOS leaves `._levers.yaml` (binary) beside a file copied from a USB stick, Emacs `.#levers.yaml`:
    every command failed on them."""
    write(tmp_path, "levers.yaml", VALID_LEVER)
    (tmp_path / "._levers.yaml").write_bytes(b"\x00\x05\x16\x07binary")
    write(tmp_path, ".#levers.yaml", VALID_LEVER)
    assert len(load([tmp_path], builtin=False).levers) == 1  # no « identifiant déjà défini », no binary read


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(UserError) as caught:
        load([tmp_path / "absent"], builtin=False)
    assert "dossier de connaissances introuvable" in str(caught.value)


def test_folder_without_yaml_is_reported(tmp_path):
    (tmp_path / "notes.txt").write_text("rien")
    with pytest.raises(UserError) as caught:
        load([tmp_path], builtin=False)
    assert "aucun fichier .yaml ou .yml" in str(caught.value)
