"""Bad input of every kind: the contract's exit code, one French line, no traceback, nothing left behind.

Each row is something a user, a mairie or a network can really hand essrural.
Rows are run in-process; durations are measured by benchmarks/bad_inputs.py,
not asserted here.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from essrural.interactive import Terminal
from essrural.questions import QUESTIONS

from conftest import PROFILES, VALID_EXAMPLE, VALID_LEVER, write

GOOD = "commune: Thoré-la-Rochette\npopulation: 900\nmissing_services: [epicerie]\nassets: [batiment_vacant]\n"


def profile(text: str | bytes) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        target = folder / "profil.yaml"
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return setup


def files(**named: str) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        extra = folder / "extra"
        extra.mkdir()
        for name, text in named.items():
            write(extra, name.replace("_", "."), text)

    return setup


def nothing(folder: Path) -> None:
    pass


def existing_output(folder: Path) -> None:
    (folder / "profil.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "plan.md").write_text("plan validé en conseil", encoding="utf-8")


def existing_pdf(folder: Path) -> None:
    (folder / "profil.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "plan.pdf").write_bytes(b"%PDF-1.4 le plan imprim\xc3\xa9")


def good_profile(folder: Path) -> None:
    (folder / "profil.yaml").write_text(GOOD, encoding="utf-8")


def alias_bomb() -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    name: str
    args: list[str]
    code: int
    message: str
    setup: Callable[[Path], None] = nothing
    env: dict[str, str] = field(default_factory=dict)


D = "{d}"  # replaced by the test's folder
DIAG = ["diagnose", "--profile", f"{D}/profil.yaml"]

CASES = [
    # --- profile files ---------------------------------------------------------------
    Case("yaml mal formé", DIAG, 2, "YAML invalide", profile("commune: [Thoré\npopulation: 900\n")),
    Case("tabulations", DIAG, 2, "tabulation interdite", profile("commune: X\n\tpopulation: 900\n")),
    Case("population en lettres", DIAG, 2, "population : un nombre entier est attendu (par exemple 1200 ou \"1 200\"), pas « neuf cents »", profile("commune: X\npopulation: neuf cents\n")),
    Case("population négative", DIAG, 2, "population doit être supérieur ou égal à 1", profile("commune: X\npopulation: -900\n")),
    Case("population nulle", DIAG, 2, "population doit être supérieur ou égal à 1", profile("commune: X\npopulation: 0\n")),
    Case("population absurde", DIAG, 2, "population doit être inférieur ou égal à 3000000", profile("commune: X\npopulation: 999999999999\n")),
    Case("population décimale", DIAG, 2, "pas le nombre décimal « 900.5 »", profile("commune: X\npopulation: 900.5\n")),
    Case("clé inconnue", DIAG, 2, "clé inconnue « populaton » ; vouliez-vous dire « population » ?", profile("commune: X\npopulaton: 900\n")),
    Case("identifiant inconnu", DIAG, 2, "service manquant inconnu « epicere » ; vouliez-vous dire « epicerie » ?", profile("commune: X\npopulation: 9\nmissing_services: [epicere]\n")),
    Case("nom de plan suivi d'une espace", DIAG + ["--output", "plan.docx "], 2, "option --output : « plan.docx  » se termine par une espace ; retirez-la (« plan.docx »).", good_profile),
    Case("profil suivi d'une espace", ["diagnose", "--profile", f"{D}/profil.yaml "], 2, "profil.yaml  » ; « " + D + "/profil.yaml », sans les espaces autour, existe.", good_profile),
    Case("profil donné à data check", ["data", "check", f"{D}/profil.yaml"], 2, "profil.yaml:1: ce fichier est un profil de commune (« commune », « population », « missing_services »…), pas un fichier de connaissances : pour son plan, essrural diagnose --profile", good_profile),
    Case("besoin écrit parmi les atouts", DIAG, 2, "profil.yaml:4: assets[1] : atout inconnu « epicerie » : c'est un service manquant (« plus de commerce alimentaire »), pas un atout.", profile("commune: X\npopulation: 9\nmissing_services: [cafe]\nassets: [epicerie]\n")),
    Case("besoin écrit parmi les priorités", DIAG, 2, "priorities[1] : secteur inconnu « epicerie » : c'est un service manquant (« plus de commerce alimentaire »), pas un secteur.", profile("commune: X\npopulation: 9\nmissing_services: [cafe]\npriorities: [epicerie]\n")),
    Case("liste remplacée par un nombre", DIAG, 2, "assets doit être une liste", profile("commune: X\npopulation: 9\nassets: 3\n")),
    Case("fichier vide", DIAG, 2, "profil vide", profile("")),
    Case("seulement des commentaires", DIAG, 2, "profil vide", profile("# rien\n")),
    Case("liste au lieu d'un dictionnaire", DIAG, 2, "un dictionnaire de clés et de valeurs est attendu", profile("- commune: X\n")),
    Case("un dossier au lieu d'un fichier", ["diagnose", "--profile", D], 2, "est un dossier"),
    Case("fichier absent", DIAG, 2, "fichier introuvable"),
    Case("octets non UTF-8", DIAG, 2, "n'est pas encodé en UTF-8", profile("commune: Thoré\npopulation: 900\n".encode("latin-1"))),
    Case("octets aléatoires", DIAG, 2, "", profile(bytes(range(256)))),
    Case("fichier de 10 Mo", DIAG, 2, "fichier trop volumineux", profile("commune: X\n" + "# " + "x" * (10 * 1024 * 1024) + "\n")),
    Case("imbrication profonde", DIAG, 2, "imbrication trop profonde", profile("commune: " + "[" * 5000 + "]" * 5000 + "\n")),
    Case("bombe d'alias YAML", DIAG, 2, "réutilisations d'ancres", profile(alias_bomb())),
    Case("balise !!python", DIAG, 2, "balise YAML non autorisée « !!python/object/apply:os.system »", profile("commune: !!python/object/apply:os.system ['touch pwned']\n")),
    Case("chaîne très longue", DIAG, 2, "commune est trop long", profile("commune: " + "A" * 100_000 + "\npopulation: 900\n")),
    Case("caractères de contrôle dans le nom", DIAG, 2, "caractères de contrôle", profile('commune: "Thoré\\e[31mrouge"\npopulation: 900\n')),
    Case("clé en double", DIAG, 2, "clé « population » en double", profile("commune: X\npopulation: 900\npopulation: 901\n")),
    Case("code INSEE mal formé", DIAG, 2, "code INSEE invalide", profile('commune: X\ninsee: "4125A"\n')),
    Case("code INSEE inexistant", DIAG, 2, "code INSEE « 99999 » inconnu", profile('insee: "99999"\n')),
    Case("homonyme sans code INSEE", DIAG, 2, "commune « Saint-Martin » ambiguë", profile("commune: Saint-Martin\n")),
    Case("commune inconnue sans population", DIAG, 2, "profil.yaml:1: commune « Zzyzxville » introuvable dans la liste officielle et population manquante", profile("commune: Zzyzxville\n")),
    Case("un texte reçu en liste", DIAG, 2, "profil.yaml:1: commune doit être un texte (reçu : une liste).", profile("commune: [Thoré, Mérindol]\npopulation: 900\n")),
    Case("une population reçue en dictionnaire", DIAG, 2, "profil.yaml:2: population doit être un nombre entier (reçu : un dictionnaire de clés et de valeurs).", profile("commune: X\npopulation: {habitants: 900}\n")),
    Case("un identifiant reçu en liste", DIAG, 2, "assets[1] doit être un texte (reçu : une liste).", profile("commune: X\npopulation: 900\nassets: [[friche]]\n")),
    Case("département inconnu", DIAG, 2, "profil.yaml:3: departement : département inconnu « Cantall » : un numéro", profile("commune: Salers\npopulation: 300\ndepartement: Cantall\n")),
    Case("code et nom en désaccord, à leur ligne", DIAG, 2, "profil.yaml:1: « commune » Chalinargues et « insee » 41259 ne désignent pas la même commune", profile('commune: Chalinargues\ninsee: "41259"\nmissing_services: [epicerie]\n')),
    Case("commune hors de son département, à sa ligne", DIAG, 2, "profil.yaml:2: aucune commune « Chalinargues » dans le département 41", profile("commune: Chalinargues\ndepartement: 41\nmissing_services: [epicerie]\n")),
    Case("commune hors du département nommé, à sa ligne", DIAG, 2, "profil.yaml:2: aucune commune « Chalinargues » dans le département 41", profile("commune: Chalinargues\ndepartement: Loir-et-Cher\nmissing_services: [epicerie]\n")),
    Case("code INSEE inexistant, à sa ligne", DIAG, 2, "profil.yaml:2: code INSEE « 99999 » inconnu", profile('commune: X\ninsee: "99999"\n')),
    Case("homonyme, à sa ligne", DIAG, 2, "profil.yaml:2: commune « Saint-Martin » ambiguë", profile("population: 300\ncommune: Saint-Martin\n")),
    # --- extra knowledge folders ---------------------------------------------------------
    Case("dossier de connaissances absent", ["levers", "--data-dir", f"{D}/absent"], 2, "dossier de connaissances introuvable"),
    Case("dossier sans YAML", ["levers", "--data-dir", D], 2, "aucun fichier .yaml ou .yml"),
    Case("variable d'environnement vers un dossier absent", ["examples"], 2, "dossier de connaissances introuvable", env={"ESSRURAL_DATA_DIR": "/nulle/part"}),
    Case("identifiant déjà intégré", ["levers", "--data-dir", f"{D}/extra"], 2, "identifiant « leader » déjà défini dans data/levers.yaml", files(a_yaml=VALID_LEVER.replace("levier-test", "leader"))),
    Case("cas vers un levier inconnu", ["data", "check", f"{D}/extra"], 2, "levier inconnu « levier-tset »", files(a_yaml=VALID_EXAMPLE.replace("levier-test", "levier-tset"))),
    Case("section inconnue", ["data", "check", f"{D}/extra"], 2, "section inconnue « exemples » ; vouliez-vous dire « examples » ?", files(a_yaml=VALID_EXAMPLE.replace("examples:", "exemples:"))),
    # --- options ----------------------------------------------------------------------
    Case("--top en lettres", ["diagnose", "--profile", f"{D}/profil.yaml", "--top", "sept"], 2, "« sept » n'est pas un nombre entier", good_profile),
    Case("--top nul", ["diagnose", "--profile", f"{D}/profil.yaml", "--top", "0"], 2, "« 0 » n'est pas un nombre entier de 1 à 100", good_profile),
    Case("--format inconnu", ["diagnose", "--profile", f"{D}/profil.yaml", "--format", "pdf"], 2, "format inconnu « pdf »", good_profile),
    Case("extension inconnue", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", f"{D}/plan.final"], 2, "extension de fichier inconnue .final", good_profile),
    Case("PDF demandé", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", f"{D}/plan.pdf"], 2, "« plan.pdf » : essrural n'écrit pas de PDF ; il écrit une page web à imprimer en PDF depuis un navigateur : --output plan.html, puis Imprimer > PDF.", good_profile),
    Case("PDF demandé, fichier déjà là", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", f"{D}/plan.pdf"], 2, "essrural n'écrit pas de PDF", existing_pdf),
    Case("extension et format en désaccord", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", f"{D}/plan.md", "--format", "docx"], 2, "ne concordent pas", good_profile),
    Case("HTML sous un nom de PDF", DIAG + ["--output", f"{D}/plan.pdf", "--format", "html"], 2, "--output plan.html, puis Imprimer > PDF.", good_profile),
    Case("PDF sous un nom de PDF, --force", DIAG + ["--output", f"{D}/plan.pdf", "--format", "docx", "--force"], 2, "essrural n'écrit pas de PDF", existing_pdf),
    Case("nom de plan terminé par /", DIAG + ["--output", f"{D}/plan.md/"], 2, "/plan.md/ » se termine par « / », c'est un nom de dossier ; indiquez un nom de fichier.", good_profile),
    Case("nom de profil terminé par /", DIAG + ["--save-profile", f"{D}/reponses.yaml/"], 2, "/reponses.yaml/ » se termine par « / »", good_profile),
    Case("levier vide", ["levers", ""], 2, "identifiant de levier vide : donnez-en un, par exemple « dla ».", nothing),
    Case("levier vide pour filtrer les cas", ["examples", "--lever", ""], 2, "option --lever : identifiant de levier vide", nothing),
    Case("ancien format Word", DIAG + ["--output", f"{D}/plan.doc", "--format", "docx"], 2, "« plan.doc » : essrural n'écrit pas le format .doc ; il écrit un document Word .docx, que Word et LibreOffice ouvrent : --output plan.docx.", good_profile),
    Case("plan dans un tableur", DIAG + ["--output", f"{D}/plan.xlsx", "--format", "json"], 2, "un plan n'est pas un tableau", good_profile),
    Case("plan sous un nom de profil", DIAG + ["--output", f"{D}/reponses.yaml", "--format", "markdown"], 2, "un fichier .yaml est un fichier de réponses (--save-profile)", good_profile),
    Case("réponses sous un nom de document Word", DIAG + ["--save-profile", f"{D}/reponses.docx"], 2, "les réponses s'enregistrent en YAML : --save-profile reponses.yaml", good_profile),
    Case("réponses sous un nom de JSON", DIAG + ["--save-profile", f"{D}/reponses.json"], 2, "« reponses.json » : les réponses s'enregistrent en YAML", good_profile),
    Case("Word sur le terminal", ["diagnose", "--profile", f"{D}/profil.yaml", "--format", "word"], 2, "ajoutez --output plan.docx", good_profile),
    Case("sortie dans un dossier absent", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", f"{D}/absent/plan.md"], 1, "n'existe pas", good_profile),
    Case("sortie qui est un dossier", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", D], 2, "est un dossier ; indiquez un nom de fichier", good_profile),
    Case("fichier existant sans --force", ["diagnose", "--profile", f"{D}/profil.yaml", "--output", f"{D}/plan.md"], 2, "existe déjà ; ajoutez --force", existing_output),
    Case("réponses écrites sur le profil lu", ["diagnose", "--profile", f"{D}/profil.yaml", "--save-profile", f"{D}/profil.yaml", "--force"], 2, "--profile et --save-profile désignent le même fichier", good_profile),
    Case("secteur inconnu", ["examples", "--sector", "tourism"], 2, "secteur inconnu « tourism » ; vouliez-vous dire « culture » ?"),
    Case("famille inconnue", ["levers", "--family", "argent"], 2, "famille de leviers inconnue « argent »"),
    Case("levier inconnu", ["examples", "--lever", "local"], 2, "levier inconnu « local »"),
    Case("option inconnue", ["levers", "--secteur", "commerce"], 2, "option inconnue « --secteur »"),
    Case("commande inconnue", ["diagnostic"], 2, "commande inconnue « diagnostic » ; vouliez-vous dire « diagnose » ?"),
    Case("option sans valeur", ["examples", "--sector"], 2, "l'option « --sector » attend une valeur"),
    Case("argument en trop", ["levers", "leader", "transport-solidaire"], 2, "argument en trop"),
    Case("commune vide", ["commune", " "], 2, "nom de commune vide"),
    Case("date de reproduction invalide", DIAG + ["--format", "markdown"], 2, "SOURCE_DATE_EPOCH invalide", good_profile, env={"SOURCE_DATE_EPOCH": "hier"}),
    Case("pas de terminal ni de profil", ["diagnose"], 2, "passez vos réponses avec --profile FICHIER"),
    # --- fields that disagree (issue 15) ------------------------------------------------
    Case("commune et insee en désaccord", DIAG, 2, "« commune » Mérindol et « insee » 41259 ne désignent pas la même commune", profile('commune: Mérindol\ninsee: "41259"\nmissing_services: [cafe]\n')),
    Case("insee et département en désaccord", DIAG, 2, "« insee » 41259 (Thoré-la-Rochette) est dans le département 41, pas dans « departement » 84", profile('insee: "41259"\ndepartement: "84"\nmissing_services: [cafe]\n')),
    Case("commune hors du département indiqué", DIAG, 2, "aucune commune « Thoré-la-Rochette » dans le département 84", profile('commune: Thoré-la-Rochette\ndepartement: "84"\nmissing_services: [cafe]\n')),
    Case("population en hexadécimal", DIAG, 2, "pas « 0x384 »", profile("commune: X\npopulation: 0x384\nmissing_services: [cafe]\n")),
    Case("population avec soulignés", DIAG, 2, "pas « 1_200 »", profile("commune: X\npopulation: 1_200\nmissing_services: [cafe]\n")),
    Case("population en heures", DIAG, 2, "pas « 12:30 »", profile("commune: X\npopulation: 12:30\nmissing_services: [cafe]\n")),
    Case("population 1.5", DIAG, 2, "pas le nombre décimal « 1.5 »", profile("commune: X\npopulation: 1.5\nmissing_services: [cafe]\n")),
    Case("population en notation scientifique", DIAG, 2, "pas « 1e3 »", profile("commune: X\npopulation: 1e3\nmissing_services: [cafe]\n")),
    Case("population booléenne", DIAG, 2, "un nombre entier est attendu, pas « true »", profile("commune: X\npopulation: true\nmissing_services: [cafe]\n")),
    Case("--top décimal", DIAG + ["--top", "3.5"], 2, "« 3.5 » n'est pas un nombre entier de 1 à 100", good_profile),
    Case("extension et format en désaccord (html)", DIAG + ["--output", f"{D}/plan.docx", "--format", "html"], 2, "ne concordent pas", good_profile),
    # --- outputs that collide, checks before writes --------------------------------------
    Case("plan et réponses dans le même fichier", DIAG + ["--output", f"{D}/x.md", "--save-profile", f"{D}/x.md"], 2, "--output et --save-profile désignent le même fichier", good_profile),
    Case("plan et réponses dans le même fichier, --force", DIAG + ["--output", f"{D}/x.md", "--save-profile", f"{D}/./x.md", "--force"], 2, "désignent le même fichier", good_profile),
    Case("plan écrit sur le profil lu", DIAG + ["--output", f"{D}/profil.yaml", "--format", "md", "--force"], 2, "--profile et --output désignent le même fichier", good_profile),
    Case("dossier parent qui est un fichier", DIAG + ["--output", f"{D}/profil.yaml/plan.md"], 1, "/profil.yaml » est un fichier, pas un dossier", good_profile),
    Case("lot dans le dossier de sortie", ["diagnose", "--batch", f"{D}/plans/communes.csv", "--output-dir", f"{D}/plans", "--force"], 2, "est dans le dossier de sortie", lambda d: (d / "plans").mkdir() or (d / "plans" / "communes.csv").write_text("insee\n41259\n")),
    # --- option combinations ---------------------------------------------------------------
    Case("--explain sans profil avec --output", ["diagnose", "--explain", "--output", f"{D}/m.md"], 2, "--explain sans --profile affiche la méthode seule ; --output ne s'applique pas"),
    Case("--explain sans profil avec --top", ["diagnose", "--explain", "--top", "3"], 2, "--top ne s'applique pas"),
    Case("--explain avec --format sur la sortie standard", DIAG + ["--explain", "--format", "json"], 2, "--explain affiche la méthode à l'écran", good_profile),
    Case("--brief en JSON", DIAG + ["--brief", "--format", "json"], 2, "le JSON du plan est toujours complet", good_profile),
    Case("--brief vers un fichier JSON", DIAG + ["--brief", "--output", f"{D}/plan.json"], 2, "le JSON du plan est toujours complet", good_profile),
    Case("--force sans fichier à écrire", DIAG + ["--force"], 2, "--force ne sert qu'à remplacer", good_profile),
    Case("colonne en double dans un lot", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/plans"], 2, "colonne « commune » en double (colonnes 1 et 3)", lambda d: (d / "c.csv").write_text("commune;insee;commune\nThoré-la-Rochette;41259;Mérindol\n")),
    Case("--explain pour un lot", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/plans", "--explain"], 2, "ne s'applique pas à un lot", lambda d: (d / "c.csv").write_text("insee\n41259\n")),
    Case("un levier et des filtres", ["levers", "leader", "--sector", "commerce"], 2, "donnez l'un ou les autres"),
    Case("lot JSON Lines qui n'est pas en UTF-8", ["diagnose", "--batch", f"{D}/c.jsonl", "--output-dir", f"{D}/plans"], 2, "c.jsonl: le fichier n'est pas encodé en UTF-8 (octet 0xe9 à la ligne 2) ; un fichier JSON Lines s'écrit en UTF-8.", lambda d: (d / "c.jsonl").write_bytes('{"insee": "41259"}\n{"commune": "Thoré-la-Rochette"}\n'.encode("latin-1"))),
    Case("lot CSV ni UTF-8 ni Windows-1252", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/plans"], 2, "c.csv: le fichier n'est encodé ni en UTF-8 ni en Windows-1252 (octet 0x81 à la ligne 2)", lambda d: (d / "c.csv").write_bytes(b"commune;insee\nThor\x81;41259\n")),
    Case("lot dont le dossier de sortie est un fichier", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/plans"], 2, "existe et n'est pas un dossier", lambda d: [(d / "c.csv").write_text("insee\n41259\n"), (d / "plans").write_text("x")]),
    Case("lot dont le dossier de sortie est sous un fichier", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/c.csv/plans"], 1, "/c.csv/plans » : « " + D + "/c.csv » est un fichier, pas un dossier.", lambda d: (d / "c.csv").write_text("insee\n41259\n")),
    Case("lot dont le dossier parent de la sortie manque", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/absent/plans"], 1, "/absent/plans » : le dossier « " + D + "/absent » n'existe pas.", lambda d: (d / "c.csv").write_text("insee\n41259\n")),
    Case("lot sans aucune commune", ["diagnose", "--batch", f"{D}/c.csv", "--output-dir", f"{D}/plans"], 2, "aucune commune dans ce lot", lambda d: (d / "c.csv").write_text("insee;commune\n\n")),
    Case("plan vers la sortie standard par « - »", DIAG + ["--output", "-"], 2, "sans --output, le plan s'affiche à l'écran", good_profile),
    Case("profil lu sur l'entrée standard", ["diagnose", "--profile", "-"], 2, "essrural ne lit pas l'entrée standard"),
    Case("recherche sans aucun mot", ["examples", "--search", "( *"], 2, "--search : aucun mot à chercher dans « ( * »"),
    # --- text that must stay text ----------------------------------------------------------
    Case("séquence d'échappement dans un titre", ["data", "check", f"{D}/extra"], 2, "caractère de contrôle interdit (U+001B)", files(levers_yaml=VALID_LEVER.replace("title: Un levier de test", "title: \"\\e[31mUn levier de test\""))),
    Case("inversion bidirectionnelle dans un cas", ["data", "check", f"{D}/extra"], 2, "caractère de contrôle interdit (U+202E)", files(levers_yaml=VALID_LEVER, examples_yaml=VALID_EXAMPLE.replace("name: Un", "name: \u202eUn", 1))),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_cleanly(case, cli, tmp_path, monkeypatch):
    case.setup(tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = cli(*[a.replace(D, str(tmp_path)) for a in case.args], env=case.env or None)
    assert result.exit_code == case.code, result.stderr
    assert case.message.replace(D, str(tmp_path)) in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert snapshot(tmp_path) == before  # nothing written, nothing half-written, nothing removed
    assert not (tmp_path / "pwned").exists()


def test_the_table_is_large_enough():
    assert len(CASES) >= 60


def test_bom_is_not_an_error(cli, tmp_path):
    path = tmp_path / "profil.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert cli("diagnose", "--profile", str(path), "--format", "json").exit_code == 0


def test_read_only_output_exits_1_and_leaves_nothing(cli, tmp_path):
    if os.geteuid() == 0:  # root writes anywhere, except in /sys
        target = Path("/sys/essrural-plan.md")
    else:
        locked = tmp_path / "verrouille"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        target = locked / "plan.md"
    result = cli("diagnose", "--profile", str(PROFILES / "thore.yaml"), "--output", str(target))
    assert result.exit_code == 1
    assert "impossible d'écrire" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


def test_a_fifo_is_not_read_forever(cli, tmp_path):
    fifo = tmp_path / "profil.yaml"
    os.mkfifo(fifo)
    result = cli("diagnose", "--profile", str(fifo))
    assert result.exit_code == 2 and "n'est pas un fichier ordinaire" in result.stderr


def test_an_internal_error_shows_no_traceback(cli, monkeypatch):
    import essrural.diagnosis

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(essrural.diagnosis, "rank", broken)
    result = cli("diagnose", "--profile", str(PROFILES / "thore.yaml"))
    assert result.exit_code == 1
    assert "Erreur inattendue (ZeroDivisionError)" in result.stderr and "ESSRURAL_DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr


# --- interactive answers: asked again with a French explanation, never a crash --------------

INTERACTIVE = [
    ("population", ["", "abc", "-5", "0", "12,5", "99999999", "900"], 900, ["Réponse vide : tapez le nombre d'habitants", "n'est pas un nombre entier", "au moins 1", "ce n'est pas une commune"]),
    ("missing_services", ["", "99", "1,x", "1-40", "épicrie", "1,2"], ["epicerie", "cafe"], ["Réponse vide : tapez des numéros", "numéro 99 hors de la liste", "« x » ne correspond", "vouliez-vous dire 1. « plus de commerce alimentaire »"]),
    ("assets", ["\x1b[A", "99", "epicerie", "aucun"], [], ["ne correspond à aucun choix", "numéro 99 hors de la liste", "« plus de commerce alimentaire » est un service manquant, pas un atout."]),
    ("commune", ["", "Thoré\x07", "x" * 300, "Thoré-la-Rochette"], "Thoré-la-Rochette", ["Réponse vide : tapez le nom de la commune.", "caractères de contrôle", "nom trop long"]),
]


@pytest.mark.parametrize(("key", "answers", "expected", "messages"), INTERACTIVE, ids=[row[0] for row in INTERACTIVE])
def test_bad_interactive_answers_are_asked_again(key, answers, expected, messages, capsys):
    queue = list(answers)
    term = Terminal(read=lambda prompt: queue.pop(0))
    assert term.ask(QUESTIONS[key]) == expected
    assert queue == []
    shown = " ".join(capsys.readouterr().out.split())
    for message in messages:
        assert message in shown
    assert shown.count("Réponse non valide") + shown.count("Réponse vide") == len(answers) - 1
    assert "réponse vide" not in shown  # one sentence, never « Réponse non valide : réponse vide : … »


def test_the_questionnaire_says_when_the_commune_found_is_beyond_the_rural_communes(capsys):
    from essrural.interactive import ask_commune

    for answers, told in ((["Saint-Martin", "1"], True), (["Thoré-la-Rochette", "o"], False)):
        queue = list(answers)
        name, commune = ask_commune(Terminal(read=lambda prompt: queue.pop(0)))
        assert commune is not None and queue == []
        shown = " ".join(capsys.readouterr().out.split())
        assert ("essrural est fait pour les communes rurales de moins de 5 000 habitants" in shown) is told, shown


# --- user text stays text in exports ----------------------------------------------------------

@pytest.mark.parametrize("name", ["[x](javascript:alert(1))", "<script>alert(1)</script>", "# Titre\n- liste", "![img](http://x/y.png)"])
def test_user_text_is_inert_in_markdown(cli, tmp_path, name):
    import yaml

    source = tmp_path / "profil.yaml"
    source.write_text(yaml.safe_dump({"commune": name.replace("\n", " "), "population": 900, "missing_services": ["cafe"]}, allow_unicode=True), encoding="utf-8")
    target = tmp_path / "plan.md"
    result = cli("diagnose", "--profile", str(source), "--output", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    from markdown_it import MarkdownIt  # CommonMark, as Markdown viewers render it

    html = MarkdownIt("commonmark").render(text)
    assert 'href="javascript' not in html and "<script" not in html and "<img" not in html
    assert html.count("<h1>") == 1  # the name adds no heading or list of its own


# --- property-based: arbitrary bytes never cause a traceback --------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from essrural.errors import EssruralError  # noqa: E402
from essrural.profile_file import read_profile  # noqa: E402


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_profile_never_crash(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("p") / "profil.yaml"
    path.write_bytes(raw)
    try:
        read_profile(path)
    except EssruralError as error:
        assert error.exit_code == 2 and error.problems


yaml_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml_like)
def test_arbitrary_yaml_structures_as_a_profile_never_crash(tmp_path_factory, data):
    import yaml

    path = tmp_path_factory.mktemp("p") / "profil.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        read_profile(path)
    except EssruralError as error:
        assert error.exit_code == 2 and error.problems


def test_long_user_input_is_quoted_back_shortened(cli):
    result = cli("commune", "x" * 5000)
    assert result.exit_code == 1 and len(result.stderr) < 300 and "…" in result.stderr
    result = cli("examples", "--sector", "y" * 5000)
    assert result.exit_code == 2 and len(result.stderr.splitlines()[0]) < 400


def test_a_corrupt_cache_is_ignored_and_rewritten(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ESSRURAL_CACHE_DIR", str(tmp_path))
    assert cli("levers").exit_code == 0
    for path in tmp_path.iterdir():
        path.write_bytes(os.urandom(4096))
    from essrural import fastpath

    assert fastpath.run(["levers", "--format", "json"]) is None  # not served from garbage
    assert cli("levers", "--format", "json").exit_code == 0


@pytest.mark.parametrize("args", [["levers"], ["diagnose", "--profile", "p.yaml", "--output", "plan.docx"]])
def test_a_closed_standard_output_stops_cleanly_before_writing(tmp_path, args):
    """`essrural levers >&-` printed a traceback; with --output the Word file was written, then the
    command failed."""
    (tmp_path / "p.yaml").write_text("commune: Thoré-la-Rochette\nmissing_services: [epicerie]\n", encoding="utf-8")
    command = " ".join([shlex.quote(sys.executable), "-m", "essrural", *args]) + " >&-"
    result = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == "la sortie standard est fermée : redirigez-la plutôt vers /dev/null (> /dev/null)."
    assert not (tmp_path / "plan.docx").exists()


def test_with_standard_error_closed_an_error_never_lands_in_the_output(tmp_path):
    """`essrural diagnose --profile absent.yaml --format json 2>&- > plan.json` wrote the French error
    into plan.json."""
    command = f"{shlex.quote(sys.executable)} -m essrural diagnose --profile absent.yaml --format json 2>&-"
    result = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path))
    assert result.returncode == 2 and result.stdout == ""


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "ESSRURAL_CACHE_DIR": str(folder / "cache")}
