"""A years × funding sources grid of whole Kč with row and column totals (Financování of a node).

The last column and the last row are totals and cannot be edited. Amounts are typed as a clerk writes
them ("12 500", "12500 Kč"); an unreadable one is refused and reported through `problem`.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.plan.formatting import czech_kc, group_thousands, parse_kc

Index = QModelIndex | QPersistentModelIndex
TOTAL = "Celkem"


class MoneyGridModel(QAbstractTableModel):
    changed = Signal()
    problem = Signal(str)  # Czech message for an amount that could not be read; "" clears it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.years: list[int] = []
        self.sources: list[tuple[int, str]] = []
        self._values: dict[int, dict[int, int]] = {}
        self.read_only = False

    def set_grid(self, years: list[int], sources: list[tuple[int, str]], values: dict[int, dict[int, int]]) -> None:
        """`values` {year: {source_id: Kč}}; years or sources outside the lists are kept but not shown."""
        self.beginResetModel()
        self.years, self.sources = list(years), list(sources)
        self._values = {year: dict(row) for year, row in values.items()}
        self.endResetModel()

    def values(self) -> dict[int, dict[int, int]]:
        """{year: {source_id: Kč}} without zero amounts, so an untouched grid compares equal."""
        return {year: {s: v for s, v in row.items() if v} for year, row in self._values.items()
                if any(row.values())}

    def amount(self, year: int, source_id: int) -> int:
        return self._values.get(year, {}).get(source_id, 0)

    def year_total(self, year: int) -> int:
        return sum(self.amount(year, s) for s, _ in self.sources)

    def source_total(self, source_id: int) -> int:
        return sum(self.amount(y, source_id) for y in self.years)

    def total(self) -> int:
        return sum(self.year_total(y) for y in self.years)

    # -- Qt ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.years else len(self.years) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.sources) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.sources[section][1] if section < len(self.sources) else "Celkem za rok"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _wrap(self.sources[section][1]) if section < len(self.sources) else TOTAL
        return str(self.years[section]) if section < len(self.years) else TOTAL

    def _is_total(self, index: Index) -> bool:
        return index.row() >= len(self.years) or index.column() >= len(self.sources)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row < len(self.years) and column < len(self.sources):
                value = self.amount(self.years[row], self.sources[column][0])
            elif row < len(self.years):
                value = self.year_total(self.years[row])
            elif column < len(self.sources):
                value = self.source_total(self.sources[column][0])
            else:
                value = self.total()
            if role == Qt.ItemDataRole.EditRole:
                return group_thousands(value) if value else ""
            return czech_kc(value) if value or self._is_total(index) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._is_total(index):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self._is_total(index) and not self.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._is_total(index):
            return False
        year, (source_id, source) = self.years[index.row()], self.sources[index.column()]
        try:
            amount = parse_kc(str(value)) or 0
        except ValueError as exc:
            self.problem.emit(f"{source}, rok {year}: {exc}")
            return False
        self.problem.emit("")
        if amount == self.amount(year, source_id):
            return False
        self._values.setdefault(year, {})[source_id] = amount
        last_row, last_column = len(self.years), len(self.sources)
        self.dataChanged.emit(index, index)
        self.dataChanged.emit(self.index(index.row(), last_column), self.index(index.row(), last_column))
        self.dataChanged.emit(self.index(last_row, 0), self.index(last_row, last_column))
        self.changed.emit()
        return True


def _wrap(name: str) -> str:
    """A long source name ("MPSV / státní rozpočet") on two header lines, so columns stay narrow."""
    if len(name) <= 14 or " " not in name:
        return name
    middle = len(name) // 2
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return name[:cut] + "\n" + name[cut + 1:]


def money_view(model: MoneyGridModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    view.setTabKeyNavigation(True)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = view.horizontalHeader()
    # Columns share the width; below their minimum the grid scrolls instead of cutting amounts.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(96)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    return view
