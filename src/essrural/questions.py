"""The questionnaire's questions as data, with pure parsing of the answers.

Why: what counts as a valid answer (a whole number, `1,4,7`, `aucun`, `oui`)
is tested here without a terminal; `interactive.py` only asks and re-asks.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from .frenchfmt import number
from .profile import MAX_POPULATION
from .records import Frozen
from .text import fold, inhabitants, one_line
from .vocabulary import ASSETS, MISSING_SERVICES, REFINED_NEEDS, SECTORS, UnknownId, Vocabulary, refinements

if TYPE_CHECKING:
    from .knowledge import Knowledge

NONE_WORDS = {"aucun", "aucune", "rien", "non", "0", "-", "none"}
YES = {"o", "oui", "y", "yes", "ok", "d'accord"}
NO = {"n", "non", "no"}


class InvalidAnswer(ValueError):
    """An answer to ask again, with a French message saying what would be valid."""

    lead = "Réponse non valide"

    @property
    def sentence(self) -> str:
        """What the person reads, once: « Réponse non valide : … »."""
        return f"{self.lead} : {self}"


class EmptyAnswer(InvalidAnswer):
    """Nothing typed where an answer is needed: « Réponse vide : tapez … »."""

    lead = "Réponse vide"


class Question(Frozen):
    """A question of the questionnaire: what it asks, the kind of answer, its choices."""

    _fields = ("key", "prompt", "kind", "vocabulary", "optional", "help")
    _defaults = {"vocabulary": None, "optional": False, "help": ""}

    key: str
    prompt: str
    kind: str  # "text", "int", "multi" or "yesno"
    vocabulary: Vocabulary | None
    optional: bool
    help: str

    @property
    def choices(self) -> list[tuple[str, str]]:
        return list(self.vocabulary.labels.items()) if self.vocabulary else []

    def parse(self, answer: str, default: Any = None) -> Any:
        """The value an answer means; `InvalidAnswer` with a French explanation otherwise."""
        text = answer.strip()
        if not text and default is not None:
            return default
        if self.kind == "text":
            return parse_text(text)
        if self.kind == "int":
            return parse_population(text)
        if self.kind == "yesno":
            return parse_yes_no(text)
        assert self.vocabulary is not None
        return parse_choices(text, self.vocabulary, self.optional)


def parse_text(text: str) -> str:
    if not text:
        raise EmptyAnswer("tapez le nom de la commune.")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise InvalidAnswer("le nom contient des caractères de contrôle ; tapez-le en lettres.")
    cleaned = one_line(text)
    if len(cleaned) > 150:
        raise InvalidAnswer("nom trop long (150 caractères au plus).")
    return cleaned


def parse_population(text: str) -> int:
    if not text.strip():
        raise EmptyAnswer("tapez le nombre d'habitants, par exemple 900.")
    value = inhabitants(text)
    if value is None:
        raise InvalidAnswer(
            f"« {one_line(text)[:30]} » n'est pas un nombre entier d'habitants (par exemple 900 ou 1 200)."
        )
    if value < 1:
        raise InvalidAnswer("la population doit être d'au moins 1 habitant.")
    if value > MAX_POPULATION:
        raise InvalidAnswer(f"{value} habitants : ce n'est pas une commune française (au plus {number(MAX_POPULATION)}).")
    return value


def parse_yes_no(text: str) -> bool:
    word = fold(text)
    if word in YES:
        return True
    if word in NO:
        return False
    raise InvalidAnswer("répondez par « o » (oui) ou « n » (non).")


def parse_choices(text: str, vocabulary: Vocabulary, optional: bool = True) -> list[str]:
    """`1,4,7`, `1 4 7`, `2-5`, ids or labels, or `aucun`: the ids, in the list's order."""
    if not text or fold(text) in NONE_WORDS:
        if text or optional:
            return []
        raise EmptyAnswer("tapez des numéros séparés par des virgules (par exemple 1,4) ou « aucun ».")
    ids = vocabulary.ids
    chosen: set[str] = set()
    for part in re.split(r"[,;]+|\s+(?=\d)|(?<=\d)\s+", text):
        part = part.strip()
        if not part:
            continue
        span = re.fullmatch(r"(\d+)\s*-\s*(\d+)", part)
        numbers = list(range(int(span[1]), int(span[2]) + 1)) if span else [int(part)] if part.isdigit() else None
        if numbers is None:
            try:
                chosen.add(vocabulary.resolve(part))
            except UnknownId as exc:
                if exc.elsewhere:  # a need among the assets: its own question comes before or after
                    other, found = exc.elsewhere
                    suggestion = f" : « {other.short(found)} » est un {other.noun}, pas un {vocabulary.noun}."
                elif exc.suggestion in ids:  # what the person saw: the number and the label, not an internal id
                    suggestion = f" ; vouliez-vous dire {ids.index(exc.suggestion) + 1}. « {vocabulary.label(exc.suggestion)} » ?"
                else:
                    suggestion = "."
                raise InvalidAnswer(
                    f"« {one_line(part)[:30]} » ne correspond à aucun choix{suggestion}"
                    + f" Tapez des numéros de 1 à {len(ids)}, séparés par des virgules, ou « aucun »."
                ) from None
            continue
        for typed in numbers:
            if not 1 <= typed <= len(ids):
                raise InvalidAnswer(f"numéro {typed} hors de la liste : choisissez entre 1 et {len(ids)}, ou « aucun ».")
            chosen.add(ids[typed - 1])
    return [i for i in ids if i in chosen]


# The needs the questionnaire lists first; a precise need is asked after its general need is chosen,
# as an adviser asks « pour qui ? » (a precise need typed in the first list means its general need).
GENERAL_NEEDS = MISSING_SERVICES.subset(
    [n for n in MISSING_SERVICES.ids if n not in REFINED_NEEDS],
    {alias: REFINED_NEEDS[n] for n in REFINED_NEEDS for alias in (n, MISSING_SERVICES.label(n))},
)

QUESTIONS = {
    "commune": Question("commune", "Nom de la commune", "text"),
    "population": Question("population", "Nombre d'habitants", "int"),
    "missing_services": Question(
        "missing_services",
        "Quels services manquent dans la commune ?",
        "multi",
        GENERAL_NEEDS,
        optional=False,
        help="Numéros séparés par des virgules (par exemple 1,2,17), ou « aucun ».",
    ),
    "assets": Question(
        "assets",
        "Sur quels atouts la commune peut-elle s'appuyer ?",
        "multi",
        ASSETS,
        optional=False,
        help="Numéros séparés par des virgules (par exemple 1,8), ou « aucun ».",
    ),
    "priorities": Question(
        "priorities",
        "Secteurs prioritaires (facultatif)",
        "multi",
        SECTORS,
        optional=True,
        help="Numéros séparés par des virgules, ou Entrée pour aucun.",
    ),
}


def refining_question(need: str) -> Question | None:
    """The adviser's follow-up to a general need that sibling projects answer for different people or
    trips (mobility for whom, housing for whom…): its precise needs, to check or not (one precise need
    is asked as a yes or a no); None for most needs."""
    precise = refinements(need)
    if not precise:
        return None
    return Question(
        "missing_services",
        f"Pour préciser « {MISSING_SERVICES.short(need)} »" + (" (facultatif)" if len(precise) > 1 else ""),
        "multi",
        MISSING_SERVICES.subset(precise),
        optional=True,
        help="Numéros séparés par des virgules, ou Entrée pour ne pas préciser.",
    )


def prerequisites_to_ask(needs: list[str], assets: list[str], knowledge: Knowledge) -> list[tuple[str, list[str]]]:
    """The assets that projects made for a declared need require first and that the commune has not
    checked, each with the titles of those projects: an adviser asks about them by name (a maison de
    santé is set up by professionals ready to work together; without them, a salaried centre)."""
    found: dict[str, list[str]] = {}
    for lever in knowledge.levers.values():
        if lever.role == "projet" and set(lever.addresses) & set(needs):
            for asset in lever.prerequisites:
                if asset not in assets:
                    found.setdefault(asset, []).append(lever.title)
    return [(asset, found[asset]) for asset in ASSETS.ids if asset in found]
