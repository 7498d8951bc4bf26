"""What `levers`, `examples` and `diagnose` print, in each format, for both entry points.

Why: the Typer CLI and the fast path (`essrural.fastpath`) must print exactly
the same thing; both call these functions once the options are understood and
the knowledge is loaded.
"""

from __future__ import annotations

import sys

from .knowledge import Knowledge
from .plan import Plan


def show_levers(knowledge: Knowledge, family: str | None, sector: str | None, fmt: str) -> None:
    from .browse import select_levers
    from .render import listing

    chosen = select_levers(knowledge, family, sector)
    heading = listing.levers_heading(len(chosen), family, sector)
    if fmt == "json":
        from .render.jsonout import listing as json_listing

        sys.stdout.write(json_listing(chosen))
    elif fmt == "markdown":
        sys.stdout.write(listing.levers_markdown(chosen, knowledge, heading))
    else:
        from .render.plaintext import Out

        listing.levers_table(chosen, Out(), heading)


def show_lever(knowledge: Knowledge, lever_id: str, fmt: str) -> None:
    from .render import listing

    lever = knowledge.levers[lever_id]
    if fmt == "json":
        from .render.jsonout import listing as json_listing

        sys.stdout.write(json_listing([lever]))
    elif fmt == "markdown":
        sys.stdout.write(listing.levers_markdown([lever], knowledge, lever.title))
    else:
        from .render.console import make_console
        from .render.lever_view import lever_detail

        lever_detail(lever, knowledge, make_console())


def show_examples(knowledge: Knowledge, sector: str | None, lever: str | None, search: str | None, fmt: str) -> None:
    from .browse import select_examples
    from .render import listing

    chosen = select_examples(knowledge, sector, lever, search)
    heading = listing.examples_heading(len(chosen), sector, lever, search)
    if fmt == "json":
        from .render.jsonout import listing as json_listing

        sys.stdout.write(json_listing(chosen))
    elif fmt == "markdown":
        sys.stdout.write(listing.examples_markdown(chosen, heading))
    else:
        from .render.plaintext import Out

        listing.examples_cards(chosen, Out(), heading)


def plan_text(plan: Plan, knowledge: Knowledge, fmt: str) -> str:
    """The plan as a JSON or Markdown document."""
    if fmt == "json":
        from .render.plan_json import render as render_json

        return render_json(plan)
    from .clock import today
    from .render.plan_markdown import render as render_markdown

    return render_markdown(plan, knowledge, today())


def show_commune(query: str, fmt: str, regions: dict | None = None) -> int:
    """A commune, the homonyms to choose from, or a message: the exit code (1 when nothing matches).

    `regions` (code → Region): the ESS network of the commune's region is shown with it."""
    from . import communes
    from .communes import clear_leader
    from .render.commune_view import commune_dict, print_candidates, print_commune
    from .render.plaintext import DIM, Out

    matches = communes.search(query, limit=10)
    if fmt == "json":
        from .render.jsonout import dumps

        sys.stdout.write(dumps([{**commune_dict(m.commune, regions), "match": m.how} for m in matches]))
        return 0 if matches else 1
    if not matches:
        print(communes.no_match_message(query), file=sys.stderr)
        return 1
    out = Out()
    exact = [m for m in matches if m.how != "fuzzy"]
    if len(exact) == 1:
        found = exact[0].commune
        note = None
        if exact[0].how == "name" and communes.name_key(query) != communes.name_key(found.name):
            note = f"« {query} » est une commune déléguée ou une ancienne commune, aujourd'hui dans {found.name}."
        print_commune(found, out, note=note, regions=regions)
    elif exact:
        print_candidates(query, exact, out, exact=True)
    elif clear_leader(matches):
        print_commune(matches[0].commune, out, note=f"Correspondance approchée pour « {query} ».", regions=regions)
    else:
        print_candidates(query, matches, out, exact=False)
    out.para(communes.attribution(), style=DIM)
    return 0


def show_departement(code: str, fmt: str) -> None:
    """Every commune of a département: a table, JSON, or a CSV ready for `diagnose --batch`."""
    from . import communes
    from .errors import UserError
    from .render.commune_view import commune_dict

    found = communes.in_departement(code)
    if not found:
        known = communes.departements()
        raise UserError(f"département inconnu « {code} » : donnez un code (41, 2A, 974) ou un nom ({len(known)} départements).")
    if fmt == "json":
        from .render.jsonout import dumps

        sys.stdout.write(dumps([commune_dict(c) for c in found]))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["insee", "commune", "departement", "population"])
        writer.writerows([c.insee, c.name, c.departement, c.population if c.population is not None else ""] for c in found)
    else:
        from . import frenchfmt as fr
        from .render.plaintext import BOLD, DIM, Out

        out = Out()
        out.line(f"{len(found)} communes — {found[0].departement_name} ({found[0].departement})", BOLD)
        for c in found:
            population = fr.number(c.population) if c.population is not None else "—"
            out.line(f"  {c.insee}  {c.name}  {population} hab.")
        out.para(communes.attribution(), style=DIM)
