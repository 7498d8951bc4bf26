"""`essrural commune`: one commune in detail, or the candidates to choose from (plain text)."""

from __future__ import annotations

from .. import frenchfmt as fr
from .plaintext import BOLD, DIM, Out

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..communes import Commune, Match


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


def print_commune(commune: Commune, out: Out, note: str | None = None) -> None:
    out.line(commune.label, BOLD)
    if note:
        out.line(note, DIM)
    population = f"{fr.number(commune.population)} habitants" if commune.population is not None else "non connue"
    epci = commune.epci
    rows = [
        ("Code INSEE", commune.insee),
        ("Codes postaux", ", ".join(commune.postcodes) or "aucun"),
        ("Région", commune.region_name),
        ("Population", population),
        ("Intercommunalité", f"{epci.name} ({epci.n_communes} communes, {fr.number(epci.population)} habitants)" if epci else "aucune"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    for label, value in rows:
        out.para(value, first=label.ljust(width), first_style=BOLD)


def print_candidates(query: str, matches: list[Match], out: Out, exact: bool) -> None:
    if exact:
        out.line(f"{len(matches)} communes correspondent à « {query} » :", BOLD)
    else:
        out.line(f"Aucune commune ne s'appelle exactement « {query} ». Vouliez-vous dire :", BOLD)
    rows = [("INSEE", "Commune", "Département", "Habitants")]
    for match in matches:
        c = match.commune
        population = fr.number(c.population) if c.population is not None else "—"
        rows.append((c.insee, c.name, f"{c.departement_name} ({c.departement})", population))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out.line()
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3].rjust(widths[3])]
        out.line("  " + "  ".join(cells), BOLD if n == 0 else "")
    out.line()
    out.line('Précisez avec le code INSEE, ou le nom suivi du département : essrural commune "Nom (41)"', DIM)
