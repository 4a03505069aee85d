"""Indikátory of a node: one row per indicator with its baseline, direction and a target per year.

Held as plain dicts ({"id", "name", "unit", "baseline_value", "baseline_year", "direction",
"targets": {year: value}}) so the editor can tell an edit from a reload by comparing them.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyledItemDelegate,
    QTableView, QVBoxLayout, QWidget,
)

from db.plan.models import IndicatorDirection
from desktop.directory.fields import ERROR_COLOR, MUTED_COLOR
from desktop.plan.formatting import czech_number, parse_number

Index = QModelIndex | QPersistentModelIndex
DIRECTIONS = {IndicatorDirection.INCREASE.value: "více je lépe", IndicatorDirection.DECREASE.value: "méně je lépe"}
FIXED = ("Název indikátoru", "Jednotka", "Výchozí\nhodnota", "Rok výchozí\nhodnoty", "Směr")
NAME, UNIT, BASELINE, BASELINE_YEAR, DIRECTION = range(5)


def new_indicator() -> dict:
    return {"id": None, "name": "", "unit": "", "baseline_value": None, "baseline_year": None,
            "direction": IndicatorDirection.INCREASE.value, "targets": {}}


class IndicatorsModel(QAbstractTableModel):
    changed = Signal()
    problem = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[dict] = []
        self.years: list[int] = []

    def set_items(self, items: list[dict], years: list[int]) -> None:
        self.beginResetModel()
        self.items, self.years = copy.deepcopy(items), list(years)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self.years)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return FIXED[section] if section < len(FIXED) else f"Cíl\n{self.years[section - len(FIXED)]}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.TextAlignmentRole):
            return None
        item, column = self.items[index.row()], index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (NAME, UNIT, DIRECTION):
                return None
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == NAME:
            return item["name"]
        if column == UNIT:
            return item["unit"]
        if column == BASELINE:
            return czech_number(item["baseline_value"])
        if column == BASELINE_YEAR:
            return "" if item["baseline_year"] is None else str(item["baseline_year"])
        if column == DIRECTION:
            return item["direction"] if role == Qt.ItemDataRole.EditRole else DIRECTIONS[item["direction"]]
        return czech_number(item["targets"].get(self.years[column - len(FIXED)]))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item, column = self.items[index.row()], index.column()
        text = "" if value is None else str(value).strip()
        try:
            if column == NAME:
                item["name"] = " ".join(text.split())
            elif column == UNIT:
                item["unit"] = text
            elif column == BASELINE:
                item["baseline_value"] = parse_number(text)
            elif column == BASELINE_YEAR:
                item["baseline_year"] = _parse_year(text)
            elif column == DIRECTION:
                item["direction"] = value
            else:
                year = self.years[column - len(FIXED)]
                number = parse_number(text)
                if number is None:
                    item["targets"].pop(year, None)
                else:
                    item["targets"][year] = number
        except ValueError as exc:
            title = self.headerData(column, Qt.Orientation.Horizontal).replace("\n", " ")
            self.problem.emit(f"Indikátor {index.row() + 1}, {title}: {exc}")
            return False
        self.problem.emit("")
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def add(self) -> int:
        self.beginInsertRows(QModelIndex(), len(self.items), len(self.items))
        self.items.append(new_indicator())
        self.endInsertRows()
        self.changed.emit()
        return len(self.items) - 1

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()
            self.changed.emit()


def _parse_year(text: str) -> int | None:
    if not text:
        return None
    if text.isdigit() and 1990 <= int(text) <= 2100:
        return int(text)
    raise ValueError("Rok zadejte čtyřmi číslicemi, např. 2024.")


class DirectionDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for value, label in DIRECTIONS.items():
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData())


class IndicatorsPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = IndicatorsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(DIRECTION, DirectionDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(72)
        self.hint = QLabel("Cílové hodnoty se zadávají na jednotlivé roky; skutečné hodnoty se vyplňují "
                           "při vyhodnocení (Monitoring).")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.hide()
        self.add_button = QPushButton("Přidat indikátor")
        self.remove_button = QPushButton("Odebrat indikátor")
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(lambda: self.model.remove(self.view.currentIndex().row()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.model.changed.connect(self.changed)
        self.model.problem.connect(self.show_problem)

    def set_items(self, items: list[dict], years: list[int]) -> None:
        self.model.set_items(items, years)
        for column, width in ((NAME, 190), (UNIT, 70), (BASELINE, 76), (BASELINE_YEAR, 84), (DIRECTION, 112)):
            self.view.setColumnWidth(column, width)
        self.show_problem("")

    def items(self) -> list[dict]:
        return copy.deepcopy(self.model.items)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _add(self) -> None:
        row = self.model.add()
        index = self.model.index(row, NAME)
        self.view.setCurrentIndex(index)
        self.view.edit(index)
