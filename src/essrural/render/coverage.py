"""The report of `essrural data check`: what was read and where the base is thin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..document import Block, Document, Heading, Items, Para, Table, bold, spans
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


def report(
    knowledge: Knowledge, warnings: list | None = None, announced: list | None = None, deduced: list | None = None,
) -> Document:
    """The summary of a valid base, as a document; `warnings` (weak sources), `announced` (outcomes
    worded as announcements) and `deduced` (dates worked out for undated pages) are listed at the end,
    for a contributor to reread against the source."""
    cov = Coverage(knowledge)
    blocks: list[Block] = [
        Heading(1, "Base de connaissances valide."),
        Para(spans(
            f"{len(knowledge.files)} fichier(s) lu(s) : {len(knowledge.levers)} leviers, "
            f"{len(knowledge.examples)} cas réels, {cov.programmes} programmes, {len(knowledge.regions)} régions."
        )),
        Items(tuple(spans(name) for name in knowledge.files)),
        Heading(2, "Leviers par famille"),
        Table(
            ("Famille", "Leviers"),
            tuple((spans(FAMILIES.label(f)), _cell(n)) for f, n in cov.levers_per_family.items()),
            ("l", "r"),
        ),
        Heading(2, "Couverture par secteur"),
        Table(
            ("Secteur", "Leviers", "Cas réels"),
            tuple(
                (spans(f"{s} ({SECTORS.label(s)})"), _cell(cov.levers_per_sector[s]), _cell(cov.examples_per_sector[s]))
                for s in SECTORS.ids
            ),
            ("l", "r", "r"),
        ),
    ]
    gaps = [MISSING_SERVICES.label(n) for n, c in cov.levers_per_need.items() if c == 0]
    unused = [ASSETS.label(a) for a, c in cov.levers_per_asset.items() if c == 0]
    found = []
    if gaps:
        found.append(spans(bold("Besoins sans levier : "), SEMICOLON.join(gaps)))
    if unused:
        found.append(spans(bold("Atouts qu'aucun levier n'utilise : "), SEMICOLON.join(unused)))
    if cov.levers_without_example:
        found.append(spans(
            bold(f"Leviers sans cas réel ({len(cov.levers_without_example)}) : "), ", ".join(cov.levers_without_example)
        ))
    blocks.append(Heading(2, "À compléter"))
    blocks.append(
        Items(tuple(found)) if found
        else Para(spans("Chaque besoin a un levier, chaque atout sert, chaque levier a un cas réel."))
    )
    to_reread = (
        ("Sources à remplacer par la page de l'éditeur d'origine", warnings),
        ("Résultats à relire : une annonce ou un projet n'est pas un résultat", announced),
        ("Dates à relire : une page non datée ne reçoit pas de date déduite", deduced),
    )
    for title, listed in to_reread:
        if listed:
            blocks.append(Heading(2, f"{title} ({len(listed)})"))
            blocks.append(Items(tuple(spans(str(w)) for w in listed)))
    return Document("Base de connaissances", "essrural data check", "", tuple(blocks))


def _cell(n: int):
    """A count; fewer than THIN is a gap, shown in bold."""
    return spans(bold(str(n))) if n < THIN else spans(str(n))
