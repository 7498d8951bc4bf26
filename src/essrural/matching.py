"""Which real case studies to show under an action, best first, each with a one-line why.

Why: a mayor trusts an idea more when a commune like hers has done it: same
lever, same need, similar size (on a log scale), nearby. A batch plans
thousands of communes against the same cases, so what depends only on the
lever and the needs is computed once and remembered, best first; only size and
place are weighed for each commune, and only until no case left can make the cut.
"""

from __future__ import annotations

import bisect
import math

from .frenchfmt import number
from .knowledge import Case, Knowledge, Lever
from .plan import ExampleMatch, Place
from .profile import Profile
from .records import Struct
from .vocabulary import MISSING_SERVICES, SECTORS
from .weights import MATCHING, MatchingWeights


def _similarity(log_a: float, log_b: float, steps: int) -> float:
    """1 for the same size, 0 from a factor of ten apart (log scale), rounded down to 1/`steps`."""
    closeness = 1.0 - abs(log_a - log_b)
    return math.floor(closeness * steps) / steps if closeness > 0 else 0.0


class _Case(Struct):
    """What the matching reads of a case, computed once per knowledge."""

    _fields = (
        "id", "example", "levers", "addresses", "sectors", "departement", "population", "log_population", "region",
        "population_text",
    )

    @classmethod
    def of(cls, example: Case, geography: dict[str, tuple[str | None, int | None]]) -> _Case:
        region, official = geography.get(example.id, (None, None))
        population = example.population or official  # the source's figure, else the official one
        return cls(
            example.id, example, frozenset(example.levers), example.addresses, example.sectors, example.departement,
            population, math.log10(population) if population else None, region,
            f"population proche ({number(population)} hab.)" if population else "",
        )


class _Index:
    """The cases, which of them share each lever, need or sector, and the remembered base scores."""

    def __init__(self, knowledge: Knowledge, w: MatchingWeights):
        self.w = w
        self.cases = [_Case.of(example, knowledge.geography) for example in knowledge.examples.values()]
        self.by_key: dict[tuple[str, str], set[int]] = {}
        for position, case in enumerate(self.cases):
            keys = [("lever", x) for x in case.levers] + [("need", x) for x in case.addresses]
            for key in keys + [("sector", x) for x in case.sectors]:
                self.by_key.setdefault(key, set()).add(position)
        self._related: dict[tuple, list] = {}

    def related(self, lever: Lever, needs_wanted: frozenset[str]) -> list[tuple[_Case, float, list]]:
        """The cases sharing the lever, one of these needs or a sector, with their base points and parts.

        Best base points first, then by id.
        """
        key = (lever.id, needs_wanted)
        found = self._related.get(key)
        if found is None:
            found = self._related[key] = self._compute(lever, needs_wanted)
        return found

    def _compute(self, lever: Lever, needs_wanted: frozenset[str]) -> list[tuple[_Case, float, list]]:
        w, sectors_wanted = self.w, set(lever.sectors)
        positions = set(self.by_key.get(("lever", lever.id), ()))
        for need in needs_wanted:
            positions |= self.by_key.get(("need", need), set())
        for sector in sectors_wanted:
            positions |= self.by_key.get(("sector", sector), set())
        related = []
        for case in (self.cases[i] for i in sorted(positions)):
            parts: list[tuple[float, str, object]] = []
            if lever.id in case.levers:
                parts.append((w.same_lever, "lever", None))
            needs = [n for n in case.addresses if n in needs_wanted]
            if needs:
                parts.append((w.same_need, "need", needs))
            sectors = [s for s in case.sectors if s in sectors_wanted]
            if sectors:
                parts.append((w.same_sector, "sector", sectors))
            if parts:
                related.append((case, sum(p for p, _, _ in parts), _why(parts)))
        related.sort(key=lambda item: (-item[1], item[0].id))  # best base first: match_examples stops early
        return related


def _index(knowledge: Knowledge, w: MatchingWeights) -> _Index:
    """The case index of this knowledge with these weights, built once (the weights' id keeps them apart)."""
    return knowledge.derived(f"match-index-{id(w)}", lambda k: _Index(k, w))


def match_examples(
    lever: Lever,
    profile: Profile,
    knowledge: Knowledge,
    place: Place,
    already_shown: frozenset[str] = frozenset(),
    w: MatchingWeights = MATCHING,
) -> list[ExampleMatch]:
    """The best case studies for this action: same lever, need or sector first; ties by id.

    Then a similar population (log scale: full points for the same size, half
    at a factor of about three, nothing beyond; the source's figure, else the
    official one of the case's commune) and the same département, or else the
    same région. A case already shown under a higher-ranked action is
    shown again only when it used this very lever, so that each action brings
    its own evidence.
    """
    needs_wanted = frozenset(lever.addresses) & frozenset(profile.missing_services)
    log_population = math.log10(profile.population) if profile.population else None
    # The most size and place can add: once the cases left cannot reach the last kept one, stop.
    reach = (max(w.population, 0.0) if log_population is not None else 0.0) + (
        max(w.same_departement, w.same_region, 0.0) if place.departement or place.region else 0.0
    )
    kept: list = []  # (-score, id, case, why), best first; ids are unique, so cases are never compared
    for case, base, base_why in _index(knowledge, w).related(lever, needs_wanted):
        if kept and len(kept) == w.per_action and base + reach < -kept[-1][0]:
            break  # `related` is sorted by base: no later case can enter
        if case.id in already_shown and lever.id not in case.levers:
            continue
        points, why = _place(case, log_population, place, w)
        # points are quarters: sums are exact, ties stay ties
        bisect.insort(kept, (-(base + points), case.id, case, base_why + why))
        del kept[w.per_action :]
    return [ExampleMatch(case.example, round(-neg, 2), why) for neg, _id, case, why in kept]


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


def _why(parts: list[tuple[float, str, object]]) -> str:
    """The lever, need and sector part of a case's « why »."""
    texts = []
    for _points, kind, detail in parts:
        if kind == "lever":
            texts.append("même levier")
        elif kind == "need":
            texts.append("répond aussi à : " + ", ".join(MISSING_SERVICES.label(n) for n in detail))
        else:
            texts.append("même secteur (" + ", ".join(SECTORS.label(s) for s in detail) + ")")
    return ", ".join(texts)
