"""Running text for Rich that breaks lines the French way, and the two grids made of it.

Why: Rich breaks a line at any space, no-break spaces included, and so leaves
« at the end of a line or ; at the start of the next. A `Prose` is wrapped at
the width Rich gives it (a table cell, an indented block) by `plaintext.wrap`,
which keeps « … » together and : ; ! ? with the word before, the same rule as
the plain-text listings. `hanging` (numbered or scored lines) and `label_grid`
(« Budget   moins de 40 k€ ») are the layouts the plan, a lever and the
questionnaire share.
"""

from __future__ import annotations

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..records import Struct
from .plaintext import chunks, wrap


class Prose(Struct):
    """`text` in `style`, after an optional `label` in `label_style` on its first line."""

    _fields = ("text", "style", "label", "label_style")
    _defaults = {"style": "", "label": "", "label_style": ""}

    text: str
    style: str
    label: str
    label_style: str

    def __rich_console__(self, console, options):
        lines = wrap(self.label + self.text, max(options.max_width, 1))
        text = Text("\n".join(lines), style=self.style)
        if self.label:  # the label is wrapped like the rest: a line break replaces one space, nothing shifts
            text.stylize(self.label_style, 0, len(self.label.rstrip()))
        yield text

    def __rich_measure__(self, console, options) -> Measurement:
        """Narrowest: the longest piece that cannot be broken; widest: everything on one line."""
        full = self.label + self.text
        longest = max((len(piece) for piece in chunks(full.replace("\n", " "))), default=0)
        widest = max(len(line) for line in full.split("\n"))
        return Measurement(min(longest, widest), widest).clamp(max_width=options.max_width)


def hanging(rows: list[tuple[str, str]], marker_style: str = "") -> Table:
    """(marker, text) rows whose wrapped lines stay aligned under their text (hanging indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style=marker_style)
    grid.add_column()
    for marker, text in rows:
        grid.add_row(marker, Prose(text))
    return grid


def label_grid(rows: list[tuple[str, str]]) -> Table:
    """(label, value) rows: the label in bold on the left, the value wrapped beside it."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, Prose(value))
    return grid
