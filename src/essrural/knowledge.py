"""The knowledge base at run time: levers, case studies, programmes and regions.

Why: every command needs them, quickly. Files are checked once against the
schemas (`essrural.schema`, Pydantic) by `essrural.loading`; what comes out,
and what the cache gives back, are the Structs below: one runtime model, with
fields declared here in the schemas' order. Only the standard library is
imported.
"""

from __future__ import annotations

from collections.abc import Callable

from .records import Struct


class Bounds(Struct):
    """A lever's population range; either end may be missing."""

    _fields = ("min", "max")
    _defaults = {"min": None, "max": None}

    min: int | None
    max: int | None

    def fits(self, population: int) -> bool:
        return (self.min is None or population >= self.min) and (self.max is None or population <= self.max)


class Dated(Struct):
    """A statement with its source: a legal or money statement that can go out of date carries the
    date of that source (`as_of`); a piece of advice (a first step, a caution) may carry only the page
    that supports it."""

    _fields = ("text", "as_of", "source")
    _defaults = {"as_of": None, "source": None}

    text: str
    as_of: str | None  # "2025", "2025-03" or "2025-03-14"; None for advice that cannot go out of date
    source: str | None

    @property
    def dated(self) -> bool:
        return self.as_of is not None


Statement = str | Dated


def text_of(statement: Statement) -> str:
    """The words of a statement, whether or not it carries its source."""
    return statement if isinstance(statement, str) else statement.text


class Lever(Struct):
    """A concrete action a commune or an intercommunality can take."""

    _fields = (
        "id", "title", "family", "role", "sectors", "summary", "addresses", "also_addresses", "uses", "requires",
        "prerequisites", "population",
        "budget", "commune_cost", "cofunders", "competent", "duration", "decision", "first_steps", "partners",
        "means", "legal", "cautions", "programmes", "sources", "examples_wanted", "case_note",
    )
    _nested = {"population": Bounds, "decision": Dated, "first_steps": Dated, "legal": Dated, "cautions": Dated}

    id: str
    title: str
    family: str
    role: str  # "projet", "moyen" or "demarrage"
    sectors: tuple[str, ...]
    summary: str
    addresses: tuple[str, ...]  # needs it is made for
    also_addresses: tuple[str, ...]  # needs it helps with too
    uses: tuple[str, ...]
    requires: tuple[str, ...]  # offered only to a commune that declared one of these assets
    prerequisites: tuple[str, ...]  # what it cannot start without (professionals for a maison de santé)
    population: Bounds | None
    budget: str  # the whole project's cost bracket
    commune_cost: str | None  # the commune's likely share, when co-funders carry most of it
    cofunders: tuple[str, ...]
    competent: tuple[str, ...]
    duration: str
    decision: Statement | None
    first_steps: tuple[Statement, ...]
    partners: tuple[str, ...]
    means: tuple[str, ...]  # ids of the levers that make this project possible
    legal: tuple[Statement, ...]
    cautions: tuple[Statement, ...]
    programmes: tuple[str, ...]
    sources: tuple[str, ...]
    examples_wanted: bool
    case_note: str | None  # why no case study shows it yet

    @property
    def statements(self) -> tuple[Statement, ...]:
        """What the lever states, each part of which may name its page or carry its date: its first
        decision, its first steps, its legal lines, its cautions."""
        return (*((self.decision,) if self.decision else ()), *self.first_steps, *self.legal, *self.cautions)

    @property
    def advice_sources(self) -> tuple[str, ...]:
        """Its sources, then any other page its first decision or steps cite: what a plan that prints
        them must cite."""
        steps = (self.decision, *self.first_steps)
        extra = (s.source for s in steps if isinstance(s, Dated) and s.source and s.source not in self.sources)
        return self.sources + tuple(dict.fromkeys(extra))

    @property
    def share(self) -> str:
        """The commune's likely cost bracket: its share when co-funders carry most of it, else the whole cost."""
        return self.commune_cost or self.budget


class Funding(Struct):
    _fields = ("financer", "programme", "amount_eur", "note")

    financer: str
    programme: str | None
    amount_eur: int | None
    note: str | None


class Case(Struct):
    """A real project, documented by a source someone on the team has read."""

    _fields = (
        "id", "name", "commune", "scope", "territory", "departement", "insee", "population", "sectors", "levers",
        "addresses", "summary", "authority_action", "funding", "outcomes", "keys_to_success", "obstacles",
        "ess_form", "legal_form", "year", "source", "sources",
    )
    _nested = {"funding": Funding}

    id: str
    name: str
    commune: str
    scope: str  # "commune", "intercommunal" or "territoire"
    territory: str | None
    departement: str
    insee: str | None
    population: int | None  # as the source gives it
    sectors: tuple[str, ...]
    levers: tuple[str, ...]
    addresses: tuple[str, ...]
    summary: str
    authority_action: str
    funding: tuple[Funding, ...]
    outcomes: tuple[str, ...]
    keys_to_success: tuple[str, ...]
    obstacles: tuple[str, ...]
    ess_form: str | None
    legal_form: str | None
    year: int | None
    source: str
    sources: tuple[str, ...]


class Programme(Struct):
    """A public or associative scheme that funds or supports projects."""

    _fields = (
        "id", "name", "kind", "funder", "applications", "eligibility", "population_max", "funds", "rates", "source",
        "sources", "status", "as_of", "dated_by", "sectors",
    )
    _defaults = {"sectors": (), "dated_by": None}

    id: str
    name: str
    kind: str
    funder: str
    applications: str
    eligibility: str
    population_max: int | None
    funds: str
    rates: str | None
    source: str
    sources: tuple[str, ...]
    status: str  # "ouvert", "ferme", "incertain" or "permanent"
    as_of: str  # date of the newest source that states the information: "2025", "2025-03", "2025-03-14"
    dated_by: str | None  # the page that gives `as_of`, among the sources
    sectors: tuple[str, ...]  # the sectors it is reserved to; empty: any project

    def open_to(self, population: int) -> bool:
        """A commune of this population may still call on it: not closed, and within its ceiling (an
        unknown population, 0, passes). The plan's projects and its « Pour commencer » both ask."""
        return self.status != "ferme" and not (self.population_max and population > self.population_max)


class Contact(Struct):
    _fields = ("name", "website", "source", "as_of", "departements")

    name: str
    website: str | None
    source: str
    as_of: str | None
    departements: tuple[str, ...]  # the départements it serves, when not the whole region


class Dla(Struct):
    _fields = ("regional", "website", "departmental", "source", "as_of")

    regional: str | None
    website: str | None
    departmental: str
    source: str
    as_of: str | None


class Scheme(Struct):
    """A Région's scheme for the ESS or for the last shop or service (or a Département's, for its communes)."""

    _fields = ("id", "name", "kind", "who", "funds", "status", "as_of", "source", "sources", "departements")

    id: str
    name: str
    kind: str  # "ess" or "dernier-commerce"
    who: str
    funds: str
    status: str
    as_of: str | None  # None: no source gives a date
    source: str
    sources: tuple[str, ...]
    departements: tuple[str, ...]  # a Département's own scheme: the départements it serves; empty: the whole region


class Region(Struct):
    """Whom a commune of the region calls first, and the Région's own schemes."""

    _fields = ("code", "name", "cress", "france_active", "dla", "schemes", "note", "sources")
    _nested = {"cress": Contact, "france_active": Contact, "dla": Dla, "schemes": Scheme}

    code: str
    name: str
    cress: Contact | None
    france_active: tuple[Contact, ...]
    dla: Dla | None
    schemes: tuple[Scheme, ...]
    note: str | None
    sources: tuple[str, ...]  # the pages the note names, and others read

    def france_active_for(self, departement: str | None) -> tuple[tuple[str, str | None], ...]:
        """The France Active associations (name, website) that serve this département; France Active's
        national site when the base knows only those of other départements (France Active Savoie Mont
        Blanc does not serve the Cantal)."""
        serving = [fa for fa in self.france_active if _serves(fa, departement)]
        if serving or not self.france_active:
            return tuple((fa.name, fa.website) for fa in serving)
        return (("France Active, l'association de votre territoire", FRANCE_ACTIVE_SITE),)

    def schemes_for(self, departement: str | None) -> tuple[Scheme, ...]:
        """The Région's schemes, and the Départements' own for a commune of theirs (Indre's last-shop aid
        is not for a commune of the Cher)."""
        return tuple(s for s in self.schemes if _serves(s, departement))


def _serves(item: Contact | Scheme, departement: str | None) -> bool:
    """A France Active association or a scheme limited to some départements serves only those."""
    return not item.departements or departement in item.departements


FRANCE_ACTIVE_SITE = "https://www.franceactive.org/"


class Origin(Struct):
    """Where an item was defined: `data/levers.yaml:12`."""

    _fields = ("file", "line")

    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


SECTIONS: dict[str, type[Struct]] = {"levers": Lever, "examples": Case, "programmes": Programme, "regions": Region}
KEY_FIELD = {"regions": "code"}  # the field that names an item; "id" for the others


class Knowledge:
    """Levers, cases, programmes and regions by id (in the files' order), with where each was defined.

    `geography` gives each case's région and official population (from its
    INSEE code), for the matching. `derived` keeps what the ranking and the
    matching compute once per knowledge (their indexes).
    """

    def __init__(
        self,
        levers: dict[str, Lever] | None = None,
        examples: dict[str, Case] | None = None,
        programmes: dict[str, Programme] | None = None,
        regions: dict[str, Region] | None = None,
        origins: dict[tuple[str, str], Origin] | None = None,
        files: list[str] | None = None,
        geography: dict[str, tuple[str | None, int | None]] | None = None,
        deferred: dict[str, Callable[[], dict]] | None = None,
    ):
        """`deferred`: sections the cache builds on first use (`essrural levers` never reads the cases)."""
        given = {"levers": levers, "examples": examples, "programmes": programmes, "regions": regions}
        self._sections: dict[str, dict] = {name: value for name, value in given.items() if value is not None}
        self._deferred = dict(deferred or {})
        self.origins = origins if origins is not None else {}  # (section, id) → Origin
        self.files = files if files is not None else []
        self.geography = geography if geography is not None else {}  # case id → (région, official population)
        self._derived: dict[str, object] = {}

    def section(self, name: str) -> dict:
        found = self._sections.get(name)
        if found is None:
            build = self._deferred.pop(name, None)
            found = self._sections[name] = build() if build is not None else {}
        return found

    @property
    def levers(self) -> dict[str, Lever]:
        return self.section("levers")

    @property
    def examples(self) -> dict[str, Case]:
        return self.section("examples")

    @property
    def programmes(self) -> dict[str, Programme]:
        return self.section("programmes")

    @property
    def regions(self) -> dict[str, Region]:
        """INSEE region code → Region."""
        return self.section("regions")

    def derived(self, key: str, build):
        """`build(self)`, computed on first use and kept: an index that depends only on the knowledge."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = build(self)
        return found

    @property
    def examples_by_lever(self) -> dict[str, list[Case]]:
        return self.derived("examples_by_lever", _examples_by_lever)


def _examples_by_lever(knowledge: Knowledge) -> dict[str, list[Case]]:
    index: dict[str, list[Case]] = {lever_id: [] for lever_id in knowledge.levers}
    for example in knowledge.examples.values():
        for lever_id in example.levers:
            index.setdefault(lever_id, []).append(example)
    return index
