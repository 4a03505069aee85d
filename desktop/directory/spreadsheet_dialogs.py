"""Exchange of the provider directory with Excel: import with a preview, export, blank template.

The directory tab's menu calls `import_spreadsheet`, `export_spreadsheet` and `save_template`; the work
itself is db/spreadsheet/, run off the UI thread.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel, QMainWindow,
    QMessageBox, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from db.database import Database
from db.errors import UserError
from db.spreadsheet import (
    Action, ImportCancelled, ImportPreview, ProviderPlan, apply_import, export_directory, plan_import,
)
from db.spreadsheet import save_template as write_template
from desktop.widgets.background_task import run_in_background
from desktop.widgets.failures import tell_refused
from desktop.widgets.rows_model import RowsModel

IMPORT_TITLE = "Import z tabulky"
EXPORT_TITLE = "Export do tabulky"
TEMPLATE_TITLE = "Šablona tabulky"
OPEN_FILTER = "Tabulky (*.xlsx *.csv);;Sešit Excelu (*.xlsx);;CSV (*.csv);;Všechny soubory (*)"
SAVE_FILTER = "Sešit Excelu (*.xlsx);;CSV UTF-8 se středníky (*.csv)"
FOLDER_KEY = "spreadsheet/folder"


def _folder() -> str:
    stored = QSettings().value(FOLDER_KEY, "")
    if stored and Path(stored).is_dir():
        return str(stored)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _remember_folder(path: Path) -> None:
    QSettings().setValue(FOLDER_KEY, str(path.parent))


def _with_suffix(path: Path, chosen_filter: str) -> Path:
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if "*.csv" in chosen_filter else ".xlsx"))


def _report_done(parent: QWidget, title: str, text: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10000)
    else:
        QMessageBox.information(parent, title, text)


_WRAP_LIMIT = 500  # measuring every row's height is quick for a few hundred rows, slow for thousands


def _table(model: RowsModel, wrap: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    model.setParent(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    # The reasons of bad rows are whole sentences the clerk must read to fix the file: wrap them.
    wrap = wrap and model.rowCount() <= _WRAP_LIMIT
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    if wrap:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    return view


def _record_label(plan) -> str:
    if isinstance(plan, ProviderPlan):
        return f"Poskytovatel {plan.values.name}"
    return f"Služba {plan.values.name} ({plan.provider_name})"


class ImportPreviewDialog(QDialog):
    """What the file would add and change and which rows are bad; the clerk confirms or cancels."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"{IMPORT_TITLE} – náhled")
        self.resize(980, 600)
        plans = sorted([*preview.providers, *preview.services], key=lambda p: p.row)
        added = [(p.row, "poskytovatel" if isinstance(p, ProviderPlan) else "služba", p.values.name,
                  (f"IČO {p.values.ico}" if p.values.ico else "") if isinstance(p, ProviderPlan) else p.provider_name)
                 for p in plans if p.action is Action.ADD]
        changed = [(p.row, _record_label(p), c.column, c.old, c.new)
                   for p in plans if p.action is Action.CHANGE for c in p.changes]
        bad = [(p.row, p.column, p.message) for p in preview.problems]

        self.summary = QLabel("<br>".join(preview.summary()))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.added_view = _table(RowsModel(["Řádek", "Záznam", "Název", "IČO / poskytovatel"], added))
        self.changed_view = _table(RowsModel(["Řádek", "Záznam", "Sloupec", "Dosud", "Nově"], changed))
        self.bad_view = _table(RowsModel(["Řádek", "Sloupec", "Důvod"], bad), wrap=True)
        changed_records = sum(1 for p in plans if p.action is Action.CHANGE)
        self.tabs.addTab(self.added_view, f"Přibude ({len(added)})")
        self.tabs.addTab(self.changed_view, f"Změní se ({changed_records})")
        self.tabs.addTab(self.bad_view, f"Chybné řádky ({len(preview.bad_rows)})")
        # Warnings never block the import (e.g. characters the printed booklet cannot show).
        self.warnings_view = _table(RowsModel(["Upozornění"], [(w,) for w in preview.warnings]), wrap=True)
        if preview.warnings:
            self.tabs.addTab(self.warnings_view, f"Upozornění ({len(preview.warnings)})")
        if bad:
            self.tabs.setCurrentWidget(self.bad_view)
        elif not added and changed:
            self.tabs.setCurrentWidget(self.changed_view)

        self.skip_box = QCheckBox("Přeskočit chybné řádky")
        self.skip_box.setEnabled(bool(bad))
        self.skip_box.setToolTip("Uloží se jen bezchybné řádky; chybné zůstanou v souboru k opravě.")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        palette = self.notice.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#a4262c"))
        self.notice.setPalette(palette)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("Importovat", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Zrušit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.skip_box.toggled.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self._update()

    @property
    def skip_invalid(self) -> bool:
        return self.skip_box.isChecked()

    def _update(self) -> None:
        blocked = bool(self.preview.problems) and not self.skip_invalid
        if blocked:
            text = ("Soubor obsahuje chybné řádky. Opravte je v tabulce a načtěte ji znovu, "
                    "nebo zvolte „Přeskočit chybné řádky“; jinak se neuloží nic.")
        elif not self.preview.has_changes:
            text = "Tabulka se shoduje s adresářem, není co uložit."
        else:
            text = ""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.import_button.setEnabled(self.preview.has_changes and not blocked)


def import_spreadsheet(parent: QWidget, db: Database) -> bool:
    """File dialog → preview → import; returns True when something was saved."""
    name, _ = QFileDialog.getOpenFileName(parent, IMPORT_TITLE, _folder(), OPEN_FILTER)
    if not name:
        return False
    path = Path(name)
    _remember_folder(path)

    def plan(progress) -> ImportPreview:
        preview = plan_import(db, path)
        if not progress(1, 1):
            raise ImportCancelled("Načítání tabulky bylo zrušeno.")
        return preview

    try:
        preview = run_in_background(parent, IMPORT_TITLE, f"Čtu tabulku {path.name} a porovnávám ji s adresářem…", plan)
    except ImportCancelled:
        return False
    except UserError as exc:
        tell_refused(parent, IMPORT_TITLE, exc)
        return False
    dialog = ImportPreviewDialog(preview, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    skip = dialog.skip_invalid
    try:
        result = run_in_background(parent, IMPORT_TITLE, "Ukládám změny do adresáře…",
                                   lambda progress: apply_import(db, preview, skip_invalid=skip, progress=progress))
    except ImportCancelled as exc:
        QMessageBox.information(parent, IMPORT_TITLE, str(exc))
        return False
    except UserError as exc:
        tell_refused(parent, IMPORT_TITLE, exc)
        return False
    QMessageBox.information(parent, IMPORT_TITLE, f"Import je hotový.\n\n{result.message()}")
    return True


def _ask_target(parent: QWidget, title: str, file_name: str) -> Path | None:
    name, chosen_filter = QFileDialog.getSaveFileName(parent, title, str(Path(_folder()) / file_name), SAVE_FILTER)
    if not name:
        return None
    path = _with_suffix(Path(name), chosen_filter)
    _remember_folder(path)
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
    _report_done(parent, EXPORT_TITLE, f"Adresář uložen do {path} (řádků: {rows}).")
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
    _report_done(parent, TEMPLATE_TITLE, f"Šablona uložena do {path}.")
    return path
