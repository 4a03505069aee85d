"""A seat in a group: who (an existing person, a new one, or one picked from the directory's
providers), the role, the vote and the period. Saved at once (db.meetings.queries.save_membership)."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QDialog, QFormLayout, QHBoxLayout,
    QPushButton, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError, ValidationError
from db.meetings.models import MembershipRole
from db.meetings.queries import list_people, person_from_provider, provider_choices, save_membership
from db.meetings.records import MembershipRecord, PersonRecord
from desktop.directory.fields import (
    DateField, FieldRow, error_label, note_label, parse_czech_date, set_combo_data, watch,
)
from desktop.meetings.editor_dialog import EditorDialog
from desktop.meetings.labels import MEMBERSHIP_ROLES
from desktop.meetings.person_dialog import PersonDialog
from desktop.widgets.dialog_buttons import dialog_buttons
from desktop.widgets.failures import tell_refused


def searchable_combo() -> QComboBox:
    """A chooser the clerk can also type into; typing filters by any part of the text."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    # Long names must not widen the dialog beyond the screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return combo


class ProviderPickDialog(QDialog):
    """Pick a provider of the directory and, if its services name one, a contact person."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Osoba z adresáře poskytovatelů")
        self.setMinimumWidth(520)
        self._choices = db.read(provider_choices)
        self.provider = searchable_combo()
        for choice in self._choices:
            self.provider.addItem(f"{choice.name} ({choice.town})" if choice.town else choice.name, choice.id)
        self.contact = searchable_combo()
        self.contact.lineEdit().setPlaceholderText("jméno a příjmení, např. Mgr. Jana Nováková")
        self.provider.currentIndexChanged.connect(self._provider_changed)
        form = QFormLayout()
        form.addRow("Poskytovatel:", self.provider)
        form.addRow("Osoba:", self.contact)
        hint = note_label("Organizace a role „poskytovatel“ se vyplní podle adresáře; jméno lze vybrat "
                          "z kontaktních osob služeb nebo napsat.")
        buttons = dialog_buttons(self, "Pokračovat")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if not self._choices:
            self.provider.setEnabled(False)
            hint.setText("Adresář poskytovatelů je prázdný.")
        self._provider_changed(self.provider.currentIndex())

    def _provider_changed(self, index: int) -> None:
        self.contact.clear()
        if 0 <= index < len(self._choices):
            self.contact.addItems(self._choices[index].contacts)
        self.contact.setEditText("")

    def chosen(self) -> tuple[int, str] | None:
        provider_id = self.provider.currentData()
        return (provider_id, self.contact.currentText().strip()) if provider_id is not None else None


def new_person_from_provider(db: Database, parent: QWidget) -> int | None:
    """Directory provider → a prefilled person editor; returns the new person's id once saved."""
    picker = ProviderPickDialog(db, parent)
    if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen() is None:
        return None
    try:
        record = db.read(person_from_provider, *picker.chosen())
    except UserError as exc:
        tell_refused(parent, "Osoba z adresáře", exc)
        return None
    editor = PersonDialog(db, record, parent)
    return editor.saved_id if editor.exec() == QDialog.DialogCode.Accepted else None


class MembershipDialog(EditorDialog):
    def __init__(self, db: Database, record: MembershipRecord, group_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._base = record
        self.saved_id: int | None = None
        self.setWindowTitle(f"{'Nový člen' if record.id is None else 'Členství'} – {group_name}")
        self.setMinimumWidth(560)
        self.person = searchable_combo()
        self.person.lineEdit().setPlaceholderText("vyberte nebo začněte psát příjmení…")
        new_person = QPushButton("Nová osoba…")
        from_directory = QPushButton("Z adresáře poskytovatelů…")
        new_person.clicked.connect(self._new_person)
        from_directory.clicked.connect(self._from_directory)
        person_buttons = QHBoxLayout()
        person_buttons.addWidget(new_person)
        person_buttons.addWidget(from_directory)
        person_buttons.addStretch(1)
        self.role = QComboBox()
        self.role.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for role in MembershipRole:
            self.role.addItem(MEMBERSHIP_ROLES[role], role)
        self.voting = QCheckBox("má hlasovací právo")
        self.valid_from = DateField(with_today=True)
        self.valid_to = DateField(with_today=True)
        self.rows = {name: FieldRow(widget) for name, widget in (
            ("person", self.person), ("valid_from", self.valid_from), ("valid_to", self.valid_to))}
        self.general = error_label()
        form = QFormLayout()
        form.addRow("Osoba:", self.rows["person"])
        form.addRow("", person_buttons)
        form.addRow("Role ve skupině:", self.role)
        form.addRow("", self.voting)
        form.addRow("Členem od:", self.rows["valid_from"])
        form.addRow("Členem do:", self.rows["valid_to"])
        hint = note_label("Odchod člena zapište datem „do“: v minulých jednáních zůstane uveden.")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addLayout(self.button_bar())
        self._fill_people(record.person_id)
        set_combo_data(self.role, record.role)
        self.voting.setChecked(record.voting)
        self.valid_from.set_date(record.valid_from)
        self.valid_to.set_date(record.valid_to)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self._original = self.state()
        for widget in (self.person, self.role, self.voting, self.valid_from, self.valid_to):
            watch(widget, self.show_dirty)

    def _fill_people(self, selected: int | None) -> None:
        people = self.db.read(list_people)
        self.person.blockSignals(True)
        self.person.clear()
        for row in people:
            if row.active or row.id == selected:
                text = f"{row.sort_name} – {row.organisation}" if row.organisation else row.sort_name
                self.person.addItem(text, row.id)
        self.person.setCurrentIndex(-1)
        if selected is not None:
            set_combo_data(self.person, selected)
        self.person.blockSignals(False)

    def _role_changed(self, *_args) -> None:
        guest = self.role.currentData() is MembershipRole.GUEST
        self.voting.setEnabled(not guest)
        if guest:
            self.voting.setChecked(False)

    def _new_person(self) -> None:
        editor = PersonDialog(self.db, PersonRecord(), self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_id is not None:
            self._fill_people(editor.saved_id)
            self.show_dirty()

    def _from_directory(self) -> None:
        person_id = new_person_from_provider(self.db, self)
        if person_id is not None:
            self._fill_people(person_id)
            self.show_dirty()

    def _person_id(self) -> int | None:
        text = self.person.currentText().strip()
        index = self.person.findText(text)
        return self.person.itemData(index) if text and index >= 0 else None

    def state(self) -> tuple:
        return (self._person_id(), self.role.currentData(), self.voting.isChecked(), self.valid_from.text(),
                self.valid_to.text())

    def is_dirty(self) -> bool:
        return self._base.id is None or self.state() != self._original

    def unsaved_message(self) -> str:
        return "Členství není uloženo."

    def save(self) -> bool:
        errors: dict[str, str] = {}
        person_id = self._person_id()
        if person_id is None:
            errors["person"] = "Vyberte osobu ze seznamu, nebo ji založte tlačítkem „Nová osoba…“."
        dates = {}
        for name in ("valid_from", "valid_to"):
            try:
                dates[name] = parse_czech_date(getattr(self, name).text())
            except ValueError as exc:
                errors[name] = str(exc)
        if not errors and dates["valid_from"] and dates["valid_to"] and dates["valid_from"] > dates["valid_to"]:
            errors["valid_to"] = "Členství nemůže skončit dříve, než začalo."
        for name, row in self.rows.items():
            row.set_error(errors.get(name))
        self.general.hide()
        if errors:
            self.show_error_count(len(errors))
            return False
        record = replace(self._base, person_id=person_id, role=self.role.currentData(),
                         voting=self.voting.isChecked(), person_name="", **dates)
        try:
            self.saved_id = self.db.write(save_membership, record, self._base)
        except ValidationError as exc:
            self.general.setText("\n".join(message for _field, message in exc.problems))
            self.general.show()
            self.show_error_count(len(exc.problems))
            return False
        except UserError as exc:
            tell_refused(self, "Uložit členství", exc)
            return False
        return True


def membership_from_row(row, group_id: int) -> MembershipRecord:
    return MembershipRecord(id=row.membership_id, group_id=group_id, person_id=row.person_id, role=row.role,
                            voting=row.voting, valid_from=row.valid_from, valid_to=row.valid_to,
                            person_name=row.name, organisation=row.organisation)

