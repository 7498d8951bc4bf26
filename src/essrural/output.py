"""What `levers`, `examples` and `diagnose` print, in each format, for both entry points.

Why: the Typer CLI and the fast path (`essrural.fastpath`) must print exactly
the same thing; both call these functions once the options are understood and
the knowledge is loaded.
"""

from __future__ import annotations

import sys

from .knowledge import Knowledge
from .plan import Plan


def silence_stdout() -> None:
    """Stdout to /dev/null: what is left in its buffer is dropped, and Python does not fail again
    (in English) flushing it at exit; for a closed pipe or a full disk, once reported."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def print_document(document, fmt: str = "table") -> None:
    """A document on stdout, as Markdown or as terminal text."""
    if fmt == "markdown":
        from .render.markdown import render

        sys.stdout.write(render(document))
    else:
        from .render.plaintext import Out
        from .render.text import render

        render(document, Out())


def show_levers(knowledge: Knowledge, family: str | None, sector: str | None, fmt: str) -> None:
    from .browse import select_levers
    from .render import listing

    chosen = select_levers(knowledge, family, sector)
    heading = listing.levers_heading(len(chosen), family, sector)
    if fmt == "json":
        from .render.jsonout import listing as json_listing

        sys.stdout.write(json_listing(chosen))
    elif fmt == "markdown":
        print_document(listing.levers_full(chosen, knowledge, heading), fmt)
    else:
        print_document(listing.levers_table(chosen, heading), fmt)


def show_lever(knowledge: Knowledge, lever_id: str, fmt: str) -> None:
    from .clock import today
    from .render import listing

    lever = knowledge.levers[lever_id]
    if fmt == "json":
        from .render.jsonout import listing as json_listing

        sys.stdout.write(json_listing([lever]))
    else:
        print_document(listing.lever_detail(lever, knowledge, today()), fmt)


def show_examples(knowledge: Knowledge, sector: str | None, lever: str | None, search: str | None, fmt: str) -> None:
    from .browse import select_examples
    from .render import listing

    chosen = select_examples(knowledge, sector, lever, search)
    heading = listing.examples_heading(len(chosen), sector, lever, search)
    if fmt == "json":
        from .render.jsonout import listing as json_listing

        sys.stdout.write(json_listing(chosen))
    else:
        print_document(listing.examples_cards(chosen, heading), fmt)


def plan_document(plan: Plan, knowledge: Knowledge, brief: bool = False, method: bool = True, full_in: str | None = None):
    from .clock import today
    from .render.plan_doc import build

    return build(plan, knowledge, today(), brief=brief, method=method, full_in=full_in)


def plan_output(plan: Plan, knowledge: Knowledge, fmt: str, brief: bool = False) -> str | bytes:
    """The plan in an export format: JSON or Markdown or HTML text, Word bytes."""
    if fmt == "json":
        from .render.plan_json import render as render_json

        return render_json(plan)
    document = plan_document(plan, knowledge, brief)
    if fmt == "html":
        from .render.html import render
    elif fmt == "docx":
        from .render.docx import render
    else:
        from .render.markdown import render
    return render(document)


def show_plan(plan: Plan, knowledge: Knowledge, brief: bool = False, full_in: str | None = None) -> None:
    """The plan on screen: the synthesis first, then the details (the method is --explain); through a
    pager when it is longer than the terminal. `full_in`: the file the whole plan was written to."""
    import io

    from .render.plaintext import Out
    from .render.text import render

    buffer = io.StringIO()
    out = Out(buffer, measure=sys.stdout)
    render(plan_document(plan, knowledge, brief, method=False, full_in=full_in), out)
    out.line("La méthode de classement : essrural diagnose --explain", "")
    page(buffer.getvalue())


def show_method(knowledge: Knowledge, plan: Plan | None = None) -> None:
    from .document import Document, Heading
    from .render.plaintext import Out
    from .render.plan_doc import method_blocks
    from .render.text import render

    blocks = (Heading(1, "Méthode"), *method_blocks(2, knowledge, plan))
    render(Document("Méthode", "Méthode d'essrural", "", blocks), Out())


def page(text: str) -> None:
    """Print `text`; on a terminal, through `$PAGER` (else `less -R`) when it is longer than the screen."""
    import os

    stream = sys.stdout
    try:
        tty = stream.isatty()
        rows = os.get_terminal_size(stream.fileno()).lines if tty else 0
    except (OSError, ValueError, AttributeError):
        tty, rows = False, 0
    pager = os.environ.get("PAGER", "less -R")
    if not tty or not pager.strip() or text.count("\n") < rows:
        stream.write(text)
        return
    import shlex
    import subprocess

    stream.flush()
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, check=False, env={**os.environ, "LESS": os.environ.get("LESS", "FRX")})
    except (OSError, ValueError):  # no such pager: print it all
        stream.write(text)


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
        if exact[0].how == "name" and communes.name_key(communes.name_part(query)) != communes.name_key(found.name):
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


def departement_code(text: str) -> str:
    """A département's code from its code or name, or a French error saying what one looks like."""
    from . import communes
    from .errors import UserError

    code = communes.departement_code(text)
    if code is None:
        known = communes.departements()
        raise UserError(f"département inconnu « {text} » : donnez un code (41, 2A, 974) ou un nom ({len(known)} départements).")
    return code


def show_departement(code: str, fmt: str) -> None:
    """Every commune of a département: a table, JSON, or a CSV ready for `diagnose --batch`."""
    from . import communes
    from .render.commune_view import commune_dict

    found = communes.in_departement(departement_code(code))
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
