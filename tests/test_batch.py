"""`essrural diagnose --batch`: a territory in, one plan per commune and a summary out."""

from __future__ import annotations

import csv
import json
import os

import pytest

from essrural import communes
from essrural.errors import UserError
from essrural.export import write_in_folder


def summary(folder):
    with (folder / "synthese.csv").open(encoding="utf-8-sig", newline="") as handle:
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
    assert f"{source}:5: population : un nombre entier est attendu" in result.stderr
    assert "2 plans écrits" in result.stderr and "2 lignes en erreur" in result.stderr
    rows = summary(out)
    assert [r["statut"] for r in rows] == ["ok", "erreur", "ok", "erreur"]
    assert rows[0]["insee"] == "41259" and " " in rows[0]["projet_1"]  # a title, not an id
    assert rows[3]["commune"] == "Mérindol" and rows[3]["population"] == "abc"  # an error row says which commune
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


def test_the_summary_opens_in_a_french_spreadsheet_and_never_runs_a_formula(cli, tmp_path):
    source = tmp_path / "communes.csv"
    source.write_text(
        "commune;population;missing_services\n"
        "=HYPERLINK(\"http://x\";\"clic\");300;cafe\n"
        "Thoré-la-Rochette;900;cafe\n"
        "@SUM(A1);abc;cafe\n",
        encoding="utf-8",
    )
    out = tmp_path / "plans"
    cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    raw = (out / "synthese.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]  # UTF-8 with BOM, « ; »
    rows = summary(out)
    assert rows[0]["commune"].startswith("'=HYPERLINK")
    assert rows[2]["commune"] == "'@SUM(A1)"
    assert rows[1]["commune"] == "Thoré-la-Rochette"
    assert not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values() if v)


def test_a_rerun_replaces_the_earlier_plans_and_keeps_other_files(cli, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("insee;missing_services\n41259;cafe\n84074;energie\n", encoding="utf-8")
    out = tmp_path / "plans"
    assert cli("diagnose", "--batch", str(first), "--output-dir", str(out)).exit_code == 0
    (out / "notes.txt").write_text("mes notes", encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text("insee;missing_services\n41259;epicerie\n", encoding="utf-8")
    assert cli("diagnose", "--batch", str(second), "--output-dir", str(out), "--force").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["41259-thore-la-rochette.json", "notes.txt", "synthese.csv"]
    assert len(summary(out)) == 1


def test_a_full_disk_stops_the_batch_with_one_message_and_its_summary(cli, tmp_path, monkeypatch):
    import errno

    from essrural import export

    source = tmp_path / "communes.csv"
    source.write_text("insee;missing_services\n41259;cafe\n84074;energie\n01001;cafe\n", encoding="utf-8")
    out = tmp_path / "plans"
    calls = []
    real = export.write_in_folder

    def fill_up(folder, name, text):
        calls.append(name)
        if len(calls) > 1:
            raise export.OperationError(f"impossible d'écrire « {name} » : {os.strerror(errno.ENOSPC)}.")
        real(folder, name, text)

    monkeypatch.setattr("essrural.batch.write_in_folder", fill_up)
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 1
    assert result.stderr.count("impossible d'écrire") == 1
    assert "Lot arrêté après 1 ligne : 1 plan écrit" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["41259-thore-la-rochette.json", "synthese.csv"]
    assert [r["statut"] for r in summary(out)] == ["ok"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--explain"], "--explain affiche la méthode"),
        (["--brief", "--format", "json"], "--brief donne la synthèse"),
    ],
)
def test_options_that_do_not_apply_to_a_batch_are_refused(cli, tmp_path, extra, message):
    source = tmp_path / "communes.csv"
    source.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "plans"), *extra)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "plans").exists()


def test_a_brief_batch_writes_one_synthesis_per_commune(cli, tmp_path):
    source = tmp_path / "communes.csv"
    source.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    out = tmp_path / "plans"
    assert cli("diagnose", "--batch", str(source), "--output-dir", str(out), "--brief", "--format", "html").exit_code == 0
    page = (out / "41259-thore-la-rochette.html").read_text(encoding="utf-8")
    assert "Synthèse" in page and "Les projets" not in page


def test_a_batch_that_declares_no_need_anywhere_says_so_but_still_plans(cli, tmp_path):
    source = tmp_path / "lot.csv"
    source.write_text("insee\n41259\n", encoding="utf-8")
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "plans"))
    assert result.exit_code == 0
    assert "aucun service manquant déclaré (ni dans --profile, ni dans une colonne « missing_services »)" in result.stderr
    with_needs = tmp_path / "besoins.csv"
    with_needs.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    quiet = cli("diagnose", "--batch", str(with_needs), "--output-dir", str(tmp_path / "autres"))
    assert quiet.exit_code == 0 and "aucun service manquant" not in quiet.stderr
