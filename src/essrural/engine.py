"""The ranking engine: pure, deterministic, explainable.

Why: a commune must be able to see why each action is proposed. Every point
of a score comes with a reason, the reasons add up to the score, and the same
profile always gives the same plan (ties broken by id). No I/O here.
"""

from __future__ import annotations

from .matching import match_examples
from .records import Struct
from .vocabulary import ASSETS, BUDGETS, DURATIONS, MISSING_SERVICES, SECTORS
from .weights import DEFAULT_TOP, MEDIUM_COMMUNE, PHYSICAL_ASSETS, RANKING, SMALL_COMMUNE, RankingWeights

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: the engine runs on Records as well as on models
    from .knowledge import Knowledge
    from .models import Lever, Profile, Programme

FACTORS = ("need", "asset", "priority", "population", "effort", "quick_win", "proven")


class Reason(Struct):
    """`factor` is one of FACTORS; `detail` is French, for the plan."""

    __slots__ = ("factor", "points", "detail")


class Place(Struct):
    """Where the commune is, when the official list knows it (for matching and the plan)."""

    __slots__ = ("departement", "region", "region_name", "epci_name", "epci_communes", "epci_population")
    _defaults = dict.fromkeys(__slots__)


class Action(Struct):
    __slots__ = ("rank", "lever", "score", "reasons", "examples", "programmes")


class Plan(Struct):
    """`considered`: levers examined; `relevant`: levers that fit the profile, before --top."""

    __slots__ = ("profile", "actions", "place", "considered", "relevant")
    _defaults = {"place": Place(), "considered": 0, "relevant": 0}


def population_fits(bounds, population: int) -> bool:  # type: ignore[no-untyped-def]
    """Is `population` within a lever's `{min, max}` range (either may be missing)?"""
    low, high = bounds.get("min"), bounds.get("max")
    return (low is None or population >= low) and (high is None or population <= high)


def population_range_text(bounds) -> str:  # type: ignore[no-untyped-def]
    """`{max: 3500}` → `moins de 3 500 habitants`."""
    low, high = bounds.get("min"), bounds.get("max")
    if low is not None and high is not None:
        return f"de {fmt_population(low)} à {fmt_population(high)} habitants"
    if high is not None:
        return f"moins de {fmt_population(high)} habitants"
    return f"plus de {fmt_population(low)} habitants"


def fmt_population(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def score_lever(lever: Lever, profile: Profile, knowledge: Knowledge, w: RankingWeights = RANKING) -> list[Reason]:
    """The reasons (with points) a lever gets for this profile; empty when it does not fit."""
    return _scorer(knowledge, w).reasons(_LeverFacts(lever, knowledge), _ProfileFacts(profile))


class _ProfileFacts:
    """The profile's answers as sets, built once per plan."""

    __slots__ = ("missing", "assets", "priorities", "population", "budget", "cofunded")

    def __init__(self, profile: Profile):
        self.missing = frozenset(profile.missing_services)
        self.assets = frozenset(profile.assets)
        self.priorities = frozenset(profile.priorities)
        self.population = profile.population or 0
        self.budget = "budget" in self.assets
        self.cofunded = "cofinanceur" in self.assets


class _LeverFacts:
    """What the scoring reads of a lever, computed once per knowledge."""

    __slots__ = ("lever", "id", "addresses", "uses", "sectors", "bounds", "budget", "quick", "used")

    def __init__(self, lever: Lever, knowledge: Knowledge):
        self.lever = lever
        self.id = lever.id
        self.addresses = tuple(lever.addresses)
        self.uses = tuple(lever.uses)
        self.sectors = tuple(lever.sectors)
        self.bounds = _bounds(lever.population)
        self.budget = lever.budget
        self.quick = lever.duration == "court"
        self.used = len(knowledge.examples_by_lever.get(lever.id, []))


class _Scorer:
    """Scores levers; remembers the reasons that depend only on what a commune lacks, has and wants.

    Why: a batch of a territory's communes often shares one needs profile; only
    the population changes from one commune to the next.
    """

    def __init__(self, knowledge: Knowledge, w: RankingWeights):
        self.w = w
        self.levers = [_LeverFacts(lever, knowledge) for lever in knowledge.levers.values()]
        self._fixed: dict[tuple, tuple[list[Reason], list[Reason]]] = {}
        self._fitting: dict[tuple, list[tuple[_LeverFacts, list[Reason], list[Reason]]]] = {}

    def fitting(self, p: _ProfileFacts) -> list[tuple[_LeverFacts, list[Reason], list[Reason]]]:
        """The levers that fit these answers, with their size-independent reasons (remembered)."""
        key = (p.missing, p.assets, p.priorities)
        found = self._fitting.get(key)
        if found is None:
            found = []
            for f in self.levers:
                fixed = self._fixed_for(f, p)
                if fixed is not None:
                    found.append((f, *fixed))
            self._fitting[key] = found
        return found

    def reasons(self, f: _LeverFacts, p: _ProfileFacts) -> list[Reason]:
        fixed = self._fixed_for(f, p)
        return [] if fixed is None else self.compose(f, *fixed, p)

    def compose(self, f: _LeverFacts, before: list[Reason], after: list[Reason], p: _ProfileFacts) -> list[Reason]:
        """A fitting lever's reasons, in the plan's order: needs, assets, priority, size, speed, proof."""
        return before + self._size_reasons(f, p) + after

    def _fixed_for(self, f: _LeverFacts, p: _ProfileFacts) -> tuple[list[Reason], list[Reason]] | None:
        needs = tuple(n for n in f.addresses if n in p.missing)
        assets = tuple(a for a in f.uses if a in p.assets)
        priorities = tuple(s for s in f.sectors if s in p.priorities)
        if not (needs or priorities or any(a in PHYSICAL_ASSETS for a in assets)):
            return None
        key = (f.id, needs, assets, priorities)
        fixed = self._fixed.get(key)
        if fixed is None:
            fixed = self._fixed[key] = self._fixed_reasons(f, needs, assets, priorities)
        return fixed

    def _fixed_reasons(self, f: _LeverFacts, needs, assets, priorities) -> tuple[list[Reason], list[Reason]]:  # type: ignore[no-untyped-def]
        w = self.w
        before = [Reason("need", w.need, f"répond à : {MISSING_SERVICES.label(n)}") for n in needs]
        before += [Reason("asset", w.asset, f"s'appuie sur : {ASSETS.label(a)}") for a in assets]
        if priorities:
            labels = ", ".join(SECTORS.label(s) for s in priorities)
            before.append(Reason("priority", w.priority, f"secteur prioritaire : {labels}"))
        after = []
        if f.quick:
            after.append(Reason("quick_win", w.quick_win, f"mise en œuvre rapide ({DURATIONS.label('court')})"))
        if f.used:
            plural = "s" if f.used > 1 else ""
            after.append(Reason("proven", w.proven, f"déjà fait ailleurs : {f.used} cas réel{plural} dans la base"))
        return before, after

    def _size_reasons(self, f: _LeverFacts, p: _ProfileFacts) -> list[Reason]:
        """Population range and effort: the reasons that depend on the commune's size."""
        w, population, found = self.w, p.population, []
        if f.bounds and population:
            if population_fits(f.bounds, population):
                found.append(
                    Reason("population", w.population_fit, f"adapté à la taille de la commune ({population_range_text(f.bounds)})")
                )
            else:
                found.append(
                    Reason(
                        "population",
                        w.population_misfit,
                        f"prévu pour des communes de {population_range_text(f.bounds)} ; "
                        f"la vôtre en compte {fmt_population(population)}",
                    )
                )
        if not p.budget and population:
            small, medium = w.effort[f.budget]
            penalty = small if population < SMALL_COMMUNE else medium if population < MEDIUM_COMMUNE else 0.0
            if penalty and p.cofunded:
                penalty *= w.cofunded_effort
            if penalty:
                cofunded = ", avec un partenaire prêt à cofinancer" if p.cofunded else ""
                found.append(
                    Reason(
                        "effort",
                        penalty,
                        f"coût {BUDGETS.label(f.budget)} pour une commune de {fmt_population(population)} habitants "
                        f"sans capacité d'investissement déclarée{cofunded}",
                    )
                )
        return found


def _scorer(knowledge: Knowledge, w: RankingWeights) -> _Scorer:
    scorer = getattr(knowledge, "_scorer", None)
    if scorer is None or scorer.w is not w:
        scorer = _Scorer(knowledge, w)
        knowledge._scorer = scorer  # type: ignore[attr-defined]
    return scorer


def _bounds(population_range) -> dict | None:  # type: ignore[no-untyped-def]
    """A lever's population range as a dict, whether it is a Record or a Pydantic model."""
    if population_range is None:
        return None
    return population_range if isinstance(population_range, dict) else population_range.model_dump()


def total(reasons: list[Reason] | tuple[Reason, ...]) -> float:
    return round(sum(r.points for r in reasons), 2)


def eligible_programmes(lever: Lever, profile: Profile, knowledge: Knowledge) -> tuple[Programme, ...]:
    """Programmes linked to the lever that a commune of this size may call on."""
    found = []
    for programme_id in lever.programmes:
        programme = knowledge.programmes.get(programme_id)
        if programme is None:
            continue
        if programme.population_max and profile.population and profile.population > programme.population_max:
            continue
        found.append(programme)
    return tuple(found)


def rank(
    profile: Profile,
    knowledge: Knowledge,
    top: int = DEFAULT_TOP,
    place: Place | None = None,
    weights: RankingWeights = RANKING,
) -> Plan:
    """The plan: levers that fit the profile, best first, each with its reasons and case studies."""
    place = place or Place(departement=profile.departement)
    scorer, facts = _scorer(knowledge, weights), _ProfileFacts(profile)
    scored = []
    for lever_facts, before, after in scorer.fitting(facts):
        reasons = scorer.compose(lever_facts, before, after, facts)
        score = total(reasons)
        if score > 0:
            scored.append((score, lever_facts.lever, reasons))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    actions = []
    shown: set[str] = set()
    for position, (score, lever, reasons) in enumerate(scored[: max(top, 0)], 1):
        examples = match_examples(lever, profile, knowledge, place, already_shown=frozenset(shown))
        shown.update(m.example.id for m in examples)
        actions.append(
            Action(
                rank=position,
                lever=lever,
                score=score,
                reasons=tuple(reasons),
                examples=tuple(examples),
                programmes=eligible_programmes(lever, profile, knowledge),
            )
        )
    return Plan(profile=profile, actions=tuple(actions), place=place, considered=len(knowledge.levers), relevant=len(scored))
