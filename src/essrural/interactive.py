"""The only module that talks to the terminal during the questionnaire.

Why: questions and their parsing are pure (`questions.py`); here we print
them, read answers, re-ask on invalid ones, show a summary to confirm or
correct, and at the end offer to export the plan and to save the answers.
Ctrl-C or end of input propagate to the CLI, which exits with 130; nothing
is written before the user has answered everything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from .communes import Commune
from .plan import Place
from .profile import Profile
from .questions import QUESTIONS, InvalidAnswer, Question, parse_yes_no
from .render.prose import hanging
from .text import safe_filename

Reader = Callable[[str], str]


class Terminal:
    def __init__(self, console: Console, read: Reader = input):
        self.console = console
        self.read = read

    def say(self, text: str = "", style: str = "") -> None:
        self.console.print(Text(text, style=style))

    def ask(self, question: Question, default: Any = None, shown_default: str | None = None) -> Any:
        if question.vocabulary:
            self.say()
            self.say(question.prompt, "bold")
            self.console.print(hanging([(f"  {n}.", label) for n, (_, label) in enumerate(question.choices, 1)]))
            if question.help:
                self.say(question.help, "dim")
            prompt = "Votre choix"
        else:
            prompt = question.prompt
        if shown_default:
            prompt += f" [{shown_default}]"
        while True:
            answer = self.read(f"{prompt} : ")
            try:
                return question.parse(answer, default)
            except InvalidAnswer as problem:
                self.say(f"Réponse non valide : {problem}", "red")

    def confirm(self, prompt: str, default: bool = True) -> bool:
        hint = "O/n" if default else "o/N"
        while True:
            answer = self.read(f"{prompt} [{hint}] : ").strip()
            if not answer:
                return default
            try:
                return parse_yes_no(answer)
            except InvalidAnswer as problem:
                self.say(f"Réponse non valide : {problem}", "red")

    def ask_path(self, prompt: str, default: str) -> Path:
        while True:
            answer = self.read(f"{prompt} [{default}] : ").strip() or default
            if "\x00" in answer:
                self.say("Réponse non valide : nom de fichier incorrect.", "red")
                continue
            return Path(answer).expanduser()


def ask_profile(term: Terminal) -> tuple[Profile, Place]:
    """Ask every question, show the answers, let the user correct one, until confirmed.

    The commune comes first: when the official list knows it, its population is
    offered as the default answer and the plan gets its département and EPCI.
    """
    from .locate import place_of

    values: dict[str, Any] = {}
    official = None
    order = ["commune", "population", "missing_services", "assets", "priorities"]
    for key in order:
        if key == "commune":
            values["commune"], official = ask_commune(term)
        else:
            values[key] = _ask_key(term, key, official)
    while True:
        profile = _profile(values, official)
        term.say()
        term.say("Vos réponses", "bold")
        from .render.plan_terminal import print_profile_summary

        print_profile_summary(profile, term.console, official)
        term.say()
        if term.confirm("Ces réponses sont-elles correctes ?"):
            return profile, place_of(official, profile.departement)
        term.say("Que voulez-vous corriger ?", "bold")
        labels = ["la commune", "la population", "les services manquants", "les atouts", "les secteurs prioritaires"]
        for number, label in enumerate(labels, 1):
            term.say(f"  {number}. {label}")
        while True:
            answer = term.read("Numéro : ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(order):
                break
            term.say(f"Réponse non valide : tapez un numéro de 1 à {len(order)}.", "red")
        key = order[int(answer) - 1]
        if key == "commune":
            values["commune"], official = ask_commune(term)
        else:
            values[key] = _ask_key(term, key, official)


def _profile(values: dict[str, Any], official: Commune | None) -> Profile:
    from .profile_file import profile_from_answers

    data = dict(values)
    if official is not None:
        data.update(commune=official.name, insee=official.insee, departement=official.departement)
    return profile_from_answers(data)


def _ask_key(term: Terminal, key: str, official: Commune | None) -> Any:
    question = QUESTIONS[key]
    if key == "priorities":
        return term.ask(question, default=[], shown_default="aucun")
    if key == "population" and official is not None and official.population:
        return term.ask(question, default=official.population, shown_default=str(official.population))
    return term.ask(question)


def ask_commune(term: Terminal) -> tuple[str, Commune | None]:
    """The commune's name, and the official commune it is when the user confirms one."""
    from .communes import clear_leader
    from .locate import resolve_name

    name = term.ask(QUESTIONS["commune"])
    query = name
    while True:
        resolution = resolve_name(query)
        guess = clear_leader(resolution.candidates) if resolution.status == "unknown" else None
        if resolution.status == "found" or guess:
            commune = resolution.commune or guess.commune
            term.say(f"Trouvée : {_describe(commune)}", "green")
            if term.confirm("Est-ce bien votre commune ?"):
                return commune.name, commune
        elif resolution.candidates:
            chosen = _choose(term, resolution)
            if chosen is not None:
                return chosen.name, chosen
        else:
            term.say(f"Aucune commune ne correspond à « {query} » dans la liste officielle.", "yellow")
        query = term.read("Code INSEE, code postal ou autre orthographe (Entrée pour continuer sans) : ").strip()
        if not query:
            term.say("Le plan sera établi sans les données officielles de la commune.", "dim")
            return name, None


def _choose(term: Terminal, resolution: Any) -> Commune | None:
    candidates = resolution.candidates[:15]
    if resolution.status == "ambiguous":
        term.say(f"{len(resolution.candidates)} communes portent ce nom :", "bold")
    else:
        term.say("Vouliez-vous dire :", "bold")
    rows = [(f"  {n}.", _describe(match.commune)) for n, match in enumerate(candidates, 1)]
    term.console.print(hanging(rows + [("  0.", "aucune de ces communes")]))
    while True:
        answer = term.read("Numéro : ").strip()
        if answer.isdigit() and 0 <= int(answer) <= len(candidates):
            return candidates[int(answer) - 1].commune if int(answer) else None
        term.say(f"Réponse non valide : tapez un numéro de 0 à {len(candidates)}.", "red")


def _describe(commune: Commune) -> str:
    from . import frenchfmt as fr

    text = commune.label
    if commune.population is not None:
        text += f", {fr.number(commune.population)} habitants"
    if commune.epci:
        text += f", {commune.epci.name}"
    return text


def suggested_names(profile: Profile) -> tuple[str, str]:
    """File names from the commune, safe characters only: `plan-ess-thore-la-rochette.md`."""
    slug = safe_filename(profile.commune or profile.insee or "commune", default="commune")
    return f"plan-ess-{slug}.md", f"profil-{slug}.yaml"


def offer_saving(term: Terminal, profile: Profile, export: Callable[[Path, bool], None], save: Callable[[Path, bool], None]) -> None:
    """Offer the Markdown export, then the answers file; ask before replacing a file."""
    plan_name, profile_name = suggested_names(profile)
    term.say()
    if term.confirm("Exporter le plan en Markdown (à joindre au dossier du conseil) ?"):
        _write_with_care(term, "Nom du fichier", plan_name, export, "Plan exporté dans")
    if term.confirm("Enregistrer vos réponses pour refaire ce diagnostic plus tard ?"):
        path = _write_with_care(term, "Nom du fichier de réponses", profile_name, save, "Réponses enregistrées dans")
        if path:
            term.say(f"Pour relancer : essrural diagnose --profile {path}", "dim")


def _write_with_care(term: Terminal, prompt: str, default: str, write: Callable[[Path, bool], None], done: str) -> Path | None:
    from .errors import EssruralError

    while True:
        path = term.ask_path(prompt, default)
        force = False
        if path.exists() and not path.is_dir():
            if not term.confirm(f"« {path} » existe déjà. Le remplacer ?", default=False):
                continue
            force = True
        try:
            write(path, force)
        except EssruralError as error:
            for problem in error.problems:
                message = str(problem)
                term.say(message[:1].upper() + message[1:], "red")  # « impossible d'écrire … » says it already
            if term.confirm("Essayer un autre nom ?"):
                continue
            return None
        term.say(f"{done} {path}", "green")
        return path
