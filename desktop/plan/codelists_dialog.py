"""Číselníky plánu: the editable lists of funding sources and activity states (db/plan/codelists.py).

Both lists are short (a handful of rows), so a table widget per list is enough. A source still in use
that the clerk removes is only retired by the core; a state in use cannot be removed (the core says so).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QColorDialog, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError, ValidationError
from db.plan.codelists import (
    SourceItem, StateItem, load_source_items, load_state_items, save_source_items, save_state_items,
)
from desktop.directory.fields import error_label, note_label
from desktop.plan.sizing import resize_within_screen
from desktop.widgets.dialog_buttons import dialog_buttons
from desktop.widgets.failures import tell_refused

try:  # one transaction for both lists once the core offers it
    from db.plan.codelists import save_codelists
except ImportError:
    save_codelists = None

ID_ROLE = Qt.ItemDataRole.UserRole


def _check(checked: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _checked(item: QTableWidgetItem | None) -> bool:
    return item is not None and item.checkState() == Qt.CheckState.Checked


class ListEditor(QWidget):
    """A table with Přidat / Odebrat / Nahoru / Dolů under it."""

    def __init__(self, headers: list[str], hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        note = note_label(hint)
        buttons = QHBoxLayout()
        for text, slot in (("Přidat", self.add_row), ("Odebrat", self.remove_row),
                           ("Nahoru", lambda: self.move(-1)), ("Dolů", lambda: self.move(1))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def new_row_items(self) -> list[QTableWidgetItem]:
        raise NotImplementedError

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, item in enumerate(self.new_row_items()):
            self.table.setItem(row, column, item)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        items = [self.table.takeItem(row, c) for c in range(self.table.columnCount())]
        others = [self.table.takeItem(target, c) for c in range(self.table.columnCount())]
        for column in range(self.table.columnCount()):
            self.table.setItem(target, column, items[column])
            self.table.setItem(row, column, others[column])
        self.table.setCurrentCell(target, 0)


class SourcesEditor(ListEditor):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(["Zdroj financování", "Používat"],
                         "Zdroj, který už má v plánech částky, se po odebrání jen přestane nabízet; "
                         "dřívější částky mu zůstanou.", parent)

    def new_row_items(self) -> list[QTableWidgetItem]:
        return [QTableWidgetItem(""), _check(True)]

    def set_items(self, items: list[SourceItem]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self.table.insertRow(self.table.rowCount())
            name = QTableWidgetItem(item.name)
            name.setData(ID_ROLE, item.id)
            self.table.setItem(self.table.rowCount() - 1, 0, name)
            self.table.setItem(self.table.rowCount() - 1, 1, _check(item.active))

    def items(self) -> list[SourceItem]:
        return [SourceItem(self.table.item(r, 0).data(ID_ROLE), self.table.item(r, 0).text(),
                           _checked(self.table.item(r, 1))) for r in range(self.table.rowCount())]


class StatesEditor(ListEditor):
    NAME, COMPLETION, ROLLUP, FINISHED, COLOR = range(5)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(["Stav plnění", "Výchozí plnění %", "Do souhrnu", "Ukončená", "Barva"],
                         "Výchozí plnění se použije, když u aktivity není zapsáno vlastní procento. Stav mimo "
                         "souhrn (zrušeno) se do plnění opatření a priorit nepočítá; ukončená aktivita se "
                         "nepřevádí do dalšího plánu. Barvu změníte dvojklikem.", parent)
        self.table.cellDoubleClicked.connect(self._pick_color)

    def _color_item(self, color: str) -> QTableWidgetItem:
        item = QTableWidgetItem(color.upper())
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setBackground(QColor(color))
        item.setForeground(QColor("white") if QColor(color).lightness() < 140 else QColor("black"))
        return item

    def new_row_items(self) -> list[QTableWidgetItem]:
        return [QTableWidgetItem(""), QTableWidgetItem("0"), _check(True), _check(False), self._color_item("#808080")]

    def set_items(self, items: list[StateItem]) -> None:
        self.table.setRowCount(0)
        for item in items:
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(item.name)
            name.setData(ID_ROLE, item.id)
            for column, cell in enumerate((name, QTableWidgetItem(str(item.completion)), _check(item.in_rollup),
                                           _check(item.finished), self._color_item(item.color))):
                self.table.setItem(row, column, cell)

    def _pick_color(self, row: int, column: int) -> None:
        if column != self.COLOR:
            return
        chosen = QColorDialog.getColor(QColor(self.table.item(row, column).text()), self, "Barva stavu")
        if chosen.isValid():
            self.table.setItem(row, column, self._color_item(chosen.name()))

    def items(self) -> list[StateItem]:
        """Raises ValueError (Czech) for a share that is not a whole number."""
        result = []
        for row in range(self.table.rowCount()):
            text = self.table.item(row, self.COMPLETION).text().strip().rstrip("%").strip()
            if not text.isdigit():
                raise ValueError(f"Stav {row + 1}: výchozí plnění zadejte jako celé číslo 0–100.")
            result.append(StateItem(self.table.item(row, self.NAME).data(ID_ROLE), self.table.item(row, self.NAME).text(),
                                    int(text), _checked(self.table.item(row, self.ROLLUP)),
                                    _checked(self.table.item(row, self.FINISHED)), self.table.item(row, self.COLOR).text()))
        return result


class CodelistsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Číselníky plánu")
        resize_within_screen(self, 720, 460)
        self.sources = SourcesEditor()
        self.states = StatesEditor()
        self.sources.set_items(db.read(load_source_items))
        self.states.set_items(db.read(load_state_items))
        self._sources, self._states = self.sources.items(), self.states.items()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sources, "Zdroje financování")
        self.tabs.addTab(self.states, "Stavy plnění")
        self.error = error_label()
        buttons = dialog_buttons(self, "Uložit", self.save, QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _show(self, message: str, tab: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        self.tabs.setCurrentWidget(tab)

    def save(self) -> None:
        """Write the lists the clerk changed. With the core's save_codelists both go in one transaction;
        without it the states (the list the core may refuse for a state in use) are written first."""
        try:
            sources, states = self.sources.items(), self.states.items()
        except ValueError as exc:
            self._show(str(exc), self.states)
            return
        changed_sources = sources != self._sources
        changed_states = states != self._states
        try:
            if changed_sources and changed_states and save_codelists is not None:
                self.db.write(save_codelists, sources, states)
            else:
                if changed_states:
                    self.db.write(save_state_items, states)
                if changed_sources:
                    self.db.write(save_source_items, sources)
        except ValidationError as exc:
            source_problem = any(label.startswith("Zdroj") for label, _message in exc.problems)
            self._show("\n".join(f"{label}: {message}" for label, message in exc.problems),
                       self.sources if source_problem else self.states)
            return
        except UserError as exc:
            tell_refused(self, self.windowTitle(), exc)
            return
        self.accept()
