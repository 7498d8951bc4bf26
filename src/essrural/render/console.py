"""The Rich console every terminal rendering uses."""

from __future__ import annotations

import sys

from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and COLUMNS, and never guesses emoji or markup."""
    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, emoji=False, markup=False)
