"""Terminal and Markdown renderings of levers and case studies."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich import box
from rich.table import Table
from rich.text import Text

from ..knowledge import Knowledge
from ..models import CaseStudy, Lever, Programme
from ..vocabulary import BUDGETS, DURATIONS, FAMILIES, SECTORS, ASSETS, MISSING_SERVICES
from . import frenchfmt as fr
from .mdtext import inline, link, paragraph


def sector_labels(ids: list[str]) -> str:
    return ", ".join(SECTORS.label(i) for i in ids)


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


# --- levers --------------------------------------------------------------


def levers_table(levers: list[Lever], console: Console, heading: str) -> None:
    console.print(Text(heading, style="bold"))
    if not levers:
        console.print("Aucun levier ne correspond à ces filtres.")
        return
    table = Table(show_header=True, header_style="bold", box=box.SIMPLE_HEAD)
    table.add_column("Identifiant", no_wrap=True, style="bold")
    table.add_column("Levier")
    for lever in levers:
        title = Text(lever.title)
        title.append(f"\n{lever.family} · {', '.join(lever.sectors)}", style="dim")
        table.add_row(lever.id, title)
    console.print(table)
    console.print(Text("Détail d'un levier : essrural levers ID", style="dim"))


def lever_detail(lever: Lever, knowledge: Knowledge, console: Console) -> None:
    console.print(Text(lever.title, style="bold"))
    console.print(Text(f"{lever.id} · famille : {FAMILIES.label(lever.family)}", style="dim"))
    console.print()
    console.print(lever.summary)
    console.print()
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Secteurs", sector_labels(lever.sectors))
    if lever.addresses:
        facts.add_row("Répond à", "; ".join(MISSING_SERVICES.label(i) for i in lever.addresses))
    if lever.uses:
        facts.add_row("S'appuie sur", "; ".join(ASSETS.label(i) for i in lever.uses))
    if lever.population:
        facts.add_row("Taille de commune", lever.population.french())
    facts.add_row("Budget", BUDGETS.label(lever.budget))
    facts.add_row("Délai", DURATIONS.label(lever.duration))
    console.print(facts)
    _bullets(console, "Premières étapes", lever.first_steps, numbered=True)
    _bullets(console, "Partenaires et réseaux", lever.partners)
    _bullets(console, "Cadre juridique", lever.legal)
    _bullets(console, "Points de vigilance", lever.cautions)
    programmes = [knowledge.programmes[p] for p in lever.programmes if p in knowledge.programmes]
    if programmes:
        console.print()
        console.print(Text("Programmes mobilisables", style="bold"))
        for programme in programmes:
            console.print(Padding(programme_text(programme), (0, 0, 0, 2)))
    examples = knowledge.examples_by_lever.get(lever.id, [])
    console.print()
    console.print(Text(f"Cas réels ({len(examples)})", style="bold"))
    if not examples:
        console.print(Padding("Aucun cas réel dans la base pour l'instant.", (0, 0, 0, 2)))
    for example in examples:
        line = Text(f"• {example.name} — {fr.place(example.commune, example.departement, example.population)}")
        console.print(Padding(line, (0, 0, 0, 2)))
    _sources(console, lever.sources)


def programme_text(programme: Programme) -> Text:
    text = Text(f"• {programme.name}", style="bold")
    text.append(f" — {programme.funds}", style="")
    text.append(f"\n  Éligibilité : {programme.eligibility}")
    if programme.rates:
        text.append(f"\n  Montants : {programme.rates}")
    text.append(f"\n  Candidature : {programme.applications}")
    text.append(f"\n  Vérifié le {fr.date(programme.verified)} · {programme.source}", style="dim")
    return text


def _bullets(console: Console, title: str, items: list[str], numbered: bool = False) -> None:
    if not items:
        return
    console.print()
    console.print(Text(title, style="bold"))
    for i, item in enumerate(items, 1):
        mark = f"{i}." if numbered else "•"
        console.print(Padding(Text(f"{mark} {item}"), (0, 0, 0, 2)))


def _sources(console: Console, sources: list[str]) -> None:
    console.print()
    console.print(Text("Sources", style="bold"))
    for source in sources:
        console.print(f"  {source}", soft_wrap=True)


def levers_markdown(levers: list[Lever], knowledge: Knowledge, heading: str) -> str:
    out = [f"# {inline(heading)}", ""]
    for lever in levers:
        out += [f"## {inline(lever.title)}", "", f"`{lever.id}` · {inline(FAMILIES.label(lever.family))} · "
                f"{inline(sector_labels(lever.sectors))}", "", paragraph(lever.summary), ""]
        out += _md_list("Premières étapes", lever.first_steps, numbered=True)
        out += _md_list("Partenaires et réseaux", lever.partners)
        out += _md_list("Cadre juridique", lever.legal)
        out += _md_list("Points de vigilance", lever.cautions)
        out += ["**Sources**", ""] + [f"- {link(s)}" for s in lever.sources] + [""]
    return "\n".join(out).rstrip() + "\n"


def _md_list(title: str, items: list[str], numbered: bool = False) -> list[str]:
    if not items:
        return []
    lines = [f"**{title}**", ""]
    lines += [f"{i}. {inline(x)}" if numbered else f"- {inline(x)}" for i, x in enumerate(items, 1)]
    return lines + [""]


# --- case studies --------------------------------------------------------


def print_example(example: CaseStudy, console: Console, indent: int = 0) -> None:
    """One case study as a short card: who, where, what, what the authority did, source."""
    head = Text(example.name, style="bold")
    head.append(f" — {fr.place(example.commune, example.departement, example.population)}")
    details = [sector_labels(example.sectors)] + [str(x) for x in (example.legal_form, example.year) if x]
    action = Text("Rôle de la collectivité : ", style="italic")
    action.append(example.authority_action, style="")
    console.print(Padding(head, (0, 0, 0, indent)))
    for part in (Text(" · ".join(details), style="dim"), Text(example.summary), action):
        console.print(Padding(part, (0, 0, 0, indent + 2)))
    console.print(" " * (indent + 2) + f"Source : {example.source}", soft_wrap=True)


def examples_cards(examples: list[CaseStudy], console: Console, heading: str) -> None:
    console.print(Text(heading, style="bold"))
    if not examples:
        console.print("Aucun cas réel ne correspond à ces filtres.")
        return
    for example in examples:
        console.print()
        print_example(example, console)


def examples_markdown(examples: list[CaseStudy], heading: str) -> str:
    out = [f"# {inline(heading)}", ""]
    for example in examples:
        out += [f"## {inline(example.name)} — {inline(fr.place(example.commune, example.departement, example.population))}", ""]
        details = [sector_labels(example.sectors)] + [x for x in (example.legal_form, example.year) if x]
        out += [paragraph(" · ".join(str(d) for d in details)), "", paragraph(example.summary), ""]
        out += [f"**Rôle de la collectivité** : {inline(example.authority_action)}", ""]
        out += _md_list("Résultats", example.outcomes)
        out += [f"**Source** : {link(example.source)}", ""]
    return "\n".join(out).rstrip() + "\n"


def examples_heading(n: int, sector: str | None, lever: str | None, search: str | None) -> str:
    filters = []
    if sector:
        filters.append(f"secteur : {SECTORS.label(sector)}")
    if lever:
        filters.append(f"levier : {lever}")
    if search:
        filters.append(f"recherche : « {search} »")
    text = _count(n, "cas réel", "cas réels")
    return text + (f" ({'; '.join(filters)})" if filters else "")


def levers_heading(n: int, family: str | None, sector: str | None) -> str:
    filters = []
    if family:
        filters.append(f"famille : {FAMILIES.label(family)}")
    if sector:
        filters.append(f"secteur : {SECTORS.label(sector)}")
    text = _count(n, "levier", "leviers")
    return text + (f" ({'; '.join(filters)})" if filters else "")
