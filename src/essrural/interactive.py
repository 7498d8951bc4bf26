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
from typing import TYPE_CHECKING, Any

from .communes import FOUND_BY_CODE, Commune, found_by_code
from .plan import Place
from .profile import Profile
from .questions import QUESTIONS, InvalidAnswer, Question, parse_yes_no
from .render.plaintext import STYLES, Out
from .text import safe_filename
from .weights import RURAL_LIMIT

if TYPE_CHECKING:
    from .knowledge import Knowledge

Reader = Callable[[str], str]


class Terminal:
    """Prints wrapped text (bold, dim, red… when the terminal shows colour) and reads answers."""

    def __init__(self, out: Out | None = None, read: Reader = input):
        self.out = out or Out()
        self.read = read

    def say(self, text: str = "", style: str = "") -> None:
        self.out.para(text, style=STYLES.get(style, ""))

    def refuse(self, problem: InvalidAnswer | str) -> None:
        """An answer refused, in red, as every question says it: « Réponse non valide : … »."""
        self.say((problem if isinstance(problem, InvalidAnswer) else InvalidAnswer(problem)).sentence, "red")

    def choices(self, rows: list[tuple[str, str]]) -> None:
        """Numbered choices, each label wrapped under itself."""
        width = max(len(mark) for mark, _ in rows)
        for mark, label in rows:
            self.out.para(label, first=mark.rjust(width) + " ")

    def ask(self, question: Question, default: Any = None, shown_default: str | None = None) -> Any:
        if question.vocabulary:
            self.say()
            self.say(question.prompt, "bold")
            self.choices([(f"  {n}.", label) for n, (_, label) in enumerate(question.choices, 1)])
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
                self.refuse(problem)

    def confirm(self, prompt: str, default: bool = True) -> bool:
        hint = "O/n" if default else "o/N"
        while True:
            answer = self.read(f"{prompt} [{hint}] : ").strip()
            if not answer:
                return default
            try:
                return parse_yes_no(answer)
            except InvalidAnswer as problem:
                self.refuse(problem)

    def confirm_about(self, heading: str, label: str, default: bool = False) -> bool:
        """A yes or a no about one thing, the thing set out under its heading, then « Est-ce le cas ? »."""
        self.say()
        self.say(heading, "bold")
        self.out.para(label, first="  ")
        return self.confirm("Est-ce le cas ?", default=default)

    def ask_path(self, prompt: str, default: str) -> Path:
        while True:
            answer = self.read(f"{prompt} [{default}] : ").strip() or default
            if "\x00" in answer:
                self.refuse("nom de fichier incorrect.")
                continue
            return Path(answer).expanduser()


def ask_profile(term: Terminal, knowledge: Knowledge | None = None) -> tuple[Profile, Place]:
    """Ask every question, show the answers, let the user correct one, until confirmed.

    The commune comes first: when the official list knows it, its population is
    offered as the default answer and the plan gets its département and EPCI. With the
    `knowledge`, an asset a project for a declared need requires first is asked by name.
    """
    from .locate import place_of

    values: dict[str, Any] = {}
    official = None
    order = ["commune", "population", "missing_services", "assets", "priorities"]
    for key in order:
        official = _answer(term, key, values, official, knowledge)
    while True:
        profile = _profile(values, official)
        term.say()
        term.say("Vos réponses", "bold")
        summary(term, profile, official)
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
            term.refuse(f"tapez un numéro de 1 à {len(order)}.")
        official = _answer(term, order[int(answer) - 1], values, official, knowledge)


def _answer(
    term: Terminal, key: str, values: dict[str, Any], official: Commune | None, knowledge: Knowledge | None
) -> Commune | None:
    """Ask one question into `values`, the first time or to correct it (the previous answer is then
    the default), and, once the assets are known, what a project for a declared need requires first;
    the official commune, as it now is."""
    previous = values.get(key)
    if key == "commune":
        values[key], official = ask_commune(term, previous=previous)
    elif key == "missing_services":
        values[key] = ask_needs(term, previous=previous)
    else:
        values[key] = _ask_key(term, key, official, previous=previous)
    if key in ("missing_services", "assets") and "assets" in values and knowledge is not None:
        values["assets"] = ask_prerequisites(term, values["missing_services"], values["assets"], knowledge)
    return official


def summary(term: Terminal, profile: Profile, official: Commune | None) -> None:
    """The answers, for the questionnaire's confirmation step."""
    from . import frenchfmt as fr
    from .render.knowledge_doc import labels
    from .vocabulary import ASSETS, MISSING_SERVICES, SECTORS

    commune = (profile.commune or "") + (f" ({profile.departement})" if profile.departement else "")
    commune += f", code INSEE {official.insee}" if official is not None else " (hors liste officielle)"
    rows = [("Commune", commune)]
    if official is not None and official.epci:
        rows.append(("Intercommunalité", official.epci.name))
    rows += [
        ("Population", f"{fr.number(profile.population)} habitants" if profile.population else "non précisée"),
        ("Services manquants", labels(MISSING_SERVICES, profile.missing_services)),
        ("Atouts", labels(ASSETS, profile.assets)),
        ("Priorités", labels(SECTORS, profile.priorities, "aucune")),
    ]
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        term.out.para(value, first=label.ljust(width), first_style=STYLES["bold"])


def _profile(values: dict[str, Any], official: Commune | None) -> Profile:
    from .profile_file import profile_from_answers

    data = dict(values)
    if official is not None:
        data.update(commune=official.name, insee=official.insee, departement=official.departement)
    return profile_from_answers(data)


def ask_needs(term: Terminal, previous: list[str] | None = None) -> list[str]:
    """The general needs, then, for each one that sibling projects answer for different people or
    trips, which of them (Entrée: none), each right after its general need in the answer; when
    correcting, the previous answers are the defaults."""
    from .questions import refining_question
    from .vocabulary import REFINED_NEEDS, refinements

    previous = previous or []
    general = _ask_key(term, "missing_services", None, previous=[n for n in previous if n not in REFINED_NEEDS])
    chosen = set(general)
    for need in general:
        question = refining_question(need)
        if question is None:
            continue
        before = [n for n in refinements(need) if n in previous]
        if len(question.choices) == 1:  # one precise need: a yes or a no
            (precise, label), = question.choices
            if term.confirm_about(question.prompt, label, default=bool(before)):
                chosen.add(precise)
            continue
        chosen.update(term.ask(question, default=before, shown_default=_as_typed(question, before) if before else None))
    return [n for need in general for n in [need, *refinements(need)] if n in chosen]


def ask_prerequisites(term: Terminal, needs: list[str], assets: list[str], knowledge: Knowledge) -> list[str]:
    """The assets, with those a project for a declared need requires first when the person says yes."""
    from .questions import prerequisites_to_ask
    from .text import SEMICOLON
    from .vocabulary import ASSETS

    chosen = set(assets)
    for asset, projects in prerequisites_to_ask(needs, assets, knowledge):
        heading = f"Pour {SEMICOLON.join(f'« {title} »' for title in projects)}, à réunir d'abord :"
        if term.confirm_about(heading, ASSETS.label(asset)):
            chosen.add(asset)
    return [a for a in ASSETS.ids if a in chosen]


def _ask_key(term: Terminal, key: str, official: Commune | None, previous: Any = None) -> Any:
    """Ask one question; when correcting, the previous answer is the default (Entrée keeps it)."""
    question = QUESTIONS[key]
    if previous is not None and previous != []:
        return term.ask(question, default=previous, shown_default=_as_typed(question, previous))
    if key == "priorities":
        return term.ask(question, default=[], shown_default="aucun")
    if key == "population" and official is not None and official.population:
        return term.ask(question, default=official.population, shown_default=str(official.population))
    return term.ask(question)


def _as_typed(question: Question, value: Any) -> str:
    """An answer as the person would type it again: `1,4` for choices."""
    if question.vocabulary is not None and isinstance(value, list):
        return ",".join(str(question.vocabulary.ids.index(v) + 1) for v in value if v in question.vocabulary.ids)
    return str(value)


def _beyond_rural(term: Terminal, commune: Commune) -> None:
    """A town larger than the communes essrural is made for hears it before answering for it."""
    if commune.population and commune.population > RURAL_LIMIT:
        from .method import MADE_FOR  # only for such a town

        term.say(f"{MADE_FOR} ; le plan le rappellera.", "yellow")


def ask_commune(term: Terminal, previous: str | None = None) -> tuple[str, Commune | None]:
    """The commune's name, and the official commune it is when the user confirms one."""
    from .communes import clear_leader
    from .locate import resolve_name

    name = term.ask(QUESTIONS["commune"], default=previous, shown_default=previous)
    query = name
    while True:
        resolution = resolve_name(query)
        guess = clear_leader(resolution.candidates) if resolution.status == "unknown" else None
        if resolution.status == "found" or guess:
            commune = resolution.commune or guess.commune
            term.say(f"Trouvée : {_describe(commune)}", "green")
            _beyond_rural(term, commune)
            if term.confirm("Est-ce bien votre commune ?"):
                return commune.name, commune
        elif resolution.candidates:
            chosen = _choose(term, resolution)
            if chosen is not None:
                _beyond_rural(term, chosen)
                return chosen.name, chosen
        else:
            term.say(f"Aucune commune ne correspond à « {query} » dans la liste officielle.", "yellow")
        query = term.read("Code INSEE, code postal ou autre orthographe (Entrée pour continuer sans) : ").strip()
        if not query:
            term.say("Le plan sera établi sans les données officielles de la commune.", "dim")
            return name, None


def _choose(term: Terminal, resolution: Any) -> Commune | None:
    candidates = resolution.candidates[:15]
    by_code = found_by_code(candidates)
    if resolution.status == "ambiguous":
        term.say(f"{len(resolution.candidates)} communes {'ont ce code' if by_code else 'portent ce nom'} :", "bold")
    else:
        term.say("Vouliez-vous dire :", "bold")
    rows = [
        (f"  {n}.", _describe(match.commune) + (f" ({FOUND_BY_CODE[match.how]})" if match.how in FOUND_BY_CODE else ""))
        for n, match in enumerate(candidates, 1)
    ]
    term.choices(rows + [("  0.", "aucune de ces communes")])
    while True:
        answer = term.read("Numéro : ").strip()
        if answer.isdigit() and 0 <= int(answer) <= len(candidates):
            return candidates[int(answer) - 1].commune if int(answer) else None
        term.refuse(f"tapez un numéro de 0 à {len(candidates)}.")


def _describe(commune: Commune) -> str:
    from . import frenchfmt as fr

    text = commune.label
    if commune.population is not None:
        text += f", {fr.number(commune.population)} habitants"
    if commune.epci:
        text += f", {commune.epci.name}"
    return text


# The export formats the questionnaire offers, by name, in the order a council prefers them.
EXPORT_CHOICES = (
    ("docx", "Word (.docx) — à modifier dans Word ou LibreOffice"),
    ("html", "page web (.html) — à ouvrir dans un navigateur et à imprimer"),
    ("markdown", "Markdown (.md) — texte simple"),
    ("json", "JSON (.json) — pour des scripts"),
)


def suggested_names(profile: Profile, extension: str = "docx") -> tuple[str, str]:
    """File names from the commune, safe characters only: `plan-ess-thore-la-rochette.docx`."""
    slug = safe_filename(profile.commune or profile.insee or "commune", default="commune")
    return f"plan-ess-{slug}.{extension}", f"profil-{slug}.yaml"


def ask_export_format(term: Terminal) -> tuple[str, str | None]:
    """The export format, chosen by number, name, extension or the label's first word (« word »);
    a file name typed here (« plan.docx ») gives its format and becomes the name proposed next."""
    from .commands import PLAN_EXTENSIONS, extension_of, other_format

    term.say("Format du plan :", "bold")
    term.choices([(f"  {n}.", label) for n, (_, label) in enumerate(EXPORT_CHOICES, 1)])
    while True:
        typed = term.read("Votre choix [1] : ").strip()
        answer = typed.lower().lstrip(".") or "1"
        for n, (fmt, label) in enumerate(EXPORT_CHOICES, 1):
            if answer in (str(n), fmt, extension_of(fmt), label.split(" ")[0].lower()):
                return fmt, None
        named = Path(typed)
        if named.stem and named.suffix.lower() in PLAN_EXTENSIONS:
            return PLAN_EXTENSIONS[named.suffix.lower()], typed
        other = other_format(typed if named.suffix else f"plan.{answer}", "tapez")  # « pdf », « plan.pdf »
        if other is not None:
            term.refuse(other)
            continue
        term.refuse(f"tapez un numéro de 1 à {len(EXPORT_CHOICES)} (ou docx, html, markdown, json).")


def offer_saving(
    term: Terminal, profile: Profile, export: Callable[[Path, str, bool], None], save: Callable[[Path, bool], None]
) -> None:
    """Offer the export (Word, web page, Markdown or JSON), then the answers file; ask before replacing a
    file. The format chosen is the one written: a name typed without extension gets its extension, a
    name whose extension names another format is asked again."""
    from .commands import extension_of

    term.say()
    if term.confirm("Exporter le plan pour le dossier du conseil municipal ?"):
        fmt, typed_name = ask_export_format(term)
        plan_name = typed_name or suggested_names(profile, extension_of(fmt))[0]
        _write_with_care(
            term, "Nom du fichier", plan_name, lambda path, replace: export(path, fmt, replace), "Plan exporté dans",
            name=lambda path: plan_path(path, fmt),
        )
    _, profile_name = suggested_names(profile)
    if term.confirm("Enregistrer vos réponses pour refaire ce diagnostic plus tard ?"):
        path = _write_with_care(
            term, "Nom du fichier de réponses", profile_name, save, "Réponses enregistrées dans", name=answers_path,
        )
        if path:
            term.say(f"Pour relancer : essrural diagnose --profile {path}", "dim")


_FORMAT_NAMES = {"docx": "Word", "html": "page web", "markdown": "Markdown", "json": "JSON"}
_WHAT_NAMES = {"docx": "un document Word", "html": "une page web", "markdown": "un texte Markdown", "json": "un fichier JSON"}


def plan_path(path: Path, fmt: str) -> Path:
    """The file the plan in `fmt` is written to, from the name typed: `plan2` → `plan2.docx`; a name
    whose extension names another format (`plan.html` after choosing Word, `plan.pdf`, `plan.txt`) is
    `InvalidAnswer`, saying what to type."""
    from .commands import OTHER_FORMATS, PLAN_EXTENSIONS, extension_of, other_format

    wanted = f".{extension_of(fmt)}"
    suffix = path.suffix.lower()
    named = PLAN_EXTENSIONS.get(suffix)
    if named == fmt:
        return path
    if not suffix[1:].isalpha():  # `plan2`, `plan.v2`, `plan du 12.03`: the extension is added
        return path.with_name(path.name + wanted)
    other = OTHER_FORMATS.get(suffix)
    if other is not None and other[1] == extension_of(fmt):  # `plan.pdf` after choosing the web page
        raise InvalidAnswer(other_format(path.name, "tapez"))
    if named is not None:
        why = f"« {path.name} » désigne {_WHAT_NAMES[named]} ({path.suffix})"
    elif other is not None:
        why = other[0]
    else:
        why = f"extension {path.suffix} inconnue"
    raise InvalidAnswer(
        f"{why} ; vous avez choisi le format {_FORMAT_NAMES[fmt]} : tapez un nom en {wanted}, par exemple "
        f"{path.stem}{wanted}, ou sans extension."
    )


def answers_path(path: Path) -> Path:
    """The file the answers (YAML) are saved to: not under a document's name (`reponses.docx`)."""
    from .commands import answers_name_problem

    problem = answers_name_problem(path.name, "tapez")
    if problem:
        raise InvalidAnswer(problem)
    return path


def _write_with_care(
    term: Terminal,
    prompt: str,
    default: str,
    write: Callable[[Path, bool], None],
    done: str,
    name: Callable[[Path], Path] | None = None,
) -> Path | None:
    """Ask for a file name (made into the file to write by `name`), confirm before replacing a file,
    write; on a failure, say why and offer another name."""
    from .errors import EssruralError

    while True:
        path = term.ask_path(prompt, default)
        if path.is_dir():  # a folder typed: the file goes in it, under the name offered
            path = path / Path(default).name
        try:
            path = name(path) if name else path
        except InvalidAnswer as problem:
            term.refuse(problem)
            continue
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
