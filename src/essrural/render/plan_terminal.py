"""The plan in the terminal: readable at 80 columns, colour only where the terminal wants it."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich import box
from rich.table import Table
from rich.text import Text

from ..knowledge import Knowledge
from ..plan import Action, Plan, Uncovered
from ..method import Section, sections
from ..vocabulary import ASSETS, BUDGETS, DURATIONS, FAMILIES, MISSING_SERVICES, SECTORS
from ..weights import STALE_DAYS
from .. import frenchfmt as fr
from .plan_markdown import title
from .prose import Prose, hanging, label_grid
from ..text import SEMICOLON


def _indent(renderable, n: int = 2) -> Padding:
    return Padding(renderable, (0, 0, 0, n), expand=False)


def _numbered(items: list[str], bullet: str | None = None) -> Table:
    return hanging([(bullet or f"{i}.", item) for i, item in enumerate(items, 1)])


def print_plan(plan: Plan, console: Console) -> None:
    console.print(Prose(title(plan), style="bold"))
    p = plan.profile
    facts = []
    if p.population:
        facts.append(f"{fr.number(p.population)} habitants")
    if plan.place.epci_name:
        facts.append(f"intercommunalité : {plan.place.epci_name}")
    if facts:
        console.print(Prose(" · ".join(facts), style="dim"))
    console.print(Prose("Projets proposés : une aide à la réflexion, pas une décision.", style="dim"))
    console.print()
    console.print(Text("Pour commencer", style="bold"))
    for n, step in enumerate(plan.start, 1):
        console.print(_indent(Prose(f"{n}. {step.title}", style="bold")))
        console.print(_indent(Prose(f"{step.who}. {step.why}"), 5))
    if not plan.actions:
        console.print()
        console.print(
            Prose(
                "Aucun projet de la base ne correspond à ces réponses. Précisez les services qui manquent, "
                "les atouts de la commune ou des secteurs prioritaires."
            )
        )
        return
    fitting = "adapté" if plan.relevant <= 1 else "adaptés"
    counts = (
        f"{fr.count(len(plan.actions), 'projet')} sur {plan.relevant} {fitting} "
        f"({fr.count(plan.considered, 'levier examiné', 'leviers examinés')})."
    )
    console.print(Prose(counts, style="dim"))
    for action in plan.actions:
        console.print()
        print_action(action, console)
    if plan.coverage or plan.unused:
        console.print()
        console.print(Text("Couverture des besoins déclarés", style="bold"))
        for need, found in plan.coverage.items():
            if isinstance(found, Uncovered):
                text = f"non couvert — {found.note}. À qui s'adresser : {found.ask}."
            else:
                text = f"projet{'s' if len(found) > 1 else ''} n° {', '.join(map(str, found))}"
            console.print(_indent(Prose(text, label=f"{MISSING_SERVICES.label(need)} : ", label_style="bold")))
        for unused in plan.unused:
            text = (
                f"aucun projet présenté ne s'en sert ; « {unused.lever.title} » le ferait "
                f"(essrural diagnose … --top {unused.position})."
                if unused.lever is not None
                else "aucun projet de la base ne s'en sert pour ces besoins."
            )
            console.print(_indent(Prose(text, label=f"{ASSETS.label(unused.asset)} : ", label_style="bold")))
    console.print()
    console.print(Text("La méthode de classement : essrural diagnose --explain", style="dim"))


def print_action(a: Action, console: Console) -> None:
    lever = a.lever
    console.print(Prose(f"{a.rank}. {lever.title}", style="bold"))
    console.print(
        _indent(
            Prose(
                f"{FAMILIES.label(lever.family)} · {fr.number(a.score)} points · budget "
                f"{BUDGETS.label(lever.budget)} · {DURATIONS.label(lever.duration)}",
                style="dim",
            )
        )
    )
    reasons = hanging([(fr.signed(r.points), r.detail) for r in a.reasons], marker_style="cyan")
    console.print(_indent(Text("Pourquoi :", style="italic")))
    console.print(_indent(reasons, 4))
    if a.tie:
        console.print(_indent(Prose(a.tie[:1].upper() + a.tie[1:] + ".", style="dim"), 4))
    if a.means:
        console.print(_indent(Text("Moyens :", style="italic")))
        console.print(_indent(hanging([("•", f"{m.lever.title} ({m.why})") for m in a.means]), 4))
    console.print(_indent(Text("Premières étapes :", style="italic")))
    console.print(_indent(_numbered(lever.first_steps), 4))
    console.print(_indent(Prose(SEMICOLON.join(lever.partners), label="Partenaires : ", label_style="italic")))
    if a.programmes:
        from ..clock import today

        names = SEMICOLON.join(f"{g.name} ({fr.source_note(g.as_of, g.status, today(), STALE_DAYS)})" for g in a.programmes)
        console.print(_indent(Prose(names, label="Programmes : ", label_style="italic")))
    if a.examples:
        console.print(_indent(Text("Cas réels :", style="italic")))
        for m in a.examples:
            ex = m.example
            here = "Déjà ici : " if m.here else ""
            head = _numbered([f"{here}{ex.name} — {fr.place(ex.commune, ex.departement, ex.population)}"], "•")
            console.print(_indent(head, 4))
            console.print(_indent(Prose(m.why, style="dim"), 6))
            console.print(" " * 6 + ex.source, soft_wrap=True, style="dim")


def print_method(console: Console, knowledge: Knowledge | None = None, plan: Plan | None = None) -> None:
    console.print(Text("Méthode", style="bold"))
    for section in sections(knowledge, plan):
        console.print()
        print_section(section, console)


def print_section(section: Section, console: Console) -> None:
    console.print(Text(section.title, style="bold"))
    for paragraph in section.paragraphs:
        console.print(_indent(Prose(paragraph)))
    if section.table:
        table = Table(show_header=True, header_style="bold", box=box.SIMPLE_HEAD)
        table.add_column(section.table_header[0])
        table.add_column(section.table_header[1], justify="right", no_wrap=True)
        for criterion, points in section.table:
            table.add_row(Prose(criterion), points)
        console.print(_indent(table))
    if section.bullets:
        console.print(_indent(_numbered(list(section.bullets), "•")))


def print_profile_summary(plan_profile, console: Console, official=None) -> None:
    """The answers, for the questionnaire's confirmation step."""
    p = plan_profile
    commune = (p.commune or "") + (f" ({p.departement})" if p.departement else "")
    if official is not None:
        commune += f", code INSEE {official.insee}"
    else:
        commune += " (hors liste officielle)"
    rows = [("Commune", commune)]
    if official is not None and official.epci:
        rows.append(("Intercommunalité", official.epci.name))
    rows += [
        ("Population", f"{fr.number(p.population)} habitants" if p.population else "non précisée"),
        ("Services manquants", SEMICOLON.join(MISSING_SERVICES.label(i) for i in p.missing_services) or "aucun"),
        ("Atouts", SEMICOLON.join(ASSETS.label(i) for i in p.assets) or "aucun"),
        ("Priorités", SEMICOLON.join(SECTORS.label(i) for i in p.priorities) or "aucune"),
    ]
    console.print(label_grid(rows))
