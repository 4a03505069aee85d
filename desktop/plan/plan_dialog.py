"""The plan's header (Nový plán… / Upravit plán…) and "Vytvořit další plán z tohoto…"."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
    QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError, ValidationError
from db.plan.models import PlanState
from db.plan.queries import PLAN_STATE_LABELS
from db.plan.records import PlanRecord, save_plan
from desktop.directory.fields import DateField, FieldRow, error_label, form_layout, note_label
from desktop.plan.sizing import resize_within_screen
from desktop.plan.text_box import TextBox
from desktop.widgets.dialog_buttons import dialog_buttons
from desktop.widgets.failures import tell_refused


def _year_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(1990, 2100)
    box.setValue(value)
    box.setMinimumWidth(80)
    return box


class PlanDialog(QDialog):
    """Edits a PlanRecord and saves it with save_plan; `plan_id` holds the saved id after accept()."""

    def __init__(self, db: Database, record: PlanRecord | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        this_year = dt.date.today().year
        self.record = record or PlanRecord(name="Střednědobý plán rozvoje sociálních služeb",
                                           year_from=this_year, year_to=this_year + 2)
        self.plan_id: int | None = self.record.id
        self.setWindowTitle("Nový plán" if self.record.id is None else "Údaje plánu")
        resize_within_screen(self, 720, 680)

        r = self.record
        self.name = QLineEdit(r.name)
        self.year_from, self.year_to = _year_box(r.year_from or this_year), _year_box(r.year_to or this_year + 2)
        self.state = QComboBox()
        for state in PlanState:
            self.state.addItem(PLAN_STATE_LABELS[state], state)
        self.state.setCurrentIndex(self.state.findData(r.state))
        self.adopted_by = QLineEdit(r.adopted_by)
        self.adopted_by.setPlaceholderText("např. Zastupitelstvo města Lipová nad Sázavou")
        self.resolution_number = QLineEdit(r.resolution_number)
        self.resolution_number.setPlaceholderText("např. ZM/12/2024")
        self.resolution_date = DateField()
        self.resolution_date.set_date(r.resolution_date)
        self.vision, self.introduction = TextBox(4), TextBox(6)
        self.vision.setPlainText(r.vision)
        self.introduction.setPlainText(r.introduction)
        names = list(r.level_names) + [""] * (4 - len(r.level_names))
        self.levels = [QLineEdit(name) for name in names[:4]]
        self.levels[3].setPlaceholderText("4. úroveň (nepovinná)")
        self.levels[3].setToolTip("Nepovinná čtvrtá úroveň, např. Akce")
        self.weighted = QCheckBox("Souhrnné plnění vážit předpokládanými náklady aktivit")
        self.weighted.setChecked(r.weighted_rollup)
        self.weighted.setToolTip("Jinak je plnění priority a opatření prostým průměrem plnění položek pod nimi.")

        years = QWidget()
        years_layout = QHBoxLayout(years)
        years_layout.setContentsMargins(0, 0, 0, 0)
        years_layout.addWidget(self.year_from)
        years_layout.addWidget(QLabel("až"))
        years_layout.addWidget(self.year_to)
        years_layout.addStretch(1)
        levels = QWidget()
        levels_layout = QHBoxLayout(levels)
        levels_layout.setContentsMargins(0, 0, 0, 0)
        for edit in self.levels:
            levels_layout.addWidget(edit)

        self.rows = {"name": FieldRow(self.name), "years": FieldRow(years), "state": FieldRow(self.state),
                     "adopted_by": FieldRow(self.adopted_by), "resolution_number": FieldRow(self.resolution_number),
                     "resolution_date": FieldRow(self.resolution_date), "vision": FieldRow(self.vision),
                     "introduction": FieldRow(self.introduction), "levels": FieldRow(levels)}
        body = QWidget()
        form = form_layout(body)
        for key, label in (("name", "Název plánu:"), ("years", "Období:"), ("state", "Stav:"),
                           ("adopted_by", "Schválil (orgán):"), ("resolution_number", "Číslo usnesení:"),
                           ("resolution_date", "Datum usnesení:"), ("vision", "Vize:"), ("introduction", "Úvod:"),
                           ("levels", "Názvy úrovní:")):
            form.addRow(label, self.rows[key])
        form.addRow("", self.weighted)
        if r.origin_plan_name:
            form.addRow("", note_label(f"Vytvořen z plánu „{r.origin_plan_name}“."))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form wraps instead
        scroll.setWidget(body)
        self.error = error_label()
        buttons = dialog_buttons(self, "Uložit", self.save, QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def collect(self) -> PlanRecord:
        """The record the form describes; raises ValueError (Czech) for an unreadable date."""
        return replace(
            self.record, name=self.name.text().strip(), year_from=self.year_from.value(),
            year_to=self.year_to.value(), state=self.state.currentData(), adopted_by=self.adopted_by.text().strip(),
            resolution_number=self.resolution_number.text().strip(), resolution_date=self.resolution_date.date(),
            vision=self.vision.toPlainText().strip(), introduction=self.introduction.toPlainText().strip(),
            level_names=[e.text().strip() for e in self.levels[:3]]
            + ([self.levels[3].text().strip()] if self.levels[3].text().strip() else []),
            weighted_rollup=self.weighted.isChecked())

    def save(self) -> None:
        for row in self.rows.values():
            row.set_error(None)
        self.error.hide()
        try:
            record = self.collect()
        except ValueError as exc:
            self.rows["resolution_date"].set_error(str(exc))
            return
        try:
            self.plan_id = self.db.write(save_plan, record)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except UserError as exc:
            tell_refused(self, self.windowTitle(), exc)
            return
        self.accept()

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        where = {"Název": "name", "Od roku": "years", "Do roku": "years", "Období": "years",
                 "Názvy úrovní": "levels", "Názvy úrovně": "levels", "Datum usnesení": "resolution_date",
                 "Číslo usnesení": "resolution_number", "Schválil": "adopted_by", "Stav": "state"}
        messages: dict[str, list[str]] = {}
        other: list[str] = []
        for label, message in problems:
            if label in where:
                messages.setdefault(where[label], []).append(message)
            else:
                other.append(f"{label}: {message}")
        for key, row in self.rows.items():
            row.set_error("\n".join(messages.get(key, [])) or None)
        self.error.setText("\n".join(other))
        self.error.setVisible(bool(other))
        first = next((row for row in self.rows.values() if row.error_text()), None)
        if first is not None:
            first.input.setFocus(Qt.FocusReason.OtherFocusReason)


class NextPlanDialog(QDialog):
    """Name and period of the plan created from this one; the years follow on from the current period."""

    def __init__(self, record: PlanRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Vytvořit další plán z tohoto")
        length = record.year_to - record.year_from
        start = record.year_to + 1
        self.name = QLineEdit(f"Střednědobý plán rozvoje sociálních služeb {start}–{start + length}")
        self.year_from, self.year_to = _year_box(start), _year_box(start + length)
        self.year_from.valueChanged.connect(self._sync_name)
        self.year_to.valueChanged.connect(self._sync_name)
        self.name_row = FieldRow(self.name)
        text = QLabel(f"Nový plán převezme strom plánu „{record.name}“ (priority, opatření, aktivity s popisem, "
                      "odpovědností a indikátory). Aktivity, které nebyly splněny, se označí jako převzaté; "
                      "každá položka si pamatuje, ze které vznikla. Původní plán zůstane beze změny.")
        text.setWordWrap(True)
        years = QHBoxLayout()
        years.addWidget(self.year_from)
        years.addWidget(QLabel("až"))
        years.addWidget(self.year_to)
        years.addStretch(1)
        form = form_layout()
        form.addRow("Název:", self.name_row)
        form.addRow("Období:", years)
        buttons = dialog_buttons(self, "Vytvořit", self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._auto_name = self.name.text()

    def _sync_name(self) -> None:
        if self.name.text() == self._auto_name:
            self._auto_name = (f"Střednědobý plán rozvoje sociálních služeb "
                               f"{self.year_from.value()}–{self.year_to.value()}")
            self.name.setText(self._auto_name)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name_row.set_error("Název plánu je povinný.")
            return
        self.accept()

    def values(self) -> tuple[str, int, int]:
        return self.name.text().strip(), self.year_from.value(), self.year_to.value()
