"""`essrural commune`: one commune in detail, or the candidates to choose from (plain text)."""

from __future__ import annotations

from .. import frenchfmt as fr
from ..communes import FOUND_BY_CODE, found_by_code
from .plaintext import BOLD, DIM, Out

from ..knowledge import Region
from ..text import with_website

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..communes import Commune, Match


def commune_dict(commune: Commune, regions: dict | None = None) -> dict:
    epci = commune.epci
    region = (regions or {}).get(commune.region)
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
        "ess_network": None if region is None else network_dict(region, commune.departement),
    }


def network_dict(region: Region, departement: str) -> dict:
    """The ESS support network of a commune's region and département, as the knowledge base knows it."""
    return {
        "cress": None if region.cress is None else {"name": region.cress.name, "website": region.cress.website},
        "dla": None if region.dla is None else {"regional": region.dla.regional, "website": region.dla.website},
        "france_active": [{"name": name, "website": website} for name, website in region.france_active_for(departement)],
        "schemes": [
            {"id": s.id, "name": s.name, "kind": s.kind, "status": s.status, "as_of": s.as_of}
            for s in region.schemes_for(departement)
        ],
    }


def network_rows(region: Region, departement: str) -> list[tuple[str, str]]:
    rows = []
    if region.cress is not None:
        rows.append(("CRESS", with_website(region.cress.name, region.cress.website)))
    else:
        rows.append(("CRESS", "aucune en activité confirmée dans la base"))
    if region.dla is not None:
        rows.append(("DLA", region.dla.regional or "le DLA du département (info-dla.fr)"))
    for name, website in region.france_active_for(departement):
        rows.append(("France Active", with_website(name, website)))
    for scheme in region.schemes_for(departement):
        rows.append(("Département" if scheme.departements else "Région", f"{scheme.name} ({fr.status_and_date(scheme.status, scheme.as_of)})"))
    return rows


def print_commune(commune: Commune, out: Out, note: str | None = None, regions: dict | None = None) -> None:
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
    region = (regions or {}).get(commune.region)
    network = network_rows(region, commune.departement) if region is not None else []
    width = max(len(label) for label, _ in rows + network) + 2
    for label, value in rows:
        out.para(value, first=label.ljust(width), first_style=BOLD)
    if network:
        out.line()
        out.line("Réseau d'accompagnement de l'ESS de la région", BOLD)
        for label, value in network:
            out.para(value, first=label.ljust(width), first_style=BOLD)


def print_candidates(query: str, matches: list[Match], out: Out, exact: bool) -> None:
    if exact:
        out.line(f"{len(matches)} communes correspondent à « {query} » :", BOLD)
    else:
        out.line(f"Aucune commune ne s'appelle exactement « {query} ». Vouliez-vous dire :", BOLD)
    by_code = found_by_code(matches)
    rows = [("INSEE", "Commune", "Département", "Habitants") + (("Trouvée par",) if by_code else ())]
    for match in matches:
        c = match.commune
        population = fr.number(c.population) if c.population is not None else "—"
        found_by = (FOUND_BY_CODE.get(match.how, "nom"),) if by_code else ()
        rows.append((c.insee, c.name, f"{c.departement_name} ({c.departement})", population) + found_by)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out.line()
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3].rjust(widths[3])] + [c.ljust(w) for c, w in zip(row[4:], widths[4:])]
        out.line(("  " + "  ".join(cells)).rstrip(), BOLD if n == 0 else "")
    out.line()
    if by_code:
        first = matches[0].commune
        out.line(f'Précisez avec le nom suivi du département, par exemple : essrural commune "{first.name} ({first.departement})"', DIM)
    else:
        out.line('Précisez avec le code INSEE, ou le nom suivi du département : essrural commune "Nom (41)"', DIM)
