"""The one value type of essrural at run time: a Struct, with declared, named fields.

Why: checking a file needs Pydantic, which is slow to import; reading data
already checked does not. After validation, levers, cases, programmes,
regions, profiles and plans all live as Structs: the class lists its fields
(`_fields`), equality is field by field, and the values sit in the
instance's own dictionary, so that the cache gives a whole knowledge base
back by handing each object its dictionary (`unpack`), with no per-field
work: `essrural levers` starts almost as fast as Python itself. The loader
builds the same objects from validated data (`from_dict`), so there is one
runtime model whichever way the knowledge arrived. Nothing here imports
anything.
"""

from __future__ import annotations


class Struct:
    """A small value with named fields, compared field by field (treat it as read-only).

    Subclasses list their fields in `_fields`, may give `_defaults`, and name
    in `_nested` the fields that hold other Structs (`{"funding": Funding}`: a
    tuple of them, or one), so that `from_dict` and `unpack` rebuild the tree.
    """

    _fields: tuple[str, ...] = ()
    _defaults: dict = {}
    _nested: dict = {}

    def __init__(self, *args: object, **kwargs: object):
        fields = self._fields
        if not kwargs and len(args) == len(fields):  # the common case, kept quick
            self.__dict__.update(zip(fields, args))
            return
        values = dict(self._defaults)
        values.update(zip(fields, args))
        values.update(kwargs)
        unknown = set(values) - set(fields)
        if unknown or len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} : champs inconnus {sorted(unknown) or args[len(fields):]}")
        self.__dict__.update((name, values[name]) for name in fields)

    @classmethod
    def from_dict(cls, data: dict):
        """Build from validated plain data (lists become tuples, nested dicts Structs); unknown keys are refused."""
        values = dict(cls._defaults)
        values.update(data)
        for name in cls._fields:
            kind = cls._nested.get(name)
            value = values.get(name)
            if isinstance(value, list):  # read-only all the way down
                values[name] = tuple(kind.from_dict(v) if kind and isinstance(v, dict) else v for v in value)
            elif kind and isinstance(value, dict):
                values[name] = kind.from_dict(value)
        return cls(**values)

    def pack(self) -> dict:
        """The fields as builtins for marshal (the cache): tuples stay tuples, nested Structs become dicts."""
        return {name: _pack(self.__dict__[name]) for name in self._fields}

    @classmethod
    def unpack(cls, data: dict):
        """The Struct `pack` gave, rebuilt by handing it the dictionary: no copy, no per-field work."""
        for name, kind in cls._nested.items():
            value = data[name]
            if isinstance(value, tuple):
                data[name] = tuple(kind.unpack(v) if isinstance(v, dict) else v for v in value)
            elif isinstance(value, dict):
                data[name] = kind.unpack(value)
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", data)
        return obj

    def replace(self, **changes: object):
        """A copy with some fields changed (the value itself is read-only); an unknown field is refused."""
        return type(self)(**{**{name: self.__dict__[name] for name in self._fields}, **changes})

    def as_dict(self) -> dict:
        """Builtins only, fields in declaration order (for JSON)."""
        return {name: plain(self.__dict__[name]) for name in self._fields}

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(getattr(self, n) == getattr(other, n) for n in self._fields)

    __hash__ = None

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({fields})"


class Frozen(Struct):
    """A Struct that cannot change once made, so it can be hashed and shared (a commune, a match)."""

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} ne se modifie pas (champ « {name} »)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} ne se modifie pas (champ « {name} »)")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self._fields))


def _pack(value: object) -> object:
    if isinstance(value, Struct):
        return value.pack()
    if isinstance(value, (list, tuple)):
        return tuple(_pack(item) for item in value)
    return value


def plain(value: object) -> object:
    """Builtins only (for JSON): Structs become dicts, tuples lists, dates ISO strings."""
    if isinstance(value, Struct):
        return value.as_dict()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
