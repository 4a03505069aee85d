"""The form of one service. The detail editor keeps a plain `state` dict per service (what the widgets
show) and turns it into a ServiceRecord only on save, so half-typed values survive switching services."""
from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from db.directory.models import FeeKind, ServiceStatus
from db.directory.queries import STATUS_LABELS, EditorChoices, kind_key
from db.directory.records import FormRecord, OpeningInterval, PlaceRecord, ServiceRecord
from db.directory.validation import Problem
from db.directory.opening_hours import WEEKDAYS, format_intervals, parse_intervals
from db.text import normalize_text
from db.validation import check_email, check_phone, check_registry_id, check_web, normalize_psc
from desktop.directory.fields import (
    DateField, FieldRow, OptionalSpinBox, form_layout, note_label, parse_czech_date, set_combo_data, show_lines, watch,
)
from desktop.directory.formatting import czech_date, record_meta
from desktop.directory.record_form import RecordForm
from desktop.directory.service_parts import FormsEditor, HoursEditor, PlacesEditor, TargetGroupsEditor

FEE_CHOICES = (("", "neuvedeno"), (FeeKind.FREE.value, "bez úhrady"), (FeeKind.PAID.value, "za úhradu"))
_TEXT_FIELDS = ("name", "registry_id", "age_note", "opening_note", "contact_person", "phone", "email", "web",
                "fee_note", "description", "note")
_MULTILINE = {"description", "note"}
_LINE_FIELDS = ("name", "registry_id", "age_note", "areas", "opening_note", "contact_person", "phone", "email",
                "web", "fee_note")
# Fields that reach the printed booklet, with the label the clerk sees (for the unprintable warning).
_PRINTED = {"name": "Název", "age_note": "Věk – poznámka", "areas": "Územní působnost",
            "opening_note": "Provozní doba – poznámka", "contact_person": "Kontaktní osoba", "phone": "Telefon",
            "email": "E-mail", "web": "Web", "fee_note": "Úhrada – poznámka"}


def service_state(record: ServiceRecord) -> dict:
    """What the form shows for a record."""
    days: list[list[tuple[str, str]]] = [[] for _ in WEEKDAYS]
    for interval in sorted(record.opening_hours):
        days[interval.weekday].append((interval.opens, interval.closes))
    state = {name: normalize_text(getattr(record, name), name in _MULTILINE) for name in _TEXT_FIELDS}
    state.update({
        "kind": kind_key(record.service_type_id, record.related_category_id),
        "status": record.status.value,
        "ended_on": czech_date(record.ended_on),
        "in_booklet": record.in_booklet,
        "forms": tuple(sorted((f.form_id, f.capacity, f.capacity_unit_id) for f in record.forms)),
        "target_groups": tuple(sorted(set(record.target_group_ids))),
        "age_from": record.age_from,
        "age_to": record.age_to,
        "places": tuple((normalize_text(p.name), normalize_text(p.street), normalize_text(p.town),
                         normalize_psc(p.postcode), p.secret)
                        for p in record.places),
        "areas": "; ".join(record.areas),
        "hours": tuple(format_intervals(day) for day in days),
        "fee": record.fee.value if record.fee else "",
    })
    return state


def service_record(state: dict, base: ServiceRecord, index: int) -> tuple[ServiceRecord, list[Problem]]:
    """The record the form state describes; unreadable dates and hours come back as problems."""
    problems = []
    kind = state["kind"]
    try:
        ended_on = parse_czech_date(state["ended_on"]) if state["status"] == ServiceStatus.ENDED.value else None
    except ValueError as exc:
        problems.append(Problem("status", f"Datum ukončení: {exc}", index))
        ended_on = None
    hours = []
    for weekday, text in enumerate(state["hours"]):
        try:
            hours += [OpeningInterval(weekday, a, b) for a, b in parse_intervals(text)]
        except ValueError as exc:
            problems.append(Problem(f"hours:{weekday}", str(exc), index))
    record = replace(
        base, **{name: state[name] for name in _TEXT_FIELDS},
        service_type_id=int(kind[2:]) if kind.startswith("t:") else None,
        related_category_id=int(kind[2:]) if kind.startswith("c:") else None,
        status=ServiceStatus(state["status"]), ended_on=ended_on, in_booklet=state["in_booklet"],
        forms=[FormRecord(*f) for f in state["forms"]], target_group_ids=list(state["target_groups"]),
        age_from=state["age_from"], age_to=state["age_to"],
        places=[PlaceRecord(*p) for p in state["places"] if any(p[:4])],
        areas=[a.strip() for a in re.split(r"[;,\n]", state["areas"]) if a.strip()],
        opening_hours=hours, fee=FeeKind(state["fee"]) if state["fee"] else None)
    return record, problems


class ServiceEditor(RecordForm):
    """All fields of one service, in sections, with inline checks."""

    new_category_requested = Signal()

    def __init__(self, choices: EditorChoices, parent: QWidget | None = None):
        super().__init__(parent)
        layout = self._start_page()

        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.setMinimumContentsLength(14)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        new_category = QPushButton("Nová kategorie…")
        new_category.setToolTip("Přidat kategorii související služby do seznamu")
        new_category.clicked.connect(self.new_category_requested)
        self.registry_id = QLineEdit()
        self.registry_id.setMaxLength(7)
        self.registry_id.setMaximumWidth(90)
        self.status = QComboBox()
        for status in ServiceStatus:
            self.status.addItem(STATUS_LABELS[status], status.value)
        self.ended_on = DateField()
        self.in_booklet = QCheckBox("Zařadit do tištěného přehledu")
        self.meta = note_label()

        form = self._section(layout, "Služba")
        form.addRow("Název:", self._row("name", self.name))
        # The button under the combo, not beside it: the § names are long and a narrow screen would
        # otherwise leave both cut („Nová kategorie…“ read „No“).
        kind_line = QWidget()
        kind_layout = QVBoxLayout(kind_line)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.setSpacing(2)
        kind_layout.addWidget(self.kind)
        kind_layout.addWidget(new_category, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow("Druh / kategorie:", self._row("kind", kind_line))
        form.addRow("Identifikátor:", self._row("registry_id", self.registry_id))
        status_line = QWidget()
        status_layout = QHBoxLayout(status_line)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.status)
        self.ended_label = QLabel("ke dni")
        status_layout.addWidget(self.ended_label)
        status_layout.addWidget(self.ended_on)
        status_layout.addStretch(1)
        form.addRow("Stav:", self._row("status", status_line))
        form.addRow("", self.in_booklet)
        form.addRow("", self.meta)

        self.forms = FormsEditor(choices.forms, choices.capacity_units)
        forms_box = QGroupBox("Formy poskytování a kapacita")
        QVBoxLayout(forms_box).addWidget(self._row("forms", self.forms))
        layout.addWidget(forms_box)

        self.target_groups = TargetGroupsEditor(choices.target_groups)
        self.age_from = OptionalSpinBox(130)
        self.age_to = OptionalSpinBox(130)
        self.age_note = QLineEdit()
        self.age_note.setPlaceholderText("např. mladší senioři (65–80 let)")
        form = self._section(layout, "Klienti")
        form.addRow("Cílové skupiny:", self.target_groups)
        age_line = QWidget()
        age_layout = QHBoxLayout(age_line)
        age_layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("od", self.age_from), ("do", self.age_to)):
            age_layout.addWidget(QLabel(text))
            age_layout.addWidget(widget)
        age_layout.addWidget(QLabel("let"))
        age_layout.addStretch(1)
        form.addRow("Věk:", self._row("age", age_line))
        form.addRow("Věková skupina:", self._row("age_note", self.age_note))

        self.places = PlacesEditor()
        self.rows["places"] = self.places.field
        self.areas = QLineEdit()
        self.areas.setPlaceholderText("obce oddělené středníkem, např. Příbram; Dobříš; Milín")
        where = QGroupBox("Místa poskytování a územní působnost")
        where_layout = QVBoxLayout(where)
        where_layout.addWidget(self.places)
        form = self._form(form_layout())
        form.addRow("Územní působnost:", self._row("areas", self.areas))
        where_layout.addLayout(form)
        layout.addWidget(where)

        self.hours = HoursEditor(self)
        self.opening_note = QLineEdit()
        self.opening_note.setPlaceholderText("např. terénní služba po telefonické domluvě")
        form = self._section(layout, "Provozní doba")
        self.hours.add_rows(form)
        copy_line = QWidget()
        copy_layout = QHBoxLayout(copy_line)
        copy_layout.setContentsMargins(0, 0, 0, 0)
        copy_layout.addWidget(self.hours.copy_button)
        copy_layout.addStretch(1)
        form.addRow("", self._row("hours", copy_line))
        form.addRow("Poznámka:", self._row("opening_note", self.opening_note))

        self.contact_person = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("např. 318 123 456; +420 603 123 456")
        self.email = QLineEdit()
        self.web = QLineEdit()
        self.fee = QComboBox()
        for value, label in FEE_CHOICES:
            self.fee.addItem(label, value)
        self.fee_note = QLineEdit()
        self.fee_note.setPlaceholderText("např. dle sazebníku, 135 Kč/hod.")
        form = self._section(layout, "Kontakt a úhrada")
        form.addRow("Kontaktní osoba:", self._row("contact_person", self.contact_person))
        form.addRow("Telefon:", self._row("phone", self.phone))
        form.addRow("E-mail:", self._row("email", self.email))
        form.addRow("Web:", self._row("web", self.web))
        fee_line = QWidget()
        fee_layout = QHBoxLayout(fee_line)
        fee_layout.setContentsMargins(0, 0, 0, 0)
        fee_layout.addWidget(self.fee)
        fee_layout.addWidget(self.fee_note, 1)
        form.addRow("Úhrada:", self._row("fee_note", fee_line))

        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("Krátký popis služby pro tištěný přehled (2–4 věty).")
        show_lines(self.description, 5)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Interní poznámka, netiskne se.")
        show_lines(self.note, 3)
        form = self._section(layout, "Popis")
        form.addRow("Popis pro tisk:", self._row("description", self.description))
        form.addRow("Poznámka:", self._row("note", self.note))
        self._finish_page(layout)

        self.set_choices(choices)
        self._connect()

    def _connect(self) -> None:
        for widget in (self.name, self.kind, self.registry_id, self.status, self.ended_on, self.in_booklet,
                       self.age_from, self.age_to, self.age_note, self.areas, self.opening_note,
                       self.contact_person, self.phone, self.email, self.web, self.fee, self.fee_note,
                       self.description, self.note):
            watch(widget, self._changed)
        for part in (self.forms, self.target_groups, self.places, self.hours):
            part.changed.connect(self._changed)
        self.name.textEdited.connect(self.name_edited)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.kind.currentIndexChanged.connect(lambda: self.rows["kind"].set_error(None))
        self.kind.currentTextChanged.connect(self.kind.setToolTip)  # the whole § name, however narrow
        self.registry_id.editingFinished.connect(self.check_registry_id)
        self.ended_on.editingFinished.connect(self._check_ended_on)
        self.age_from.valueChanged.connect(self._check_age)
        self.age_to.valueChanged.connect(self._check_age)
        self._check_on_leave({"name": lambda text: None if text.strip() else "Vyplňte název služby.",
                              "phone": check_phone, "email": check_email, "web": check_web})

    def _status_changed(self) -> None:
        ended = self.status.currentData() == ServiceStatus.ENDED.value
        self.ended_on.setVisible(ended)
        self.ended_label.setVisible(ended)
        if not ended:
            self.rows["status"].set_error(None)

    # -- inline checks ----------------------------------------------------------------------------
    def check_registry_id(self) -> None:
        self._check_key("registry_id", check_registry_id)

    def _check_ended_on(self) -> None:
        try:
            self.ended_on.date()
        except ValueError as exc:
            self.rows["status"].set_error(f"Datum ukončení: {exc}")
            return
        self.rows["status"].set_error(None)

    def _check_age(self) -> None:
        low, high = self.age_from.number(), self.age_to.number()
        self.rows["age"].set_error("Věk „od“ nesmí být vyšší než věk „do“."
                                   if low is not None and high is not None and low > high else None)

    # -- state ------------------------------------------------------------------------------------
    def set_choices(self, choices: EditorChoices) -> None:
        """Offer the codelists' entries (again after a codelist change) keeping what the form shows."""
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("— vyberte druh služby —", "")
        for type_id, label in choices.service_types:
            self.kind.addItem(label, f"t:{type_id}")
        self.kind.insertSeparator(self.kind.count())
        for category_id, name in choices.related_categories:
            self.kind.addItem(f"{name} (související služba)", f"c:{category_id}")
        set_combo_data(self.kind, current or "")
        self.kind.blockSignals(False)
        self.target_groups.set_groups(choices.target_groups)
        self.forms.set_choices(choices.forms, choices.capacity_units)

    def set_kind(self, key: str) -> None:
        set_combo_data(self.kind, key)

    def state(self) -> dict:
        # Text is normalised as stored (db/text.py): pasted invisible marks and odd spaces go here.
        line = {name: normalize_text(getattr(self, name).text()) for name in _LINE_FIELDS}
        return {
            **line, "kind": self.kind.currentData() or "", "status": self.status.currentData(),
            "ended_on": self.ended_on.text(), "in_booklet": self.in_booklet.isChecked(),
            "forms": tuple(sorted(self.forms.state())), "target_groups": self.target_groups.state(),
            "age_from": self.age_from.number(), "age_to": self.age_to.number(),
            "places": self.places.state(), "hours": self.hours.state(), "fee": self.fee.currentData(),
            "description": normalize_text(self.description.toPlainText(), multiline=True),
            "note": normalize_text(self.note.toPlainText(), multiline=True),
        }

    def printed_texts(self) -> dict[str, str]:
        texts = {label: getattr(self, name).text() for name, label in _PRINTED.items()}
        texts["Popis"] = self.description.toPlainText()
        texts["Místa poskytování"] = " ".join(" ".join(place[:3]) for place in self.places.state())
        return texts

    def set_state(self, state: dict, base: ServiceRecord) -> None:
        self._loading = True
        try:
            for name in ("name", "registry_id", "age_note", "areas", "opening_note", "contact_person", "phone",
                         "email", "web", "fee_note"):
                edit: QLineEdit = getattr(self, name)
                edit.setText(state[name])
                edit.setCursorPosition(0)  # a long list of municipalities shows its start, not its end
            self.description.setPlainText(state["description"])
            self.note.setPlainText(state["note"])
            set_combo_data(self.kind, state["kind"])
            set_combo_data(self.status, state["status"])
            set_combo_data(self.fee, state["fee"])
            self.ended_on.edit.setText(state["ended_on"])
            self.in_booklet.setChecked(state["in_booklet"])
            self.forms.set_state(state["forms"])
            self.target_groups.set_state(state["target_groups"])
            self.age_from.set_number(state["age_from"])
            self.age_to.set_number(state["age_to"])
            self.places.set_state(state["places"])
            self.hours.set_state(state["hours"])
            self._status_changed()
            self.meta.setText("Nová služba – zatím neuložena." if base.id is None
                              else record_meta(base.source, base.changed_at, base.changed_by))
        finally:
            self._loading = False
        self.show_problems([])
        self.verticalScrollBar().setValue(0)

    def error_rows(self) -> dict[str, FieldRow]:
        return {**self.rows, **{f"hours:{weekday}": row for weekday, row in enumerate(self.hours.rows)}}
