"""`essrural diagnose` as library calls: a profile in, a plan out.

Why: the CLI command stays a thin list of options; reading and resolving a
profile file, checking it can be ranked and dating exports live here, shared
by the interactive and the `--profile` paths.
"""

from __future__ import annotations

import datetime as dt
import os

from .engine import Place, Plan, rank
from .errors import UserError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .knowledge import Knowledge
    from .models import Profile


def today() -> dt.date:
    """Today's date, or the one `SOURCE_DATE_EPOCH` sets (reproducible exports)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UserError(f"SOURCE_DATE_EPOCH invalide « {epoch} » : un nombre de secondes est attendu.") from None
    return dt.date.today()


def make_plan(profile: Profile, knowledge: Knowledge, top: int, place: Place | None = None) -> Plan:
    """Rank for a profile already completed (see `locate.resolve_for_plan`)."""
    if not profile.population:
        raise UserError("population manquante : indiquez « population » (nombre d'habitants) dans le profil.")
    return rank(profile, knowledge, top=top, place=place)


def profile_from_file(path) -> tuple[Profile, Place, str | None]:  # type: ignore[no-untyped-def]
    """Read, check and resolve a profile file (official commune, place), and remember the
    result for the fast path; the warning, if any, is for the user."""
    from . import cache
    from .locate import resolve_for_plan
    from .profile import read_profile_file
    from .records import plain

    given, raw = read_profile_file(path)
    profile, place, warning = resolve_for_plan(given)
    resolved = {"profile": plain(profile.model_dump()), "place": {n: getattr(place, n) for n in place.__slots__}}
    cache.save_profile(raw, {**resolved, "warning": warning})
    return profile, place, warning
