"""The Rich console every terminal rendering uses."""

from __future__ import annotations

import sys

from rich.console import Console

from .plaintext import columns_setting


def make_console(stderr: bool = False) -> Console:
    """A console that honours NO_COLOR and COLUMNS (unset: Rich asks the terminal), and never guesses emoji or markup."""
    return Console(
        file=sys.stderr if stderr else sys.stdout, highlight=False, emoji=False, markup=False, width=columns_setting()
    )
