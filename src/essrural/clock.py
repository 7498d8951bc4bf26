"""Today's date, as exports print it.

Why: a plan is dated, and tests and reproducible builds need the same date on
every run: `SOURCE_DATE_EPOCH` (seconds since 1970) sets it.
"""

from __future__ import annotations

import datetime as dt
import os

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
