"""JSON renderings: listings of the knowledge, for scripts."""

from __future__ import annotations

import json
from typing import Iterable

from pydantic import BaseModel


def dumps(data: object) -> str:
    """Stable JSON: UTF-8 text kept readable, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def listing(items: Iterable[BaseModel]) -> str:
    """A JSON list of objects with the models' fields."""
    return dumps([item.model_dump(mode="json") for item in items])
