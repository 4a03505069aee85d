"""Exchange of a plan with Excel from the plan tab: export (the whole plan or one working group's part)
and import with a preview of what changes; all or nothing (db/plan/exchange.py, exchange_import.py).

The practical use: the coordinator sends each working group its part as a spreadsheet, the group fills
in the year's monitoring, she imports it back. Both run off the UI thread.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from db.database import Database
from db.errors import UserError
from db.plan.exchange import export_plan as write_plan
from db.plan.exchange_import import PlanImportPreview, apply_plan_import, plan_import_preview
from db.plan.queries import plan_working_groups
from desktop.plan.sizing import resize_within_screen
from desktop.widgets.background_task import run_in_background
from desktop.widgets.exchange import (
    ImportPreviewFrame, exchange_folder, import_with_preview, preview_table, remember_exchange_folder, report_done,
)
from desktop.widgets.failures import tell_refused
from desktop.widgets.rows_model import RowsModel

EXPORT_TITLE = "Export plánu do Excelu"
IMPORT_TITLE = "Import plánu z Excelu"
FOLDER_KEY = "plan/exchange-folder"
WHOLE_PLAN = "Celý plán"


def _slug(text: str) -> str:
    plain = text.lower().translate(str.maketrans("áčďéěíňóřšťúůýž", "acdeeinorstuuyz"))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "plan"


def export_plan(parent: QWidget, db: Database, plan_id: int, plan) -> Path | None:
    """Ask which part (the whole plan or a working group's) and where; write the workbook. Returns it."""
    groups = db.read(plan_working_groups)
    group_id, part = None, ""
    if groups:
        names = [WHOLE_PLAN, *(name for _id, name in groups)]
        chosen, ok = QInputDialog.getItem(parent, EXPORT_TITLE, "Exportovat:", names, 0, False)
        if not ok:
            return None
        if chosen != WHOLE_PLAN:
            group_id = next(i for i, n in groups if n == chosen)
            part = f"-{_slug(chosen)}"
    suggested = Path(exchange_folder(FOLDER_KEY)) / f"plan-{plan.year_from}-{plan.year_to}{part}.xlsx"
    name, _ = QFileDialog.getSaveFileName(parent, EXPORT_TITLE, str(suggested), "Sešit Excelu (*.xlsx)")
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
    remember_exchange_folder(FOLDER_KEY, path)
    try:
        count = run_in_background(parent, EXPORT_TITLE, f"Ukládám plán do {path.name}…",
                                  lambda _progress: write_plan(db, plan_id, path, group_id))
    except UserError as exc:
        tell_refused(parent, EXPORT_TITLE, exc)
        return None
    report_done(parent, EXPORT_TITLE, f"Plán uložen do {path} (položek stromu: {count}).")
    return path


class PlanImportDialog(ImportPreviewFrame):
    """What the workbook would change and which rows are bad; nothing is saved while any row is bad."""

    def __init__(self, preview: PlanImportPreview, parent: QWidget | None = None):
        super().__init__(IMPORT_TITLE, preview.summary(), parent)
        self.preview = preview
        resize_within_screen(self, 900, 560)
        self.summary.setWordWrap(True)
        self.changes_view = preview_table(RowsModel(["Změna"], [(change,) for change in preview.changes]), wrap=True)
        self.problems_view = preview_table(RowsModel(["List", "Řádek", "Sloupec", "Důvod"], [
            (p.sheet, p.row, p.column, p.message) for p in preview.problems]), wrap=True)
        self.tabs.addTab(self.changes_view, f"Změny ({len(preview.changes)})")
        self.tabs.addTab(self.problems_view, f"Chybné řádky ({len(preview.bad_rows)})")
        if preview.problems:
            self.tabs.setCurrentWidget(self.problems_view)
            self.show_notice("Soubor obsahuje chybné řádky. Opravte je v tabulce a načtěte ji znovu; "
                             "dokud v ní chyby jsou, neuloží se nic.")
        elif not preview.has_changes:
            self.show_notice("Tabulka se shoduje s plánem v aplikaci, není co uložit.")
        else:
            self.show_notice("")
        self.import_button.setEnabled(preview.has_changes and not preview.problems)


def import_plan(parent: QWidget, db: Database) -> int | None:
    """File dialog → preview → import; returns the id of the plan written, or None."""
    name, _ = QFileDialog.getOpenFileName(parent, IMPORT_TITLE, exchange_folder(FOLDER_KEY),
                                          "Sešit Excelu (*.xlsx);;Všechny soubory (*)")
    if not name:
        return None
    path = Path(name)
    remember_exchange_folder(FOLDER_KEY, path)
    result = import_with_preview(
        parent, IMPORT_TITLE, f"Čtu {path.name} a porovnávám jej s plánem…",
        lambda _progress: plan_import_preview(db, path), lambda preview: PlanImportDialog(preview, parent),
        "Ukládám plán…", lambda dialog: lambda _progress: apply_plan_import(db, dialog.preview))
    if result is None:
        return None
    backup = f"\n\nPředchozí stav je zazálohován v {result.backup}." if result.backup else ""
    QMessageBox.information(parent, IMPORT_TITLE, f"Import je hotový.\n\n{result.message()}{backup}")
    return result.plan_id
