"""Filtering the knowledge for `essrural levers` and `essrural examples`.

Why: pure functions, so that what a filter keeps is tested without a terminal.
"""

from __future__ import annotations

from .errors import UserError
from .knowledge import Knowledge
from .text import excerpt, words
from .vocabulary import UnknownId, Vocabulary, closest

from .knowledge import Case, Lever


def resolve_option(vocabulary: Vocabulary, value: str | None, option: str) -> str | None:
    """The id an option's value means; a clear `UserError` (exit 2) when unknown."""
    if value is None:
        return None
    try:
        return vocabulary.resolve(value)
    except UnknownId as exc:
        raise UserError(f"option {option} : {exc.french()}") from None


def resolve_lever(knowledge: Knowledge, value: str, option: str = "") -> str:
    """A lever id, forgiving on case and accents; unknown → error with the closest id."""
    wanted = value.strip().lower()
    prefix = f"option {option} : " if option else ""
    if not wanted:
        raise UserError(f"{prefix}identifiant de levier vide : donnez-en un, par exemple « dla ». La liste : essrural levers")
    if wanted in knowledge.levers:
        return wanted
    by_words = {words(i): i for i in knowledge.levers}
    if words(value) in by_words:
        return by_words[words(value)]
    prefixed = [i for i in knowledge.levers if i.startswith(wanted)] if wanted else []
    about = _levers_about(knowledge, value)
    if len(prefixed) == 1:  # the beginning of an id: « local-communal »
        suggestion = prefixed[0]
    else:
        suggestion = None if len(about) > 1 else closest(value, list(knowledge.levers))
    if suggestion:
        hint = f" ; vouliez-vous dire « {suggestion} » ?"
    elif about:  # a word several levers share (« épicerie ») lists them rather than guessing one
        hint = f" ; leviers qui en parlent : {', '.join(about[:5])}{' …' if len(about) > 5 else ''}."
    else:
        hint = "."
    raise UserError(f"{prefix}levier inconnu « {excerpt(value)} »{hint} La liste : essrural levers")


def _levers_about(knowledge: Knowledge, value: str) -> list[str]:
    """Levers whose id or title holds every word typed (`épicerie` → the épicerie levers)."""
    wanted = set(words(value).split())
    if not wanted:
        return []
    return [
        lever.id
        for lever in knowledge.levers.values()
        if wanted <= set(words(lever.id).split()) | set(words(lever.title).split())
    ]


def select_levers(knowledge: Knowledge, family: str | None = None, sector: str | None = None) -> list[Lever]:
    """Levers of that family and sector (ids already resolved), in the files' order."""
    return [
        lever
        for lever in knowledge.levers.values()
        if (family is None or lever.family == family) and (sector is None or sector in lever.sectors)
    ]


def _haystack(example: Case) -> str:
    parts = [
        example.name,
        example.commune,
        example.territory or "",
        example.departement,
        example.summary,
        example.authority_action,
        example.legal_form or "",
        " ".join(example.sectors),
        " ".join(example.levers),
    ]
    return words(" ".join(parts))


def select_examples(
    knowledge: Knowledge, sector: str | None = None, lever: str | None = None, search: str | None = None
) -> list[Case]:
    """Case studies matching every filter (ids already resolved).

    `search` needs all its words, in any order, accents and case ignored.
    """
    terms = words(search).split() if search is not None else []
    if search is not None and not terms:
        found = f"aucun mot à chercher dans « {excerpt(search)} »" if search.strip() else "recherche vide"
        raise UserError(f"--search : {found} ; donnez un ou plusieurs mots.")
    selected = []
    for example in knowledge.examples.values():
        if sector and sector not in example.sectors:
            continue
        if lever and lever not in example.levers:
            continue
        if terms:
            haystack = f" {_haystack(example)} "
            if not all(term in haystack for term in terms):
                continue
        selected.append(example)
    return sorted(selected, key=lambda e: (words(e.name), e.id))
