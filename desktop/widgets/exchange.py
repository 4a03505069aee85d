"""What the spreadsheet exchanges share (the directory's, the persons' and the plan's imports and exports):
the folder the file dialogs start in, the report of a finished export, the preview tables, the preview
dialog's frame and the import's course (read off the UI thread → preview → save off the UI thread).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMainWindow, QMessageBox, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from db.errors import UserError
from desktop.widgets.background_task import Progress, run_in_background
from desktop.widgets.failures import tell_refused
from desktop.widgets.file_dialogs import start_folder
from desktop.widgets.rows_model import RowsModel

# The directory's and the persons' tables: Excel workbooks or CSV (db/spreadsheet/files.py reads both).
TABLE_OPEN_FILTER = "Tabulky (*.xlsx *.csv);;Sešit Excelu (*.xlsx);;CSV (*.csv);;Všechny soubory (*)"
TABLE_SAVE_FILTER = "Sešit Excelu (*.xlsx);;CSV UTF-8 se středníky (*.csv)"
# Where the file dialogs of those tables start: one folder for both.
TABLES_FOLDER_KEY = "spreadsheet/folder"

P = TypeVar("P")
D = TypeVar("D", bound=QDialog)
R = TypeVar("R")
_NOTICE_COLOR = "#a4262c"


def exchange_folder(key: str) -> str:
    """The folder remembered under the settings `key` while it exists, else Documents."""
    return start_folder(QSettings().value(key, ""))


def remember_exchange_folder(key: str, path: Path) -> None:
    """Remember the folder of `path` under `key` for the next file dialog of the same exchange."""
    QSettings().setValue(key, str(path.parent))


def with_table_suffix(path: Path, chosen_filter: str) -> Path:
    """`path` with .xlsx or .csv added when the clerk typed a name without it, by the chosen filter."""
    if path.suffix.lower() in (".xlsx", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if "*.csv" in chosen_filter else ".xlsx"))


def report_done(parent: QWidget | None, title: str, text: str) -> None:
    """A finished export or template: in the main window's status bar (10 s), else in a box."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10000)
    else:
        QMessageBox.information(parent, title, text)


# Measuring every row's height for wrapping is quick for a few hundred rows, slow for thousands.
WRAP_AT_MOST = 500


def preview_table(model: RowsModel, wrap: bool = False, wrap_at_most: int | None = None) -> QTableView:
    """A read-only table of a preview's rows, sized to its contents, the last column stretched; with
    `wrap` long cells (whole sentences: why a row is bad) wrap and rows grow to fit them, unless the
    model has more than `wrap_at_most` rows (e.g. WRAP_AT_MOST)."""
    wrap = wrap and (wrap_at_most is None or model.rowCount() <= wrap_at_most)
    view = QTableView()
    view.setModel(model)
    model.setParent(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    if wrap:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    return view


class ImportPreviewFrame(QDialog):
    """An import's preview dialog titled „`title` – náhled“: `summary` lines on top, `tabs` for the
    subclass to fill, a red `notice` (why nothing can be imported), *Importovat* / *Zrušit*.
    `add_below_tabs` puts an option (skip bad rows) between the tabs and the notice."""

    def __init__(self, title: str, summary: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{title} – náhled")
        self.summary = QLabel("<br>".join(summary))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        palette = self.notice.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(_NOTICE_COLOR))
        self.notice.setPalette(palette)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("Importovat", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Zrušit", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.summary)
        self._layout.addWidget(self.tabs, 1)
        self._layout.addWidget(self.notice)
        self._layout.addWidget(buttons)

    def add_below_tabs(self, widget: QWidget) -> None:
        self._layout.insertWidget(self._layout.indexOf(self.notice), widget)

    def show_notice(self, text: str) -> None:
        """The red line above the buttons; hidden when `text` is empty."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))


def import_with_preview(parent: QWidget, title: str, reading: str, read: Callable[[Progress], P],
                        preview_dialog: Callable[[P], D], saving: str, save: Callable[[D], Callable[[Progress], R]],
                        cancelled: tuple[type[Exception], ...] = ()) -> R | None:
    """An import's course: `read(progress)` the file into a preview off the UI thread (progress text
    `reading`); show `preview_dialog(preview)`; once the clerk confirms it, run `save(dialog)` off the
    UI thread (`saving`): `save` is called on the UI thread, so it reads her choices from the dialog
    there, and returns the work. Returns what that work returned, or None when nothing was saved: the
    clerk cancelled, or a refusal (UserError) was shown in a box titled `title`. A `cancelled`
    exception (the progress dialog's Zrušit) ends the reading quietly and is reported after saving."""
    try:
        preview = run_in_background(parent, title, reading, read)
    except cancelled:
        return None
    except UserError as exc:
        tell_refused(parent, title, exc)
        return None
    dialog = preview_dialog(preview)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return run_in_background(parent, title, saving, save(dialog))
    except cancelled as exc:
        QMessageBox.information(parent, title, str(exc))
    except UserError as exc:
        tell_refused(parent, title, exc)
    return None
