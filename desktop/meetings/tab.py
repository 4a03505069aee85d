"""Záložka Pracovní skupiny: the groups on the left; on the right the chosen group's details and
rules, members, meetings, open tasks and resolutions. Meetings and persons open in their own editors.

Keys (active while the focus is in this tab): Ctrl+N new group, Ctrl+Shift+N new meeting, Ctrl+S save
the group, Ctrl+F search across all groups, Ctrl+P documents of the chosen meeting, Del delete the
chosen row.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QMenuBar, QMessageBox, QPushButton, QSplitter,
    QStackedWidget, QTabWidget, QToolBar, QVBoxLayout, QWidget,
)

from db.codelists import target_groups
from db.database import Database
from db.errors import UserError
from db.meetings.models import MeetingState
from db.meetings.queries import (
    delete_group, delete_meeting, delete_membership, end_membership, list_groups, list_memberships,
    list_meetings, list_people, list_resolutions, list_strips, list_tasks, load_group, load_meeting, load_person,
    new_meeting, save_group,
)
from db.meetings.records import GROUP_SHAPE, OPEN_TASK_STATES, GroupRecord, MembershipRecord
from db.meetings.validation import group_problems
from desktop.directory.delete_dialog import DeleteChoice, DeleteDialog
from desktop.directory.fields import ERROR_COLOR, MUTED_COLOR, DateField, FieldRow
from desktop.directory.formatting import czech_date
from desktop.meetings import documents
from desktop.meetings.conflicts import group_labels
from desktop.meetings.editor_dialog import UNSAVED_COLOR
from desktop.meetings.group_form import GroupForm, group_record, group_state
from desktop.meetings.labels import GROUP_KINDS, MEETING_STATES, MEMBERSHIP_ROLES, TASK_STATES, TRIAD_ROLES
from desktop.meetings.meeting_editor import MeetingEditor
from desktop.meetings.membership_dialog import MembershipDialog, membership_from_row
from desktop.meetings.people_dialog import PeopleDialog
from desktop.meetings.person_dialog import PersonDialog
from desktop.meetings.search_dialog import SearchDialog
from desktop.meetings.table_model import (
    Column, RowsProxy, RowsTableModel, current_key, date_key, number_key, select_key, table_view,
)
from desktop.widgets.base_tab import BaseTab
from desktop.widgets.changed_notice import ChangedElsewhereNotice, follow_stored
from desktop.widgets.conflict_dialog import Labels, save_resolving_conflicts
from desktop.widgets.empty_state import EmptyStatePage
from desktop.widgets.failures import tell_refused
from desktop.widgets.unsaved_changes import ask_unsaved_changes, settle_unsaved
from desktop.widgets.writes import confirm_and_write, write_or_tell

SETTINGS_SPLITTER = "meetings/splitter"


def _votes(r) -> str:
    if r.votes_for is None and r.votes_against is None and r.votes_abstained is None:
        return ""
    return f"{r.votes_for or 0} / {r.votes_against or 0} / {r.votes_abstained or 0}"


def _adopted(r) -> str:
    return "" if r.adopted is None else "přijato" if r.adopted else "nepřijato"


GROUP_COLUMNS = [
    Column("Skupina", lambda r: r.name, 200),
    Column("Členů", lambda r: str(r.member_count), 52, lambda r: number_key(r.member_count), True),
    Column("Příští jednání", lambda r: czech_date(r.next_meeting), 95, lambda r: date_key(r.next_meeting), True),
    Column("Úkoly", lambda r: str(r.open_task_count or ""), 48, lambda r: number_key(r.open_task_count), True),
]
MEMBER_COLUMNS = [
    Column("Příjmení a jméno", lambda r: r.sort_name, 180),
    Column("Organizace", lambda r: r.organisation, 180),
    Column("Role", lambda r: MEMBERSHIP_ROLES[r.role], 85),
    Column("Hlas", lambda r: "ano" if r.voting else "ne", 40),
    Column("Od", lambda r: czech_date(r.valid_from), 82, lambda r: date_key(r.valid_from), True),
    Column("Do", lambda r: czech_date(r.valid_to), 82, lambda r: date_key(r.valid_to), True),
    Column("Triáda", lambda r: TRIAD_ROLES[r.triad_role], 90),
    Column("E-mail", lambda r: r.email, 160),
]
MEETING_COLUMNS = [
    Column("Číslo", lambda r: r.label, 60, lambda r: f"{r.year:04d}{r.number:04d}"),
    Column("Datum", lambda r: czech_date(r.date), 85, lambda r: date_key(r.date), True),
    Column("Čas", lambda r: "–".join(t for t in (r.starts_at, r.ends_at) if t), 85),
    Column("Stav", lambda r: MEETING_STATES[r.state], 135),
    Column("Přítomno", lambda r: str(r.present), 62, lambda r: number_key(r.present), True),
    Column("Usnesení", lambda r: str(r.resolution_count), 62, lambda r: number_key(r.resolution_count), True),
    Column("Úkoly", lambda r: str(r.task_count), 50, lambda r: number_key(r.task_count), True),
    Column("Místo", lambda r: r.place, 200),
]
TASK_COLUMNS = [
    Column("Úkol", lambda r: r.description, 260),
    Column("Kdo", lambda r: r.responsible, 150),
    Column("Termín", lambda r: czech_date(r.due_on), 85, lambda r: date_key(r.due_on), True),
    Column("Stav", lambda r: TASK_STATES[r.state] + (" – po termínu" if r.overdue else ""), 120),
    Column("Zadán", lambda r: r.meeting_label, 60, lambda r: date_key(r.meeting_date)),
]
RESOLUTION_COLUMNS = [
    Column("Číslo", lambda r: r.number, 150, lambda r: f"{date_key(r.date)}{r.number}"),
    Column("Datum", lambda r: czech_date(r.date), 85, lambda r: date_key(r.date), True),
    Column("Text", lambda r: r.text, 320),
    Column("Pro / proti / zdržel se", lambda r: _votes(r), 130),
    Column("Výsledek", _adopted, 80),
]
DETAIL_PAGE, MEMBERS_PAGE, MEETINGS_PAGE, TASKS_PAGE, RESOLUTIONS_PAGE = range(5)


class _ListPage(QWidget):
    """A table with a row of buttons above it."""

    def __init__(self, columns: list[Column], key_of, sort_column: int = 0, muted=None, warn=None,
                 descending: bool = False):
        super().__init__()
        self.model = RowsTableModel(columns, key_of, self, muted=muted, warn=warn)
        self.proxy = RowsProxy(self.model, self)
        self.view = table_view(self.proxy, sort_column)
        if descending:
            self.view.sortByColumn(sort_column, Qt.SortOrder.DescendingOrder)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)

    def button(self, text: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if tip:
            button.setToolTip(tip)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)


def _ask_date(parent: QWidget, title: str, text: str, initial: dt.date, ok_text: str, empty_message: str,
              with_today: bool = False, ok_is_default: bool = True) -> dt.date | None:
    """A small dialog asking for one date (`text` above the field, `initial` filled in); None when the
    clerk cancelled. An unreadable or empty date is named under the field and the dialog stays."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    date = DateField(with_today=with_today)
    date.set_date(initial)
    date_row = FieldRow(date)
    label = QLabel(text)
    label.setWordWrap(True)
    ok, cancel = QPushButton(ok_text), QPushButton("Zrušit")
    ok.setDefault(ok_is_default)
    cancel.clicked.connect(dialog.reject)
    chosen: list[dt.date] = []

    def accept() -> None:
        try:
            day = date.date()
        except ValueError as exc:
            date_row.set_error(str(exc))
            return
        if day is None:
            date_row.set_error(empty_message)
            return
        chosen.append(day)
        dialog.accept()

    ok.clicked.connect(accept)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(ok)
    buttons.addWidget(cancel)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(date_row)
    layout.addLayout(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not chosen:
        return None
    return chosen[0]


class MeetingsTab(BaseTab):
    title = "Pracovní skupiny"

    def __init__(self, db: Database, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.settings = settings if settings is not None else QSettings()
        self._menu: QMenu | None = None
        self._base = GroupRecord()
        self._original: dict = {}
        self._open = False

        self.groups_model = RowsTableModel(GROUP_COLUMNS, lambda r: r.id, self, muted=lambda r: not r.active)
        self.groups_proxy = RowsProxy(self.groups_model, self)
        # The core's order: the steering group first, then the working groups in Czech order.
        self.groups_view = table_view(self.groups_proxy, None)
        # The name takes what the numbers leave, so the counts stay visible in a narrow window.
        self.groups_view.horizontalHeader().setStretchLastSection(False)
        self.groups_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.groups_view.selectionModel().currentRowChanged.connect(self._group_chosen)
        self._syncing = False
        self.group_count = QLabel()
        self.group_count.setStyleSheet(f"color: {MUTED_COLOR};")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<b>Skupiny</b>"))
        heading.addStretch(1)
        heading.addWidget(self.group_count)
        left_layout.addLayout(heading)
        left_layout.addWidget(self.groups_view, 1)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Hledat ve všech skupinách (Ctrl+F)…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Osoba, text usnesení nebo úkolu; Enter zobrazí výsledky.")
        self.search.returnPressed.connect(self.run_search)
        search_button = QPushButton("Hledat")
        search_button.clicked.connect(self.run_search)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(search_button)
        left_layout.addLayout(search_row)

        self._create_actions()
        self._build_right()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        state = self.settings.value(SETTINGS_SPLITTER)
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([480, 880])
        self.splitter.splitterMoved.connect(
            lambda *_: self.settings.setValue(SETTINGS_SPLITTER, self.splitter.saveState()))

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self._fill_toolbar()
        self.empty_state = EmptyStatePage(
            "Zatím tu není žádná pracovní skupina",
            "Založte řídící skupinu a pracovní skupiny komunitního plánování, přidejte jim členy "
            "a připravte první jednání. Osoby lze načíst i z tabulky.", [self.new_group_action, self.import_action])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.empty_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)
        self.reload()

    # -- actions ---------------------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.new_group_action = self._action("Nová skupina", self.new_group, QKeySequence.StandardKey.New,
                                             "Založit novou pracovní skupinu (Ctrl+N)")
        self.new_member_action = self._action("Nový člen…", self.new_member, tip="Přidat člena vybrané skupině")
        self.new_meeting_action = self._action("Nové jednání…", self.new_meeting, "Ctrl+Shift+N",
                                               "Připravit další jednání vybrané skupiny (Ctrl+Shift+N)")
        self.save_action = self._action("Uložit", self.save_group, QKeySequence.StandardKey.Save)
        self.find_action = self._action("Hledat", self.focus_search, QKeySequence.StandardKey.Find)
        self.print_action = self._action("Dokumenty…", self.print_documents, QKeySequence.StandardKey.Print,
                                         "Pozvánka, prezenční listina a zápis vybraného jednání (Ctrl+P)")
        self.delete_action = self._action("Smazat…", self.delete_selected, tip="Smazat vybraný záznam (Del)")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.people_action = self._action("Osoby…", self.open_people, tip="Všechny osoby skupin: úpravy, import")
        self.import_action = self._action("Import osob z tabulky…", self.import_people,
                                          tip="Načíst osoby a jejich členství z tabulky Excel (.xlsx) nebo CSV")
        self.tasks_doc_action = self._action("Přehled úkolů…", lambda: self.open_register("tasks"),
                                             tip="Přehled úkolů skupin jako PDF nebo XLSX")
        self.resolutions_doc_action = self._action("Evidence usnesení…", lambda: self.open_register("resolutions"),
                                                   tip="Evidence usnesení za rok jako PDF nebo XLSX")
        self.groups_view.addAction(self.delete_action)

    def _fill_toolbar(self) -> None:
        for action in (self.new_group_action, self.new_member_action, self.new_meeting_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.people_action)
        self.toolbar.addAction(self.import_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.print_action)
        self.toolbar.addAction(self.tasks_doc_action)
        self.toolbar.addAction(self.resolutions_doc_action)

    def contribute_menus(self, menubar: QMenuBar) -> None:
        self._menu = menubar.addMenu("Pracovní &skupiny")
        self._menu.addActions([self.new_group_action, self.new_member_action, self.new_meeting_action,
                               self.save_action])
        self._menu.addSeparator()
        self._menu.addActions([self.find_action, self.people_action, self.import_action])
        self._menu.addSeparator()
        self._menu.addActions([self.print_action, self.tasks_doc_action, self.resolutions_doc_action])
        self._menu.addSeparator()
        self._menu.addAction(self.delete_action)

    def add_empty_state_actions(self, actions: list[QAction]) -> None:
        """Commands offered on the page shown while there is no group (loading the demo data)."""
        self.empty_state.add_actions(actions)

    # -- right side ------------------------------------------------------------------------------
    def _build_right(self) -> None:
        self.placeholder = QLabel("Vyberte skupinu v seznamu vlevo,\nnebo založte novou (Ctrl+N).")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"color: {MUTED_COLOR};")
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setStyleSheet(f"color: {MUTED_COLOR};")
        self.subheading.setWordWrap(True)

        self.form = GroupForm(*self._form_choices())
        self.form.changed.connect(self._update_dirty)
        self.form.name_edited.connect(lambda text: self.heading.setText(text.strip() or "Nová skupina"))
        self.status = QLabel()
        self.discard_button = QPushButton("Zrušit změny")
        self.save_button = QPushButton("Uložit")
        self.save_button.setToolTip("Uložit skupinu a její jednací řád (Ctrl+S)")
        self.discard_button.clicked.connect(self.discard_group)
        self.save_button.clicked.connect(self.save_group)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        detail_layout.addWidget(self.form, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.discard_button)
        bar.addWidget(self.save_button)
        detail_layout.addLayout(bar)

        self.members = _ListPage(MEMBER_COLUMNS, lambda r: r.membership_id,
                                 muted=lambda r: (r.valid_to is not None and r.valid_to < dt.date.today())
                                 or not r.active)
        self.members.button("Nový člen…", self.new_member)
        self.members.button("Upravit členství…", self.edit_membership)
        self.members.button("Upravit osobu…", self.edit_member_person)
        self.members.button("Ukončit členství…", self.end_membership, "Zapsat den odchodu člena ze skupiny")
        self.members.button("Smazat…", self.delete_membership)
        self.members.finish_buttons()
        self.members.view.doubleClicked.connect(lambda _i: self.edit_membership())

        self.meetings = _ListPage(MEETING_COLUMNS, lambda r: r.id, 1, descending=True,
                                  muted=lambda r: r.state is MeetingState.CANCELLED)
        self.meetings.button("Nové jednání…", self.new_meeting)
        self.meetings.button("Otevřít…", self.open_meeting)
        self.meetings.button("Smazat…", self.delete_meeting)
        self.meetings.buttons.addSpacing(12)
        for kind, text in (("invitation", "Pozvánka…"), ("attendance", "Prezenční listina…"), ("minutes", "Zápis…")):
            self.meetings.button(text, lambda _=False, k=kind: self.meeting_document(k))
        self.meetings.finish_buttons()
        self.meetings.view.doubleClicked.connect(lambda _i: self.open_meeting())

        self.tasks = _ListPage(TASK_COLUMNS, lambda r: r.id, 2, warn=lambda r: r.overdue)
        self.tasks.button("Přehled úkolů…", lambda: self.open_register("tasks"))
        hint = QLabel("Úkoly se uzavírají v kontrole úkolů na dalším jednání.")
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.tasks.buttons.addWidget(hint)
        self.tasks.finish_buttons()
        self.resolutions = _ListPage(RESOLUTION_COLUMNS, lambda r: r.id, 0, descending=True)
        self.resolutions.button("Evidence usnesení…", lambda: self.open_register("resolutions"))
        self.resolutions.finish_buttons()
        for page in (self.members, self.meetings):
            page.view.addAction(self.delete_action)

        self.inner = QTabWidget()
        self.inner.addTab(detail, "Skupina a jednací řád")
        self.inner.addTab(self.members, "Členové")
        self.inner.addTab(self.meetings, "Jednání")
        self.inner.addTab(self.tasks, "Otevřené úkoly")
        self.inner.addTab(self.resolutions, "Usnesení")
        editing = QWidget()
        editing_layout = QVBoxLayout(editing)
        editing_layout.setContentsMargins(6, 0, 0, 0)
        editing_layout.addWidget(self.heading)
        editing_layout.addWidget(self.subheading)
        editing_layout.addWidget(self.inner, 1)
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(editing)
        # Beside the stack, not in it: "deleted meanwhile" is said on the empty page as well.
        self.notice = ChangedElsewhereNotice()
        self.right_pane = QWidget()
        right_layout = QVBoxLayout(self.right_pane)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.right, 1)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the groups again (after an import, a restore or the demo data), keeping the choice."""
        key = self._base.id if self._open else current_key(self.groups_view)
        self._load_groups()
        self._offer_choices(self._form_choices())
        if self._open and not self.is_dirty() and self._base.id is not None:
            if self.groups_model.row_of_key(self._base.id) >= 0:
                self.open_group(self._base.id, self.inner.currentIndex())
            else:
                self._close_group()
        if key is None and not self._open and self.groups_model.rowCount():
            key = self.groups_model.rows[0].id  # an empty right side tells nothing: show the first group
            self.open_group(key)
        self._select_group(key)
        self._update_state()

    def refresh_changed(self, areas: frozenset[str]) -> None:
        """Another clerk saved: the groups and the open group's lists are read again keeping what is
        chosen and where they are scrolled; the group form follows quietly unless it has unsaved
        edits (then a notice)."""
        if not areas & {"meetings", "codelists", "settings"}:
            return
        scrolled = self.groups_view.verticalScrollBar().value()
        key = self._base.id if self._open else current_key(self.groups_view)
        self._load_groups()
        self._select_group(key)
        self.groups_view.verticalScrollBar().setValue(scrolled)
        # Before the open group follows: the stored group may name a new target group or strip.
        choices = self._form_choices()
        self._offer_choices(choices)
        if self._open and self._base.id is not None and self._refresh_open_group():
            pages = (self.members, self.meetings, self.tasks, self.resolutions)
            kept = [(current_key(p.view), p.view.verticalScrollBar().value()) for p in pages]
            self._refresh_lists()
            for page, (row_key, value) in zip(pages, kept):
                select_key(page.view, row_key)
                page.view.verticalScrollBar().setValue(value)
        if not self.is_dirty():
            self._offer_choices(choices)  # what only her old choice kept offered goes now
        self._update_state()

    def _form_choices(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(target groups, funding strips) the group form offers, as [(id, name)]."""
        return ([(g.id, g.name) for g in self.db.read(target_groups)],
                [(s.id, s.name) for s in self.db.read(list_strips)])

    def _offer_choices(self, choices: tuple[list[tuple[int, str]], list[tuple[int, str]]]) -> None:
        self.form.set_target_groups(choices[0])
        self.form.set_strips(choices[1])

    def _refresh_open_group(self) -> bool:
        """The open group as now stored; False when it is gone (deleted meanwhile)."""
        group_id = self._base.id
        return follow_stored(self.notice, self._base.version, lambda: self.db.read(load_group, group_id),
                             is_dirty=self.is_dirty, close=self._close_group, show_quietly=self._show_group)

    def settings_changed(self) -> None:
        """Soubor → Nastavení was closed: the funding strips offered to groups may have changed (a
        deleted one is gone from its groups too, so a group without edits is read again)."""
        was_dirty = self.is_dirty()
        strips = [(s.id, s.name) for s in self.db.read(list_strips)]
        self.form.set_strips(strips)
        if self._open and self._base.id is not None and not was_dirty:
            self._show_group(self.db.read(load_group, self._base.id))
            self.form.set_strips(strips)  # a deleted strip kept only as the group's old choice goes

    def _load_groups(self) -> None:
        self.groups_model.set_rows(self.db.read(list_groups))
        self.group_count.setText(f"{self.groups_model.rowCount()}")

    def _select_group(self, key) -> None:
        self._syncing = True
        try:
            select_key(self.groups_view, key)
        finally:
            self._syncing = False

    def _group_chosen(self, current, previous) -> None:
        if self._syncing or not current.isValid():
            return
        key = self.groups_proxy.key_at(current.row())
        if key == self._base.id and self._open:
            return
        if not self.confirm_leave_group():
            self._select_group(self._base.id if self._open else None)
            return
        self.open_group(key)

    def open_group(self, group_id: int, page: int | None = None) -> None:
        try:
            record = self.db.read(load_group, group_id)
        except UserError as exc:
            if tell_refused(self, self.title, exc):
                self._load_groups()
            return
        self._show_group(record)
        self._refresh_lists()
        if page is not None:
            self.inner.setCurrentIndex(page)
        self._select_group(group_id)
        self._update_state()

    def _show_group(self, record: GroupRecord) -> None:
        self.notice.clear_notice()
        self._base = record
        self._original = group_state(record)
        self.form.set_state(self._original, record)
        self._open = True
        self.right.setCurrentIndex(1)
        self.heading.setText(record.name or "Nová skupina")
        self._update_dirty()

    def _refresh_lists(self) -> None:
        group_id = self._base.id
        if group_id is None:
            for page in (self.members, self.meetings, self.tasks, self.resolutions):
                page.model.set_rows([])
        else:
            self.members.model.set_rows(self.db.read(list_memberships, group_id))
            self.meetings.model.set_rows(self.db.read(list_meetings, group_id))
            self.tasks.model.set_rows(self.db.read(list_tasks, group_id, OPEN_TASK_STATES))
            self.resolutions.model.set_rows(self.db.read(list_resolutions, group_id))
        today = dt.date.today()
        current = [r for r in self.members.model.rows
                   if (r.valid_from is None or r.valid_from <= today) and (r.valid_to is None or today <= r.valid_to)]
        overdue = sum(1 for r in self.tasks.model.rows if r.overdue)
        self.inner.setTabText(MEMBERS_PAGE, f"Členové ({len(current)})")
        self.inner.setTabText(MEETINGS_PAGE, f"Jednání ({self.meetings.model.rowCount()})")
        self.inner.setTabText(TASKS_PAGE, f"Otevřené úkoly ({self.tasks.model.rowCount()})")
        self.inner.setTabText(RESOLUTIONS_PAGE, f"Usnesení ({self.resolutions.model.rowCount()})")
        if group_id is None:
            self.subheading.setText("Nová skupina – vyplňte název a jednací řád a uložte ji; pak jí přidáte členy.")
            return
        voting = sum(1 for r in current if r.voting)
        upcoming = [r for r in self.meetings.model.rows if r.date >= today and r.state is not MeetingState.CANCELLED]
        parts = [GROUP_KINDS[self._base.kind], f"členů {len(current)}, s hlasovacím právem {voting}"]
        if upcoming:
            parts.append(f"příští jednání {czech_date(min(r.date for r in upcoming))}")
        if overdue:
            parts.append(f"úkolů po termínu {overdue}")
        self.subheading.setText(" · ".join(parts))

    def _close_group(self) -> None:
        self.notice.clear_notice()
        self._base = GroupRecord()
        self._open = False
        self.right.setCurrentIndex(0)
        self._update_dirty()

    def set_database(self, db: Database) -> None:
        self.db = db
        self._close_group()
        self.reload()

    def _update_state(self) -> None:
        empty = self.groups_model.rowCount() == 0 and not self._open
        self.pages.setCurrentWidget(self.empty_state if empty else self.splitter)
        saved = self._open and self._base.id is not None
        for action in (self.new_member_action, self.new_meeting_action):
            action.setEnabled(saved)
        self.save_action.setEnabled(self.is_dirty())

    # -- the group form --------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self._open and (self._base.id is None or self.form.state() != self._original)

    def _update_dirty(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        self.save_action.setEnabled(dirty)
        if dirty:
            self.status.setText("Neuložené změny" if self._base.id is not None else "Nová skupina – zatím neuložena")
            self.status.setStyleSheet(f"color: {UNSAVED_COLOR};")
        elif not self.status.text().startswith("Skupinu nelze"):
            self.status.setText("")

    def confirm_leave_group(self) -> bool:
        """The unsaved-changes guard: True when the open group may be left."""
        if not self.is_dirty():
            return True
        name = self.form.name.text().strip() or "nová skupina"
        message = (f"Nová skupina „{name}“ ještě není uložena." if self._base.id is None
                   else f"Skupina „{name}“ má neuložené změny.")
        return settle_unsaved(ask_unsaved_changes(self, message), self.save_group, self.discard_group)

    def can_leave(self) -> bool:
        return self.confirm_leave_group()

    def save_group(self) -> bool:
        if not self._open or not self._bring_to_front():
            return False
        record, problems = group_record(self.form.state(), self._base)
        if record.id is not None:  # members may have changed meanwhile in their own dialogs
            record = replace(record, memberships=self.db.read(load_group, record.id).memberships)
        if not problems:
            problems = self.db.read(group_problems, record)
            problems = [replace(p, field="active_to") if p.field == "active" else p for p in problems]
        if problems:
            self.form.show_problems(problems)
            self.form.focus_first_error()
            self.inner.setCurrentIndex(DETAIL_PAGE)
            count = len(problems)
            self.status.setText(f"Skupinu nelze uložit: opravte {'chybu označenou' if count == 1 else f'{count} chyby označené' if count < 5 else f'{count} chyb označených'} červeně.")
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")
            return False
        try:
            action, record, group_id = save_resolving_conflicts(
                self, lambda r: self.db.write(save_group, r), record, self._base, GROUP_SHAPE, self._group_labels())
        except UserError as exc:
            tell_refused(self, "Uložit skupinu", exc)
            return False
        if action == "theirs":
            self._show_group(record)
            self._refresh_lists()
            self._update_state()
        if action != "saved":
            return False
        self.status.setText("")
        self._load_groups()
        self.open_group(group_id, self.inner.currentIndex())
        return True

    def _group_labels(self) -> Labels:
        """The conflict dialog's words for the group form, with today's names of persons and lists."""
        return group_labels({g.id: g.name for g in self.db.read(target_groups)},
                            {s.id: s.name for s in self.db.read(list_strips)},
                            {p.id: p.name for p in self.db.read(list_people)})

    def discard_group(self) -> None:
        if self._base.id is None:
            self._close_group()
            self._select_group(None)
        else:
            self._show_group(self._base)
        self.status.setText("")
        self._update_state()

    # -- commands --------------------------------------------------------------------------------
    def _need_group(self, title: str) -> bool:
        if self._open and self._base.id is not None:
            return True
        QMessageBox.information(self, title, "Nejprve vyberte v seznamu skupinu (nebo novou skupinu uložte).")
        return False

    def new_group(self) -> None:
        if not self._bring_to_front() or not self.confirm_leave_group():
            return
        self._select_group(None)
        self._show_group(GroupRecord())
        self._refresh_lists()
        self.inner.setCurrentIndex(DETAIL_PAGE)
        self._update_state()
        self.form.name.setFocus()

    def focus_search(self) -> None:
        if self._bring_to_front():
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def run_search(self) -> None:
        text = self.search.text().strip()
        if len(text) < 2:
            return
        dialog = SearchDialog(self.db, text, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            self.go_to(dialog.chosen)

    def go_to(self, hit) -> None:
        """Show what a search hit names: its group (and page), or open the person or the meeting."""
        if hit.kind == "person":
            self._edit_person(hit.id)
            return
        if hit.group_id is not None and (hit.group_id != self._base.id or not self._open):
            if not self.confirm_leave_group():
                return
            self.open_group(hit.group_id)
        page = {"task": TASKS_PAGE, "resolution": RESOLUTIONS_PAGE, "meeting": MEETINGS_PAGE}.get(hit.kind)
        if page is not None:
            self.inner.setCurrentIndex(page)
        if hit.kind == "task":
            select_key(self.tasks.view, hit.id)
        elif hit.kind == "resolution":
            select_key(self.resolutions.view, hit.id)
        if hit.meeting_id is not None and hit.kind == "meeting":
            select_key(self.meetings.view, hit.meeting_id)
            self.open_meeting()

    def delete_selected(self) -> None:
        focus = self.focusWidget()
        if focus is self.members.view:
            self.delete_membership()
        elif focus is self.meetings.view:
            self.delete_meeting()
        else:
            self.delete_group()

    def delete_group(self) -> None:
        if not self._need_group("Smazat skupinu"):
            return
        name = self._base.name
        if confirm_and_write(self, "Smazat skupinu",
                             f"Smazat skupinu „{name}“ i s jejími členstvími? Smazání nelze vrátit.\n\n"
                             "Skupinu, která už jednala, smazat nelze: ukončete ji datem „Činnost do“.",
                             self.db, delete_group, self._base.id):
            self._close_group()
            self.reload()

    # members
    def new_member(self) -> None:
        if not self._bring_to_front() or not self._need_group("Nový člen"):
            return
        record = MembershipRecord(group_id=self._base.id, valid_from=dt.date.today())
        dialog = MembershipDialog(self.db, record, self._base.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_members(dialog.saved_id)

    def _current_member(self):
        key = current_key(self.members.view)
        if key is None:
            QMessageBox.information(self, "Členové", "Vyberte v seznamu člena skupiny.")
            return None
        return self.members.model.rows[self.members.model.row_of_key(key)]

    def edit_membership(self) -> None:
        row = self._current_member()
        if row is None:
            return
        dialog = MembershipDialog(self.db, membership_from_row(row, self._base.id), self._base.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_members(row.membership_id)

    def edit_member_person(self) -> None:
        row = self._current_member()
        if row is not None:
            self._edit_person(row.person_id)
            self._after_members(row.membership_id)

    def _edit_person(self, person_id: int) -> None:
        try:
            record = self.db.read(load_person, person_id)
        except UserError as exc:
            tell_refused(self, "Osoba", exc)
            return
        PersonDialog(self.db, record, self).exec()

    def end_membership(self) -> None:
        row = self._current_member()
        if row is None:
            return
        day = _ask_date(self, "Ukončit členství",
                        f"Poslední den členství osoby „{row.name}“ ve skupině „{self._base.name}“:",
                        dt.date.today(), "Ukončit", "Vyplňte datum.", with_today=True, ok_is_default=False)
        if day is None:
            return
        if write_or_tell(self, "Ukončit členství", self.db, end_membership, row.membership_id, day):
            self._after_members(row.membership_id)

    def delete_membership(self) -> None:
        row = self._current_member()
        if row is None:
            return
        if confirm_and_write(
                self, "Smazat členství", f"Smazat členství osoby „{row.name}“ ve skupině „{self._base.name}“?\n\n"
                "Mazat jen omylem zapsané členství; odchod člena zapište tlačítkem „Ukončit členství…“.",
                self.db, delete_membership, row.membership_id):
            self._after_members(None)

    def _after_members(self, membership_id: int | None) -> None:
        self._load_groups()
        self._select_group(self._base.id)
        self._refresh_lists()
        self.inner.setCurrentIndex(MEMBERS_PAGE)
        select_key(self.members.view, membership_id)

    def open_people(self) -> None:
        if not self._bring_to_front():
            return
        dialog = PeopleDialog(self.db, self)
        dialog.exec()
        if dialog.changed:
            self.reload()

    def import_people(self) -> None:
        from desktop.meetings.people_import import import_people

        if self._bring_to_front() and self.confirm_leave_group() and import_people(self, self.db):
            self.reload()

    # meetings
    def new_meeting(self) -> None:
        if not self._bring_to_front() or not self._need_group("Nové jednání"):
            return
        day = _ask_date(self, "Nové jednání",
                        f"Datum jednání skupiny „{self._base.name}“ (podle něj se doplní členové a otevřené úkoly):",
                        dt.date.today() + dt.timedelta(days=14), "Pokračovat", "Vyplňte datum jednání.")
        if day is None:
            return
        self.edit_meeting(self.db.read(new_meeting, self._base.id, day))

    def edit_meeting(self, record) -> None:
        editor = MeetingEditor(self.db, record, self, open_document=self.show_meeting_document)
        editor.exec()
        saved = editor._base.id
        self._load_groups()
        self._select_group(self._base.id)
        self._refresh_lists()
        self.inner.setCurrentIndex(MEETINGS_PAGE)
        select_key(self.meetings.view, saved)

    def _current_meeting_id(self, title: str) -> int | None:
        key = current_key(self.meetings.view)
        if key is None:
            QMessageBox.information(self, title, "Vyberte v seznamu jednání skupiny.")
        return key

    def open_meeting(self) -> None:
        meeting_id = self._current_meeting_id("Jednání")
        if meeting_id is None:
            return
        try:
            record = self.db.read(load_meeting, meeting_id)
        except UserError as exc:
            if tell_refused(self, "Jednání", exc):
                self._refresh_lists()
            return
        self.edit_meeting(record)

    def delete_meeting(self) -> None:
        meeting_id = self._current_meeting_id("Smazat jednání")
        if meeting_id is None:
            return
        row = self.meetings.model.rows[self.meetings.model.row_of_key(meeting_id)]
        dialog = DeleteDialog(
            self, "Smazat jednání", f"Smazat jednání {row.label} ze dne {czech_date(row.date)}?",
            "Smaže se i jeho program, prezenční listina, usnesení a úkoly. Smazání nelze vrátit. "
            "Jednání, které se nekonalo, raději označte stavem „zrušeno“.", None)
        if dialog.ask() is not DeleteChoice.DELETE:
            return
        if not write_or_tell(self, "Smazat jednání", self.db, delete_meeting, meeting_id):
            return
        self._load_groups()
        self._select_group(self._base.id)
        self._refresh_lists()

    def meeting_document(self, kind: str) -> None:
        meeting_id = self._current_meeting_id("Dokumenty jednání")
        if meeting_id is not None:
            self.show_meeting_document(kind, meeting_id)

    def show_meeting_document(self, kind: str, meeting_id: int) -> None:
        documents.open_meeting_document(self.window(), self.db, kind, meeting_id)

    def print_documents(self) -> None:
        """Ctrl+P: the documents of the chosen meeting (or the group's registers without one)."""
        if not self._bring_to_front() or not self._need_group("Dokumenty"):
            return
        menu = QMenu(self)
        meeting_id = current_key(self.meetings.view)
        for kind, text in (("invitation", "Pozvánka"), ("attendance", "Prezenční listina"), ("minutes", "Zápis")):
            action = menu.addAction(f"{text} vybraného jednání…")
            action.setEnabled(meeting_id is not None)
            action.triggered.connect(lambda _=False, k=kind: self.show_meeting_document(k, meeting_id))
        menu.addSeparator()
        menu.addAction(self.tasks_doc_action)
        menu.addAction(self.resolutions_doc_action)
        if meeting_id is None:
            self.inner.setCurrentIndex(MEETINGS_PAGE)
        menu.exec(self.mapToGlobal(self.toolbar.geometry().bottomLeft()))

    def open_register(self, kind: str) -> None:
        if self._bring_to_front():
            documents.open_register(self.window(), self.db, kind, self._base.id if self._open else None)

    def status_text(self) -> str:
        return self.group_count.text()
