"""JSON renderings: listings of the knowledge, for scripts."""

from __future__ import annotations

import json
from ..records import plain


def dumps(data: object) -> str:
    """Stable JSON: UTF-8 text kept readable, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def listing(items) -> str:  # type: ignore[no-untyped-def]
    """A JSON list of objects with the models' fields (Records or Pydantic models)."""
    return dumps([plain(item if isinstance(item, dict) else item.model_dump()) for item in items])
