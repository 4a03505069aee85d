"""A person of the groups: name and titles, organisation (free text or a provider of the directory),
role in the triad, contacts, consent to keep the contacts, and "no longer active"."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QFormLayout, QGroupBox, QLabel, QLineEdit,
    QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError
from db.meetings.models import TriadRole
from db.meetings.queries import load_person, provider_choices, save_person
from db.meetings.records import PERSON_SHAPE, PersonRecord
from db.meetings.validation import person_problems
from db.validation import check_email, check_phone
from desktop.directory.fields import (
    MUTED_COLOR, DateField, FieldRow, align_labels, form_layout, parse_czech_date, set_combo_data, watch,
)
from desktop.directory.formatting import czech_date, czech_datetime
from desktop.meetings.conflicts import person_labels
from desktop.meetings.editor_dialog import EditorDialog
from desktop.meetings.labels import TRIAD_ROLES
from desktop.widgets.conflict_dialog import save_resolving_conflicts
from desktop.widgets.failures import tell_refused
from desktop.widgets.fresh_names import FreshNames

_TEXT = ("title_before", "first_name", "last_name", "title_after", "organisation", "email", "phone")


def person_state(record: PersonRecord) -> dict:
    state = {name: getattr(record, name).strip() for name in _TEXT}
    state.update(note=record.note.strip(), provider_id=record.provider_id, triad_role=record.triad_role,
                 consent_on=czech_date(record.consent_on), active=record.active)
    return state


class PersonDialog(EditorDialog):
    """Edit (or create, with `record.id is None`) one person; `saved_id` holds the id after Uložit."""

    def __init__(self, db: Database, record: PersonRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._base = record
        self.saved_id: int | None = None
        self.resize(560, 640)
        self.rows: dict[str, FieldRow] = {}

        self.title_before = QLineEdit()
        self.title_before.setPlaceholderText("Mgr.")
        self.title_before.setMaximumWidth(110)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.title_after = QLineEdit()
        self.title_after.setPlaceholderText("Ph.D.")
        self.title_after.setMaximumWidth(110)
        self.organisation = QLineEdit()
        self.provider = QComboBox()
        self.provider.setEditable(True)
        self.provider.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.provider.lineEdit().setPlaceholderText("vyberte nebo začněte psát název…")
        self.provider.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.provider.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # Provider names are long: the chooser must not widen the dialog beyond the screen.
        self.provider.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.provider.setMinimumContentsLength(24)
        self._provider_names: dict[int, str] = {}
        self._fill_providers()
        self.provider.setToolTip("Pracuje-li osoba u poskytovatele z adresáře, vyberte ho; "
                                 "organizace se vyplní sama.")
        self.triad_role = QComboBox()
        for role in TriadRole:
            self.triad_role.addItem(TRIAD_ROLES[role], role)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("např. 603 123 456")
        self.consent_on = DateField(with_today=True)
        self.consent_on.setToolTip("Den, kdy osoba souhlasila s uchováním svých kontaktních údajů.")
        self.note = QPlainTextEdit()
        self.note.setMinimumHeight(60)
        self.note.setMaximumHeight(100)
        self.inactive = QCheckBox("Již neaktivní")
        self.inactive.setToolTip("Neaktivní osoba se nenabízí do nových skupin a jednání; "
                                 "v minulých jednáních a zápisech zůstává.")
        self.meta = QLabel()
        self.meta.setStyleSheet(f"color: {MUTED_COLOR};")

        names = QGroupBox("Osoba")
        form = form_layout(names)
        forms: list[QFormLayout] = [form]
        form.addRow("Titul před:", self._row("title_before", self.title_before))
        form.addRow("Jméno:", self._row("first_name", self.first_name))
        form.addRow("Příjmení:", self._row("last_name", self.last_name))
        form.addRow("Titul za:", self._row("title_after", self.title_after))
        form.addRow("Role v triádě:", self.triad_role)
        work = QGroupBox("Organizace a kontakt")
        form = form_layout(work)
        forms.append(form)
        form.addRow("Poskytovatel z adresáře:", self.provider)
        form.addRow("Organizace:", self._row("organisation", self.organisation))
        form.addRow("E-mail:", self._row("email", self.email))
        form.addRow("Telefon:", self._row("phone", self.phone))
        form.addRow("Souhlas s údaji ode dne:", self._row("consent_on", self.consent_on))
        form.addRow("Poznámka:", self.note)
        form.addRow("", self.inactive)
        form.addRow("", self.meta)
        align_labels(forms)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(names)
        inner.addWidget(work)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(self.button_bar())

        self._load(record)
        for widget in (self.title_before, self.first_name, self.last_name, self.title_after, self.organisation,
                       self.triad_role, self.email, self.phone, self.consent_on, self.note, self.inactive):
            watch(widget, self.show_dirty)
        self.provider.currentIndexChanged.connect(self._provider_chosen)
        for name, check in (("email", check_email), ("phone", check_phone)):
            edit: QLineEdit = getattr(self, name)
            edit.editingFinished.connect(lambda n=name, c=check, e=edit: self.rows[n].set_error(c(e.text())))
        self.last_name.editingFinished.connect(lambda: self.rows["last_name"].set_error(
            None if self.last_name.text().strip() else "Vyplňte příjmení."))
        (self.first_name if record.id is None else self.last_name).setFocus()

    def _row(self, name: str, widget: QWidget) -> FieldRow:
        self.rows[name] = FieldRow(widget)
        return self.rows[name]

    def _read_provider_names(self) -> dict[int, str]:
        return {p.id: p.name for p in self.db.read(provider_choices)}

    def _fill_providers(self) -> None:
        """Offer the directory's providers (again: the stored person may name one added meanwhile)."""
        self._provider_names = self._read_provider_names()
        self.provider.blockSignals(True)
        self.provider.clear()
        self.provider.addItem("", None)
        for provider_id, name in self._provider_names.items():
            self.provider.addItem(name, provider_id)
        self.provider.blockSignals(False)

    def _load(self, record: PersonRecord) -> None:
        """Show `record` as stored; it is the base her edits are compared with on a conflict."""
        if record.provider_id is not None and record.provider_id not in self._provider_names:
            self._fill_providers()
        self._base = record
        self._original = person_state(record)
        self._set_state(self._original)
        self.setWindowTitle("Nová osoba" if record.id is None else f"Osoba – {record.display_name}")

    def _set_state(self, state: dict) -> None:
        for name in _TEXT:
            getattr(self, name).setText(state[name])
        self.note.setPlainText(state["note"])
        self.provider.blockSignals(True)
        set_combo_data(self.provider, state["provider_id"])
        self.provider.blockSignals(False)
        set_combo_data(self.triad_role, state["triad_role"])
        self.consent_on.edit.setText(state["consent_on"])
        self.inactive.setChecked(not state["active"])
        base = self._base
        self.meta.setText("Nová osoba – zatím neuložena." if base.id is None else
                          f"Naposledy změněno {czech_datetime(base.changed_at)}" if base.changed_at else "")

    def _provider_chosen(self, _index: int) -> None:
        provider_id = self.provider.currentData()
        if provider_id is not None:
            self.organisation.setText(self._provider_names[provider_id])
            if self.triad_role.currentData() is TriadRole.PUBLIC:
                set_combo_data(self.triad_role, TriadRole.PROVIDER)
        self.show_dirty()

    def state(self) -> dict:
        state = {name: getattr(self, name).text().strip() for name in _TEXT}
        provider_id = self.provider.currentData()
        # A provider picked and then typed over is no provider: the text no longer names it.
        if self.provider.currentText().strip() != self._provider_names.get(provider_id, ""):
            provider_id = None
        state.update(note=self.note.toPlainText().strip(), provider_id=provider_id,
                     triad_role=self.triad_role.currentData(), consent_on=self.consent_on.text(),
                     active=not self.inactive.isChecked())
        return state

    def is_dirty(self) -> bool:
        return self._base.id is None or self.state() != self._original

    def unsaved_message(self) -> str:
        name = " ".join(p for p in (self.first_name.text().strip(), self.last_name.text().strip()) if p)
        return f"Osoba „{name or 'nová osoba'}“ má neuložené změny."

    def record(self) -> tuple[PersonRecord, list]:
        state = self.state()
        problems = []
        try:
            consent_on = parse_czech_date(state.pop("consent_on"))
        except ValueError as exc:
            problems.append(("consent_on", str(exc)))
            consent_on = None
        return replace(self._base, **state, consent_on=consent_on), problems

    def save(self) -> bool:
        record, problems = self.record()
        messages = {name: message for name, message in problems}
        for problem in person_problems(record):
            messages.setdefault(problem.field, problem.message)
        for name, row in self.rows.items():
            row.set_error(messages.get(name))
        if messages:
            self.show_error_count(len(messages))
            next(row for name, row in self.rows.items() if name in messages).input.setFocus()
            return False
        try:
            action, record, saved_id = save_resolving_conflicts(
                self, lambda r: self.db.write(save_person, r), record, self._base, PERSON_SHAPE,
                person_labels(FreshNames(self._provider_names, self._read_provider_names)))
        except UserError as exc:  # ValidationError included: another window changed the data meanwhile
            tell_refused(self, "Uložit osobu", exc)
            return False
        if action == "theirs":
            self._load(record)
            self.show_dirty()
        if action != "saved":
            return False
        self.saved_id = saved_id
        self._load(self.db.read(load_person, saved_id))  # with the merge and the new version
        return True
