"""`essrural diagnose --batch`: a territory in, one plan per commune and a summary out."""

from __future__ import annotations

import csv
import json
import os
import re

import pytest

from essrural import communes
from essrural.errors import UserError
from essrural.export import write_in_folder


def run_batch(cli, tmp_path, name: str, text: str, *extra: str):
    """A batch file written for one test and planned into `plans/`, with `extra` options: (result, the
    file, the folder)."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "plans"
    return cli("diagnose", "--batch", str(source), "--output-dir", str(out), *extra), source, out


def summary(folder):
    with (folder / "synthese.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_csv_batch_writes_one_plan_per_row_and_reports_bad_rows_by_line(cli, tmp_path):
    result, source, out = run_batch(
        cli, tmp_path, "communes.csv",
        "insee;commune;population;missing_services;assets\n"
        "41259;Thoré-la-Rochette;900;epicerie;batiment_vacant\n"
        ";Saint-Martin;;cafe;\n"
        "84074;;;energie;friche|toitures_terrains\n"
        ";Mérindol;abc;cafe;\n",
    )
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
    result, _source, out = run_batch(cli, tmp_path, "lot.jsonl", json.dumps(
        {"insee": "41259", "population": 900, "missing_services": ["epicerie", "cafe"], "assets": ["batiment_vacant", "associations"]}
    ) + "\n")
    assert result.exit_code == 0
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
    _result, _source, out = run_batch(
        cli, tmp_path, "lot.csv", "commune;population;missing_services\n../../../tmp/evil;300;cafe\n/etc/passwd;300;cafe\n"
    )
    names = sorted(p.name for p in out.iterdir())
    assert names == ["ligne-2-tmp-evil.json", "ligne-3-etc-passwd.json", "synthese.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lot.csv", "plans"]


def test_a_link_left_in_the_output_folder_is_replaced_never_followed(cli, tmp_path):
    result, source, out = run_batch(cli, tmp_path, "lot.csv", "insee;missing_services\n41259;cafe\n")
    assert result.exit_code == 0
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
    result, _source, _out = run_batch(cli, tmp_path, "lot.csv", "insee;missing_service\n41259;cafe\n")
    assert "colonnes ignorées : « missing_service » (vouliez-vous dire « missing_services » ?)" in result.stderr


def test_bad_json_lines_are_reported_with_their_line(cli, tmp_path):
    result, source, _out = run_batch(cli, tmp_path, "lot.jsonl", '{"insee": "41259", "missing_services": ["cafe"]}\n{pas du json\n[1, 2]\n')
    assert result.exit_code == 2
    assert f"{source}:2: JSON invalide" in result.stderr and f"{source}:3: un objet JSON" in result.stderr
    assert "1 plan écrit" in result.stderr


def test_the_summary_opens_in_a_french_spreadsheet_and_never_runs_a_formula(cli, tmp_path):
    _result, _source, out = run_batch(
        cli, tmp_path, "communes.csv",
        "commune;population;missing_services\n"
        "=HYPERLINK(\"http://x\";\"clic\");300;cafe\n"
        "Thoré-la-Rochette;900;cafe\n"
        "@SUM(A1);abc;cafe\n",
    )
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
    result, _source, out = run_batch(cli, tmp_path, "communes.csv", "insee;missing_services\n41259;cafe\n", *extra)
    assert result.exit_code == 2 and message in result.stderr
    assert not out.exists()


def test_a_brief_batch_writes_one_synthesis_per_commune(cli, tmp_path):
    result, _source, out = run_batch(cli, tmp_path, "communes.csv", "insee;missing_services\n41259;cafe\n", "--brief", "--format", "html")
    assert result.exit_code == 0
    page = (out / "41259-thore-la-rochette.html").read_text(encoding="utf-8")
    assert "Synthèse" in page and "Les projets" not in page


def test_a_batch_that_declares_no_need_anywhere_says_so_but_still_plans(cli, tmp_path):
    result, _source, _out = run_batch(cli, tmp_path, "lot.csv", "insee\n41259\n")
    assert result.exit_code == 0
    assert "aucun service manquant déclaré (ni dans --profile, ni dans une colonne « missing_services »)" in result.stderr
    with_needs = tmp_path / "besoins.csv"
    with_needs.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    quiet = cli("diagnose", "--batch", str(with_needs), "--output-dir", str(tmp_path / "autres"))
    assert quiet.exit_code == 0 and "aucun service manquant" not in quiet.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{bad json", "JSON invalide à la colonne 2 : un nom de clé entre guillemets doubles est attendu."),
        ('{"insee": "41259",}', "JSON invalide à la colonne 19 : un nom de clé entre guillemets doubles est attendu."),
        ('{"insee": "41259" "population": 900}', "JSON invalide à la colonne 19 : une virgule est attendue."),
        ('{"commune": "Thoré}', "JSON invalide à la colonne 13 : texte entre guillemets non fermé."),
        ('{"insee": "41259"} x', "JSON invalide à la colonne 20 : texte en trop après l'objet."),
        ("[" * 100_000, "JSON invalide"),
    ],
)
def test_a_bad_json_line_is_explained_in_french_with_its_column(cli, tmp_path, line, message):
    source = tmp_path / "lot.jsonl"
    source.write_text('{"insee": "41259", "missing_services": ["cafe"]}\n' + line + "\n", encoding="utf-8")
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "plans"))
    assert result.exit_code == 2
    assert f"{source}:2: {message}" in result.stderr
    assert not re.search(r"Expecting|line \d+ column|\(char \d+\)|delimiter", result.stderr)
    assert [r["statut"] for r in summary(tmp_path / "plans")] == ["ok", "erreur"]


def test_a_csv_saved_by_excel_on_windows_is_read_as_windows_1252_with_one_warning(cli, tmp_path):
    source = tmp_path / "communes.csv"
    source.write_bytes("commune;population;missing_services\r\nSalers;310;épicerie\r\nThoré-la-Rochette;900;café\r\n".encode("cp1252"))
    out = tmp_path / "plans"
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "Windows-1252" in line]
    assert warnings == [
        f"{source}: le fichier n'est pas en UTF-8 (octet 0xe9 à la ligne 2) ; il est lu en Windows-1252, l'encodage "
        "d'Excel sous Windows : vérifiez les accents dans synthese.csv, ou enregistrez-le en « CSV UTF-8 »."
    ]
    rows = summary(out)
    assert [r["commune"] for r in rows] == ["Salers", "Thoré-la-Rochette"] and [r["statut"] for r in rows] == ["ok", "ok"]
    assert sorted(p.name for p in out.iterdir()) == ["15219-salers.json", "41259-thore-la-rochette.json", "synthese.csv"]
    plan = json.loads((out / "15219-salers.json").read_text(encoding="utf-8"))
    assert plan["profile"]["missing_services"] == ["epicerie"]


def test_a_utf8_csv_gets_no_encoding_warning(cli, tmp_path):
    source = tmp_path / "communes.csv"
    source.write_bytes("\ufeffcommune;population;missing_services\nSalers;310;épicerie\n".encode("utf-8"))
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(tmp_path / "plans"))
    assert result.exit_code == 0 and "Windows-1252" not in result.stderr


def test_every_row_is_checked_before_the_first_plan_is_written(cli, tmp_path, monkeypatch):
    """The rule of every command: all checks, then the writes. A batch with bad rows writes the good
    plans, lists the bad rows (on stderr, before the plans are written, and in synthese.csv), and
    exits 2, as the README says; the summary line comes last, on its own line."""
    from essrural import batch

    source = tmp_path / "communes.csv"
    source.write_text(
        "commune;insee;population;missing_services\n"
        "Chalinargues;15035;304;epicerie, sante\n"
        "Salers;;abc;cafe\n"
        "Thoré-la-Rochette;15035;;epicerie\n"
        ";;;\n"
        "Inconnue-sur-Mer;;250;boulangerie\n"
        "Omps;15144;1.5;transport\n",
        encoding="utf-8",
    )
    out = tmp_path / "plans"
    checked, real_check, real_write = [], batch.resolve_for_plan, batch.write_in_folder

    def check(profile):
        checked.append(profile.commune)
        return real_check(profile)

    def write(folder, name, text):
        assert len(checked) == 3  # the three rows that parse were all resolved before this first write
        real_write(folder, name, text)

    monkeypatch.setattr(batch, "resolve_for_plan", check)
    monkeypatch.setattr(batch, "write_in_folder", write)
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [f"{source}:3", f"{source}:4", f"{source}:7"]
    assert lines[-1] == f"2 plans écrits dans {out} ; 3 lignes en erreur ; synthèse : {out / 'synthese.csv'}"
    assert sorted(p.name for p in out.iterdir()) == ["15035-chalinargues.json", "ligne-6-inconnue-sur-mer.json", "synthese.csv"]
    rows = summary(out)
    assert [(r["ligne"], r["statut"]) for r in rows] == [("2", "ok"), ("3", "erreur"), ("4", "erreur"), ("6", "ok"), ("7", "erreur")]
    assert json.loads((out / "ligne-6-inconnue-sur-mer.json").read_text(encoding="utf-8"))["profile"]["missing_services"] == ["epicerie"]


def test_a_bad_file_writes_nothing_even_after_good_rows(cli, tmp_path):
    """A JSON Lines file that stops being UTF-8 on its last line is refused whole: no folder, no plan."""
    source = tmp_path / "lot.jsonl"
    source.write_bytes(b'{"insee": "41259", "missing_services": ["cafe"]}\n{"commune": "Thor\xe9"}\n')
    out = tmp_path / "plans"
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 2 and "octet 0xe9 à la ligne 2" in result.stderr
    assert not out.exists()


def test_an_unwritable_output_folder_is_said_in_french(cli, tmp_path, monkeypatch):
    import errno
    import tempfile

    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    source = tmp_path / "lot.csv"
    source.write_text("insee;missing_services\n41259;cafe\n", encoding="utf-8")
    out = tmp_path / "plans"
    out.mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"impossible d'écrire dans « {out} » : système de fichiers en lecture seule."
    assert list(out.iterdir()) == []


def test_a_departement_named_in_a_batch_row(cli, tmp_path):
    result, source, out = run_batch(cli, tmp_path, "lot.csv", "commune;departement;missing_services\nSaint-Martin;Gers;cafe\n")
    assert result.exit_code == 0, result.stderr
    assert [r["insee"] for r in summary(out)] == ["32389"]


def test_the_readme_says_what_a_batch_with_bad_rows_does():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Plusieurs communes à la fois", 1)[1].split("\n## ", 1)[0]
    for said in ("avant d'écrire le premier plan", "sort en 2", "synthese.csv", "Windows-1252", "sort en 1"):
        assert said in section, said


@pytest.mark.parametrize(
    ("shared", "keys"),
    [
        ("commune: Mérindol\nmissing_services: [cafe]\n", [("commune", 1)]),
        ('missing_services: [cafe]\ninsee: "84074"\ndepartement: Vaucluse\npopulation: 2000\n',
         [("insee", 2), ("departement", 3), ("population", 4)]),
    ],
    ids=["commune", "insee-departement-population"],
)
def test_a_shared_profile_that_names_a_commune_is_refused_before_any_row(cli, tmp_path, shared, keys):
    """`--profile` with `--batch` gives what every commune shares: naming a commune there made every
    other row « disagree » with it; now the profile is refused, on its lines, and nothing is written."""
    shared_file = tmp_path / "p.yaml"
    shared_file.write_text(shared, encoding="utf-8")
    source = tmp_path / "c.csv"
    source.write_text("insee;missing_services\n41259;cafe\n84074;energie\n", encoding="utf-8")
    out = tmp_path / "plans"
    result = cli("diagnose", "--batch", str(source), "--output-dir", str(out), "--profile", str(shared_file))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{shared_file}:{line}" for _, line in keys]
    for (key, _), line in zip(keys, lines):
        assert f"« {key} » n'a pas sa place dans le profil commun d'un lot" in line
        assert "chaque ligne du lot donne sa commune (colonnes commune, insee, departement, population)" in line
        assert "le profil commun ne donne que missing_services, assets, priorities" in line
    assert f"{source}:" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_json_lines_row_that_gives_a_key_twice_is_refused(cli, tmp_path):
    result, source, out = run_batch(
        cli, tmp_path, "lot.jsonl",
        '{"insee": "41259", "missing_services": ["cafe"]}\n{"insee": "41259", "insee": "84074"}\n'
    )
    assert result.exit_code == 2
    assert f"{source}:2: clé « insee » en double : gardez-en une." in result.stderr
    assert "1 plan écrit" in result.stderr and "1 ligne en erreur" in result.stderr
    assert [r["statut"] for r in summary(out)] == ["ok", "erreur"]
    assert sorted(p.name for p in out.iterdir()) == ["41259-thore-la-rochette.json", "synthese.csv"]


@pytest.mark.parametrize("name", ["c.csv", "c.tsv"])  # pasted into a .csv, or saved by Excel as « texte (tabulation) »
def test_a_tab_separated_batch_pasted_from_excel_is_read(cli, tmp_path, name):
    result, source, out = run_batch(
        cli, tmp_path, name,
        "commune\tinsee\tmissing_services\nThoré-la-Rochette\t41259\tcafe; epicerie\nMérindol\t84074\tenergie\n",
    )
    assert result.exit_code == 0, result.stderr
    assert [(r["insee"], r["statut"]) for r in summary(out)] == [("41259", "ok"), ("84074", "ok")]
    plan = json.loads((out / "41259-thore-la-rochette.json").read_text(encoding="utf-8"))
    assert plan["profile"]["missing_services"] == ["cafe", "epicerie"]


def test_the_separator_is_the_one_of_the_header_not_of_the_lists_in_the_cells(cli, tmp_path):
    """A `,` file whose cells list their values with `;` (more `;` than `,` in the file)."""
    result, source, out = run_batch(cli, tmp_path, "c.csv", 'insee,missing_services\n41259,"cafe;epicerie;sante;transport"\n')
    assert result.exit_code == 0, result.stderr
    plan = json.loads((out / "41259-thore-la-rochette.json").read_text(encoding="utf-8"))
    assert plan["profile"]["missing_services"] == ["cafe", "epicerie", "sante", "transport"]


def test_a_header_without_commune_says_which_separators_are_read(cli, tmp_path):
    result, _source, out = run_batch(cli, tmp_path, "c.csv", "commune|insee\nSalers|15219\n")
    assert result.exit_code == 2
    assert "il faut une colonne « commune » ou « insee » (colonnes séparées par « , », « ; », tabulation)" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "line", "found"),
    [
        ('[{"insee": "41259"}, {"insee": "84074"}]\n', 1, "une liste JSON « [ … ] »"),
        ('[\n  {"insee": "41259"},\n  {"insee": "84074"}\n]\n', 1, "une liste JSON « [ … ] »"),
        ('\n[\n  {"insee": "41259",}\n]\n', 2, "une liste JSON « [ … ] »"),
        ('{\n  "insee": "41259",\n  "missing_services": ["cafe"]\n}\n', 1, "un objet JSON écrit sur plusieurs lignes"),
        ('{"insee": "41259",\n "missing_services": ["cafe"]}\n{"insee": "84074"}\n', 1,
         "un objet JSON écrit sur plusieurs lignes"),
    ],
    ids=["liste-sur-une-ligne", "liste-indentee", "liste-invalide", "objet-indente", "objet-sur-deux-lignes"],
)
def test_a_json_lines_file_that_is_one_json_document_is_refused_whole(cli, tmp_path, text, line, found):
    """A JSON list, or a pretty-printed object, is not « bad rows »: one message for the file, nothing written."""
    result, source, out = run_batch(cli, tmp_path, "lot.jsonl", text)
    assert result.exit_code == 2
    [message] = result.stderr.splitlines()
    assert message.startswith(f"{source}:{line}: un objet JSON par ligne est attendu (JSON Lines) ; ce fichier contient {found} : ")
    assert "écrivez chaque objet {…}" in message
    assert not out.exists()


def test_a_json_lines_file_starting_with_a_bad_one_line_row_still_plans_the_others(cli, tmp_path):
    result, source, out = run_batch(cli, tmp_path, "lot.jsonl", '[1, 2]\n{"insee": "41259", "missing_services": ["cafe"]}\n')
    assert result.exit_code == 2 and f"{source}:1: un objet JSON {{…}} est attendu sur chaque ligne." in result.stderr
    assert [r["statut"] for r in summary(out)] == ["erreur", "ok"]


def test_a_commune_named_twice_is_planned_twice_and_said(cli, tmp_path):
    """Two rows for one commune may be two scenarios, or one row pasted twice: both are planned, and
    the second is pointed out with the line of the first."""
    result, source, out = run_batch(
        cli, tmp_path, "communes.csv", "insee;missing_services\n41259;epicerie\n84074;energie\n41259;cafe\n"
    )
    assert result.exit_code == 0, result.stderr
    assert f"{source}:4: Thoré-la-Rochette (41259) figure déjà ligne 2 ; un plan est écrit pour chacune des deux lignes." in result.stderr
    assert [row["ligne"] for row in summary(out)] == ["2", "3", "4"]
    assert sorted(p.name for p in out.glob("*.json")) == [
        "41259-thore-la-rochette-ligne-4.json", "41259-thore-la-rochette.json", "84074-merindol.json",
    ]
