"""What the clerk sees when someone saved the record she is saving (db.versioning.RecordConflict): who
and when, every field where her form and the stored record differ, and her choice per field – hers or
the stored one – with the merge of both preselected (db/conflicts.py).

Every editor uses it the same way (`save_resolving_conflicts`): saving again with what she chose, or
taking the stored record into the form, or going back to her unsaved form.
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field, is_dataclass
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from db.conflicts import Difference, Shape, differences, merge
from db.versioning import RecordConflict

T = TypeVar("T")
CLASH_BRUSH = QBrush(QColor("#fde7c8"))
MAX_SHOWN = 300  # characters of a long text shown in a cell; the whole text is in its tooltip
MAX_NAME_WIDTH = 300  # px of the field column: a long path (a task of an agenda item) wraps instead


@dataclass
class Labels:
    """Czech names for one record type: `fields` by attribute name (any level; "list.attribute", e.g.
    "attendance.state", names the attribute of a part where the same name means something else
    elsewhere), `parts` the noun and the title of a part by list name ("services": ("Služba",
    lambda s: s.name)), `values` how a field's value reads (a code list id → its name) where plain
    formatting would not do, keyed like `fields`."""

    fields: dict[str, str]
    parts: dict[str, tuple[str, Callable[[Any], str]]] = field(default_factory=dict)
    values: dict[str, Callable[[Any], str]] = field(default_factory=dict)

    def path_label(self, difference: Difference) -> str:
        steps = []
        for list_name, part in difference.owners:
            noun, title = self.parts.get(list_name, (list_name, str))
            steps.append(f"{noun} „{title(part) or 'bez názvu'}“")
        last = difference.path[-1]
        if not isinstance(last, str):  # a whole part: the owners already name it
            return " – ".join(steps)
        name = self._key(difference, self.fields)
        return " – ".join([*steps, self.fields.get(name, name)])

    def value_text(self, difference: Difference, value: Any) -> str:
        last = difference.path[-1]
        if not isinstance(last, str):  # a whole part one of them added or deleted
            existed = difference.base is not None
            if value is None:
                return "(smazáno)" if existed else "—"
            return "(zachováno)" if existed else "(přidáno)"
        name = self._key(difference, self.values)
        if name in self.values and value not in (None, "", []):
            return self.values[name](value)
        return plain_text(value)

    @staticmethod
    def _key(difference: Difference, table: dict) -> str:
        """ "attendance.state" when `table` names the attribute within its list, else "state"."""
        last = difference.path[-1]
        if difference.owners and f"{difference.owners[-1][0]}.{last}" in table:
            return f"{difference.owners[-1][0]}.{last}"
        return last


def plain_text(value: Any) -> str:
    """A value as the clerk reads it: „—“ for nothing, ano/ne, Czech dates, list items by commas."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "ano" if value else "ne"
    if isinstance(value, dt.datetime):
        return f"{value.day}. {value.month}. {value.year} {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day}. {value.month}. {value.year}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(plain_text(v) for v in value)
    if is_dataclass(value):
        return "; ".join(plain_text(v) for v in vars(value).values() if v not in (None, "", [], False))
    return str(value)


class ConflictDialog(QDialog):
    """One row per difference with two checkable cells, hers and theirs (exactly one checked).

    After exec(): `choice` is "merge" (save `merged()`), "hers" (save hers over theirs), "theirs"
    (load the stored record into the form) or None (back to the unsaved form)."""

    def __init__(self, conflict: RecordConflict, found: list[Difference], labels: Labels,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Záznam mezitím uložil někdo jiný")
        self.found = found
        self.choice: str | None = None
        who = conflict.changed_by or "jiný pracovník"
        intro = QLabel(
            f"<p><b>{_escape(conflict.headline)}</b></p>"
            "<p>Vaše úpravy zatím nejsou uložené. U každého rozdílu zaškrtněte hodnotu, která má platit. "
            "Předvybrané je sloučení: vaše změny a u ostatních údajů změny uložené. "
            "<span style='background:#fde7c8'>Zvýrazněné</span> řádky změnili oba.</p>")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.table = QTableWidget(len(found), 3)
        self.table.setHorizontalHeaderLabels(["Údaj", "Vaše verze", f"Uloženo ({who})"])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, difference in enumerate(found):
            self._fill_row(row, difference, labels)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), MAX_NAME_WIDTH))
        self.table.resizeRowsToContents()
        self.table.itemChanged.connect(self._keep_one_checked)

        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton("Uložit vybrané", QDialogButtonBox.ButtonRole.AcceptRole)
        self.hers_button = QPushButton("Ponechat vše moje")
        self.theirs_button = QPushButton("Převzít vše uložené")
        buttons.addButton(self.hers_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton("Zpět k úpravám", QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(lambda: self._finish("merge"))
        self.hers_button.clicked.connect(lambda: self._finish("hers"))
        self.theirs_button.clicked.connect(lambda: self._finish("theirs"))
        cancel.clicked.connect(self.reject)
        self.hers_button.setToolTip("Uloží váš formulář celý; změny uložené mezitím se přepíší.")
        self.theirs_button.setToolTip("Zahodí vaše neuložené úpravy a zobrazí uložený záznam.")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, min(600, 200 + 40 * len(found)))

    def _fill_row(self, row: int, difference: Difference, labels: Labels) -> None:
        name = QTableWidgetItem(labels.path_label(difference))
        name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        cells = [name]
        for value, checked in ((difference.hers, not difference.theirs_by_default),
                               (difference.theirs, difference.theirs_by_default)):
            text = labels.value_text(difference, value)
            item = QTableWidgetItem(text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + " …")
            item.setToolTip(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            cells.append(item)
        if difference.clash:
            font = QFont(name.font())
            font.setBold(True)
            name.setFont(font)
            name.setToolTip("Tento údaj jste změnili oba.")
            for item in cells:
                item.setBackground(CLASH_BRUSH)
        for column, item in enumerate(cells):
            self.table.setItem(row, column, item)

    def _keep_one_checked(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            return
        other = self.table.item(item.row(), 3 - item.column())
        if other is None:
            return
        self.table.blockSignals(True)
        other.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                            else Qt.CheckState.Checked)
        self.table.blockSignals(False)

    def take_theirs(self) -> set[tuple]:
        """Paths of the rows where the stored value is checked."""
        return {d.path for row, d in enumerate(self.found)
                if self.table.item(row, 2).checkState() == Qt.CheckState.Checked}

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Outcome:
    """What the editor does next: save `record` ("save"), show the stored `record` ("theirs"), or
    nothing (None: back to her unsaved form)."""

    action: str | None
    record: Any = None


def resolve_conflict(parent: QWidget | None, conflict: RecordConflict, base: Any, hers: Any, shape: Shape,
                     labels: Labels, ask: Callable[[ConflictDialog], None] | None = None) -> Outcome:
    """Ask the clerk how to settle `conflict` for her record `hers` loaded as `base` (None if
    unknown). When they changed nothing she did not already have, her record is saved over theirs
    without asking (nothing of theirs is lost). `ask` replaces exec() in tests."""
    theirs = conflict.theirs
    found = differences(base, hers, theirs, shape)
    if not any(d.changed_by_them for d in found):
        return Outcome("save", merge(hers, theirs, found, set(), shape))
    dialog = ConflictDialog(conflict, found, labels, parent)
    (ask or (lambda d: d.exec()))(dialog)
    if dialog.choice == "merge":
        return Outcome("save", merge(hers, theirs, found, dialog.take_theirs(), shape))
    if dialog.choice == "hers":
        return Outcome("save", merge(hers, theirs, found, set(), shape))
    if dialog.choice == "theirs":
        return Outcome("theirs", theirs)
    return Outcome(None)


def save_resolving_conflicts(parent: QWidget | None, save: Callable[[Any], T], record: Any, base: Any,
                             shape: Shape, labels: Labels) -> tuple[str | None, Any, T | None]:
    """Call `save(record)`; on RecordConflict ask the clerk and save again with her choice, as often
    as someone keeps saving in between. Returns (action, record, result): ("saved", the record saved,
    what save returned), ("theirs", the stored record to show, None) or (None, her record, None)."""
    while True:
        try:
            return "saved", record, save(record)
        except RecordConflict as conflict:
            outcome = resolve_conflict(parent, conflict, base, record, shape, labels)
            if outcome.action is None:
                return None, record, None
            if outcome.action == "theirs":
                return "theirs", outcome.record, None
            record = outcome.record
