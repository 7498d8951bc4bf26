"""Lists of levers and case studies: plain terminal text and Markdown.

Why: plain text (no Rich) so that these lists print almost as fast as Python
starts; the detail of one lever, with tables, is in `lever_view.py`.
"""

from __future__ import annotations

from ..vocabulary import FAMILIES, SECTORS
from ..text import excerpt
from .. import frenchfmt as fr
from .plaintext import BOLD, DIM, Out, wrap

from ..knowledge import Case, Knowledge, Lever


def sector_labels(ids: list[str]) -> str:
    return ", ".join(SECTORS.label(i) for i in ids)


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


# --- levers --------------------------------------------------------------


def levers_table(levers: list[Lever], out: Out, heading: str) -> None:
    """Two columns: the id to type, and the title with family and sectors under it."""
    out.line(heading, BOLD)
    if not levers:
        out.line("Aucun levier ne correspond à ces filtres.")
        return
    left = max(len("Identifiant"), *(len(lever.id) for lever in levers)) + 2
    right = max(out.width - left, 24)
    out.line()
    out.line("Identifiant".ljust(left) + "Levier", BOLD)
    out.line("─" * (left - 2) + "  " + "─" * min(right, 60))
    for lever in levers:
        lines = [(line, "") for line in wrap(lever.title, right)]
        lines += [(line, DIM) for line in wrap(f"{lever.family} · {', '.join(lever.sectors)}", right)]
        for i, (text, style) in enumerate(lines):
            name = out.style(lever.id, BOLD) + " " * (left - len(lever.id)) if i == 0 else " " * left
            out.line(name + out.style(text, style))
    out.line()
    out.line("Détail d'un levier : essrural levers ID", DIM)


def levers_markdown(levers: list[Lever], knowledge: Knowledge, heading: str) -> str:
    from .mdtext import inline, link, paragraph, titled_list

    out = [f"# {inline(heading)}", ""]
    for lever in levers:
        out += [f"## {inline(lever.title)}", "", f"`{lever.id}` · {inline(FAMILIES.label(lever.family))} · "
                f"{inline(sector_labels(lever.sectors))}", "", paragraph(lever.summary), ""]
        out += titled_list("Premières étapes", lever.first_steps, numbered=True)
        out += titled_list("Partenaires et réseaux", lever.partners)
        out += titled_list("Cadre juridique", lever.legal)
        out += titled_list("Points de vigilance", lever.cautions)
        out += ["**Sources**", ""] + [f"- {link(s)}" for s in lever.sources] + [""]
    return "\n".join(out).rstrip() + "\n"


# --- case studies --------------------------------------------------------


def print_example(example: Case, out: Out) -> None:
    """One case study as a short card: who, where, what, what the authority did, source."""
    head = f"{example.name} — {fr.place(example.commune, example.departement, example.population)}"
    details = [sector_labels(example.sectors)] + [str(x) for x in (example.legal_form, example.year) if x]
    out.para(head, style=BOLD)
    out.para(" · ".join(details), indent=2, style=DIM)
    out.para(example.summary, indent=2)
    out.para(example.authority_action, indent=2, hang=2, first="Rôle de la collectivité : ")
    out.raw(f"  Source : {example.source}")


def examples_cards(examples: list[Case], out: Out, heading: str) -> None:
    out.line(heading, BOLD)
    if not examples:
        out.line("Aucun cas réel ne correspond à ces filtres.")
        return
    for example in examples:
        out.line()
        print_example(example, out)


def examples_markdown(examples: list[Case], heading: str) -> str:
    from .mdtext import inline, link, paragraph, titled_list

    out = [f"# {inline(heading)}", ""]
    for example in examples:
        out += [f"## {inline(example.name)} — {inline(fr.place(example.commune, example.departement, example.population))}", ""]
        details = [sector_labels(example.sectors)] + [x for x in (example.legal_form, example.year) if x]
        out += [paragraph(" · ".join(str(d) for d in details)), "", paragraph(example.summary), ""]
        out += [f"**Rôle de la collectivité** : {inline(example.authority_action)}", ""]
        out += titled_list("Résultats", example.outcomes)
        out += [f"**Source** : {link(example.source)}", ""]
    return "\n".join(out).rstrip() + "\n"


def examples_heading(n: int, sector: str | None, lever: str | None, search: str | None) -> str:
    filters = []
    if sector:
        filters.append(f"secteur : {SECTORS.label(sector)}")
    if lever:
        filters.append(f"levier : {lever}")
    if search:
        filters.append(f"recherche : « {excerpt(search)} »")
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
