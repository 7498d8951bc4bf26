"""Where the knowledge files are, and the knowledge they hold: from the cache, or read and checked.

Why: every command needs the checked knowledge, and checking costs ten times
Python's start-up. `load` asks the cache first (`essrural.cache`), which
answers while no file changed; only then does it import the slow path
(`essrural.loading`: YAML and Pydantic) and fill the cache for next time.
Only the standard library is imported here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from . import cache
from .errors import UserError
from .knowledge import Knowledge

ENV_DATA_DIR = "ESSRURAL_DATA_DIR"


def builtin_data_dir() -> str:
    """The `data/` folder shipped in the wheel, or the repository's in a checkout."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "data")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data")


def yaml_files(folder: str) -> list[str]:
    """The YAML files of a knowledge folder; hidden ones are an editor's or a system's (`.#levers.yaml`
    of Emacs, `._levers.yaml` of macOS), not knowledge."""
    names = sorted(n for n in os.listdir(folder) if n.endswith((".yaml", ".yml")) and not n.startswith("."))
    return [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]


def display_name(path: str, builtin_dir: str) -> str:
    """How a file is named in messages: `data/levers.yaml` for ours, as typed for the user's."""
    path = os.path.abspath(path)
    if os.path.dirname(path) == os.path.abspath(builtin_dir):
        return "data/" + os.path.basename(path)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def extra_dirs(option: Iterable[object] | None) -> list[str]:
    """The folders given with `--data-dir`, else those of `ESSRURAL_DATA_DIR` (separated by `:`);
    a folder given twice (even spelled differently) is read once."""
    if option:
        given = [str(p) for p in option]
    else:
        env = os.environ.get(ENV_DATA_DIR, "").strip()
        given = [p for p in env.split(os.pathsep) if p.strip()] if env else []
    seen: set[str] = set()
    unique = []
    for folder in given:
        key = os.path.realpath(folder)
        if key not in seen:
            seen.add(key)
            unique.append(folder)
    return unique


def collect_files(folders: Iterable[object]) -> list[str]:
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


def knowledge_files(folders: Iterable[object] = (), builtin: bool = True) -> list[str]:
    """The built-in files, then the user's, in the order they are read; a file reached twice (the
    built-in folder given again, a folder and a file in it) is read once."""
    files, seen = [], set()
    for path in (yaml_files(builtin_data_dir()) if builtin else []) + collect_files(folders):
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)
    return files


def load(folders: Iterable[object] = (), *, builtin: bool = True, use_cache: bool = True) -> Knowledge:
    """The checked knowledge: from the cache when no file changed, else read, validated and cached.

    Raises `UserError` listing every problem of every file.
    """
    paths = knowledge_files(folders, builtin)
    if use_cache:
        cached = cache.load_knowledge(paths)
        if cached is not None:
            return cached
    from .loading import read_files

    base = builtin_data_dir()
    knowledge = read_files([(path, display_name(path, base)) for path in paths])
    if use_cache:
        cache.save_knowledge(paths, knowledge)
    return knowledge


def communes_file() -> str:
    return os.path.join(builtin_data_dir(), "communes.tsv")
