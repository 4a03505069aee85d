"""Přehled úkolů and Evidence usnesení: the filter (group, state, overdue; year) and the preview with
Save, Print and XLSX (printing.meetings.overviews)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QSpinBox, QVBoxLayout, QWidget,
)

from db.database import Database
from db.meetings.models import TaskState
from db.meetings.queries import list_groups
from db.meetings.records import OPEN_TASK_STATES
from desktop.meetings.document_dialog import DocumentDialog, ExtraFormat
from desktop.widgets.dialog_buttons import dialog_buttons
from printing.meetings import (
    build_resolution_register, build_task_overview, collect_resolutions, collect_tasks,
    write_resolution_register_xlsx, write_task_overview_xlsx,
)
from printing.meetings.text import file_slug

ALL_STATES = "all"


class RegisterDialog(QDialog):
    """Ask for the filter, then show the preview; `kind` is "tasks" or "resolutions"."""

    def __init__(self, db: Database, kind: str, group_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.kind = db, kind
        self.setWindowTitle("Přehled úkolů" if kind == "tasks" else "Evidence usnesení")
        self.group = QComboBox()
        self.group.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.group.addItem("všechny skupiny", None)
        for row in db.read(list_groups):
            self.group.addItem(row.name, row.id)
        self.group.setCurrentIndex(max(0, self.group.findData(group_id)))
        form = QFormLayout()
        form.addRow("Skupina:", self.group)
        self.state = QComboBox()
        self.overdue = QCheckBox("jen úkoly po termínu")
        self.year = QSpinBox()
        if kind == "tasks":
            self.state.addItem("otevřené a trvající", OPEN_TASK_STATES)
            self.state.addItem("splněné", (TaskState.DONE,))
            self.state.addItem("zrušené", (TaskState.CANCELLED,))
            self.state.addItem("všechny", ())
            form.addRow("Stav:", self.state)
            form.addRow("", self.overdue)
        else:
            self.year.setRange(0, 2100)
            self.year.setSpecialValueText("všechny roky")
            self.year.setValue(dt.date.today().year)
            self.year.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            form.addRow("Rok:", self.year)
        buttons = dialog_buttons(self, "Zobrazit náhled")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def collect(self):
        """The data to print, read again each time (the worker calls it off the UI thread)."""
        group_id = self.group.currentData()
        if self.kind == "tasks":
            overdue_on = dt.date.today() if self.overdue.isChecked() else None
            states, group = self.state.currentData(), group_id
            return lambda: self.db.read(collect_tasks, group, states, overdue_on)
        year = self.year.value() or None
        return lambda: self.db.read(collect_resolutions, group_id, year)

    def preview(self) -> DocumentDialog:
        read = self.collect()
        group = self.group.currentText() if self.group.currentData() is not None else "vsechny-skupiny"
        if self.kind == "tasks":
            build, xlsx, stem = build_task_overview, write_task_overview_xlsx, f"ukoly-{file_slug(group)}"
        else:
            build, xlsx = build_resolution_register, write_resolution_register_xlsx
            stem = f"usneseni-{file_slug(group)}" + (f"-{self.year.value()}" if self.year.value() else "")
        extra = ExtraFormat("Uložit jako Excel (.xlsx)…", ".xlsx", "Sešit Excelu (*.xlsx)",
                            lambda path: xlsx(read(), path))
        return DocumentDialog(self.parentWidget(), self.windowTitle(), lambda out: build(read(), Path(out)), stem,
                              [extra])

    def exec(self) -> int:
        if super().exec() != QDialog.DialogCode.Accepted:
            return QDialog.DialogCode.Rejected
        return self.preview().exec()
