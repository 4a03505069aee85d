"""Import of persons (and their seats in groups) from an XLSX/CSV list, with the directory import's
preview and bad-row report; all or nothing (db.meetings.people_import)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from db.database import Database
from db.errors import UserError
from db.meetings.people_import import (
    Action, PeoplePreview, apply_people_import, plan_people_import, save_people_template,
)
from db.meetings.records import ROLE_LABELS
from desktop.directory.spreadsheet_dialogs import OPEN_FILTER, SAVE_FILTER, _folder, _remember_folder, _table, _with_suffix
from desktop.widgets.background_task import run_in_background
from desktop.widgets.failures import tell_refused
from desktop.widgets.rows_model import RowsModel

TITLE = "Import osob z tabulky"


def _rows_text(rows: list[int]) -> str:
    return ", ".join(str(r) for r in rows)


class PeopleImportDialog(QDialog):
    """What the file would add and change and which rows are bad; with a bad row nothing is imported."""

    def __init__(self, preview: PeoplePreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"{TITLE} – náhled")
        self.resize(940, 560)
        added = [(_rows_text(p.rows), p.record.display_name, p.record.organisation, p.record.email)
                 for p in preview.persons if p.action is Action.ADD]
        changed = [(_rows_text(p.rows), p.record.display_name, change)
                   for p in preview.persons if p.action is Action.CHANGE for change in p.changes]
        seats = [(str(m.row), m.person.record.display_name, m.group_name, ROLE_LABELS[m.role],
                  "nové" if m.action is Action.ADD else "změna role")
                 for m in preview.memberships if m.action is not Action.SAME]
        bad = [(p.row, p.column, p.message) for p in preview.problems]
        self.summary = QLabel("<br>".join(preview.summary()))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.added_view = _table(RowsModel(["Řádek", "Osoba", "Organizace", "E-mail"], added))
        self.changed_view = _table(RowsModel(["Řádek", "Osoba", "Změna"], changed))
        self.seats_view = _table(RowsModel(["Řádek", "Osoba", "Skupina", "Role", ""], seats))
        self.bad_view = _table(RowsModel(["Řádek", "Sloupec", "Důvod"], bad), wrap=True)
        self.tabs.addTab(self.added_view, f"Přibude ({len(added)})")
        self.tabs.addTab(self.changed_view, f"Změní se ({sum(1 for p in preview.persons if p.action is Action.CHANGE)})")
        self.tabs.addTab(self.seats_view, f"Členství ({len(seats)})")
        self.tabs.addTab(self.bad_view, f"Chybné řádky ({len(preview.bad_rows)})")
        if bad:
            self.tabs.setCurrentWidget(self.bad_view)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        palette = self.notice.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#a4262c"))
        self.notice.setPalette(palette)
        if bad:
            self.notice.setText("Soubor obsahuje chybné řádky. Opravte je v tabulce a načtěte ji znovu; "
                                "dokud v ní chyby jsou, neuloží se nic.")
        elif not preview.has_changes:
            self.notice.setText("Tabulka se shoduje s evidencí osob, není co uložit.")
        self.notice.setVisible(bool(self.notice.text()))
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("Importovat", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Zrušit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(preview.has_changes and not bad)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)


def import_people(parent: QWidget, db: Database, path: Path | None = None) -> bool:
    """File dialog (unless `path`) → preview → import; returns True when something was saved."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, TITLE, _folder(), OPEN_FILTER)
        if not name:
            return False
        path = Path(name)
        _remember_folder(path)
    try:
        preview = run_in_background(parent, TITLE, f"Čtu tabulku {path.name}…",
                                    lambda _progress: plan_people_import(db, path))
    except UserError as exc:
        tell_refused(parent, TITLE, exc)
        return False
    dialog = PeopleImportDialog(preview, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        result = run_in_background(parent, TITLE, "Ukládám osoby…", lambda _progress: apply_people_import(db, preview))
    except UserError as exc:
        tell_refused(parent, TITLE, exc)
        return False
    QMessageBox.information(parent, TITLE, f"Import je hotový.\n\n{result.message()}")
    return True


def save_template(parent: QWidget) -> Path | None:
    """Save an empty list of persons (.xlsx with a guide sheet, or .csv) for the import."""
    name, chosen_filter = QFileDialog.getSaveFileName(parent, "Šablona seznamu osob",
                                                      str(Path(_folder()) / "sablona-osob.xlsx"), SAVE_FILTER)
    if not name:
        return None
    path = _with_suffix(Path(name), chosen_filter)
    _remember_folder(path)
    try:
        save_people_template(path)
    except UserError as exc:
        tell_refused(parent, "Šablona seznamu osob", exc)
        return None
    QMessageBox.information(parent, "Šablona seznamu osob", f"Šablona uložena do {path}.")
    return path
