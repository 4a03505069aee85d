"""Table models over the flat listing rows: one for services, one for providers.

Sorting happens here, in Python, over the Czech keys the core precomputed: a proxy sorting through
data() would call back into Python tens of thousands of times per sort. The proxy forwards sort().
Another clerk's save replaces the rows of her providers in place (replace_providers): rows removed,
moved and inserted one by one, so the view keeps its selection, current row and scroll position, and
no model reset rebuilds the 6,700 rows on the UI thread.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from db.directory.models import ServiceStatus
from db.directory.queries import SECRET_PLACE_LABEL, STATUS_LABELS, ServiceRow, verification_limit
from desktop.directory.formatting import czech_date

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

UNVERIFIED_COLOR = QColor("#a14a00")
ENDED_COLOR = QColor("#8a8a8a")
NOT_VERIFIED = "neověřeno"


@dataclass(frozen=True)
class Column:
    title: str
    display: Callable[[object], str]
    sort_key: Callable[[object], str]
    width: int
    align_right: bool = False
    hidden: bool = False  # until the clerk shows it from the header's menu
    tooltip: Callable[[object], str] | None = None  # when the cell shows less than there is to say


def _date_key(value: dt.date | dt.datetime | None) -> str:
    return value.isoformat() if value else ""


_LIST_STATUS = {ServiceStatus.ACTIVE: "", ServiceStatus.SUSPENDED: "pozastavena", ServiceStatus.ENDED: "ukončena"}


def _status_text(row: ServiceRow) -> str:
    # Most services run: only the exceptions are written out, so they stand out in the column.
    return _LIST_STATUS[row.status]


def _status_tooltip(row: ServiceRow) -> str:
    if row.status is ServiceStatus.ENDED and row.ended_on:
        return f"ukončena {czech_date(row.ended_on)}"
    return STATUS_LABELS[row.status]


SERVICE_COLUMNS = (
    Column("Služba", lambda r: r.name, lambda r: r.name_key, 160),
    Column("Poskytovatel", lambda r: r.provider_name, lambda r: r.provider_key, 150),
    Column("Druh", lambda r: r.kind_label, lambda r: r.kind_sort, 105),
    Column("Obec", lambda r: r.places, lambda r: r.places_key, 78),
    Column("Stav", _status_text, lambda r: f"{r.status.value}{_date_key(r.ended_on)}", 85,
           tooltip=_status_tooltip),
    Column("Formy", lambda r: r.forms, lambda r: r.forms, 120, hidden=True),
    Column("Identifikátor", lambda r: r.registry_id, lambda r: r.registry_id, 80, hidden=True),
    Column("Ověřeno", lambda r: czech_date(r.verified_on) or NOT_VERIFIED, lambda r: _date_key(r.verified_on), 94,
           align_right=True, hidden=True),
)
PROVIDER_COLUMNS = (
    Column("Poskytovatel", lambda r: r.name, lambda r: r.name_key, 222),
    Column("IČO", lambda r: r.ico, lambda r: r.ico, 72),
    Column("Obec", lambda r: r.town, lambda r: r.town_key, 105),
    Column("Služby", lambda r: str(r.service_count), lambda r: f"{r.service_count:06d}", 50, align_right=True),
    Column("Ověřeno", lambda r: czech_date(r.verified_on) or NOT_VERIFIED, lambda r: _date_key(r.verified_on), 94,
           align_right=True),
    Column("Změněno", lambda r: czech_date(r.changed_at), lambda r: _date_key(r.changed_at), 94, align_right=True,
           hidden=True),
)
_VERIFIED_TITLE = "Ověřeno"


class DirectoryTableModel(QAbstractTableModel):
    """Rows of one kind ("services" or "providers"); `keys[i]` is the id of row i."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.columns = SERVICE_COLUMNS if kind == "services" else PROVIDER_COLUMNS
        self._key_of: Callable[[object], int] = (
            (lambda r: r.service_id) if kind == "services" else (lambda r: r.provider_id))
        self.rows: list = []
        self.keys: list[int] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._limit = verification_limit(dt.date.today())
        self._verified_column = next(i for i, c in enumerate(self.columns) if c.title == _VERIFIED_TITLE)
        self._places_column = next((i for i, c in enumerate(self.columns) if c.title == "Obec"), -1)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- content --------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._limit = verification_limit(dt.date.today())
        self.rows = list(rows)
        if self._sort is not None:
            self._order(*self._sort)
        self.keys = [self._key_of(r) for r in self.rows]
        self.endResetModel()

    def replace_providers(self, provider_ids: set[int], new_rows: list) -> None:
        """Put `new_rows` (rows of `provider_ids` as stored now) in place of those providers' rows:
        rows no longer there are removed, rows still there are updated (moved when their sort position
        changed), new rows are inserted where the current sort puts them. Emits rowsRemoved / rowsMoved /
        dataChanged / rowsInserted, never a model reset, so persistent indexes (the view's current row
        and selection) follow their rows."""
        fresh = {self._key_of(r): r for r in new_rows}
        self._remove_rows([i for i, r in enumerate(self.rows)
                           if r.provider_id in provider_ids and self.keys[i] not in fresh])
        for key, row in fresh.items():
            source_row = self.row_of_key(key)
            if source_row >= 0:
                self._update_row(source_row, row)
            else:
                self._insert_row(row)

    def _remove_rows(self, doomed: list[int]) -> None:
        # Bottom up in contiguous runs, so the indexes of the runs still to go stay valid.
        runs: list[list[int]] = []
        for i in doomed:
            if runs and runs[-1][1] == i - 1:
                runs[-1][1] = i
            else:
                runs.append([i, i])
        for first, last in reversed(runs):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.rows[first:last + 1]
            del self.keys[first:last + 1]
            self.endRemoveRows()

    def _update_row(self, source_row: int, row) -> None:
        del self.rows[source_row]
        target = self._position_for(row)
        self.rows.insert(source_row, row)
        if target == source_row:
            self.dataChanged.emit(self.index(source_row, 0), self.index(source_row, len(self.columns) - 1))
            return
        # beginMoveRows counts the destination in the list before the move.
        destination = target if target < source_row else target + 1
        self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination)
        del self.rows[source_row]
        key = self.keys.pop(source_row)
        self.rows.insert(target, row)
        self.keys.insert(target, key)
        self.endMoveRows()
        self.dataChanged.emit(self.index(target, 0), self.index(target, len(self.columns) - 1))

    def _insert_row(self, row) -> None:
        target = self._position_for(row)
        self.beginInsertRows(QModelIndex(), target, target)
        self.rows.insert(target, row)
        self.keys.insert(target, self._key_of(row))
        self.endInsertRows()

    def _position_for(self, row) -> int:
        """Where `row` belongs among self.rows in the current sort (after its equals): a binary search
        on the same key _order() sorts by; unsorted models append."""
        if self._sort is None:
            return len(self.rows)
        column, order = self._sort
        sort_key = self.columns[column].sort_key
        wanted = (sort_key(row), row.name_key)
        descending = order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self.rows)
        while low < high:
            middle = (low + high) // 2
            other = self.rows[middle]
            key = (sort_key(other), other.name_key)
            if (key < wanted) if descending else (wanted < key):
                high = middle
            else:
                low = middle + 1
        return low

    def row_of_key(self, key: int) -> int:
        try:
            return self.keys.index(key)
        except ValueError:
            return -1

    # -- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # Called for every painted cell and role: the common roles are answered first and cheaply.
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].display(self.rows[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole:
            column = self.columns[index.column()]
            return (column.tooltip or column.display)(self.rows[index.row()])
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(self.rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.columns[index.column()].align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole:
            row = self.rows[index.row()]
            if self.kind == "services" and row.places == SECRET_PLACE_LABEL and index.column() == self._places_column:
                return self._italic
            return None
        if role == SORT_ROLE:
            return self.columns[index.column()].sort_key(self.rows[index.row()])
        return None

    def _foreground(self, row, column: int):
        if self.kind == "services" and row.status is ServiceStatus.ENDED:
            return ENDED_COLOR
        if column == self._verified_column and (row.verified_on is None or row.verified_on < self._limit):
            return UNVERIFIED_COLOR
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_keys = [self.keys[i.row()] for i in persistent]
        self._sort = (column, order)
        self._order(column, order)
        self.keys = [self._key_of(r) for r in self.rows]
        position = {key: i for i, key in enumerate(self.keys)}
        self.changePersistentIndexList(
            persistent, [self.index(position[key], i.column()) for key, i in zip(old_keys, persistent)])
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        key = self.columns[column].sort_key
        # Ties fall back to the name so equal values (a town, a status) list alphabetically.
        self.rows.sort(key=lambda r: (key(r), r.name_key), reverse=order == Qt.SortOrder.DescendingOrder)

