"""The plan as a Markdown document a mayor can hand to the municipal council."""

from __future__ import annotations

import datetime as dt

from .. import __version__
from ..knowledge import Knowledge
from ..plan import Action, Plan, Uncovered
from ..method import Section, sections
from ..vocabulary import ASSETS, BUDGETS, DURATIONS, FAMILIES, MISSING_SERVICES, SECTORS
from ..weights import STALE_DAYS
from .. import frenchfmt as fr
from .mdtext import inline, link, paragraph, titled_list
from ..text import SEMICOLON

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


def render(plan: Plan, knowledge: Knowledge, today: dt.date) -> str:
    out: list[str] = [f"# {inline(title(plan))} — {fr.date(today)}", ""]
    out += [
        f"*Établi le {fr.date(today)} avec essrural {__version__}. Document d'aide à la réflexion pour le "
        "conseil municipal : il propose des pistes, il ne décide rien.*",
        "",
    ]
    out += _profile(plan)
    out += _start(plan)
    out += _summary(plan)
    for action in plan.actions:
        out += _action(action, today)
    out += _coverage(plan)
    out += ["## Méthode", ""]
    for section in sections(knowledge, plan):
        out += method_section(section, level=3)
    out += _sources(plan)
    return "\n".join(out).rstrip() + "\n"


def _profile(plan: Plan) -> list[str]:
    p, place = plan.profile, plan.place
    lines = ["## Profil de la commune", ""]
    commune = inline(p.commune or "non précisée")
    if p.departement:
        commune += f" ({inline(p.departement)})"
    if p.insee:
        commune += f", code INSEE {inline(p.insee)}"
    lines.append(f"- **Commune** : {commune}")
    if p.population:
        lines.append(f"- **Population** : {fr.number(p.population)} habitants")
    if place.region_name:
        lines.append(f"- **Région** : {inline(place.region_name)}")
    if place.epci_name:
        epci = inline(place.epci_name)
        if place.epci_communes:
            epci += f" ({place.epci_communes} communes"
            epci += f", {fr.number(place.epci_population)} habitants)" if place.epci_population else ")"
        lines.append(f"- **Intercommunalité** : {epci}")
    lines.append(f"- **Services qui manquent** : {_labels(MISSING_SERVICES, p.missing_services)}")
    lines.append(f"- **Atouts** : {_labels(ASSETS, p.assets)}")
    lines.append(f"- **Secteurs prioritaires** : {_labels(SECTORS, p.priorities)}")
    return lines + [""]


def _labels(vocabulary, ids) -> str:
    return inline(SEMICOLON.join(vocabulary.label(i) for i in ids)) if ids else "aucun"


def _start(plan: Plan) -> list[str]:
    lines = ["## Pour commencer", ""]
    for n, step in enumerate(plan.start, 1):
        lines.append(f"{n}. **{inline(step.title)}** — {inline(step.who)}. {inline(step.why)}")
    return lines + [""]


def _summary(plan: Plan) -> list[str]:
    lines = ["## Projets proposés", ""]
    if not plan.actions:
        return lines + [
            "Aucun projet de la base ne correspond à ces réponses. Précisez les services qui manquent, les "
            "atouts de la commune ou des secteurs prioritaires.",
            "",
        ]
    lines += [
        f"{fr.count(len(plan.actions), 'projet')} sur {plan.relevant} "
        f"qui {'correspond' if plan.relevant <= 1 else 'correspondent'} au profil "
        f"({fr.count(plan.considered, 'levier examiné', 'leviers examinés')}), "
        "du plus pertinent au moins pertinent.",
        "",
        "| Rang | Projet | Répond à | Points |",
        "| ---: | --- | --- | ---: |",
    ]
    for a in plan.actions:
        answers = inline(SEMICOLON.join(MISSING_SERVICES.label(n) for n in a.answers)) or "—"
        lines.append(f"| {a.rank} | {inline(a.lever.title)} | {answers} | {fr.number(a.score)} |")
    return lines + [""]


def _coverage(plan: Plan) -> list[str]:
    if not plan.coverage and not plan.unused:
        return []
    lines = ["## Couverture des besoins déclarés", ""]
    for need, found in plan.coverage.items():
        label = inline(MISSING_SERVICES.label(need))
        if isinstance(found, Uncovered):
            lines.append(f"- **{label}** : non couvert — {inline(found.note)}. À qui s'adresser : {inline(found.ask)}.")
        else:
            lines.append(f"- **{label}** : projet{'s' if len(found) > 1 else ''} n° {', '.join(map(str, found))}")
    for unused in plan.unused:
        label = inline(ASSETS.label(unused.asset))
        if unused.lever is not None:
            lines.append(
                f"- Atout **{label}** : aucun projet présenté ne s'en sert ; « {inline(unused.lever.title)} » le ferait "
                f"(essrural diagnose … --top {unused.position})."
            )
        else:
            lines.append(f"- Atout **{label}** : aucun projet de la base ne s'en sert pour ces besoins.")
    return lines + [""]


def _action(a: Action, today: dt.date) -> list[str]:
    lever = a.lever
    lines = [f"## {a.rank}. {inline(lever.title)}", ""]
    lines += [
        f"*Famille : {inline(FAMILIES.label(lever.family))} · Secteurs : "
        f"{inline(', '.join(SECTORS.label(s) for s in lever.sectors))} · Budget : {inline(BUDGETS.label(lever.budget))} · "
        f"Délai : {inline(DURATIONS.label(lever.duration))}*",
        "",
        paragraph(lever.summary),
        "",
        "**Pourquoi ce projet**",
        "",
        "| Raison | Points |",
        "| --- | ---: |",
    ]
    lines += [f"| {inline(r.detail)} | {fr.signed(r.points)} |" for r in a.reasons]
    lines += [f"| **Total** | **{fr.number(a.score)}** |", ""]
    if a.tie:
        lines += [f"*{inline(a.tie[:1].upper() + a.tie[1:])}.*", ""]
    if a.means:
        lines += ["**Moyens proposés**", ""]
        lines += [f"- {inline(m.lever.title)} *({inline(m.why)})*" for m in a.means]
        lines.append("")
    lines += titled_list("Premières étapes", lever.first_steps, numbered=True)
    lines += titled_list("Partenaires et réseaux", lever.partners)
    lines += titled_list("Cadre juridique", lever.legal)
    lines += titled_list("Points de vigilance", lever.cautions)
    if a.programmes:
        lines += ["**Programmes mobilisables**", ""]
        for g in a.programmes:
            text = f"- **{inline(g.name)}** : {inline(g.funds)} Éligibilité : {inline(g.eligibility)}"
            if g.rates:
                text += f" Montants : {inline(g.rates)}"
            text += f" Candidature : {inline(g.applications)} *({fr.source_note(g.as_of, g.status, today, STALE_DAYS)})* {link(g.source)}"
            lines.append(text)
        lines.append("")
    lines += ["**Cas réels comparables**", ""]
    if not a.examples:
        lines += ["Aucun cas réel comparable dans la base pour l'instant.", ""]
    for m in a.examples:
        ex = m.example
        here = "**Déjà ici** — " if m.here else ""
        lines.append(
            f"- {here}**{inline(ex.name)}** — {inline(fr.place(ex.commune, ex.departement, ex.population))} "
            f"*({inline(m.why)})*. Rôle de la collectivité : {inline(ex.authority_action)} Source : {link(ex.source)}"
        )
    return lines + [""]


def method_section(section: Section, level: int = 3) -> list[str]:
    lines = [f"{'#' * level} {inline(section.title)}", ""]
    for text in section.paragraphs:
        lines += [paragraph(text), ""]
    if section.table:
        lines += [f"| {section.table_header[0]} | {section.table_header[1]} |", "| --- | ---: |"]
        lines += [f"| {inline(c)} | {inline(p)} |" for c, p in section.table]
        lines.append("")
    if section.bullets:
        lines += [f"- {inline(b)}" for b in section.bullets] + [""]
    return lines


def _sources(plan: Plan) -> list[str]:
    lines = ["## Sources et attributions", ""]
    seen: list[str] = []
    for a in plan.actions:
        for url in list(a.lever.sources) + [m.example.source for m in a.examples] + [g.source for g in a.programmes]:
            if url not in seen:
                seen.append(url)
    if seen:
        lines += ["Sources des projets, des cas réels et des programmes cités :", ""]
        lines += [f"- {link(url)}" for url in seen] + [""]
    lines += [
        "- Fiche 20 « Économie sociale et solidaire & ruralité(s) », Kit MunicipalESS, RTES : "
        "<https://www.rtes.fr/ess-territoires-fragiles-politique-de-la-ville-rural>",
        f"- {inline(COMMUNES_ATTRIBUTION)}",
        "- essrural est un logiciel libre sous licence EUPL-1.2. Les descriptions de la base sont rédigées par "
        "ses contributeurs à partir des sources citées.",
        "",
    ]
    return lines
