"""The schemas every file essrural reads is checked against (Pydantic).

Why: a typo in a sector id or a missing source is caught with its line number
before it can distort a plan. Vocabulary fields accept any spelling the
vocabulary understands and store the canonical id. Pydantic is used only
here, to validate; what passes becomes the runtime Structs of
`essrural.knowledge` and `essrural.profile`, which never import it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .profile import MAX_POPULATION
from .text import control_character, inhabitants
from .vocabulary import (
    ASSETS,
    BUDGETS,
    COMPETENCES,
    DURATIONS,
    ESS_FORMS,
    FAMILIES,
    MISSING_SERVICES,
    ROLES,
    SCOPES,
    SECTORS,
    STATUSES,
    UnknownId,
    Vocabulary,
)

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEPARTEMENT_RE = re.compile(r"^(?:0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-8]|98[4-9])$")
INSEE_RE = re.compile(r"^(?:[0-9]{2}|2A|2B)[0-9]{3}$")

def _plain(value: str) -> str:
    """Text that a terminal, a spreadsheet or an editor shows as it is: no escape sequence, no bell,
    no bidirectional override."""
    found = control_character(value)
    if found:
        raise PydanticCustomError(
            "essrural_control", "caractère de contrôle interdit ({found}) : le texte doit s'afficher tel quel.",
            {"found": found},
        )
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), AfterValidator(_plain)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_plain)]


def _id(value: str) -> str:
    if not ID_RE.match(value):
        raise PydanticCustomError(
            "essrural_id",
            "identifiant « {value} » invalide : lettres minuscules sans accent, chiffres et tirets "
            "(par exemple « local-communal »).",
            {"value": value[:60]},
        )
    return value


Id = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80), AfterValidator(_id)]


def _vocabulary_id(vocabulary: Vocabulary):
    def resolve(value: object) -> object:
        if not isinstance(value, str):
            return value  # let the str type report it
        try:
            return vocabulary.resolve(value)
        except UnknownId as exc:
            raise PydanticCustomError("essrural_vocabulary", "{message}", {"message": exc.french()}) from None

    return BeforeValidator(resolve)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _split_text(value: object) -> object:
    """Forgiving input: `epicerie, cafe` is read as a list of two ids, and a key left blank
    (`assets:` with nothing after it, `~`) as an empty list: what a person editing by hand means."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    return value


def _ids_of(vocabulary: Vocabulary):
    item = Annotated[str, _vocabulary_id(vocabulary)]
    return Annotated[
        list[item], BeforeValidator(_split_text), AfterValidator(_unique), Field(max_length=50)
    ]


SectorIds = _ids_of(SECTORS)
NeedIds = _ids_of(MISSING_SERVICES)
AssetIds = _ids_of(ASSETS)
FamilyId = Annotated[str, _vocabulary_id(FAMILIES)]
BudgetId = Annotated[str, _vocabulary_id(BUDGETS)]
DurationId = Annotated[str, _vocabulary_id(DURATIONS)]
RoleId = Annotated[str, _vocabulary_id(ROLES)]
CompetenceId = Annotated[str, _vocabulary_id(COMPETENCES)]
StatusId = Annotated[str, _vocabulary_id(STATUSES)]
ScopeId = Annotated[str, _vocabulary_id(SCOPES)]
EssFormId = Annotated[str, _vocabulary_id(ESS_FORMS)]

AS_OF_RE = re.compile(r"^(?:19|20)[0-9]{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$")


def _as_of(value: object) -> object:
    """`2025`, `2025-03` or `2025-03-14`: the date of the source that states a fact."""
    if isinstance(value, bool):
        return value  # let the str type report it
    if isinstance(value, (dt.date, int)):
        value = value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, str):
        value = value.strip()
        if not AS_OF_RE.match(value):
            raise PydanticCustomError(
                "essrural_as_of",
                "date « {value} » invalide : l'année, l'année et le mois ou la date de la source, par exemple "
                "\"2025\", \"2025-03\" ou \"2025-03-14\".",
                {"value": value[:20]},
            )
    return value


AsOf = Annotated[str, BeforeValidator(_as_of)]


def _source(value: str) -> str:
    """A source is a page someone can open: an http(s) URL with a real host, nothing else."""
    if not value.startswith(("http://", "https://")):
        raise PydanticCustomError(
            "essrural_source",
            "source « {value} » refusée : une adresse http:// ou https:// de la page consultée est attendue.",
            {"value": value[:80]},
        )
    host = value.split("/")[2] if value.count("/") >= 2 else ""
    if any(c.isspace() or ord(c) < 32 for c in value) or "." not in host.strip(".") or host.endswith("."):
        raise PydanticCustomError("essrural_source", "adresse de source invalide « {value} ».", {"value": value[:80]})
    return value


Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600), AfterValidator(_source)]


def _code(width: int, pattern: re.Pattern[str], kind: str, message: str):
    """A validator for an official code: a YAML number gets its leading zeros back (`1` → "01"),
    text is trimmed and upper-cased (« 2a » → "2A"), anything that does not look like one is refused."""

    def check(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:0{width}d}"
        if isinstance(value, str):
            typed, value = value.strip(), value.strip().upper()
            if not pattern.match(value):
                raise PydanticCustomError(kind, message, {"value": typed[:20]})  # as typed: « Cantal », not « CANTAL »
        return value

    return check


Departement = Annotated[
    str,
    BeforeValidator(_code(
        2, DEPARTEMENT_RE, "essrural_departement",
        "numéro de département invalide « {value} » : par exemple \"01\", \"41\", \"2A\", \"974\".",
    )),
]
ProfileDepartement = Annotated[  # a name (« Cantal ») is read as its code before (profile_file)
    str,
    BeforeValidator(_code(
        2, DEPARTEMENT_RE, "essrural_departement",
        "département inconnu « {value} » : un numéro, par exemple \"01\", \"41\", \"2A\", \"974\", ou un nom, "
        "par exemple Cantal.",
    )),
]
Insee = Annotated[
    str,
    BeforeValidator(_code(
        5, INSEE_RE, "essrural_insee",
        "code INSEE invalide « {value} » : cinq caractères, par exemple \"41259\" ou \"2A004\".",
    )),
]


def _not_a_boolean(value: object) -> object:
    """YAML reads `oui`, `true`, `on` as booleans; Pydantic would take them as 1 or 0."""
    if isinstance(value, bool):
        raise PydanticCustomError("essrural_bool", "un nombre entier est attendu, pas « {value} ».", {"value": str(value).lower()})
    return value


Int = Annotated[int, BeforeValidator(_not_a_boolean)]


def _count(value: object) -> object:
    """A number of inhabitants as typed in a file or a spreadsheet cell: `1200`, `"1 200"`, `300 habitants`;
    never a decimal, `0x384` or `1_200` read as something else."""
    value = _not_a_boolean(value)
    if isinstance(value, str):
        number = inhabitants(value)
        if number is None:
            raise PydanticCustomError(
                "essrural_count", "un nombre entier est attendu (par exemple 1200 ou \"1 200\"), pas « {value} ».",
                {"value": value.strip()[:20]},
            )
        return number
    if isinstance(value, float):
        raise PydanticCustomError(
            "essrural_count", "un nombre entier est attendu (par exemple 1200), pas le nombre décimal « {value} ».",
            {"value": f"{value:g}"},
        )
    return value


Count = Annotated[int, BeforeValidator(_count)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PopulationRange(_Model):
    min: Annotated[Int, Field(ge=0)] | None = None
    max: Annotated[Int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "PopulationRange":
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("essrural_range", "« min » doit être inférieur à « max ».")
        return self


class Dated(_Model):
    """A legal or money statement that can go out of date: its text, the date of its source, the source."""

    text: Text
    as_of: AsOf
    source: Source | None = None


class Sourced(_Model):
    """A piece of advice (a first step, a caution) with the page that supports it: the reader, and
    whoever re-reads the base, can check it."""

    text: Text
    source: Source


Statement = Text | Dated | Sourced
Step = Text | Sourced


class LeverSchema(_Model):
    """A concrete action a commune or an intercommunality can take."""

    id: Id
    title: ShortText
    family: FamilyId
    role: RoleId = "projet"
    sectors: Annotated[SectorIds, Field(min_length=1)]
    summary: Text
    addresses: NeedIds = []
    also_addresses: NeedIds = []
    uses: AssetIds = []
    requires: AssetIds = []
    prerequisites: AssetIds = []  # what it cannot start without: not declared, it is proposed lower, saying what to gather first
    population: PopulationRange | None = None
    budget: BudgetId
    commune_cost: BudgetId | None = None
    cofunders: Annotated[list[ShortText], Field(max_length=12)] = []
    competent: Annotated[list[CompetenceId], AfterValidator(_unique), Field(max_length=5)] = []
    duration: DurationId
    decision: Step | None = None
    first_steps: Annotated[list[Step], Field(min_length=2, max_length=12)]
    partners: Annotated[list[ShortText], Field(min_length=1, max_length=30)]
    means: Annotated[list[Id], AfterValidator(_unique), Field(max_length=20)] = []
    legal: Annotated[list[Statement], Field(max_length=20)] = []
    cautions: Annotated[list[Statement], Field(max_length=20)] = []
    programmes: Annotated[list[Id], AfterValidator(_unique), Field(max_length=20)] = []
    sources: Annotated[list[Source], AfterValidator(_unique), Field(min_length=1, max_length=20)]
    examples_wanted: bool = False
    case_note: Text | None = None  # why no case study shows this lever yet


class Funding(_Model):
    financer: ShortText
    programme: ShortText | None = None
    amount_eur: Annotated[Int, Field(ge=0, le=10_000_000_000)] | None = None
    note: Text | None = None


class CaseSchema(_Model):
    """A real project, documented by a source someone on the team has read."""

    id: Id
    name: ShortText
    commune: ShortText
    scope: ScopeId = "commune"
    territory: ShortText | None = None
    departement: Departement
    insee: Insee | None = None
    population: Annotated[Int, Field(ge=1, le=100_000_000)] | None = None
    sectors: Annotated[SectorIds, Field(min_length=1)]
    levers: Annotated[list[Id], AfterValidator(_unique), Field(max_length=20)] = []
    addresses: NeedIds = []
    summary: Text
    authority_action: Text
    funding: Annotated[list[Funding], Field(max_length=20)] = []
    outcomes: Annotated[list[Text], Field(max_length=20)] = []
    keys_to_success: Annotated[list[Text], Field(max_length=20)] = []
    obstacles: Annotated[list[Text], Field(max_length=20)] = []
    ess_form: EssFormId | None = None
    legal_form: ShortText | None = None
    year: Annotated[Int, Field(ge=1800, le=2100)] | None = None
    source: Source
    sources: Annotated[list[Source], AfterValidator(_unique), Field(max_length=20)] = []


class ProgrammeSchema(_Model):
    """A public or associative scheme that funds or supports projects."""

    id: Id
    name: ShortText
    kind: Literal["financement", "accompagnement"]
    funder: Text
    applications: Text
    eligibility: Text
    population_max: Annotated[Int, Field(ge=1)] | None = None
    funds: Text
    rates: Text | None = None
    source: Source
    sources: Annotated[list[Source], AfterValidator(_unique), Field(max_length=20)] = []
    status: StatusId
    as_of: AsOf
    dated_by: Source | None = None  # the page that gives `as_of`: the plan cites it with the reference page
    sectors: SectorIds = []  # reserved to projects of these sectors; empty: any project

    @model_validator(mode="after")
    def _dated_by_is_cited(self) -> "ProgrammeSchema":
        if self.dated_by is not None and self.dated_by not in (self.source, *self.sources):
            raise PydanticCustomError(
                "essrural_dated_by",
                "« dated_by » doit être l'une des adresses de « source » ou de « sources » du programme : la page "
                "qui donne la date « as_of ».",
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _verified_is_gone(cls, data: object) -> object:
        if isinstance(data, dict) and "verified" in data:
            raise PydanticCustomError(
                "essrural_verified",
                "« verified » (date de relecture) est remplacé par « as_of » : la date de la source la plus récente "
                "qui donne ces informations (par exemple \"2025-03\"), et « status » : ouvert, ferme, incertain ou "
                "permanent.",
            )
        return data


class Contact(_Model):
    """A network to call: its name, its website, and the page that says so."""

    name: ShortText
    website: Source | None = None
    source: Source
    as_of: AsOf | None = None
    departements: Annotated[list[Departement], AfterValidator(_unique), Field(max_length=20)] = []  # when not the whole region


class Dla(_Model):
    regional: ShortText | None = None
    website: Source | None = None
    departmental: Text
    source: Source
    as_of: AsOf | None = None


class Scheme(_Model):
    """A Région's scheme for the ESS or for the last shop or service."""

    id: Id
    name: ShortText
    kind: Literal["ess", "dernier-commerce"]
    who: Text
    funds: Text
    status: StatusId
    as_of: AsOf | None = None  # absent when no source gives a date: then the plan says so
    source: Source
    sources: Annotated[list[Source], AfterValidator(_unique), Field(max_length=20)] = []
    departements: Annotated[list[Departement], AfterValidator(_unique), Field(max_length=20)] = []  # a Département's scheme: only there


class RegionSchema(_Model):
    """Whom a commune of the region calls first, and the Région's own schemes."""

    code: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{2}$")]
    name: ShortText
    cress: Contact | None = None
    france_active: Annotated[list[Contact], Field(max_length=6)] = []
    dla: Dla | None = None
    schemes: Annotated[list[Scheme], Field(max_length=8)] = []
    note: Text | None = None
    sources: Annotated[list[Source], AfterValidator(_unique), Field(max_length=30)] = []  # the pages the note names, and others read


def _printable(value: str) -> str:
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in value):
        raise PydanticCustomError(
            "essrural_control", "le nom contient des caractères de contrôle ou invisibles ; écrivez-le en lettres."
        )
    return value


class ProfileSchema(_Model):
    """A commune's answers: what it lacks, what it has, what it wants first."""

    commune: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150), AfterValidator(_printable)
    ] | None = None
    insee: Insee | None = None
    departement: ProfileDepartement | None = None
    population: Annotated[Count, Field(ge=1, le=MAX_POPULATION)] | None = None
    missing_services: NeedIds = []
    assets: AssetIds = []
    priorities: SectorIds = []
