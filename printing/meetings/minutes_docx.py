"""The minutes as a Word document (python-docx), for the minute-taker to finish in Word.

The same blocks as the PDF (minutes.py) in Word's own structure: the title as "Title", agenda items
as "Heading 1", labelled fields with a bold label, tasks as a table with a header row,
signature lines as a borderless table. Word's built-in styles and fonts are used (the booklet's
typefaces are not on the clerk's computer); the language is Czech, so Word's spelling check and
hyphenation work. The funding strip is in the page header and "strana X z Y" in the footer, as Word
fields that stay right while she edits.
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from db.errors import UserError
from db.images import upright
from printing import typography as ty
from printing.meetings.data import MeetingDocument, Strip
from printing.meetings.minutes import Block, document_blocks, minutes_document_title
from printing.meetings.page import atomic_output

ACCENT = RGBColor(0x1D, 0x4F, 0x6E)
MUTED = RGBColor(0x4A, 0x4A, 0x4A)


def build_minutes_docx(doc: MeetingDocument, path: Path | str, attendance_by_sheet: bool = False) -> None:
    """Write the minutes of `doc` to `path` (.docx, A4): the edited text if there is one, else
    generated from the meeting. Raises UserError if the file cannot be written or the strip's image
    is not a picture Word can show."""
    document = Document()
    _set_up(document, minutes_document_title(doc), doc.strip)
    for block in document_blocks(doc, attendance_by_sheet):
        _add(document, block)
    with atomic_output(path, ".docx") as tmp:
        document.save(str(tmp))


def _set_up(document, title: str, strip: Strip | None) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _set_language(normal.element.get_or_add_rPr())
    for name in ("Title", "Heading 1"):
        document.styles[name].font.color.rgb = ACCENT
    document.styles["Title"].font.size = Pt(20)
    document.core_properties.title = title
    document.core_properties.language = "cs-CZ"
    if strip:
        _strip_header(section, strip)
    _page_footer(section, title)


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "cs-CZ")


def _strip_header(section, strip: Strip) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if strip.image:
        try:
            picture = paragraph.add_run().add_picture(io.BytesIO(upright(strip.image)), height=Mm(15))
        except Exception as exc:  # python-docx raises its own and Pillow's errors for an unknown image
            raise UserError("Obrázek pruhu s logy nelze vložit do dokumentu Word. Vyberte v Nastavení jiný "
                            "obrázek (PNG nebo JPEG).") from exc
        limit = Mm(170)
        if picture.width > limit:
            picture.height = int(picture.height * limit / picture.width)
            picture.width = limit
    if strip.text.strip():
        text = section.header.add_paragraph() if strip.image else paragraph
        text.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = text.add_run(strip.text.strip())
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_footer(section, title: str) -> None:
    paragraph = section.footer.paragraphs[0]
    # The Footer style's tabs sit at Letter width: clear them, one right tab at this page's margin.
    tabs = paragraph.paragraph_format.tab_stops
    for inherited in paragraph.style.paragraph_format.tab_stops:
        tabs.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{title}\tstrana ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" z ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def _t(text: str) -> str:
    """Czech typography as in the PDF (no-break spaces after one-letter prepositions, „quotes“);
    Word keeps the no-break spaces while the text is edited."""
    return ty.typeset(" ".join(text.split()))


def _labelled(document, label: str, text: str):
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(" " + _t(text))
    return paragraph


def _add(document, block: Block) -> None:
    kind = block.kind
    if kind == "title":
        document.add_paragraph(_t(block.text), style="Title")
    elif kind == "subtitle":
        document.add_paragraph(_t(block.text), style="Subtitle")
    elif kind == "field":
        _labelled(document, block.label, block.text)
    elif kind == "quorum":
        document.add_paragraph().add_run(_t(block.text)).italic = True
    elif kind == "heading":
        document.add_heading(_t(block.text), level=1)
    elif kind == "item":
        style = "List Bullet" if block.text.startswith("– ") else "Normal"
        text = block.text[2:] if block.text.startswith("– ") else block.text
        document.add_paragraph(_t(text), style=style)
    elif kind == "resolution":
        _labelled(document, block.label, block.text)
    elif kind == "vote":
        document.add_paragraph().add_run(_t(block.text)).italic = True
    elif kind == "tasks":
        _task_table(document, block.rows)
    elif kind == "signatures":
        _signatures(document, block.rows)
    else:
        for part in ty.blocks(block.text):
            document.add_paragraph(_t(part))


def _task_table(document, rows) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, ("Úkol", "Odpovídá", "Termín")):
        cell.paragraphs[0].add_run(heading).bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = _t(value)
    for row in table.rows:
        for cell, width in zip(row.cells, (Mm(100), Mm(45), Mm(25))):
            cell.width = width


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _signatures(document, rows) -> None:
    document.add_paragraph()
    table = document.add_table(rows=0, cols=3)
    for label, name in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = _t(name)
        cells[2].text = "dne ............................  podpis ....................................."
    for row in table.rows:
        row.height = Mm(11)
        for cell, width in zip(row.cells, (Mm(28), Mm(55), Mm(87))):
            cell.width = width
