"""`essrural diagnose --batch`: a territory in, one plan per commune and a summary out."""

from __future__ import annotations

import csv
import json

import pytest

from essrural import communes
from essrural.errors import UserError
from essrural.export import write_in_folder


def summary(folder):
    with (folder / "synthese.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_csv_batch_writes_one_plan_per_row_and_reports_bad_rows_by_line(cli, tmp_path):
    source = tmp_path / "communes.csv"
    source.write_text(
        "insee;commune;population;missing_services;assets\n"
        "41259;Thoré-la-Rochette;900;epicerie;batiment_vacant\n"
        ";Saint-Martin;;cafe;\n"
        "84074;;;energie;friche|toitures_terrains\n"
        ";Mérindol;abc;cafe;\n",
        encoding="utf-8",
    )
    out = tmp_path / "plans"
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["41259-thore-la-rochette.json", "84074-merindol.json", "synthese.csv"]
    assert f"{source}:3: commune « Saint-Martin » ambiguë" in result.stderr
    assert f"{source}:5: population doit être un nombre entier" in result.stderr
    assert "2 plans écrits" in result.stderr and "2 lignes en erreur" in result.stderr
    rows = summary(out)
    assert [r["statut"] for r in rows] == ["ok", "erreur", "ok", "erreur"]
    assert rows[0]["insee"] == "41259" and rows[0]["piste_1"]
    plan = json.loads((out / "84074-merindol.json").read_text(encoding="utf-8"))
    assert plan["profile"]["population"] == communes.get("84074").population
    assert plan["actions"][0]["score"] == sum(r["points"] for r in plan["actions"][0]["reasons"])


def test_a_batch_plan_is_the_plan_of_the_same_profile_alone(cli, tmp_path):
    source = tmp_path / "lot.jsonl"
    source.write_text(json.dumps({"insee": "41259", "population": 900, "missing_services": ["epicerie", "cafe"],
                                  "assets": ["batiment_vacant", "associations"]}) + "\n", encoding="utf-8")
    out = tmp_path / "plans"
    assert cli("diagnose", "--batch", str(source), "--output-dir", str(out)).exit_code == 0
    alone = tmp_path / "profil.yaml"
    alone.write_text('insee: "41259"\npopulation: 900\nmissing_services: [epicerie, cafe]\n'
                     "assets: [batiment_vacant, associations]\n", encoding="utf-8")
    single = json.loads(cli("diagnose", "--profile", str(alone), "--format", "json").stdout)
    assert json.loads((out / "41259-thore-la-rochette.json").read_text(encoding="utf-8")) == single


def test_shared_needs_for_every_commune_of_a_departement(cli, tmp_path):
    listing = cli("commune", "--departement", "2A", "--format", "csv")
    source = tmp_path / "corse-du-sud.csv"
    source.write_text(listing.stdout, encoding="utf-8")
    shared = tmp_path / "besoins.yaml"
    shared.write_text("missing_services: [epicerie, transport]\nassets: [batiment_vacant]\n", encoding="utf-8")
    out = tmp_path / "plans"
    result = cli("diagnose", "--batch", str(source), "--profile", str(shared), "--output-dir", str(out), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    expected = len(communes.in_departement("2A"))
    assert len(list(out.glob("*.md"))) == expected and len(summary(out)) == expected
    assert all(row["statut"] == "ok" for row in summary(out))


def test_names_from_communes_never_leave_the_output_folder(cli, tmp_path):
    source = tmp_path / "lot.csv"
    source.write_text("commune;population;missing_services\n../../../tmp/evil;300;cafe\n/etc/passwd;300;cafe\n", encoding="utf-8")
    out = tmp_path / "plans"
    cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    names = sorted(p.name for p in out.iterdir())
    assert names == ["ligne-2-tmp-evil.json", "ligne-3-etc-passwd.json", "synthese.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lot.csv", "plans"]


def test_a_link_left_in_the_output_folder_is_replaced_never_followed(cli, tmp_path):
    source = tmp_path / "lot.csv"
    source.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    out = tmp_path / "plans"
    assert cli("diagnose", "--batch", str(source), "--output-dir", str(out)).exit_code == 0
    plan = next(out.glob("41259-*.json"))
    precious = tmp_path / "precieux.txt"
    precious.write_text("à garder", encoding="utf-8")
    plan.unlink()
    plan.symlink_to(precious)
    assert cli("diagnose", "--batch", str(source), "--output-dir", str(out), "--force").exit_code == 0
    assert precious.read_text(encoding="utf-8") == "à garder"
    assert not plan.is_symlink() and json.loads(plan.read_text(encoding="utf-8"))["profile"]["insee"] == "41259"


@pytest.mark.parametrize("name", ["../dehors.json", "sous/dossier.json", "..", ""])
def test_a_batch_file_name_with_a_path_in_it_is_refused(tmp_path, name):
    with pytest.raises(UserError):
        write_in_folder(str(tmp_path), name, "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_non_empty_output_folder_needs_force(cli, tmp_path):
    source = tmp_path / "lot.csv"
    source.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    out = tmp_path / "plans"
    out.mkdir()
    (out / "ancien.json").write_text("{}")
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 2 and "n'est pas vide ; ajoutez --force" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ancien.json"]
    assert cli("diagnose", "--batch", str(source), "--output-dir", str(out), "--force").exit_code == 0


def test_batch_usage_errors(cli, tmp_path):
    source = tmp_path / "lot.txt"
    source.write_text("x")
    assert "--batch et --output-dir vont ensemble" in cli("diagnose", "--batch", str(source)).stderr
    wrong = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "o"))
    assert wrong.exit_code == 2 and "format de lot inconnu « .txt »" in wrong.stderr
    empty = tmp_path / "vide.csv"
    empty.write_text("")
    assert "fichier vide" in cli("diagnose", "--batch", str(empty), "--output-dir", str(tmp_path / "o")).stderr
    headless = tmp_path / "sans.csv"
    headless.write_text("population\n900\n")
    assert "il faut une colonne « commune » ou « insee »" in cli("diagnose", "--batch", str(headless), "--output-dir", str(tmp_path / "o")).stderr


def test_unknown_columns_are_named_with_a_suggestion(cli, tmp_path):
    source = tmp_path / "lot.csv"
    source.write_text("insee;missing_service\n41259;cafe\n", encoding="utf-8")
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "plans"))
    assert "colonnes ignorées : « missing_service » (vouliez-vous dire « missing_services » ?)" in result.stderr


def test_bad_json_lines_are_reported_with_their_line(cli, tmp_path):
    source = tmp_path / "lot.jsonl"
    source.write_text('{"insee": "41259", "missing_services": ["cafe"]}\n{pas du json\n[1, 2]\n', encoding="utf-8")
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "plans"))
    assert result.exit_code == 2
    assert f"{source}:2: JSON invalide" in result.stderr and f"{source}:3: un objet JSON" in result.stderr
    assert "1 plan écrit" in result.stderr
