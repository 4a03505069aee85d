"""Exchange of the provider directory with Excel: import with a preview, export, blank template.

The directory tab's menu calls `import_spreadsheet`, `export_spreadsheet` and `save_template`; the work
itself is db/spreadsheet/, run off the UI thread.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QWidget

from db.database import Database
from db.errors import UserError
from db.spreadsheet import (
    Action, ImportCancelled, ImportPreview, ProviderPlan, apply_import, export_directory, plan_import,
)
from db.spreadsheet import save_template as write_template
from desktop.widgets.background_task import run_in_background
from desktop.widgets.exchange import (
    TABLE_OPEN_FILTER, TABLE_SAVE_FILTER, TABLES_FOLDER_KEY, WRAP_AT_MOST, ImportPreviewFrame, exchange_folder,
    import_with_preview, preview_table, remember_exchange_folder, report_done, with_table_suffix,
)
from desktop.widgets.failures import tell_refused
from desktop.widgets.rows_model import RowsModel

IMPORT_TITLE = "Import z tabulky"
EXPORT_TITLE = "Export do tabulky"
TEMPLATE_TITLE = "Šablona tabulky"


def _folder() -> str:
    return exchange_folder(TABLES_FOLDER_KEY)


def _record_label(plan) -> str:
    if isinstance(plan, ProviderPlan):
        return f"Poskytovatel {plan.values.name}"
    return f"Služba {plan.values.name} ({plan.provider_name})"


class ImportPreviewDialog(ImportPreviewFrame):
    """What the file would add and change and which rows are bad; the clerk confirms or cancels."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(IMPORT_TITLE, preview.summary(), parent)
        self.preview = preview
        self.resize(980, 600)
        plans = sorted([*preview.providers, *preview.services], key=lambda p: p.row)
        added = [(p.row, "poskytovatel" if isinstance(p, ProviderPlan) else "služba", p.values.name,
                  (f"IČO {p.values.ico}" if p.values.ico else "") if isinstance(p, ProviderPlan) else p.provider_name)
                 for p in plans if p.action is Action.ADD]
        changed = [(p.row, _record_label(p), c.column, c.old, c.new)
                   for p in plans if p.action is Action.CHANGE for c in p.changes]
        bad = [(p.row, p.column, p.message) for p in preview.problems]

        self.added_view = preview_table(RowsModel(["Řádek", "Záznam", "Název", "IČO / poskytovatel"], added))
        self.changed_view = preview_table(RowsModel(["Řádek", "Záznam", "Sloupec", "Dosud", "Nově"], changed))
        # The reasons of bad rows are whole sentences the clerk must read to fix the file: wrap them.
        self.bad_view = preview_table(RowsModel(["Řádek", "Sloupec", "Důvod"], bad), True, WRAP_AT_MOST)
        changed_records = sum(1 for p in plans if p.action is Action.CHANGE)
        self.tabs.addTab(self.added_view, f"Přibude ({len(added)})")
        self.tabs.addTab(self.changed_view, f"Změní se ({changed_records})")
        self.tabs.addTab(self.bad_view, f"Chybné řádky ({len(preview.bad_rows)})")
        # Warnings never block the import (e.g. characters the printed booklet cannot show).
        self.warnings_view = preview_table(RowsModel(["Upozornění"], [(w,) for w in preview.warnings]), True,
                                           WRAP_AT_MOST)
        if preview.warnings:
            self.tabs.addTab(self.warnings_view, f"Upozornění ({len(preview.warnings)})")
        if bad:
            self.tabs.setCurrentWidget(self.bad_view)
        elif not added and changed:
            self.tabs.setCurrentWidget(self.changed_view)

        self.skip_box = QCheckBox("Přeskočit chybné řádky")
        self.skip_box.setEnabled(bool(bad))
        self.skip_box.setToolTip("Uloží se jen bezchybné řádky; chybné zůstanou v souboru k opravě.")
        self.skip_box.toggled.connect(self._update)
        self.add_below_tabs(self.skip_box)
        self._update()

    @property
    def skip_invalid(self) -> bool:
        return self.skip_box.isChecked()

    def _update(self) -> None:
        blocked = bool(self.preview.problems) and not self.skip_invalid
        if blocked:
            self.show_notice("Soubor obsahuje chybné řádky. Opravte je v tabulce a načtěte ji znovu, "
                             "nebo zvolte „Přeskočit chybné řádky“; jinak se neuloží nic.")
        elif not self.preview.has_changes:
            self.show_notice("Tabulka se shoduje s adresářem, není co uložit.")
        else:
            self.show_notice("")
        self.import_button.setEnabled(self.preview.has_changes and not blocked)


def import_spreadsheet(parent: QWidget, db: Database) -> bool:
    """File dialog → preview → import; returns True when something was saved."""
    name, _ = QFileDialog.getOpenFileName(parent, IMPORT_TITLE, _folder(), TABLE_OPEN_FILTER)
    if not name:
        return False
    path = Path(name)
    remember_exchange_folder(TABLES_FOLDER_KEY, path)

    def read(progress) -> ImportPreview:
        preview = plan_import(db, path)
        if not progress(1, 1):
            raise ImportCancelled("Načítání tabulky bylo zrušeno.")
        return preview

    def save(dialog: ImportPreviewDialog):
        skip = dialog.skip_invalid
        return lambda progress: apply_import(db, dialog.preview, skip_invalid=skip, progress=progress)

    result = import_with_preview(parent, IMPORT_TITLE, f"Čtu tabulku {path.name} a porovnávám ji s adresářem…",
                                 read, lambda preview: ImportPreviewDialog(preview, parent),
                                 "Ukládám změny do adresáře…", save, cancelled=(ImportCancelled,))
    if result is None:
        return False
    QMessageBox.information(parent, IMPORT_TITLE, f"Import je hotový.\n\n{result.message()}")
    return True


def _ask_target(parent: QWidget, title: str, file_name: str) -> Path | None:
    name, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(Path(_folder()) / file_name),
                                                      TABLE_SAVE_FILTER)
    if not name:
        return None
    path = with_table_suffix(Path(name), chosen_filter)
    remember_exchange_folder(TABLES_FOLDER_KEY, path)
    return path


def export_spreadsheet(parent: QWidget, db: Database) -> Path | None:
    """Save the whole directory as .xlsx or .csv; returns the file written."""
    path = _ask_target(parent, EXPORT_TITLE, f"adresar-poskytovatelu-{dt.date.today().isoformat()}.xlsx")
    if path is None:
        return None
    try:
        rows = run_in_background(parent, EXPORT_TITLE, f"Ukládám adresář do {path.name}…",
                                 lambda progress: export_directory(db, path, progress))
    except UserError as exc:
        tell_refused(parent, EXPORT_TITLE, exc)
        return None
    report_done(parent, EXPORT_TITLE, f"Adresář uložen do {path} (řádků: {rows}).")
    return path


def save_template(parent: QWidget, db: Database | None = None) -> Path | None:
    """Save an empty sheet with the columns and a guide; `db` is accepted so the menu wires all three alike."""
    path = _ask_target(parent, TEMPLATE_TITLE, "sablona-adresare.xlsx")
    if path is None:
        return None
    try:
        write_template(path)
    except UserError as exc:
        tell_refused(parent, TEMPLATE_TITLE, exc)
        return None
    report_done(parent, TEMPLATE_TITLE, f"Šablona uložena do {path}.")
    return path
