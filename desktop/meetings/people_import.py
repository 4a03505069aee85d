"""Import of persons (and their seats in groups) from an XLSX/CSV list, with the directory import's
preview and bad-row report; all or nothing (db.meetings.people_import)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from db.database import Database
from db.errors import UserError
from db.meetings.people_import import (
    Action, PeoplePreview, apply_people_import, plan_people_import, save_people_template,
)
from db.meetings.records import ROLE_LABELS
from desktop.widgets.exchange import (
    TABLE_OPEN_FILTER, TABLE_SAVE_FILTER, TABLES_FOLDER_KEY, WRAP_AT_MOST, ImportPreviewFrame, exchange_folder,
    import_with_preview, preview_table, remember_exchange_folder, with_table_suffix,
)
from desktop.widgets.failures import tell_refused
from desktop.widgets.rows_model import RowsModel

TITLE = "Import osob z tabulky"


def _rows_text(rows: list[int]) -> str:
    return ", ".join(str(r) for r in rows)


class PeopleImportDialog(ImportPreviewFrame):
    """What the file would add and change and which rows are bad; with a bad row nothing is imported."""

    def __init__(self, preview: PeoplePreview, parent: QWidget | None = None):
        super().__init__(TITLE, preview.summary(), parent)
        self.preview = preview
        self.resize(940, 560)
        added = [(_rows_text(p.rows), p.record.display_name, p.record.organisation, p.record.email)
                 for p in preview.persons if p.action is Action.ADD]
        changed = [(_rows_text(p.rows), p.record.display_name, change)
                   for p in preview.persons if p.action is Action.CHANGE for change in p.changes]
        seats = [(str(m.row), m.person.record.display_name, m.group_name, ROLE_LABELS[m.role],
                  "nové" if m.action is Action.ADD else "změna role")
                 for m in preview.memberships if m.action is not Action.SAME]
        bad = [(p.row, p.column, p.message) for p in preview.problems]
        self.added_view = preview_table(RowsModel(["Řádek", "Osoba", "Organizace", "E-mail"], added))
        self.changed_view = preview_table(RowsModel(["Řádek", "Osoba", "Změna"], changed))
        self.seats_view = preview_table(RowsModel(["Řádek", "Osoba", "Skupina", "Role", ""], seats))
        self.bad_view = preview_table(RowsModel(["Řádek", "Sloupec", "Důvod"], bad), True, WRAP_AT_MOST)
        self.tabs.addTab(self.added_view, f"Přibude ({len(added)})")
        self.tabs.addTab(self.changed_view, f"Změní se ({sum(1 for p in preview.persons if p.action is Action.CHANGE)})")
        self.tabs.addTab(self.seats_view, f"Členství ({len(seats)})")
        self.tabs.addTab(self.bad_view, f"Chybné řádky ({len(preview.bad_rows)})")
        if bad:
            self.tabs.setCurrentWidget(self.bad_view)
            self.show_notice("Soubor obsahuje chybné řádky. Opravte je v tabulce a načtěte ji znovu; "
                             "dokud v ní chyby jsou, neuloží se nic.")
        elif not preview.has_changes:
            self.show_notice("Tabulka se shoduje s evidencí osob, není co uložit.")
        else:
            self.show_notice("")
        self.import_button.setEnabled(preview.has_changes and not bad)


def import_people(parent: QWidget, db: Database, path: Path | None = None) -> bool:
    """File dialog (unless `path`) → preview → import; returns True when something was saved."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, TITLE, exchange_folder(TABLES_FOLDER_KEY), TABLE_OPEN_FILTER)
        if not name:
            return False
        path = Path(name)
        remember_exchange_folder(TABLES_FOLDER_KEY, path)
    result = import_with_preview(
        parent, TITLE, f"Čtu tabulku {path.name}…", lambda _progress: plan_people_import(db, path),
        lambda preview: PeopleImportDialog(preview, parent),
        "Ukládám osoby…", lambda dialog: lambda _progress: apply_people_import(db, dialog.preview))
    if result is None:
        return False
    QMessageBox.information(parent, TITLE, f"Import je hotový.\n\n{result.message()}")
    return True


def save_template(parent: QWidget) -> Path | None:
    """Save an empty list of persons (.xlsx with a guide sheet, or .csv) for the import."""
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Šablona seznamu osob", str(Path(exchange_folder(TABLES_FOLDER_KEY)) / "sablona-osob.xlsx"),
        TABLE_SAVE_FILTER)
    if not name:
        return None
    path = with_table_suffix(Path(name), chosen_filter)
    remember_exchange_folder(TABLES_FOLDER_KEY, path)
    try:
        save_people_template(path)
    except UserError as exc:
        tell_refused(parent, "Šablona seznamu osob", exc)
        return None
    QMessageBox.information(parent, "Šablona seznamu osob", f"Šablona uložena do {path}.")
    return path
