"""The knowledge base at run time, and the files it comes from.

Why: every command needs the levers, cases and programmes, quickly. Files are
validated once (`essrural.loading`, YAML and Pydantic), then kept as Records
in a cache (`essrural.cache`) that is reused until a file changes. Only the
standard library is imported here.
"""

from __future__ import annotations

import os

from .errors import UserError
from .records import Struct

ENV_DATA_DIR = "ESSRURAL_DATA_DIR"
SECTION_NAMES = ("levers", "examples", "programmes", "regions")


def builtin_data_dir() -> str:
    """The `data/` folder shipped in the wheel, or the repository's in a checkout."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "data")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data")


def yaml_files(folder: str) -> list[str]:
    names = sorted(n for n in os.listdir(folder) if n.endswith((".yaml", ".yml")))
    return [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]


class Origin(Struct):
    __slots__ = ("file", "line")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class Knowledge:
    """Levers, cases and programmes by id (in the files' order), with where each was defined."""

    def __init__(self, levers=None, examples=None, programmes=None, origins=None, files=None, geography=None, regions=None):  # type: ignore[no-untyped-def]
        self.levers = levers if levers is not None else {}
        self.regions = regions if regions is not None else {}  # INSEE region code → Region
        self.examples = examples if examples is not None else {}
        self.programmes = programmes if programmes is not None else {}
        self.origins = origins if origins is not None else {}  # (section, id) → Origin
        self.files = files if files is not None else []
        self.geography = geography if geography is not None else {}  # case id → (région, official population)
        self._by_lever = None

    def section(self, name: str) -> dict:
        return getattr(self, name)

    @property
    def examples_by_lever(self) -> dict:
        if self._by_lever is None:
            index: dict = {lever_id: [] for lever_id in self.levers}
            for example in self.examples.values():
                for lever_id in example.levers:
                    index.setdefault(lever_id, []).append(example)
            self._by_lever = index
        return self._by_lever

    def coverage(self):  # type: ignore[no-untyped-def]
        from .loading import Coverage

        return Coverage(self)


def display_name(path: str, builtin_dir: str) -> str:
    """How a file is named in messages: `data/levers.yaml` for ours, as typed for the user's."""
    path = os.path.abspath(path)
    if os.path.dirname(path) == os.path.abspath(builtin_dir):
        return "data/" + os.path.basename(path)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def extra_dirs(option) -> list[str]:  # type: ignore[no-untyped-def]
    """The folders given with `--data-dir`, else those of `ESSRURAL_DATA_DIR` (separated by `:`)."""
    if option:
        return [str(p) for p in option]
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    return [p for p in env.split(os.pathsep) if p.strip()] if env else []


def collect_files(folders) -> list[str]:  # type: ignore[no-untyped-def]
    """The YAML files of the user's folders (a single file is accepted too)."""
    files: list[str] = []
    for folder in map(str, folders):
        if os.path.isfile(folder):
            files.append(folder)
        elif os.path.isdir(folder):
            found = yaml_files(folder)
            if not found:
                raise UserError(f"aucun fichier .yaml ou .yml dans le dossier « {folder} ».")
            files.extend(found)
        else:
            raise UserError(f"dossier de connaissances introuvable : « {folder} ».")
    return files


def load(folders=(), *, builtin: bool = True, use_cache: bool = True) -> Knowledge:  # type: ignore[no-untyped-def]
    """The checked knowledge: from the cache when no file changed, else read, validated and cached.

    Raises `UserError` listing every problem of every file.
    """
    from . import cache

    base = builtin_data_dir()
    paths = (yaml_files(base) if builtin else []) + collect_files(folders)
    if use_cache:
        cached = cache.load_knowledge(paths)
        if cached is not None:
            return cached
    from .loading import geography, load_files

    knowledge = load_files(paths, base)
    knowledge.geography = geography(knowledge)
    if use_cache:
        cache.save_knowledge(paths, knowledge)
    return knowledge
