"""Light runtime objects: validated knowledge as Records, plan pieces as Structs.

Why: checking a file needs Pydantic, which is slow to import; reading data
already checked does not. After validation, levers, cases and programmes live
as Records (dicts with attribute access) that the cache stores with marshal
and reloads in a millisecond, so that `essrural levers` starts almost as fast
as Python itself. Nothing here imports anything.
"""

from __future__ import annotations


class Record(dict):
    """A validated object's fields, read as attributes: `lever.title`.

    The instance's attribute dictionary is the record itself, so reading a field
    is as quick as for any object (a batch reads millions of them).
    """

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.__dict__ = self


def record(value):  # type: ignore[no-untyped-def]
    """Turn nested dicts into Records, all the way down (lists are kept, their items converted).

    The cache uses the shallow `Record(d)`: nested values (a population range,
    funding lines) stay plain dicts, read with `.get`.
    """
    if isinstance(value, dict):
        return Record({key: record(item) for key, item in value.items()})
    if isinstance(value, list):
        return [record(item) for item in value]
    return value


def plain(value):  # type: ignore[no-untyped-def]
    """Back to builtins only (for marshal and JSON): dates become ISO strings."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


_set = object.__setattr__  # Struct.__init__ fills fields through it, so Frozen can refuse setattr


class Struct:
    """A small value with named fields, compared field by field (treat it as read-only).

    Subclasses list their fields in `__slots__` and may give `_defaults`.
    """

    __slots__ = ()
    _defaults: dict = {}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not kwargs and len(args) == len(self.__slots__):  # the common case, kept quick
            for name, value in zip(self.__slots__, args):
                _set(self, name, value)
            return
        values = dict(self._defaults)
        values.update(zip(self.__slots__, args))
        values.update(kwargs)
        for name in self.__slots__:
            _set(self, name, values[name])

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Frozen(Struct):
    """A Struct that cannot change once made, so it can be hashed and shared (a commune, a match)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} ne se modifie pas (champ « {name} »)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} ne se modifie pas (champ « {name} »)")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.__slots__))
