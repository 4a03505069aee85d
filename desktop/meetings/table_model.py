"""Read-only table models of the meetings tab: rows of core dataclasses described by columns.

Each column gives the text shown and a sort key; text columns sort by db.collation.czech_key, so the
proxy compares plain strings in C++ and the order is Czech (ch after h, č after c). The proxy also
filters by a typed text, ignoring case and diacritics (db.collation.fold).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from db.collation import czech_key, fold
from desktop.widgets.tables import read_only_table

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
MUTED = QColor("#8a8a8a")
WARNING = QColor("#a14a00")


@dataclass(frozen=True)
class Column:
    title: str
    display: Callable[[object], str]
    width: int = 120
    sort_key: Callable[[object], str] | None = None  # None: Czech key of the displayed text
    align_right: bool = False


def text_column(title: str, attribute: str, width: int = 120) -> Column:
    return Column(title, lambda row: str(getattr(row, attribute) or ""), width)


def date_key(value: dt.date | None) -> str:
    return value.isoformat() if value else "9999"  # rows without a date go last


def number_key(value: int | None) -> str:
    return f"{value or 0:08d}"


class RowsTableModel(QAbstractTableModel):
    """Rows of one kind; `key_of(row)` identifies a row (its id) across reloads.

    `muted(row)` greys out a row (an ended membership, an inactive person), `warn(row)` colours it
    (an overdue task).
    """

    def __init__(self, columns: list[Column], key_of: Callable[[object], object], parent=None,
                 muted: Callable[[object], bool] | None = None, warn: Callable[[object], bool] | None = None):
        super().__init__(parent)
        self.columns = columns
        self._key_of = key_of
        self._muted = muted
        self._warn = warn
        self.rows: list = []
        self._search: list[str] = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._search = [fold(" ".join(c.display(r) for c in self.columns)) for r in self.rows]
        self.endResetModel()

    def key_at(self, row: int):
        return self._key_of(self.rows[row]) if 0 <= row < len(self.rows) else None

    def row_of_key(self, key) -> int:
        return next((i for i, r in enumerate(self.rows) if self._key_of(r) == key), -1)

    def search_text(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row).replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.display(row) or None
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else czech_key(column.display(row))
        if role == KEY_ROLE:
            return self._key_of(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._warn is not None and self._warn(row):
                return WARNING
            if self._muted is not None and self._muted(row):
                return MUTED
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RowsProxy(QSortFilterProxyModel):
    """Czech sorting through SORT_ROLE and a diacritics-insensitive text filter."""

    def __init__(self, model: RowsTableModel, parent=None):
        super().__init__(parent)
        self._model = model
        self._needle = ""
        self.setSortRole(SORT_ROLE)
        self.setSourceModel(model)

    def set_text(self, text: str) -> None:
        needle = fold(text.strip())
        if needle != self._needle:
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        return not self._needle or all(
            word in self._model.search_text(source_row) for word in self._needle.split())

    def key_at(self, proxy_row: int):
        source = self.mapToSource(self.index(proxy_row, 0))
        return self._model.key_at(source.row()) if source.isValid() else None

    def proxy_row_of(self, key) -> int:
        source_row = self._model.row_of_key(key)
        if source_row < 0:
            return -1
        return self.mapFromSource(self._model.index(source_row, 0)).row()


def table_view(proxy: RowsProxy, sort_column: int | None = 0) -> QTableView:
    """A read-only, single-selection table with the widths its columns ask for; sortable by a click on
    a header unless `sort_column` is None (the rows keep the order they were given in)."""
    view = read_only_table(proxy)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    if sort_column is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    return view


def current_key(view: QTableView):
    index = view.currentIndex()
    proxy: RowsProxy = view.model()
    return proxy.key_at(index.row()) if index.isValid() else None


def select_key(view: QTableView, key) -> bool:
    proxy: RowsProxy = view.model()
    row = proxy.proxy_row_of(key) if key is not None else -1
    if row < 0:
        view.clearSelection()
        return False
    view.selectRow(row)
    view.scrollTo(proxy.index(row, 0))
    return True
