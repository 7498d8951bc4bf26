"""The plan as the document a municipal council reads: a two-page synthesis, the projects, annexes.

Why: a mayor has five minutes; an adviser wants the detail. The synthesis
says what to do first, what it costs the commune, who co-funds, who decides
and when; one section per project gives its reasons with their points, first
steps, means, programmes and cases; the annexes describe each programme and
each case once, then the method and the sources, numbered and cited by number.
Pure: the plan in, a `Document` out.
"""

from __future__ import annotations

import datetime as dt

from .. import __version__
from .. import frenchfmt as fr
from ..document import Block, Document, Fields, Heading, Inline, Items, PageBreak, Para, Span, Table, bold, dim, italic, spans
from ..knowledge import Knowledge, Programme, text_of
from ..method import CRPA_URL, MADE_FOR, SHEET_URL, sections
from ..plan import NEED_FACTORS, Action, Plan, Uncovered
from ..text import SEMICOLON, sentence as as_sentence
from ..vocabulary import ASSETS, BUDGETS, COMPETENCES, MISSING_SERVICES, SECTORS, family, undecided_forms
from ..weights import DOCUMENT_CASES, ESSENTIAL_NEEDS, RURAL_LIMIT, SYNTHESIS_MAX, SYNTHESIS_MIN
from .knowledge_doc import HORIZONS, Sources, case_details, case_title, labels, lead, programme_blocks, short_name, titled_items

COMMUNES_ATTRIBUTION = (
    "Liste des communes : découpage administratif publié par Etalab (paquet npm "
    "@etalab/decoupage-administratif), sous Licence Ouverte."
)


def title(plan: Plan) -> str:
    p = plan.profile
    where = p.commune or p.insee or "commune"
    if p.departement:
        where += f" ({p.departement})"
    return f"Plan d'action ESS — {where}"


def beyond_rural(population: int | None) -> str:
    """A sentence for a commune larger than those essrural is made for (empty otherwise)."""
    if not population or population <= RURAL_LIMIT:
        return ""
    return (
        f" {MADE_FOR} : pour une commune de {fr.number(population)} habitants, les coûts, les seuils et les cas "
        "comparables du plan sont à relire de près."
    )


def build(
    plan: Plan, knowledge: Knowledge, today: dt.date, brief: bool = False, method: bool = True, full_in: str | None = None
) -> Document:
    """The council's document; `brief`: the synthesis alone (`full_in`: the file that holds the whole
    plan, when there is one); `method`: with the « Méthode » annex."""
    sources = Sources()
    blocks: list[Block] = [
        Heading(1, f"{title(plan)} — {fr.date(today)}"),
        Para(
            spans(italic(
                f"Établi le {fr.date(today)} avec essrural {__version__}. Document d'aide à la réflexion pour le "
                "conseil municipal : il propose des pistes, il ne décide rien." + beyond_rural(plan.profile.population)
            )),
            "note",
        ),
    ]
    blocks += synthesis(plan, sources, brief, full_in)
    if not brief:
        if plan.actions or plan.coverage:  # nothing declared: no empty « Les projets »
            blocks.append(PageBreak())  # the synthesis prints on its own pages, to hand out alone
            blocks += projects(plan, sources)
        blocks.append(PageBreak())
        blocks.append(Heading(2, "Annexes", "annexes"))
        blocks += programmes_annex(plan, sources, today)
        blocks += cases_annex(plan, sources)
        if method:
            blocks += method_annex(plan, knowledge, sources)
        blocks += sources_annex(sources)
    return Document(
        f"{title(plan)} — {fr.date(today)}", "Plan d'action d'économie sociale et solidaire", today.isoformat(),
        tuple(blocks), title(plan),
    )


# --- synthesis --------------------------------------------------------------------------------------


def synthesis(plan: Plan, sources: Sources, brief: bool = False, full_in: str | None = None) -> list[Block]:
    """The two pages a council reads first; `brief`: they are the whole document, so nothing in them
    points to a part or an annex that is not there."""
    blocks: list[Block] = [Heading(2, "Synthèse", "synthese"), *commune_lines(plan, sources, brief)]
    blocks.append(Heading(3, "Pour commencer"))
    blocks.append(Items(
        tuple(
            spans(bold(s.title), *(() if s.who in s.title else (" — ", s.who)), *((". " + as_sentence(s.status),) if s.status else ()))
            for s in plan.start
        ),
        numbered=True,
    ))
    blocks.append(Heading(3, "Projets recommandés"))
    if not plan.actions:
        blocks.append(Para(spans(
            "Aucun projet de la base ne correspond à ces réponses. Précisez les services qui manquent, les "
            "atouts de la commune ou des secteurs prioritaires."
        )))
    chosen = synthesis_actions(plan)
    remark = later_projects(plan, chosen, brief, full_in)
    if remark:
        blocks.append(remark)  # before the projects, so that it is never alone on a printed page
    said: dict[str, int] = {}
    offered: set[int] = set()  # other ways already named under a project above
    whys = [why_sentence(action) for action in chosen]
    declared = frozenset(plan.profile.missing_services)
    for action, why in zip(chosen, whys):
        forms = undecided_forms(action.lever.addresses, made_for(action), declared) if whys.count(why) > 1 else ()
        text = f"Pour les mêmes besoins que le projet n° {said[why]}." if why in said else why
        if forms:
            when = SEMICOLON.join(MISSING_SERVICES.label(n) for n in forms)
            text = as_sentence(f"{text.removesuffix('.')} ; en particulier si : {when}")
        others = [r for r in alternatives(action, plan, chosen) if r not in offered]
        offered.update(others)
        blocks += recommended(action, text, others)
        said.setdefault(why, action.rank)
    uncovered = [(n, f) for n, f in plan.coverage.items() if isinstance(f, Uncovered)]
    if uncovered or plan.unused:
        blocks.append(Heading(3, "Ce que le plan ne couvre pas"))
        items = [spans(bold(MISSING_SERVICES.label(n)), f" : {f.note}. À qui s'adresser : {f.ask}.") for n, f in uncovered]
        items += [unused_line(u) for u in plan.unused]
        blocks.append(Items(tuple(items)))
    return blocks


def later_projects(plan: Plan, chosen: list[Action], brief: bool, full_in: str | None) -> Para | None:
    """The remark that opens the recommended projects: where the projects the synthesis leaves out are,
    and the needs only they answer."""
    rest = [a.rank for a in plan.actions if a not in chosen]
    if not rest:
        return None
    numbers = fr.enumeration([str(n) for n in rest])
    where = (
        f"dans le plan complet, exporté dans {full_in}" if full_in
        else "dans le plan complet (essrural diagnose sans --brief)" if brief else "dans la suite du document"
    )
    text = (
        f"{'Le projet' if len(rest) == 1 else 'Les projets'} n° {numbers} "
        f"{'est présenté' if len(rest) == 1 else 'sont présentés'} {where}."
    )
    shown = {a.rank for a in chosen}
    later = [
        f"{MISSING_SERVICES.label(need)} (n° {fr.enumeration([str(r) for r in ranks])})"
        for need, ranks in answering(plan).items() if not shown & set(ranks)
    ]
    if later:
        text += (
            f" {'Il répond' if len(rest) == 1 else 'Ils répondent'} aussi à des besoins que cette synthèse "
            f"ne reprend pas : {SEMICOLON.join(later)}."
        )
    return Para(spans(text), "note")


def synthesis_actions(plan: Plan) -> list[Action]:
    """The projects the synthesis recommends: for each declared need, the best project made for it
    (else the best that helps with it: a mobile grocery is not the answer to transport when a
    transport project is in the plan), then the next best up to SYNTHESIS_MIN; at most
    SYNTHESIS_MAX, the everyday services first when there are more needs than that; in the plan's order."""
    best: dict[int, bool] = {}  # rank → answers an everyday service
    for need, ranks in answering(plan).items():
        best[ranks[0]] = best.get(ranks[0], False) or family(need) in ESSENTIAL_NEEDS
    ranks = sorted(sorted(best, key=lambda r: (not best[r], r))[:SYNTHESIS_MAX])
    for action in plan.actions:
        if len(ranks) >= SYNTHESIS_MIN:
            break
        if action.rank not in ranks:
            ranks.append(action.rank)
    return [a for a in plan.actions if a.rank in ranks]


def commune_lines(plan: Plan, sources: Sources, brief: bool = False) -> list[Block]:
    """The commune in three lines, and what already exists there (with its address when the synthesis
    is the whole document: there is no list of sources to number it in)."""
    p, place = plan.profile, plan.place
    first = p.commune or "Commune non précisée"
    if p.departement:
        first += f" ({p.departement})"
    if p.population:
        first += f", {fr.number(p.population)} habitants"
    if place.epci_name:
        first += f" ; {place.epci_name}"
        if place.epci_communes:
            first += f" ({place.epci_communes} communes)"
    lines = [
        spans(bold(first + ".")),
        spans("Ce qui manque : ", labels(MISSING_SERVICES, p.missing_services, "rien de déclaré"), "."),
        spans(
            "Atouts : ", SEMICOLON.join(ASSETS.short(a) for a in p.assets) or "aucun déclaré",
            f" ; priorités : {labels(SECTORS, p.priorities, 'aucune')}.",
        ),
    ]
    here = here_cases(plan)
    if here:
        line: list[Span | str] = ["Déjà dans la commune : "]
        for n, case in enumerate(here):
            line += [("" if n == 0 else " ; "), bold(case.name), " ", f"({case.source})" if brief else sources.refs((case.source,))]
        lines.append(spans(*line, "."))
    return [Para(line) for line in lines]


def here_cases(plan: Plan) -> list:
    """The case studies located in the commune itself, once each."""
    seen = {}
    for action in plan.actions:
        for match in action.examples:
            if match.here:
                seen.setdefault(match.example.id, match.example)
    return list(seen.values())


def why_sentence(action: Action) -> str:
    """One sentence of why: the needs it answers and the places it puts to use."""
    needs = [MISSING_SERVICES.label(r.ref) for r in action.reasons if r.factor in NEED_FACTORS]
    helps = [MISSING_SERVICES.label(r.ref) for r in action.reasons if r.factor == "also_need"]
    places = [ASSETS.label(r.ref) for r in action.reasons if r.factor == "asset"]
    parts = []
    if needs:
        parts.append("répond à : " + SEMICOLON.join(needs))
    if helps:
        parts.append("aide aussi à : " + SEMICOLON.join(helps))
    if not needs and not helps:
        priority = next((r for r in action.reasons if r.factor == "priority"), None)
        parts.append(priority.detail if priority else "met à profit un atout de la commune")
    if places:
        parts.append("s'appuie sur : " + SEMICOLON.join(places))
    sentence = " ; ".join(parts)
    return as_sentence(sentence)  # a label may end with « … »


def answering(plan: Plan) -> dict[str, list[int]]:
    """Each covered need: the ranks of the projects made for it, else of those that help with it."""
    return {
        need: [r for r in found if need in made_for(plan.actions[r - 1])] or list(found)
        for need, found in plan.coverage.items() if not isinstance(found, Uncovered)
    }


def made_for(action: Action) -> set[str]:
    """The declared needs a project is made for (not those it only helps with)."""
    return {r.ref for r in action.reasons if r.factor in NEED_FACTORS and r.ref}


def alternatives(action: Action, plan: Plan, chosen: list[Action]) -> list[int]:
    """The ranks of the other projects of the plan made for the same needs: other ways, for the council to weigh."""
    needs = made_for(action)
    return [a.rank for a in plan.actions if a not in chosen and made_for(a) & needs]


def recommended(action: Action, why: str, others: tuple[int, ...] | list[int] = ()) -> list[Block]:
    lever = action.lever
    cost = lever.share
    cost_text = f"{BUDGETS.label(cost)} pour la commune"
    if lever.cofunders:
        cost_text += f" ; cofinanceurs : {SEMICOLON.join(lever.cofunders)}"
    rows: list[tuple[str, Inline]] = []
    if lever.decision:
        rows.append(("Première décision", spans(text_of(lever.decision))))
    rows.append(("Coût", spans(cost_text)))
    who = labels(COMPETENCES, lever.competent, "la commune")
    rows.append(("Qui décide", spans(who)))
    rows.append(("Quand", spans(HORIZONS[lever.duration])))
    if others:
        numbers = fr.enumeration([str(n) for n in others])
        rows.append(("Autres voies", spans(f"{'projet' if len(others) == 1 else 'projets'} n° {numbers}, pour le même besoin")))
    return [Heading(4, f"{action.rank}. {lever.title}"), Para(spans(why)), Fields(tuple(rows))]


def unused_line(unused) -> Inline:
    label = ASSETS.label(unused.asset)
    if unused.lever is None:
        return spans(bold(label), " : aucun projet de la base ne s'en sert pour ces besoins.")
    return spans(
        bold(label), " : aucun projet présenté ne s'en sert ; « ", unused.lever.title,
        f" » le ferait (essrural diagnose … --top {unused.position}).",
    )


# --- projects --------------------------------------------------------------------------------------


def projects(plan: Plan, sources: Sources) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Les projets", "projets")]
    if plan.actions:
        blocks.append(Para(spans(
            f"Du plus pertinent au moins pertinent ({len(plan.actions)} sur {plan.relevant} possibles)."
        ), "note"))
    seen_means: dict[tuple[str, ...], int] = {}
    for action in plan.actions:
        means = tuple(m.id for m in action.means)
        blocks += project(action, sources, seen_means.get(means) if means else None)
        seen_means.setdefault(means, action.rank)
    blocks += coverage(plan)
    return blocks


def project(action: Action, sources: Sources, same_means_as: int | None = None) -> list[Block]:
    """A project's section; `same_means_as`: the rank of an earlier project with the same means, which
    are then not listed twice."""
    lever = action.lever
    rows = tuple((spans(r.detail), spans(fr.signed(r.points))) for r in action.reasons)
    blocks: list[Block] = [
        Heading(3, f"{action.rank}. {lever.title}", f"projet-{action.rank}"),
        Para(spans(lead(lever.summary))),
        Table(("Pourquoi ce projet", "Points"), rows + ((spans(bold("Total")), spans(bold(fr.number(action.score)))),), ("l", "r")),
    ]
    if action.tie:
        blocks.append(Para(spans(italic(as_sentence(action.tie))), "note"))
    blocks += titled_items("Premières étapes", [spans(text_of(s)) for s in lever.first_steps], numbered=True)
    if same_means_as is not None:
        blocks.append(Para(spans(bold("Moyens pour la commune : "), f"les mêmes que pour le projet n° {same_means_as}.")))
    elif action.means:
        blocks.append(Para(spans(bold("Moyens pour la commune : "), SEMICOLON.join(m.lever.title for m in action.means), ".")))
    if action.programmes:
        line: list[Span | str] = [bold("Programmes (annexe A) : ")]
        for n, programme in enumerate(action.programmes):
            line += [SEMICOLON if n else "", Span(short_name(programme), "", f"#programme-{programme.id}")]
        blocks.append(Para(spans(*line, ".")))
    cases = [
        spans(Span(m.example.name, "b", f"#cas-{m.example.id}"), " ", dim(f"({m.why})"), " ", sources.refs((m.example.source,)))
        for m in document_cases(action)
    ]
    if cases:
        blocks += titled_items("Cas réels comparables (annexe B)", cases)
    blocks.append(Para(spans(italic("Sources : "), sources.refs(lever.advice_sources)), "note"))
    return blocks


def document_cases(action: Action) -> list:
    """The comparable cases the document shows under a project: those that carried out this very
    project, else the closest others; those in the commune itself are in the synthesis."""
    comparable = [m for m in action.examples if not m.here]
    own = [m for m in comparable if action.lever.id in m.example.levers]
    return (own or comparable)[:DOCUMENT_CASES]


def coverage(plan: Plan) -> list[Block]:
    if not plan.coverage:
        return []
    items = []
    for need, found in plan.coverage.items():
        label = bold(MISSING_SERVICES.label(need))
        if isinstance(found, Uncovered):
            items.append(spans(label, f" : non couvert — {found.note}. À qui s'adresser : {found.ask}."))
        else:
            items.append(spans(label, f" : projet{'s' if len(found) > 1 else ''} n° {', '.join(map(str, found))}"))
    return [Heading(3, "Couverture des besoins déclarés"), Items(tuple(items))]


# --- annexes --------------------------------------------------------------------------------------


def programmes_annex(plan: Plan, sources: Sources, today: dt.date) -> list[Block]:
    seen: dict[str, Programme] = {}
    for action in plan.actions:
        for programme in action.programmes:
            seen.setdefault(programme.id, programme)
    if not seen:
        return []
    blocks: list[Block] = [Heading(3, "A. Programmes cités", "annexe-programmes")]
    for programme in seen.values():
        blocks += programme_blocks(programme, 4, sources, today)
    return blocks


def cases_annex(plan: Plan, sources: Sources) -> list[Block]:
    """Each case cited, once: where, what, and what the local authority did (its first sentence)."""
    seen = {case.id: case for case in here_cases(plan)}
    for action in plan.actions:
        for match in document_cases(action):
            seen.setdefault(match.example.id, match.example)
    if not seen:
        return []
    blocks: list[Block] = [
        Heading(3, "B. Cas réels cités", "annexe-cas"),
        Para(spans("Pour chaque cas : ce qu'a fait la collectivité."), "note"),
    ]
    for case in seen.values():
        blocks.append(Heading(4, case_title(case), f"cas-{case.id}"))
        blocks.append(Para(spans(
            dim(case_details(case, sectors=False) + ". "), lead(case.authority_action), " ", sources.refs((case.source,))
        )))
    return blocks


def method_annex(plan: Plan, knowledge: Knowledge, sources: Sources) -> list[Block]:
    return [Heading(3, "C. Méthode", "annexe-methode"), *method_blocks(4, knowledge, plan, sources)]


def method_blocks(
    level: int, knowledge: Knowledge | None = None, plan: Plan | None = None, sources: Sources | None = None,
) -> list[Block]:
    """The « Méthode » (`essrural.method.sections`) as blocks, its sections at heading `level`: in
    full for `diagnose --explain` and the README; short, for the plan's annex, when given the
    document's `sources`, which number what a section cites."""
    blocks: list[Block] = []
    for section in sections(knowledge, plan, brief=sources is not None):
        blocks.append(Heading(level, section.title))
        for i, text in enumerate(section.paragraphs):
            if section.cites and sources and i == len(section.paragraphs) - 1:  # « … l'administration [140]. »
                blocks.append(Para(spans(text, " ", sources.refs(section.cites), ".")))
            else:
                blocks.append(Para(spans(text)))
        if section.table:
            blocks.append(Table(section.table_header, tuple((spans(c), spans(p)) for c, p in section.table), ("l", "r")))
        if section.bullets:
            blocks.append(Items(tuple(spans(b) for b in section.bullets)))
    return blocks


def sources_annex(sources: Sources) -> list[Block]:
    """Every source once, numbered as cited; the sheet the base starts from, the article the method
    follows (unless the method annex already cited it) and the commune list's licence are cited like
    the others."""
    followed = () if CRPA_URL in sources.urls else (
        " ; la méthode suit l'article R311-3-1-2 du code des relations entre le public et l'administration ",
        sources.refs((CRPA_URL,)),
    )
    sheet = sources.refs((SHEET_URL,))
    blocks: list[Block] = [Heading(3, "D. Sources", "annexe-sources")]
    blocks.append(Para(spans(
        "La base part de la fiche 20 « Économie sociale et solidaire & ruralité(s) » du Kit MunicipalESS du RTES ",
        sheet, *followed, ". ", COMMUNES_ATTRIBUTION, " Les descriptions de la base sont rédigées par les contributeurs "
        "d'essrural à partir des sources citées ; pour un programme dont la base connaît la page qui date "
        "l'information, le document cite cette page et sa page de référence, et les autres pages sur lesquelles la "
        "fiche repose sont dans la base (fichier programmes.yaml).",
    ), "note"))
    blocks += sources.blocks()
    return blocks
