"""Flowables the booklet needs beyond ReportLab's: a paragraph that measures once, and a line with
dot leaders to a right-aligned page number (contents and indexes)."""
from __future__ import annotations

import math

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from printing.styles import MUTED


def is_dry_run(canv) -> bool:
    return getattr(canv, "kp_dry_run", False)


class Para(Paragraph):
    """A Paragraph that keeps its line breaks while the width stays the same.

    ReportLab re-breaks (and re-hyphenates) a paragraph on every wrap: KeepTogether wraps it to
    measure, the frame wraps it again to place it, and the second layout pass does both again.
    Text and style never change after construction, so the result for a given width is reusable.
    In the measuring pass (dry run) nothing is drawn.
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
        if not is_dry_run(canvas):
            super().drawOn(canvas, x, y, _sW)


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
    so both passes break lines identically.
    """

    def __init__(self, markup: str, style, numbers: str, number_width: float | None = None):
        super().__init__()
        self.style = style
        self.numbers = numbers
        self.number_width = number_width if number_width is not None else \
            stringWidth(numbers, style.fontName, style.fontSize)
        self.gap = style.fontSize * 0.9
        self.para = Para(markup, style)

    def wrap(self, availWidth, availHeight):
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
        if not is_dry_run(canvas):
            super().drawOn(canvas, x, y, _sW)

    def draw(self):
        canv, style = self.canv, self.style
        self.para.drawOn(canv, 0, 0)
        if not self.numbers:
            return
        n_lines = len(self.para.blPara.lines)
        baseline = self.height - style.fontSize - (n_lines - 1) * style.leading
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        canv.drawRightString(self.width, baseline, self.numbers)
        number_left = self.width - stringWidth(self.numbers, style.fontName, style.fontSize)
        dot = style.fontSize * 0.45
        start = self._last_line_end() + dot
        # Dots on a fixed grid line up from one row to the next, as a typesetter would set them.
        first = (int(start / dot) + 1) * dot
        count = math.floor((number_left - dot * 0.8 - first) / dot) + 1
        if count > 0:
            size = style.fontSize * 0.8
            text = canv.beginText(first, baseline)
            text.setFont(style.fontName, size)
            text.setFillColor(MUTED)
            text.setCharSpace(dot - stringWidth(".", style.fontName, size))
            text.textOut("." * count)
            canv.drawText(text)
