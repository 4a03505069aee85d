"""Služby: the directory services an activity concerns, each with what it means for it
("nová služba", "navýšení kapacity o 10 lůžek"). value() → [(service id, note)]."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QCompleter, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from desktop.directory.fields import MUTED_COLOR

Index = QModelIndex | QPersistentModelIndex


class ServiceLinksModel(QAbstractTableModel):
    changed = Signal()
    HEADERS = ("Služba (poskytovatel)", "Co aktivita pro službu znamená")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.links: list[list] = []  # [service id, note]
        self.names: dict[int, str] = {}

    def set_links(self, links: list[tuple[int, str]], names: dict[int, str]) -> None:
        self.beginResetModel()
        self.links = [[service_id, note] for service_id, note in links]
        self.names = names
        self.endResetModel()

    def set_names(self, names: dict[int, str]) -> None:
        """Names of the services as now stored (a renamed one shows its new name)."""
        self.names = names
        if self.links:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.links) - 1, 0))

    def value(self) -> list[tuple[int, str]]:
        return [(service_id, note) for service_id, note in self.links]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.links)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        service_id, note = self.links[index.row()]
        if index.column() == 0:
            return self.names.get(service_id, "(služba byla smazána)")
        return note

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        note = " ".join(str(value or "").split())
        if note == self.links[index.row()][1]:
            return False
        self.links[index.row()][1] = note
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def add(self, service_id: int) -> int:
        for row, (existing, _note) in enumerate(self.links):
            if existing == service_id:
                return row
        self.beginInsertRows(QModelIndex(), len(self.links), len(self.links))
        self.links.append([service_id, ""])
        self.endInsertRows()
        self.changed.emit()
        return len(self.links) - 1

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.links):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.links[row]
            self.endRemoveRows()
            self.changed.emit()


class ServicesPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ServiceLinksModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setColumnWidth(0, 320)
        self.view.verticalHeader().hide()
        self.service = QComboBox()
        self.service.setEditable(True)
        self.service.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.service.setMinimumContentsLength(24)
        self.service.lineEdit().setPlaceholderText("začněte psát název služby nebo poskytovatele")
        completer = QCompleter(self.service.model(), self.service)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.service.setCompleter(completer)
        self.add_button = QPushButton("Přidat službu")
        self.remove_button = QPushButton("Odebrat")
        self.add_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(lambda: self.model.remove(self.view.currentIndex().row()))
        hint = QLabel("Služby z adresáře poskytovatelů, kterých se aktivita týká (nová služba, rozšíření "
                      "kapacity, změna cílové skupiny …). Poznámku upravíte dvojklikem.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        row = QHBoxLayout()
        row.addWidget(self.service, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.model.changed.connect(self.changed)

    def set_choices(self, services: list[tuple[int, str]]) -> None:
        """Offer `services` [(id, "Service (Provider)")]; the linked ones show their names as now
        stored, text typed into the chooser stays."""
        typed = self.service.currentText()
        self.service.blockSignals(True)
        self.service.clear()
        for service_id, label in services:
            self.service.addItem(label, service_id)
        self.service.setCurrentIndex(-1)
        self.service.setEditText(typed)
        self.service.blockSignals(False)
        self._names = dict(services)
        self.model.set_names(self._names)

    def set_links(self, links: list[tuple[int, str]]) -> None:
        self.model.set_links(links, self._names)

    def value(self) -> list[tuple[int, str]]:
        return self.model.value()

    def add_current(self) -> None:
        index = self.service.findText(self.service.currentText())
        if index < 0:
            return
        row = self.model.add(self.service.itemData(index))
        self.view.selectRow(row)
        self.service.setCurrentIndex(-1)
