"""The page every meeting document is set on: A4, the funding strip at the head of every page, a
footer with the document's name and "strana 1 z 2", the booklet's typefaces and colours.

"Page x of y" needs the page count before the first footer is drawn: the canvas keeps each finished
page and draws the footers when the document is saved, so the layout runs once.
"""
from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from db.errors import UserError
from db.images import upright
from db.files import replace_file, write_error_message
from printing import typography as ty
from printing.fonts import SANS, SERIF, register_fonts
from printing.meetings.data import Strip
from printing.styles import ACCENT, MUTED, RULE, TEXT

HEADER_FILL = colors.HexColor("#dde6f0")  # the same light blue as the XLSX headers; prints as light grey
SECTION_FILL = colors.HexColor("#f1f4f7")  # a group's (or a list's) heading row inside a table
STRIP_IMAGE_HEIGHT = 17 * mm  # a logolink at this height keeps its small print ("Evropská unie") legible
MARGIN_SIDE = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
FOOTER_Y = 10 * mm


@dataclass(frozen=True)
class MeetingStyles:
    body: ParagraphStyle
    body_tight: ParagraphStyle
    emphasis: ParagraphStyle  # the quorum sentence
    vote: ParagraphStyle      # "Hlasování: pro 7, …" under a resolution
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    label: ParagraphStyle    # "Přítomni: …": a hanging paragraph whose label is set in bold sans
    item: ParagraphStyle     # numbered agenda lines: hanging number
    sub_item: ParagraphStyle  # "– task" lines under an agenda line
    cell: ParagraphStyle
    cell_name: ParagraphStyle  # names and organisations: never hyphenated
    cell_sans: ParagraphStyle
    cell_head: ParagraphStyle
    cell_muted: ParagraphStyle
    small: ParagraphStyle
    strip: ParagraphStyle


def make_styles(size: float = 11.0) -> MeetingStyles:
    """Styles of the meeting documents, scaled from the body size in pt (11 pt: office documents
    are read at arm's length, not in the hand like the booklet)."""
    register_fonts()

    def style(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=SERIF, fontSize=size, leading=size * 1.32, textColor=TEXT, alignment=TA_LEFT,
                    splitLongWords=1, allowWidows=0, allowOrphans=0,
                    hyphenationLang=ty.hyphenate_czech, hyphenationMinWordLength=9)
        base.update(kw)
        return ParagraphStyle(name, **base)

    cell = size * 0.9
    return MeetingStyles(
        body=style("body", spaceAfter=size * 0.5),
        body_tight=style("body_tight", spaceAfter=size * 0.15),
        emphasis=style("emphasis", fontName=SERIF + "-Italic", spaceBefore=size * 0.3, spaceAfter=size * 0.6),
        vote=style("vote", fontName=SERIF + "-Italic", textColor=MUTED, spaceAfter=size * 0.7),
        title=style("title", fontName=SANS + "-Bold", fontSize=size * 1.75, leading=size * 1.75 * 1.2,
                    textColor=ACCENT, spaceAfter=size * 0.3, hyphenationLang=""),
        subtitle=style("subtitle", fontName=SANS, fontSize=size * 1.08, leading=size * 1.45, spaceAfter=size * 0.9,
                       hyphenationLang=""),
        heading=style("heading", fontName=SANS + "-Bold", fontSize=size * 1.12, leading=size * 1.4,
                      textColor=ACCENT, spaceBefore=size * 1.1, spaceAfter=size * 0.35, keepWithNext=1,
                      hyphenationLang=""),
        subheading=style("subheading", fontName=SANS + "-Bold", fontSize=size * 0.95, leading=size * 1.3,
                         spaceBefore=size * 0.6, spaceAfter=size * 0.2, keepWithNext=1, hyphenationLang=""),
        label=style("label", leftIndent=size * 1.2, firstLineIndent=-size * 1.2, spaceAfter=size * 0.35),
        item=style("item", leftIndent=size * 1.8, firstLineIndent=-size * 1.8, spaceAfter=size * 0.4),
        sub_item=style("sub_item", fontSize=size * 0.92, leading=size * 0.92 * 1.3, leftIndent=size * 2.7,
                       firstLineIndent=-size * 0.9, spaceAfter=size * 0.15),
        cell=style("cell", fontSize=cell, leading=cell * 1.25, hyphenationMinWordLength=7),
        cell_name=style("cell_name", fontSize=cell, leading=cell * 1.25, hyphenationLang=""),
        cell_sans=style("cell_sans", fontName=SANS, fontSize=cell * 0.95, leading=cell * 1.2, hyphenationLang=""),
        cell_head=style("cell_head", fontName=SANS + "-Bold", fontSize=cell * 0.9, leading=cell * 1.15,
                        hyphenationLang=""),
        cell_muted=style("cell_muted", fontName=SERIF + "-Italic", fontSize=cell, leading=cell * 1.25,
                         textColor=MUTED, hyphenationLang=""),
        small=style("small", fontName=SANS, fontSize=size * 0.8, leading=size * 1.05, textColor=MUTED,
                    hyphenationLang=""),
        strip=style("strip", fontName=SANS, fontSize=size * 0.78, leading=size, textColor=MUTED,
                    alignment=TA_CENTER, hyphenationLang=""),
    )


def labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """"Přítomni: text": the label in bold sans, then the plain `text` typeset and escaped."""
    return Paragraph(f'<font name="{SANS}-Bold" size="{style.fontSize * 0.9:.1f}">{ty.escape(label)}</font> '
                     f'{ty.prose(text)}', style)


# -- strip and footer ------------------------------------------------------------------------------

class _StripImage:
    """The strip's image read once, scaled to the band's height and at most the frame's width."""

    def __init__(self, image: bytes, max_width: float, name: str):
        try:
            # A strip stored before intake turned images upright still prints the right way up.
            self.reader = ImageReader(io.BytesIO(upright(image)))
            pixel_width, pixel_height = self.reader.getSize()
        except Exception as exc:  # ReportLab and Pillow raise many kinds for a damaged image
            raise UserError(f"Obrázek pruhu s logy nelze načíst ({name}). Vyberte v Nastavení jiný obrázek "
                            "(PNG nebo JPEG).") from exc
        self.height = STRIP_IMAGE_HEIGHT
        self.width = self.height * pixel_width / max(1, pixel_height)
        if self.width > max_width:
            self.height *= max_width / self.width
            self.width = max_width


class StripBand:
    """The funding strip as drawn at the head of every page; `height` is the room it takes."""

    def __init__(self, strip: Strip | None, frame_width: float, styles: MeetingStyles, document_name: str):
        self.image = _StripImage(strip.image, frame_width, document_name) if strip and strip.image else None
        self.text = Paragraph(ty.prose(strip.text), styles.strip) if strip and strip.text.strip() else None
        self.text_height = self.text.wrap(frame_width, 100 * mm)[1] if self.text else 0.0
        self.frame_width = frame_width
        self.height = 0.0
        if self.image:
            self.height += self.image.height + 2 * mm
        if self.text:
            self.height += self.text_height + 2 * mm
        if self.height:
            self.height += 3 * mm  # clear of the rule under the band

    def draw(self, canv: Canvas, left: float, top: float) -> None:
        y = top
        if self.image:
            y -= self.image.height
            canv.drawImage(self.image.reader, left + (self.frame_width - self.image.width) / 2, y,
                           self.image.width, self.image.height, mask="auto")
            y -= 2 * mm
        if self.text:
            y -= self.text_height
            self.text.drawOn(canv, left, y)
            y -= 2 * mm
        if self.height:
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(left, y, left + self.frame_width, y)
            canv.restoreState()


def _fitted(text: str, width: float, font: str = SANS, size: float = 8) -> str:
    """`text` shortened with "…" to fit `width` pt, so it never runs into the page number."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _NumberedCanvas(Canvas):
    """Keeps every page until save(), then draws "strana x z y" on each (see module docstring)."""

    def __init__(self, *args, footer: Callable[[Canvas, int, int], None], **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


@dataclass(frozen=True)
class DocumentInfo:
    title: str          # PDF title and the footer's left part: "Prezenční listina – PS Senioři 3/2026"
    subject: str = ""
    author: str = ""


def build_pdf(path: Path | str, story: list[Flowable], info: DocumentInfo, strip: Strip | None,
              styles: MeetingStyles, wide: bool = False) -> int:
    """Lay `story` out on A4 (landscape if `wide`) with the strip and footer on every page; write
    the PDF to `path` atomically. Returns the page count. Raises UserError if it cannot be written
    or the strip's image cannot be read."""
    page_width, page_height = landscape(A4) if wide else A4
    frame_width = page_width - 2 * MARGIN_SIDE
    band = StripBand(strip, frame_width, styles, info.title)
    top = MARGIN_TOP + band.height
    frame = Frame(MARGIN_SIDE, MARGIN_BOTTOM, frame_width, page_height - top - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

    def head(canv: Canvas, _doc) -> None:
        band.draw(canv, MARGIN_SIDE, page_height - MARGIN_TOP)

    def footer(canv: Canvas, number: int, total: int) -> None:
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_SIDE, FOOTER_Y + 4.2 * mm, page_width - MARGIN_SIDE, FOOTER_Y + 4.2 * mm)
        canv.setFont(SANS, 8)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN_SIDE, FOOTER_Y, _fitted(info.title, page_width - 2 * MARGIN_SIDE - 30 * mm))
        canv.drawRightString(page_width - MARGIN_SIDE, FOOTER_Y, f"strana {number} z {total}")
        canv.restoreState()

    pages = 0

    def count(canv: Canvas, _doc) -> None:
        nonlocal pages
        pages = canv.getPageNumber()

    with atomic_output(path, ".pdf") as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=(page_width, page_height), leftMargin=MARGIN_SIDE,
                              rightMargin=MARGIN_SIDE, topMargin=top, bottomMargin=MARGIN_BOTTOM,
                              title=info.title, subject=info.subject, author=info.author,
                              creator="Komunitní plán", lang="cs-CZ", initialFontName=SERIF)
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=head, onPageEnd=count)])
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))
    return pages


@contextmanager
def atomic_output(path: Path | str, suffix: str) -> Iterator[Path]:
    """A temporary file beside `path` to write into; it replaces `path` only when the block succeeds,
    so a failed build never leaves half a file or destroys the previous one. OSError becomes a
    Czech UserError naming the file."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(suffix=suffix, dir=target.parent, prefix=".kp-")
        os.close(fd)
    except OSError as exc:
        raise UserError(write_error_message(target, exc)) from exc
    tmp = Path(name)
    try:
        yield tmp
        replace_file(tmp, target)
    except OSError as exc:
        raise UserError(write_error_message(target, exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
