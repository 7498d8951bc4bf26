"""A lever, a case study, a programme as document blocks: built once, for every format and view.

Why: the plan, the listings (`essrural levers`, `essrural examples`) and the
detail of one lever all show the same things; each is written here once, and
the renderers of `essrural.render` turn the blocks into terminal text,
Markdown, HTML or Word. Sources are either cited by number (`Sources`, in the
plan, listed once at the end) or shown as links (listings).
"""

from __future__ import annotations

from .. import frenchfmt as fr
from ..document import Block, Fields, Heading, Inline, Items, Para, Span, dim, italic, link, spans
from ..knowledge import Case, Dated, Knowledge, Lever, Programme
from ..text import SEMICOLON, sentence as as_sentence
from ..vocabulary import ASSETS, BUDGETS, COMPETENCES, DURATIONS, ESS_FORMS, FAMILIES, MISSING_SERVICES, SECTORS
from ..weights import STALE_DAYS

TYPE_CHECKING = False
if TYPE_CHECKING:  # the listings print no date: datetime is not imported for them
    import datetime as dt

# When a project can start, from its lead time: the council's calendar.
HORIZONS = {"court": "0 à 6 mois", "moyen": "6 à 18 mois", "long": "plus tard (au-delà de 18 mois)"}


class Sources:
    """The sources a document cites, numbered in the order they are first cited; each URL once."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def cite(self, url: str) -> int:
        if url not in self.urls:
            self.urls.append(url)
        return self.urls.index(url) + 1

    def refs(self, urls: list[str] | tuple[str, ...]) -> Span:
        """`[3, 5-8]`: the numbers of these sources, runs shortened."""
        numbers = sorted({self.cite(u) for u in urls})
        runs: list[list[int]] = []
        for n in numbers:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" if len(r) > 2 else f"{r[0]}, {r[1]}" for r in runs]
        return dim(f"[{', '.join(parts)}]")

    def blocks(self) -> list[Block]:
        """The sources, numbered as they are cited."""
        return [Items(tuple(spans(link(url, url)) for url in self.urls), numbered=True)]


def labels(vocabulary, ids: tuple[str, ...] | list[str], empty: str = "aucun") -> str:
    return SEMICOLON.join(vocabulary.label(i) for i in ids) or empty


def statement(item: str | Dated, today: dt.date | None, cite: Sources | None = None) -> Inline:
    """A statement of a lever (a step, a legal line, a caution): a dated one says when its source dates
    from; with `cite`, one that names its page gives that page's number in the sources."""
    if isinstance(item, str):
        return spans(item)
    parts: list[Span | str] = [item.text]
    if item.dated:
        parts += [" ", dim(f"({fr.source_note(item.as_of, None, today, STALE_DAYS)})")]
    if cite is not None and item.source:
        parts += [" ", cite.refs((item.source,))]
    return spans(*parts)


def lever_facts(lever: Lever) -> Fields:
    rows: list[tuple[str, Inline]] = [("Secteurs", spans(labels(SECTORS, lever.sectors)))]
    if lever.addresses:
        rows.append(("Répond à", spans(labels(MISSING_SERVICES, lever.addresses))))
    if lever.also_addresses:
        rows.append(("Aide aussi à", spans(labels(MISSING_SERVICES, lever.also_addresses))))
    if lever.uses:
        rows.append(("S'appuie sur", spans(labels(ASSETS, lever.uses))))
    if lever.requires:
        rows.append(("Exige", spans(" ou ".join(ASSETS.label(a) for a in lever.requires))))
    if lever.population:
        rows.append(("Taille de commune", spans(fr.population_range(lever.population.min, lever.population.max))))
    rows.append(("Coût du projet", spans(BUDGETS.label(lever.budget))))
    if lever.commune_cost and lever.commune_cost != lever.budget:
        rows.append(("Part de la commune", spans(BUDGETS.label(lever.commune_cost))))
    if lever.cofunders:
        rows.append(("Cofinanceurs habituels", spans(SEMICOLON.join(lever.cofunders))))
    if lever.competent:
        rows.append(("Qui décide", spans(labels(COMPETENCES, lever.competent))))
    rows.append(("Délai", spans(DURATIONS.label(lever.duration))))
    return Fields(tuple(rows))


def lever_blocks(lever: Lever, knowledge: Knowledge, level: int, today: dt.date | None = None) -> list[Block]:
    """Everything about a lever: for `essrural levers ID` and the Markdown listing."""
    blocks: list[Block] = [
        Heading(level, lever.title, lever.id),
        Para(spans(dim(f"{lever.id} · {FAMILIES.label(lever.family)}"))),
        Para(spans(lever.summary)),
        lever_facts(lever),
    ]
    cite = Sources()  # the lever's sources by number, then the pages only a statement cites
    for url in lever.sources:
        cite.cite(url)
    if lever.decision:
        blocks.append(Fields((("Première décision", statement(lever.decision, today, cite)),)))
    blocks += titled_items("Premières étapes", [statement(s, today, cite) for s in lever.first_steps], numbered=True)
    blocks += titled_items("Partenaires et réseaux", [spans(p) for p in lever.partners])
    means = [knowledge.levers[m] for m in lever.means if m in knowledge.levers]
    blocks += titled_items("Moyens qui le rendent possible", [spans(m.title, dim(f" ({m.id})")) for m in means])
    blocks += titled_items("Cadre juridique", [statement(s, today, cite) for s in lever.legal])
    blocks += titled_items("Points de vigilance", [statement(s, today, cite) for s in lever.cautions])
    programmes = [knowledge.programmes[p] for p in lever.programmes if p in knowledge.programmes]
    blocks += titled_items("Programmes mobilisables", [programme_line(g, today) for g in programmes])
    cases = knowledge.examples_by_lever.get(lever.id, [])
    case_lines = [spans(case_title(c)) for c in cases]
    blocks += titled_items(f"Cas réels ({len(cases)})", case_lines or [spans(lever.case_note or "Aucun cas réel dans la base pour l'instant.")])
    if cite.urls:
        blocks += [Para(spans(Span("Sources", "b"))), *cite.blocks()]
    return blocks


def titled_items(title: str, items: list[Inline], numbered: bool = False) -> list[Block]:
    """A small bold title and its list; nothing when the list is empty."""
    if not items:
        return []
    return [Para(spans(Span(title, "b"))), Items(tuple(items), numbered)]


def programme_line(programme: Programme, today: dt.date | None) -> Inline:
    """`LEADER (suite incertaine, d'après une source de septembre 2025)`."""
    note = fr.source_note(programme.as_of, programme.status, today, STALE_DAYS)
    return spans(Span(programme.name, "b"), " ", dim(f"({note})"))


def programme_blocks(programme: Programme, level: int, sources: Sources, today: dt.date) -> list[Block]:
    """A programme in a plan's annex: the first sentence of each field, which the knowledge format asks
    to carry the essential, the rest being in the sources it cites."""
    rows: list[tuple[str, Inline]] = [
        ("Aide", spans(lead(programme.funds))),
        ("Pour qui", spans(lead(programme.eligibility))),
    ]
    if programme.rates:
        rows.append(("Montants", spans(lead(programme.rates))))
    rows.append(("Candidature", spans(lead(programme.applications))))
    return [  # the date with the sources, under the fields: a line between heading and list got stranded in Word
        Heading(level, programme.name, f"programme-{programme.id}"),
        Fields(tuple(rows)),
        Para(programme_sources(programme, sources, today), "note"),
    ]


def programme_sources(programme: Programme, sources: Sources, today: dt.date) -> Inline:
    """The date, status and sources line. A programme that names the page its date comes from cites that
    page by the date and its reference page, not the dozen pages its record rests on: a council reads
    where to check and apply, the knowledge base keeps the evidence."""
    if not programme.dated_by:
        note = as_sentence(fr.source_note(programme.as_of, programme.status, today, STALE_DAYS))
        return spans(italic(f"{note} Sources : "), sources.refs((programme.source, *programme.sources)))
    date = fr.source_date(programme.as_of)
    caveats = ", ".join(fr.source_caveats(programme.as_of, programme.status, today, STALE_DAYS))
    # the number right after the date; the punctuation after it in roman: « [58]. », « [57] ; suite incertaine… »
    after = (" ; ", italic(f"{caveats}.")) if caveats else (".",)
    line = spans(italic(date[:1].upper() + date[1:]), " ", sources.refs((programme.dated_by,)), *after)
    if programme.source == programme.dated_by:
        return line
    return (*line, italic(" Page de référence : "), sources.refs((programme.source,)))


def short_name(programme: Programme) -> str:
    """`DETR`, `LEADER`, `Fonds de soutien au commerce rural`: the name without its explanation."""
    name = programme.name
    head, sep, rest = name.partition(" (")
    inside = rest[:-1] if rest.endswith(")") else ""
    if sep and inside.isupper() and len(inside.split()) == 1:
        return inside
    return head if sep else name


def lead(text: str) -> str:
    """The first sentence of a description (a project in one sentence)."""
    for i, c in enumerate(text):
        if c in ".!?" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isupper():
            return text[: i + 1]
    return text


def case_title(case: Case) -> str:
    """`Nom — Commune (dép.), 1 630 hab.`; an intercommunal case's figure is its territory's, and says so."""
    if case.scope == "commune" or not case.population:
        return f"{case.name} — {fr.place(case.commune, case.departement, case.population)}"
    return f"{case.name} — {fr.place(case.commune, case.departement)}, territoire de {fr.number(case.population)}\u00a0hab."


def case_details(case: Case, sectors: bool = True) -> str:
    """`commerces de proximité · SCIC · 2021`; without the sectors, the legal form first (shorter)."""
    details = [labels(SECTORS, case.sectors, "")] if sectors else []
    if case.ess_form and (sectors or not case.legal_form):
        details.append(ESS_FORMS.label(case.ess_form))
    elif case.legal_form:
        details.append(case.legal_form)
    if case.year:
        details.append(str(case.year))
    return " · ".join(d for d in details if d)


def case_blocks(case: Case, level: int) -> list[Block]:
    """A case study, for `essrural examples` (a plan's annex keeps what the authority did only)."""
    blocks: list[Block] = [
        Heading(level, case_title(case), f"cas-{case.id}"),
        Para(spans(dim(case_details(case)))),
        Para(spans(case.summary)),
        Fields((("Rôle de la collectivité", spans(case.authority_action)),)),
    ]
    blocks += titled_items("Résultats", [spans(o) for o in case.outcomes])
    blocks.append(Para(spans("Source : ", link(case.source, case.source)), "note"))
    return blocks
