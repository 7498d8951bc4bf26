"""The Rich console every terminal rendering uses."""

from __future__ import annotations

import os
import sys

from rich.console import Console

MIN_WIDTH = 40


def _width() -> int | None:
    """COLUMNS when it is a sensible number; None lets Rich ask the terminal."""
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        return max(int(raw), MIN_WIDTH)
    except ValueError:
        return 80


def make_console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and COLUMNS, and never guesses emoji or markup."""
    return Console(
        file=sys.stderr if stderr else sys.stdout, highlight=False, emoji=False, markup=False, width=_width()
    )
