"""A marshal cache of checked knowledge and of resolved profiles.

Why: reading YAML and validating it with Pydantic costs ten times Python's own
start-up; the result does not change until a file does. The cache keeps the
validated knowledge (as plain data) and each profile's resolved answers, keyed
by what they were computed from (essrural's version, the files' sizes and
checksums, the profile's bytes). A stale or unreadable cache is
ignored and rewritten; a folder that cannot be written simply means no cache.

Where: `ESSRURAL_CACHE_DIR`, else `$XDG_CACHE_HOME/essrural`, else
`~/.cache/essrural`. `ESSRURAL_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import marshal
import os
import time
import zlib

from . import __version__
from .knowledge import KEY_FIELD, SECTIONS, Knowledge, Origin

FORMAT = 6


def cache_dir() -> str | None:
    if os.environ.get("ESSRURAL_NO_CACHE") == "1":
        return None
    explicit = os.environ.get("ESSRURAL_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "essrural")


RECENT_SECONDS = 3.0  # longer than the coarsest modification-time tick (2 s on FAT)


def _stamp(paths: list[str]) -> tuple:
    """Each file's path, size, modification time and inode, and the checksum of its bytes when it
    changed in the last few seconds: an edit is never missed, even one made within the same tick
    of a coarse clock, and the 2 MB commune list is not read on every command to prove it."""
    stamps = []
    now = time.time()
    for path in paths:
        status = os.stat(path)
        stamp: tuple = (os.path.abspath(path), status.st_size, status.st_mtime_ns, status.st_ino)
        if now - status.st_mtime < RECENT_SECONDS:
            with open(path, "rb") as handle:
                stamp += (zlib.crc32(handle.read()),)
        stamps.append(stamp)
    return tuple(stamps)


def _read(name: str, key: tuple) -> object:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            stored = marshal.loads(handle.read())  # five times faster than marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored.get("payload")


def _write(name: str, key: tuple, payload: object) -> None:
    folder = cache_dir()
    if folder is None:
        return
    target = os.path.join(folder, name)
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temporary, "wb") as handle:
            marshal.dump({"key": key, "payload": payload}, handle)
        os.replace(temporary, target)
    except (OSError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass


def _name(prefix: str, key: tuple) -> str:
    return f"{prefix}-{zlib.crc32(marshal.dumps(key)):08x}.bin"


def _layout() -> tuple:
    """The runtime model's fields: a cache written before a field was added is never served."""
    kinds = list(SECTIONS.values())
    for kind in kinds:
        kinds.extend(k for k in kind._nested.values() if k not in kinds)
    return tuple((kind.__name__, kind._fields) for kind in kinds)


def _knowledge_key(paths: list[str]) -> tuple | None:
    try:
        return (FORMAT, __version__, _layout(), _stamp(paths))
    except OSError:
        return None


def load_knowledge(paths: list[str]) -> Knowledge | None:
    """The cached knowledge for exactly these files in this state, or None. Each section is kept
    marshalled until first used: listing the levers does not rebuild the 150 cases."""
    key = _knowledge_key(paths)
    payload = _read(_name("knowledge", key), key) if key else None
    if not isinstance(payload, dict):
        return None
    try:
        packed = payload["sections"]
        if not all(isinstance(packed[name], bytes) for name in SECTIONS):
            return None
        return Knowledge(
            origins={tuple(k): Origin(*v) for k, v in payload["origins"]},
            files=list(payload["files"]),
            geography={k: tuple(v) for k, v in payload["geography"].items()},
            deferred={name: _unpacker(name, packed[name]) for name in SECTIONS},
        )
    except (KeyError, TypeError, ValueError, AttributeError):  # written by another layout: rebuilt
        return None


def _unpacker(name: str, raw: bytes):
    def build() -> dict:
        kind, key = SECTIONS[name], KEY_FIELD.get(name, "id")
        try:
            return {item[key]: kind.unpack(item) for item in marshal.loads(raw)}
        except (EOFError, KeyError, TypeError, ValueError, AttributeError):
            from .errors import OperationError

            raise OperationError(
                f"cache de la base illisible ({name}) : supprimez le dossier {cache_dir()} puis relancez."
            ) from None

    return build


def save_knowledge(paths: list[str], knowledge: Knowledge) -> None:
    key = _knowledge_key(paths)
    if key is None:
        return
    sections = {name: marshal.dumps([item.pack() for item in knowledge.section(name).values()]) for name in SECTIONS}
    payload: dict = {"sections": sections}
    payload["origins"] = [(list(k), [v.file, v.line]) for k, v in knowledge.origins.items()]
    payload["files"] = list(knowledge.files)
    payload["geography"] = {k: list(v) for k, v in knowledge.geography.items()}
    _write(_name("knowledge", key), key, payload)


def _profile_key(raw: bytes, communes_file: str) -> tuple:
    """The bytes of the profile, and the commune list its commune was resolved in."""
    try:
        communes = _stamp([communes_file])
    except OSError:
        communes = ()
    return (FORMAT, __version__, len(raw), zlib.crc32(raw), communes)


def load_profile(raw: bytes, communes_file: str) -> object:
    """The resolved answers of a profile file with exactly these bytes, or None."""
    key = _profile_key(raw, communes_file)
    return _read(_name("profile", key), key)


def save_profile(raw: bytes, communes_file: str, payload: object) -> None:
    key = _profile_key(raw, communes_file)
    _write(_name("profile", key), key, payload)
