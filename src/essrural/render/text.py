"""A document in the terminal: wrapped the French way, bold and dim where the terminal wants them.

Why: the plan on screen must appear at once (no Rich, no Typer, no Pydantic
on this path) and read well at 40 to 200 columns. Lines break at ordinary
spaces only, keeping « … » and numbers with what they count
(`plaintext.wrap`); a URL stays whole on its line so it can be copied.
"""

from __future__ import annotations

from ..document import Document, Fields, Heading, Inline, Items, PageBreak, Para, Table
from ..text import shown
from .plaintext import BOLD, DIM, ITALIC, RESET, Out, wrap

STYLES = {"b": BOLD, "i": ITALIC, "dim": DIM}


def render(document: Document, out: Out) -> None:
    previous = None
    for block in document.blocks:
        if isinstance(block, Heading):
            if previous is not None:
                out.line()
            out.para(shown(block.text), style=BOLD)
            if block.level <= 2:
                out.line("═" * min(len(block.text), out.width) if block.level == 1 else "─" * min(len(block.text), out.width))
        elif isinstance(block, Para):
            out.para(_flat(block.spans, out), style=DIM if block.kind == "note" else "")
        elif isinstance(block, Items):
            width = len(f"{len(block.items)}.") if block.numbered else 1
            for n, item in enumerate(block.items, 1):
                mark = f"{n}.".rjust(width) if block.numbered else "•"
                out.para(_flat(item, out), indent=2, first=mark + " ")
        elif isinstance(block, Fields):
            for label, value in block.rows:
                out.para(_flat(value, out), indent=2, hang=4, first=f"{label} : ", first_style=BOLD)
        elif isinstance(block, Table):
            _table(block, out)
        elif isinstance(block, PageBreak):
            continue
        previous = block


def _flat(line: Inline, out: Out) -> str:
    """The spans as one string; styles are applied by `Out` to whole paragraphs only, so inline
    emphasis is kept when colour is on and dropped cleanly when it is off."""
    parts = []
    for span in line:
        text = shown(span.written)
        if out.colour and span.style in STYLES and text.strip():
            text = _styled(text, STYLES[span.style])
        parts.append(text)
    return "".join(parts)


def _styled(text: str, style: str) -> str:
    """Style each word, so that wrapping (which splits at spaces) never splits a style code."""
    return " ".join(f"{style}{word}{RESET}" if word else word for word in text.split(" "))


def _table(table: Table, out: Out) -> None:
    """Columns when they fit, the widest one wrapped in the room left; else one row after another."""
    cells = [[_flat(cell, out) for cell in row] for row in table.rows]
    align = table.align or ("l",) * len(table.header)
    plain = [[_visible(c) for c in row] for row in cells]  # for measuring
    widths = [max([len(table.header[i])] + [len(row[i]) for row in plain]) for i in range(len(table.header))]
    wide = widths.index(max(widths))
    room = out.width - 2 - sum(w + 2 for i, w in enumerate(widths) if i != wide)
    if room < 24:
        for row in cells:
            out.para(" · ".join(row[1:]), indent=2, hang=4, first=f"{row[0]} : ")
        return
    widths[wide] = min(widths[wide], room)
    start = 2 + sum(w + 2 for w in widths[:wide])

    def pad(text: str, shown: int, i: int) -> str:
        gap = " " * (widths[i] - shown)
        return gap + text if align[i] == "r" else text + gap

    out.line(("  " + "  ".join(pad(h, len(h), i) for i, h in enumerate(table.header))).rstrip(), BOLD)
    for row, seen in zip(cells, plain):
        lines = wrap(row[wide], widths[wide]) if len(seen[wide]) > widths[wide] else [row[wide]]
        first = [lines[0] if i == wide else cell for i, cell in enumerate(row)]
        shown = [len(_visible(lines[0])) if i == wide else len(seen[i]) for i in range(len(row))]
        out.line(("  " + "  ".join(pad(c, n, i) for i, (c, n) in enumerate(zip(first, shown)))).rstrip())
        for more in lines[1:]:
            out.line(" " * start + more)


def _visible(text: str) -> str:
    """The text without style codes, for measuring."""
    if "\x1b" not in text:
        return text
    out, skip = [], False
    for c in text:
        if c == "\x1b":
            skip = True
        elif skip and c == "m":
            skip = False
        elif not skip:
            out.append(c)
    return "".join(out)
