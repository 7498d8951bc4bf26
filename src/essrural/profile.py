"""A commune's answers at run time: what it lacks, what it has, what it wants first.

Why: the questionnaire, a profile file, a batch row and the cache all end up
as this one Struct, checked before (`essrural.schema.ProfileSchema`). The
limits that the schema, the questionnaire and the fast path share live here,
with no import, so that each of them reads the same number.
"""

from __future__ import annotations

from .records import Struct

PLACE_KEYS = ("commune", "insee", "departement", "population")  # which commune: its own, never shared by a batch
LIST_KEYS = ("missing_services", "assets", "priorities")  # several values each
KEYS = PLACE_KEYS + LIST_KEYS
MAX_POPULATION = 3_000_000  # more than any French commune: a typo beyond
MAX_PROFILE_BYTES = 1024 * 1024


class Profile(Struct):
    _fields = KEYS
    _defaults = {
        "commune": None, "insee": None, "departement": None, "population": None,
        "missing_services": (), "assets": (), "priorities": (),
    }

    commune: str | None
    insee: str | None
    departement: str | None
    population: int | None
    missing_services: tuple[str, ...]
    assets: tuple[str, ...]
    priorities: tuple[str, ...]
