"""JSON renderings: the plan and the listings, for scripts.

Why our own few lines instead of `json.dumps`: the standard `json` package
imports `re`, which alone costs half of Python's start-up, on the path of
`essrural diagnose --format json` that must answer at once. The text is
byte for byte what `json.dumps(data, ensure_ascii=False, indent=2)` writes
(a test compares them on random data); strings are escaped by the same C
function the standard library uses.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Struct

try:
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - an interpreter without CPython's accelerator
    from json.encoder import py_encode_basestring as _quote


def dumps(data: object) -> str:
    """Stable JSON: UTF-8 text kept readable, two-space indent, final newline."""
    out: list[str] = []
    _write(data, out, "\n")
    return "".join(out) + "\n"


def _write(value: object, out: list[str], newline: str) -> None:
    if isinstance(value, str):
        out.append(_quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(("," if i else "") + inner + _quote(str(key)) + ": ")
            _write(item, out, inner)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + inner)
            _write(item, out, inner)
        out.append(newline + "]")
    else:
        raise TypeError(f"non sérialisable en JSON : {type(value).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def listing(items: Iterable[Struct]) -> str:
    """A JSON list of objects with the models' fields."""
    return dumps([item.as_dict() for item in items])
