"""The group's own fields and its rules of procedure (jednací řád), edited on the tab's right side."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from db.directory.validation import Problem
from db.meetings.models import GroupKind, MajorityBase
from desktop.directory.fields import (
    MUTED_COLOR, DateField, align_labels, form_layout, parse_czech_date, set_combo_data, watch,
)
from desktop.directory.formatting import czech_date
from desktop.directory.record_form import RecordForm
from desktop.meetings.labels import GROUP_KINDS, MAJORITY_BASES
from desktop.widgets.choice_lists import checked_ids, refill_check_list, refill_combo

_TEXT = ("name", "short_name", "resolution_pattern")
_NUMBERS = ("quorum_percent", "majority_percent", "notice_days", "meetings_per_year")
_FLAGS = ("quorum_strict", "majority_strict", "tie_chair_decides")


def group_state(record) -> dict:
    """What the form shows of a GroupRecord, as plain comparable values."""
    state = {name: (getattr(record, name) or "").strip() for name in _TEXT}
    state["description"] = (record.description or "").strip()
    state.update({name: getattr(record, name) for name in _NUMBERS + _FLAGS})
    state["kind"] = record.kind
    state["majority_base"] = record.majority_base
    state["funding_strip_id"] = record.funding_strip_id
    state["target_group_ids"] = sorted(record.target_group_ids)
    state["active_from"] = czech_date(record.active_from)
    state["active_to"] = czech_date(record.active_to)
    return state


def group_record(state: dict, base) -> tuple[object, list[Problem]]:
    """The GroupRecord the form describes, and the dates it could not read."""
    problems: list[Problem] = []
    dates = {}
    for name, label in (("active_from", "Činnost od"), ("active_to", "Činnost do")):
        try:
            dates[name] = parse_czech_date(state[name])
        except ValueError as exc:
            problems.append(Problem(name, str(exc), None, label))
            dates[name] = None
    values = {k: v for k, v in state.items() if k not in ("active_from", "active_to")}
    return replace(base, **values, **dates), problems


def _spin(maximum: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(90)
    spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return spin


def _inline(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return holder


class GroupForm(RecordForm):
    def __init__(self, target_groups: list[tuple[int, str]], strips: list[tuple[int, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)

        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText("např. PS Senioři – začátek čísel usnesení")
        self.kind = QComboBox()
        for kind in GroupKind:
            self.kind.addItem(GROUP_KINDS[kind], kind)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("Čím se skupina zabývá.")
        self.description.setMinimumHeight(60)
        self.description.setMaximumHeight(90)
        self.active_from = DateField()
        self.active_to = DateField()
        self.target_groups = QListWidget()
        self.target_groups.setMinimumHeight(80)
        self.target_groups.setMaximumHeight(130)
        self.strip = QComboBox()
        self.set_target_groups(target_groups)
        self.set_strips(strips)

        self.quorum_percent = _spin(100, " %")
        self.quorum_strict = QComboBox()
        self.majority_percent = _spin(100, " %")
        self.majority_strict = QComboBox()
        for combo in (self.quorum_strict, self.majority_strict):
            combo.addItem("více než", True)
            combo.addItem("alespoň", False)
        self.majority_base = QComboBox()
        for base in MajorityBase:
            self.majority_base.addItem(MAJORITY_BASES[base], base)
        self.tie_chair_decides = QCheckBox("Při rovnosti hlasů rozhoduje hlas předsedajícího")
        self.notice_days = _spin(90, " dní")
        self.meetings_per_year = _spin(52)
        self.resolution_pattern = QLineEdit()
        self.resolution_pattern.setToolTip("Pole: {group} zkratka skupiny, {number} číslo jednání, {year} rok, "
                                           "{item} pořadí usnesení v jednání.")
        self.meta = QLabel()
        self.meta.setStyleSheet(f"color: {MUTED_COLOR};")

        forms: list[QFormLayout] = []
        identity = QGroupBox("Skupina")
        form = form_layout(identity)
        forms.append(form)
        form.addRow("Název:", self._row("name", self.name))
        form.addRow("Zkratka:", self._row("short_name", self.short_name))
        form.addRow("Druh:", self.kind)
        form.addRow("Popis:", self.description)
        form.addRow("Činnost od:", self._row("active_from", self.active_from))
        form.addRow("Činnost do:", self._row("active_to", self.active_to))
        form.addRow("Cílové skupiny:", self.target_groups)
        form.addRow("Pruh s logy:", self.strip)
        layout.addWidget(identity)

        rules = QGroupBox("Jednací řád")
        form = form_layout(rules)
        forms.append(form)
        form.addRow("Usnášeníschopnost:", self._row("quorum_percent", _inline(
            QLabel("přítomno"), self.quorum_strict, self.quorum_percent, QLabel("členů s hlasovacím právem"))))
        form.addRow("Přijetí usnesení:", self._row("majority_percent", _inline(
            QLabel("pro hlasuje"), self.majority_strict, self.majority_percent)))
        form.addRow("…z počtu:", self.majority_base)
        form.addRow("", self.tie_chair_decides)
        form.addRow("Pozvat předem:", self._row("notice_days", _inline(self.notice_days)))
        form.addRow("Jednání za rok:", self._row("meetings_per_year", _inline(self.meetings_per_year)))
        form.addRow("Číslo usnesení:", self._row("resolution_pattern", self.resolution_pattern))
        form.addRow("", self.meta)
        layout.addWidget(rules)
        layout.addStretch(1)
        align_labels(forms)
        self.setWidget(body)
        for widget in (self.name, self.short_name, self.kind, self.description, self.active_from, self.active_to,
                       self.target_groups, self.strip, self.quorum_percent, self.quorum_strict,
                       self.majority_percent, self.majority_strict, self.majority_base, self.tie_chair_decides,
                       self.notice_days, self.meetings_per_year, self.resolution_pattern):
            watch(widget, self._changed)
        self.name.textEdited.connect(self.name_edited)
        self.name.editingFinished.connect(lambda: self.rows["name"].set_error(
            None if self.name.text().strip() else "Vyplňte název skupiny."))

    def set_target_groups(self, target_groups: list[tuple[int, str]]) -> None:
        """Offer `target_groups` [(id, name)] keeping the ticks (see desktop/widgets/choice_lists.py)."""
        refill_check_list(self.target_groups, target_groups)

    def set_strips(self, strips: list[tuple[int, str]]) -> None:
        """Offer `strips` [(id, name)] after „bez pruhu“, keeping the chosen one."""
        refill_combo(self.strip, strips, leading=[("bez pruhu", None)])

    def state(self) -> dict:
        state = {name: getattr(self, name).text().strip() for name in _TEXT}
        state["description"] = self.description.toPlainText().strip()
        state.update({name: getattr(self, name).value() for name in _NUMBERS})
        state["quorum_strict"] = self.quorum_strict.currentData()
        state["majority_strict"] = self.majority_strict.currentData()
        state["tie_chair_decides"] = self.tie_chair_decides.isChecked()
        state["kind"] = self.kind.currentData()
        state["majority_base"] = self.majority_base.currentData()
        state["funding_strip_id"] = self.strip.currentData()
        state["target_group_ids"] = sorted(checked_ids(self.target_groups))
        state["active_from"] = self.active_from.text()
        state["active_to"] = self.active_to.text()
        return state

    def set_state(self, state: dict, base) -> None:
        self._loading = True
        try:
            for name in _TEXT:
                getattr(self, name).setText(state[name])
                getattr(self, name).setCursorPosition(0)
            self.description.setPlainText(state["description"])
            for name in _NUMBERS:
                getattr(self, name).setValue(state[name])
            set_combo_data(self.quorum_strict, state["quorum_strict"])
            set_combo_data(self.majority_strict, state["majority_strict"])
            self.tie_chair_decides.setChecked(state["tie_chair_decides"])
            set_combo_data(self.kind, state["kind"])
            set_combo_data(self.majority_base, state["majority_base"])
            set_combo_data(self.strip, state["funding_strip_id"])
            chosen = set(state["target_group_ids"])
            for i in range(self.target_groups.count()):
                item = self.target_groups.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                                   else Qt.CheckState.Unchecked)
            self.active_from.edit.setText(state["active_from"])
            self.active_to.edit.setText(state["active_to"])
            changed_at = getattr(base, "changed_at", None)
            self.meta.setText("Nová skupina – zatím neuložena." if base.id is None
                              else f"Naposledy změněno {czech_date(changed_at)}" if changed_at else "")
        finally:
            self._loading = False
        self.show_problems([])
        self.verticalScrollBar().setValue(0)
