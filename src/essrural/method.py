"""The « Méthode » text: what the tool does, with which data, criteria and weights.

Why: a commune that relies on an algorithm to prepare a decision should be
able to say how much the algorithm contributed, which data it used and where
they come from, which criteria and weights it applied, and what operations it
ran. Article R311-3-1-2 of the CRPA requires this of administrations taking
individual decisions; essrural is not one, and follows it voluntarily. The
README, `essrural diagnose --explain` and every export print this same text,
built from the numbers the engine really uses (`essrural.weights`).
"""

from __future__ import annotations

from .frenchfmt import count as fr_count
from .frenchfmt import number, percent, signed
from .knowledge import Knowledge
from .plan import Plan, Uncovered
from .profile import Profile
from .records import Struct
from .vocabulary import ASSETS, BUDGETS, MISSING_SERVICES, family
from .weights import (
    DEFAULT_TOP,
    DOCUMENT_CASES,
    ESSENTIAL_NEEDS,
    MATCHING,
    MEANS_PER_ACTION,
    MEDIUM_COMMUNE,
    OPPORTUNITY_ASSETS,
    PLACED_ASSETS,
    RANKING,
    RURAL_LIMIT,
    SMALL_COMMUNE,
    STALE_DAYS,
    STATUS_ASSETS,
    size_band,
)

CRPA_URL = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034195881"
SHEET_URL = "https://www.rtes.fr/ess-territoires-fragiles-politique-de-la-ville-rural"


class Section(Struct):
    """A part of the method: paragraphs, bullets, and a table of (criterion, points); `cites`: the
    sources its last paragraph refers to, numbered by the document that prints it."""

    _fields = ("title", "paragraphs", "bullets", "table", "table_header", "cites")
    _defaults = {"paragraphs": (), "bullets": (), "table": (), "table_header": ("Critère", "Points"), "cites": ()}


def _labels(ids: frozenset[str], limit: int | None = None) -> str:
    """The assets' labels in the vocabulary's order; `limit`: the first ones, then « … »."""
    labels = [ASSETS.short(a).split(" (")[0] for a in ASSETS.ids if a in ids]
    if limit is not None and len(labels) > limit:
        return " ; ".join(labels[:limit]) + " ; …"
    return " ; ".join(labels)


def criteria(brief: bool = False, plan: Plan | None = None) -> tuple[tuple[str, str], ...]:
    """The ranking's criteria and their points, as the engine applies them (`essrural.weights`);
    `brief`: the long lists of needs and places cut after their first items; `plan`: only the criteria
    that gave points in it, with the commune's own everyday needs and places (the parameters applied
    to its situation, as article R311-3-1-2 CRPA words it)."""
    applied = applied_factors(plan) if plan is not None else None
    rows = _criteria(brief, plan.profile if plan is not None else None, _costs_penalised(plan) if plan is not None else None)
    return tuple((label, points) for factors, label, points in rows if applied is None or factors & applied)


def applied_factors(plan: Plan) -> frozenset[str]:
    """The factors that gave points to a project of `plan`, an asset's as « place » or « capacity » (each
    has its row), and « cofunded » when a partner halved an effort."""
    found = {r.factor for a in plan.actions for r in a.reasons}
    found |= {"place" if r.ref in PLACED_ASSETS else "capacity" for a in plan.actions for r in a.reasons if r.factor == "asset"}
    if "effort" in found and "cofinanceur" in plan.profile.assets:
        found.add("cofunded")
    return frozenset(found)


def _costs_penalised(plan: Plan) -> frozenset[str]:
    """The cost brackets (`BUDGETS` ids) that cost a project of `plan` points, as the engine reads them."""
    return frozenset(a.lever.share for a in plan.actions if any(r.factor == "effort" for r in a.reasons))


def _effort_rows(profile: Profile | None, costs: frozenset[str] | None) -> tuple[tuple[frozenset[str], str, str], ...]:
    """The effort penalty by cost bracket; for a commune, only the brackets that cost its projects
    points, with the points of its own size (a council reads its case, not the whole grid)."""
    w = RANKING
    small, medium = number(SMALL_COMMUNE), number(MEDIUM_COMMUNE)
    band = size_band(profile.population) if costs is not None and profile is not None and profile.population else None
    rows = []
    for cost in ("moyen", "eleve"):
        if costs is not None and cost not in costs:
            continue
        if band is None:  # every size: the method in general, `--explain`
            size, points = f"moins de {small} / moins de {medium} habitants", f"{signed(w.effort[cost][0])} / {signed(w.effort[cost][1])}"
        else:
            size, points = f"commune de moins de {(small, medium)[band]} habitants", signed(w.effort[cost][band])
        condition = "même cas" if rows else f"sans capacité d'investissement déclarée ({size})"
        rows.append((frozenset({"effort"}), f"Part probable de la commune « {BUDGETS.label(cost)} », {condition}", points))
    return tuple(rows)


def _criteria(
    brief: bool, profile: Profile | None = None, costs: frozenset[str] | None = None
) -> tuple[tuple[frozenset[str], str, str], ...]:
    w = RANKING
    if profile is None:
        essential = [MISSING_SERVICES.label(n) for n in MISSING_SERVICES.ids if n in ESSENTIAL_NEEDS]
        essential_text = " ; ".join(essential[:3]) + " ; …" if brief else " ; ".join(essential)
        places = _labels(PLACED_ASSETS, 4 if brief else None)
    else:  # this commune's own, each everyday service once (the first need said of it), as the engine counts it
        said: dict[str, str] = {}
        for n in profile.missing_services:
            if family(n) in ESSENTIAL_NEEDS:
                said.setdefault(family(n), n)
        essential_text = "ici : " + " ; ".join(MISSING_SERVICES.label(n) for n in said.values())
        places = "ici : " + _labels(frozenset(profile.assets) & PLACED_ASSETS)
    return (
        (frozenset({"need"}), "Besoin déclaré auquel le projet répond (par besoin)", signed(w.need)),
        (frozenset({"essential"}), f"Besoin du quotidien parmi eux ({essential_text}) : en plus", signed(w.essential)),
        (
            frozenset({"precise_need", "other_form"}),
            "Forme précise de ce besoin déclarée (trajets du quotidien…) / seules d'autres le sont",
            f"{signed(w.precise)} / {signed(w.other_form)}",
        ),
        (frozenset({"also_need"}), "Besoin déclaré auquel il contribue aussi (par besoin)", signed(w.also_need)),
        (frozenset({"priority"}), "Le projet sert un secteur prioritaire", signed(w.priority)),
        (frozenset({"place"}), f"Lieu déclaré sur lequel il s'appuie ({places})", signed(w.asset_place)),
        (frozenset({"capacity"}), "Autre atout déclaré sur lequel il s'appuie (associations, collectif d'habitants…)", signed(w.asset_capacity)),
        (frozenset({"asset"}), "Plafond des points d'atouts (jamais autant qu'un besoin)", f"{number(w.asset_cap)} au plus"),
        *_effort_rows(profile, costs),
        (frozenset({"cofunded"}), "Partenaire prêt à cofinancer : pénalité de coût multipliée par", f"×\u00a0{number(w.cofunded_effort)}"),
        (frozenset({"prerequisite"}), "Prérequis du projet non déclaré (des professionnels de santé prêts à exercer ensemble, pour une maison de santé)", signed(w.prerequisite)),
        (frozenset({"quick_win"}), "Mise en œuvre en moins d'un an", signed(w.quick_win)),
        (frozenset({"proven"}), "Un cas réel de la base a mené ce projet pour un besoin déclaré", signed(w.proven)),
    )


# What essrural is made for, said by the Méthode, at the top of a larger commune's plan and in the questionnaire.
MADE_FOR = f"essrural est fait pour les communes rurales de moins de {number(RURAL_LIMIT)} habitants"

ROLE = (
    "C'est une aide à la réflexion et à la préparation d'un débat : l'outil ne décide rien. Le choix des "
    "actions, leur calendrier et leur financement reviennent aux élus, après échange avec les habitants "
    "et les acteurs locaux. Les pistes ne sont pas exhaustives et ne remplacent pas l'avis des réseaux "
    f"d'accompagnement (CRESS, DLA, France Active, RTES…). {MADE_FOR}, celles de son évaluation : au-delà, "
    "le plan le rappelle en tête."
)
FRAMEWORK = (
    "essrural suit volontairement l'article R311-3-1-2 du code des relations entre le public et "
    "l'administration, qui s'impose aux administrations prenant une décision individuelle sur le "
    "fondement d'un traitement algorithmique : cette note dit la contribution de l'outil à la décision, "
    "les données et leurs sources, les paramètres et leur pondération appliqués à la situation, et les "
    f"opérations effectuées ({CRPA_URL})."
)


class Measured(Struct):
    """How often the plan put first, or in its top 3, the project real communes chose (eval/, README)."""

    _fields = ("date", "cases", "first", "top3", "heldout", "heldout_first", "heldout_top3")

    date: str
    cases: int
    first: float
    top3: float
    heldout: int  # the cases of the blind series (eval/run.py BLIND_SERIES), written without seeing a plan
    heldout_first: float
    heldout_top3: float


# Copied from `python eval/run.py --json` (a test checks they agree): the user reads it in the Méthode.
MEASURED = Measured("3 décembre 2026", 181, 0.663, 0.917, 131, 0.618, 0.908)


def reliability(m: Measured = MEASURED) -> str:
    return (
        f"Mesuré le {m.date} sur {m.cases} projets ruraux réels absents de la base, décrits d'après leurs "
        "sources avant toute exécution de l'outil : le projet que la commune a effectivement mené est le "
        f"premier du plan dans {percent(m.first)} des cas et parmi les trois premiers dans {percent(m.top3)} ; "
        f"sur les {m.heldout} projets des séries témoins, décrites par des personnes qui n'avaient vu aucun plan, "
        f"{percent(m.heldout_first)} et {percent(m.heldout_top3)}. Les projets voisins pour un même besoin "
        "sont donc à comparer : la synthèse les signale (« Autres voies »)."
    )


# The council document's version: the article is cited once, here, by its number in annex D.
FRAMEWORK_SHORT = (
    "Cette note suit volontairement l'article R311-3-1-2 du code des relations entre le public et "
    "l'administration"
)


def sections(knowledge: Knowledge | None = None, plan: Plan | None = None, brief: bool = False) -> list[Section]:
    """The method, and, when a plan is given, how it applied to that commune; `brief`: the version a
    council document carries (the same criteria and points, the operations in short)."""
    only_applied = brief and plan is not None and bool(plan.actions)
    table = Section(
        "Critères et pondérations",
        paragraphs=(
            "Chaque projet reçoit des points selon les critères ci-dessous ; son score est la somme de ses "
            "points, et chaque point est affiché avec sa raison."
            + (" Seuls les critères qui jouent dans ce plan sont repris ; essrural diagnose --explain les donne tous."
               if only_applied else ""),
        ),
        table=criteria(brief, plan if only_applied else None),
    )
    if brief:
        out = [
            Section(
                "Ce que fait l'outil et sa place dans la décision",
                (
                    "essrural rapproche les réponses de la commune d'une base de leviers, de cas réels et de "
                    "programmes de l'ESS, chacun avec ses sources (annexe D). Les choix reviennent aux élus, avec les habitants et les réseaux "
                    "d'accompagnement.",
                ),
            ),
            table,
            Section(
                "Opérations effectuées",
                bullets=(
                    "Sont retenus les projets qui répondent à un besoin déclaré, servent un secteur prioritaire ou "
                    "mettent à profit un lieu déclaré, à la taille de la commune, classés par score ; à égalité, le "
                    "plus ciblé puis le plus souvent mené passe d'abord. Chaque besoin reçoit son meilleur projet.",
                    f"Sous chaque projet : ses moyens (au plus {MEANS_PER_ACTION}), ses programmes encore ouverts à la "
                    f"commune et les {DOCUMENT_CASES} cas réels les plus proches. Une information de plus de "
                    f"{number(STALE_DAYS)} jours est signalée « à revérifier »."
                    + ("" if only_applied else " Détail de chaque règle : essrural diagnose --explain."),
                ),
            ),
        ]
    else:
        out = [
            Section(
                "Ce que fait l'outil et sa place dans la décision",
                (
                    "essrural rapproche les réponses de la commune (population, services qui manquent, atouts, "
                    "secteurs prioritaires) d'une base de leviers d'action et de cas réels de l'économie sociale et "
                    "solidaire. Il en tire un plan en trois parties : les premières démarches (« Pour commencer »), "
                    "des projets classés, chacun avec les moyens qui le rendent possible pour la commune et expliqué "
                    "point par point, et la couverture de chaque besoin déclaré.",
                    ROLE,
                ),
            ),
            Section(
                "Données utilisées et leurs sources",
                bullets=(
                    "Les réponses de la commune : saisies dans le questionnaire ou lues dans un fichier de profil.",
                    "La base de connaissances d'essrural : leviers (projets, moyens et premières démarches), cas réels, "
                    "programmes de financement ou d'accompagnement et réseaux régionaux de l'ESS, chacun avec ses "
                    "sources publiques, citées dans ce document. Elle part de la fiche 20 « ESS & ruralité(s) » du Kit "
                    f"MunicipalESS du RTES ({SHEET_URL}).",
                    "Les programmes, les dispositifs régionaux et les montants portent la date de la source la plus "
                    "récente qui les donne, et leur statut (ouvert, fermé, incertain, en place) : ces dispositifs "
                    "changent, confirmez-les auprès du guichet indiqué avant de déposer un dossier ; une information de "
                    f"plus de {number(STALE_DAYS)} jours est signalée « à revérifier ».",
                    "Quand la commune est reconnue, la liste officielle des communes (découpage administratif, "
                    "Etalab, Licence Ouverte) fournit population, département, région et intercommunalité.",
                ),
            ),
            table,
            Section("Opérations effectuées", bullets=_operations()),
            Section("Fiabilité mesurée", (reliability(),)),
        ]
    if plan is not None:
        out.append(_applied(plan, knowledge, brief))
    out.append(Section("Cadre", (FRAMEWORK_SHORT,), cites=(CRPA_URL,)) if brief else Section("Cadre", (FRAMEWORK,)))
    return out


def _operations() -> tuple[str, ...]:
    m = MATCHING
    return (
        "Lecture et vérification des réponses et de la base (identifiants, sources, vocabulaire, dates).",
        "Pour commencer : réunir habitants et acteurs, appeler le réseau de l'ESS de la région (nommé quand "
        "la base le connaît), s'appuyer sur l'ingénierie que la commune peut mobiliser (Petites villes de "
        "demain ou Villages d'avenir pour leurs lauréates, Villages d'avenir pour les communes de sa taille, "
        "sinon le groupe d'action locale LEADER), voir avec l'intercommunalité qui est compétent. Ces "
        "démarches ne sont pas classées contre les projets.",
        "Sélection des projets : un projet n'est retenu que s'il répond à un besoin déclaré, sert un "
        f"secteur prioritaire ou met à profit un lieu déclaré qui le suggère à lui seul ({_labels(OPPORTUNITY_ASSETS)}), "
        "et si la taille de la commune et les atouts qu'il exige le permettent. Les moyens généraux (local "
        "prêté, subvention, parts dans une coopérative…) ne sont pas classés contre les projets : ils "
        "accompagnent les projets qu'ils rendent possibles. Aucun projet n'est ajouté pour remplir la liste.",
        f"Moyens : sous chaque projet, au plus {MEANS_PER_ACTION} moyens, d'abord ceux qui s'appuient sur un "
        f"lieu déclaré (un programme dont la commune est lauréate, {_labels(STATUS_ASSETS)}, compte double), "
        "puis dans l'ordre habituel que donne la base.",
        "Classement par score décroissant ; à égalité de points, passe d'abord le projet le plus ciblé sur "
        "les besoins déclarés (un besoin et celui qui le précise, comme les factures d'électricité pour la "
        "dépendance énergétique, ne comptent que pour un), puis celui qui compte le plus de cas réels pour ces besoins, celui qui met à "
        "profit le plus d'atouts, celui qui coûte le moins à la commune, celui qui a été mené le plus souvent "
        "dans les cas réels de la base, celui qui offre le plus de moyens d'agir à la commune, celui qui est le "
        "plus centré sur les secteurs prioritaires (son secteur principal d'abord), celui qui peut s'appuyer "
        "sur le plus de programmes ouverts à la commune ; l'identifiant "
        "ne départage que des projets égaux sur tous ces critères. Le plan dit ce qui a départagé deux projets "
        "à égalité, et quelle précision d'un besoin les départagerait.",
        f"Couverture : pour chaque besoin déclaré, le meilleur projet fait pour lui (à défaut, qui y "
        f"contribue) entre dans le plan. Le plan par défaut présente {DEFAULT_TOP} projets, davantage s'il en "
        "faut pour répondre à chaque besoin ; l'option --top N en présente exactement N. Un besoin auquel "
        "aucun projet présenté ne répond est signalé, avec l'interlocuteur à qui poser la question.",
        "Cas réels sous chaque projet : un cas n'est montré que s'il a mené ce projet, ou s'il a répondu à un "
        "besoin déclaré auquel le projet répond, dans le même secteur. Même projet "
        f"{signed(m.same_lever)}, même moyen {signed(m.same_means)}, même besoin {signed(m.same_need)}, "
        f"même secteur {signed(m.same_sector)}, population proche jusqu'à {signed(m.population)} (échelle "
        "logarithmique : tous les points à taille égale, la moitié à trois fois plus ou moins, rien au-delà ; "
        "population donnée par la source du cas, sinon population officielle de sa commune ; pour un cas "
        "intercommunal, celle du territoire, dite « territoire de taille proche »), même "
        f"département {signed(m.same_departement)} ou, à défaut, même région {signed(m.same_region)} ; les "
        f"{m.per_action} meilleurs, à égalité par identifiant. Un projet garde ses propres cas ; un autre cas "
        "n'est montré qu'une fois. Un cas situé dans la commune elle-même est signalé « déjà dans la commune ».",
        "Programmes : ceux que la base relie au projet et à ses moyens, sauf ceux réservés à des communes "
        "plus petites, ceux qui sont fermés et, pour ceux d'un moyen, ceux réservés à d'autres secteurs que "
        "celui du projet.",
        "Les mêmes réponses donnent toujours le même plan.",
    )


def _matching(n: int) -> str:
    return f"{fr_count(n, 'projet')} {'correspond' if n <= 1 else 'correspondent'}"


def _shown(n: int) -> str:
    return f"{n} présenté{'s' if n > 1 else ''}"


def _applied(plan: Plan, knowledge: Knowledge | None, brief: bool = False) -> Section:
    profile = plan.profile
    if brief:
        uncovered = sum(isinstance(found, Uncovered) for found in plan.coverage.values())
        line = (
            f"{_matching(plan.relevant)} au profil parmi {plan.considered} leviers, {_shown(len(plan.actions))} ; "
            f"{fr_count(len(profile.missing_services), 'besoin déclaré', 'besoins déclarés')}, dont "
            f"{uncovered} sans projet ; population retenue : "
            f"{number(profile.population) if profile.population else 'non précisée'} habitants."
        )
        return Section("Application à cette commune", bullets=(line,))
    uncovered = [need for need, found in plan.coverage.items() if isinstance(found, Uncovered)]
    lines = [
        f"{plan.considered} leviers examinés ; {_matching(plan.relevant)} au profil ; {_shown(len(plan.actions))}.",
        f"Services manquants pris en compte : {len(profile.missing_services)}, dont {len(uncovered)} sans "
        f"projet présenté ; atouts : {len(profile.assets)} ; secteurs prioritaires : {len(profile.priorities)}.",
    ]
    if profile.population:
        lines.append(f"Population retenue : {number(profile.population)} habitants.")
    if knowledge is not None:
        lines.append(
            f"Base utilisée : {len(knowledge.levers)} leviers, {len(knowledge.examples)} cas réels, "
            f"{len(knowledge.programmes)} programmes, {len(knowledge.regions)} régions."
        )
    if not brief:
        lines.append("Le détail des points de chaque projet figure sous son titre.")
    return Section("Application à cette commune", bullets=tuple(lines))
