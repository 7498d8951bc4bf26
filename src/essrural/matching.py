"""Which real case studies to show under each project, best first, each with what it shares.

Why: a mayor trusts an idea more when a commune like hers has done it. A case
is shown under a project only if it used that very project, or answered one of
the commune's needs that the project answers in the same sector; a project of
the plan keeps its own cases (they are never used up under another project);
a case in the commune itself is shown as « déjà ici », not as a comparable
case. Then a similar size (log scale) and a nearby place break the ties.
"""

from __future__ import annotations

import math

from .frenchfmt import number
from .knowledge import Case, Knowledge
from .plan import Action, ExampleMatch, Place
from .profile import Profile
from .records import Struct
from .weights import MATCHING, MatchingWeights


def _similarity(log_a: float, log_b: float, steps: int) -> float:
    """1 for the same size, 0 from a factor of ten apart (log scale), rounded down to 1/`steps`."""
    closeness = 1.0 - abs(log_a - log_b)
    return math.floor(closeness * steps) / steps if closeness > 0 else 0.0


class _Case(Struct):
    """What the matching reads of a case, computed once per knowledge."""

    _fields = ("id", "example", "levers", "addresses", "sectors", "departement", "insee", "log_population", "region", "population_text")

    @classmethod
    def of(cls, example: Case, geography: dict[str, tuple[str | None, int | None]]) -> _Case:
        region, official = geography.get(example.id, (None, None))
        # The source's figure, else the commune's official one; an intercommunal case without a figure
        # is not compared by size (its territory's size is unknown, its seat's would mislead).
        population = example.population or (official if example.scope == "commune" else None)
        size = "population proche" if example.scope == "commune" else "territoire de taille proche"  # an EPCI's figure
        return cls(
            example.id, example, frozenset(example.levers), frozenset(example.addresses), frozenset(example.sectors),
            example.departement, example.insee, math.log10(population) if population else None, region,
            f"{size} : {number(population)} hab." if population else "",  # read inside the parentheses of a case's why
        )


class _Index(Struct):
    """The cases by lever and by need, computed once per knowledge."""

    _fields = ("cases", "by_lever", "by_need")

    @classmethod
    def of(cls, knowledge: Knowledge) -> _Index:
        cases = sorted((_Case.of(e, knowledge.geography) for e in knowledge.examples.values()), key=lambda c: c.id)
        by_lever: dict[str, list[_Case]] = {}
        by_need: dict[str, list[_Case]] = {}
        for case in cases:
            for lever in case.levers:
                by_lever.setdefault(lever, []).append(case)
            for need in case.addresses:
                by_need.setdefault(need, []).append(case)
        return cls(cases, by_lever, by_need)


def match_examples(
    actions: tuple[Action, ...], profile: Profile, knowledge: Knowledge, place: Place, w: MatchingWeights = MATCHING
) -> tuple[Action, ...]:
    """The actions with their case studies: cases in the commune itself first (« déjà ici »), then
    the best `per_action` comparable cases; a case is shown once, unless it used the project."""
    index: _Index = knowledge.derived("match-index", _Index.of)
    log_population = math.log10(profile.population) if profile.population else None
    in_plan = {a.lever.id for a in actions}
    shown: set[str] = set()
    matched = []
    for action in actions:
        lever = action.lever
        answered = frozenset(action.answers)
        means = {m.id for m in action.means}
        related = {c.id: c for c in index.by_lever.get(lever.id, ())}
        for need in answered:
            related.update((c.id, c) for c in index.by_need.get(need, ()))
        lever_sectors = frozenset(lever.sectors)
        here, comparable = [], []
        for case in related.values():
            own = lever.id in case.levers
            needs = answered & case.addresses
            sectors = lever_sectors & case.sectors
            if not own and not (needs and sectors):
                continue
            if not own and (case.id in shown or (case.levers & in_plan)):
                continue  # shown under a better project, or kept by the project of the plan it used
            used = bool(means & case.levers)
            points = (
                (w.same_lever if own else 0.0) + (w.same_means if used else 0.0) + (w.same_need if needs else 0.0)
                + (w.same_sector if sectors else 0.0)
            )
            facts = (own, used, bool(needs), bool(sectors))
            if profile.insee and case.insee == profile.insee:
                here.append((case, points, facts))
                continue
            extra, why = _place(case, log_population, place, w)
            comparable.append((-round(points + extra, 2), case.id, case, why, facts))
        comparable.sort(key=lambda c: (c[0], c[1]))  # best score first, then by id; the « why » only for those shown
        best = [ExampleMatch(case.example, -score, _why(facts) + why) for score, _, case, why, facts in comparable[: w.per_action]]
        shown.update(m.example.id for m in best)
        at_home = [
            ExampleMatch(case.example, points, "dans la commune même : " + _why(facts), True)
            for case, points, facts in sorted(here, key=lambda h: h[0].id)
        ]
        matched.append(action.replace(examples=tuple(at_home + best)))
    return tuple(matched)


def _why(facts: tuple[bool, bool, bool, bool]) -> str:
    """« même projet, même moyen, même besoin » from what a case shares with the project."""
    own, used, needs, sectors = facts
    parts = [text for shared, text in ((own, "même projet"), (used, "même moyen"), (needs, "même besoin")) if shared]
    if sectors and not own:  # the same project is in the same sector: said once
        parts.append("même secteur")
    return ", ".join(parts)



def _place(case: _Case, log_population: float | None, place: Place, w: MatchingWeights) -> tuple[float, str]:
    """The size and place points of a case, and their part of its « why »."""
    points, why = 0.0, ""
    if log_population is not None and case.log_population is not None:
        similarity = _similarity(case.log_population, log_population, w.population_steps)
        if similarity >= w.population_cutoff:  # within a factor of about three: « population proche »
            points, why = w.population * similarity, ", " + case.population_text
    if place.departement and case.departement == place.departement:
        points, why = points + w.same_departement, why + ", même département"
    elif place.region and case.region == place.region:
        points, why = points + w.same_region, why + ", même région"
    return points, why
