"""Every command's options, defaults, formats and limits, declared once, with their validators.

Why: two entry points read the command line. The Typer CLI (`essrural.cli`)
builds its parameters from this table, and the fast path (`essrural.fastpath`)
parses the everyday command lines with it, so a default, a format or a limit
changed here changes for both; a test compares the Typer commands with this
table. Standard library only: the fast path imports it on every command.
"""

from __future__ import annotations

import os

from .errors import UserError
from .records import Struct
from .vocabulary import closest
from .weights import DEFAULT_TOP

TYPE_CHECKING = False  # typing and pathlib cost the fast path milliseconds it does not need
if TYPE_CHECKING:
    from pathlib import Path

TOP_MIN, TOP_MAX = 1, 100

# Plan exports: `--format` names and aliases, and file extensions.
FORMAT_ALIASES = {"md": "markdown", "htm": "html", "word": "docx"}  # what people type, in listings as in plans
PLAN_FORMATS = {**{name: name for name in ("markdown", "json", "html", "docx")}, **FORMAT_ALIASES}
PLAN_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".html": "html", ".htm": "html", ".docx": "docx"}
BINARY_FORMATS = {"docx"}  # written to a file only, never to the terminal
# Extensions of formats essrural does not write: a plan is never written under one of them, whatever
# --format says; (why, the extension to use instead, what to do next).
_WORD = "il écrit un document Word .docx, que Word et LibreOffice ouvrent"
_PLAN_FORMATS_TEXT = "le plan s'écrit en document Word (.docx), page web (.html), Markdown (.md) ou JSON (.json)"
OTHER_FORMATS = {
    ".pdf": (
        "essrural n'écrit pas de PDF ; il écrit une page web à imprimer en PDF depuis un navigateur", "html",
        "puis Imprimer > PDF",
    ),
    ".doc": (f"essrural n'écrit pas le format .doc ; {_WORD}", "docx", ""),
    ".odt": (f"essrural n'écrit pas le format .odt ; {_WORD}", "docx", ""),
    ".rtf": (f"essrural n'écrit pas le format .rtf ; {_WORD}", "docx", ""),
    **{ext: (f"un plan n'est pas un tableau : {_PLAN_FORMATS_TEXT}", "docx", "") for ext in (".xlsx", ".xls", ".ods", ".csv")},
    **{
        ext: (f"un fichier {ext} est un fichier de réponses (--save-profile) ; {_PLAN_FORMATS_TEXT}", "docx", "")
        for ext in (".yaml", ".yml")
    },
}
LISTING_FORMATS = ("table", "json", "markdown")
COMMUNE_FORMATS = ("table", "json")
DEPARTEMENT_FORMATS = ("table", "json", "csv")
BATCH_FORMAT = "json"  # a batch writes compact JSON plans unless --format says otherwise

DATA_DIR_HELP = (
    "Dossier de fichiers YAML à ajouter à la base intégrée (répétable ; sinon la variable ESSRURAL_DATA_DIR)."
)
SECTOR_HELP = "Secteur : alimentation, commerce, mobilite… (accents et majuscules tolérés)."
LISTING_FORMAT_HELP = "table (par défaut), json ou markdown."


class Option(Struct):
    """`--name` (and its short form), the value it takes, its default and help; `fast`: the fast
    path may answer a command line that has it."""

    _fields = ("name", "metavar", "help", "default", "flag", "repeatable", "short", "fast")
    _defaults = {"metavar": None, "default": None, "flag": False, "repeatable": False, "short": None, "fast": True}

    name: str
    metavar: str | None
    help: str
    default: object
    flag: bool  # takes no value: True when given
    repeatable: bool  # may be given several times: a list
    short: str | None
    fast: bool


class Argument(Struct):
    """A positional argument; `words`: it may be typed unquoted, its words are joined with spaces
    (`essrural commune thore la rochette`), as a mairie secretary would type a name."""

    _fields = ("name", "metavar", "help", "words")
    _defaults = {"words": False}

    name: str
    metavar: str
    help: str
    words: bool


class Command(Struct):
    _fields = ("name", "help", "arguments", "options")
    _defaults = {"arguments": ()}

    name: str
    help: str
    arguments: tuple[Argument, ...]
    options: tuple[Option, ...]

    def option(self, name: str) -> Option:
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)


def _data_dir() -> Option:
    return Option("--data-dir", "DOSSIER", DATA_DIR_HELP, repeatable=True)


COMMANDS: dict[str, Command] = {
    "levers": Command(
        "levers",
        "Lister les leviers d'action d'une commune, ou détailler l'un d'eux.",
        arguments=(Argument("lever_id", "ID", "Identifiant d'un levier à détailler."),),
        options=(
            Option("--family", "FAMILLE", "Famille : financement, foncier, cooperation, contractualisation, accompagnement."),
            Option("--sector", "SECTEUR", SECTOR_HELP),
            Option("--format", "FORMAT", LISTING_FORMAT_HELP, default="table"),
            _data_dir(),
        ),
    ),
    "examples": Command(
        "examples",
        "Lister les cas réels, avec leurs sources, filtrés par secteur, levier ou mots.",
        options=(
            Option("--sector", "SECTEUR", SECTOR_HELP),
            Option("--lever", "LEVIER", "Identifiant d'un levier (voir essrural levers)."),
            Option("--search", "TEXTE", "Mots à chercher (nom, commune, description), sans tenir compte des accents."),
            Option("--format", "FORMAT", LISTING_FORMAT_HELP, default="table"),
            _data_dir(),
        ),
    ),
    "diagnose": Command(
        "diagnose",
        "Établir le plan d'action d'une commune : questionnaire, ou réponses enregistrées avec --profile.",
        options=(
            Option("--profile", "FICHIER", "Fichier de réponses (YAML) : pas de questionnaire."),
            Option(
                "--output", "FICHIER", "Écrire le plan dans ce fichier : .docx (Word), .html, .md ou .json.", short="-o",
                fast=False,
            ),
            Option(
                "--format",
                "FORMAT",
                "docx, html, markdown ou json ; sans --output, le plan est écrit sur la sortie standard (sauf docx).",
            ),
            Option(
                "--brief", None, "La synthèse seule (deux pages) : commune, projets, premières démarches.",
                default=False, flag=True,
            ),
            Option("--force", None, "Remplacer les fichiers existants.", default=False, flag=True, fast=False),
            Option("--save-profile", "FICHIER", "Enregistrer les réponses dans ce fichier YAML.", fast=False),
            Option(
                "--top",
                "N",
                f"Nombre de projets présentés, de {TOP_MIN} à {TOP_MAX} (par défaut {DEFAULT_TOP}, ou davantage pour "
                "répondre à chaque besoin déclaré).",
            ),
            Option(
                "--explain",
                None,
                "Afficher la méthode de classement (critères, pondérations, sources).",
                default=False,
                flag=True,
                fast=False,
            ),
            Option(
                "--batch",
                "FICHIER",
                "Un plan par ligne d'un fichier CSV ou JSON Lines (colonnes : commune, insee, population, "
                "missing_services…) ; avec --profile, besoins, atouts et priorités communs à toutes les lignes.",
                fast=False,
            ),
            Option(
                "--output-dir",
                "DOSSIER",
                "Avec --batch : dossier des plans (JSON compact par défaut) et de la synthèse synthese.csv.",
                fast=False,
            ),
            _data_dir(),
        ),
    ),
    "commune": Command(
        "commune",
        "Chercher une commune dans la liste officielle : population, département, région, intercommunalité.",
        arguments=(
            Argument(
                "query",
                "NOM|CODE",
                "Nom (accents, majuscules et petites fautes tolérés ; guillemets facultatifs), code INSEE ou code "
                "postal ; « Nom (41) » pour préciser le département.",
                words=True,
            ),
        ),
        options=(
            Option(
                "--departement",
                "DÉPARTEMENT",
                "Lister toutes les communes d'un département (code ou nom), ou, avec un nom, chercher la commune dans "
                "ce département ; avec --format csv, un fichier prêt pour diagnose --batch.",
                fast=False,
            ),
            Option("--format", "FORMAT", "table (par défaut), json, ou csv avec --departement.", default="table"),
        ),
    ),
    "data check": Command(
        "data check",
        "Valider les fichiers de connaissances et afficher la couverture par secteur et par famille.",
        arguments=(
            Argument(
                "folder",
                "DOSSIER",
                "Dossier de fichiers YAML à vérifier avec la base intégrée (par défaut : ceux de la variable "
                "ESSRURAL_DATA_DIR, sinon la base intégrée seule).",
            ),
        ),
        options=(),
    ),
}


def choose_format(value: str, allowed: tuple[str, ...] | list[str], option: str = "--format") -> str:
    """The format asked for, folded to lower case; a French error with the closest one otherwise."""
    wanted = value.strip().lower()
    if FORMAT_ALIASES.get(wanted) in allowed:  # `md` for markdown; `word` is no listing format
        wanted = FORMAT_ALIASES[wanted]
    if wanted in allowed:
        return wanted
    suggestion = closest(wanted, list(allowed))
    hint = f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else "."
    raise UserError(f"option {option} : format inconnu « {value} »{hint} Formats possibles : {', '.join(allowed)}.")


def plan_format(value: str) -> str:
    """A plan's `--format`: a name or an alias (`md`)."""
    wanted = value.strip().lower()
    if wanted in PLAN_FORMATS:
        return PLAN_FORMATS[wanted]
    names = list(dict.fromkeys(PLAN_FORMATS.values()))
    raise UserError(f"option --format : format inconnu « {value} » ; formats possibles : {', '.join(names)}.")


def file_path(value: str | None, option: str) -> Path | None:
    """A file option's path; a name that ends with a folder separator (« plan.md/ ») is a folder, not
    the file it would silently become once the separator is dropped."""
    from pathlib import Path

    if value is None:
        return None
    if value.endswith(("/", os.sep)) or (os.altsep and value.endswith(os.altsep)):
        raise UserError(f"option {option} : « {value} » se termine par « / », c'est un nom de dossier ; indiquez un nom de fichier.")
    if value != value.rstrip():  # pasted with a space: « plan.docx  » would be written, and not found again
        raise UserError(f"option {option} : « {value} » se termine par une espace ; retirez-la (« {value.rstrip()} »).")
    return Path(value)


def check_lever_or_filters(lever_id: str | None, family: object, sector: object) -> None:
    """`levers ID` shows one lever; `--family` and `--sector` filter the list: not both."""
    if lever_id and (family or sector):
        raise UserError(
            f"« essrural levers {lever_id} » montre un levier ; --family et --sector filtrent la liste : "
            "donnez l'un ou les autres."
        )


def extension_of(fmt: str) -> str:
    """The file extension a plan format is written with: `md` for Markdown, else its name."""
    return {"markdown": "md"}.get(fmt, fmt)


def other_format(name: str, todo: str = "--output") -> str | None:
    """Why a plan is not written under `name` when its extension names a format essrural does not
    write (`plan.pdf`), and the name to use instead, after `todo`; None for any other name."""
    stem, dot, suffix = name.rpartition(".")
    found = OTHER_FORMATS.get(f".{suffix.lower()}") if dot and stem else None
    if found is None:
        return None
    why, extension, then = found
    return f"{why} : {todo} {stem}.{extension}" + (f", {then}" if then else "") + "."


def answers_name_problem(name: str, todo: str = "--save-profile") -> str | None:
    """Why the answers (YAML) are not saved under `name` when its extension names a document
    (`reponses.docx`, `reponses.json`): Word could not open it; None for any other name."""
    stem, dot, suffix = name.rpartition(".")
    extension = f".{suffix.lower()}"
    if not (dot and stem) or extension in (".yaml", ".yml") or (extension not in PLAN_EXTENSIONS and extension not in OTHER_FORMATS):
        return None
    return f"« {name} » : les réponses s'enregistrent en YAML : {todo} {stem}.yaml (le plan, lui, s'écrit avec --output)."


def check_plan_format(fmt: str | None, to_file: bool, brief: bool) -> None:
    """What a plan's format allows, for every entry point: Word goes to a file, and the JSON plan is
    always whole."""
    if fmt in BINARY_FORMATS and not to_file:
        raise UserError(
            f"le format {fmt} s'écrit dans un fichier : ajoutez --output plan.{fmt} (rien n'est écrit sur le terminal)."
        )
    if brief and fmt == "json":
        raise UserError("--brief donne la synthèse d'un document : le JSON du plan est toujours complet ; retirez --brief.")


def parse_top(value: str | None) -> int | None:
    """`--top N`: a whole number in range; None (not given) is the default plan."""
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not TOP_MIN <= int(text) <= TOP_MAX:
        raise UserError(f"option --top : « {value} » n'est pas un nombre entier de {TOP_MIN} à {TOP_MAX}.")
    return int(text)
