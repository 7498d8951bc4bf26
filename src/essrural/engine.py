"""The ranking engine: pure, deterministic, explainable.

Why: a commune must be able to see why each action is proposed. Every point
of a score comes with a reason, the reasons add up to the score, and the same
profile always gives the same plan (ties broken by id). No I/O here.
"""

from __future__ import annotations

from .frenchfmt import number
from .knowledge import Bounds, Knowledge, Lever, Programme
from .matching import match_examples
from .plan import Action, Place, Plan, Reason
from .profile import Profile
from .records import Struct
from .vocabulary import ASSETS, BUDGETS, DURATIONS, MISSING_SERVICES, SECTORS
from .weights import DEFAULT_TOP, MEDIUM_COMMUNE, PHYSICAL_ASSETS, RANKING, SMALL_COMMUNE, RankingWeights


def population_range_text(bounds: Bounds) -> str:
    """`Bounds(max=3500)` → `moins de 3 500 habitants`."""
    low, high = bounds.min, bounds.max
    if low is not None and high is not None:
        return f"de {number(low)} à {number(high)} habitants"
    if high is not None:
        return f"moins de {number(high)} habitants"
    return f"plus de {number(low)} habitants"


def score_lever(lever: Lever, profile: Profile, knowledge: Knowledge, w: RankingWeights = RANKING) -> list[Reason]:
    """The reasons (with points) a lever gets for this profile; empty when it does not fit."""
    return _scorer(knowledge, w).reasons(_LeverFacts.of(lever, knowledge), _ProfileFacts.of(profile))


class _ProfileFacts(Struct):
    """The profile's answers as sets, built once per plan."""

    _fields = ("missing", "assets", "priorities", "population", "budget", "cofunded")

    @classmethod
    def of(cls, profile: Profile) -> _ProfileFacts:
        assets = frozenset(profile.assets)
        return cls(
            frozenset(profile.missing_services), assets, frozenset(profile.priorities), profile.population or 0,
            "budget" in assets, "cofinanceur" in assets,
        )


class _LeverFacts(Struct):
    """What the scoring reads of a lever, computed once per knowledge."""

    _fields = ("lever", "id", "addresses", "uses", "sectors", "bounds", "budget", "quick", "used")

    @classmethod
    def of(cls, lever: Lever, knowledge: Knowledge) -> _LeverFacts:
        return cls(
            lever, lever.id, lever.addresses, lever.uses, lever.sectors, lever.population, lever.budget,
            lever.duration == "court", len(knowledge.examples_by_lever.get(lever.id, [])),
        )


class _Scorer:
    """Scores levers; remembers the reasons that depend only on what a commune lacks, has and wants.

    Why: a batch of a territory's communes often shares one needs profile; only
    the population changes from one commune to the next.
    """

    def __init__(self, knowledge: Knowledge, w: RankingWeights):
        self.w = w
        self.levers = [_LeverFacts.of(lever, knowledge) for lever in knowledge.levers.values()]
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

    def _fixed_reasons(
        self, f: _LeverFacts, needs: tuple[str, ...], assets: tuple[str, ...], priorities: tuple[str, ...]
    ) -> tuple[list[Reason], list[Reason]]:
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
            if f.bounds.fits(population):
                found.append(
                    Reason("population", w.population_fit, f"adapté à la taille de la commune ({population_range_text(f.bounds)})")
                )
            else:
                found.append(
                    Reason(
                        "population",
                        w.population_misfit,
                        f"prévu pour des communes de {population_range_text(f.bounds)} ; "
                        f"la vôtre en compte {number(population)}",
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
                        f"coût {BUDGETS.label(f.budget)} pour une commune de {number(population)} habitants "
                        f"sans capacité d'investissement déclarée{cofunded}",
                    )
                )
        return found


def _scorer(knowledge: Knowledge, w: RankingWeights) -> _Scorer:
    """The scorer of this knowledge with these weights, built once (the weights' id keeps them apart)."""
    return knowledge.derived(f"scorer-{id(w)}", lambda k: _Scorer(k, w))


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
    scorer, facts = _scorer(knowledge, weights), _ProfileFacts.of(profile)
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
