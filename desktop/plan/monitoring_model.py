"""The year's monitoring as one spreadsheet: every activity a row (db.plan.monitoring.monitoring_grid).

Editing a cell does not change the model by itself: it emits `cell_edited(node_id, field, value, seen)`
(`seen`: the value the cell showed, so the save can tell whether another clerk saved it meanwhile); the
grid page saves it at once through the core (save_grid_cell) and then puts the saved row back with
`replace_row`. So what the grid shows is always what is stored. Field names are the core's:
"state", "completion", "evaluation", "reasons", "corrective_action", "spent:<source id>",
"actual:<indicator id>".
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from db.plan.monitoring import cell_value
from desktop.plan.formatting import czech_kc, czech_number, group_thousands, parse_kc, parse_number, percent

Index = QModelIndex | QPersistentModelIndex
READ_ONLY_BACKGROUND = "#f1f1f1"
BEHIND_COLOR = "#b3261e"
MUTED_COLOR = "#5f6368"


@dataclass(frozen=True)
class Column:
    kind: str  # code, title, state, completion, spent, actual, text
    title: str
    width: int
    field: str = ""  # the core's field name for editable columns
    source_id: int | None = None
    indicator_slot: int | None = None  # the n-th indicator of the row's activity

    @property
    def editable(self) -> bool:
        return bool(self.field) or self.kind == "actual"


def grid_columns(sources: list[tuple[int, str]], indicator_slots: int) -> list[Column]:
    """Code, title, state, %, spent per source, the indicators (as many as the richest activity
    has), the evaluation, reasons and corrective action."""
    columns = [Column("code", "Kód", 60), Column("title", "Aktivita", 260),
               Column("state", "Stav", 140, "state"), Column("completion", "Plnění\n%", 70, "completion")]
    columns += [Column("spent", f"Čerpáno\n{name}", 130, f"spent:{source_id}", source_id=source_id)
                for source_id, name in sources]
    columns += [Column("actual", f"Indikátor {slot + 1}\nskutečnost / cíl", 150, indicator_slot=slot) for slot in range(indicator_slots)]
    columns += [Column("text", "Hodnocení", 260, "evaluation"), Column("text", "Důvody\nneplnění", 200, "reasons"),
                Column("text", "Nápravné\nopatření", 200, "corrective_action")]
    return columns


class MonitoringGridModel(QAbstractTableModel):
    cell_edited = Signal(int, str, object, object)  # node id, field, parsed value (None = empty), value seen
    problem = Signal(str)  # Czech message for input that could not be read

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: list[Column] = []
        self.rows: list = []
        self.states: dict[int, tuple[str, str]] = {}  # id → (name, colour)
        self.read_only = True
        self._row_of: dict[int, int] = {}

    def set_grid(self, rows: list, sources: list[tuple[int, str]], states: list, read_only: bool) -> None:
        """`rows` GridRows; `states` objects with id, name, color; `read_only` for a closed round."""
        self.beginResetModel()
        self.rows = list(rows)
        self._row_of = {row.node_id: n for n, row in enumerate(self.rows)}
        self.states = {s.id: (s.name, s.color) for s in states}
        slots = max((len(row.indicators) for row in self.rows), default=0)
        self.columns = grid_columns(sources, slots)
        self.read_only = read_only
        self.endResetModel()

    def replace_row(self, row) -> None:
        n = self._row_of.get(row.node_id)
        if n is None:
            return
        self.rows[n] = row
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.columns) - 1))

    def row_index(self, node_id: int) -> int:
        return self._row_of.get(node_id, -1)

    def column_of(self, field: str) -> int:
        return next((n for n, c in enumerate(self.columns) if c.field == field), -1)

    # -- reading a cell -----------------------------------------------------------------------------
    def _actual(self, row, column: Column):
        return row.indicators[column.indicator_slot] if column.indicator_slot < len(row.indicators) else None

    def _display(self, row, column: Column) -> str:
        kind = column.kind
        if kind == "code":
            return row.code
        if kind == "title":
            return row.title
        if kind == "state":
            return self.states.get(row.state_id, ("", ""))[0]
        if kind == "completion":
            return percent(row.effective_completion)
        if kind == "spent":
            value = row.spent.get(column.source_id)
            return czech_kc(value) if value else ""
        if kind == "actual":
            actual = self._actual(row, column)
            if actual is None:
                return ""
            target = f" / {czech_number(actual.target)}" if actual.target is not None else ""
            unit = f" {actual.unit}" if actual.unit else ""
            value = czech_number(actual.actual) if actual.actual is not None else "–"
            return f"{value}{target}{unit}"
        return getattr(row, column.field) or ""

    def _edit_value(self, row, column: Column):
        if column.kind == "state":
            return row.state_id
        if column.kind == "completion":
            return "" if row.completion is None else str(row.completion)
        if column.kind == "spent":
            value = row.spent.get(column.source_id)
            return group_thousands(value) if value else ""
        if column.kind == "actual":
            actual = self._actual(row, column)
            return czech_number(actual.actual) if actual is not None else ""
        return getattr(row, column.field) or ""

    def _cell_editable(self, row, column: Column) -> bool:
        if self.read_only or not column.editable:
            return False
        return column.kind != "actual" or self._actual(row, column) is not None

    # -- Qt -----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "actual":
            return "Skutečná hodnota indikátoru / cílová hodnota na rok a jednotka"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("completion", "spent", "actual"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column.kind == "state" and row.state_id in self.states:
            return QColor(self.states[row.state_id][1])
        if role == Qt.ItemDataRole.BackgroundRole and not self._cell_editable(row, column):
            return QBrush(QColor(READ_ONLY_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == "completion":
            if row.behind:
                return QBrush(QColor(BEHIND_COLOR))
            if row.completion is None:  # the state's default share, not typed
                return QBrush(QColor(MUTED_COLOR))
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == "actual":
            actual = self._actual(row, column)
            if actual is not None and actual.missed:
                return QBrush(QColor(BEHIND_COLOR))
        return None

    def _tooltip(self, row, column: Column) -> str | None:
        if column.kind == "actual":
            actual = self._actual(row, column)
            if actual is None:
                return None
            target = czech_number(actual.target) if actual.target is not None else "nestanoven"
            return f"{actual.name}\nCíl na rok: {target} {actual.unit}".rstrip()
        if column.kind == "completion" and row.completion is None and row.effective_completion is not None:
            return "Podíl plnění podle stavu; přepíšete jej zadáním čísla."
        if column.kind == "completion" and row.behind:
            return "Aktivita zaostává za plánem."
        if column.kind in ("title", "text"):
            return self._display(row, column) or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._cell_editable(self.rows[index.row()], self.columns[index.column()]):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Parse the typed value and ask for it to be saved (cell_edited); False when unreadable."""
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = self.rows[index.row()], self.columns[index.column()]
        try:
            field, parsed = self._parse(row, column, value)
        except ValueError as exc:
            self.problem.emit(f"{row.code} {column.title}: {exc}")
            return False
        if parsed == self._stored(row, column):
            return False
        self.problem.emit("")
        self.cell_edited.emit(row.node_id, field, parsed, cell_value(row, field))
        return True

    def _parse(self, row, column: Column, value) -> tuple[str, object]:
        text = "" if value is None else str(value)
        if column.kind == "state":
            return column.field, value
        if column.kind == "completion":
            number = parse_number(text)
            if number is not None and (not float(number).is_integer() or not 0 <= number <= 100):
                raise ValueError("Plnění zadejte jako celé číslo od 0 do 100.")
            return column.field, None if number is None else int(number)
        if column.kind == "spent":
            return column.field, parse_kc(text)
        if column.kind == "actual":
            return f"actual:{self._actual(row, column).indicator_id}", parse_number(text)
        return column.field, text.strip()

    def _stored(self, row, column: Column):
        if column.kind == "state":
            return row.state_id
        if column.kind == "completion":
            return row.completion
        if column.kind == "spent":
            return row.spent.get(column.source_id)
        if column.kind == "actual":
            return self._actual(row, column).actual
        return getattr(row, column.field) or ""


class GridFilterProxy(QSortFilterProxyModel):
    """Shows the rows of the activities the tab's filter lets through."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._node_ids: set[int] | None = None

    def set_node_ids(self, node_ids: set[int] | None) -> None:
        # Qt ≥ 6.9 wants begin/endFilterChange around the change; older ones only have invalidateRowsFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
        self._node_ids = node_ids
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._node_ids is None:
            return True
        return self.sourceModel().rows[source_row].node_id in self._node_ids
