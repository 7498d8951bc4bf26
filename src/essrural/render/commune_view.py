"""`essrural commune`: one commune in detail, or the candidates to choose from."""

from __future__ import annotations

from rich.console import Console
from rich import box
from rich.table import Table
from rich.text import Text

from ..communes import Commune, Match
from . import frenchfmt as fr


def commune_dict(commune: Commune) -> dict:
    epci = commune.epci
    return {
        "insee": commune.insee,
        "name": commune.name,
        "departement": commune.departement,
        "departement_name": commune.departement_name,
        "region": commune.region,
        "region_name": commune.region_name,
        "postcodes": list(commune.postcodes),
        "population": commune.population,
        "epci": None if epci is None else {
            "code": epci.code, "name": epci.name, "communes": epci.n_communes, "population": epci.population,
        },
    }


def print_commune(commune: Commune, console: Console, note: str | None = None) -> None:
    console.print(Text(commune.label, style="bold"))
    if note:
        console.print(Text(note, style="dim"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Code INSEE", commune.insee)
    grid.add_row("Codes postaux", ", ".join(commune.postcodes) or "aucun")
    grid.add_row("Région", commune.region_name)
    grid.add_row("Population", f"{fr.number(commune.population)} habitants" if commune.population is not None else "non connue")
    if commune.epci:
        e = commune.epci
        grid.add_row("Intercommunalité", f"{e.name} ({e.n_communes} communes, {fr.number(e.population)} habitants)")
    else:
        grid.add_row("Intercommunalité", "aucune")
    console.print(grid)


def print_candidates(query: str, matches: list[Match], console: Console, exact: bool) -> None:
    if exact:
        console.print(Text(f"{len(matches)} communes correspondent à « {query} » :", style="bold"))
    else:
        console.print(Text(f"Aucune commune ne s'appelle exactement « {query} ». Vouliez-vous dire :", style="bold"))
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    table.add_column("INSEE", no_wrap=True)
    table.add_column("Commune")
    table.add_column("Département")
    table.add_column("Habitants", justify="right", no_wrap=True)
    for match in matches:
        c = match.commune
        table.add_row(c.insee, c.name, f"{c.departement_name} ({c.departement})", fr.number(c.population) if c.population is not None else "—")
    console.print(table)
    console.print(Text("Précisez avec le code INSEE, ou le nom suivi du département : essrural commune \"Nom (41)\"", style="dim"))
