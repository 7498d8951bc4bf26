"""A progress bar for long runs (a batch), on a terminal only."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress_bar(total: Callable[[], int]) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per item; draws on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    from .console import make_console

    with Progress(console=make_console(stderr=True), transient=True) as bar:
        task = bar.add_task("Plans", total=total())
        yield lambda: bar.advance(task)
