"""Which real case studies to show under an action, best first, each with a one-line why.

Why: a mayor trusts an idea more when a commune like hers has done it: same
lever, same need, similar size (on a log scale), nearby.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import CaseStudy, Lever, Profile
from .vocabulary import MISSING_SERVICES, SECTORS
from .weights import MATCHING, MatchingWeights

if TYPE_CHECKING:
    from .engine import Place
    from .knowledge import Knowledge


@dataclass(frozen=True)
class ExampleMatch:
    example: CaseStudy
    score: float
    why: str


def population_similarity(a: int | None, b: int | None) -> float:
    """1 for the same size, 0 from a factor of ten apart (log scale), rounded to a quarter."""
    if not a or not b:
        return 0.0
    closeness = max(0.0, 1.0 - abs(math.log10(a / b)))
    return math.floor(closeness * 4) / 4


def match_one(
    example: CaseStudy,
    lever: Lever,
    profile: Profile,
    place: "Place",
    region_of=None,
    w: MatchingWeights = MATCHING,
    population_of=None,
) -> ExampleMatch | None:
    parts: list[tuple[float, str]] = []
    if lever.id in example.levers:
        parts.append((w.same_lever, "même levier"))
    needs = [n for n in example.addresses if n in lever.addresses and n in profile.missing_services]
    if needs:
        parts.append((w.same_need, "répond aussi à : " + ", ".join(MISSING_SERVICES.label(n) for n in needs)))
    sectors = [s for s in example.sectors if s in lever.sectors]
    if sectors:
        parts.append((w.same_sector, "même secteur (" + ", ".join(SECTORS.label(s) for s in sectors) + ")"))
    if not parts:
        return None
    population = example.population or (population_of(example) if population_of else None)
    similarity = population_similarity(population, profile.population)
    if similarity >= 0.5:
        parts.append((w.population * similarity, f"population proche ({population:,} hab.)".replace(",", "\u202f")))
    if place.departement and example.departement == place.departement:
        parts.append((w.same_departement, "même département"))
    elif place.region and region_of and region_of(example.departement) == place.region:
        parts.append((w.same_region, "même région"))
    return ExampleMatch(example, round(sum(p for p, _ in parts), 2), ", ".join(text for _, text in parts))


def match_examples(
    lever: Lever,
    profile: Profile,
    knowledge: "Knowledge",
    place: "Place",
    region_of=None,
    w: MatchingWeights = MATCHING,
    population_of=None,
    already_shown: frozenset[str] = frozenset(),
) -> list[ExampleMatch]:
    """The best case studies for this action: same lever, need or sector first; ties by id.

    A case already shown under a higher-ranked action is shown again only when it
    used this very lever, so that each action brings its own evidence.

    `region_of(departement)` and `population_of(example)` come from the official
    commune list when it is available; without them only the département and
    the population given by the source count.
    """
    found = [
        m
        for ex in knowledge.examples.values()
        if (ex.id not in already_shown or lever.id in ex.levers)
        and (m := match_one(ex, lever, profile, place, region_of, w, population_of))
    ]
    found.sort(key=lambda m: (-m.score, m.example.id))
    return found[: w.per_action]
