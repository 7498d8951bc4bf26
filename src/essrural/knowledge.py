"""Loading the knowledge base: built-in files plus a network's own folder.

Why: the plan is only as good as the levers and case studies behind it, so
every file is validated on load and all problems of a run are reported at
once (`file:line: message`), before anything is ranked or printed.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import Problem, UserError
from .models import CaseStudy, Lever, Programme
from .validation import validate
from .vocabulary import FAMILIES, MISSING_SERVICES, SECTORS, ASSETS, closest
from .yamlsource import YamlDocument, read_yaml

ENV_DATA_DIR = "ESSRURAL_DATA_DIR"

SECTIONS: dict[str, tuple[type, str]] = {
    "levers": (Lever, "levier"),
    "examples": (CaseStudy, "cas"),
    "programmes": (Programme, "programme"),
}


def builtin_data_dir() -> Path:
    """The `data/` folder shipped in the wheel, or the repository's in a checkout."""
    packaged = resources.files("essrural") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


@dataclass(frozen=True)
class Origin:
    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Knowledge:
    levers: dict[str, Lever] = field(default_factory=dict)
    examples: dict[str, CaseStudy] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def section(self, name: str) -> dict[str, Any]:
        return getattr(self, name)

    @cached_property
    def examples_by_lever(self) -> dict[str, list[CaseStudy]]:
        index: dict[str, list[CaseStudy]] = {lever_id: [] for lever_id in self.levers}
        for example in self.examples.values():
            for lever_id in example.levers:
                index.setdefault(lever_id, []).append(example)
        return index

    def coverage(self) -> "Coverage":
        return Coverage.of(self)


@dataclass(frozen=True)
class Coverage:
    """Counts that show at a glance where the base is thin."""

    levers_per_family: dict[str, int]
    levers_per_sector: dict[str, int]
    examples_per_sector: dict[str, int]
    levers_per_need: dict[str, int]
    levers_per_asset: dict[str, int]
    levers_without_example: list[str]
    programmes: int

    @classmethod
    def of(cls, k: Knowledge) -> "Coverage":
        def count(ids: Iterable[str], vocabulary_ids: list[str]) -> dict[str, int]:
            counter = Counter(ids)
            return {i: counter.get(i, 0) for i in vocabulary_ids}

        levers = list(k.levers.values())
        return cls(
            levers_per_family=count((lv.family for lv in levers), FAMILIES.ids),
            levers_per_sector=count((s for lv in levers for s in lv.sectors), SECTORS.ids),
            examples_per_sector=count((s for ex in k.examples.values() for s in ex.sectors), SECTORS.ids),
            levers_per_need=count((n for lv in levers for n in lv.addresses), MISSING_SERVICES.ids),
            levers_per_asset=count((a for lv in levers for a in lv.uses), ASSETS.ids),
            levers_without_example=[lv.id for lv in levers if not k.examples_by_lever.get(lv.id)],
            programmes=len(k.programmes),
        )


def display_name(path: Path, builtin_dir: Path) -> str:
    """How a file is named in messages: `data/levers.yaml` for ours, as typed for the user's."""
    try:
        return "data/" + str(path.relative_to(builtin_dir))
    except ValueError:
        pass
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def extra_dirs(option: Sequence[Path] | None) -> list[Path]:
    """The folders given with `--data-dir`, else those of `ESSRURAL_DATA_DIR` (separated by `:`)."""
    if option:
        return list(option)
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    return [Path(p) for p in env.split(os.pathsep) if p.strip()] if env else []


def collect_files(folders: Sequence[Path]) -> list[Path]:
    """The YAML files of the user's folders (a single file is accepted too)."""
    files: list[Path] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
        elif folder.is_dir():
            found = yaml_files(folder)
            if not found:
                raise UserError(f"aucun fichier .yaml ou .yml dans le dossier « {folder} ».")
            files.extend(found)
        else:
            raise UserError(f"dossier de connaissances introuvable : « {folder} ».")
    return files


def load(folders: Sequence[Path] = (), *, builtin: bool = True) -> Knowledge:
    """Read, validate and cross-check the knowledge; raise `UserError` listing every problem."""
    base = builtin_data_dir()
    paths = (yaml_files(base) if builtin else []) + collect_files(folders)
    return load_files(paths, base)


def load_files(paths: Sequence[Path], base: Path) -> Knowledge:
    knowledge = Knowledge()
    problems: list[Problem] = []
    refs = _References()
    for path in paths:
        name = display_name(path, base)
        knowledge.files.append(name)
        try:
            doc = read_yaml(path, name)
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(_load_document(doc, knowledge, refs))
    problems.extend(refs.check())
    if problems:
        raise UserError(sorted(problems, key=lambda p: (p.file or "", p.line or 0)))
    return knowledge


class _References:
    """Ids declared and ids referred to, read from the raw files.

    Why raw: a reference is checked even when its item has another error, so
    one run reports every problem; and an id declared by an item that failed
    validation is not reported a second time as unknown.
    """

    FIELDS = {"examples": ("levers", "levers", "levier"), "levers": ("programmes", "programmes", "programme")}

    def __init__(self) -> None:
        self.declared: dict[str, set[str]] = {name: set() for name in SECTIONS}
        self.wanted: list[tuple[str, str, str, Problem]] = []

    def note(self, section: str, item: object, doc: YamlDocument, path: tuple, label: str) -> None:
        if not isinstance(item, dict):
            return
        if isinstance(item.get("id"), str):
            self.declared[section].add(item["id"].strip())
        field_name, kind, noun = self.FIELDS.get(section, (None, None, None))
        values = item.get(field_name) if field_name else None
        if isinstance(values, list):
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
        return [Problem(doc.file, None, "fichier vide : il doit contenir « levers: », « examples: » ou « programmes: ».")]
    if not isinstance(doc.data, dict):
        return [
            Problem(
                doc.file,
                doc.line_of(()),
                "le fichier doit être un dictionnaire dont les clés sont « levers », « examples » ou « programmes ».",
            )
        ]
    problems: list[Problem] = []
    for section, items in doc.data.items():
        if section not in SECTIONS:
            suggestion = closest(section, list(SECTIONS))
            hint = f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else "."
            problems.append(
                Problem(doc.file, doc.line_of((section,)), f"section inconnue « {section} »{hint} "
                        "Sections possibles : levers, examples, programmes.")
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
            previous = knowledge.origins.get((section, obj.id))
            if previous:
                problems.append(
                    Problem(doc.file, origin.line, f"{label}identifiant « {obj.id} » déjà défini dans {previous}.")
                )
                continue
            target[obj.id] = obj
            knowledge.origins[(section, obj.id)] = origin
    return problems


def _label(noun: str, index: int, item: object) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, str) and ident.strip():
        return f"{noun} « {ident.strip()[:60]} » : "
    return f"{noun} n° {index + 1} : "
