"""What essrural prints, as a document: headings, paragraphs, lists, tables, links, notes.

Why: the same plan goes to a terminal, a Markdown file, a web page a mayor
prints, and a Word document the council edits. It is built once, as these
Structs (`essrural.render.plan_doc`, `essrural.render.knowledge_doc`), and each
format has one renderer that reads them (`essrural.render.text`, `markdown`,
`html`, `docx`): a new field is one edit in a builder, never one per view.
All text here is plain text from the knowledge or the user; renderers escape
it for their format. Nothing here imports anything.
"""

from __future__ import annotations

from .records import Struct


KEEP_TOGETHER_ROWS = 15  # a table of up to this many rows is never split across printed pages
SHORT_LIST = 6  # items: a list this short is printed on one page (a coverage list cut after its first need)


class Span(Struct):
    """A run of text: `style` "" (plain), "b" (bold), "i" (italic) or "dim"; `url` makes it a link."""

    _fields = ("text", "style", "url")
    _defaults = {"style": "", "url": None}

    text: str
    style: str
    url: str | None

    @property
    def outside(self) -> str | None:
        """The address of a link to another page; None for plain text and for a link inside the
        document (`#programme-detr`), which only a web page can follow."""
        return self.url if self.url and not self.url.startswith("#") else None

    @property
    def written(self) -> str:
        """The span where links cannot be clicked (terminal, Word): a link to another page is
        followed by its address, unless the text is the address."""
        return f"{self.text} ({self.url})" if self.outside and self.text != self.url else self.text


Inline = tuple[Span, ...]


def spans(*parts: str | Span) -> Inline:
    """`spans("Voir ", bold("ceci"), ".")`: plain strings become plain spans."""
    return tuple(Span(p) if isinstance(p, str) else p for p in parts if p != "")


def bold(text: str) -> Span:
    return Span(text, "b")


def italic(text: str) -> Span:
    return Span(text, "i")


def dim(text: str) -> Span:
    return Span(text, "dim")


def link(text: str, url: str) -> Span:
    return Span(text, "", url)


class Heading(Struct):
    """A heading; `level` 1 is the document's title, 2 a part, 3 a section, 4 a subsection."""

    _fields = ("level", "text", "anchor")
    _defaults = {"anchor": None}

    level: int
    text: str
    anchor: str | None


class Para(Struct):
    """A paragraph; `kind` "" (body), "lead" (an opening sentence), "note" (small print)."""

    _fields = ("spans", "kind")
    _defaults = {"kind": ""}

    spans: Inline
    kind: str


class Items(Struct):
    """A bulleted (or numbered) list; each item is a line of spans."""

    _fields = ("items", "numbered")
    _defaults = {"numbered": False}

    items: tuple[Inline, ...]
    numbered: bool

    @property
    def keeps_together(self) -> bool:
        """A short list (the coverage of four needs) is printed on one page rather than cut after its first line."""
        return len(self.items) <= SHORT_LIST


class Fields(Struct):
    """Label and value pairs (« Première décision : … »), shown as a short definition list."""

    _fields = ("rows",)

    rows: tuple[tuple[str, Inline], ...]


class Table(Struct):
    """A table; `align` gives "l" or "r" per column; the last column takes the room left."""

    _fields = ("header", "rows", "align")
    _defaults = {"align": ()}

    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...]

    @property
    def keeps_together(self) -> bool:
        """A short table (a project's points) is printed on one page rather than split after a row or two."""
        return len(self.rows) <= KEEP_TOGETHER_ROWS


class PageBreak(Struct):
    """Printed documents start a new page here (before the annexes)."""

    _fields = ()


Block = Heading | Para | Items | Fields | Table | PageBreak


class Document(Struct):
    """A whole document: its title for the page and the file's properties, and its blocks."""

    _fields = ("title", "subject", "date", "blocks", "running")
    _defaults = {"running": ""}

    title: str
    subject: str
    date: str  # ISO date of the document (the file's properties)
    blocks: tuple[Block, ...]
    running: str  # the running title at the top of printed pages


def keeps_with_next(blocks: tuple[Block, ...], index: int) -> bool:
    """Printed, the block at `index` stays on the same page as the next one: a heading; a paragraph that
    opens a table; under a heading, the paragraph that opens a list, fields or a subsection (« Pour
    chaque cas : … » under « B. Cas réels cités »). A paragraph that closes its section goes alone."""
    if index + 1 >= len(blocks):
        return False
    block, following = blocks[index], blocks[index + 1]
    if isinstance(block, Heading):
        return True
    if not isinstance(block, Para):
        return False
    if isinstance(following, Table):
        return True
    previous = blocks[index - 1] if index else None
    if not isinstance(previous, Heading):
        return False
    return isinstance(following, (Items, Fields)) or (isinstance(following, Heading) and following.level > previous.level)


def words(document: Document) -> int:
    """How many words a reader reads: every span of every block, headings included."""
    count = 0
    for block in document.blocks:
        for text in _texts(block):
            count += len(text.split())
    return count


def _texts(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [block.text]
    if isinstance(block, Para):
        return [s.text for s in block.spans]
    if isinstance(block, Items):
        return [s.text for item in block.items for s in item]
    if isinstance(block, Fields):
        return [label for label, _ in block.rows] + [s.text for _, value in block.rows for s in value]
    if isinstance(block, Table):
        return list(block.header) + [s.text for row in block.rows for cell in row for s in cell]
    return []


def plain(line: Inline) -> str:
    return "".join(span.text for span in line)
