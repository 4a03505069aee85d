"""Jednání: header, program with outcomes, attendance with the live quorum, review of open tasks, and
the minutes text; saved together in one transaction (db.meetings.queries.save_meeting).

The attendance decides the quorum and thus whether each resolution is adopted: both are recomputed
with db.meetings.rules on every change, so the clerk sees what the minutes will say.
"""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError
from db.meetings.models import AttendanceState, MeetingState
from db.meetings.queries import (
    attendance_for, copy_agenda_from_last, list_people, list_strips, load_group, load_meeting, next_meeting_number,
    reviews_on, save_meeting,
)
from db.meetings.records import MEETING_SHAPE, AttendanceRecord, MeetingRecord
from db.meetings.rules import (
    GroupRules, invitation_deadline, meeting_quorum, notice_warning, resolution_outcome, voting_counts,
)
from db.meetings.validation import meeting_problems
from desktop.directory.fields import (
    ERROR_COLOR, MUTED_COLOR, DateField, FieldRow, align_labels, form_layout, set_combo_data, watch,
)
from desktop.directory.formatting import czech_date
from desktop.meetings.agenda_page import ADOPTED_COLOR, AgendaPage
from desktop.meetings.conflicts import meeting_labels
from desktop.meetings.editor_dialog import EditorDialog
from desktop.meetings.labels import ATTENDANCE_STATES, MEETING_STATES, MEMBERSHIP_ROLES, TASK_STATES
from desktop.widgets.conflict_dialog import save_resolving_conflicts
from desktop.widgets.failures import tell_refused
from desktop.widgets.fresh_names import FreshNames
from printing.meetings import collect_meeting, minutes_text

GROUP_STRIP = -1  # the strip combo's value for "as the group has it" (stored as None)
HEADER_PAGE, AGENDA_PAGE, ATTENDANCE_PAGE, REVIEW_PAGE, MINUTES_PAGE = range(5)
_ATTENDANCE_COLUMNS = ("Jméno", "Organizace", "Role", "Hlasuje", "Účast")
_REVIEW_COLUMNS = ("Úkol", "Kdo", "Termín", "Z jednání", "Stav nyní", "Poznámka")


def _combo(items: list[tuple[object, str]], with_empty: str | None = "—") -> QComboBox:
    combo = QComboBox()
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if with_empty is not None:
        combo.addItem(with_empty, None)
    for value, text in items:
        combo.addItem(text, value)
    return combo


class AttendanceTable(QTableWidget):
    """Members valid on the meeting day (pre-filled) and guests; the state of each is a chooser."""

    def __init__(self, parent=None):
        super().__init__(0, len(_ATTENDANCE_COLUMNS), parent)
        self.setHorizontalHeaderLabels(_ATTENDANCE_COLUMNS)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((2, 110), (3, 70), (4, 130)):
            self.setColumnWidth(column, width)
        self._lines: list[AttendanceRecord] = []
        self.on_change: Callable[[], None] = lambda: None
        self.itemChanged.connect(lambda _item: self.on_change())

    def set_lines(self, lines: list[AttendanceRecord]) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self._lines = []
        for line in lines:
            self._append(line)
        self.blockSignals(False)

    def _append(self, line: AttendanceRecord) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self._lines.append(line)
        name = QTableWidgetItem(line.display_name)
        organisation = QTableWidgetItem(line.display_organisation)
        if not line.is_guest:  # a member's name comes from the person's record
            for item in (name, organisation):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, 0, name)
        self.setItem(row, 1, organisation)
        role = "host" if line.is_guest else MEMBERSHIP_ROLES.get(line.role, "")
        for column, text in ((2, role), (3, "ano" if line.voting and not line.is_guest else "ne")):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, column, item)
        state = _combo(list(ATTENDANCE_STATES.items()), None)
        set_combo_data(state, line.state)
        state.currentIndexChanged.connect(lambda _i: self.on_change())
        self.setCellWidget(row, 4, state)

    def add_guest(self) -> None:
        self._append(AttendanceRecord(is_guest=True, state=AttendanceState.PRESENT))
        row = self.rowCount() - 1
        self.setCurrentCell(row, 0)
        self.editItem(self.item(row, 0))
        self.on_change()

    def remove_guest(self) -> bool:
        row = self.currentRow()
        if not 0 <= row < len(self._lines) or not self._lines[row].is_guest:
            return False
        self.removeRow(row)
        del self._lines[row]
        self.on_change()
        return True

    def all_present(self) -> None:
        for row in range(self.rowCount()):
            if not self._lines[row].is_guest:
                set_combo_data(self.cellWidget(row, 4), AttendanceState.PRESENT)

    def lines(self) -> list[AttendanceRecord]:
        result = []
        for row, line in enumerate(self._lines):
            state = self.cellWidget(row, 4).currentData()
            if line.is_guest:
                line = replace(line, guest_name=self.item(row, 0).text().strip(),
                               guest_organisation=self.item(row, 1).text().strip(), voting=False)
            result.append(replace(line, state=state))
        return result


class ReviewTable(QTableWidget):
    """Kontrola úkolů: each open task of earlier meetings with its state now and a note."""

    def __init__(self, parent=None):
        super().__init__(0, len(_REVIEW_COLUMNS), parent)
        self.setHorizontalHeaderLabels(_REVIEW_COLUMNS)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 90), (3, 80), (4, 110), (5, 180)):
            self.setColumnWidth(column, width)
        self._reviews = []
        self.on_change: Callable[[], None] = lambda: None
        self.itemChanged.connect(lambda _item: self.on_change())

    def set_reviews(self, reviews) -> None:
        self.blockSignals(True)
        self.setRowCount(0)
        self._reviews = list(reviews)
        for row, review in enumerate(self._reviews):
            self.insertRow(row)
            for column, text in enumerate((review.description, review.responsible, czech_date(review.due_on),
                                           review.origin_label)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(text)
                self.setItem(row, column, item)
            state = _combo(list(TASK_STATES.items()), None)
            set_combo_data(state, review.state)
            state.currentIndexChanged.connect(lambda _i: self.on_change())
            self.setCellWidget(row, 4, state)
            self.setItem(row, 5, QTableWidgetItem(review.note))
            # One line per task (the full text is in the tooltip): rows as tall as the state chooser.
            self.setRowHeight(row, state.sizeHint().height() + 4)
        self.blockSignals(False)

    def reviews(self):
        return [replace(review, state=self.cellWidget(row, 4).currentData(),
                        note=self.item(row, 5).text().strip())
                for row, review in enumerate(self._reviews)]


class MeetingEditor(EditorDialog):
    """Edit one meeting (`record.id is None`: a new one from new_meeting()). `open_document(kind, id)`
    shows a document of the saved meeting ("invitation", "attendance", "minutes")."""

    close_on_save = False

    def __init__(self, db: Database, record: MeetingRecord, parent: QWidget | None = None,
                 open_document: Callable[[str, int], None] | None = None):
        super().__init__(parent)
        self.db = db
        self._base = record
        self._open_document = open_document
        group = db.read(load_group, record.group_id)
        self.rules = GroupRules.of(group)
        self._group_name = group.name
        self.setWindowTitle(self._title())
        self.setSizeGripEnabled(True)
        available = self.screen().availableGeometry() if self.screen() else None
        width, height = 1100, 760
        if available is not None:
            width, height = min(width, available.width() - 40), min(height, available.height() - 60)
        self.resize(width, height)
        self.rows: dict[str, FieldRow] = {}

        # Everyone who may chair, take the minutes, verify or answer for a task: the members of the day,
        # and whoever an older record names although they have left since (their name must not be lost).
        self._names = self._read_names()
        people = [(line.person_id, line.person_name) for line in record.attendance if not line.is_guest]
        named = [record.chair_id, record.minute_taker_id, *record.verifier_ids,
                 *(t.responsible_person_id for item in record.agenda for t in item.tasks)]
        listed = {person_id for person_id, _name in people}
        for person_id in named:
            if person_id is not None and person_id not in listed and person_id in self._names:
                people.append((person_id, self._names[person_id]))
                listed.add(person_id)
        self._people = people
        strips = [(s.id, s.name) for s in db.read(list_strips)]
        self._strip_names = dict(strips)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._header_page(people, strips), "Záhlaví")
        self.agenda = AgendaPage(people, self._vote_outcome, self._meeting_day, self.rules.tie_chair_decides)
        self.agenda.copy_button.clicked.connect(self.copy_last_agenda)
        self.tabs.addTab(self.agenda, "Program a usnesení")
        self.tabs.addTab(self._attendance_page(), "Prezenční listina")
        self.reviews = ReviewTable()
        self.tabs.addTab(self._review_page(), "Kontrola úkolů")
        self.tabs.addTab(self._minutes_page(), "Text zápisu")

        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problems_label.hide()
        documents = QHBoxLayout()
        documents.addWidget(QLabel("Dokumenty:"))
        self.document_buttons = {}
        for kind, text in (("invitation", "Pozvánka…"), ("attendance", "Prezenční listina…"),
                           ("minutes", "Zápis…")):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, k=kind: self.show_document(k))
            self.document_buttons[kind] = button
            documents.addWidget(button)
        documents.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.quorum)
        layout.addWidget(self.problems_label)
        layout.addLayout(documents)
        layout.addLayout(self.button_bar())

        self._load(record)
        self._connect()

    def _title(self) -> str:
        if self._base.id is None:
            return f"Nové jednání – {self._group_name}"
        return f"Jednání {self._base.label} – {self._group_name}"

    # -- pages ---------------------------------------------------------------------------------
    def _row(self, name: str, widget: QWidget) -> FieldRow:
        self.rows[name] = FieldRow(widget)
        return self.rows[name]

    def _header_page(self, people, strips) -> QWidget:
        self.number = QSpinBox()
        self.number.setRange(1, 99)
        self.number.setMaximumWidth(80)
        self.number.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.date = DateField()
        self.starts_at = QLineEdit()
        self.ends_at = QLineEdit()
        for edit in (self.starts_at, self.ends_at):
            edit.setPlaceholderText("hh:mm")
            edit.setMaximumWidth(70)
        self.place = QLineEdit()
        self.place.setPlaceholderText("např. zasedací místnost MěÚ, Náměstí 1, 2. patro")
        self.state = _combo(list(MEETING_STATES.items()), None)
        self.chair = _combo([])
        self.minute_taker = _combo([])
        self.verifiers = QListWidget()
        self.verifiers.setMinimumHeight(70)
        self.verifiers.setMaximumHeight(120)
        self._fill_people(people)
        self.excuse_to = QLineEdit()
        self.excuse_to.setPlaceholderText("jméno, e-mail, telefon")
        self.excuse_by = DateField()
        self.strip = _combo([(GROUP_STRIP, "podle skupiny"), *strips], "bez pruhu")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Interní poznámky k jednání.")
        self.notes.setMinimumHeight(60)
        self.notes.setMaximumHeight(100)

        when = QGroupBox("Kdy a kde")
        form = form_layout(when)
        forms: list[QFormLayout] = [form]
        form.addRow("Číslo jednání:", self._row("number", self.number))
        form.addRow("Datum:", self._row("date", self.date))
        times = QWidget()
        times_layout = QHBoxLayout(times)
        times_layout.setContentsMargins(0, 0, 0, 0)
        times_layout.addWidget(self.starts_at)
        times_layout.addWidget(QLabel("–"))
        times_layout.addWidget(self.ends_at)
        times_layout.addStretch(1)
        form.addRow("Čas:", self._row("starts_at", times))
        self.rows["ends_at"] = self.rows["starts_at"]
        form.addRow("Místo:", self._row("place", self.place))
        form.addRow("Stav:", self.state)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        form.addRow("", self.notice)
        who = QGroupBox("Řízení a zápis")
        form = form_layout(who)
        forms.append(form)
        form.addRow("Předsedající:", self.chair)
        form.addRow("Zapisovatel:", self.minute_taker)
        form.addRow("Ověřovatelé:", self._row("verifier_ids", self.verifiers))
        invitation = QGroupBox("Pozvánka a tisk")
        form = form_layout(invitation)
        forms.append(form)
        form.addRow("Omluvy komu:", self.excuse_to)
        form.addRow("Omluvy do:", self._row("excuse_by", self.excuse_by))
        form.addRow("Pruh s logy:", self.strip)
        form.addRow("Poznámky:", self.notes)
        align_labels(forms)
        body = QWidget()
        layout = QVBoxLayout(body)
        for box in (when, who, invitation):
            layout.addWidget(box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _fill_people(self, people: list[tuple[int, str]]) -> None:
        """Offer `people` as chair, minute-taker and verifiers, keeping who is chosen."""
        chosen = (self.chair.currentData(), self.minute_taker.currentData(), self._verifier_ids())
        for combo in (self.chair, self.minute_taker):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for person_id, name in people:
                combo.addItem(name, person_id)
        set_combo_data(self.chair, chosen[0])
        set_combo_data(self.minute_taker, chosen[1])
        for combo in (self.chair, self.minute_taker):
            combo.blockSignals(False)
        self.verifiers.blockSignals(True)
        self.verifiers.clear()
        for person_id, name in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person_id in chosen[2] else Qt.CheckState.Unchecked)
            self.verifiers.addItem(item)
        self.verifiers.blockSignals(False)

    def _read_names(self) -> dict[int, str]:
        return {p.id: p.name for p in self.db.read(list_people)}

    def _offer_people_named_in(self, record: MeetingRecord) -> None:
        """The stored meeting may name someone the lists do not offer yet (the other clerk's chair or
        task owner): offer them, or the form would show nobody and the next save drop them."""
        listed = {person_id for person_id, _name in self._people}
        ids = (record.chair_id, record.minute_taker_id, *record.verifier_ids,
               *(t.responsible_person_id for item in record.agenda for t in item.tasks))
        if any(person_id is not None and person_id not in self._names for person_id in ids):
            self._names = self._read_names()  # someone added meanwhile
        named = [*((line.person_id, line.person_name) for line in record.attendance if not line.is_guest),
                 *((person_id, self._names.get(person_id)) for person_id in ids)]
        added = []
        for person_id, name in named:
            if person_id is not None and person_id not in listed and name:
                added.append((person_id, name))
                listed.add(person_id)
        if added:
            self._people = self._people + added
            self._fill_people(self._people)
            self.agenda.tasks.set_people(self._people)

    def _verifier_ids(self) -> list[int]:
        return [self.verifiers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.verifiers.count())
                if self.verifiers.item(i).checkState() == Qt.CheckState.Checked]

    def _attendance_page(self) -> QWidget:
        self.attendance = AttendanceTable()
        self.all_present_button = QPushButton("Všichni členové přítomni")
        self.all_present_button.setToolTip("Označit všechny členy jako přítomné; výjimky pak opravte.")
        add_guest = QPushButton("Přidat hosta")
        self.remove_guest_button = QPushButton("Odebrat hosta")
        self.all_present_button.clicked.connect(self.attendance.all_present)
        add_guest.clicked.connect(self.attendance.add_guest)
        self.remove_guest_button.clicked.connect(self._remove_guest)
        self.attendance_counts = QLabel()
        buttons = QHBoxLayout()
        for button in (self.all_present_button, add_guest, self.remove_guest_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.attendance_counts)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.attendance, 1)
        return page

    def _remove_guest(self) -> None:
        if not self.attendance.remove_guest():
            QMessageBox.information(self, "Odebrat hosta",
                                    "Vyberte řádek hosta. Členové skupiny zůstávají v prezenční listině; "
                                    "u nepřítomných nastavte „omluven“ nebo „nepřítomen“.")

    def _review_page(self) -> QWidget:
        hint = QLabel("Otevřené úkoly z minulých jednání skupiny. Stav „splněný“ nebo „zrušený“ úkol uzavře; "
                      "„otevřený“ a „trvá“ jej přenesou na další jednání.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.no_reviews = QLabel("Skupina nemá žádné otevřené úkoly z minulých jednání.")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.no_reviews)
        layout.addWidget(self.reviews, 1)
        return page

    def _minutes_page(self) -> QWidget:
        hint = QLabel("Zápis se vytváří z údajů jednání (program, prezence, usnesení, úkoly). Chcete-li jeho "
                      "text před tiskem upravit, předvyplňte ho a opravte zde; prázdné pole = zápis podle údajů.")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_COLOR};")
        self.minutes_text = QPlainTextEdit()
        self.minutes_text.setPlaceholderText("Zápis podle údajů jednání (text neupravován).")
        self.fill_minutes_button = QPushButton("Předvyplnit text zápisu z údajů jednání")
        clear = QPushButton("Vrátit zápis podle údajů")
        self.fill_minutes_button.clicked.connect(self.fill_minutes_text)
        clear.clicked.connect(self.minutes_text.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fill_minutes_button)
        buttons.addWidget(clear)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.minutes_text, 1)
        return page

    # -- loading -------------------------------------------------------------------------------
    def _load(self, record: MeetingRecord) -> None:
        self._base = record
        # The meeting as loaded, untouched by the pages: what a conflict compares her edits with.
        self._loaded = copy.deepcopy(record)
        self._attendance_day = self._review_day = record.date
        self._loading = True
        try:
            self.number.setValue(max(1, record.number))
            self.date.set_date(record.date)
            self.starts_at.setText(record.starts_at)
            self.ends_at.setText(record.ends_at)
            self.place.setText(record.place)
            set_combo_data(self.state, record.state)
            set_combo_data(self.chair, record.chair_id)
            set_combo_data(self.minute_taker, record.minute_taker_id)
            chosen = set(record.verifier_ids)
            for i in range(self.verifiers.count()):
                item = self.verifiers.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                                   else Qt.CheckState.Unchecked)
            ticked = [self.verifiers.item(i) for i in range(self.verifiers.count())
                      if self.verifiers.item(i).checkState() == Qt.CheckState.Checked]
            if ticked:  # the chosen verifiers in view, not below the list's edge
                self.verifiers.scrollToItem(ticked[0], QListWidget.ScrollHint.PositionAtTop)
            self.excuse_to.setText(record.excuse_to)
            self.excuse_by.set_date(record.excuse_by)
            set_combo_data(self.strip, GROUP_STRIP if record.funding_strip_id is None else record.funding_strip_id)
            self.notes.setPlainText(record.notes)
            self.minutes_text.setPlainText(record.minutes_text)
            self.attendance.set_lines(record.attendance)
            self._show_reviews(record.task_reviews)
            self.agenda.set_items(record.agenda)
        finally:
            self._loading = False
        self._original, _ = self.collect()
        self.setWindowTitle(self._title())
        self._refresh_quorum()
        self._refresh_notice()
        self.show_dirty()
        self._update_documents()

    def _connect(self) -> None:
        for widget in (self.number, self.date, self.starts_at, self.ends_at, self.place, self.state, self.chair,
                       self.minute_taker, self.verifiers, self.excuse_to, self.excuse_by, self.strip, self.notes,
                       self.minutes_text):
            watch(widget, self._edited)
        self.agenda.changed.connect(self._edited)
        self.attendance.on_change = self._attendance_changed
        self.reviews.on_change = self._edited
        self.date.editingFinished.connect(self._check_date)
        self.date.changed.connect(self._refresh_notice)
        self.state.currentIndexChanged.connect(self._refresh_notice)

    def _check_date(self) -> None:
        try:
            day = self.date.date()
        except ValueError as exc:
            self.rows["date"].set_error(str(exc))
            return
        self.rows["date"].set_error(None)
        if day is not None and self._base.id is None and day != self._attendance_day:
            self._members_for(day)
        if day is not None and day != self._review_day:
            self._review_day = day
            self._show_reviews(self.db.read(reviews_on, self._base.group_id, day, self._base.id,
                                            self.reviews.reviews()))

    def _show_reviews(self, reviews) -> None:
        """The tasks to review: those still open on the meeting's day (a moved meeting reviews others)."""
        self.reviews.set_reviews(reviews)
        self.no_reviews.setVisible(not reviews)
        self.reviews.setVisible(bool(reviews))
        self.tabs.setTabText(REVIEW_PAGE, f"Kontrola úkolů ({len(reviews)})")

    def _members_for(self, day: dt.date) -> None:
        """A new meeting moved to another day: members valid that day, and the number in its year."""
        guests = [line for line in self.attendance.lines() if line.is_guest]
        previous, self._attendance_day = self._attendance_day, day
        lines = self.db.read(attendance_for, self._base.group_id, day)
        self.attendance.set_lines(lines + guests)
        self._people = [(line.person_id, line.person_name) for line in lines]
        self._fill_people(self._people)
        self.agenda.tasks.set_people(self._people)
        if previous is None or day.year != previous.year:
            self.number.setValue(self.db.read(next_meeting_number, self._base.group_id, day.year))
        self._attendance_changed()

    # -- live state ----------------------------------------------------------------------------
    def _meeting_day(self) -> dt.date | None:
        try:
            return self.date.date()
        except ValueError:
            return None

    def _counts(self) -> tuple[int, int]:
        return voting_counts(self.attendance.lines())

    def _vote_outcome(self, votes_for: int, votes_against: int, votes_abstained: int, chair_votes_for: bool | None):
        members, present = self._counts()
        return resolution_outcome(self.rules, votes_for, votes_against, votes_abstained, present, members,
                                  chair_votes_for)

    def _refresh_quorum(self) -> None:
        result = meeting_quorum(self.rules, self.attendance.lines())
        color = ADOPTED_COLOR if result.has_quorum else ERROR_COLOR
        self.quorum.setText(f"<b>Usnášeníschopnost:</b> <span style='color:{color}'>{result.sentence}</span>")
        lines = self.attendance.lines()
        present = sum(1 for line in lines if line.state is AttendanceState.PRESENT)
        guests = sum(1 for line in lines if line.is_guest)
        self.attendance_counts.setText(f"Přítomno {present} z {len(lines)} (z toho hostů {guests})")

    def _refresh_notice(self) -> None:
        """While the invitation is not sent: by when it must go out under the group's notice period."""
        day = self._meeting_day()
        if day is None or self.state.currentData() is not MeetingState.PLANNED:
            self.notice.hide()
            return
        warning = notice_warning(self.rules, day, dt.date.today())
        if warning:
            self.notice.setText(f"⚠ {warning}")
            self.notice.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            self.notice.setText(f"Pozvánku rozešlete nejpozději {czech_date(invitation_deadline(self.rules, day))} "
                                f"(jednací řád: {self.rules.notice_days} dní předem).")
            self.notice.setStyleSheet(f"color: {MUTED_COLOR};")
        self.notice.show()

    def _attendance_changed(self) -> None:
        if self._loading:
            return
        self._refresh_quorum()
        self.agenda.refresh_results()
        self._edited()

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.show_dirty()
            self._update_documents()

    def _update_documents(self) -> None:
        for button in self.document_buttons.values():
            button.setEnabled(self._open_document is not None)

    # -- collecting, saving --------------------------------------------------------------------
    def collect(self) -> tuple[MeetingRecord, list[tuple[str, str]]]:
        """The meeting as the pages describe it, and (field, Czech message) for what could not be read."""
        problems: list[tuple[str, str]] = []
        dates = {}
        for name in ("date", "excuse_by"):
            try:
                dates[name] = getattr(self, name).date()
            except ValueError as exc:
                problems.append((name, str(exc)))
                dates[name] = getattr(self._base, name)
        agenda, agenda_problems = self.agenda.items()
        problems += [("tasks", p) for p in agenda_problems]
        strip = self.strip.currentData()
        verifiers = self._verifier_ids()
        record = replace(
            self._base, number=self.number.value(), year=dates["date"].year if dates["date"] else self._base.year,
            date=dates["date"], starts_at=self.starts_at.text().strip(), ends_at=self.ends_at.text().strip(),
            place=self.place.text().strip(), state=self.state.currentData(), chair_id=self.chair.currentData(),
            minute_taker_id=self.minute_taker.currentData(), verifier_ids=verifiers,
            excuse_to=self.excuse_to.text().strip(), excuse_by=dates["excuse_by"],
            notes=self.notes.toPlainText().strip(), minutes_text=self.minutes_text.toPlainText().strip(),
            funding_strip_id=None if strip in (None, GROUP_STRIP) else strip,
            agenda=agenda, attendance=self.attendance.lines(), task_reviews=self.reviews.reviews())
        return record, problems

    def is_dirty(self) -> bool:
        if self._base.id is None:
            return True
        record, problems = self.collect()
        return bool(problems) or record != self._original

    def unsaved_message(self) -> str:
        if self._base.id is None:
            return f"Nové jednání skupiny „{self._group_name}“ ještě není uloženo."
        return f"Jednání {self._base.label} skupiny „{self._group_name}“ má neuložené změny."

    def save(self) -> bool:
        record, problems = self.collect()
        if not problems:
            problems = [(p.field, p.message) for p in self.db.read(meeting_problems, record)]
        if problems:
            self._show_problems(problems)
            return False
        try:
            action, record, meeting_id = save_resolving_conflicts(
                self, lambda r: self.db.write(save_meeting, r), record, self._loaded, MEETING_SHAPE,
                meeting_labels(FreshNames(self._names, self._read_names), self._strip_names))
        except UserError as exc:
            tell_refused(self, "Uložit jednání", exc)
            return False
        if action is None:
            return False
        page = self.tabs.currentIndex()
        self._show_problems([])
        shown = record if action == "theirs" else self.db.read(load_meeting, meeting_id)
        self._offer_people_named_in(shown)
        self._load(shown)
        self.tabs.setCurrentIndex(page)
        self.status.setText("Uloženo." if action == "saved" else "Zobrazeno jednání, jak je uložené.")
        return action == "saved"

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        by_field: dict[str, list[str]] = {}
        for name, message in problems:
            by_field.setdefault(name, []).append(message)
        for name, row in self.rows.items():
            row.set_error("\n".join(by_field.get(name, []) + (by_field.get("ends_at", []) if name == "starts_at"
                                                              else [])) or None)
        elsewhere = [m for name, messages in by_field.items() if name not in self.rows for m in messages]
        self.problems_label.setText("\n".join(elsewhere))
        self.problems_label.setVisible(bool(elsewhere))
        if problems:
            self.show_error_count(len(problems))
            if any(name in self.rows for name in by_field):
                self.tabs.setCurrentIndex(HEADER_PAGE)
            elif any(name in ("agenda", "resolutions", "tasks") for name in by_field):
                self.tabs.setCurrentIndex(AGENDA_PAGE)
            elif "attendance" in by_field:
                self.tabs.setCurrentIndex(ATTENDANCE_PAGE)

    # -- commands ------------------------------------------------------------------------------
    def copy_last_agenda(self) -> None:
        items = self.db.read(copy_agenda_from_last, self._base.group_id)
        if len(items) <= 1:
            QMessageBox.information(self, "Převzít program", "Skupina zatím nemá žádné předchozí jednání s programem.")
            return
        self.agenda.add_records(items)

    def fill_minutes_text(self) -> None:
        if self.minutes_text.toPlainText().strip():
            answer = QMessageBox.question(self, "Text zápisu", "Nahradit upravený text zápisu textem podle údajů?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        if not self._ensure_saved("Text zápisu se připraví z uložených údajů jednání."):
            return
        self.minutes_text.setPlainText(minutes_text(self.db.read(collect_meeting, self._base.id)))

    def _ensure_saved(self, why: str) -> bool:
        if self._base.id is not None and not self.is_dirty():
            return True
        answer = QMessageBox.question(self, "Uložit jednání", f"{why}\nJednání nejprve uložit?")
        return answer == QMessageBox.StandardButton.Yes and self.save()

    def show_document(self, kind: str) -> None:
        if self._open_document is None:
            return
        if self._ensure_saved("Dokument se vytváří z uložených údajů jednání."):
            self._open_document(kind, self._base.id)
