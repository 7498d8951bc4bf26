"""The real `essrural diagnose` in a pseudo-terminal, answered like a mairie secretary would."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def spawn(cwd, *args: str, **extra_env: str):
    env = {
        **os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "SOURCE_DATE_EPOCH": "1795737600",
        "PAGER": "cat", **extra_env,
    }
    env.pop("ESSRURAL_DATA_DIR", None)
    child = pexpect.spawn(
        sys.executable, ["-m", "essrural", "diagnose", *args], cwd=str(cwd), env=env, encoding="utf-8", timeout=30,
        preexec_fn=_default_ctrl_c,
    )
    child.setwinsize(40, 80)
    return child


def said(text: str) -> str:
    """A pattern for `text` as the terminal shows it, wrapped at 80 columns: any spacing between words."""
    return r"\s+".join(re.escape(word) for word in text.split())


def _default_ctrl_c() -> None:
    """Ctrl-C as in a terminal, even when the tests themselves run in the background (`pytest &`),
    where the shell makes every child ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def assert_ends_with(child, status: int) -> None:
    """The program ends, with this exit status."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status


def assert_interrupted(child) -> None:
    """The run said « Interrompu » and ended with exit code 130."""
    child.expect("Interrompu")
    assert_ends_with(child, 130)


def decline_saving_and_finish(child) -> None:
    """The last question (save the answers?) answered no: the program ends with status 0."""
    child.expect("Enregistrer vos réponses")
    child.sendline("n")
    assert_ends_with(child, 0)


def answer_merindol_with_defaults(child) -> None:
    """Mérindol, its official population, the first need and the first asset, no priority; confirmed."""
    child.expect("Nom de la commune")
    child.sendline("Mérindol")
    child.expect("Est-ce bien votre commune")
    child.sendline("o")
    child.expect("Nombre d'habitants")
    child.sendline("")
    for answer in ("1", "1", ""):
        child.expect("Votre choix")
        child.sendline(answer)
    child.expect("Ces réponses sont-elles correctes")
    child.sendline("o")


def test_whole_questionnaire_with_a_wrong_answer_then_exports(tmp_path):
    child = spawn(tmp_path)
    child.expect("Nom de la commune")
    child.sendline("thore la rochete")  # no accents, one typo: the official list still finds it
    child.expect("Trouvée : Thoré-la-Rochette \\(Loir-et-Cher, 41\\)")
    child.expect("Est-ce bien votre commune")
    child.sendline("o")
    child.expect(r"Nombre d'habitants \[\d+\]")
    child.sendline("neuf cents")
    child.expect("Réponse non valide : « neuf cents » n'est pas un nombre entier")
    child.expect("Nombre d'habitants")
    child.sendline("900")
    child.expect("Quels services manquent")
    child.expect("20. précarité alimentaire")  # the general needs only: a precise one is asked after its own
    child.expect("Votre choix")
    assert "21." not in child.before
    child.sendline("1,2")
    child.expect("Sur quels atouts")
    child.expect("Votre choix")
    child.sendline("1,8")
    child.expect("Secteurs prioritaires")
    child.expect("Votre choix")
    child.sendline("")
    child.expect("Vos réponses")
    child.expect("plus de commerce alimentaire")
    child.expect("Ces réponses sont-elles correctes")
    child.sendline("o")
    child.expect("Synthèse")
    child.expect("1. Rouvrir le commerce multiservice")
    child.expect("Mettre un local communal")
    child.expect("Exporter le plan pour le dossier du conseil municipal")
    child.sendline("o")
    child.expect("Format du plan")
    child.expect("Word")
    child.expect(r"Votre choix \[1\]")
    child.sendline("pdf")
    child.expect(said("Réponse non valide : essrural n'écrit pas de PDF ; il écrit une page web à imprimer en PDF"))
    child.expect(said("tapez plan.html, puis Imprimer > PDF."))
    child.sendline("word")
    child.expect(r"Nom du fichier \[plan-ess-thore-la-rochette\.docx\]")
    child.sendline("absent/plan.docx")  # a folder that does not exist: said once, plainly, then another try
    child.expect("Impossible d'écrire « absent/plan.docx » : le dossier « absent » n'existe pas.")
    child.expect("Essayer un autre nom")
    child.sendline("o")
    child.expect(r"Nom du fichier \[plan-ess-thore-la-rochette\.docx\]")
    child.sendline("plan.txt")
    child.expect(said("extension .txt inconnue ; vous avez choisi le format Word : tapez un nom en .docx"))
    child.expect(r"Nom du fichier \[plan-ess-thore-la-rochette\.docx\]")
    child.sendline("plan.html")  # Word was chosen: another format's name is asked again, never a silent switch
    child.expect(said("« plan.html » désigne une page web (.html) ; vous avez choisi le format Word : tapez un nom en .docx"))
    child.expect(r"Nom du fichier \[plan-ess-thore-la-rochette\.docx\]")
    child.sendline("plan.pdf")
    child.expect("essrural n'écrit pas de PDF")
    child.expect(r"Nom du fichier \[plan-ess-thore-la-rochette\.docx\]")
    child.sendline("plan2")  # no extension: the chosen format's is added
    child.expect("Plan exporté dans plan2.docx")
    child.expect("Enregistrer vos réponses")
    child.sendline("o")
    child.expect(r"\[profil-thore-la-rochette\.yaml\]")
    child.sendline("")
    child.expect("Réponses enregistrées dans profil-thore-la-rochette.yaml")
    assert_ends_with(child, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan2.docx", "profil-thore-la-rochette.yaml"]
    import docx

    word = docx.Document(str(tmp_path / "plan2.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Synthèse" in headings and any(h.startswith("1. Rouvrir le commerce multiservice") for h in headings)
    profile = (tmp_path / "profil-thore-la-rochette.yaml").read_text(encoding="utf-8")
    assert "insee: '41259'" in profile and "population: 900" in profile
    assert "missing_services: [epicerie, cafe]" in profile
    assert "assets: [batiment_vacant, associations]" in profile


def test_a_long_plan_opens_in_the_pager_and_the_format_chosen_is_the_one_written(tmp_path):
    """On a real terminal the plan goes through `less`; after it, the export question; a name ending
    in .html after choosing Markdown is asked again (never a silent switch), a name without extension
    gets .md."""
    if not shutil.which("less"):
        pytest.skip("less n'est pas installé")
    env_pager = {k: v for k, v in os.environ.items() if k != "PAGER"}
    child = pexpect.spawn(
        sys.executable, ["-m", "essrural", "diagnose"], cwd=str(tmp_path),
        env={**env_pager, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm", "SOURCE_DATE_EPOCH": "1795737600"},
        encoding="utf-8", timeout=30,
    )
    child.setwinsize(30, 80)
    answer_merindol_with_defaults(child)
    child.expect("Synthèse")
    child.expect(":")  # less waits at the bottom of the first screen
    child.send("q")
    child.expect("Exporter le plan pour le dossier du conseil municipal")
    child.sendline("o")
    child.expect(r"Votre choix \[1\]")
    child.sendline("3")  # Markdown…
    child.expect(r"Nom du fichier \[plan-ess-merindol\.md\]")
    child.sendline("plan.html")  # …but the name says web page
    child.expect(said("vous avez choisi le format Markdown : tapez un nom en .md, par exemple plan.md, ou sans extension."))
    child.expect(r"Nom du fichier \[plan-ess-merindol\.md\]")
    child.sendline("conseil")
    child.expect("Plan exporté dans conseil.md")
    decline_saving_and_finish(child)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conseil.md"]
    assert (tmp_path / "conseil.md").read_text(encoding="utf-8").startswith("# Plan d'action ESS")


def test_a_file_name_typed_as_the_format_is_taken_as_both(tmp_path):
    """Asked for the format, a secretary types the file name she wants: it gives the format and the name."""
    child = spawn(tmp_path)
    answer_merindol_with_defaults(child)
    child.expect("Exporter le plan pour le dossier du conseil municipal")
    child.sendline("o")
    child.expect(r"Votre choix \[1\]")
    child.sendline("rapport.pdf")
    child.expect(said("Réponse non valide : essrural n'écrit pas de PDF ; il écrit une page web à imprimer en PDF depuis un"))
    child.expect(said("tapez rapport.html, puis Imprimer > PDF."))
    child.sendline("conseil.html")
    child.expect(r"Nom du fichier \[conseil\.html\]")
    child.sendline("")
    child.expect("Plan exporté dans conseil.html")
    decline_saving_and_finish(child)
    assert (tmp_path / "conseil.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_correcting_an_answer_from_the_summary(tmp_path):
    child = spawn(tmp_path, "--format", "json")
    child.expect("Nom de la commune")
    child.sendline("Zzyzxville")
    child.expect("Aucune commune ne correspond à « Zzyzxville »")
    child.expect("Entrée pour continuer sans")
    child.sendline("")
    child.expect("Nombre d'habitants")
    child.sendline("450")
    child.expect("Votre choix")
    child.sendline("6,8")  # mobility: the adviser's next question is « for whom? »
    child.expect(said("Pour préciser « pas de solution de mobilité sans voiture » (facultatif)"))
    child.expect("1. aînés et personnes sans voiture")
    child.expect("Votre choix")
    child.sendline("1")
    child.expect("Sur quels atouts")
    child.expect("Votre choix")
    child.sendline("aucun")  # care: what a maison de santé needs first is asked by name
    child.expect(said("Pour « Construire ou aménager les locaux d'une maison de santé"))
    child.expect(said("professionnels de santé prêts à s'installer ou à exercer ensemble"))
    child.expect(r"Est-ce le cas \? \[o/N\]")
    child.sendline("o")
    child.expect("Votre choix")
    child.sendline("")
    child.expect("Ces réponses sont-elles correctes")
    child.sendline("n")
    child.expect("Que voulez-vous corriger")
    child.expect("Numéro")
    child.sendline("3")  # the services: the previous answer is offered, Entrée keeps it
    child.expect(r"Votre choix \[6,8\]")
    child.sendline("")
    child.expect(r"Votre choix \[1\]")  # and the precision given before; the professionals are not asked again
    child.sendline("")
    child.expect(said("aînés et personnes sans voiture"))
    child.expect(said("Atouts professionnels de santé prêts à s'installer"))
    child.expect("Ces réponses sont-elles correctes")
    child.sendline("n")
    child.expect("Numéro")
    child.sendline("2")
    child.expect(r"Nombre d'habitants \[450\]")
    child.sendline("1 200")
    child.expect("1200 habitants|1\u202f200 habitants")
    child.expect("Ces réponses sont-elles correctes")
    child.sendline("o")
    child.expect('"population": 1200')
    child.expect('"id": "transport-solidaire"')  # for the elderly, and it helps with care too
    child.expect('"id": "maison-sante"')  # with the professionals: before the salaried centre
    assert_ends_with(child, 0)


def test_homonym_is_chosen_from_a_list_then_end_of_input_stops_with_130(tmp_path):
    child = spawn(tmp_path)
    child.expect("Nom de la commune")
    child.sendline("Saint-Martin")
    child.expect("5 communes portent ce nom")
    child.expect("Numéro")
    child.sendline("3")
    child.expect("Nombre d'habitants")
    child.sendeof()
    assert_interrupted(child)
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_the_questionnaire_stops_with_130_and_writes_nothing(tmp_path):
    child = spawn(tmp_path)
    child.expect("Nom de la commune")
    child.sendline("Mérindol")
    child.expect("Est-ce bien votre commune")
    child.sendline("o")
    child.expect("Nombre d'habitants")
    child.sendintr()
    assert_interrupted(child)
    assert list(tmp_path.iterdir()) == []


SLOW_FSYNC = """
import os, time
_fsync = os.fsync
def slow_fsync(fd):
    print("ÉCRITURE EN COURS", flush=True)
    time.sleep(30)
    _fsync(fd)
os.fsync = slow_fsync
"""


def test_ctrl_c_during_an_export_leaves_no_partial_file(tmp_path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_FSYNC)  # test-only: makes the write slow enough to interrupt
    work = tmp_path / "travail"
    work.mkdir()
    profile = work / "profil.yaml"
    profile.write_text("commune: Mérindol\nmissing_services: [energie]\n", encoding="utf-8")
    child = spawn(work, "--profile", str(profile), "--output", "plan.md", PYTHONPATH=str(hooks))
    child.expect("ÉCRITURE EN COURS")
    child.sendintr()
    assert_interrupted(child)
    assert sorted(p.name for p in work.iterdir()) == ["profil.yaml"]
