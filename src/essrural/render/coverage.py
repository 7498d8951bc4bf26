"""The report of `essrural data check`: what was read and where the base is thin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..knowledge import Knowledge
from ..text import SEMICOLON
from ..vocabulary import ASSETS, FAMILIES, MISSING_SERVICES, SECTORS

THIN = 3  # fewer levers or examples than this in a sector is shown as a gap


class Coverage:
    """Counts that show at a glance where the base is thin."""

    def __init__(self, k: Knowledge):
        levers = list(k.levers.values())
        self.levers_per_family = _count((lv.family for lv in levers), FAMILIES.ids)
        self.levers_per_sector = _count((s for lv in levers for s in lv.sectors), SECTORS.ids)
        self.examples_per_sector = _count((s for ex in k.examples.values() for s in ex.sectors), SECTORS.ids)
        self.levers_per_need = _count((n for lv in levers for n in lv.addresses), MISSING_SERVICES.ids)
        self.levers_per_asset = _count((a for lv in levers for a in lv.uses), ASSETS.ids)
        self.levers_without_example = [lv.id for lv in levers if not k.examples_by_lever.get(lv.id)]
        self.programmes = len(k.programmes)


def _count(ids: Iterable[str], vocabulary_ids: list[str]) -> dict[str, int]:
    counter = Counter(ids)
    return {i: counter.get(i, 0) for i in vocabulary_ids}


def print_report(knowledge: Knowledge, console: Console, warnings: list | None = None) -> None:
    """The summary of a valid base; `warnings` (weak sources) are listed at the end, one per line."""
    cov = Coverage(knowledge)
    console.print(Text("Base de connaissances valide.", style="bold green"))
    console.print(
        f"{len(knowledge.files)} fichier(s) lu(s) : {len(knowledge.levers)} leviers, "
        f"{len(knowledge.examples)} cas réels, {cov.programmes} programmes."
    )
    for name in knowledge.files:
        console.print(Text(f"  {name}", style="dim"))

    console.print()
    families = Table(title="Leviers par famille", title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    families.add_column("Famille")
    families.add_column("Leviers", justify="right")
    for family, n in cov.levers_per_family.items():
        families.add_row(FAMILIES.label(family), _cell(n))
    console.print(families)

    console.print()
    sectors = Table(title="Couverture par secteur", title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    sectors.add_column("Secteur")
    sectors.add_column("Leviers", justify="right")
    sectors.add_column("Cas réels", justify="right")
    for sector in SECTORS.ids:
        sectors.add_row(
            f"{sector} ({SECTORS.label(sector)})",
            _cell(cov.levers_per_sector[sector]),
            _cell(cov.examples_per_sector[sector]),
        )
    console.print(sectors)

    gaps = [MISSING_SERVICES.label(n) for n, c in cov.levers_per_need.items() if c == 0]
    unused = [ASSETS.label(a) for a, c in cov.levers_per_asset.items() if c == 0]
    console.print()
    if gaps:
        console.print(Text("Besoins sans levier : " + SEMICOLON.join(gaps), style="yellow"))
    if unused:
        console.print(Text("Atouts qu'aucun levier n'utilise : " + SEMICOLON.join(unused), style="yellow"))
    if cov.levers_without_example:
        console.print(
            Text(
                f"Leviers sans cas réel ({len(cov.levers_without_example)}) : "
                + ", ".join(cov.levers_without_example),
                style="yellow",
            )
        )
    if not (gaps or unused or cov.levers_without_example):
        console.print("Chaque besoin a un levier, chaque atout sert, chaque levier a un cas réel.")
    if warnings:
        console.print()
        console.print(Text(f"Sources à remplacer par la page de l'éditeur d'origine ({len(warnings)}) :", style="yellow"))
        for warning in warnings:
            console.print(Text(str(warning)), soft_wrap=True)


def _cell(n: int) -> Text:
    return Text(str(n), style="yellow" if n < THIN else "")
