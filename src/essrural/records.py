"""The one value type of essrural at run time: a Struct, with named, slotted fields.

Why: checking a file needs Pydantic, which is slow to import; reading data
already checked does not. After validation, levers, cases, programmes,
regions, profiles and plans all live as Structs: declared fields (the class
says what it holds), quick attribute access (a batch reads millions), equality
field by field. The cache stores them as plain dicts (`as_dict`) and rebuilds
them with `from_dict`, the very path the loader takes from validated data, so
there is one runtime model whichever way the knowledge arrived. Nothing here
imports anything.
"""

from __future__ import annotations

_set = object.__setattr__  # Struct.__init__ fills fields through it, so Frozen can refuse setattr


class Struct:
    """A small value with named fields, compared field by field (treat it as read-only).

    Subclasses list their fields in `__slots__`, may give `_defaults`, and name
    in `_nested` the fields that hold other Structs (`{"funding": Funding}`: a
    list of them, or one), so that `from_dict` rebuilds the whole tree.
    """

    __slots__ = ()
    _defaults: dict = {}
    _nested: dict = {}

    def __init__(self, *args, **kwargs):
        if not kwargs and len(args) == len(self.__slots__):  # the common case, kept quick
            for name, value in zip(self.__slots__, args):
                _set(self, name, value)
            return
        values = dict(self._defaults)
        values.update(zip(self.__slots__, args))
        values.update(kwargs)
        for name in self.__slots__:
            _set(self, name, values[name])

    @classmethod
    def from_dict(cls, data: dict):
        """Build from plain data (validated, or read back from the cache); unknown keys are refused."""
        values = dict(cls._defaults)
        values.update(data)
        for name, kind in cls._nested.items():
            value = values.get(name)
            if isinstance(value, list):
                values[name] = tuple(kind.from_dict(v) if isinstance(v, dict) else v for v in value)
            elif isinstance(value, dict):
                values[name] = kind.from_dict(value)
        unknown = set(values) - set(cls.__slots__)
        if unknown:
            raise TypeError(f"{cls.__name__} : champs inconnus {sorted(unknown)}")
        for name in cls.__slots__:
            value = values[name]
            if isinstance(value, list):  # read-only all the way down
                values[name] = tuple(value)
        return cls(**values)

    def as_dict(self) -> dict:
        """Builtins only, fields in declaration order (for the cache and JSON)."""
        return {name: plain(getattr(self, name)) for name in self.__slots__}

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None

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


def plain(value):
    """Builtins only (for marshal and JSON): Structs become dicts, tuples lists, dates ISO strings."""
    if isinstance(value, Struct):
        return value.as_dict()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
