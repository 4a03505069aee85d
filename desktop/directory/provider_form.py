"""The provider's own fields: name, IČO, legal form, seat, contacts, datová schránka, verification."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from db.directory.queries import EditorChoices
from db.directory.records import ProviderRecord
from db.directory.validation import Problem
from db.text import normalize_text
from db.validation import check_data_box, check_email, check_ico, check_phone, check_psc, check_web
from desktop.directory.fields import DateField, note_label, parse_czech_date, set_combo_data, show_lines, watch
from desktop.directory.formatting import czech_date, record_meta
from desktop.directory.record_form import RecordForm
from desktop.widgets.choice_lists import refill_combo

_TEXT_FIELDS = ("name", "ico", "street", "town", "postcode", "phone", "email", "web", "data_box", "note")
_MULTILINE = {"note"}
# Fields that reach the printed booklet, with the label the clerk sees (for the unprintable warning).
_PRINTED = {"name": "Název", "street": "Ulice", "town": "Obec", "phone": "Telefon", "email": "E-mail",
            "web": "Web"}


def provider_state(record: ProviderRecord) -> dict:
    state = {name: normalize_text(getattr(record, name), name in _MULTILINE) for name in _TEXT_FIELDS}
    state["legal_form_id"] = record.legal_form_id
    state["verified_on"] = czech_date(record.verified_on)
    return state


def provider_record(state: dict, base: ProviderRecord) -> tuple[ProviderRecord, list[Problem]]:
    """The provider part of the record (services are filled in by the caller)."""
    problems = []
    try:
        verified_on = parse_czech_date(state["verified_on"])
    except ValueError as exc:
        problems.append(Problem("verified_on", str(exc), None, "Ověřeno dne"))
        verified_on = None
    record = replace(base, **{name: state[name] for name in _TEXT_FIELDS},
                     legal_form_id=state["legal_form_id"], verified_on=verified_on, services=[])
    return record, problems


class ProviderForm(RecordForm):
    def __init__(self, choices: EditorChoices, parent: QWidget | None = None):
        super().__init__(parent)
        layout = self._start_page()

        self.name = QLineEdit()
        self.ico = QLineEdit()
        self.ico.setMaxLength(8)
        self.ico.setMaximumWidth(100)
        self.legal_form = QComboBox()
        self.set_choices(choices)
        self.street = QLineEdit()
        self.town = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setMaximumWidth(70)
        self.postcode.setPlaceholderText("NNN NN")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("např. 318 123 456; +420 603 123 456")
        self.email = QLineEdit()
        self.web = QLineEdit()
        self.web.setPlaceholderText("např. www.poskytovatel.cz")
        self.data_box = QLineEdit()
        self.data_box.setMaxLength(7)
        self.data_box.setMaximumWidth(90)
        self.verified_on = DateField(with_today=True)
        self.verified_on.setToolTip("Kdy poskytovatel naposledy potvrdil, že jsou jeho údaje aktuální.")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Interní poznámka, netiskne se.")
        show_lines(self.note, 3)
        self.meta = note_label()

        form = self._section(layout, "Poskytovatel")
        form.addRow("Název:", self._row("name", self.name))
        form.addRow("IČO:", self._row("ico", self.ico))
        form.addRow("Právní forma:", self.legal_form)

        form = self._section(layout, "Sídlo")
        form.addRow("Ulice a č. p.:", self._row("street", self.street))
        form.addRow("Obec:", self._row("town", self.town))
        form.addRow("PSČ:", self._row("postcode", self.postcode))

        form = self._section(layout, "Kontakt")
        form.addRow("Telefon:", self._row("phone", self.phone))
        form.addRow("E-mail:", self._row("email", self.email))
        form.addRow("Web:", self._row("web", self.web))
        form.addRow("Datová schránka:", self._row("data_box", self.data_box))

        form = self._section(layout, "Evidence")
        form.addRow("Ověřeno dne:", self._row("verified_on", self.verified_on))
        form.addRow("Poznámka:", self._row("note", self.note))
        form.addRow("", self.meta)
        self._finish_page(layout)
        self._connect()

    def set_choices(self, choices: EditorChoices) -> None:
        """Offer the legal forms (again after a codelist change), keeping the chosen one."""
        refill_combo(self.legal_form, choices.legal_forms, leading=[("—", None)])

    def printed_texts(self) -> dict[str, str]:
        return {label: getattr(self, name).text() for name, label in _PRINTED.items()}

    def _connect(self) -> None:
        for widget in (self.name, self.ico, self.legal_form, self.street, self.town, self.postcode, self.phone,
                       self.email, self.web, self.data_box, self.verified_on, self.note):
            watch(widget, self._changed)
        self.name.textEdited.connect(self.name_edited)
        self.ico.editingFinished.connect(self.check_ico)
        self.verified_on.editingFinished.connect(self._check_verified_on)
        self._check_on_leave({"name": lambda text: None if text.strip() else "Vyplňte název poskytovatele.",
                              "postcode": check_psc, "phone": check_phone, "email": check_email, "web": check_web,
                              "data_box": check_data_box})

    def check_ico(self) -> None:
        self._check_key("ico", check_ico)

    def _check_verified_on(self) -> None:
        try:
            self.verified_on.date()
        except ValueError as exc:
            self.rows["verified_on"].set_error(str(exc))
            return
        self.rows["verified_on"].set_error(None)

    def state(self) -> dict:
        # Normalised as stored (db/text.py): text pasted from a web page loses its invisible marks here.
        state = {name: normalize_text(getattr(self, name).text()) for name in _TEXT_FIELDS if name != "note"}
        state["note"] = normalize_text(self.note.toPlainText(), multiline=True)
        state["legal_form_id"] = self.legal_form.currentData()
        state["verified_on"] = self.verified_on.text()
        return state

    def set_state(self, state: dict, base: ProviderRecord) -> None:
        self._loading = True
        try:
            for name in _TEXT_FIELDS:
                if name != "note":
                    getattr(self, name).setText(state[name])
                    getattr(self, name).setCursorPosition(0)
            self.note.setPlainText(state["note"])
            set_combo_data(self.legal_form, state["legal_form_id"])
            self.verified_on.edit.setText(state["verified_on"])
            self.meta.setText("Nový poskytovatel – zatím neuložen." if base.id is None
                              else record_meta(base.source, base.changed_at, base.changed_by))
        finally:
            self._loading = False
        self.show_problems([])
        self.verticalScrollBar().setValue(0)
