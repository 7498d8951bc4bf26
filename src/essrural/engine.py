"""The ranking engine: pure, deterministic, explainable.

Why: a commune must be able to see why each project is proposed, in the order
an ESS adviser would give: projects that answer its declared needs first, the
project made for a need before one that merely helps with it, every declared
need answered or said to be uncovered. Every point of a score comes with a
reason and the reasons add up to the score; equal scores are separated by
relevance signals (how specific the project is to the commune's needs, real
cases that used it for them, how many of its assets it puts to use, the cost
to the commune) before the id. General means (a building lent, a subsidy, a
SCIC) are not ranked against projects: each project carries the means that
make it possible for this commune. No I/O here.
"""

from __future__ import annotations

from .frenchfmt import number
from .knowledge import Knowledge, Lever, Programme
from .matching import match_examples
from .plan import Action, Means, Place, Plan, Reason, Uncovered, Unused
from .profile import Profile
from .records import Struct
from .start import start_steps
from .text import SEMICOLON
from .vocabulary import ASSETS, BUDGETS, DURATIONS, MISSING_SERVICES, NEED_CONTACTS, SECTORS, family, refinements, undecided_forms
from .weights import (
    DEFAULT_TOP,
    EFFORT_ASSETS,
    ESSENTIAL_NEEDS,
    MAX_PER_NEED,
    MEANS_PER_ACTION,
    OPPORTUNITY_ASSETS,
    PLACED_ASSETS,
    RANKING,
    STATUS_ASSETS,
    RankingWeights,
    size_band,
)

COST_ORDER = {"faible": 0, "moyen": 1, "eleve": 2}


def total(reasons: list[Reason] | tuple[Reason, ...]) -> float:
    return round(sum(r.points for r in reasons), 2)


class _Facts(Struct):
    """The profile's answers as sets, built once per plan."""

    _fields = ("missing", "assets", "priorities", "population", "budget", "cofunded")

    @classmethod
    def of(cls, profile: Profile) -> _Facts:
        assets = frozenset(profile.assets)
        return cls(
            frozenset(profile.missing_services), assets, frozenset(profile.priorities), profile.population or 0,
            "budget" in assets, "cofinanceur" in assets,
        )


class Candidate(Struct):
    """A project that fits the profile, with what orders it: score, then the relevance signals."""

    _fields = (
        "lever", "score", "reasons", "means", "principal", "secondary", "specificity", "proof", "fit", "cost", "experience",
        "focus", "support",
    )

    lever: Lever
    score: float
    reasons: tuple[Reason, ...]
    means: tuple[Means, ...]
    principal: tuple[str, ...]  # declared needs it is made for
    secondary: tuple[str, ...]  # declared needs it helps with
    specificity: float  # share of its principal needs that the commune declared (a need and its refinement count once)
    proof: int  # cases of the base that used it for one of the declared needs
    fit: int  # declared assets it or its means put to use
    cost: int  # 0, 1, 2: the commune's likely share, faible to élevé
    experience: int  # cases of the base that carried this project, whatever their needs
    focus: float  # how centred it is on the commune's priority sectors: its main (first) sector, then the share of them
    support: int  # programmes of its own, not closed, open to a commune of this size: help the commune can call on

    @property
    def answers(self) -> tuple[str, ...]:
        return self.principal + self.secondary

    def order(self) -> tuple:
        return (
            -self.score, -self.specificity, -self.proof, -self.fit, self.cost, -self.experience, -len(self.means),
            -self.focus, -self.support, self.lever.id,
        )


def fits(lever: Lever, facts: _Facts) -> bool:
    """The size and the prerequisites a lever states: a population range, an asset it requires."""
    if lever.population is not None and facts.population and not lever.population.fits(facts.population):
        return False
    return not lever.requires or any(a in facts.assets for a in lever.requires)


def choose_means(lever: Lever, facts: _Facts, knowledge: Knowledge) -> tuple[Means, ...]:
    """The means of a project that fit this commune: those that put one of its declared places to
    use first (a vacant building, a business to take over, roofs, a programme it won), then in the
    order the knowledge lists them (the usual ones first); one per family before a second of any
    (a place, a financing, a cooperation…), as an adviser would lay out how to make it happen."""
    found = []
    for position, means_id in enumerate(lever.means):
        means = knowledge.levers.get(means_id)
        if means is None or means.role == "projet" or not fits(means, facts):
            continue
        assets = [a for a in means.uses if a in facts.assets and a in PLACED_ASSETS]
        weight = sum(2 if a in STATUS_ASSETS else 1 for a in assets)
        found.append((-weight, position, means, assets))
    found.sort(key=lambda item: (item[0], item[1]))
    families: set[str] = set()
    first, second = [], []
    for item in found:
        (second if item[2].family in families else first).append(item)
        families.add(item[2].family)
    return tuple(
        Means(
            means,
            "s'appuie sur : " + SEMICOLON.join(ASSETS.short(a) for a in assets) if assets else "moyen habituel de ce projet",
            tuple(assets),
        )
        for _n, _position, means, assets in (first + second)[:MEANS_PER_ACTION]
    )


def candidate(lever: Lever, facts: _Facts, knowledge: Knowledge, w: RankingWeights = RANKING) -> Candidate | None:
    """The project scored for this profile, or None when it answers nothing the commune declared."""
    if lever.role != "projet" or not fits(lever, facts):
        return None
    principal = tuple(n for n in lever.addresses if n in facts.missing)
    secondary = tuple(n for n in lever.also_addresses if n in facts.missing and n not in principal)
    priorities = tuple(s for s in lever.sectors if s in facts.priorities)
    own_assets = [a for a in lever.uses if a in facts.assets]
    opportunity = any(OPPORTUNITY_ASSETS.get(a) in lever.sectors for a in own_assets)
    if not (principal or secondary or priorities or opportunity):
        return None
    means = choose_means(lever, facts, knowledge)
    assets = sorted((a for a in own_assets if a not in EFFORT_ASSETS), key=lambda a: a not in PLACED_ASSETS)
    proof = _proof(lever, facts, knowledge)
    reasons = []
    counted: set[str] = set()  # a need and the needs that say it more precisely earn its points once
    for n in sorted(principal, key=lambda n: family(n) != n):  # the general need first
        if family(n) in counted:
            reasons.append(Reason("precise_need", n, w.precise, f"répond précisément à : {MISSING_SERVICES.label(n)}"))
            continue
        counted.add(family(n))
        reasons.append(Reason("need", n, w.need, f"répond à : {MISSING_SERVICES.label(n)}"))
        if family(n) in ESSENTIAL_NEEDS:
            reasons.append(Reason("essential", n, w.essential, "service du quotidien : à traiter en premier"))
    for general in dict.fromkeys(family(n) for n in principal):  # in the order of the needs
        chosen = facts.missing.intersection(refinements(general))
        forms = [n for n in lever.addresses if family(n) == general and n != general]
        if chosen and forms and not chosen.intersection(forms):
            labels = SEMICOLON.join(MISSING_SERVICES.label(n) for n in forms)
            reasons.append(Reason("other_form", forms[0], w.other_form, f"fait pour une autre forme de ce besoin : {labels}"))
    reasons += [Reason("also_need", n, w.also_need, f"aide aussi à : {MISSING_SERVICES.label(n)}") for n in secondary]
    if priorities:
        labels = SEMICOLON.join(SECTORS.label(s) for s in priorities)
        reasons.append(Reason("priority", priorities[0], w.priority, f"secteur prioritaire : {labels}"))
    room = w.asset_cap
    for asset in assets:  # places first
        if room <= 0:
            break
        full = w.asset_place if asset in PLACED_ASSETS else w.asset_capacity
        points = min(full, room)
        room -= points
        capped = f" (plafond : {number(w.asset_cap)} points pour l'ensemble des atouts)" if points < full else ""
        reasons.append(Reason("asset", asset, points, f"s'appuie sur : {ASSETS.short(asset)}{capped}"))
    for asset in lever.prerequisites:
        if asset not in facts.assets:
            reasons.append(Reason("prerequisite", asset, w.prerequisite, f"à réunir d'abord, non déclaré : {ASSETS.label(asset)}"))
    effort = _effort(lever, facts, w)
    if effort is not None:
        reasons.append(effort)
    if lever.duration == "court":
        reasons.append(Reason("quick_win", None, w.quick_win, f"mise en œuvre rapide ({DURATIONS.label('court')})"))
    if proof:
        plural = "s" if proof > 1 else ""
        reasons.append(
            Reason("proven", None, w.proven, f"déjà fait pour ces besoins : {proof} cas réel{plural} dans la base")
        )
    return Candidate(
        lever, total(reasons), tuple(reasons), means, principal, secondary,
        _specificity(lever, principal), proof, len(assets),
        COST_ORDER[lever.share], len(knowledge.examples_by_lever.get(lever.id, ())),
        (lever.sectors[0] in facts.priorities) + len(priorities) / len(lever.sectors) / 2,
        _support(lever, facts, knowledge),
    )


def _support(lever: Lever, facts: _Facts, knowledge: Knowledge) -> int:
    """How many of the project's own programmes a commune of this size may call on: of two projects equal
    on every other count, the one with more help behind it is the easier first step."""
    found = (knowledge.programmes.get(p) for p in lever.programmes)
    return sum(1 for g in found if g is not None and g.open_to(facts.population))


def _specificity(lever: Lever, principal: tuple[str, ...]) -> float:
    """The share of the needs a project is made for that the commune declared; a need and the need that
    says it more precisely (vocabulary.REFINED_NEEDS) are one: self-consumption, made for energy dependence and for
    the bills, is as specific as a citizen plant to a commune that declared the dependence alone."""
    made_for = {family(n) for n in lever.addresses}
    return len({family(n) for n in principal}) / len(made_for) if made_for else 0.0


def _effort(lever: Lever, facts: _Facts, w: RankingWeights) -> Reason | None:
    """The commune's likely share of the cost against its size, when it declared no investment capacity."""
    if facts.budget or not facts.population:
        return None
    cost = lever.share
    band = size_band(facts.population)
    penalty = 0.0 if band is None else w.effort[cost][band]
    if facts.cofunded:
        penalty *= w.cofunded_effort
    if not penalty:
        return None
    share = "part de la commune" if lever.commune_cost else "coût"
    cofunded = ", avec un partenaire prêt à cofinancer" if facts.cofunded else ""
    return Reason(
        "effort", None, penalty,
        f"{share} {BUDGETS.label(cost)} pour une commune de {number(facts.population)} habitants "
        f"sans capacité d'investissement déclarée{cofunded}",
    )


def _proof(lever: Lever, facts: _Facts, knowledge: Knowledge) -> int:
    return sum(1 for case in knowledge.examples_by_lever.get(lever.id, ()) if facts.missing.intersection(case.addresses))


def candidates(profile: Profile, knowledge: Knowledge, w: RankingWeights = RANKING) -> list[Candidate]:
    """Every project that fits the profile, best first."""
    facts = _Facts.of(profile)
    found = [c for lever in _projects(knowledge) if (c := candidate(lever, facts, knowledge, w)) is not None]
    return sorted(found, key=Candidate.order)


def _projects(knowledge: Knowledge) -> list[Lever]:
    return knowledge.derived("projects", lambda k: [lv for lv in k.levers.values() if lv.role == "projet"])


def select(ordered: list[Candidate], needs: tuple[str, ...], top: int | None) -> list[Candidate]:
    """The plan's projects: first, for each declared need in turn, the best project made for it
    (else the best that helps with it); then the best of the others. The default plan (`top`
    None) has up to DEFAULT_TOP projects, more if the needs require them, and, when several needs
    share them, no more than MAX_PER_NEED for the same needs; `--top N` keeps exactly N, best first."""
    picks: list[Candidate] = []
    chosen: set[str] = set()  # lever ids: comparing whole candidates field by field costs more than the ranking
    for need in needs:
        if any(need in c.principal for c in picks):
            continue
        best = next((c for c in ordered if need in c.principal), None)
        if best is None:  # no project is made for it: one that helps with it, unless one is already there
            if any(need in c.secondary for c in picks):
                continue
            best = next((c for c in ordered if need in c.secondary), None)
        if best is not None and best.lever.id not in chosen:
            picks.append(best)
            chosen.add(best.lever.id)
    size = max(DEFAULT_TOP, len(picks)) if top is None else top
    picks = sorted(picks, key=Candidate.order)[:size]
    for c in ordered:  # then the best others, no more than MAX_PER_NEED alternatives for the same needs
        if len(picks) >= size:
            break
        if c.lever.id in chosen:
            continue
        if top is None and _redundant(c, picks, max(MAX_PER_NEED, -(-DEFAULT_TOP // max(len(needs), 1)))):
            continue  # the default plan: alternatives for other needs and places before a fourth of the same
        picks.append(c)
        chosen.add(c.lever.id)
    return sorted(picks, key=Candidate.order)


def _redundant(c: Candidate, picks: list[Candidate], cap: int) -> bool:
    """Every need `c` answers has `cap` projects already, and it uses no declared place they leave unused."""
    if any(sum(1 for p in picks if need in p.answers) < cap for need in c.answers):
        return False
    places = {r.ref for r in c.reasons if r.factor == "asset" and r.ref in PLACED_ASSETS}
    used = {r.ref for p in picks for r in p.reasons if r.factor == "asset"}
    return not (places - used)


def tie_reason(before: Candidate, after: Candidate, rank: int, declared: frozenset[str] = frozenset()) -> str | None:
    """Why `after` comes after `before` when both have the same score (French), else None; and, when
    they answer different precise forms of a need the commune declared without saying which (mobility
    for elderly people or for daily trips), that saying it would separate them. `rank`: `before`'s
    number in the plan, printed just above, which names it."""
    reason = _tie_signal(before, after, f"le projet n° {rank}")
    if reason is None:
        return None
    shared = set(before.principal) & set(after.principal)
    ours = undecided_forms(before.lever.addresses, shared, declared)
    theirs = undecided_forms(after.lever.addresses, shared, declared)
    if ours == theirs:
        return reason
    said = [f"« {MISSING_SERVICES.label(n)} »" for n in ours]
    other = [f"« {MISSING_SERVICES.label(n)} »" for n in theirs]
    if said and other:
        answers = f"il répond à {SEMICOLON.join(said)}, celui-ci à {SEMICOLON.join(other)}"
    elif said:
        answers = f"il répond à {SEMICOLON.join(said)}"
    else:
        answers = f"celui-ci répond à {SEMICOLON.join(other)}"
    return f"{reason} ; préciser le besoin les départagerait : {answers}"


def _tie_signal(before: Candidate, after: Candidate, name: str) -> str | None:
    if before.score != after.score:
        return None
    if before.specificity != after.specificity:
        return f"à égalité de points, {name} est plus ciblé sur les besoins déclarés"
    if before.proof != after.proof:
        return f"à égalité de points, {name} compte plus de cas réels pour ces besoins"
    if before.fit != after.fit:
        return f"à égalité de points, {name} met à profit plus d'atouts de la commune"
    if before.cost != after.cost:
        return f"à égalité de points, {name} coûte moins à la commune"
    if before.experience != after.experience:
        return f"à égalité de points, {name} a été mené plus souvent dans les cas réels de la base"
    if len(before.means) != len(after.means):
        return f"à égalité de points, {name} offre plus de moyens d'agir à la commune"
    if before.focus != after.focus:
        return f"à égalité de points, {name} est plus centré sur les secteurs prioritaires de la commune"
    if before.support != after.support:
        return f"à égalité de points, {name} peut s'appuyer sur plus de programmes de financement ou d'accompagnement"
    return "à égalité sur tous les critères : ordre alphabétique des identifiants"


def eligible_programmes(project: Lever, means: list[Lever], profile: Profile, knowledge: Knowledge) -> tuple[Programme, ...]:
    """The programmes of a project and of its means that a commune of this size may call on, unless
    closed; a means' programme reserved to other sectors (a fund for rural shops under a means that
    also serves a mobility project) is left out."""
    found: dict[str, Programme] = {}
    for lever in [project, *means]:
        for programme_id in lever.programmes:
            programme = knowledge.programmes.get(programme_id)
            if programme is None or programme.id in found or not programme.open_to(profile.population or 0):
                continue
            if lever is not project and programme.sectors and not set(programme.sectors) & set(project.sectors):
                continue
            found[programme.id] = programme
    return tuple(found.values())


def coverage(
    profile: Profile, actions: tuple[Action, ...], ordered: list[Candidate], top: int | None
) -> dict[str, tuple[int, ...] | Uncovered]:
    """Each declared need: the ranks of the actions that answer it, or why none does and whom to ask."""
    found: dict[str, tuple[int, ...] | Uncovered] = {}
    for need in profile.missing_services:
        ranks = tuple(a.rank for a in actions if need in a.answers)
        if ranks:
            found[need] = ranks
            continue
        elsewhere = next((c for c in ordered if need in c.answers), None)
        if elsewhere is not None:
            position = ordered.index(elsewhere) + 1
            note = (
                f"{_none_of(len(actions))} ; « {elsewhere.lever.title} » y répond "
                f"(essrural diagnose … --top {max(position, (top or 0) + 1)})"
            )
        else:
            note = "la base d'essrural ne connaît pas encore de projet de l'ESS pour ce besoin"
        found[need] = Uncovered(note, NEED_CONTACTS[need])
    return found


def _none_of(shown: int) -> str:
    if shown == 1:
        return "le seul projet présenté n'y répond pas"
    return f"aucun des {number(shown)} projets présentés n'y répond" if shown else "aucun projet présenté n'y répond"


def unused_places(profile: Profile, actions: tuple[Action, ...], ordered: list[Candidate]) -> tuple[Unused, ...]:
    """The declared places (a vacant building, roofs, a friche…) that no project of the plan nor its
    means relies on, each with the best project that would."""
    used = {a for action in actions for a in action.lever.uses} | {a for action in actions for m in action.means for a in m.assets}
    found = []
    for asset in profile.assets:
        if asset not in PLACED_ASSETS or asset in STATUS_ASSETS or asset in used:
            continue
        best = next(((i, c) for i, c in enumerate(ordered, 1) if asset in c.lever.uses), None)
        found.append(Unused(asset, best[1].lever if best else None, best[0] if best else None))
    return tuple(found)


def rank(
    profile: Profile,
    knowledge: Knowledge,
    top: int | None = None,
    place: Place | None = None,
    weights: RankingWeights = RANKING,
) -> Plan:
    """The plan: first steps, the projects that answer the profile with their means and cases, coverage."""
    place = place or Place(departement=profile.departement)
    ordered = candidates(profile, knowledge, weights)
    chosen = select(ordered, tuple(profile.missing_services), top)
    actions = []
    for position, c in enumerate(chosen, 1):
        tie = tie_reason(chosen[position - 2], c, position - 1, frozenset(profile.missing_services)) if position > 1 else None
        actions.append(
            Action(
                position, c.lever, c.score, c.reasons, c.means, eligible_programmes(c.lever, [m.lever for m in c.means], profile, knowledge),
                (), c.answers, tie,
            )
        )
    actions = match_examples(tuple(actions), profile, knowledge, place)
    return Plan(
        profile=profile,
        actions=actions,
        place=place,
        considered=len(knowledge.levers),
        relevant=len(ordered),
        start=start_steps(profile, place, knowledge, actions),
        coverage=coverage(profile, actions, ordered, top),
        region=knowledge.regions.get(place.region or ""),
        unused=unused_places(profile, actions, ordered),
    )
