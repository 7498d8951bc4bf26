"""Every number of the method, in one place: ranking, case matching, plan size, dates.

Why: the plan must be explainable and its method published (essrural follows
CRPA art. R311-3-1-2 voluntarily). The engine, the matching and the « Méthode »
text all read these numbers, so the text cannot drift from what the code does.
"""

from __future__ import annotations

SMALL_COMMUNE = 1_000  # below: « petite commune »
MEDIUM_COMMUNE = 3_500  # below: « commune moyenne » (the threshold of several programmes)
RURAL_LIMIT = 5_000  # the communes essrural is made for and evaluated on: above, the plan says its costs and cases are a village's


def size_band(population: int) -> int | None:
    """Which column of `RankingWeights.effort` a commune of `population` reads: 0 below SMALL_COMMUNE,
    1 below MEDIUM_COMMUNE, None above (no effort penalty), for the engine and the Méthode alike."""
    return 0 if population < SMALL_COMMUNE else 1 if population < MEDIUM_COMMUNE else None

# Assets that act on the effort a project asks of the commune, not on its relevance.
EFFORT_ASSETS = frozenset({"budget", "cofinanceur"})

# Assets on the ground that can suggest a project by themselves, even for a need the commune did
# not declare (the roofs of Saint-Martin), in the sector they belong to: such a project is an
# « opportunité », ranked after every project that answers a declared need.
OPPORTUNITY_ASSETS = {
    "toitures_terrains": "energie",
    "foret": "energie",
    "foncier_agricole": "alimentation",
    "cantine": "alimentation",
    "friche": "tiers-lieux",
    "terrain_constructible": "habitat",
    "commerce_a_reprendre": "commerce",
    "cabinet_a_reprendre": "services",
}

# The everyday services a village cannot do without: an adviser answers them first.
ESSENTIAL_NEEDS = frozenset(
    {"epicerie", "sante", "aide_domicile", "transport", "garde_enfants", "services_publics", "precarite_alimentaire"}
)


# Assets that are a place or a status a means depends on: a means that uses one of these the commune
# declared comes first among a project's means (capacities such as « associations » are too common
# to tell means apart).
PLACED_ASSETS = frozenset(OPPORTUNITY_ASSETS) | {"batiment_vacant", "local_commercial_vacant", "pvd", "villages_avenir", "programme"}


# A programme the commune won serves every project: a means that relies on it counts double in the order.
STATUS_ASSETS = frozenset({"pvd", "villages_avenir", "programme"})


class RankingWeights:
    need: float = 4.0  # per declared need the project is made for (its principal needs)
    essential: float = 1.5  # once more per such need that is an everyday service (ESSENTIAL_NEEDS): enough to pass a quick win that rests on the same assets
    precise: float = 1.0  # per precise form of a declared need it is made for, beyond the first of that need (« trajets du quotidien » after « mobilité »): it orders the projects for one need, never the needs between them
    other_form: float = -1.0  # made for precise forms of a need, none of those the commune chose (elderly people's trips, to a commune that said commuting)
    also_need: float = 1.5  # per declared need it helps with too
    priority: float = 2.0  # the project serves at least one of the commune's priority sectors
    asset_place: float = 1.5  # per declared place the project relies on (PLACED_ASSETS: a vacant shop, roofs…)…
    asset_capacity: float = 0.5  # …per other declared asset it relies on (associations, a collective…)…
    asset_cap: float = 2.0  # …up to this many points in all: assets never outweigh a need
    prerequisite: float = -1.5  # per prerequisite of the project the commune did not declare: a maison de santé without professionals ready to work together stays empty, a salaried centre comes first
    quick_win: float = 0.5  # the project can be set up in less than a year
    proven: float = 0.5  # a case of the base used this project for one of the declared needs
    # Effort against the commune's size, on its likely share of the cost, when it has not declared an
    # investment capacity: cost bracket → (penalty below SMALL_COMMUNE, penalty below MEDIUM_COMMUNE)
    effort: dict[str, tuple[float, float]] = {"faible": (0.0, 0.0), "moyen": (-1.0, -0.5), "eleve": (-2.0, -1.0)}
    cofunded_effort: float = 0.5  # the effort penalty is multiplied by this when a partner is ready to co-fund


class MatchingWeights:
    same_lever: float = 6.0  # the case study used the very project of the action: before any case that does not
    same_means: float = 1.5  # it used one of the means proposed for the action
    same_need: float = 2.0  # it answered one of the commune's needs that the action answers
    same_sector: float = 1.0  # it shares a sector with the action
    population: float = 1.0  # at most: the same population; the points fall linearly with the log of the ratio
    population_cutoff: float = 0.5  # no points below half of them: beyond a factor of about three (10 ** 0.5)
    population_steps: int = 4  # the closeness is rounded down to quarters: sums stay exact, ties stay ties
    same_departement: float = 1.0
    same_region: float = 0.5  # only when the département differs
    per_action: int = 3  # comparable case studies shown under each action (cases in the commune itself aside)


RANKING = RankingWeights()
MATCHING = MatchingWeights()
DEFAULT_TOP = 7  # projects in the default plan, more when needed to answer every declared need
MAX_PER_NEED = 3  # in a default plan for several needs, no more alternatives than this (or DEFAULT_TOP / needs) for the same needs
MEANS_PER_ACTION = 3  # means proposed under each project
# The synthesis of the council document names, for each declared need, its best project, completed
# with the next best up to SYNTHESIS_MIN, and never more than SYNTHESIS_MAX.
SYNTHESIS_MIN, SYNTHESIS_MAX = 3, 5
DOCUMENT_CASES = 2  # comparable cases per project in the council document (the JSON plan keeps MATCHING.per_action)
STALE_DAYS = 365  # information whose newest source is older than this is flagged « à revérifier »
