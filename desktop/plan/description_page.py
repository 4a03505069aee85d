"""Popis: what a node is — title, description, rationale, target groups, working group, responsible
party and partners, years and state. Problems are shown in red under the field they concern."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QScrollArea,
    QSizePolicy, QSpinBox, QWidget,
)

from desktop.directory.fields import MUTED_COLOR, FieldRow, form_layout
from desktop.plan.party_field import PartnersEditor, PartyCombo
from desktop.plan.text_box import TextBox
from desktop.widgets.choice_lists import checked_ids, refill_check_list, refill_combo

NO_YEAR = 0
# The form's words for its rows (by the record's field, "responsible"/"years" for the paired ones);
# the conflict dialog (desktop/plan/conflicts.py) names the fields the same way.
FIELD_LABELS = {"title": "Název", "description": "Popis", "rationale": "Zdůvodnění",
                "target_group_ids": "Cílové skupiny", "working_group_id": "Pracovní skupina",
                "responsible": "Odpovídá (garant)", "partners": "Spolupracující subjekty",
                "years": "Období realizace", "state_id": "Stav"}


class YearBox(QSpinBox):
    """A year within the plan's period, or "—" (then the plan's own bound applies)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSpecialValueText("—")
        self.setRange(NO_YEAR, 2100)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(80)

    def set_period(self, year_from: int, year_to: int) -> None:
        # The special value sits just below the range, so the arrows step from "—" into the period.
        self.setRange(year_from - 1, year_to)
        self.setSpecialValueText("—")

    def year(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_year(self, year: int | None) -> None:
        self.setValue(self.minimum() if year is None else year)


def _text(widget: QLineEdit | QPlainTextEdit) -> str:
    return (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()).strip()


class DescriptionPage(QScrollArea):
    changed = Signal()
    title_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._loading = False
        self.title = QLineEdit()
        self.description = TextBox(6)
        self.rationale = TextBox(4)
        self.target_groups = QListWidget()
        self.target_groups.setMinimumHeight(80)
        self.target_groups.setWordWrap(True)
        self.target_groups.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.target_groups.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.working_group = QComboBox()
        self.responsible = PartyCombo()
        self.partners = PartnersEditor()
        self.year_from, self.year_to = YearBox(), YearBox()
        self.state = QLabel()
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_note = QLabel()
        self.state_note.setStyleSheet(f"color: {MUTED_COLOR};")
        self.state_note.setWordWrap(True)
        self.carried = QLabel()
        self.carried.setStyleSheet(f"color: {MUTED_COLOR};")
        self.carried.setWordWrap(True)

        years = QWidget()
        years_layout = QHBoxLayout(years)
        years_layout.setContentsMargins(0, 0, 0, 0)
        years_layout.addWidget(self.year_from)
        years_layout.addWidget(QLabel("až"))
        years_layout.addWidget(self.year_to)
        years_layout.addWidget(QLabel("(prázdné = celé období plánu)"))
        years_layout.addStretch(1)

        self.rows = {
            "title": FieldRow(self.title),
            "description": FieldRow(self.description),
            "rationale": FieldRow(self.rationale),
            "target_group_ids": FieldRow(self.target_groups),
            "working_group_id": FieldRow(self.working_group),
            "responsible": FieldRow(self.responsible),
            "partners": FieldRow(self.partners),
            "years": FieldRow(years),
            "state_id": FieldRow(self.state),
        }
        body = QWidget()
        form = form_layout(body)
        for name, row in self.rows.items():
            form.addRow(f"{FIELD_LABELS[name]}:", row)
        form.addRow("", self.state_note)
        form.addRow("", self.carried)
        self.setWidget(body)

        for widget in (self.title, self.description, self.rationale, self.responsible.lineEdit()):
            widget.textChanged.connect(self._changed)
        self.title.textEdited.connect(self.title_edited)
        self.target_groups.itemChanged.connect(self._changed)
        self.working_group.currentIndexChanged.connect(self._changed)
        self.responsible.currentIndexChanged.connect(self._changed)
        for box in (self.year_from, self.year_to):
            box.valueChanged.connect(self._changed)
        self.partners.changed.connect(self._changed)

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def set_choices(self, choices) -> None:
        """`choices`: the plan's PlanChoices (target groups, working groups, providers, town). Called again
        after other clerks' saves: what the clerk ticked, chose or typed stays (choice_lists.py)."""
        self._loading = True
        try:
            refill_check_list(self.target_groups, choices.target_groups)
            refill_combo(self.working_group, choices.working_groups, leading=[("— bez pracovní skupiny —", None)])
            self.responsible.set_choices(choices.providers, choices.town)
            self.partners.set_choices(choices.providers, choices.town)
        finally:
            self._loading = False

    def set_record(self, record, period: tuple[int, int], is_activity: bool) -> None:
        self._loading = True
        try:
            self.title.setText(record.title)
            self.description.setPlainText(record.description)
            self.rationale.setPlainText(record.rationale)
            chosen = set(record.target_group_ids)
            for row in range(self.target_groups.count()):
                item = self.target_groups.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            index = self.working_group.findData(record.working_group_id)
            self.working_group.setCurrentIndex(max(index, 0))
            self.responsible.set_value(record.responsible_provider_id, record.responsible_text)
            self.partners.set_value([(p.provider_id, p.name) for p in record.partners])
            for box in (self.year_from, self.year_to):
                box.set_period(*period)
            self.year_from.set_year(record.year_from)
            self.year_to.set_year(record.year_to)
            self.state.setText(record.state_name or "nehodnoceno")
            self.rows["state_id"].setVisible(is_activity)
            label = self.rows["state_id"].parentWidget().layout().labelForField(self.rows["state_id"])
            if label is not None:
                label.setVisible(is_activity)
            self.state_note.setVisible(is_activity)
            self.state_note.setText("Stav se mění při vyhodnocení roku (záložka Monitoring nebo pohled "
                                    "Monitoring); každá změna se zapíše do historie s datem a autorem.")
            origin = f" z položky {record.origin}" if record.origin else ""
            self.carried.setVisible(record.carried_over or bool(record.origin))
            self.carried.setText(("Převzato z minulého plánu jako nedokončené" if record.carried_over
                                  else "Vytvořeno z minulého plánu") + origin + ".")
            self.show_problems([])
        finally:
            self._loading = False

    def state_dict(self) -> dict:
        provider_id, text = self.responsible.value()
        return {
            "title": _text(self.title),
            "description": _text(self.description),
            "rationale": _text(self.rationale),
            "target_group_ids": sorted(checked_ids(self.target_groups)),
            "working_group_id": self.working_group.currentData(),
            "responsible_provider_id": provider_id,
            "responsible_text": text,
            "partners": self.partners.value(),
            "year_from": self.year_from.year(),
            "year_to": self.year_to.year(),
        }

    def show_problems(self, problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Show `problems` (the core's field label, Czech message) under their fields, clearing the
        others; returns the problems that belong to no field of this page."""
        aliases = {"Název": "title", "Od roku": "years", "Do roku": "years", "Pracovní skupina": "working_group_id",
                   "Odpovědnost": "responsible", "Popis": "description", "Zdůvodnění": "rationale",
                   "Cílové skupiny": "target_group_ids", "Spolupracující subjekty": "partners",
                   "Partneři": "partners"}
        shown: dict[str, list[str]] = {}
        elsewhere = []
        for label, message in problems:
            if aliases.get(label) in self.rows:
                shown.setdefault(aliases[label], []).append(message)
            else:
                elsewhere.append((label, message))
        for name, row in self.rows.items():
            row.set_error("\n".join(shown.get(name, [])) or None)
        return elsewhere

    def focus_first_error(self) -> bool:
        for row in self.rows.values():
            if row.error_text():
                self.ensureWidgetVisible(row)
                row.input.setFocus()
                return True
        return False
