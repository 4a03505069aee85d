"""Checkable tree kraj → okres → obec from the register's codelists, and its search filter."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from db.collation import fold
from db.registry import RegisterCodelists, Territory

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
CHECKED, PARTIAL, UNCHECKED = (Qt.CheckState.Checked, Qt.CheckState.PartiallyChecked,
                               Qt.CheckState.Unchecked)


class TerritoryModel(QStandardItemModel):
    """Checking a kraj or okres checks everything under it; parents show whether all, some or none is checked."""

    territoryChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Území"])
        self._items: dict[str, QStandardItem] = {}
        self._updating = False
        self.itemChanged.connect(self._on_item_changed)

    def load(self, codelists: RegisterCodelists) -> None:
        self.removeRows(0, self.rowCount())
        self._items.clear()
        self._updating = True
        for kraj in codelists.sorted_kraje():
            kraj_item = self._item(kraj.id, kraj.name)
            for okres in codelists.okresy_of(kraj.id):
                okres_item = self._item(okres.id, f"okres {okres.name}")
                okres_item.appendRows([self._item(obec.id, obec.name) for obec in codelists.obce_of(okres.id)])
                kraj_item.appendRow(okres_item)
            self.appendRow(kraj_item)
        self._updating = False
        self.territoryChanged.emit()

    def _item(self, area_id: str, name: str) -> QStandardItem:
        item = QStandardItem(name)
        item.setEditable(False)
        item.setCheckable(True)
        item.setCheckState(UNCHECKED)
        item.setData(area_id, ID_ROLE)
        item.setData(fold(name), SEARCH_ROLE)
        item.setToolTip(f"kód {area_id.split('/', 1)[-1]}")
        self._items[area_id] = item
        return item

    # -- checking --------------------------------------------------------------------------------
    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            self._push_down(item, item.checkState())
            self._pull_up(item.parent())
        finally:
            self._updating = False
        self.territoryChanged.emit()

    def _push_down(self, item: QStandardItem, state: Qt.CheckState) -> None:
        if state == PARTIAL:
            return
        for row in range(item.rowCount()):
            child = item.child(row)
            child.setCheckState(state)
            self._push_down(child, state)

    def _pull_up(self, parent: QStandardItem | None) -> None:
        while parent is not None:
            states = {parent.child(row).checkState() for row in range(parent.rowCount())}
            parent.setCheckState(states.pop() if len(states) == 1 else PARTIAL)
            parent = parent.parent()

    def state(self, area_id: str) -> Qt.CheckState:
        return self._items[area_id].checkState()

    def set_checked(self, area_id: str, checked: bool = True) -> None:
        item = self._items.get(area_id)
        if item is not None:
            item.setCheckState(CHECKED if checked else UNCHECKED)  # itemChanged propagates it

    # -- the territory -----------------------------------------------------------------------------
    def territory(self) -> Territory:
        """Whole kraje and okresy where all is checked, single obce otherwise."""
        ids: list[str] = []

        def collect(item: QStandardItem) -> None:
            if item.checkState() == CHECKED:
                ids.append(item.data(ID_ROLE))
            elif item.checkState() == PARTIAL:
                for row in range(item.rowCount()):
                    collect(item.child(row))

        for row in range(self.rowCount()):
            collect(self.item(row))
        return Territory.from_ids(ids)

    def set_territory(self, territory: Territory) -> None:
        for row in range(self.rowCount()):
            self.item(row).setCheckState(UNCHECKED)
        for area_id in territory.ids():
            self.set_checked(area_id)


class TerritoryFilter(QSortFilterProxyModel):
    """Finds a kraj, okres or obec by name regardless of diacritics; parents of a match stay visible."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(SEARCH_ROLE)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(fold(text.strip()))
