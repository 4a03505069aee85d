"""A4 office documents (plan documents, reports for the council): styles, page frame and tables.

Same typefaces and Czech typography as the booklet (printing/fonts.py, printing/typography.py), set
for an A4 page read at a desk: 10.5 pt Charis SIL body, Noto Sans headings and tables, 20 mm margins.
Every page carries a running header (the document's title), "strana x z y" in the footer and, when
the document is financed from a project, the funding strip (the clerk's image and text line).
"""
from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from db.files import replace_file
from printing import typography as ty
from printing.flowables import plain_para
from printing.fonts import SANS, SERIF, register_fonts
from printing.typography import NBSP, hyphenate_czech

ACCENT = colors.HexColor("#1d4f6e")
TEXT = colors.black
MUTED = colors.HexColor("#404040")
RULE = colors.HexColor("#9fb3c2")
HEAD_FILL = colors.HexColor("#e4ecf2")
ZEBRA = colors.HexColor("#f4f7f9")

MARGIN = 20 * mm
STRIP_HEIGHT = 14 * mm  # room kept at the top of every page for the funding strip


@dataclass(frozen=True)
class FundingStripArt:
    """The funding strip as printed: an image (PNG/JPEG bytes, may be empty) and a text line."""

    image: bytes = b""
    text: str = ""


@dataclass(frozen=True)
class OfficeStyles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_number: ParagraphStyle
    cell_head_number: ParagraphStyle
    toc: ParagraphStyle


def office_styles() -> OfficeStyles:
    register_fonts()
    b = 10.5

    def style(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=SERIF, fontSize=b, leading=b * 1.35, textColor=TEXT, alignment=TA_LEFT,
                    hyphenationLang=hyphenate_czech, hyphenationMinWordLength=8, splitLongWords=1,
                    allowWidows=0, allowOrphans=0)
        base.update(kw)
        return ParagraphStyle(name, **base)

    # Table cells are short: no hyphenation (the dictionary lookup would cost more than it gains).
    cell = dict(fontName=SANS, fontSize=8.5, leading=8.5 * 1.25, hyphenationLang="")
    return OfficeStyles(
        body=style("body", spaceAfter=b * 0.5),
        small=style("small", fontName=SANS, fontSize=8.5, leading=11, textColor=MUTED),
        title=style("title", fontName=SANS + "-Bold", fontSize=22, leading=27, textColor=ACCENT, spaceAfter=8,
                    hyphenationLang=""),
        subtitle=style("subtitle", fontName=SANS, fontSize=13, leading=17, textColor=MUTED, spaceAfter=18),
        h1=style("h1", fontName=SANS + "-Bold", fontSize=15, leading=19, textColor=ACCENT, spaceBefore=12,
                 spaceAfter=6, keepWithNext=1, hyphenationLang=""),
        h2=style("h2", fontName=SANS + "-Bold", fontSize=12, leading=15.5, textColor=ACCENT, spaceBefore=10,
                 spaceAfter=4, keepWithNext=1, hyphenationLang=""),
        h3=style("h3", fontName=SANS + "-Bold", fontSize=10.5, leading=13.5, spaceBefore=8, spaceAfter=2,
                 keepWithNext=1, hyphenationLang=""),
        label=style("label", fontName=SANS, fontSize=9, leading=12.5, leftIndent=30 * mm, firstLineIndent=-30 * mm,
                    spaceAfter=1),
        cell=style("cell", **cell),
        cell_head=style("cell_head", **{**cell, "fontName": SANS + "-Bold"}),
        cell_number=style("cell_number", **cell, alignment=TA_RIGHT),
        cell_head_number=style("cell_head_number", **{**cell, "fontName": SANS + "-Bold"}, alignment=TA_RIGHT),
        toc=style("toc", fontName=SANS, fontSize=10, leading=14),
    )


def kc(amount: int | float | None) -> str:
    """Czech money: 12500 → "12 500 Kč" (no-break spaces); None → "–"."""
    if amount is None:
        return "–"
    return f"{round(amount):,}".replace(",", NBSP) + NBSP + "Kč"


def number(value: float | int | None) -> str:
    """A measured value as Czech writes it: "12", "2,5", "1 250"; None → "–"."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", NBSP)
    return f"{value:,.2f}".rstrip("0").replace(",", NBSP).replace(".", ",")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text: typeset and escaped (& < > never reach the markup parser raw)."""
    return Paragraph(ty.prose(text), style)


def markup(markup_text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph whose markup was built by our code (user parts escaped by the caller)."""
    return Paragraph(markup_text, style)


def label_line(label: str, value: str, styles: OfficeStyles) -> Paragraph:
    """"Odpovědnost:  Město Lipová" with the label in bold, the value typeset."""
    return Paragraph(f"<b>{ty.escape(label)}</b>{NBSP}{ty.prose(value) or '–'}", styles.label)


def data_table(header: Sequence[str], rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float],
               styles: OfficeStyles, numeric: Sequence[int] = (), total_row: bool = False) -> Table:
    """A table of short values that may run over pages (header repeated). Text cells are typeset and
    wrapped; `numeric` columns align right. Long text never goes in a cell: callers print it as
    paragraphs below the table."""
    def cell(value, col: int):
        if isinstance(value, Flowable):  # a Paragraph or a mark built by the caller
            return value
        # Plain one-font text: no markup parser, the largest cost of thousands of small cells.
        return plain_para(ty.typeset(str(value), quotes=False), styles.cell_number if col in numeric else styles.cell)

    head = [plain_para(h, styles.cell_head if i not in numeric else styles.cell_head_number)
            for i, h in enumerate(header)]
    body = [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),  # else ReportLab names Helvetica, an unembedded font
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if total_row and body:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT), ("BACKGROUND", (0, -1), (-1, -1), HEAD_FILL)]
    table.setStyle(TableStyle(commands))
    return table


class _NumberedCanvas(Canvas):
    """Defers each page until the total is known, so the footer can say "strana 2 z 7"."""

    def __init__(self, *args, frame_painter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._frame_painter = frame_painter

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._frame_painter(self, self._pageNumber, total)
            super().showPage()
        super().save()


@dataclass(frozen=True)
class DocumentInfo:
    title: str       # running header and PDF metadata
    author: str = ""  # the office (town, department)
    subject: str = ""


class _FramePainter:
    def __init__(self, info: DocumentInfo, strip: FundingStripArt | None, pagesize: tuple[float, float]):
        self.info, self.strip, self.width, self.height = info, strip, *pagesize

    def __call__(self, canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        top = self.height - MARGIN / 2
        if self.strip and (self.strip.image or self.strip.text):
            top = self._draw_strip(canv)
        canv.setFont(SANS, 8)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, top - 9, self.info.title[:120])
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, top - 12, self.width - MARGIN, top - 12)
        canv.drawRightString(self.width - MARGIN, MARGIN / 2, f"strana {page} z {total}")
        if self.info.author:
            canv.drawString(MARGIN, MARGIN / 2, self.info.author[:100])
        canv.restoreState()

    def _draw_strip(self, canv: Canvas) -> float:
        """Draw the strip centred at the top; returns the y below it."""
        y_top = self.height - 6 * mm
        y = y_top
        if self.strip.image:
            try:
                reader = ImageReader(io.BytesIO(self.strip.image))
                iw, ih = reader.getSize()
                h = 9 * mm
                w = min(self.width - 2 * MARGIN, h * iw / ih)
                h = w * ih / iw
                canv.drawImage(reader, (self.width - w) / 2, y_top - h, w, h, mask="auto")
                y = y_top - h - 1.5 * mm
            except (OSError, ValueError):  # a damaged image must not stop the document: the text still prints
                pass
        if self.strip.text:
            canv.setFont(SANS, 7.5)
            canv.setFillColor(TEXT)
            canv.drawCentredString(self.width / 2, y - 7.5, self.strip.text[:160])
            y -= 9
        return y - 1 * mm


class _OfficeDoc(BaseDocTemplate):
    """Feeds headings marked with `toc_level` to a TableOfContents in the story (two passes)."""

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, flowable.getPlainText(), self.page, key))


def heading(text: str, style: ParagraphStyle, toc_level: int | None = None) -> Paragraph:
    """A heading of user text; with `toc_level` it appears in the contents and the PDF's bookmarks."""
    para_ = Paragraph(ty.escape(ty.name(text)), style)
    para_.toc_level = toc_level
    return para_


def contents(styles: OfficeStyles) -> TableOfContents:
    """The contents (obsah): headings with toc_level 0 and 1, page numbers flush right (no leaders:
    ReportLab starts them at uneven distances from the text)."""
    toc = TableOfContents(dotsMinLevel=-1, tableStyle=[("FONTNAME", (0, 0), (-1, -1), SANS),
                                                      ("VALIGN", (0, 0), (-1, -1), "TOP")])
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=styles.toc, fontName=SANS + "-Bold", spaceBefore=5),
        ParagraphStyle("toc1", parent=styles.toc, leftIndent=12 * mm, fontSize=9.5, leading=12.5),
    ]
    return toc


def build_office_pdf(story: list, out_path: Path | str, info: DocumentInfo,
                     strip: FundingStripArt | None = None, wide: bool = False) -> int:
    """Lay out `story` (flowables) on A4 (landscape when `wide`) and write it to `out_path` atomically
    (a temporary file replaced at the end by db.files.replace_file, which gives it ordinary permissions). A story
    holding a TableOfContents (see `contents`) is laid out until its page numbers settle.

    Returns the page count. Raises db.errors.UserError when the file cannot be written.
    """
    pagesize = landscape(A4) if wide else A4
    top = MARGIN + (STRIP_HEIGHT if strip and (strip.image or strip.text) else 0)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".pdf", dir=out_path.parent, prefix=".kp-")
    os.close(fd)
    tmp = Path(tmp_name)
    painter = _FramePainter(info, strip, pagesize)
    try:
        doc = _OfficeDoc(str(tmp), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                              topMargin=top, bottomMargin=MARGIN, title=info.title, author=info.author,
                              subject=info.subject, creator="Komunitní plán", lang="cs-CZ")
        frame = Frame(MARGIN, MARGIN, pagesize[0] - 2 * MARGIN, pagesize[1] - top - MARGIN, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        canvasmaker = lambda *a, **k: _NumberedCanvas(*a, frame_painter=painter, **{**k, "initialFontName": SERIF})  # noqa: E731
        if any(isinstance(f, TableOfContents) for f in story):
            doc.multiBuild(story, canvasmaker=canvasmaker)
        else:
            doc.build(story, canvasmaker=canvasmaker)
        pages = doc.page
        replace_file(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)
    return pages


def frame_width(wide: bool = False) -> float:
    """Width of the text frame in pt (A4 portrait 170 mm, landscape 257 mm)."""
    return (landscape(A4) if wide else A4)[0] - 2 * MARGIN
