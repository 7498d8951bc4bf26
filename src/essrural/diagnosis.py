"""`essrural diagnose` as library calls: profile in, plan out, exports written.

Why: the CLI command stays a thin list of options; this module sequences the
steps (resolve the commune, rank, render, write) so that the interactive and
the `--profile` paths share them.
"""

from __future__ import annotations

import datetime as dt
import os

from .engine import Place, Plan, rank
from .knowledge import Knowledge
from .models import CaseStudy, Profile
from .errors import UserError


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
    from . import communes

    if not profile.population:
        raise UserError("population manquante : indiquez « population » (nombre d'habitants) dans le profil.")
    return rank(
        profile, knowledge, top=top, place=place, region_of=communes.region_of, population_of=official_population
    )


def official_population(example: CaseStudy) -> int | None:
    """A case study's population from the official list, when its INSEE code is known."""
    from . import communes

    commune = communes.get(example.insee) if example.insee else None
    return commune.population if commune else None


def render(plan: Plan, knowledge: Knowledge, fmt: str) -> str:
    if fmt == "json":
        from .render.plan_json import render as render_json

        return render_json(plan)
    from .render.plan_markdown import render as render_markdown

    return render_markdown(plan, knowledge, today())
