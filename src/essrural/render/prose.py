"""Running text for Rich that breaks lines the French way.

Why: Rich breaks a line at any space, no-break spaces included, and so leaves
« at the end of a line or ; at the start of the next. A `Prose` is wrapped at
the width Rich gives it (a table cell, an indented block) by `plaintext.wrap`,
which keeps « … » together and : ; ! ? with the word before, the same rule as
the plain-text listings.
"""

from __future__ import annotations

from rich.measure import Measurement
from rich.text import Text

from .plaintext import chunks, wrap


class Prose:
    """`text` in `style`, after an optional `label` in `label_style` on its first line."""

    __slots__ = ("text", "style", "label", "label_style")

    def __init__(self, text: str, style: str = "", label: str = "", label_style: str = ""):
        self.text, self.style, self.label, self.label_style = text, style, label, label_style

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        lines = wrap(self.label + self.text, max(options.max_width, 1))
        text = Text("\n".join(lines), style=self.style)
        if self.label:  # the label is wrapped like the rest: a line break replaces one space, nothing shifts
            text.stylize(self.label_style, 0, len(self.label.rstrip()))
        yield text

    def __rich_measure__(self, console, options) -> Measurement:  # type: ignore[no-untyped-def]
        """Narrowest: the longest piece that cannot be broken; widest: everything on one line."""
        full = self.label + self.text
        longest = max((len(piece) for piece in chunks(full.replace("\n", " "))), default=0)
        widest = max(len(line) for line in full.split("\n"))
        return Measurement(min(longest, widest), widest).clamp(max_width=options.max_width)
