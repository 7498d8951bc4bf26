"""The detail of one lever in the terminal: `essrural levers ID`."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from ..engine import population_range_text
from ..vocabulary import ASSETS, BUDGETS, DURATIONS, FAMILIES, MISSING_SERVICES
from .. import frenchfmt as fr
from .listing import sector_labels
from .prose import Prose, label_grid
from ..text import SEMICOLON

from ..clock import today
from ..knowledge import Knowledge, Lever, Programme
from ..weights import STALE_DAYS


def lever_detail(lever: Lever, knowledge: Knowledge, console: Console) -> None:
    console.print(Prose(lever.title, style="bold"))
    console.print(Prose(f"{lever.id} · famille : {FAMILIES.label(lever.family)}", style="dim"))
    console.print()
    console.print(Prose(lever.summary))
    console.print()
    rows = [("Secteurs", sector_labels(lever.sectors))]
    if lever.addresses:
        rows.append(("Répond à", SEMICOLON.join(MISSING_SERVICES.label(i) for i in lever.addresses)))
    if lever.uses:
        rows.append(("S'appuie sur", SEMICOLON.join(ASSETS.label(i) for i in lever.uses)))
    if lever.population:
        rows.append(("Taille de commune", population_range_text(lever.population)))
    rows += [("Budget", BUDGETS.label(lever.budget)), ("Délai", DURATIONS.label(lever.duration))]
    console.print(label_grid(rows))
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
        console.print(Padding(Prose("Aucun cas réel dans la base pour l'instant."), (0, 0, 0, 2)))
    for example in examples:
        line = Prose(f"• {example.name} — {fr.place(example.commune, example.departement, example.population)}")
        console.print(Padding(line, (0, 0, 0, 2)))
    _sources(console, lever.sources)


def programme_text(programme: Programme) -> Group:
    details = [f"Éligibilité : {programme.eligibility}"]
    if programme.rates:
        details.append(f"Montants : {programme.rates}")
    details.append(f"Candidature : {programme.applications}")
    return Group(
        Prose(f"— {programme.funds}", label=f"• {programme.name} ", label_style="bold"),
        *(Padding(Prose(detail), (0, 0, 0, 2)) for detail in details),
        Padding(Prose(f"{source_note(programme)} · {programme.source}", style="dim"), (0, 0, 0, 2)),
    )


def source_note(programme: Programme) -> str:
    note = fr.source_note(programme.as_of, programme.status, today(), STALE_DAYS)
    return note[0].upper() + note[1:]


def _bullets(console: Console, title: str, items: list[str], numbered: bool = False) -> None:
    if not items:
        return
    console.print()
    console.print(Text(title, style="bold"))
    for i, item in enumerate(items, 1):
        mark = f"{i}." if numbered else "•"
        console.print(Padding(Prose(f"{mark} {item}"), (0, 0, 0, 2)))


def _sources(console: Console, sources: list[str]) -> None:
    console.print()
    console.print(Text("Sources", style="bold"))
    for source in sources:
        console.print(f"  {source}", soft_wrap=True)


