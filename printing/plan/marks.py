"""Graphic marks of the monitoring report that survive a black-and-white printer.

A state mark is a small square filled from the bottom to the share done the state implies (empty for
nezahájeno, half for probíhá, full for splněno) in the state's colour, crossed out for a state left
out of the roll-up (zrušeno); the state is always named in words beside it.
"""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from printing.fonts import SANS
from printing.office import ACCENT, RULE, TEXT
from printing.plan.model import StateInfo

MARK_SIZE = 8.0  # pt


def draw_state_mark(canv, x: float, y: float, state: StateInfo | None, crossed: bool = False,
                    size: float = MARK_SIZE) -> None:
    """Draw the mark with its lower left corner at (x, y)."""
    canv.saveState()
    canv.setLineWidth(0.7)
    canv.setStrokeColor(TEXT)
    if state is not None:
        share = max(0, min(100, state.completion)) / 100
        if share:
            canv.setFillColor(colors.HexColor(state.color))
            canv.rect(x, y, size, size * share, stroke=0, fill=1)
    canv.rect(x, y, size, size, stroke=1, fill=0)
    if crossed:
        canv.line(x, y, x + size, y + size)
        canv.line(x, y + size, x + size, y)
    canv.restoreState()


class MarkedPara(Flowable):
    """A paragraph with the state mark in front of its first line."""

    def __init__(self, para: Paragraph, state: StateInfo | None, crossed: bool = False, gap: float = 5):
        super().__init__()
        self.para, self.state, self.crossed, self.gap = para, state, crossed, gap
        self.indent = MARK_SIZE + gap

    def wrap(self, available_width, available_height):
        w, h = self.para.wrap(available_width - self.indent, available_height)
        self.width, self.height = available_width, h
        return available_width, h

    def getSpaceBefore(self):
        return self.para.getSpaceBefore()

    def getSpaceAfter(self):
        return self.para.getSpaceAfter()

    def draw(self):
        self.para.drawOn(self.canv, self.indent, 0)
        style = self.para.style
        first_baseline = self.height - style.leading + (style.leading - style.fontSize) / 2
        draw_state_mark(self.canv, 0, first_baseline - 0.5, self.state, self.crossed)

    def getPlainText(self):
        return self.para.getPlainText()


class StateMark(Flowable):
    """The mark alone, for a table cell."""

    def __init__(self, state: StateInfo | None, crossed: bool = False):
        super().__init__()
        self.state, self.crossed = state, crossed
        self.width = self.height = MARK_SIZE

    def draw(self):
        draw_state_mark(self.canv, 0, 0, self.state, self.crossed)


def completion_chart(labels: list[str], values: list[float | None], width: float) -> Drawing:
    """Horizontal bars of completion (0–100 %) per priority, value written at the bar's end.

    `labels` are short ("1 Senioři"); a priority with nothing to roll up (None) is drawn as 0 and
    labelled "–".
    """
    row = 22
    label_width = min(width * 0.42, 72 * 2.6)
    height = row * len(labels) + 34
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=8)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 22
    chart.width, chart.height = width - label_width - 34, row * len(labels)
    # ReportLab draws the first category at the bottom: reverse so priority 1 is on top.
    chart.data = [[(v or 0) for v in reversed(values)]]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde5eb")
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barWidth = row * 0.6
    chart.groupSpacing = row * 0.4
    chart.barLabelFormat = lambda v: ""
    drawing.add(chart)
    for i, value in enumerate(reversed(values)):
        y = chart.y + (i + 0.5) * row - 3
        x = chart.x + chart.width * (value or 0) / 100 + 3
        drawing.add(String(x, y, "–" if value is None else f"{round(value)} %", fontName=SANS, fontSize=8,
                           fillColor=TEXT))
    return drawing
