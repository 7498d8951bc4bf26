"""The ranking engine: pure, deterministic, explainable.

Why: a commune must be able to see why each action is proposed. Every point
of a score comes with a reason, the reasons add up to the score, and the same
profile always gives the same plan (ties broken by id). No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .knowledge import Knowledge
from .matching import ExampleMatch, match_examples
from .models import CaseStudy, Lever, Profile, Programme
from .vocabulary import ASSETS, BUDGETS, DURATIONS, MISSING_SERVICES, SECTORS
from .weights import DEFAULT_TOP, MEDIUM_COMMUNE, PHYSICAL_ASSETS, RANKING, SMALL_COMMUNE, RankingWeights

FACTORS = ("need", "asset", "priority", "population", "effort", "quick_win", "proven")


@dataclass(frozen=True)
class Reason:
    factor: str  # one of FACTORS
    points: float
    detail: str  # French, for the plan


@dataclass(frozen=True)
class Place:
    """Where the commune is, when the official list knows it (for matching and the plan)."""

    departement: str | None = None
    region: str | None = None
    region_name: str | None = None
    epci_name: str | None = None
    epci_communes: int | None = None
    epci_population: int | None = None


@dataclass(frozen=True)
class Action:
    rank: int
    lever: Lever
    score: float
    reasons: tuple[Reason, ...]
    examples: tuple[ExampleMatch, ...]
    programmes: tuple[Programme, ...]


@dataclass(frozen=True)
class Plan:
    profile: Profile
    actions: tuple[Action, ...]
    place: Place = field(default_factory=Place)
    considered: int = 0  # levers examined
    relevant: int = 0  # levers that fit the profile, before --top


def fmt_population(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def score_lever(lever: Lever, profile: Profile, knowledge: Knowledge, w: RankingWeights = RANKING) -> list[Reason]:
    """The reasons (with points) a lever gets for this profile; empty when it does not fit."""
    needs = [n for n in lever.addresses if n in profile.missing_services]
    assets = [a for a in lever.uses if a in profile.assets]
    priorities = [s for s in lever.sectors if s in profile.priorities]
    if not (needs or priorities or any(a in PHYSICAL_ASSETS for a in assets)):
        return []
    reasons = [Reason("need", w.need, f"répond à : {MISSING_SERVICES.label(n)}") for n in needs]
    reasons += [Reason("asset", w.asset, f"s'appuie sur : {ASSETS.label(a)}") for a in assets]
    if priorities:
        labels = ", ".join(SECTORS.label(s) for s in priorities)
        reasons.append(Reason("priority", w.priority, f"secteur prioritaire : {labels}"))
    population = profile.population or 0
    if lever.population and population:
        if lever.population.contains(population):
            reasons.append(Reason("population", w.population_fit, f"adapté à la taille de la commune ({lever.population.french()})"))
        else:
            reasons.append(
                Reason(
                    "population",
                    w.population_misfit,
                    f"prévu pour des communes de {lever.population.french()} ; la vôtre en compte {fmt_population(population)}",
                )
            )
    if "budget" not in profile.assets and population:
        small, medium = w.effort[lever.budget]
        penalty = small if population < SMALL_COMMUNE else medium if population < MEDIUM_COMMUNE else 0.0
        if penalty:
            reasons.append(
                Reason(
                    "effort",
                    penalty,
                    f"coût {BUDGETS.label(lever.budget)} pour une commune de {fmt_population(population)} habitants "
                    "sans capacité d'investissement déclarée",
                )
            )
    if lever.duration == "court":
        reasons.append(Reason("quick_win", w.quick_win, f"mise en œuvre rapide ({DURATIONS.label('court')})"))
    used = knowledge.examples_by_lever.get(lever.id, [])
    if used:
        reasons.append(Reason("proven", w.proven, f"déjà fait ailleurs : {len(used)} cas réel{'s' if len(used) > 1 else ''} dans la base"))
    return reasons


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
    region_of: Callable[[str], str | None] | None = None,
    population_of: Callable[[CaseStudy], int | None] | None = None,
) -> Plan:
    """The plan: levers that fit the profile, best first, each with its reasons and case studies.

    `region_of` maps a département to its région (from the commune list) so that
    nearby case studies rank higher; without it only the département counts.
    """
    place = place or Place(departement=profile.departement)
    scored = []
    for lever in knowledge.levers.values():
        reasons = score_lever(lever, profile, knowledge, weights)
        score = total(reasons)
        if reasons and score > 0:
            scored.append((score, lever, reasons))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    actions = []
    shown: set[str] = set()
    for position, (score, lever, reasons) in enumerate(scored[: max(top, 0)], 1):
        examples = match_examples(
            lever, profile, knowledge, place, region_of, population_of=population_of, already_shown=frozenset(shown)
        )
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
