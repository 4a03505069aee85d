"""Pohled Monitoring: the whole year's evaluation in one spreadsheet-like grid.

Every cell is saved the moment it is confirmed (one small transaction through save_grid_cell; a cell
another clerk saved meanwhile is not overwritten without asking, desktop/plan/cell_conflict.py), and the
saved row is read back, so a state's default share of completion or the "behind plan" mark appear at
once. Tab / Shift+Tab move right and left, Enter confirms and moves down, Del empties a cell — as in
Excel. Closing the year (Uzavřít rok) freezes it; Znovu otevřít asks for a reason, which is logged.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QMessageBox, QPushButton, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import ConnectionCancelled, UserError
from db.plan.monitoring import (
    close_round, monitoring_grid, open_round, plan_rounds, reopen_round, round_report, set_round_summary,
)
from desktop.directory.fields import ERROR_COLOR, MUTED_COLOR
from desktop.directory.formatting import czech_datetime
from desktop.plan.cell_conflict import save_cell_asking
from desktop.plan.monitoring_model import GridFilterProxy, MonitoringGridModel
from desktop.widgets.failures import tell_refused
from printing.typography import czech_plural

NOT_EVALUATED = "— nehodnoceno —"


class StateDelegate(QStyledItemDelegate):
    """The state column: a combo that saves as soon as a state is picked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.states: list = []

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItem(NOT_EVALUATED, None)
        for state in self.states:
            combo.addItem(state.name, state.id)
        combo.activated.connect(lambda _i, c=combo: self._picked(c))
        return combo

    def _picked(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData())


class GridView(QTableView):
    """A table that moves like a spreadsheet: Enter confirms and goes down, Del empties the cell."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)

    def _move_down(self) -> None:
        current = self.currentIndex()
        below = current.siblingAtRow(current.row() + 1)
        if below.isValid():
            self.selectionModel().setCurrentIndex(below, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def closeEditor(self, editor, hint) -> None:
        # Enter in an editor arrives as SubmitModelCache: commit, then step down like Excel.
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move_down()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentIndex().isValid():
                index = self.currentIndex()
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.model().setData(index, None)
                return
        super().keyPressEvent(event)


class FrozenGridView(GridView):
    """The grid with its first columns (code and activity) kept in view while it scrolls sideways:
    Qt's "frozen column" pattern — a second view over the left edge sharing model and selection."""

    def __init__(self, frozen: int = 2, parent=None):
        super().__init__(parent)
        self._count = frozen
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(self.verticalScrollMode())
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setWordWrap(False)
        self.frozen.setAlternatingRowColors(True)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def setModel(self, model) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self.sync_frozen)
        model.layoutChanged.connect(self.sync_frozen)
        self.sync_frozen()

    def sync_frozen(self) -> None:
        """Show only the first columns in the overlay, as wide and as tall as the grid's."""
        model = self.model()
        if model is None:
            return
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column >= self._count)
            if column < self._count:
                self.frozen.setColumnWidth(column, self.columnWidth(column))
        self._place_frozen()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column < self._count:
            self.frozen.setColumnWidth(column, new)
            self._place_frozen()

    def _place_frozen(self) -> None:
        width = sum(self.columnWidth(c) for c in range(min(self._count, self.model().columnCount())))
        frame = self.frameWidth()
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(self.verticalHeader().width() + frame, frame, width,
                                self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def moveCursor(self, action, modifiers):
        # Moving left must not leave the current cell hidden under the frozen columns.
        current = super().moveCursor(action, modifiers)
        frozen_width = sum(self.columnWidth(c) for c in range(self._count))
        if (action == QAbstractItemView.CursorAction.MoveLeft and current.column() >= self._count
                and self.visualRect(current).topLeft().x() < frozen_width):
            value = self.horizontalScrollBar().value() + self.visualRect(current).topLeft().x() - frozen_width
            self.horizontalScrollBar().setValue(value)
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if index.column() >= self._count:
            super().scrollTo(index, hint)


class MonitoringPage(QWidget):
    saved = Signal()  # a cell or the round changed: the tree's roll-up is out of date

    def __init__(self, db: Database, year: QComboBox | None = None, parent: QWidget | None = None):
        """`year`: the tab's shared year chooser; without it the page shows its own."""
        super().__init__(parent)
        self.db = db
        self.plan_id: int | None = None
        self.round_id: int | None = None
        self.closed = False
        self._states: list = []
        self._sources: list[tuple[int, str]] = []
        self._stale = False

        self.model = MonitoringGridModel(self)
        self.proxy = GridFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = FrozenGridView()
        self.view.setModel(self.proxy)
        self.state_delegate = StateDelegate(self.view)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.horizontalHeader().setStretchLastSection(True)

        own_year = year is None
        self.year = QComboBox() if own_year else year
        self.year.currentIndexChanged.connect(self._year_changed)
        self.all_sources = QCheckBox("Všechny zdroje financování")
        self.all_sources.setToolTip("Zobrazit sloupce čerpání i pro zdroje, ze kterých plán nic nečerpá")
        self.all_sources.toggled.connect(lambda _on: self.load())
        self.close_button = QPushButton("Uzavřít rok…")
        self.close_button.setToolTip("Zmrazit hodnocení roku: po uzavření je nelze měnit")
        self.reopen_button = QPushButton("Znovu otevřít…")
        self.reopen_button.setToolTip("Otevřít uzavřený rok k opravě; důvod se zapíše do historie")
        self.summary_button = QPushButton("Celkové hodnocení…")
        self.summary_button.setToolTip("Slovní hodnocení celého roku, které se tiskne na začátku vyhodnocení")
        self.summary_button.clicked.connect(self.edit_summary)
        self.close_button.clicked.connect(self.close_year)
        self.reopen_button.clicked.connect(self.reopen_year)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {MUTED_COLOR};")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.hide()

        top = QHBoxLayout()
        if own_year:
            top.addWidget(QLabel("Rok:"))
            top.addWidget(self.year)
        top.addWidget(self.all_sources)
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.summary_button)
        top.addWidget(self.close_button)
        top.addWidget(self.reopen_button)
        self.hint = hint = QLabel("Buňky se ukládají hned po potvrzení. Tab – další sloupec, Enter – další "
                                  "řádek, Del – smazat hodnotu. Indikátor: skutečnost / cíl na rok.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        self.model.cell_edited.connect(self._save_cell)
        self.model.problem.connect(self._show_problem)

    # -- content ----------------------------------------------------------------------------------
    def set_choices(self, states: list, sources: list[tuple[int, str]]) -> None:
        """The states and funding sources offered as now stored; the grid shows them at its next load()."""
        self._states, self._sources = list(states), list(sources)
        self.state_delegate.states = self._states

    def set_plan(self, plan_id: int | None, years: list[int], states: list, sources: list[tuple[int, str]],
                 year: int | None = None) -> None:
        """Show the plan's grid for `year` (default: the latest open year, else the last closed one)."""
        self.plan_id, self._states, self._sources = plan_id, list(states), list(sources)
        self.state_delegate.states = self._states
        rounds = self.db.read(plan_rounds, plan_id) if plan_id is not None else []
        if year is None:
            year = self._default_year(years, rounds)
        self.year.blockSignals(True)
        self.year.clear()
        for value in years:
            self.year.addItem(str(value), value)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.year.blockSignals(False)
        self.load()

    @staticmethod
    def _default_year(years: list[int], rounds: list) -> int | None:
        open_years = [r.year for r in rounds if not r.closed]
        closed_years = [r.year for r in rounds if r.closed]
        if open_years:
            return max(open_years)
        later = [y for y in years if not closed_years or y > max(closed_years)]
        return later[0] if later else (years[-1] if years else None)

    def current_year(self) -> int | None:
        return self.year.currentData()

    def _year_changed(self) -> None:
        self.load()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    def load(self) -> None:
        """Read the year's grid now, or once the page is shown (a hidden page only marks it due)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        year = self.current_year()
        if self.plan_id is None or year is None:
            self.model.set_grid([], [], self._states, True)
            self._update_state(None)
            return
        rows = self.db.read(monitoring_grid, self.plan_id, year)
        found = next((r for r in self.db.read(plan_rounds, self.plan_id) if r.year == year), None)
        self.round_id = found.id if found else None
        self.closed = bool(found and found.closed)
        self.model.set_grid(rows, self._shown_sources(rows), self._states, self.closed)
        metrics = self.view.horizontalHeader().fontMetrics()
        for column, spec in enumerate(self.model.columns):
            # Wide enough for the header's longest line ("MPSV / státní rozpočet"), never below the default.
            title = max((metrics.horizontalAdvance(line) for line in spec.title.split("\n")), default=0)
            self.view.setColumnWidth(column, max(spec.width, title + 20))
            self.view.setItemDelegateForColumn(column, self.state_delegate if spec.kind == "state" else None)
        self.view.sync_frozen()
        self._update_state(found)

    def _shown_sources(self, rows: list) -> list[tuple[int, str]]:
        if self.all_sources.isChecked():
            return self._sources
        used = {s for row in rows for s in (*row.planned, *row.spent)}
        return [(i, name) for i, name in self._sources if i in used] or self._sources[:1]

    def _update_state(self, found) -> None:
        year = self.current_year()
        self._update_counts()
        self.close_button.setVisible(not self.closed)
        self.close_button.setEnabled(bool(self.model.rows))
        self.reopen_button.setVisible(self.closed)
        self.hint.setVisible(not self.closed)
        if found is not None and found.closed:
            self.banner.setText(f"Monitoring za rok {year} je uzavřený ({czech_datetime(found.closed_at)}, "
                                f"{found.closed_by}). Hodnoty nelze měnit; k opravě rok znovu otevřete.")
            self.banner.setStyleSheet("background: #eef3fb; border: 1px solid #b8c7e0; padding: 6px;")
            self.banner.show()
        elif found is not None and any(action == "reopened" for _at, _by, action, _reason in found.log):
            at, by, _action, reason = [e for e in found.log if e[2] == "reopened"][-1]
            self.banner.setText(f"Rok {year} byl znovu otevřen {czech_datetime(at)} ({by}): {reason}")
            self.banner.setStyleSheet("background: #fff4e5; border: 1px solid #e0c08a; padding: 6px;")
            self.banner.show()
        else:
            self.banner.hide()
        self._show_problem("")

    def set_visible_nodes(self, node_ids: set[int] | None) -> None:
        self.proxy.set_node_ids(node_ids)
        self._update_counts()

    def focus_node(self, node_id: int) -> None:
        row = self.model.row_index(node_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, self.model.column_of("state")))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # -- saving -----------------------------------------------------------------------------------
    def _show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _save_cell(self, node_id: int, field: str, value, seen) -> None:
        year = self.current_year()
        try:
            if self.round_id is None:
                self.round_id = self.db.write(open_round, self.plan_id, year)
            save_cell_asking(self, self.db, self.round_id, node_id, field, value, seen,
                             {state.id: state.name for state in self._states})
        except UserError as exc:
            self._show_problem(str(exc))
            if isinstance(exc, ConnectionCancelled):
                return  # the server is away: re-reading the row would only ask her again
        else:
            self.saved.emit()
        for row in self.db.read(monitoring_grid, self.plan_id, year, [node_id]):
            self.model.replace_row(row)
        self._update_counts()

    def _update_counts(self) -> None:
        rows = self.model.rows
        behind = sum(1 for r in rows if r.behind)
        evaluated = sum(1 for r in rows if r.state_id is not None)
        shown = self.proxy.rowCount()
        total = czech_plural(len(rows), "aktivita", "aktivity", "aktivit")
        text = total if shown == len(rows) else f"zobrazeno {shown} z {len(rows)}"
        self.count.setText(f"{text} · hodnoceno {evaluated} · zaostává {behind}" if rows else "")

    def edit_summary(self) -> None:
        """The year's overall verbal evaluation (read-only text for a closed year)."""
        year = self.current_year()
        if self.plan_id is None or year is None:
            return
        current = self.db.read(round_report, self.plan_id, year).summary
        if self.closed:
            QMessageBox.information(self, f"Celkové hodnocení roku {year}",
                                    current or "Celkové hodnocení roku nebylo zapsáno.")
            return
        text, ok = QInputDialog.getMultiLineText(
            self, f"Celkové hodnocení roku {year}",
            "Slovní hodnocení plnění plánu za celý rok (tiskne se na začátku vyhodnocení):", current)
        if not ok or text.strip() == current.strip():
            return
        try:
            if self.round_id is None:
                self.round_id = self.db.write(open_round, self.plan_id, year)
            self.db.write(set_round_summary, self.round_id, text)
        except UserError as exc:
            tell_refused(self, f"Celkové hodnocení roku {year}", exc)

    # -- closing and reopening --------------------------------------------------------------------
    def close_year(self) -> None:
        year = self.current_year()
        if self.plan_id is None or year is None:
            return
        missing = sum(1 for r in self.model.rows if r.state_id is None)
        text = (f"Uzavřít monitoring za rok {year}?\n\nHodnocení se zmrazí tak, jak je teď: pozdější úpravy "
                "plánu je nezmění a hodnoty roku už nepůjde měnit (jen po výslovném znovuotevření, "
                "které se zaznamená).")
        if missing:
            text += "\n\nPozor: " + czech_plural(missing, "aktivita zatím nemá vyplněný stav; uzavře se",
                                                    "aktivity zatím nemají vyplněný stav; uzavřou se",
                                                    "aktivit zatím nemá vyplněný stav; uzavřou se") + " jako „nehodnoceno“."
        answer = QMessageBox.question(self, "Uzavřít rok", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            if self.round_id is None:
                self.round_id = self.db.write(open_round, self.plan_id, year)
            self.db.write(close_round, self.round_id)
        except UserError as exc:
            if not tell_refused(self, "Uzavřít rok", exc):
                return
        self.load()
        self.saved.emit()

    def reopen_year(self) -> None:
        if self.round_id is None:
            return
        year = self.current_year()
        reason, ok = QInputDialog.getMultiLineText(
            self, "Znovu otevřít rok",
            f"Proč se monitoring za rok {year} znovu otevírá? Důvod se zapíše do historie kola.")
        if not ok:
            return
        try:
            self.db.write(reopen_round, self.round_id, None, reason)
        except UserError as exc:
            tell_refused(self, "Znovu otevřít rok", exc)
            return
        self.load()
        self.saved.emit()
