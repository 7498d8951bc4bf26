"""Pydantic validation errors rewritten in plain French and put on their line.

Why: a mairie secretary who mistyped a sector must read « ligne 12 : secteur
inconnu « mobilte » ; vouliez-vous dire « mobilite » ? », not a Pydantic dump.
"""

from __future__ import annotations

import sys
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .frenchfmt import enumeration
from .text import one_line
from .vocabulary import closest
from .yamlsource import YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier (sans décimale)",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste, par exemple [a, b]",
    "dict_type": "un dictionnaire de clés et de valeurs",
    "model_type": "un dictionnaire de clés et de valeurs",
    "model_attributes_type": "un dictionnaire de clés et de valeurs",
    "date_type": "une date au format AAAA-MM-JJ",
    "date_parsing": "une date au format AAAA-MM-JJ",
    "date_from_datetime_parsing": "une date au format AAAA-MM-JJ",
    "date_from_datetime_inexact": "une date au format AAAA-MM-JJ",
    "literal_error": None,  # handled below: lists the expected values
}


def field_name(loc: tuple[Any, ...]) -> str:
    """`('funding', 0, 'amount_eur')` → `funding[1].amount_eur` (items counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def french_message(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One French sentence for one Pydantic error."""
    kind = error["type"]
    loc = tuple(error["loc"])
    name = field_name(loc) or "valeur"
    ctx = error.get("ctx") or {}
    if kind.startswith("essrural_"):
        return f"{name} : {error['msg']}"
    if kind == "missing":
        return f"champ obligatoire « {name} » manquant."
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        key = str(loc[-1])
        suggestion = closest(key, allowed) if allowed else None
        hint = f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else "."
        return f"clé inconnue « {name} »{hint} Clés possibles : {', '.join(allowed)}."
    received = _received(error.get("input"))
    if kind == "literal_error":
        return f"{name} : valeur {received} invalide ; attendu : {ctx.get('expected', '')}."
    if kind in _TYPE_NAMES:
        return f"{name} doit être {_TYPE_NAMES[kind]} (reçu : {received})."
    if kind == "greater_than_equal":
        return f"{name} doit être supérieur ou égal à {ctx.get('ge')} (reçu : {received})."
    if kind == "greater_than":
        return f"{name} doit être supérieur à {ctx.get('gt')} (reçu : {received})."
    if kind == "less_than_equal":
        return f"{name} doit être inférieur ou égal à {ctx.get('le')} (reçu : {received})."
    if kind == "less_than":
        return f"{name} doit être inférieur à {ctx.get('lt')} (reçu : {received})."
    if kind == "string_too_short":
        return f"{name} ne doit pas être vide."
    if kind == "string_too_long":
        return f"{name} est trop long (plus de {ctx.get('max_length')} caractères)."
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{name} doit contenir au moins {n} élément{'s' if n != 1 else ''}."
    if kind == "too_long":
        return f"{name} contient trop d'éléments (au plus {ctx.get('max_length')})."
    if kind == "value_error":
        return f"{name} : {str(error.get('msg', '')).removeprefix('Value error, ')}"
    return f"{name} : valeur invalide {received}."


_KINDS = ((list, "une liste"), (tuple, "une liste"), (dict, "un dictionnaire de clés et de valeurs"))


def _union_tag(part: Any) -> bool:
    """A member's name that Pydantic puts in an error's location when a value matches no member of a
    union (`Dated`, `function-after[_plain(), constrained-str]`): our field names are lower-case words."""
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part in ("str", "constrained-str"))


def collapse_unions(errors: list[dict[str, Any]], model: type[BaseModel]) -> list[dict[str, Any]]:
    """One error per value that fits no form of a field that accepts several (a legal statement is a
    text or a dated item): the errors of the form the author evidently meant (a text for a text, a
    dictionary with some of the item's keys), else one sentence naming the accepted forms, instead
    of one line per form in Pydantic's own vocabulary."""
    out: list[Any] = []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        tags = loc[:-1] if error["type"] == "extra_forbidden" else loc  # an unknown key is the author's word
        cut = next((i for i, part in enumerate(tags) if _union_tag(part)), None)
        if cut is None:
            out.append(error)
            continue
        if loc[:cut] not in groups:
            groups[loc[:cut]] = []
            out.append(loc[:cut])
        groups[loc[:cut]].append(error)
    found: list[dict[str, Any]] = []
    for item in out:
        found += _one_form(item, groups[item], model) if isinstance(item, tuple) else [item]
    return found


def _one_form(prefix: tuple[Any, ...], errors: list[dict[str, Any]], model: type[BaseModel]) -> list[dict[str, Any]]:
    module = sys.modules[model.__module__]
    value = next((e.get("input") for e in errors if len(e["loc"]) == len(prefix) + 1 or e["type"] == "missing"), None)
    forms: dict[str, list[dict[str, Any]]] = {}
    for error in errors:
        forms.setdefault(error["loc"][len(prefix)], []).append(error)
    names = []
    for tag, branch in forms.items():
        kind = getattr(module, tag, None)
        fields = getattr(kind, "model_fields", None) if isinstance(kind, type) else None
        meant = isinstance(value, dict) and bool(set(value) & set(fields)) if fields else isinstance(value, str)
        if meant:
            return [{**e, "loc": prefix + tuple(e["loc"][len(prefix) + 1 :])} for e in branch]
        if fields:
            required = [n for n, f in fields.items() if f.is_required()]
            optional = [n for n in fields if n not in required]
            names.append(f"un élément avec les clés {enumeration(required)}" + (f" (et, au besoin, {', '.join(optional)})" if optional else ""))
        else:
            names.append("un texte")
    hint = ""
    received = _received(value)
    if isinstance(value, dict) and len(value) == 1:
        key = str(next(iter(value)))
        received = f"une clé {_received(key)} suivie d'une valeur"
        if " " in one_line(key):
            hint = " Un « : » suivi d'une espace coupe un texte en clé et valeur : mettez tout le texte entre guillemets."
    message = f"attendu {' ou '.join(dict.fromkeys(names))} (reçu : {received}).{hint}"
    return [{"type": "essrural_forms", "loc": prefix, "msg": message, "input": value}]


def _received(value: Any) -> str:
    """What the file gave, as its author wrote it (« 3 », « true », « 2025-03-14 ») or named in French
    (une liste, rien): never a Python repr such as `None` or `['a']`."""
    if value is None:
        return "rien (valeur vide)"
    for kind, words in _KINDS:
        if isinstance(value, kind):
            return words
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, (str, int)) or hasattr(value, "isoformat"):
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    else:
        return "une valeur d'un autre type"
    text = one_line(text)
    return "« " + (text if len(text) <= 40 else text[:37] + "…") + " »"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (sub)model that holds `loc`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found:
            return found
    return None


def validate(
    model: type[M], data: Any, doc: YamlDocument, path: tuple[Any, ...] = (), label: str = ""
) -> tuple[M | None, list[Problem]]:
    """Validate `data` (found at `path` in `doc`) against `model`.

    Returns the model, or None and the problems, each on its line.
    """
    if not isinstance(data, dict):
        line = doc.line_of(path)
        return None, [Problem(doc.file, line, f"{label}un dictionnaire de clés et de valeurs est attendu.")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in collapse_unions(exc.errors(include_url=False), model):
            loc = tuple(error["loc"])
            line = doc.line_of(path + loc)
            problems.append(Problem(doc.file, line, label + french_message(error, model)))
        return None, problems
