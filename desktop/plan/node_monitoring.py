"""Záložka Monitoring of one activity: its evaluation in a chosen year, the same values as one row of
the Monitoring grid, saved the same way — each value at once when confirmed — and read-only once the
year's round is closed. For a priority or measure it shows the roll-up of the activities below."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractScrollArea, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QScrollArea,
    QSizePolicy, QSpinBox, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError
from db.plan.monitoring import cell_value, monitoring_grid, open_round, plan_rounds
from desktop.directory.fields import ERROR_COLOR, MUTED_COLOR
from desktop.plan.cell_conflict import save_cell_asking
from desktop.plan.formatting import czech_number, parse_number, percent
from desktop.plan.money_grid import SpentModel, money_view
from desktop.plan.text_box import TextBox
from desktop.widgets.choice_lists import refill_combo

Index = QModelIndex | QPersistentModelIndex


class CommitTextEdit(TextBox):
    """A multi-line text that reports when the clerk leaves it (the moment it is saved)."""

    committed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(3, parent)
        self._loaded = ""

    def set_value(self, text: str) -> None:
        self._loaded = text
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        text = self.toPlainText().strip()
        if text != self._loaded.strip():
            self._loaded = text
            self.committed.emit(text)


class ActualsModel(QAbstractTableModel):
    """Indicator | Jednotka | Cíl na rok | Skutečnost (editable)."""

    edited = Signal(int, object)  # indicator id, value
    problem = Signal(str)
    HEADERS = ("Indikátor", "Jednotka", "Cíl na rok", "Skutečnost")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list = []
        self.read_only = True

    def set_items(self, items: list, read_only: bool) -> None:
        self.beginResetModel()
        self.items, self.read_only = list(items), read_only
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (item.name, item.unit, czech_number(item.target), czech_number(item.actual))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 3 and not self.read_only and self.items[index.row()].indicator_id is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 3:
            return False
        item = self.items[index.row()]
        try:
            number = parse_number("" if value is None else str(value))
        except ValueError as exc:
            self.problem.emit(f"{item.name}: {exc}")
            return False
        if number == item.actual:
            return False
        self.edited.emit(item.indicator_id, number)
        return True


class NodeMonitoringPage(QScrollArea):
    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.plan_id: int | None = None
        self.node_id: int | None = None
        self.round_id: int | None = None
        self.closed = False
        self.row = None
        self._loading = False

        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda _i: self.load())
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.state = QComboBox()
        self.completion = QSpinBox()
        self.completion.setRange(-1, 100)
        self.completion.setSpecialValueText("podle stavu")
        self.completion.setSuffix(" %")
        self.completion.setMinimumWidth(170)
        self.evaluation = CommitTextEdit()
        self.reasons = CommitTextEdit()
        self.corrective = CommitTextEdit()
        self.spent_model = SpentModel(self)
        self.spent_view = money_view(self.spent_model)
        self.actuals_model = ActualsModel(self)
        self.actuals_view = QTableView()
        self.actuals_view.setModel(self.actuals_model)
        self.actuals_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.actuals_view.verticalHeader().hide()
        self.actuals_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.actuals_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.actuals_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED_COLOR};")

        form_page = QWidget()
        form = QFormLayout(form_page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        state_row.addWidget(QLabel("Plnění:"))
        state_row.addWidget(self.completion)
        form.addRow("Stav:", state_row)
        form.addRow("Hodnocení:", self.evaluation)
        form.addRow("Důvody neplnění:", self.reasons)
        form.addRow("Nápravné opatření:", self.corrective)
        form.addRow("Čerpáno:", self.spent_view)
        form.addRow("Indikátory:", self.actuals_view)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.summary)

        top = QHBoxLayout()
        top.addWidget(QLabel("Rok:"))
        top.addWidget(self.year)
        top.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.setWidget(body)

        self.state.activated.connect(lambda _i: self._save("state", self.state.currentData()))
        self.completion.editingFinished.connect(self._completion_finished)
        self.evaluation.committed.connect(lambda text: self._save("evaluation", text))
        self.reasons.committed.connect(lambda text: self._save("reasons", text))
        self.corrective.committed.connect(lambda text: self._save("corrective_action", text))
        self.spent_model.problem.connect(self._show_problem)
        self.spent_model.edited.connect(lambda source_id, amount: self._save(f"spent:{source_id}", amount))
        self.actuals_model.edited.connect(lambda indicator_id, value: self._save(f"actual:{indicator_id}", value))
        self.actuals_model.problem.connect(self._show_problem)

    def set_states(self, states: list, sources: list[tuple[int, str]]) -> None:
        """The states and the funding sources offered; the shown state stays chosen."""
        self._sources = sources
        refill_combo(self.state, [(state.id, state.name) for state in states],
                     leading=[("— nehodnoceno —", None)])

    def set_node(self, plan_id: int, tree_row, years: list[int], year: int | None) -> None:
        """Show `tree_row`'s monitoring in `year` (kept when the clerk moves between nodes)."""
        self.plan_id, self.node_id, self.tree_row = plan_id, tree_row.id, tree_row
        current = self.year.currentData() if year is None else year
        self.year.blockSignals(True)
        self.year.clear()
        for value in years:
            self.year.addItem(str(value), value)
        index = self.year.findData(current)
        self.year.setCurrentIndex(index if index >= 0 else self.year.count() - 1)
        self.year.blockSignals(False)
        self.load()

    def load(self) -> None:
        year = self.year.currentData()
        self._show_problem("")
        if self.node_id is None or year is None:
            return
        if not self.tree_row.is_activity:
            self._show_rollup()
            return
        rounds = {r.year: r for r in self.db.read(plan_rounds, self.plan_id)}
        found = rounds.get(year)
        self.round_id = found.id if found else None
        self.closed = bool(found and found.closed)
        rows = self.db.read(monitoring_grid, self.plan_id, year, [self.node_id])
        self.row = rows[0] if rows else None
        self.pages.setCurrentIndex(0)
        self.banner.setVisible(self.closed or self.row is None)
        if self.row is None:
            self.banner.setText(f"Aktivita v roce {year} neprobíhá (podle let realizace) a nebyla v něm hodnocena.")
        else:
            self.banner.setText(f"Monitoring za rok {year} je uzavřený: hodnoty nelze měnit. K opravě rok znovu "
                                "otevřete v pohledu Monitoring.")
        self.banner.setStyleSheet("background: #eef3fb; border: 1px solid #b8c7e0; padding: 6px;")
        self._fill()
        self.note.setText("Hodnoty se ukládají hned po potvrzení (stejně jako v pohledu Monitoring), "
                          "nezávisle na tlačítku Uložit.")

    def _fill(self) -> None:
        row = self.row
        editable = row is not None and not self.closed
        self._loading = True
        try:
            self.state.setCurrentIndex(max(self.state.findData(row.state_id if row else None), 0))
            self.completion.setValue(row.completion if row and row.completion is not None else -1)
            if row and row.completion is None and row.effective_completion is not None:
                self.completion.setSpecialValueText(f"podle stavu ({percent(row.effective_completion)})")
            else:
                self.completion.setSpecialValueText("podle stavu")
            self.evaluation.set_value(row.evaluation if row else "")
            self.reasons.set_value(row.reasons if row else "")
            self.corrective.set_value(row.corrective_action if row else "")
            self.spent_model.set_values(self._sources, row.planned if row else {}, row.spent if row else {},
                                        not editable)
            self.actuals_model.set_items(row.indicators if row else [], not editable)
        finally:
            self._loading = False
        for widget in (self.state, self.completion):
            widget.setEnabled(editable)
        for edit in (self.evaluation, self.reasons, self.corrective):
            edit.setReadOnly(not editable)

    def _show_rollup(self) -> None:
        row = self.tree_row
        counts = ", ".join(f"{name}: {count}" for name, count in row.state_counts.items()) or "žádné aktivity"
        completion = percent(row.completion) or "zatím nehodnoceno"
        self.summary.setText(f"<p><b>{row.level_name} {row.code}</b> se hodnotí podle aktivit pod ní.</p>"
                             f"<p>Plnění (souhrn aktivit): <b>{completion}</b><br>Aktivity podle stavu: {counts}</p>")
        self.pages.setCurrentIndex(1)
        self.banner.hide()
        self.note.setText("")

    # -- saving -----------------------------------------------------------------------------------
    def _show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _completion_finished(self) -> None:
        if self._loading or self.row is None:
            return
        value = None if self.completion.value() < 0 else self.completion.value()
        if value != self.row.completion:
            self._save("completion", value)

    def _save(self, field: str, value) -> None:
        if self._loading or self.row is None or self.closed:
            return
        year = self.year.currentData()
        try:
            if self.round_id is None:
                self.round_id = self.db.write(open_round, self.plan_id, year)
            save_cell_asking(self, self.db, self.round_id, self.node_id, field, value, cell_value(self.row, field),
                             {self.state.itemData(i): self.state.itemText(i) for i in range(1, self.state.count())})
        except UserError as exc:
            self._show_problem(str(exc))
            return
        rows = self.db.read(monitoring_grid, self.plan_id, year, [self.node_id])
        self.row = rows[0] if rows else None
        self._fill()
        self._show_problem("")
        self.saved.emit()
