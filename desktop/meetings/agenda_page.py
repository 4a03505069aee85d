"""Program jednání: the agenda (drag to reorder) and, for the chosen item, its discussion text,
resolutions with their votes (adopted or not, computed live from the group's rules) and tasks."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from db.meetings.records import AgendaItemRecord, ResolutionRecord, TaskRecord
from desktop.directory.fields import (
    ERROR_COLOR, MUTED_COLOR, DateField, OptionalSpinBox, form_layout, set_combo_data,
)
from desktop.meetings.labels import TASK_STATES

ADOPTED_COLOR = "#1b6e2d"


class ResolutionBox(QFrame):
    """One resolution: its text and the votes pro / proti / zdržel se, with the result computed live."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, record: ResolutionRecord, outcome: Callable[[int, int, int, bool | None], object],
                 chair_decides: bool = False, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.record = record
        self._outcome = outcome
        self.number = QLabel(record.number or "číslo se přidělí při uložení")
        self.number.setStyleSheet(f"color: {MUTED_COLOR};")
        self.text = QPlainTextEdit(record.text)
        self.text.setPlaceholderText("Pracovní skupina … schvaluje / bere na vědomí / ukládá …")
        self.text.setMinimumHeight(54)
        self.text.setMaximumHeight(90)
        self.votes_for, self.votes_against, self.votes_abstained = (OptionalSpinBox(999) for _ in range(3))
        for spin, value in ((self.votes_for, record.votes_for), (self.votes_against, record.votes_against),
                            (self.votes_abstained, record.votes_abstained)):
            spin.set_number(value)
            spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            spin.setMinimumWidth(64)
            spin.valueChanged.connect(self._edited)
        self.text.textChanged.connect(self._edited)
        # Only a group whose rules let the chair decide a tie asks how the chair voted.
        self._chair_decides = chair_decides
        self.chair_vote = QComboBox()
        self.chair_vote.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for text, value in (("—", None), ("pro", True), ("proti", False)):
            self.chair_vote.addItem(text, value)
        set_combo_data(self.chair_vote, record.chair_votes_for)
        self.chair_vote.currentIndexChanged.connect(self._edited)
        self.chair_vote_label = QLabel("při rovnosti hlasů předsedající hlasoval")
        self.result = QLabel()
        self.result.setWordWrap(True)
        remove = QPushButton("Odebrat")
        remove.setToolTip("Odebrat toto usnesení")
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        top = QHBoxLayout()
        top.addWidget(self.number, 1)
        top.addWidget(remove)
        votes = QHBoxLayout()
        for label, spin in (("pro", self.votes_for), ("proti", self.votes_against),
                            ("zdržel se", self.votes_abstained)):
            votes.addWidget(QLabel(label))
            votes.addWidget(spin)
            votes.addSpacing(8)
        votes.addWidget(self.chair_vote_label)
        votes.addWidget(self.chair_vote)
        votes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addLayout(votes)
        layout.addWidget(self.result)
        self.update_result()

    def _edited(self) -> None:
        self.update_result()
        self.changed.emit()

    def collect(self) -> ResolutionRecord:
        return replace(self.record, text=self.text.toPlainText().strip(), votes_for=self.votes_for.number(),
                       votes_against=self.votes_against.number(), votes_abstained=self.votes_abstained.number(),
                       chair_votes_for=self.chair_vote.currentData() if self._tie() else None)

    def _tie(self) -> bool:
        votes_for = self.votes_for.number() or 0
        return self._chair_decides and votes_for > 0 and votes_for == (self.votes_against.number() or 0)

    def update_result(self) -> None:
        tie = self._tie()
        self.chair_vote.setVisible(tie)
        self.chair_vote_label.setVisible(tie)
        votes = (self.votes_for.number(), self.votes_against.number(), self.votes_abstained.number())
        if all(v is None for v in votes):
            self.result.setText("Zadejte počty hlasů.")
            self.result.setStyleSheet(f"color: {MUTED_COLOR};")
            return
        result = self._outcome(*(v or 0 for v in votes), self.chair_vote.currentData() if tie else None)
        text = result.sentence + "".join(f"\n⚠ {w}" for w in result.warnings)
        self.result.setText(text)
        color = ADOPTED_COLOR if result.adopted and not result.warnings else (
            ERROR_COLOR if result.warnings else MUTED_COLOR)
        self.result.setStyleSheet(f"color: {color}; font-weight: bold;")


_TASK_COLUMNS = ("Co je třeba udělat", "Kdo", "Termín", "Stav", "Poznámka")


class TasksTable(QTableWidget):
    """The tasks given under one agenda item: what, who (a person or free text), by when, state, note."""

    changed = Signal()

    def __init__(self, people: list[tuple[int, str]], parent=None):
        super().__init__(0, len(_TASK_COLUMNS), parent)
        self._people = people
        self._records: list[TaskRecord] = []
        self.setHorizontalHeaderLabels(_TASK_COLUMNS)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.setMinimumHeight(120)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 130), (3, 105), (4, 140)):
            self.setColumnWidth(column, width)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_people(self, people: list[tuple[int, str]]) -> None:
        """Whom new rows offer as responsible (rows already there keep their choice)."""
        self._people = people

    def set_tasks(self, tasks: list[TaskRecord]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self._records = []
        for task in tasks:
            self._append(task)
        self.blockSignals(False)

    def add_task(self, due_on: dt.date | None) -> None:
        self._append(TaskRecord(due_on=due_on))
        self.setCurrentCell(self.rowCount() - 1, 0)
        self.editItem(self.item(self.rowCount() - 1, 0))
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.currentRow()
        if 0 <= row < self.rowCount():
            self.removeRow(row)
            del self._records[row]
            self.changed.emit()

    def _append(self, task: TaskRecord) -> None:
        blocked = self.blockSignals(True)  # a half-built row must not be read back
        try:
            self._build_row(task)
        finally:
            self.blockSignals(blocked)

    def _build_row(self, task: TaskRecord) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self._records.append(task)
        self.setItem(row, 0, QTableWidgetItem(task.description))
        who = QComboBox()
        who.setEditable(True)
        who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        who.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        who.addItem("", None)
        for person_id, name in self._people:
            who.addItem(name, person_id)
        if task.responsible_person_id is not None:
            set_combo_data(who, task.responsible_person_id)
        else:
            who.setEditText(task.responsible_text)
        who.lineEdit().setPlaceholderText("osoba nebo organizace")
        who.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.setCellWidget(row, 1, who)
        due = DateField()
        due.set_date(task.due_on)
        due.changed.connect(self.changed)
        self.setCellWidget(row, 2, due)
        state = QComboBox()
        state.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for value, text in TASK_STATES.items():
            state.addItem(text, value)
        set_combo_data(state, task.state)
        state.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.setCellWidget(row, 3, state)
        self.setItem(row, 4, QTableWidgetItem(task.note))
        self.setRowHeight(row, max(self.rowHeight(row), due.sizeHint().height() + 6))

    def collect(self) -> tuple[list[TaskRecord], list[str]]:
        """The tasks as typed, and Czech problems with unreadable due dates."""
        tasks, problems = [], []
        for row, base in enumerate(self._records):
            who: QComboBox = self.cellWidget(row, 1)
            text = who.currentText().strip()
            person_id = who.currentData() if text and text == who.itemText(who.currentIndex()) else None
            try:
                due_on = self.cellWidget(row, 2).date()
            except ValueError as exc:
                problems.append(f"Úkol {row + 1}: {exc}")
                due_on = base.due_on
            tasks.append(replace(
                base, description=(self.item(row, 0).text() if self.item(row, 0) else "").strip(),
                responsible_person_id=person_id, responsible_text="" if person_id is not None else text,
                due_on=due_on, state=self.cellWidget(row, 3).currentData(),
                note=(self.item(row, 4).text() if self.item(row, 4) else "").strip()))
        return tasks, problems


class AgendaPage(QWidget):
    """Holds the agenda items as drafts; `items()` gives them back in the order shown."""

    changed = Signal()

    def __init__(self, people: list[tuple[int, str]], outcome: Callable[[int, int, int, bool | None], object],
                 meeting_day: Callable[[], dt.date | None], chair_decides: bool = False, parent=None):
        super().__init__(parent)
        self._chair_decides = chair_decides
        self._people = people
        self._outcome = outcome
        self._meeting_day = meeting_day
        self._items: dict[int, AgendaItemRecord] = {}
        self._date_problems: dict[int, list[str]] = {}  # unreadable due dates of tasks, per item
        self._serial = 0
        self._current: int | None = None
        self._loading = False

        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(200)
        self.list.model().rowsMoved.connect(self._reordered)
        self.list.currentRowChanged.connect(self._show_row)
        add = QPushButton("Přidat bod")
        self.remove_button = QPushButton("Odebrat bod")
        self.up_button = QPushButton("↑")
        self.down_button = QPushButton("↓")
        self.up_button.setToolTip("Posunout bod výš (lze také přetáhnout myší)")
        self.down_button.setToolTip("Posunout bod níž")
        self.copy_button = QPushButton("Převzít program minulého jednání")
        add.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Pořadí změníte přetažením.")
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        side.addWidget(hint)
        side.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        side.addLayout(buttons)
        side.addWidget(self.copy_button)
        side_widget = QWidget()
        side_widget.setLayout(side)

        self.title = QLineEdit()
        self.presenter = QLineEdit()
        self.presenter.setPlaceholderText("kdo bod uvede")
        self.planned = OptionalSpinBox(600)
        self.planned.setSuffix(" min")
        self.planned.setMaximumWidth(100)
        self.planned.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Průběh projednání – text do zápisu.")
        self.notes.setMinimumHeight(90)
        self.notes.setMaximumHeight(170)
        self.review_note = QLabel("Úkoly z minulých jednání se procházejí na kartě „Kontrola úkolů“.")
        self.review_note.setStyleSheet(f"color: {MUTED_COLOR};")
        self.review_note.setWordWrap(True)
        item_box = QGroupBox("Bod programu")
        form: QFormLayout = form_layout(item_box)
        form.addRow("Název:", self.title)
        form.addRow("Předkládá:", self.presenter)
        form.addRow("Délka:", self.planned)
        form.addRow("Projednání:", self.notes)
        form.addRow("", self.review_note)

        self.resolutions_box = QGroupBox("Usnesení")
        self.resolutions_layout = QVBoxLayout(self.resolutions_box)
        self.add_resolution_button = QPushButton("Přidat usnesení")
        self.add_resolution_button.clicked.connect(lambda: self._add_resolution(ResolutionRecord(), True))
        self.resolutions_layout.addWidget(self.add_resolution_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._resolution_boxes: list[ResolutionBox] = []

        tasks_box = QGroupBox("Úkoly")
        self.tasks = TasksTable(people)
        self.tasks.changed.connect(self._edited)
        add_task = QPushButton("Přidat úkol")
        remove_task = QPushButton("Odebrat úkol")
        add_task.clicked.connect(lambda: self.tasks.add_task(None))
        remove_task.clicked.connect(self.tasks.remove_current)
        task_buttons = QHBoxLayout()
        task_buttons.addWidget(add_task)
        task_buttons.addWidget(remove_task)
        task_buttons.addStretch(1)
        tasks_layout = QVBoxLayout(tasks_box)
        tasks_layout.addWidget(self.tasks)
        tasks_layout.addLayout(task_buttons)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(item_box)
        detail_layout.addWidget(self.resolutions_box)
        detail_layout.addWidget(tasks_box)
        detail_layout.addStretch(1)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_scroll.setWidget(detail)

        splitter = QSplitter()
        splitter.addWidget(side_widget)
        splitter.addWidget(self.detail_scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for widget in (self.title, self.presenter, self.notes):
            widget.textChanged.connect(self._edited)
        self.planned.valueChanged.connect(self._edited)
        self.title.textChanged.connect(self._title_typed)

    # -- content -------------------------------------------------------------------------------
    def set_items(self, items: list[AgendaItemRecord]) -> None:
        self._loading = True
        self._current = None
        self._items = {}
        self._date_problems = {}
        self.list.clear()
        for item in items:
            self._append(item)
        self._loading = False
        self.list.setCurrentRow(0 if items else -1)
        self._show_row(self.list.currentRow())

    def _append(self, record: AgendaItemRecord) -> QListWidgetItem:
        self._serial += 1
        self._items[self._serial] = record
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, self._serial)
        self.list.addItem(item)
        self._label(item)
        return item

    def _label(self, item: QListWidgetItem) -> None:
        record = self._items[item.data(Qt.ItemDataRole.UserRole)]
        row = self.list.row(item)
        item.setText(f"{row + 1}. {record.title or '(bez názvu)'}")

    def _relabel(self) -> None:
        for row in range(self.list.count()):
            self._label(self.list.item(row))

    def items(self) -> tuple[list[AgendaItemRecord], list[str]]:
        self._store()
        serials = [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]
        problems = [f"Bod {row + 1}, {p[0].lower()}{p[1:]}" for row, serial in enumerate(serials)
                    for p in self._date_problems.get(serial, [])]
        return [self._items[serial] for serial in serials], problems

    def _store(self) -> None:
        if self._current is None or self._current not in self._items or self._loading:
            return
        tasks, self._date_problems[self._current] = self.tasks.collect()
        self._items[self._current] = replace(
            self._items[self._current], title=self.title.text().strip(), presenter=self.presenter.text().strip(),
            planned_minutes=self.planned.number(), notes=self.notes.toPlainText().strip(),
            resolutions=[box.collect() for box in self._resolution_boxes], tasks=tasks)

    def _show_row(self, row: int) -> None:
        if self._loading:
            return
        self._store()
        self._loading = True
        try:
            item = self.list.item(row) if row >= 0 else None
            self._current = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            record = self._items.get(self._current, AgendaItemRecord())
            self.detail_scroll.setEnabled(item is not None)
            self.title.setText(record.title)
            self.presenter.setText(record.presenter)
            self.planned.set_number(record.planned_minutes)
            self.notes.setPlainText(record.notes)
            self.review_note.setVisible(record.is_task_review)
            for box in self._resolution_boxes:
                box.deleteLater()
            self._resolution_boxes = []
            for resolution in record.resolutions:
                self._add_resolution(resolution, False)
            self.tasks.set_tasks(record.tasks)
            self.remove_button.setEnabled(item is not None)
        finally:
            self._loading = False

    def _add_resolution(self, record: ResolutionRecord, by_clerk: bool) -> None:
        box = ResolutionBox(record, self._outcome, self._chair_decides)
        box.changed.connect(self._edited)
        box.remove_requested.connect(self._remove_resolution)
        self.resolutions_layout.insertWidget(self.resolutions_layout.count() - 1, box)
        self._resolution_boxes.append(box)
        if by_clerk:
            box.text.setFocus()
            self._edited()

    def _remove_resolution(self, box: ResolutionBox) -> None:
        self._resolution_boxes.remove(box)
        box.deleteLater()
        self._edited()

    def refresh_results(self) -> None:
        """The attendance changed: the quorum, and with it each resolution's result, may differ."""
        for box in self._resolution_boxes:
            box.update_result()

    def _edited(self) -> None:
        if not self._loading:
            self._store()
            self.changed.emit()

    def _title_typed(self, _text: str) -> None:
        if not self._loading and self.list.currentItem() is not None:
            self._store()
            self._label(self.list.currentItem())

    # -- commands ------------------------------------------------------------------------------
    def add_item(self) -> None:
        self._store()
        item = self._append(AgendaItemRecord())
        self.list.setCurrentItem(item)
        self.title.setFocus()
        self.changed.emit()

    def add_records(self, records: list[AgendaItemRecord]) -> None:
        """Append items (the last meeting's agenda), skipping a second task review."""
        self._store()
        has_review = any(r.is_task_review for r in self._items.values())
        for record in records:
            if record.is_task_review and has_review:
                continue
            self._append(record)
        self._relabel()
        self.changed.emit()

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.takeItem(row)
        self._items.pop(item.data(Qt.ItemDataRole.UserRole), None)
        self._current = None
        self._relabel()
        self._show_row(self.list.currentRow())
        self.changed.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self._store()
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self._loading = True
        self.list.setCurrentRow(target)
        self._loading = False
        self._reordered()

    def _reordered(self, *_args) -> None:
        self._relabel()
        self.changed.emit()
