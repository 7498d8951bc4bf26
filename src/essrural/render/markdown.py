"""A document as Markdown: headings, lists, tables, links; every piece of text made inert.

Why: Markdown is what advisers paste into their own notes and what a
repository shows. Text comes from users' files and the knowledge base: it is
escaped so that it can never become a heading, a link, an image or HTML
(`essrural.render.mdtext`); only the http(s) URLs the knowledge checked
become links.
"""

from __future__ import annotations

from ..document import Document, Fields, Heading, Inline, Items, PageBreak, Para, Table
from .mdtext import inline, link, paragraph


def render(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {inline(block.text)}", ""]
        elif isinstance(block, Para):
            out += [spans_md(block.spans, start=True), ""]
        elif isinstance(block, Items):
            for n, item in enumerate(block.items, 1):
                mark = f"{n}." if block.numbered else "-"
                out.append(f"{mark} {spans_md(item)}")
            out.append("")
        elif isinstance(block, Fields):
            out += [f"- **{inline(label)}** : {spans_md(value)}" for label, value in block.rows] + [""]
        elif isinstance(block, Table):
            align = block.align or ("l",) * len(block.header)
            # pipes between cells only (GFM tables need no outer pipes), unless a cell is empty
            header = [inline(h) for h in block.header]
            rows = [[spans_md(cell) for cell in row] for row in block.rows]
            edge = "|" if not all(header) or not all(all(row) for row in rows) else ""
            for cells in (header, ["---:" if a == "r" else "---" for a in align], *rows):
                out.append(f"{edge} {' | '.join(cells)} {edge}".strip())
            out.append("")
        elif isinstance(block, PageBreak):
            continue
    return "\n".join(out).rstrip() + "\n"


def spans_md(line: Inline, start: bool = False) -> str:
    """Spans as Markdown; spaces around a styled span stay outside its marks, and only the first span
    of a paragraph is escaped as a line start. A link inside the document (`#…`) stays text: Markdown
    viewers make their own anchors."""
    parts = []
    for i, span in enumerate(line):
        core = span.text.strip()
        before = span.text[: len(span.text) - len(span.text.lstrip())]
        after = span.text[len(span.text.rstrip()) :] if core else ""
        if span.outside:
            url = span.url.replace("(", "%28").replace(")", "%29")
            text = link(span.url) if span.text == span.url else f"[{inline(core)}]({url})"
        else:
            text = paragraph(core) if start and i == 0 and not before else inline(core)
            if text and span.style == "b":
                text = f"**{text}**"
            elif text and span.style in ("i", "dim"):
                text = f"*{text}*"
        parts.append(f"{' ' if before else ''}{text}{' ' if after else ''}")
    return "".join(parts)
