"""The listings of `essrural levers` and `essrural examples`, and the detail of one lever, as documents.

Why: they show the same levers and cases as the plan, built by the same
blocks (`knowledge_doc`) and printed by the same renderers; a terminal list is
a compact table of ids and titles, a Markdown list gives every detail.
"""

from __future__ import annotations

from .. import frenchfmt as fr
from ..document import Document, Heading, Para, Span, Table, dim, spans
from ..knowledge import Case, Knowledge, Lever
from ..text import excerpt
from ..vocabulary import FAMILIES, SECTORS


def _heading(count: str, filters: list[tuple[str, str | None]]) -> str:
    """`3 leviers (famille : foncier ; secteur : commerces de proximité)`: the count and the filters given."""
    given = [f"{name} : {value}" for name, value in filters if value]
    return count + (f" ({'; '.join(given)})" if given else "")


def levers_heading(n: int, family: str | None, sector: str | None) -> str:
    return _heading(
        fr.count(n, "levier"),
        [("famille", family and FAMILIES.label(family)), ("secteur", sector and SECTORS.label(sector))],
    )


def examples_heading(n: int, sector: str | None, lever: str | None, search: str | None) -> str:
    return _heading(
        fr.count(n, "cas réel", "cas réels"),
        [("secteur", sector and SECTORS.label(sector)), ("levier", lever), ("recherche", search and f"« {excerpt(search)} »")],
    )


def _document(heading: str, blocks: list) -> Document:
    return Document(heading, "Base de connaissances d'essrural", "", (Heading(1, heading), *blocks))


ROLE_WORDS = {"projet": "projet", "moyen": "moyen", "demarrage": "première démarche"}


def _sectors(ids: tuple[str, ...]) -> str:
    """`commerces de proximité ; culture`: each sector's label up to its first comma, to stay short."""
    return "\u00a0; ".join(SECTORS.label(s).split(",")[0] for s in ids)


def levers_table(levers: list[Lever], heading: str) -> Document:
    """Two columns: the id to type, and the title with family and sectors."""
    if not levers:
        return _document(heading, [Para(spans("Aucun levier ne correspond à ces filtres."))])
    rows = tuple(
        (
            spans(Span(lv.id, "b")),
            spans(lv.title, dim(f" — {ROLE_WORDS[lv.role]} · {FAMILIES.label(lv.family)} · {_sectors(lv.sectors)}")),
        )
        for lv in levers
    )
    return _document(heading, [Table(("Identifiant", "Levier"), rows), Para(spans("Détail d'un levier : essrural levers ID"), "note")])


def levers_full(levers: list[Lever], knowledge: Knowledge, heading: str) -> Document:
    from .knowledge_doc import lever_blocks  # the detail views only: not for the table

    blocks: list = []
    for lever in levers:
        blocks += lever_blocks(lever, knowledge, 2)
    return _document(heading, blocks)


def lever_detail(lever: Lever, knowledge: Knowledge, today) -> Document:
    from .knowledge_doc import lever_blocks

    return Document(lever.title, "Levier d'action", "", tuple(lever_blocks(lever, knowledge, 1, today=today)))


def examples_cards(examples: list[Case], heading: str) -> Document:
    from .knowledge_doc import case_blocks

    if not examples:
        return _document(heading, [Para(spans("Aucun cas réel ne correspond à ces filtres."))])
    blocks: list = []
    for case in examples:
        blocks += case_blocks(case, 2)
    return _document(heading, blocks)
