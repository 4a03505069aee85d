"""Editors for the repeating parts of a service: forms with capacity, target groups, places and the
weekly opening hours. Each offers state() / set_state() with plain values and a `changed` signal."""
from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from db.directory.opening_hours import EXAMPLE, WEEKDAYS, check_intervals, format_intervals, parse_intervals
from db.validation import check_psc, normalize_psc
from db.text import normalize_text
from desktop.directory.fields import FieldRow, OptionalSpinBox, set_combo_data
from desktop.widgets.choice_lists import checkable_item, checked_ids, refill_combo


class FormsEditor(QWidget):
    """Pobytová / ambulantní / terénní, each with its registered capacity and unit."""

    changed = Signal()

    def __init__(self, forms: list[tuple[int, str]], units: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.addWidget(QLabel("kapacita"), 0, 1)
        self._grid.addWidget(QLabel("jednotka"), 0, 2)
        self._grid.setColumnStretch(3, 1)
        self._rows: dict[int, tuple[QCheckBox, OptionalSpinBox, QComboBox]] = {}
        self.set_choices(forms, units)

    def set_choices(self, forms: list[tuple[int, str]], units: list[tuple[int, str]]) -> None:
        """Offer `forms` and `units` [(id, name)] (again after a codelist change): a new form gets its
        row, a renamed one its name; what is ticked, typed and chosen stays (choice_lists.py)."""
        for form_id, name in forms:
            if form_id in self._rows:
                self._rows[form_id][0].setText(name)
            else:
                self._add_row(form_id, name)
        for _check, _capacity, unit in self._rows.values():
            # As wide as the longest unit („intervence“), not wider: the form must fit a 1024 px screen.
            unit.setMinimumContentsLength(max((len(unit_name) for _id, unit_name in units), default=6) - 1)
            refill_combo(unit, units, leading=[("—", None)])

    def _add_row(self, form_id: int, name: str) -> None:
        check = QCheckBox(name)
        capacity = OptionalSpinBox(99_999)
        capacity.setMinimumWidth(64)
        unit = QComboBox()
        unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for widget in (capacity, unit):
            widget.setEnabled(False)
            check.toggled.connect(widget.setEnabled)
        check.toggled.connect(self.changed)
        capacity.valueChanged.connect(self.changed)
        unit.currentIndexChanged.connect(self.changed)
        row = len(self._rows) + 1
        self._grid.addWidget(check, row, 0)
        self._grid.addWidget(capacity, row, 1)
        self._grid.addWidget(unit, row, 2)
        self._rows[form_id] = (check, capacity, unit)

    def capacity_box(self, form_id: int) -> OptionalSpinBox:
        return self._rows[form_id][1]

    def state(self) -> tuple:
        return tuple((form_id, capacity.number(), unit.currentData())
                     for form_id, (check, capacity, unit) in self._rows.items() if check.isChecked())

    def set_state(self, forms: tuple) -> None:
        given = {form_id: (capacity, unit_id) for form_id, capacity, unit_id in forms}
        for form_id, (check, capacity, unit) in self._rows.items():
            check.setChecked(form_id in given)
            value, unit_id = given.get(form_id, (None, None))
            capacity.set_number(value)
            set_combo_data(unit, unit_id)


_ORDER_ROLE = Qt.ItemDataRole.UserRole + 1


class TargetGroupsEditor(QListWidget):
    """Several target groups, ticked in a list in the register's order.

    A loaded service lists its ticked groups first: the list shows only eight rows, and a clerk must
    see what is chosen without scrolling through twenty unticked ones.
    """

    changed = Signal()

    def __init__(self, groups: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setUniformItemSizes(True)
        self.set_groups(groups)
        self.setFixedHeight(self.sizeHintForRow(0) * 8 + 2 * self.frameWidth())
        self.itemChanged.connect(self.changed)

    def set_groups(self, groups: list[tuple[int, str]]) -> None:
        """Offer `groups` [(id, name)] in the register's order (again after a codelist change), keeping
        the ticks, the ticked ones first and the scroll position; a ticked group no longer offered stays."""
        ticked = {self.item(i).data(Qt.ItemDataRole.UserRole): self.item(i).text() for i in range(self.count())
                  if self.item(i).checkState() == Qt.CheckState.Checked}
        scrolled = self.verticalScrollBar().value()
        offered = [group_id for group_id, _name in groups]
        missing = [(group_id, name) for group_id, name in ticked.items() if group_id not in offered]
        with QSignalBlocker(self):
            self.clear()
            for order, (group_id, name) in enumerate([*groups, *missing]):
                item = checkable_item(group_id, name, group_id in ticked)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setData(_ORDER_ROLE, order)
                self.addItem(item)
            self._arrange(set(ticked))
        self.verticalScrollBar().setValue(scrolled)

    def state(self) -> tuple[int, ...]:
        return tuple(sorted(checked_ids(self)))

    def set_state(self, group_ids) -> None:
        self.blockSignals(True)
        self._arrange(set(group_ids))
        self.scrollToTop()
        self.blockSignals(False)
        self.changed.emit()

    def _arrange(self, wanted: set) -> None:
        """Tick `wanted` and list it first, the rest in the register's order."""
        items = [self.takeItem(0) for _ in range(self.count())]
        items.sort(key=lambda item: (item.data(Qt.ItemDataRole.UserRole) not in wanted, item.data(_ORDER_ROLE)))
        for item in items:
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
            self.addItem(item)


PLACE_COLUMNS = ("Název", "Ulice", "Obec", "PSČ", "Utajená")
SECRET_COLUMN = 4
POSTCODE_COLUMN = 3


class PlacesEditor(QWidget):
    """Places of provision; a secret address (e.g. a shelter) is kept but never listed or printed."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(PLACE_COLUMNS))
        self.table.setHorizontalHeaderLabels(PLACE_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Narrow enough for a 1024 px screen: the Utajená tick (a shelter's secret address) must show.
        header.setMinimumSectionSize(50)
        for column, width in enumerate((0, 0, 0, 56, 64)):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.table.setColumnWidth(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setFixedHeight(header.sizeHint().height() + self.table.verticalHeader().defaultSectionSize() * 3 + 4)
        self.table.setToolTip("Ulice s číslem popisným. Utajená adresa (např. azylového domu) se nezobrazuje "
                              "v seznamu ani netiskne.")
        self.table.itemChanged.connect(self._item_changed)
        self.field = FieldRow(self.table)
        add = QPushButton("Přidat místo")
        add.clicked.connect(self.add_place)
        self.remove_button = QPushButton("Odebrat místo")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addLayout(buttons)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == POSTCODE_COLUMN:
            self.check()
        self.changed.emit()

    def check(self) -> bool:
        for row in range(self.table.rowCount()):
            message = check_psc(self._text(row, POSTCODE_COLUMN))
            if message:
                self.field.set_error(f"Místo na řádku {row + 1}: {message}")
                return False
        self.field.set_error(None)
        return True

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return normalize_text(item.text()) if item else ""

    def add_place(self, values: tuple = ("", "", "", "", False)) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(values[:SECRET_COLUMN]):
            self.table.setItem(row, column, QTableWidgetItem(value))
        secret = QTableWidgetItem()
        secret.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        secret.setCheckState(Qt.CheckState.Checked if values[SECRET_COLUMN] else Qt.CheckState.Unchecked)
        self.table.setItem(row, SECRET_COLUMN, secret)
        self.table.blockSignals(False)
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.check()
            self.changed.emit()

    def state(self) -> tuple:
        places = []
        for row in range(self.table.rowCount()):
            secret = self.table.item(row, SECRET_COLUMN).checkState() == Qt.CheckState.Checked
            values = tuple(self._text(row, c) for c in range(SECRET_COLUMN))
            places.append((*values[:POSTCODE_COLUMN], normalize_psc(values[POSTCODE_COLUMN]), secret))
        return tuple(places)

    def set_state(self, places: tuple) -> None:
        self.table.setRowCount(0)
        for place in places:
            self.add_place(place)
        self.field.set_error(None)


class HoursEditor(QObject):
    """Weekly opening hours: per day any number of intervals, typed as "8:00–12:00, 13:00–16:00".

    Its rows go into the service form (add_rows) so their labels line up with the other fields.
    """

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.days: list[QLineEdit] = []
        self.rows: list[FieldRow] = []
        for weekday in range(len(WEEKDAYS)):
            edit = QLineEdit()
            edit.setPlaceholderText(f"např. {EXAMPLE}" if weekday == 0 else "")
            edit.textChanged.connect(self.changed)
            edit.editingFinished.connect(lambda w=weekday: self.check_day(w))
            self.days.append(edit)
            self.rows.append(FieldRow(edit))
        self.copy_button = QPushButton("Pondělí zkopírovat na úterý až pátek")
        self.copy_button.clicked.connect(self.copy_monday)

    def add_rows(self, form: QFormLayout) -> None:
        for name, row in zip(WEEKDAYS, self.rows):
            form.addRow(f"{name.capitalize()}:", row)

    def check_day(self, weekday: int) -> bool:
        edit = self.days[weekday]
        message = check_intervals(edit.text())
        self.rows[weekday].set_error(message)
        if message is None:
            canonical = format_intervals(parse_intervals(edit.text()))
            if canonical != edit.text():
                edit.setText(canonical)
        return message is None

    def copy_monday(self) -> None:
        if self.check_day(0):
            for edit in self.days[1:5]:
                edit.setText(self.days[0].text())
            for weekday in range(1, 5):
                self.rows[weekday].set_error(None)

    def state(self) -> tuple[str, ...]:
        return tuple(edit.text().strip() for edit in self.days)

    def set_state(self, texts: tuple[str, ...]) -> None:
        for edit, row, text in zip(self.days, self.rows, texts):
            edit.setText(text)
            row.set_error(None)
