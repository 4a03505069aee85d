"""Pohled Souhrn financování: planned cost by year and source for the whole plan and for each priority,
with totals, and the money actually spent beside it for the years whose monitoring is closed
(db.plan.queries.funding_summary)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.directory.fields import MUTED_COLOR
from desktop.plan.formatting import czech_kc, two_lines

Index = QModelIndex | QPersistentModelIndex
HEADING_BACKGROUND = "#e8edf4"
ACTUAL_COLOR = "#1d5e9b"


@dataclass(frozen=True)
class SummaryLine:
    kind: str  # heading, planned, actual, total, total_actual
    label: str
    values: tuple[int, ...] = ()  # per source, then the row total


def used_sources(summary) -> list[tuple[int, str]]:
    """The sources with any money planned or spent in the plan (all of them when none has any)."""
    block = summary.plan
    used = [(s, name) for s, name in summary.sources
            if block.planned_total(None, s) or block.actual_total(None, s)]
    return used or list(summary.sources)


def summary_lines(summary) -> list[SummaryLine]:
    """The table's lines: per block a heading, a planned line per year (and the spent line below a
    closed year), then the totals."""
    sources = [s for s, _ in used_sources(summary)]
    lines: list[SummaryLine] = []
    blocks = [(f"Celý plán – {summary.plan.title}", summary.plan)]
    blocks += [(f"Priorita {b.code} – {b.title}", b) for b in summary.priorities]

    def values(total) -> tuple[int, ...]:
        return (*(total(source_id=s) for s in sources), total())

    for heading, block in blocks:
        lines.append(SummaryLine("heading", heading))
        for year in summary.years:
            lines.append(SummaryLine("planned", f"{year} plán",
                                     values(lambda source_id=None, y=year: block.planned_total(y, source_id))))
            if year in summary.closed_years:
                lines.append(SummaryLine("actual", f"{year} skutečnost",
                                         values(lambda source_id=None, y=year: block.actual_total(y, source_id))))
        lines.append(SummaryLine("total", "Celkem plán", values(lambda source_id=None: block.planned_total(None, source_id))))
        if summary.closed_years:
            years = summary.closed_years
            lines.append(SummaryLine("total_actual", "Skutečnost v uzavřených letech", values(
                lambda source_id=None: sum(block.actual_total(y, source_id) for y in years))))
    return lines


class SummaryModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.lines: list[SummaryLine] = []

    def set_summary(self, summary) -> None:
        self.beginResetModel()
        self.headers = ["", *(two_lines(name) for _, name in used_sources(summary)), "Celkem"]
        self.lines = summary_lines(summary)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.label
            if line.kind == "heading":
                return None
            value = line.values[column - 1]
            # Empty cells keep a wide table readable; totals always show their amount.
            return czech_kc(value) if value or line.kind.startswith("total") or column == len(self.headers) - 1 else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (line.kind in ("heading", "total", "total_actual")
                                                 or column == len(self.headers) - 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and line.kind == "heading":
            return QBrush(QColor(HEADING_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and line.kind in ("actual", "total_actual"):
            return QBrush(QColor(ACTUAL_COLOR))
        return None


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SummaryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED_COLOR};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    def set_summary(self, summary) -> None:
        self.model.set_summary(summary)
        self.view.clearSpans()
        for row, line in enumerate(self.model.lines):
            if line.kind == "heading":
                self.view.setSpan(row, 0, 1, self.model.columnCount())
        self.view.setColumnWidth(0, 260)
        closed = ", ".join(str(y) for y in summary.closed_years)
        self.note.setText("Předpokládané náklady podle let a zdrojů financování. "
                          + (f"Skutečně vynaložené prostředky (modře) za uzavřené roky: {closed}."
                             if closed else "Skutečné čerpání se zobrazí po uzavření monitoringu roku."))
