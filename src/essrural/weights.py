"""Every weight of the ranking and of the case-study matching, in one place.

Why: the plan must be explainable and its method published (CRPA art.
R311-3-1-2). The engine, the matching and the « Méthode » text all read these
numbers, so the text cannot drift from what the code does.
"""

from __future__ import annotations

# Assets that are places or resources on the ground. A lever that only relies
# on general capacities (associations, budget, engineering…) is not proposed on
# that ground alone: it must answer a need, serve a priority, or put one of
# these to use.
PHYSICAL_ASSETS = frozenset(
    {"batiment_vacant", "local_commercial_vacant", "friche", "foncier_agricole", "toitures_terrains", "foret", "cantine"}
)

SMALL_COMMUNE = 1_000  # below: « petite commune »
MEDIUM_COMMUNE = 3_500  # below: « commune moyenne » (the threshold of several programmes)


class RankingWeights:
    need: float = 3.0  # per missing service of the commune that the lever addresses
    asset: float = 1.5  # per asset of the commune that the lever puts to use
    priority: float = 2.0  # the lever serves at least one of the commune's priority sectors
    population_fit: float = 1.0  # the commune is within the lever's population range
    population_misfit: float = -3.0  # the commune is outside that range
    quick_win: float = 0.5  # the lever can be set up in less than a year
    proven: float = 0.5  # at least one real case study of the base used the lever
    # Effort against the commune's size, when it has not declared an investment capacity:
    # budget bracket → (penalty below SMALL_COMMUNE, penalty below MEDIUM_COMMUNE)
    effort: dict[str, tuple[float, float]] = {"faible": (0.0, 0.0), "moyen": (-1.0, -0.5), "eleve": (-2.0, -1.0)}
    cofunded_effort: float = 0.5  # the effort penalty is multiplied by this when a partner is ready to co-fund


class MatchingWeights:
    same_lever: float = 3.0  # the case study used the very lever of the action
    same_need: float = 2.0  # it served one of the commune's missing services that the lever addresses
    same_sector: float = 1.0  # it shares a sector with the lever
    population: float = 1.0  # at most: the same population; the points fall linearly with the log of the ratio
    population_cutoff: float = 0.5  # no points below half of them: beyond a factor of about three (10 ** 0.5)
    population_steps: int = 4  # the closeness is rounded down to quarters: sums stay exact, ties stay ties
    same_departement: float = 1.0
    same_region: float = 0.5  # only when the département differs
    per_action: int = 3  # case studies shown under each action


RANKING = RankingWeights()
MATCHING = MatchingWeights()
DEFAULT_TOP = 7
STALE_DAYS = 365  # information whose newest source is older than this is flagged « à revérifier »
