"""The plan's tree (priorita → opatření → aktivita) as a Qt item model, with drag to move a node.

The model holds the core's TreeRows (db.plan.queries.plan_tree, in tree order). A drop does not move
anything itself: it asks the tab through `move_requested`, the core renumbers, and the tab reloads —
so the codes shown are always the ones the core computed.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from desktop.plan.formatting import percent

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-komunitni-plan-node"
TITLE, COMPLETION = 0, 1
HEADERS = ("Kód a název", "Plnění")
BEHIND_COLOR = "#b3261e"


class _Item:
    __slots__ = ("row", "parent", "children")

    def __init__(self, row, parent: _Item | None):
        self.row = row
        self.parent = parent
        self.children: list[_Item] = []


def _dot(color: str) -> QIcon:
    """A state's colour as a filled dot; "" gives a hollow grey ring (not evaluated)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if color:
        painter.setPen(QColor(color).darker(130))
        painter.setBrush(QColor(color))
    else:
        painter.setPen(QColor("#9aa0a6"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class PlanTreeModel(QAbstractItemModel):
    # node id, new parent id (None = a priority), position among the new siblings after the move
    move_requested = Signal(int, object, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._root = _Item(None, None)
        self._items: dict[int, _Item] = {}
        self._icons: dict[str, QIcon] = {}
        self.drag_enabled = True

    # -- content --------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        """Replace the tree; `rows` in tree order, each with id and parent_id."""
        self.beginResetModel()
        self._root = _Item(None, None)
        self._items = {}
        for row in rows:
            parent = self._items.get(row.parent_id, self._root) if row.parent_id is not None else self._root
            item = _Item(row, parent)
            parent.children.append(item)
            self._items[row.id] = item
        self.endResetModel()

    def rows(self) -> list:
        """All rows in tree order."""
        out: list = []

        def walk(item: _Item) -> None:
            for child in item.children:
                out.append(child.row)
                walk(child)
        walk(self._root)
        return out

    def row_of(self, node_id: int | None):
        item = self._items.get(node_id) if node_id is not None else None
        return item.row if item else None

    def index_of(self, node_id: int | None, column: int = 0) -> QModelIndex:
        item = self._items.get(node_id) if node_id is not None else None
        if item is None:
            return QModelIndex()
        return self.createIndex(item.parent.children.index(item), column, item)

    def node_id(self, index: Index) -> int | None:
        return index.internalPointer().row.id if index.isValid() else None

    def child_ids(self, node_id: int | None) -> list[int]:
        item = self._items.get(node_id, self._root) if node_id is not None else self._root
        return [child.row.id for child in item.children]

    def descendant_ids(self, node_id: int) -> set[int]:
        found: set[int] = set()
        stack = list(self._items[node_id].children) if node_id in self._items else []
        while stack:
            item = stack.pop()
            found.add(item.row.id)
            stack.extend(item.children)
        return found

    # -- QAbstractItemModel ----------------------------------------------------------------------
    def _item(self, index: Index) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        item = self._item(parent)
        if not 0 <= row < len(item.children) or not 0 <= column < len(HEADERS):
            return QModelIndex()
        return self.createIndex(row, column, item.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.parent.children.index(parent), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.internalPointer().row
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return f"{row.code}  {row.title}"
            return percent(row.completion)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return _tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and row.is_activity:
            # An activity not evaluated yet gets a hollow mark, so titles stay aligned and it stands out.
            color = row.state_color or ""
            if color not in self._icons:
                self._icons[color] = _dot(color)
            return self._icons[color]
        if role == Qt.ItemDataRole.FontRole and column == TITLE and row.level == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COMPLETION and row.behind:
            return QBrush(QColor(BEHIND_COLOR))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COMPLETION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    # -- drag and drop ---------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.drag_enabled:
            return base
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        ids = {self.node_id(i) for i in indexes if i.isValid()}
        if len(ids) == 1:
            data.setData(MIME, QByteArray(str(ids.pop()).encode()))
        return data

    def _dragged_id(self, data: QMimeData) -> int | None:
        if not data.hasFormat(MIME):
            return None
        try:
            return int(bytes(data.data(MIME)).decode())
        except ValueError:
            return None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        node_id = self._dragged_id(data)
        if node_id is None or node_id not in self._items:
            return False
        target = self.node_id(parent)
        return target != node_id and target not in self.descendant_ids(node_id)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Ask for the move and return False: the view must not remove the dragged row itself."""
        if action != Qt.DropAction.MoveAction or not self.canDropMimeData(data, action, row, column, parent):
            return False
        node_id = self._dragged_id(data)
        new_parent = self.node_id(parent)
        siblings = self.child_ids(new_parent)
        position = len(siblings) if row < 0 else row
        if self._items[node_id].parent is self._item(parent):
            old_position = siblings.index(node_id)
            if old_position < position:
                position -= 1  # the node leaves its old place before it takes the new one
            if old_position == position:
                return False
        self.move_requested.emit(node_id, new_parent, position)
        return False


def _tooltip(row) -> str:
    lines = [f"{row.level_name} {row.code}: {row.title}"]
    if row.state_name:
        lines.append(f"Stav: {row.state_name}")
    if row.completion is not None:
        lines.append(f"Plnění: {percent(row.completion)}")
    if row.behind:
        lines.append("Zaostává za plánem")
    if not row.is_activity and row.state_counts:
        lines.append("Aktivity: " + ", ".join(f"{name} {count}" for name, count in row.state_counts.items()))
    if row.responsible:
        lines.append(f"Odpovídá: {row.responsible}")
    if row.working_group:
        lines.append(f"Pracovní skupina: {row.working_group}")
    return "\n".join(lines)


class TreeFilterProxy(QSortFilterProxyModel):
    """Shows the nodes a filter accepts together with their ancestors (recursive filtering)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._accepts: Callable[[object], bool] | None = None

    def set_predicate(self, accepts: Callable[[object], bool] | None) -> None:
        # Qt ≥ 6.9 wants begin/endFilterChange around the change; older ones only have invalidateRowsFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
        self._accepts = accepts
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def is_filtering(self) -> bool:
        return self._accepts is not None

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._accepts is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._accepts(index.internalPointer().row)
