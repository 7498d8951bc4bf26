"""`essrural diagnose --profile …`: the plan on screen, as JSON, and as files written whole."""

from __future__ import annotations

import re

import json
import os

import pytest

from essrural import export

from conftest import PROFILES, write

THORE = str(PROFILES / "thore.yaml")
MERINDOL = str(PROFILES / "merindol.yaml")


def test_plan_on_screen_is_explained_and_sourced(cli):
    result = cli("diagnose", "--profile", THORE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Plan d'action ESS — Thoré-la-Rochette (41) — 27 novembre 2026")
    assert out.index("Synthèse") < out.index("Pour commencer") < out.index("Projets recommandés") < out.index("Les projets")
    assert "Réunir habitants, associations et acteurs locaux" in out
    assert "1. Rouvrir le commerce multiservice du village" in out
    assert "Première décision :" in out and "Qui décide :" in out and "Quand :" in out
    rows = [" ".join(line.split()) for line in out.splitlines()]
    assert "répond à : plus de commerce alimentaire +4" in rows
    assert "service du quotidien : à traiter en premier +1,5" in rows
    assert "Moyens pour la commune :" in out and "Mettre un local communal à disposition" in out
    assert "Premières étapes" in out and "Couverture des besoins déclarés" in out
    assert "Déjà dans la commune : Le Comptoir des Cocottes" in out and "https://" in out
    assert "Méthode" not in out.split("La méthode de classement")[0]  # the method is --explain
    assert max(len(line.rstrip()) for line in out.splitlines() if "http" not in line) <= 80


def test_brief_prints_the_synthesis_alone(cli):
    brief = cli("diagnose", "--profile", THORE, "--brief").stdout
    assert "Synthèse" in brief and "Projets recommandés" in brief and "Pour commencer" in brief
    assert "Les projets" not in brief and "Premières étapes" not in brief
    markdown = cli("diagnose", "--profile", THORE, "--brief", "--format", "md").stdout
    assert "## Synthèse" in markdown and "## Annexes" not in markdown


def test_json_on_stdout_follows_the_contract(cli):
    result = cli("diagnose", "--profile", THORE, "--format", "json")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert set(plan) == {"contract", "essrural_version", "profile", "place", "start", "actions", "coverage"}
    assert plan["contract"] == 2
    assert [s["id"] for s in plan["start"]][:2] == ["reunir", "reseau-ess"]
    assert all(set(s) == {"id", "title", "who", "why"} for s in plan["start"])
    assert plan["profile"] == {
        "commune": "Thoré-la-Rochette", "insee": "41259", "departement": "41", "population": 900,
        "missing_services": ["epicerie", "cafe"], "assets": ["batiment_vacant", "associations"], "priorities": [],
    }
    first = plan["actions"][0]
    assert first["rank"] == 1 and first["id"] == "commerce-multiservice"
    assert first["score"] == sum(r["points"] for r in first["reasons"])
    assert first["reasons"][0] == {
        "factor": "need", "ref": "epicerie", "points": 4.0, "detail": "répond à : plus de commerce alimentaire",
    }
    assert "local-communal-mis-a-disposition" in [m["id"] for m in first["means"]]
    assert all(set(m) == {"id", "title", "family"} for m in first["means"])
    assert all(set(g) == {"id", "name", "status", "as_of"} for g in first["programmes"])
    assert {"id", "name", "commune", "departement", "here", "source", "why"} == set(first["examples"][0])
    here = [e for a in plan["actions"] for e in a["examples"] if e["here"]]
    assert here and {e["commune"] for e in here} == {"Thoré-la-Rochette"}
    assert set(plan["coverage"]) == {"epicerie", "cafe"}
    assert all(isinstance(ranks, list) and ranks for ranks in plan["coverage"].values())


def test_same_profile_gives_byte_identical_json(cli):
    runs = {cli("diagnose", "--profile", MERINDOL, "--format", "json").stdout for _ in range(3)}
    assert len(runs) == 1


@pytest.mark.parametrize("profile", ["thore", "merindol"])
def test_markdown_and_json_exports_match_the_golden_files(cli, golden, tmp_path, profile):
    source = str(PROFILES / f"{profile}.yaml")
    for extension in ("md", "json"):
        target = tmp_path / f"plan.{extension}"
        result = cli("diagnose", "--profile", source, "--output", str(target))
        assert result.exit_code == 0, result.stderr
        assert f"Plan exporté dans {target}" in result.stderr
        golden(f"{profile}.{extension}", target.read_text(encoding="utf-8"))


def test_markdown_export_reads_as_a_council_document(cli, tmp_path):
    target = tmp_path / "plan.md"
    cli("diagnose", "--profile", THORE, "--output", str(target))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Plan d'action ESS — Thoré-la-Rochette (41) — 27 novembre 2026\n")
    headings = [
        "## Synthèse", "### Pour commencer", "### Projets recommandés", "## Les projets", "**Premières étapes**",
        "**Moyens pour la commune :**", "**Programmes (annexe A) :**", "**Cas réels comparables (annexe B)**",
        "### Couverture des besoins déclarés", "## Annexes", "### A. Programmes cités", "### B. Cas réels cités",
        "### C. Méthode", "#### Critères et pondérations", "#### Application à cette commune", "### D. Sources",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "il ne décide rien" in text


def test_format_option_overrides_the_extension(cli, tmp_path):
    target = tmp_path / "plan.txt"
    result = cli("diagnose", "--profile", THORE, "--output", str(target), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(target.read_text())["actions"]


def test_unknown_extension_is_refused_before_anything_is_written(cli, tmp_path):
    target = tmp_path / "plan.final"
    result = cli("diagnose", "--profile", THORE, "--output", str(target))
    assert result.exit_code == 2
    assert "extension de fichier inconnue .final" in result.stderr and ".docx (Word), .html" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("extra", [[], ["--format", "html"], ["--format", "docx"]])
def test_a_pdf_is_never_written_and_the_message_says_how_to_get_one(cli, tmp_path, extra):
    """An HTML page under a .pdf name opens nowhere: refused, with or without --format, and the
    message never suggests --format (it once said « ou précisez --format », which did just that)."""
    result = cli("diagnose", "--profile", THORE, "--output", str(tmp_path / "plan.pdf"), *extra)
    assert result.exit_code == 2, result.stderr
    assert "essrural n'écrit pas de PDF" in result.stderr
    assert "--output plan.html, puis Imprimer > PDF" in result.stderr and "--format" not in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_output_in_a_system_folder_fails_in_french_before_anything_is_shown(cli):
    if not os.path.isdir("/proc/self"):
        pytest.skip("pas de /proc sur ce système")
    result = cli("diagnose", "--profile", THORE, "--output", "/proc/plan.md")
    assert result.exit_code == 1
    assert result.stderr.strip() == "impossible d'écrire « /proc/plan.md » : ce dossier n'accepte pas de fichier (dossier du système)."
    assert result.stdout == ""  # the synthesis is not shown before a write that fails


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("EPERM", "permission refusée (fichier ou dossier protégé)"), ("EACCES", "permission refusée"), ("EROFS", "système de fichiers en lecture seule"),
        ("ENOSPC", "disque plein"), ("EDQUOT", "quota de disque dépassé"), ("ENAMETOOLONG", "nom trop long"),
    ],
)
def test_a_refusal_of_the_system_is_said_in_french_before_anything_is_shown(cli, tmp_path, monkeypatch, code, reason):
    import errno
    import tempfile

    number = getattr(errno, code, None)
    if number is None:
        pytest.skip(f"{code} n'existe pas sur ce système")

    def refused(*args, **kwargs):
        raise OSError(number, os.strerror(number))  # English on most systems: « Operation not permitted »

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = cli("diagnose", "--profile", THORE, "--output", str(tmp_path / "plan.md"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"impossible d'écrire « {tmp_path / 'plan.md'} » : {reason}."
    assert os.strerror(number) not in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_a_failure_when_the_plan_is_written_shows_nothing_before_it(cli, tmp_path, monkeypatch):
    """The probe passed, then the disk filled up: the error comes alone, the synthesis is not shown."""
    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = cli("diagnose", "--profile", THORE, "--output", str(tmp_path / "plan.md"))
    assert result.exit_code == 1 and "disque plein" in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_existing_file_is_kept_without_force_and_replaced_with_it(cli, tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("document du conseil")
    result = cli("diagnose", "--profile", THORE, "--output", str(target))
    assert result.exit_code == 2
    assert "existe déjà ; ajoutez --force" in result.stderr
    assert target.read_text() == "document du conseil"
    assert cli("diagnose", "--profile", THORE, "--output", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("# Plan d'action ESS")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


def test_output_in_a_missing_folder_exits_1(cli, tmp_path):
    result = cli("diagnose", "--profile", THORE, "--output", str(tmp_path / "absent" / "plan.md"))
    assert result.exit_code == 1
    assert "le dossier" in result.stderr and "n'existe pas" in result.stderr


def test_a_failed_write_leaves_no_file_behind(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    target = tmp_path / "plan.md"
    with pytest.raises(export.OperationError) as caught:
        export.write_atomic(target, "contenu")
    assert "disque plein" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_save_profile_then_replay_gives_the_same_plan(cli, tmp_path):
    saved = tmp_path / "profil.yaml"
    first = cli("diagnose", "--profile", MERINDOL, "--save-profile", str(saved), "--format", "json")
    assert first.exit_code == 0 and saved.is_file()
    second = cli("diagnose", "--profile", str(saved), "--format", "json")
    assert first.stdout == second.stdout


def test_without_a_terminal_and_without_profile_the_user_is_told_what_to_do(cli):
    result = cli("diagnose")
    assert result.exit_code == 2
    assert "--profile FICHIER" in result.stderr
    assert result.stdout == ""


def test_explain_prints_the_method_without_a_profile(cli):
    result = cli("diagnose", "--explain")
    assert result.exit_code == 0
    for text in ("Ce que fait l'outil et sa place dans la décision", "Données utilisées et leurs sources",
                 "Critères et pondérations", "Opérations effectuées", "R311-3-1-2"):
        assert text in result.stdout


def test_explain_with_a_profile_says_how_the_method_applied(cli):
    result = cli("diagnose", "--profile", THORE, "--explain")
    assert result.exit_code == 0
    assert "Application à cette commune" in result.stdout and "leviers examinés" in result.stdout


def test_top_limits_the_number_of_actions(cli):
    plan = json.loads(cli("diagnose", "--profile", THORE, "--format", "json", "--top", "2").stdout)
    assert [a["rank"] for a in plan["actions"]] == [1, 2]
    result = cli("diagnose", "--profile", THORE, "--top", "0")
    assert result.exit_code == 2 and "--top" in result.stderr


def test_bad_profile_exits_2_with_file_and_line(cli, tmp_path):
    bad = write(tmp_path, "profil.yaml", "commune: X\npopulation: 900\nassets: [batiment_vacan]\n")
    result = cli("diagnose", "--profile", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:3: assets[1] : atout inconnu « batiment_vacan » ; vouliez-vous dire « batiment_vacant » ?" in result.stderr


def test_missing_profile_file(cli, tmp_path):
    result = cli("diagnose", "--profile", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2 and "fichier introuvable" in result.stderr


def test_profile_without_population_or_known_commune_is_refused(cli, tmp_path):
    bad = write(tmp_path, "profil.yaml", "commune: Commune Imaginaire\nmissing_services: [cafe]\n")
    result = cli("diagnose", "--profile", str(bad))
    assert result.exit_code == 2 and "population" in result.stderr


def test_a_profile_that_fits_nothing_gets_an_honest_empty_plan(cli, tmp_path):
    empty = write(tmp_path, "profil.yaml", "commune: Calmeville\npopulation: 300\n")
    result = cli("diagnose", "--profile", str(empty))
    assert result.exit_code == 0
    assert "Aucun projet de la base ne correspond" in result.stdout


def test_an_export_gets_ordinary_file_permissions(cli, tmp_path):
    import os
    import stat

    previous = os.umask(0o022)
    try:
        target = tmp_path / "plan.md"
        assert cli("diagnose", "--profile", THORE, "--output", str(target)).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_programmes_checked_more_than_a_year_ago_are_flagged(cli, tmp_path):
    extra = tmp_path / "reseau"
    extra.mkdir()
    (extra / "programmes.yaml").write_text(
        "programmes:\n  - id: vieux-dispositif\n    name: Vieux dispositif régional\n    kind: financement\n"
        "    funder: Région\n    applications: Région\n    eligibility: Communes rurales\n    funds: Épiceries\n"
        "    source: https://example.org/vieux\n    status: ouvert\n    as_of: 2024-03-01\n"
        "levers:\n  - id: levier-regional\n    title: Demander l'aide régionale aux épiceries\n    family: financement\n"
        "    sectors: [commerce]\n    summary: Une aide régionale.\n    addresses: [epicerie]\n    budget: faible\n"
        "    duration: court\n    first_steps: [Un., Deux.]\n    partners: [Région]\n    programmes: [vieux-dispositif]\n"
        "    sources: [https://example.org/vieux]\n    examples_wanted: true\n",
        encoding="utf-8",
    )
    target = tmp_path / "plan.md"
    assert cli("diagnose", "--profile", THORE, "--data-dir", str(extra), "--output", str(target), "--top", "20").exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "après une source du 1er mars 2024 ; plus d'un an : à revérifier" in text
    assert re.search(r"après une source de septembre 2025\* \*\\\[\d+\\\]\* ; \*plus d'un an : à revérifier\.", text)  # LEADER (ANPP)


def strands_punctuation(out: str) -> list[str]:
    """Lines that end on « or start with » : ; ! ? (Rich's table borders aside)."""
    bad = []
    for line in out.splitlines():
        text = line.strip()
        if text.endswith("«") or text.startswith(("»", ":", ";", "!", "?")):
            bad.append(line)
    return bad


@pytest.mark.parametrize("columns", ["40", "47", "53", "61", "72", "80", "100"])
def test_the_plan_and_a_lever_never_break_a_line_before_french_punctuation(cli, columns):
    env = {"COLUMNS": columns, "ESSRURAL_NO_FASTPATH": "1"}
    outputs = [
        cli("diagnose", "--profile", profile, *extra, env=env).stdout
        for profile in (THORE, MERINDOL)
        for extra in ([], ["--explain"])
    ]
    outputs.append(cli("levers", "soutien-tiers-lieu", env=env).stdout)
    outputs.append(cli("levers", "local-communal-mis-a-disposition", env=env).stdout)
    assert all(outputs)
    assert [line for out in outputs for line in strands_punctuation(out)] == []


def test_one_action_is_counted_in_the_singular(cli, tmp_path):
    assert cli("diagnose", "--profile", THORE, "--top", "1", "--output", str(tmp_path / "plan.md")).exit_code == 0
    text = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert re.search(r"\(1 sur \d+ possibles\)", text)
    assert re.search(r"\d+ projets correspondent au profil parmi \d+ leviers, 1 présenté ;", text)
    assert "1 présentés" not in text


def test_with_an_output_file_the_screen_shows_the_synthesis_only(cli, tmp_path):
    result = cli("diagnose", "--profile", THORE, "--output", str(tmp_path / "plan.docx"))
    assert result.exit_code == 0
    assert "Projets recommandés" in result.stdout and "Les projets" not in result.stdout
    assert f"Plan exporté dans {tmp_path / 'plan.docx'}" in result.stderr


def test_a_long_but_legal_file_name_is_written(cli, tmp_path):
    """A 251-character name plus .md is a legal file name: the temporary file beside it made it « nom
    trop long »."""
    target = tmp_path / ("p" * 251 + ".md")
    result = cli("diagnose", "--profile", THORE, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Plan d'action ESS")
