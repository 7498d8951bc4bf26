"""A document as a Word file (.docx) the council can edit in Word or LibreOffice.

Why: councils work on Word documents. python-docx writes the Office Open XML
format with real headings (the « Titre 1, 2, 3 » styles that make a table of
contents), real lists, tables and the document's properties; text goes in as
text runs, so nothing in it is ever interpreted. The file says it is French
(spelling is checked in French), numbers its pages at the foot, and keeps a
heading with what it opens and a short table or list on one page, as the web
page does in print: a short list and a project's fields sit in a one-cell box
without borders, because LibreOffice keeps a row whole but follows « keep with
next » one line back only.
"""

from __future__ import annotations

import datetime as dt
import io

from ..document import Document, Fields, Heading, Inline, Items, PageBreak, Para, Table, keeps_with_next

GREEN = (0x2F, 0x6F, 0x4E)
GREY = (0x66, 0x66, 0x66)
LANGUAGE = "fr-FR"


def render(document: Document) -> bytes:
    from docx import Document as Word
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    word = Word()
    _properties(word, document)
    styles = word.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10)
    _french(word)
    for level in (1, 2, 3, 4):
        styles[f"Heading {level}"].font.color.rgb = RGBColor(*GREEN)
    section = word.sections[0]
    section.page_width, section.page_height = int(210 * 36000), int(297 * 36000)  # A4, in EMU
    header = section.header.paragraphs[0]
    header.text = document.running
    _small(header.runs[0])
    _page_numbers(section.footer.paragraphs[0])
    text_width = section.page_width - section.left_margin - section.right_margin
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            if block.level == 1:
                heading = word.add_heading(block.text, level=0)
            else:
                heading = word.add_heading(block.text, level=min(block.level - 1, 9))
            if keeps_with_next(document.blocks, index):
                heading.paragraph_format.keep_with_next = True  # as the template's « Heading » styles already say
        elif isinstance(block, Para):
            paragraph = word.add_paragraph()
            _runs(paragraph, block.spans, small=block.kind == "note")
            following = document.blocks[index + 1] if index + 1 < len(document.blocks) else None
            if keeps_with_next(document.blocks, index) or _boxed(following):  # « Premières étapes » too
                _keep_with_next(paragraph, following)
        elif isinstance(block, Items):
            style = "List Number" if block.numbered else "List Bullet"
            restart = _new_numbering(word) if block.numbered else None
            place = _kept_box(word, text_width) if _boxed(block) else word
            for item in block.items:
                paragraph = place.add_paragraph(style=style)
                if restart is not None:
                    _number_with(paragraph, restart)
                _runs(paragraph, item)
            if place is not word:
                _close_box(word, place)
        elif isinstance(block, Fields):  # a project's decision, cost, decider and horizon
            box = _kept_box(word, text_width)
            for label, value in block.rows:
                paragraph = box.add_paragraph(style="List Bullet")
                run = paragraph.add_run(f"{label} : ")
                run.bold = True
                _runs(paragraph, value)
            _close_box(word, box)
        elif isinstance(block, Table):
            _table(word, block, text_width)
        elif isinstance(block, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _keep_with_next(paragraph, following) -> None:
    """A line that opens a long list is kept whole instead of « with next »: LibreOffice does not follow
    a chain heading → line → list of paragraphs and leaves the heading alone at the foot of the page
    (Saint-Clar's synthesis); whole, the line travels with its heading, the list may start overleaf.
    A short list or fields sit in a box that LibreOffice does keep with the line and its heading."""
    if isinstance(following, Items) and not _boxed(following):
        paragraph.paragraph_format.keep_together = True
    else:
        paragraph.paragraph_format.keep_with_next = True


def _boxed(block) -> bool:
    """Fields and a short list, which the Word file sets in a box to keep them on one page."""
    return isinstance(block, Fields) or (isinstance(block, Items) and block.keeps_together)


def _kept_box(word, text_width: int):
    """A short list or a project's fields, printed on one page: a one-cell table without borders whose
    row may not break. LibreOffice follows « keep with next » one line back only, and printed a
    project's « Autres voies » alone overleaf (Thoré-la-Rochette, 4 December 2026); a row it is told
    not to split it moves whole, with the heading and the line kept with it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    box = word.add_table(rows=1, cols=1)
    box.autofit = False
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    box._tbl.tblPr.append(borders)
    box.columns[0].width = text_width
    cell = box.rows[0].cells[0]
    cell.width = text_width
    _row_property(box.rows[0], "w:cantSplit")
    return cell


def _close_box(word, cell) -> None:
    """Drops the empty paragraph a new cell starts with, now that the box has its lines; then, since Word
    glues two tables that touch into one, a hairline paragraph after the box keeps it apart."""
    from docx.shared import Pt

    cell._tc.remove(cell.paragraphs[0]._p)
    spacer = word.add_paragraph()
    spacer.paragraph_format.space_before = Pt(0)
    spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.line_spacing = Pt(1)


def _new_numbering(word) -> int:
    """A numbering that starts again at 1, for one numbered list (Word's « List Number » style would
    otherwise go on counting from the previous list)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = word.part.numbering_part.numbering_definitions._numbering
    style_num = word.styles["List Number"]._element.pPr.numPr.numId.val
    abstract = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(style_num))
    abstract_id = abstract.find(qn("w:abstractNumId")).get(qn("w:val"))
    num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return num_id


def _number_with(paragraph, num_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), "0")
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), str(num_id))
    num_pr.append(level)
    num_pr.append(ident)
    properties.append(num_pr)


def _properties(word, document: Document) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subject
    properties.comments = f"{document.subject}, établi avec essrural."  # else python-docx's « generated by python-docx »
    properties.author = "essrural"
    properties.keywords = "ESS, économie sociale et solidaire, commune rurale, plan d'action"
    properties.language = LANGUAGE
    created = dt.datetime.fromisoformat(document.date).replace(tzinfo=dt.timezone.utc)
    properties.created = properties.modified = created
    properties.last_modified_by = "essrural"
    properties.revision = 1
    _application(word)


# python-docx copies its template's extended properties (« Microsoft Macintosh Word », one page, no
# words) and its thumbnail (a blank page, which file browsers would show as the council's document). A
# council's file says what made it; Word and LibreOffice count pages and words themselves, and file
# browsers draw their own preview when a file has no thumbnail.
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>essrural {version}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _application(word) -> None:
    """Our extended properties in place of the template's, and no thumbnail, through python-docx's
    public parts API (a part no relationship reaches is not saved)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from .. import __version__

    package = word.part.package
    for rid, relation in list(package.rels.items()):
        if relation.reltype in (RELATIONSHIP_TYPE.EXTENDED_PROPERTIES, RELATIONSHIP_TYPE.THUMBNAIL):
            del package.rels[rid]
    blob = APP_XML.format(version=__version__).encode("utf-8")
    part = Part(PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def _french(word) -> None:
    """French for spelling and hyphenation: the document's default language (its default run properties,
    which every style inherits, and the « Normal » style itself) and the theme's, in place of the
    template's en-US; the template's copy of its styles for Word 2010 (stylesWithEffects, en-US too) is
    left out, so that no part of the file says English."""
    from docx.oxml.ns import qn

    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for properties in (defaults, word.styles["Normal"].element.get_or_add_rPr()):
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = properties.makeelement(qn("w:lang"), {})
            properties.append(lang)  # last: nothing after w:lang in these run properties
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)  # no East Asian text; no English either
        lang.set(qn("w:bidi"), "ar-SA")  # right-to-left scripts: Word's default, for French too
    theme = word.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    for rid, relation in list(word.part.rels.items()):
        if relation.reltype.endswith("/stylesWithEffects"):
            word.part.drop_rel(rid)


def _page_numbers(paragraph) -> None:
    """« 3 / 15 » at the foot of each page, on the right, as the web page prints it: Word's PAGE and
    NUMPAGES fields, which Word and LibreOffice compute as they lay out the pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(paragraph, "PAGE", "1")
    _small(paragraph.add_run(" / "))
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph, code: str, shown: str) -> None:
    """A field (`PAGE`), showing `shown` until Word or LibreOffice computes it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def mark(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        _small(paragraph.add_run())._r.append(element)

    mark("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    _small(paragraph.add_run())._r.append(instruction)
    mark("separate")
    _small(paragraph.add_run(shown))
    mark("end")


def _small(run):
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(*GREY)
    return run


def _runs(paragraph, line: Inline, small: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    for span in line:
        run = paragraph.add_run(span.written)
        run.bold = span.style == "b" or None
        run.italic = span.style == "i" or None
        if span.style == "dim":
            run.font.color.rgb = RGBColor(*GREY)
        if small:
            run.font.size = Pt(8.5)


def _table(word, table: Table, text_width: int) -> None:
    """A plain grid between the margins; the last columns (points) as narrow as their content, the
    first takes the rest. No row is split across two pages; a long table repeats its header on each
    page, and a short one (a project's points) is kept on one page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    align = table.align or ("l",) * len(table.header)
    grid = word.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    narrow = Cm(2.2)
    widths = [text_width - narrow * (len(table.header) - 1)] + [narrow] * (len(table.header) - 1)
    for cell, text, a in zip(grid.rows[0].cells, table.header, align):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        if a == "r":
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value, a in zip(cells, row, align):
            _runs(cell.paragraphs[0], value)
            if a == "r":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for column, width in zip(grid.columns, widths):  # LibreOffice reads the grid, Word the cells
        column.width = width
    for number, row in enumerate(grid.rows):
        for cell, width in zip(row.cells, widths):
            cell.width = width
            if table.keeps_together and number < len(grid.rows) - 1:
                for paragraph in cell.paragraphs:  # Word's way to keep a table on one page
                    paragraph.paragraph_format.keep_with_next = True
        _row_property(row, "w:cantSplit")
    _row_property(grid.rows[0], "w:tblHeader")
    word.add_paragraph()  # Word glues a table to what follows: a blank line, as on the web page


def _row_property(row, name: str) -> None:
    """A row property without a value (`w:cantSplit`, `w:tblHeader`), which python-docx does not offer."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement(name))
