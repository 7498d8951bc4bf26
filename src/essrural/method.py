"""The « Méthode » text: what the tool does, with which data, criteria and weights.

Why: a public body relying on an algorithm must be able to say, on request,
how much the algorithm contributed to its decision, which data it used and
where they come from, which criteria and weights it applied to the person's
situation, and what operations it ran (CRPA art. R311-3-1-2). The README,
`essrural diagnose --explain` and every export print this same text, built
from the weights the engine really uses.
"""

from __future__ import annotations

from .frenchfmt import number, signed
from .records import Struct
from .vocabulary import ASSETS, BUDGETS
from .weights import DEFAULT_TOP, MATCHING, MEDIUM_COMMUNE, PHYSICAL_ASSETS, RANKING, SMALL_COMMUNE

from .knowledge import Knowledge
from .plan import Plan

CRPA_URL = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000034195881"
SHEET_URL = "https://www.rtes.fr/ess-territoires-fragiles-politique-de-la-ville-rural"


class Section(Struct):
    """A part of the method: paragraphs, bullets, and a table of (criterion, points)."""

    _fields = ("title", "paragraphs", "bullets", "table", "table_header")
    _defaults = {"paragraphs": (), "bullets": (), "table": (), "table_header": ("Critère", "Points")}


def sections(knowledge: Knowledge | None = None, plan: Plan | None = None) -> list[Section]:
    """The method, and, when a plan is given, how it applied to that commune."""
    w, m = RANKING, MATCHING
    small, medium = number(SMALL_COMMUNE), number(MEDIUM_COMMUNE)
    physical = ", ".join(ASSETS.label(a).split(" :")[0] for a in sorted(PHYSICAL_ASSETS))
    out = [
        Section(
            "Ce que fait l'outil et sa place dans la décision",
            (
                "essrural rapproche les réponses de la commune (population, services qui manquent, atouts, "
                "secteurs prioritaires) d'une base de leviers d'action et de cas réels de l'économie sociale et "
                "solidaire. Il en tire une liste de pistes classées, chacune expliquée point par point.",
                "C'est une aide à la réflexion et à la préparation d'un débat : l'outil ne décide rien. Le choix des "
                "actions, leur calendrier et leur financement reviennent aux élus, après échange avec les habitants "
                "et les acteurs locaux. Les pistes ne sont pas exhaustives et ne remplacent pas l'avis des réseaux "
                "d'accompagnement (CRESS, DLA, France Active, RTES…).",
            ),
        ),
        Section(
            "Données utilisées et leurs sources",
            bullets=(
                "Les réponses de la commune : saisies dans le questionnaire ou lues dans un fichier de profil.",
                "La base de connaissances d'essrural : leviers, cas réels et programmes de financement ou "
                "d'accompagnement, chacun avec ses sources publiques, citées dans ce document. Elle part de la "
                f"fiche 20 « ESS & ruralité(s) » du Kit MunicipalESS du RTES ({SHEET_URL}).",
                "Les programmes portent la date de leur dernière vérification : ces dispositifs changent, "
                "confirmez-les auprès du guichet indiqué avant de déposer un dossier ; une vérification de plus "
                "d'un an est signalée « à revérifier ».",
                "Quand la commune est reconnue, la liste officielle des communes (découpage administratif, "
                "Etalab, Licence Ouverte) fournit population, département, région et intercommunalité.",
            ),
        ),
        Section(
            "Critères et pondérations",
            paragraphs=(
                "Chaque levier reçoit des points selon les critères ci-dessous ; son score est la somme de ses "
                "points, et chaque point est affiché avec sa raison.",
            ),
            table=(
                ("Besoin couvert : chaque service manquant de la commune auquel le levier répond", signed(w.need)),
                ("Atout mobilisé : chaque atout de la commune que le levier utilise", signed(w.asset)),
                ("Secteur prioritaire : le levier sert au moins un secteur choisi comme prioritaire", signed(w.priority)),
                ("Taille adaptée : la population est dans la fourchette prévue pour le levier", signed(w.population_fit)),
                ("Taille inadaptée : la population est hors de cette fourchette", signed(w.population_misfit)),
                (
                    f"Effort : budget « {BUDGETS.label('moyen')} », sans capacité d'investissement déclarée "
                    f"(moins de {small} hab. / moins de {medium} hab.)",
                    f"{signed(w.effort['moyen'][0])} / {signed(w.effort['moyen'][1])}",
                ),
                (
                    f"Effort : budget « {BUDGETS.label('eleve')} », sans capacité d'investissement déclarée "
                    f"(moins de {small} hab. / moins de {medium} hab.)",
                    f"{signed(w.effort['eleve'][0])} / {signed(w.effort['eleve'][1])}",
                ),
                (
                    "Effort partagé : un partenaire est prêt à cofinancer ; la pénalité d'effort est multipliée par",
                    f"×\u00a0{number(w.cofunded_effort)}",
                ),
                ("Mise en œuvre rapide : moins d'un an", signed(w.quick_win)),
                ("Déjà fait ailleurs : au moins un cas réel de la base a utilisé ce levier", signed(w.proven)),
            ),
        ),
        Section(
            "Opérations effectuées",
            bullets=(
                "Lecture et vérification des réponses et de la base (identifiants, sources, vocabulaire).",
                "Sélection : un levier n'est retenu que s'il répond à un besoin de la commune, sert un secteur "
                f"prioritaire ou met en valeur un atout concret ({physical}), et si son score est positif. "
                "Aucune piste n'est ajoutée pour remplir la liste.",
                f"Classement par score décroissant ; à égalité, par identifiant. Les {DEFAULT_TOP} premières pistes "
                "sont présentées (option --top pour en voir plus ou moins).",
                "Cas réels sous chaque piste : même levier "
                f"{signed(m.same_lever)}, même besoin {signed(m.same_need)}, même secteur {signed(m.same_sector)}, population "
                f"proche jusqu'à {signed(m.population)} (échelle logarithmique : tous les points à taille égale, la "
                "moitié à trois fois plus ou moins, rien au-delà ; population donnée par la source du cas, sinon "
                "population officielle de sa commune), même "
                f"département {signed(m.same_departement)} ou, à défaut, même région {signed(m.same_region)} ; "
                f"les {m.per_action} meilleurs, à égalité par identifiant. Un cas déjà cité sous une piste "
                "mieux classée n'est repris que s'il a utilisé le levier de la piste.",
                "Programmes : ceux que la base relie au levier, sauf ceux réservés à des communes plus petites.",
                "Les mêmes réponses donnent toujours le même plan.",
            ),
        ),
    ]
    if plan is not None:
        out.append(_applied(plan, knowledge))
    out.append(
        Section(
            "Cadre",
            (
                "Cette note répond aux informations que l'article R311-3-1-2 du code des relations entre le public "
                "et l'administration demande de pouvoir fournir sur un traitement algorithmique : sa contribution "
                "à la décision, les données et leurs sources, les paramètres et leur pondération appliqués à la "
                f"situation, les opérations effectuées ({CRPA_URL}).",
            ),
        )
    )
    return out


def _applied(plan: Plan, knowledge: Knowledge | None) -> Section:
    profile = plan.profile
    lines = [
        f"{plan.considered} leviers examinés ; {plan.relevant} correspondent au profil ; "
        f"{len(plan.actions)} présentés.",
        f"Services manquants pris en compte : {len(profile.missing_services)} ; atouts : {len(profile.assets)} ; "
        f"secteurs prioritaires : {len(profile.priorities)}.",
    ]
    if profile.population:
        lines.append(f"Population retenue : {number(profile.population)} habitants.")
    if knowledge is not None:
        lines.append(
            f"Base utilisée : {len(knowledge.levers)} leviers, {len(knowledge.examples)} cas réels, "
            f"{len(knowledge.programmes)} programmes."
        )
    lines.append("Le détail des points de chaque piste figure sous son titre.")
    return Section("Application à cette commune", bullets=tuple(lines))
