"""Flowables the booklet needs beyond ReportLab's: a paragraph that measures once, and a line with
dot leaders to a right-aligned page number (contents and indexes)."""
from __future__ import annotations

import math
from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paraparser import ParaParser

from db.printable import printable_only
from printing.styles import MUTED


def is_dry_run(canv) -> bool:
    return getattr(canv, "kp_dry_run", False)


def draw_or_record(flowable: Flowable, canvas, x: float, y: float, sw: float, draw) -> None:
    """In the layout pass remember the placement for the drawing pass; otherwise draw now."""
    if is_dry_run(canvas):
        canvas.kp_record(flowable, x, y, sw)
    else:
        draw(canvas, x, y, sw)


class Para(Paragraph):
    """A Paragraph that keeps its line breaks while the width stays the same, and draws later.

    ReportLab re-breaks (and re-hyphenates) a paragraph on every wrap: KeepTogether wraps it to
    measure and the frame wraps it again to place it. Text and style never change after
    construction, so the result for a given width is reusable. In the layout pass it only records
    where it goes (see booklet/builder.py).
    """

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_kp_width") == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        result = super().wrap(availWidth, availHeight)
        self._kp_width = availWidth
        return result

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if parts and parts[0] is not self:  # the page of a split paragraph is where it starts
            for attr in ("kp_anchor", "kp_running"):
                if hasattr(self, attr):
                    setattr(parts[0], attr, getattr(self, attr))
        return parts

    def drawOn(self, canvas, x, y, _sW=0):
        draw_or_record(self, canvas, x, y, _sW, super().drawOn)


class BalancedPara(Para):
    """A heading whose lines are of similar length: no lone word on its last line.

    It takes the narrowest width that still gives the same number of lines (as CSS text-wrap:
    balance does); only headings use it, so the few extra trial wraps cost nothing.
    """

    def wrap(self, availWidth, availHeight):
        if self.__dict__.get("_kp_avail") == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        super().wrap(availWidth, availHeight)
        lines = len(self.blPara.lines)
        if lines > 1:
            low, high = availWidth * 0.5, availWidth
            while high - low > 2:
                middle = (low + high) / 2
                Paragraph.wrap(self, middle, availHeight)
                if len(self.blPara.lines) > lines:
                    low = middle
                else:
                    high = middle
            Paragraph.wrap(self, high, availHeight)
        self._kp_avail = availWidth
        return self.width, self.height


@lru_cache(maxsize=None)
def font_codes(font_name: str) -> frozenset[int]:
    """Code points the registered TrueType font `font_name` has glyphs for (plus line breaks)."""
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph) | frozenset(map(ord, "\n\t"))


def plain_para(text: str, style, cls: type[Para] = Para) -> Para:
    """A paragraph of plain text (no markup) in one font, without running ReportLab's markup parser.

    Parsing is the largest single cost of a paragraph; entries are thousands of one-font lines whose
    text needs no markup, so they get a copy of the style's initial fragment with their text in it.
    Such a paragraph also takes ReportLab's fast single-font path for breaking and drawing.
    """
    text = printable_only(text, font_codes(style.fontName))  # what this face lacks would print as a box
    proto = style.__dict__.get("_kp_frag")
    if proto is None:
        proto = ParaParser().parse("x", style)[1][0]
        style.__dict__["_kp_frag"] = proto
    return cls(text, style, frags=[proto.clone(text=text, us_lines=[], link=[])])


def first_baseline(para: Paragraph) -> float:
    """Distance of the first baseline above the paragraph's bottom, as ReportLab draws it."""
    size = para.style.fontSize
    return para.height - (size if rl_config.paraFontSizeHeightOffset else getattr(para.blPara, "ascent", size))


class FieldPara(Para):
    """"Telefon: +420 …": the label set in another face on the first line, the value in plain text.

    The style's firstLineIndent leaves the label's room, so the value stays one plain paragraph;
    continuation lines hang at the style's leftIndent.
    """

    label = ""
    label_font = ""
    label_size = 0.0
    label_color = None

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            parts[0].__dict__.update(label=self.label, label_font=self.label_font, label_size=self.label_size,
                                     label_color=self.label_color)
        return parts

    def draw(self):
        if self.label:  # first, so that copied or extracted text reads "label value"
            canv = self.canv
            canv.saveState()
            canv.setFont(self.label_font, self.label_size)
            canv.setFillColor(self.label_color)
            canv.drawString(0, first_baseline(self), self.label)
            canv.restoreState()
        super().draw()


class RuledPara(Para):
    """A heading with a hairline above it, across the column: groups entries of one service type."""

    rule_color = None

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.rule_color or self.style.textColor)
        canv.setLineWidth(0.6)
        y = self.height + self.style.fontSize * 0.45
        canv.line(0, y, self.width, y)
        canv.restoreState()
        super().draw()


class Anchor(Flowable):
    """Zero-size marker: the document records the page it lands on under `key`."""

    def __init__(self, key):
        super().__init__()
        self.kp_anchor = key
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


class LeaderLine(Flowable):
    """Text, dot leaders, page number(s) flush right on the text's last line.

    The text wraps inside the width left of the number column, so a long title never collides with
    its number; `number_width` is fixed by the caller when the number is not known yet (first pass)
    so both passes break lines identically. Numbers too many for a column (a provider of dozens of
    services) get lines of their own below the text, flush right, the leaders running up to them.
    """

    def __init__(self, text: str, style, numbers: str, number_width: float | None = None):
        super().__init__()
        self.style = style
        self.text = text
        self.numbers = numbers
        # A reserved column (the contents) ends every row's leaders at the same place, whatever the digits.
        self.reserved = number_width is not None
        self.number_width = number_width if number_width is not None else \
            stringWidth(numbers, style.fontName, style.fontSize)
        self.gap = style.fontSize * 0.9
        self.para = plain_para(text, style)
        self.numbers_para: Paragraph | None = None

    def wrap(self, availWidth, availHeight):
        if self.number_width > availWidth * 0.4:
            if self.numbers_para is None:
                right = ParagraphStyle(f"{self.style.name} numbers", parent=self.style, alignment=TA_RIGHT,
                                       leftIndent=self.style.leftIndent + self.style.fontSize * 6,
                                       firstLineIndent=0)
                self.numbers_para = plain_para(self.numbers, right)
            _, h = self.para.wrap(availWidth, availHeight)
            _, h_numbers = self.numbers_para.wrap(availWidth, availHeight)
            h += h_numbers
        else:
            _, h = self.para.wrap(availWidth - self.number_width - self.gap, availHeight)
        self.width, self.height = availWidth, h
        return availWidth, h

    def _last_line_end(self) -> float:
        para, style = self.para, self.style
        lines = para.blPara.lines
        last = lines[-1]
        extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]
        first_indent = style.firstLineIndent if len(lines) == 1 else 0
        start = style.leftIndent + first_indent
        return start + (para.width - style.leftIndent - first_indent - style.rightIndent) - extra

    def drawOn(self, canvas, x, y, _sW=0):
        draw_or_record(self, canvas, x, y, _sW, super().drawOn)

    def draw(self):
        canv, style = self.canv, self.style
        if self.numbers_para is not None:
            numbers = self.numbers_para
            self.para.drawOn(canv, 0, numbers.height)
            numbers.drawOn(canv, 0, 0)
            first = numbers.blPara.lines[0]
            extra = first.extraSpace if hasattr(first, "extraSpace") else first[0]
            self._leaders(style.leftIndent, numbers.style.leftIndent + extra, first_baseline(numbers))
            return
        self.para.drawOn(canv, 0, 0)
        if not self.numbers:
            return
        baseline = first_baseline(self.para) - (len(self.para.blPara.lines) - 1) * style.leading
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        canv.drawRightString(self.width, baseline, self.numbers)
        number_left = self.width - (self.number_width if self.reserved else
                                    stringWidth(self.numbers, style.fontName, style.fontSize))
        self._leaders(self._last_line_end(), number_left, baseline)

    def _leaders(self, start: float, end: float, baseline: float) -> None:
        canv, style = self.canv, self.style
        dot = style.fontSize * 0.45
        # At least a word space clear of the text and of the numbers on either side.
        start += dot * 0.6
        # Dots on a fixed grid line up from one row to the next, as a typesetter would set them.
        first = (int(start / dot) + 1) * dot
        count = math.floor((end - dot * 1.6 - first) / dot) + 1
        if count > 0:
            size = style.fontSize * 0.8
            text = canv.beginText(first, baseline)
            text.setFont(style.fontName, size)
            text.setFillColor(MUTED)
            text.setCharSpace(dot - stringWidth(".", style.fontName, size))
            text.textOut("." * count)
            canv.drawText(text)
