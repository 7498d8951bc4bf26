"""Reading and checking knowledge files: YAML, Pydantic, cross-references.

Why: every file is validated before anything is ranked or printed, and all
problems of a run are reported at once (`file:line: message`). This is the
slow path (YAML and Pydantic); its result is cached by `essrural.cache`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .errors import Problem, UserError
from .knowledge import KEY_FIELD, SECTIONS as RUNTIME, Knowledge, Origin
from .profile import KEYS as PROFILE_KEYS
from .schema import CaseSchema, LeverSchema, ProgrammeSchema, RegionSchema
from .validation import validate
from .vocabulary import closest
from .yamlsource import YamlDocument, parse_yaml, read_yaml

SECTIONS: dict[str, tuple[type, str]] = {
    "levers": (LeverSchema, "levier"),
    "examples": (CaseSchema, "cas"),
    "programmes": (ProgrammeSchema, "programme"),
    "regions": (RegionSchema, "région"),
}


def read_files(files: Sequence[tuple[str, str]]) -> Knowledge:
    """Validate `(path, name shown in messages)` files; the knowledge, or `UserError` listing every problem."""
    documents: list[YamlDocument | UserError] = []
    for path, name in files:
        try:
            documents.append(read_yaml(Path(path), name))
        except UserError as exc:
            documents.append(exc)
    return _knowledge_of(documents, [name for _path, name in files])


def read_texts(texts: Sequence[tuple[str, str]]) -> Knowledge:
    """The same from `(name, YAML text)` pairs: knowledge written inline (tests, tools)."""
    documents: list[YamlDocument | UserError] = []
    for name, text in texts:
        try:
            documents.append(parse_yaml(text, name))
        except UserError as exc:
            documents.append(exc)
    return _knowledge_of(documents, [name for name, _text in texts])


def _knowledge_of(documents: list[YamlDocument | UserError], names: list[str]) -> Knowledge:
    knowledge = Knowledge(files=list(names))
    problems: list[Problem] = []
    refs = _References()
    for doc in documents:
        if isinstance(doc, UserError):
            problems.extend(doc.problems)
        else:
            problems.extend(_load_document(doc, knowledge, refs))
    problems.extend(refs.check())
    if problems:
        raise UserError(sorted(problems, key=lambda p: (p.file or "", p.line or 0)))
    knowledge.geography = geography(knowledge)
    return knowledge


class _References:
    """Ids declared and ids referred to, read from the raw files.

    Why raw: a reference is checked even when its item has another error, so
    one run reports every problem; and an id declared by an item that failed
    validation is not reported a second time as unknown.
    """

    FIELDS = {
        "examples": (("levers", "levers", "levier"),),
        "levers": (("programmes", "programmes", "programme"), ("means", "levers", "levier")),
    }

    def __init__(self) -> None:
        self.declared: dict[str, set[str]] = {name: set() for name in SECTIONS}
        self.wanted: list[tuple[str, str, str, Problem]] = []

    def note(self, section: str, item: object, doc: YamlDocument, path: tuple, label: str) -> None:
        if not isinstance(item, dict):
            return
        key = KEY_FIELD.get(section, "id")
        if isinstance(item.get(key), str):
            self.declared[section].add(item[key].strip())
        for field_name, kind, noun in self.FIELDS.get(section, ()):
            values = item.get(field_name)
            if not isinstance(values, list):
                continue
            for i, value in enumerate(values):
                if isinstance(value, str):
                    where = Problem(doc.file, doc.line_of(path + (field_name, i)), label)
                    self.wanted.append((kind, value.strip(), noun, where))

    def check(self) -> list[Problem]:
        problems = []
        for kind, ident, noun, where in self.wanted:
            if ident not in self.declared[kind]:
                suggestion = closest(ident, sorted(self.declared[kind]))
                hint = f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else "."
                problems.append(Problem(where.file, where.line, f"{where.message}{noun} inconnu « {ident} »{hint}"))
        return problems


def _load_document(doc: YamlDocument, knowledge: Knowledge, refs: _References) -> list[Problem]:
    if doc.data is None:
        return [Problem(doc.file, None, "fichier vide : il doit contenir « levers: », « examples: », « programmes: » ou « regions: ».")]
    if not isinstance(doc.data, dict):
        return [
            Problem(
                doc.file,
                doc.line_of(()),
                "le fichier doit être un dictionnaire dont les clés sont « levers », « examples », « programmes » "
                "ou « regions ».",
            )
        ]
    if doc.data and set(doc.data) <= set(PROFILE_KEYS):  # no section is a profile key
        return [  # a commune's answers given where knowledge is expected: one sentence, not a line per key
            Problem(
                doc.file, doc.line_of(()),
                "ce fichier est un profil de commune (« commune », « population », « missing_services »…), pas un "
                f"fichier de connaissances : pour son plan, essrural diagnose --profile {doc.file}.",
            )
        ]
    problems: list[Problem] = []
    for section, items in doc.data.items():
        if section not in SECTIONS:
            suggestion = closest(section, list(SECTIONS))
            hint = f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else "."
            problems.append(
                Problem(doc.file, doc.line_of((section,)), f"section inconnue « {section} »{hint} "
                        "Sections possibles : levers, examples, programmes, regions.")
            )
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(doc.file, doc.line_of((section,)), f"« {section} » doit être une liste (éléments commençant par « - »)."))
            continue
        model, noun = SECTIONS[section]
        target = knowledge.section(section)
        for index, item in enumerate(items):
            path = (section, index)
            label = _label(noun, index, item)
            refs.note(section, item, doc, path, label)
            obj, found = validate(model, item, doc, path, label)
            problems.extend(found)
            if obj is None:
                continue
            origin = Origin(doc.file, doc.line_of(path))
            key = getattr(obj, KEY_FIELD.get(section, "id"))
            previous = knowledge.origins.get((section, key))
            if previous:
                problems.append(
                    Problem(doc.file, origin.line, f"{label}identifiant « {key} » déjà défini dans {previous}.")
                )
                continue
            target[key] = RUNTIME[section].from_dict(obj.model_dump(mode="json"))  # checked once; Structs from here on
            knowledge.origins[(section, key)] = origin
    return problems


def _label(noun: str, index: int, item: object) -> str:
    ident = (item.get("id") or item.get("code")) if isinstance(item, dict) else None
    if isinstance(ident, str) and ident.strip():
        return f"{noun} « {ident.strip()[:60]} » : "
    return f"{noun} n° {index + 1} : "


def geography(k: Knowledge) -> dict[str, tuple[str | None, int | None]]:
    """Each case's région and official population (from its INSEE code), for the matching."""
    from . import communes

    found = {}
    for example in k.examples.values():
        commune = communes.get(example.insee) if example.insee else None
        region = commune.region if commune else communes.region_of(example.departement)
        found[example.id] = (region, commune.population if commune else None)
    return found
