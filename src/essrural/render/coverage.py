"""The report of `essrural data check`: what was read and where the base is thin."""

from __future__ import annotations

from rich.console import Console
from rich import box
from rich.table import Table
from rich.text import Text

from ..knowledge import Knowledge
from ..vocabulary import ASSETS, FAMILIES, MISSING_SERVICES, SECTORS
from ..text import SEMICOLON

THIN = 3  # fewer levers or examples than this in a sector is shown as a gap


def print_report(knowledge: Knowledge, console: Console) -> None:
    cov = knowledge.coverage()
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
        families.add_row(FAMILIES.label(family), _count(n))
    console.print(families)

    console.print()
    sectors = Table(title="Couverture par secteur", title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    sectors.add_column("Secteur")
    sectors.add_column("Leviers", justify="right")
    sectors.add_column("Cas réels", justify="right")
    for sector in SECTORS.ids:
        sectors.add_row(
            f"{sector} ({SECTORS.label(sector)})",
            _count(cov.levers_per_sector[sector]),
            _count(cov.examples_per_sector[sector]),
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


def _count(n: int) -> Text:
    return Text(str(n), style="yellow" if n < THIN else "")
