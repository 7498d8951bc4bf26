"""A document as one self-contained web page: readable on a phone, printed on A4 for the council.

Why: councils print. The page carries its own stylesheet (no external font,
script or image): on screen a single readable column; in print, A4 pages with
the commune's name at the top of each, page numbers, and the annexes starting
on a new page. All text is escaped; only the http(s) URLs the knowledge
checked become links.
"""

from __future__ import annotations


from ..document import Document, Fields, Heading, Inline, Items, PageBreak, Para, Table, keeps_with_next

_ANCHOR_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def escape(text: str) -> str:
    """HTML text and attribute values (the standard `html` module would load `re`: not on the fast path)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    )


def _anchor(url: str) -> bool:
    """A link to a part of the same page (`#programme-detr`: ids the knowledge checked)."""
    return len(url) > 1 and url[0] == "#" and set(url[1:]) <= _ANCHOR_CHARS
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 1rem;
  line-height: 1.45; color: #1d1d1b; max-width: 46rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #2f6f4e; padding-bottom: .15rem; margin: 1.6rem 0 .6rem; color: #2f6f4e; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .35rem 0; }
p.note { font-size: .85rem; color: #555; }
ul, ol { margin: .3rem 0 .6rem; padding-left: 1.4rem; }
ol.d2 { padding-left: calc(1.4rem + 1ch); } ol.d3 { padding-left: calc(1.4rem + 2ch); } ol.d4 { padding-left: calc(1.4rem + 3ch); }
li { margin: .15rem 0; }
dl { margin: .3rem 0 .6rem; }
dl div { margin: .15rem 0; }
dt { display: inline; font-weight: bold; }
dt::after { content: "\\00a0: "; }
dd { display: inline; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { border-bottom: 1px solid #ccc; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th.r, td.r { text-align: right; white-space: nowrap; }
.dim { color: #666; }
a { color: #1f5a8c; }
.scroll { overflow-x: auto; }
@media print {
  @page { size: A4; margin: 18mm 15mm 16mm; }
  @page { @bottom-right { content: counter(page) " / " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #666; } }
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  h1 { font-size: 15pt; } h2 { font-size: 12.5pt; } h3 { font-size: 11pt; } h4 { font-size: 10pt; }
  h2, h3, h4 { break-after: avoid; }
  p.next { break-after: avoid; }  /* an opening line stays with what it opens */
  li, tr, dl { break-inside: avoid; }  /* a project's decision, cost, decider and horizon on one page */
  .keep { break-inside: avoid; }
  .scroll { overflow: visible; }  /* a scroll box cannot split across pages: on paper it showed a scroll bar */
  .break { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"""


def render(document: Document) -> str:
    body: list[str] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
            body.append(f"<h{block.level}{anchor}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            classes = " ".join(filter(None, (block.kind, "next" if keeps_with_next(document.blocks, index) else "")))
            kind = f' class="{classes}"' if classes else ""
            body.append(f"<p{kind}>{spans_html(block.spans)}</p>")
        elif isinstance(block, Items):
            body.append(_list(block))
        elif isinstance(block, Fields):
            rows = "".join(f"<div><dt>{escape(label)}</dt><dd>{spans_html(value)}</dd></div>" for label, value in block.rows)
            body.append(f"<dl>{rows}</dl>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, PageBreak):
            body.append('<div class="break"></div>')
    running = (
        "@media print { @page { @top-center { content: " + css_string(document.running)
        + '; font: 8pt "DejaVu Sans", Arial, sans-serif; color: #666; } } }'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)}</title>\n"
        f'<meta name="description" content="{escape(document.subject)}">\n'
        f'<meta name="date" content="{escape(document.date)}">\n'
        '<meta name="generator" content="essrural">\n'
        f"<style>{STYLE}{running}</style>\n"
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _list(items: Items) -> str:
    """A list; a numbered one reaching 10 or 100 (« 49. ») gets the room for its wider numbers, which
    sit left of the text: printed, the page's margin would cut their first digit. A short list stays on
    one page, and so with the heading that opens it."""
    digits = min(len(str(len(items.items))), 4) if items.numbered else 1  # 1ch: the width of a digit
    classes = " ".join(filter(None, (f"d{digits}" if digits > 1 else "", "keep" if items.keeps_together else "")))
    tag, attribute = ("ol" if items.numbered else "ul"), (f' class="{classes}"' if classes else "")
    return f"<{tag}{attribute}>" + "".join(f"<li>{spans_html(item)}</li>" for item in items.items) + f"</{tag}>"


def _table(table: Table) -> str:
    align = table.align or ("l",) * len(table.header)
    head = "".join(f'<th class="{a}">{escape(h)}</th>' for h, a in zip(table.header, align))
    rows = "".join(
        "<tr>" + "".join(f'<td class="{a}">{spans_html(cell)}</td>' for cell, a in zip(row, align)) + "</tr>"
        for row in table.rows
    )
    kind = "scroll keep" if table.keeps_together else "scroll"  # printed on one page, unless longer than a page
    return f'<div class="{kind}"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def spans_html(line: Inline) -> str:
    parts = []
    for span in line:
        text = escape(span.text)
        if span.url and (span.url.startswith(("https://", "http://")) or _anchor(span.url)):
            text = f'<a href="{escape(span.url)}">{text}</a>'
        if span.style == "b":
            text = f"<strong>{text}</strong>"
        elif span.style == "i":
            text = f"<em>{text}</em>"
        elif span.style == "dim":
            text = f'<span class="dim">{text}</span>'
        parts.append(text)
    return "".join(parts)


def css_string(text: str) -> str:
    """A CSS string literal of any text: every character but letters, digits and spaces as a hex escape,
    so that nothing (a quote, `</style>`) can leave the string or the stylesheet."""
    return '"' + "".join(c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):x} " for c in text) + '"'
