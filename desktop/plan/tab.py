"""Záložka Střednědobý plán: the plan chooser on top, then three views of the chosen plan —
Struktura (the tree with the node editor), Monitoring (the year's grid) and Souhrn (funding).

The filters and the year of evaluation apply to the tree and the grid alike. Every change goes
through the core (db.plan) with Database.read/write; the tree is read again after each change so the
codes and roll-ups shown are always the core's.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QMenu, QMenuBar,
    QMessageBox, QSplitter, QStackedWidget, QToolBar, QToolButton, QTreeView, QVBoxLayout,
    QWidget,
)

from db.collation import fold
from db.database import Database
from db.errors import UserError, ValidationError
from db.plan.next_period import create_next_plan
from db.plan.queries import funding_summary, list_plans, plan_tree, visible_nodes
from db.plan.records import delete_plan, load_node, load_plan
from db.plan.tree import add_node, delete_node
from db.plan.tree import move_node as core_move_node
from desktop.directory.fields import MUTED_COLOR
from desktop.plan import exchange_dialogs
from desktop.plan.choices import PlanChoices, read_choices, refresh_choices
from desktop.plan.codelists_dialog import CodelistsDialog
from desktop.plan.document_dialog import DocumentDialog
from desktop.plan.documents import ACTION_PLAN, KINDS, REPORT, UNAVAILABLE, DocumentKind, find_builder
from desktop.plan.filter_bar import PlanFilterBar
from desktop.plan.formatting import years_text
from desktop.plan.monitoring_page import MonitoringPage
from desktop.plan.node_editor import NodeEditor
from desktop.plan.plan_dialog import NextPlanDialog, PlanDialog
from desktop.plan.summary_page import SummaryPage
from desktop.plan.tree_model import COMPLETION, TITLE, PlanTreeModel, TreeFilterProxy
from desktop.widgets.base_tab import BaseTab
from desktop.widgets.changed_notice import follow_stored
from desktop.widgets.empty_state import EmptyStatePage
from desktop.widgets.failures import tell_refused
from desktop.widgets.unsaved_changes import ask_unsaved_changes, settle_unsaved
from printing.typography import czech_plural

STRUCTURE, MONITORING, SUMMARY = 0, 1, 2
VIEW_TITLES = {STRUCTURE: "Struktura plánu", MONITORING: "Monitoring roku", SUMMARY: "Souhrn financování"}
_STATE_KEYS = {"splitter": "plan/splitter", "plan": "plan/current", "view": "plan/view"}


class PlanTab(BaseTab):
    title = "Střednědobý plán"

    def __init__(self, db: Database, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.settings = settings if settings is not None else QSettings()
        self.plan_id: int | None = None
        self.plan = None  # PlanRecord of the chosen plan
        self.choices = PlanChoices()
        self._plans: list = []
        self._syncing = False
        self._menu: QMenu | None = None

        self.plan_combo = QComboBox()
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.setMinimumContentsLength(28)
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.year = QComboBox()
        self.year.setMinimumContentsLength(5)

        self.tree_model = PlanTreeModel(self)
        self.tree_proxy = TreeFilterProxy(self)
        self.tree_proxy.setSourceModel(self.tree_model)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)  # four levels deep must leave room for the titles
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(COMPLETION, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(COMPLETION, 64)
        self.tree_count = QLabel()
        self.tree_count.setStyleSheet(f"color: {MUTED_COLOR};")
        self.tree_count.setWordWrap(True)

        self.node_editor = NodeEditor(db)
        self.monitoring = MonitoringPage(db, self.year)
        self.summary = SummaryPage()
        self.filter_bar = PlanFilterBar(self.year)

        tree_pane = QWidget()
        tree_layout = QVBoxLayout(tree_pane)
        tree_layout.setContentsMargins(0, 0, 6, 0)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addWidget(self.tree_count)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(tree_pane)
        self.splitter.addWidget(self.node_editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        self._create_actions()
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self._fill_toolbar()
        self.views = QStackedWidget()
        self.views.addWidget(self.splitter)
        self.views.addWidget(self.monitoring)
        self.views.addWidget(self.summary)
        self.empty_state = EmptyStatePage(
            "Zatím tu není žádný střednědobý plán",
            "Založte plán na jeho období (obvykle 3–5 let) a do stromu doplňte priority, opatření "
            "a aktivity, nebo plán načtěte z tabulky Excel.", [self.new_plan_action, self.import_action])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_state)
        plan_page = QWidget()
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        plan_layout.addWidget(self.filter_bar)
        plan_layout.addWidget(self.views, 1)
        self.pages.addWidget(plan_page)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Plán:"))
        chooser.addWidget(self.plan_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(chooser)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)

        self._state_timer = QTimer(self)
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(400)
        self._state_timer.timeout.connect(self._save_view_state)
        self._connect()
        self.reload()
        self._restore_view_state()

    # -- actions ------------------------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.new_plan_action = self._action("Nový plán…", self.new_plan, tip="Založit nový střednědobý plán")
        self.edit_plan_action = self._action("Údaje plánu…", self.edit_plan,
                                             tip="Název, období, stav, schválení, vize, úvod a názvy úrovní")
        self.next_plan_action = self._action("Vytvořit další plán z tohoto…", self.create_next,
                                             tip="Nový plán na další období s převzatou strukturou a nedokončenými aktivitami")
        self.new_sibling_action = self._action("Nová položka", self.new_sibling, QKeySequence.StandardKey.New,
                                               "Nová položka na stejné úrovni za vybranou (Ctrl+N)")
        self.new_child_action = self._action("Nová podřízená", self.new_child, "Ctrl+Shift+N",
                                             "Nová položka pod vybranou – např. aktivita pod opatřením (Ctrl+Shift+N)")
        self.delete_action = self._action("Smazat…", self.delete_selected, tip="Smazat vybranou položku (Del)")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Del stays the text-editing key in the editor: it deletes a node only while the tree has the focus.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.tree.addAction(self.delete_action)
        self.save_action = self._action("Uložit", self.save, QKeySequence.StandardKey.Save)
        self.find_action = self._action("Najít", self.focus_search, QKeySequence.StandardKey.Find,
                                        "Hledat položku plánu podle kódu nebo názvu (Ctrl+F)")
        self.view_actions = QActionGroup(self)
        self.view_actions.setExclusive(True)
        for view, shortcut in ((STRUCTURE, "Ctrl+1"), (MONITORING, "Ctrl+2"), (SUMMARY, "Ctrl+3")):
            action = self._action(VIEW_TITLES[view], lambda _c=False, v=view: self.show_view(v), shortcut,
                                  f"{VIEW_TITLES[view]} ({shortcut})")
            action.setCheckable(True)
            action.setData(view)
            self.view_actions.addAction(action)
        self.view_actions.actions()[0].setChecked(True)
        self.document_actions: dict[str, QAction] = {}
        for kind in KINDS:
            action = self._action(kind.menu_text, lambda _c=False, k=kind: self.open_document(k))
            self.document_actions[kind.key] = action
        self.document_actions[REPORT.key].setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.document_actions[REPORT.key].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.document_actions[REPORT.key])
        self.export_action = self._action("Export do Excelu…", self.export_xlsx,
                                          tip="Uložit plán do tabulky Excel (strom, financování, indikátory, monitoring)")
        self.import_action = self._action("Import z Excelu…", self.import_xlsx,
                                          tip="Načíst plán nebo vyplněný monitoring z tabulky Excel, s náhledem změn")
        self.delete_plan_action = self._action("Smazat plán…", self.delete_plan,
                                               tip="Smazat celý plán se stromem a monitoringem (po záloze)")
        self.codelists_action = self._action("Číselníky plánu…", self.edit_codelists,
                                             tip="Zdroje financování a stavy plnění (názvy, pořadí, barvy)")

    def _menu_button(self, text: str, actions: list[QAction]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.addActions(actions)
        menu.setToolTipsVisible(True)
        button.setMenu(menu)
        return button

    def _fill_toolbar(self) -> None:
        bar = self.toolbar
        bar.addAction(self.new_plan_action)
        bar.addAction(self.edit_plan_action)
        bar.addSeparator()
        bar.addActions(self.view_actions.actions())
        bar.addSeparator()
        bar.addAction(self.new_sibling_action)
        bar.addAction(self.new_child_action)
        bar.addAction(self.delete_action)
        bar.addSeparator()
        self.documents_button = self._menu_button("Dokumenty", list(self.document_actions.values()))
        bar.addWidget(self.documents_button)
        self.excel_button = self._menu_button("Excel", [self.export_action, self.import_action])
        bar.addWidget(self.excel_button)
        self.more_button = self._menu_button("Další", [self.next_plan_action, self.codelists_action,
                                                        self.delete_plan_action])
        bar.addWidget(self.more_button)

    def contribute_menus(self, menubar: QMenuBar) -> None:
        self._menu = menubar.addMenu("P&lán")
        self._menu.setToolTipsVisible(True)
        self._menu.addActions([self.new_plan_action, self.edit_plan_action, self.next_plan_action,
                               self.codelists_action, self.delete_plan_action])
        self._menu.addSeparator()
        self._menu.addActions(self.view_actions.actions())
        self._menu.addSeparator()
        self._menu.addActions([self.new_sibling_action, self.new_child_action, self.save_action, self.find_action,
                               self.delete_action])
        self._menu.addSeparator()
        self._menu.addActions(list(self.document_actions.values()))
        self._menu.addSeparator()
        self._menu.addActions([self.export_action, self.import_action])

    def _show_tree_menu(self, pos) -> None:
        menu = QMenu(self.tree)
        menu.addActions([self.new_sibling_action, self.new_child_action, self.delete_action])
        menu.addSeparator()
        menu.addAction("Rozbalit vše", self.tree.expandAll)
        menu.addAction("Sbalit na priority", self.tree.collapseAll)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _connect(self) -> None:
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_tree_menu)
        self.tree.selectionModel().currentChanged.connect(self._node_chosen)
        self.tree_model.move_requested.connect(
            lambda node_id, parent_id, position: QTimer.singleShot(0, lambda: self.move_node(node_id, parent_id, position)))
        self.node_editor.saved.connect(self._node_saved)
        self.node_editor.dirty_changed.connect(lambda _dirty: self._update_state())
        self.node_editor.monitoring_saved.connect(self._reload_tree)
        self.monitoring.saved.connect(self._reload_tree_later)
        self.filter_bar.changed.connect(self._apply_filter)
        self.year.currentIndexChanged.connect(self._year_changed)
        self.splitter.splitterMoved.connect(self._state_timer.start)

    # -- plans --------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list of plans, the lists offered and the chosen plan again (after an import or restore)."""
        self.choices = read_choices(self.db)
        self.node_editor.set_context(self.choices, self._years())
        self.filter_bar.set_choices(self.choices)
        self._fill_plans(self.plan_id)

    def refresh_changed(self, areas: frozenset[str]) -> None:
        """Another clerk saved: the plans, the tree (expanded branches, selection, scroll) and the
        shown overview are read again; the node editor follows quietly unless it has unsaved edits
        (then a notice). The lists offered (target groups, working groups, providers, services, states,
        funding sources) are renewed from the areas that changed, keeping what the clerk chose or
        typed in the editor and the filters."""
        if not areas & {"plan", "codelists", "directory", "meetings", "settings"}:
            return
        self.choices = refresh_choices(self.db, self.choices, areas)
        self.node_editor.set_context(self.choices, self._years())
        self.filter_bar.set_choices(self.choices)
        self.monitoring.set_choices(self.choices.states, self.choices.sources)
        self._plans = self.db.read(list_plans)
        if self.plan_id is not None and all(p.id != self.plan_id for p in self._plans):
            if not self.node_editor.is_dirty():
                self._fill_plans(None)  # the plan was deleted meanwhile
            return
        self._refill_plan_combo()
        if self.plan_id is not None:
            self.plan = self.db.read(load_plan, self.plan_id)
        scrolled = self.tree.verticalScrollBar().value()
        self._reload_tree()
        self.tree.verticalScrollBar().setValue(scrolled)
        self._refresh_open_node()
        if self.views.currentIndex() == SUMMARY:
            self._load_summary()
        elif self.views.currentIndex() == MONITORING and self.monitoring.view.state() != QAbstractItemView.State.EditingState:
            self.monitoring.load()
        self._update_state()

    def _refill_plan_combo(self) -> None:
        self._syncing = True
        try:
            self.plan_combo.clear()
            for plan in self._plans:
                self.plan_combo.addItem(f"{plan.period}  {plan.name} ({plan.state_label})", plan.id)
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(self.plan_id))
        finally:
            self._syncing = False

    def _refresh_open_node(self) -> None:
        node_id, editor = self.node_editor.node_id, self.node_editor
        if node_id is not None:
            follow_stored(editor.notice, editor.loaded_version(), lambda: self.db.read(load_node, node_id),
                          is_dirty=editor.is_dirty, close=editor.clear,
                          show_quietly=lambda stored: editor.show_stored_quietly(stored, self.tree_model.row_of(node_id)))

    def set_database(self, db: Database) -> None:
        self.db = db
        self.node_editor.db = db
        self.node_editor.monitoring.db = db
        self.monitoring.db = db
        self.node_editor.clear()
        self.plan_id = None
        self.reload()

    def _fill_plans(self, plan_id: int | None) -> None:
        self._plans = self.db.read(list_plans)
        self._syncing = True
        try:
            self.plan_combo.clear()
            for plan in self._plans:
                self.plan_combo.addItem(f"{plan.period}  {plan.name} ({plan.state_label})", plan.id)
            index = self.plan_combo.findData(plan_id)
            self.plan_combo.setCurrentIndex(index if index >= 0 else (0 if self._plans else -1))
        finally:
            self._syncing = False
        self._open_plan(self.plan_combo.currentData())

    def _plan_chosen(self, _index: int) -> None:
        if self._syncing:
            return
        wanted = self.plan_combo.currentData()
        if wanted == self.plan_id:
            return
        if not self.confirm_leave_record():
            self._syncing = True
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(self.plan_id))
            self._syncing = False
            return
        self._open_plan(wanted)
        self._state_timer.start()

    def _years(self) -> list[int]:
        return list(range(self.plan.year_from, self.plan.year_to + 1)) if self.plan is not None else []

    def _open_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.plan = self.db.read(load_plan, plan_id) if plan_id is not None else None
        self.node_editor.clear()
        self.node_editor.set_context(self.choices, self._years())
        self.pages.setCurrentIndex(1 if plan_id is not None else 0)
        self.year.blockSignals(True)
        self.monitoring.set_plan(plan_id, self._years(), self.choices.states, self.choices.sources)
        self.year.blockSignals(False)
        self._reload_tree()
        if self.views.currentIndex() == SUMMARY:
            self._load_summary()
        self._update_state()

    def new_plan(self) -> None:
        if not self._bring_to_front() or not self.confirm_leave_record():
            return
        dialog = PlanDialog(self.db, None, self)
        if dialog.exec():
            self._fill_plans(dialog.plan_id)

    def edit_plan(self) -> None:
        if self.plan is None or not self._bring_to_front() or not self.confirm_leave_record():
            return
        dialog = PlanDialog(self.db, self.db.read(load_plan, self.plan_id), self)
        if dialog.exec():
            self._fill_plans(self.plan_id)

    def create_next(self) -> None:
        if self.plan is None or not self._bring_to_front() or not self.confirm_leave_record():
            return
        dialog = NextPlanDialog(self.plan, self)
        while dialog.exec():
            name, year_from, year_to = dialog.values()
            try:
                new_id = self.db.write(create_next_plan, self.plan_id, year_from, year_to, name)
            except ValidationError as exc:
                QMessageBox.warning(self, "Vytvořit další plán", "\n".join(m for _label, m in exc.problems))
                continue
            except UserError as exc:
                tell_refused(self, "Vytvořit další plán", exc)
                return
            self._fill_plans(new_id)
            QMessageBox.information(self, "Vytvořit další plán",
                                    f"Plán „{name}“ byl vytvořen. Převzaté nedokončené aktivity jsou ve stromu "
                                    "označeny a v popisu mají odkaz na původní položku.")
            return

    def delete_plan(self) -> None:
        """Smazat plán…: after a confirmation naming what goes with it and an automatic backup."""
        if self.plan is None or not self._bring_to_front() or not self.confirm_leave_record():
            return
        summary = next((p for p in self._plans if p.id == self.plan_id), None)
        activities = summary.activities if summary is not None else 0
        box = QMessageBox(QMessageBox.Icon.Warning, "Smazat plán",
                          f"Smazat plán „{self.plan.name}“ ({years_text(self.plan.year_from, self.plan.year_to)})?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(
            "Smaže se celý strom plánu (" + czech_plural(activities, "aktivita", "aktivity", "aktivit")
            + "), jeho financování, indikátory i všechny roky monitoringu, včetně uzavřených. Plán vytvořený "
            "z tohoto plánu zůstane, jen ztratí odkaz na něj. Před smazáním se databáze automaticky zazálohuje.")
        box.button(QMessageBox.StandardButton.Yes).setText("Smazat plán")
        box.button(QMessageBox.StandardButton.Cancel).setText("Zpět")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            self.db.auto_backup("pred-smazanim-planu")
            self.db.write(delete_plan, self.plan_id)
        except UserError as exc:
            tell_refused(self, "Smazat plán", exc)
            return
        self.plan_id = None
        self._fill_plans(None)

    # -- the tree -------------------------------------------------------------------------------------
    def _reload_tree_later(self) -> None:
        # A grid edit changes one activity; the tree's roll-ups follow once the clerk is done typing.
        if not hasattr(self, "_tree_timer"):
            self._tree_timer = QTimer(self)
            self._tree_timer.setSingleShot(True)
            self._tree_timer.setInterval(300)
            self._tree_timer.timeout.connect(self._reload_tree)
        self._tree_timer.start()

    def _reload_tree(self) -> None:
        node_id = self.current_node_id()
        expanded = self._expanded_ids()
        first_load = not self.tree_model.rows()
        rows = self.db.read(plan_tree, self.plan_id, self.year.currentData()) if self.plan_id is not None else []
        self._syncing = True
        try:
            self.tree_model.set_rows(rows)
            self._apply_filter(select=False)
            if first_load or not expanded:
                self._expand_default()
            else:
                self._restore_expanded(expanded)
            self._select_node(node_id if node_id is not None else self.node_editor.node_id)
        finally:
            self._syncing = False
        if self.node_editor.is_open() and self.node_editor.node_id is not None:
            row = self.tree_model.row_of(self.node_editor.node_id)
            if row is not None:
                self.node_editor.refresh_tree_row(row)
        self._update_count()

    def _expanded_ids(self) -> set[int]:
        found = set()
        for row in self.tree_model.rows():
            index = self.tree_proxy.mapFromSource(self.tree_model.index_of(row.id))
            if index.isValid() and self.tree.isExpanded(index):
                found.add(row.id)
        return found

    def _restore_expanded(self, ids: set[int]) -> None:
        for node_id in ids:
            index = self.tree_proxy.mapFromSource(self.tree_model.index_of(node_id))
            if index.isValid():
                self.tree.setExpanded(index, True)

    def _expand_default(self) -> None:
        """Priorities and measures open, so the activities show; deeper levels too when filtering."""
        self.tree.expandAll() if self.tree_proxy.is_filtering() else self.tree.expandToDepth(1)

    def _search_matches(self, rows: list) -> set[int]:
        """Nodes whose code starts with, or whose title contains, the searched text (any case and
        accents), with everything below them: a found measure shows its activities."""
        needle = self.filter_bar.search_text()
        folded = fold(needle)
        found = {r.id for r in rows if r.code.startswith(needle) or folded in fold(r.title)}
        for node_id in list(found):
            found |= self.tree_model.descendant_ids(node_id)
        return found

    def _apply_filter(self, select: bool = True) -> None:
        rows = self.tree_model.rows()
        tree_filter = self.filter_bar.current_filter()
        keep = visible_nodes(rows, tree_filter) if tree_filter.active else None
        if self.filter_bar.search_text():
            found = self._search_matches(rows)
            keep = found if keep is None else keep & found
        if keep is not None:
            # The proxy adds the ancestors of what it keeps, so the tree still reads as a tree.
            self.tree_proxy.set_predicate(lambda row: row.id in keep)
            self.monitoring.set_visible_nodes(keep)
            self.tree.expandAll()
        else:
            self.tree_proxy.set_predicate(None)
            self.monitoring.set_visible_nodes(None)
        # Dragging in a filtered tree would drop between rows the clerk cannot see.
        self.tree_model.drag_enabled = keep is None
        self.tree.setDragEnabled(keep is None)
        if select:
            self._select_node(self.node_editor.node_id)
        self._update_count()

    def _update_count(self) -> None:
        rows = self.tree_model.rows()
        activities = [r for r in rows if r.is_activity]
        if not rows:
            self.tree_count.setText("Plán je zatím prázdný: založte první prioritu (Ctrl+N)." if self.plan_id else "")
            return
        behind = sum(1 for r in activities if r.behind)
        text = czech_plural(len(activities), "aktivita", "aktivity", "aktivit")
        text += f", z toho {behind} zaostává" if behind else ""
        if self.tree_proxy.is_filtering():
            shown = sum(1 for r in activities if self.tree_proxy.mapFromSource(self.tree_model.index_of(r.id)).isValid())
            text = f"Filtr: zobrazeno {shown} z {len(activities)}"
        self.tree_count.setText(text)

    def current_node_id(self) -> int | None:
        index = self.tree.currentIndex()
        return self.tree_model.node_id(self.tree_proxy.mapToSource(index)) if index.isValid() else None

    def _select_node(self, node_id: int | None) -> None:
        index = self.tree_proxy.mapFromSource(self.tree_model.index_of(node_id)) if node_id is not None else QModelIndex()
        was = self._syncing
        self._syncing = True
        try:
            if not index.isValid():
                self.tree.selectionModel().clear()
                return
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)
        finally:
            self._syncing = was

    def _node_chosen(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing:
            return
        node_id = self.tree_model.node_id(self.tree_proxy.mapToSource(current)) if current.isValid() else None
        if node_id is None or node_id == self.node_editor.node_id:
            self._update_state()
            return
        if not self.confirm_leave_record():
            previous_id = self.tree_model.node_id(self.tree_proxy.mapToSource(previous)) if previous.isValid() else None
            QTimer.singleShot(0, lambda: self._select_node(previous_id))
            return
        self.open_node(node_id)

    def open_node(self, node_id: int) -> None:
        try:
            self.node_editor.open_node(node_id, self.tree_model.row_of(node_id), self.year.currentData())
        except UserError as exc:  # deleted meanwhile by another clerk
            if tell_refused(self, self.title, exc):
                self._reload_tree()
            return
        self._select_node(node_id)
        self._update_state()

    def _node_saved(self, node_id: int) -> None:
        self._reload_tree()
        self._select_node(node_id)
        self._update_state()

    def _year_changed(self) -> None:
        self._reload_tree()
        if self.node_editor.is_open() and self.node_editor.node_id is not None:
            self.node_editor.monitoring.set_node(self.plan_id, self.tree_model.row_of(self.node_editor.node_id),
                                            self._years(), self.year.currentData())

    # -- commands on nodes ----------------------------------------------------------------------------
    def _level_name(self, level: int) -> str:
        names = self.plan.level_names if self.plan is not None else []
        return names[level - 1] if 0 < level <= len(names) else "Položka"

    def new_sibling(self) -> None:
        """Ctrl+N: a node on the level of the chosen one, right after it (a priority when none is chosen)."""
        if not self._ready_to_edit():
            return
        current = self.tree_model.row_of(self.current_node_id())
        if current is None:
            self._add(None, None, 1)
            return
        siblings = self.tree_model.child_ids(current.parent_id)
        self._add(current.parent_id, siblings.index(current.id) + 1, current.level)

    def new_child(self) -> None:
        """Ctrl+Shift+N: a node under the chosen one, as its last child."""
        if not self._ready_to_edit():
            return
        current = self.tree_model.row_of(self.current_node_id())
        if current is None:
            QMessageBox.information(self, "Nová podřízená položka",
                                    "Nejprve ve stromu vyberte položku, pod kterou novou položku vkládáte.")
            return
        if current.level >= len(self.plan.level_names):
            QMessageBox.information(self, "Nová podřízená položka",
                                    f"Pod úroveň „{current.level_name}“ už plán další úroveň nemá. Čtvrtou úroveň "
                                    "(např. Akce) lze doplnit v údajích plánu (Názvy úrovní).")
            return
        self._add(current.id, None, current.level + 1)

    def _ready_to_edit(self) -> bool:
        if self.plan_id is None:
            QMessageBox.information(self, self.title, "Nejprve založte plán (Nový plán…).")
            return False
        if not self._bring_to_front() or not self.confirm_leave_record():
            return False
        if self.views.currentIndex() != STRUCTURE:
            self.show_view(STRUCTURE)
        return True

    def _add(self, parent_id: int | None, position: int | None, level: int) -> None:
        level_name = self._level_name(level)
        parent = self.tree_model.row_of(parent_id)
        where = f" pod {parent.level_name.lower()} {parent.code}" if parent is not None else ""
        title, ok = QInputDialog.getText(self, f"Nová položka – {level_name}", f"Název ({level_name.lower()}{where}):")
        if not ok:
            return
        try:
            node_id = self.db.write(add_node, self.plan_id, parent_id, position, title)
        except UserError as exc:
            tell_refused(self, f"Nová položka – {level_name}", exc)
            return
        self._reload_tree()
        parent_index = self.tree_proxy.mapFromSource(self.tree_model.index_of(parent_id))
        if parent_index.isValid():
            self.tree.expand(parent_index)
        self.open_node(node_id)
        self.node_editor.tabs.setCurrentIndex(0)
        self.node_editor.description.description.setFocus()

    def move_node(self, node_id: int, parent_id: int | None, position: int) -> bool:
        """Move a node (a drop in the tree); the core renumbers. Returns False when refused."""
        try:
            self.db.write(core_move_node, node_id, parent_id, position)
        except UserError as exc:
            tell_refused(self, "Přesunout položku", exc)
            return False
        self._reload_tree()
        self._select_node(self.node_editor.node_id)
        if self.node_editor.is_open() and not self.node_editor.is_dirty() and self.node_editor.node_id is not None:
            self.node_editor.open_node(self.node_editor.node_id, self.tree_model.row_of(self.node_editor.node_id))
        parent_index = self.tree_proxy.mapFromSource(self.tree_model.index_of(parent_id))
        if parent_index.isValid():
            self.tree.expand(parent_index)
        return True

    def delete_selected(self) -> None:
        if not self._bring_to_front():
            return
        row = self.tree_model.row_of(self.current_node_id())
        if row is None:
            QMessageBox.information(self, "Smazat", "Vyberte ve stromu položku, kterou chcete smazat.")
            return
        below = len(self.tree_model.descendant_ids(row.id))
        text = f"Smazat {row.level_name.lower()} {row.code} „{row.title}“?"
        detail = (f"Spolu s ní se smaže i {below} podřízených položek. " if below > 4 else
                  f"Spolu s ní se smažou i {below} podřízené položky. " if below > 1 else
                  "Spolu s ní se smaže i 1 podřízená položka. " if below == 1 else "")
        detail += ("Kódy následujících položek se přečíslují. Uzavřené roky monitoringu si své hodnocení "
                   "ponechají. Smazání nelze vrátit.")
        box = QMessageBox(QMessageBox.Icon.Warning, "Smazat položku plánu", text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(detail)
        box.button(QMessageBox.StandardButton.Yes).setText("Smazat")
        box.button(QMessageBox.StandardButton.Cancel).setText("Zpět")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        open_inside = self.node_editor.node_id is not None and (
            self.node_editor.node_id == row.id or self.node_editor.node_id in self.tree_model.descendant_ids(row.id))
        try:
            self.db.write(delete_node, row.id)
        except UserError as exc:
            tell_refused(self, "Smazat položku plánu", exc)
            return
        if open_inside:
            self.node_editor.clear()
        self._reload_tree()
        self._update_state()

    def save(self) -> None:
        if self._bring_to_front():
            self.node_editor.save()

    def focus_search(self) -> None:
        if self._bring_to_front() and self.plan_id is not None:
            if self.views.currentIndex() == SUMMARY:
                self.show_view(STRUCTURE)
            self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.filter_bar.search.selectAll()

    # -- views ---------------------------------------------------------------------------------------
    def show_view(self, view: int) -> None:
        if view != STRUCTURE and view != self.views.currentIndex() and not self.confirm_leave_record():
            view = STRUCTURE
        self.views.setCurrentIndex(view)
        self.filter_bar.setVisible(view != SUMMARY)  # the summary covers the whole plan, every year
        for action in self.view_actions.actions():
            action.setChecked(action.data() == view)
        if view == SUMMARY:
            self._load_summary()
        if view == MONITORING and self.node_editor.node_id is not None:
            self.monitoring.focus_node(self.node_editor.node_id)
        if view == STRUCTURE:
            self._reload_tree()
        self._update_state()
        self._state_timer.start()

    def _load_summary(self) -> None:
        if self.plan_id is not None:
            self.summary.set_summary(self.db.read(funding_summary, self.plan_id))

    def _update_state(self) -> None:
        has_plan = self.plan_id is not None
        structure = self.views.currentIndex() == STRUCTURE
        for action in (self.edit_plan_action, self.next_plan_action, self.export_action, self.delete_plan_action):
            action.setEnabled(has_plan)
        for action in self.view_actions.actions():
            action.setEnabled(has_plan)
        self.new_sibling_action.setEnabled(has_plan)
        self.new_child_action.setEnabled(has_plan and self.current_node_id() is not None)
        self.delete_action.setEnabled(has_plan and structure and self.current_node_id() is not None)
        self.save_action.setEnabled(self.node_editor.is_dirty())
        for kind in KINDS:
            self._update_document_action(kind, has_plan)

    def _update_document_action(self, kind: DocumentKind, has_plan: bool) -> None:
        action = self.document_actions[kind.key]
        available = find_builder(kind) is not None
        action.setEnabled(has_plan and available)
        action.setToolTip(UNAVAILABLE if not available else
                          f"{kind.menu_text.rstrip('…')}: náhled, uložení do PDF a tisk")

    # -- documents and Excel ---------------------------------------------------------------------------
    def open_document(self, kind: DocumentKind) -> int:
        """Preview of a plan document with Save as PDF and Print; returns the dialog's result."""
        if self.plan_id is None or not self._bring_to_front():
            return 0
        builder = find_builder(kind)
        if builder is None:
            QMessageBox.information(self, kind.heading(None), UNAVAILABLE)
            return 0
        year = self.year.currentData() if kind is not ACTION_PLAN else self._action_plan_year()
        self.document_dialog = DocumentDialog(self.db, kind, builder, self.plan_id, self.plan.name, self._years(),
                                              year, self)
        try:
            return self.document_dialog.exec()
        finally:
            self.document_dialog.deleteLater()
            self.document_dialog = None

    def _action_plan_year(self) -> int | None:
        """The action plan is usually made for the coming year: the evaluated year + 1 when in the period."""
        year = self.year.currentData()
        years = self._years()
        return year + 1 if year is not None and year + 1 in years else year

    def export_xlsx(self) -> None:
        if self.plan_id is None or not self._bring_to_front():
            return
        exchange_dialogs.export_plan(self.window(), self.db, self.plan_id, self.plan)

    def import_xlsx(self) -> None:
        if not self._bring_to_front() or not self.confirm_leave_record():
            return
        plan_id = exchange_dialogs.import_plan(self.window(), self.db)
        if plan_id is not None:
            self.choices = read_choices(self.db)
            self._fill_plans(plan_id)

    def edit_codelists(self) -> None:
        if not self._bring_to_front() or not self.confirm_leave_record():
            return
        if CodelistsDialog(self.db, self).exec():
            self.reload()

    # -- guard and layout ----------------------------------------------------------------------------
    def confirm_leave_record(self) -> bool:
        """The unsaved-changes guard: True when the open node may be left."""
        if not self.node_editor.is_dirty():
            return True
        message = f"Položka plánu „{self.node_editor.title()}“ má neuložené změny."
        return settle_unsaved(ask_unsaved_changes(self, message), self.node_editor.save, self.node_editor.discard)

    def can_leave(self) -> bool:
        return self.confirm_leave_record()

    def _restore_view_state(self) -> None:
        splitter = self.settings.value(_STATE_KEYS["splitter"])
        if splitter is None or not self.splitter.restoreState(splitter):
            width = max(self.width(), 800)
            self.splitter.setSizes([width * 2 // 5, width * 3 // 5])
        stored = self.settings.value(_STATE_KEYS["plan"])
        if stored is not None and str(stored).isdigit() and int(stored) != self.plan_id:
            index = self.plan_combo.findData(int(stored))
            if index >= 0:
                self.plan_combo.setCurrentIndex(index)

    def _save_view_state(self) -> None:
        self.settings.setValue(_STATE_KEYS["splitter"], self.splitter.saveState())
        if self.plan_id is not None:
            self.settings.setValue(_STATE_KEYS["plan"], self.plan_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.tree.setFocus()

    def status_text(self) -> str:
        if self.plan is None:
            return ""
        return f"{self.plan.name} ({years_text(self.plan.year_from, self.plan.year_to)})"
