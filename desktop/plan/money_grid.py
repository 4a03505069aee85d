"""Money tables of whole Kč: the years × funding sources grid of a node's planned cost (one row per
source, one column per year, totals in the last row and column), and a node's spending in one year
beside what was planned for it.

Amounts are typed as a clerk writes them ("12 500", "12500 Kč"); an unreadable one is refused and
reported through `problem`. Sources are rows so that seven sources and five years fit at 1024×768.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QHeaderView, QSizePolicy, QTableView

from desktop.plan.formatting import czech_kc, group_thousands, parse_kc

Index = QModelIndex | QPersistentModelIndex
TOTAL = "Celkem"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class MoneyGridModel(QAbstractTableModel):
    """Rows: funding sources, then Celkem. Columns: years, then Celkem. Values {year: {source id: Kč}}."""

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

    def cell(self, year: int, source_id: int) -> QModelIndex:
        rows = [s for s, _ in self.sources]
        return self.index(rows.index(source_id), self.years.index(year))

    # -- Qt ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.sources else len(self.sources) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or not self.years else len(self.years) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self.years[section]) if section < len(self.years) else TOTAL
        return self.sources[section][1] if section < len(self.sources) else TOTAL

    def _is_total(self, index: Index) -> bool:
        return index.row() >= len(self.sources) or index.column() >= len(self.years)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row < len(self.sources) and column < len(self.years):
                value = self.amount(self.years[column], self.sources[row][0])
            elif row < len(self.sources):
                value = self.source_total(self.sources[row][0])
            elif column < len(self.years):
                value = self.year_total(self.years[column])
            else:
                value = self.total()
            if role == Qt.ItemDataRole.EditRole:
                return group_thousands(value) if value else ""
            # A source with no money stays blank across its row; the Celkem row always shows its sums.
            return czech_kc(value) if value or row >= len(self.sources) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._is_total(index):
            return _bold()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self._is_total(index) and not self.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._is_total(index):
            return False
        year, (source_id, source) = self.years[index.column()], self.sources[index.row()]
        try:
            amount = parse_kc("" if value is None else str(value)) or 0
        except ValueError as exc:
            self.problem.emit(f"{source}, rok {year}: {exc}")
            return False
        self.problem.emit("")
        if amount == self.amount(year, source_id):
            return False
        self._values.setdefault(year, {})[source_id] = amount
        last_row, last_column = len(self.sources), len(self.years)
        self.dataChanged.emit(index, index)
        self.dataChanged.emit(self.index(index.row(), last_column), self.index(index.row(), last_column))
        self.dataChanged.emit(self.index(last_row, 0), self.index(last_row, last_column))
        self.changed.emit()
        return True


class SpentModel(QAbstractTableModel):
    """One activity's year: rows funding sources then Celkem; columns Plánováno and Čerpáno (editable).
    An edit is not kept: it is reported by `edited(source id, Kč or None)` for saving at once."""

    edited = Signal(int, object)
    problem = Signal(str)
    HEADERS = ("Plánováno", "Čerpáno")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sources: list[tuple[int, str]] = []
        self.planned: dict[int, int] = {}
        self.spent: dict[int, int] = {}
        self.read_only = True

    def set_values(self, sources: list[tuple[int, str]], planned: dict[int, int], spent: dict[int, int],
                   read_only: bool) -> None:
        self.beginResetModel()
        self.sources, self.planned, self.spent, self.read_only = list(sources), dict(planned), dict(spent), read_only
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.sources) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return self.sources[section][1] if section < len(self.sources) else TOTAL

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        values = self.planned if index.column() == 0 else self.spent
        total_row = index.row() >= len(self.sources)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = sum(values.values()) if total_row else values.get(self.sources[index.row()][0], 0)
            if role == Qt.ItemDataRole.EditRole:
                return group_thousands(value) if value else ""
            return czech_kc(value) if value or total_row else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and total_row:
            return _bold()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 and index.row() < len(self.sources) and not self.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        source_id, source = self.sources[index.row()]
        try:
            amount = parse_kc("" if value is None else str(value))
        except ValueError as exc:
            self.problem.emit(f"Čerpáno – {source}: {exc}")
            return False
        if (amount or None) == (self.spent.get(source_id) or None):
            return False
        self.problem.emit("")
        self.edited.emit(source_id, amount)
        return True


def money_view(model: QAbstractTableModel) -> QTableView:
    """A compact table as tall as its rows (it sits in a scrolling form) with Kč columns."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed)
    view.setTabKeyNavigation(True)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
    header = view.horizontalHeader()
    # Columns share the width; below their minimum the grid scrolls instead of cutting amounts.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(104)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view
