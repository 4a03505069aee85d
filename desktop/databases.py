"""The clerk's own database files: new, open, recently used, and the folder of each one's backups.

The main window's *Soubor* menu uses these; the chosen file is remembered so the next start opens it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from db.database import Database, open_database
from db.errors import UserError
from db.paths import backup_dir_for, user_data_dir
from desktop.widgets.file_dialogs import start_folder

RECENT_KEY = "databases/recent"
LAST_KEY = "databases/last"
FOLDER_KEY = "databases/folder"
MAX_RECENT = 8
FILTER = "Databáze Komunitního plánu (*.sqlite *.sqlite3 *.db);;Všechny soubory (*)"
DEMO_FILENAME = "ukazka-lipova-nad-sazavou.sqlite"


def demo_db_path() -> Path:
    """The demo directory's own file, beside the default database (never mixed with real data)."""
    return user_data_dir() / DEMO_FILENAME


class RecentDatabases:
    """Recently opened database files, newest first, kept in the Qt settings."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    def paths(self) -> list[Path]:
        """Remembered files that still exist, newest first."""
        stored = self.settings.value(RECENT_KEY, []) or []
        if isinstance(stored, str):  # QSettings gives a one-item list back as a plain string
            stored = [stored]
        return [Path(p) for p in stored if Path(p).is_file()]

    def add(self, path: Path) -> None:
        path = Path(path)
        others = [p for p in self.paths() if p != path]
        self.settings.setValue(RECENT_KEY, [str(p) for p in [path, *others][:MAX_RECENT]])
        self.settings.setValue(LAST_KEY, str(path))
        self.settings.setValue(FOLDER_KEY, str(path.parent))

    def clear(self) -> None:
        self.settings.setValue(RECENT_KEY, [])

    def last(self) -> Path | None:
        """The database open when the app was last used, if it still exists."""
        stored = self.settings.value(LAST_KEY, "")
        return Path(stored) if stored and Path(stored).is_file() else None


def ask_new_path(parent: QWidget, settings: QSettings) -> Path | None:
    """Ask where to create a new, empty database; None when cancelled or the file exists already."""
    suggested = Path(start_folder(settings.value(FOLDER_KEY, ""))) / "komunitni-plan.sqlite"
    name, _ = QFileDialog.getSaveFileName(
        parent, "Nová databáze", str(suggested), FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite)
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix(".sqlite")
    if path.exists():
        QMessageBox.warning(
            parent, "Nová databáze",
            f"Soubor „{path}“ už existuje. Nová databáze se do něj nezaloží, aby se nepřepsala data.\n\n"
            "Zvolte jiný název, nebo soubor otevřete příkazem Soubor → Otevřít databázi….")
        return None
    return path


def ask_open_path(parent: QWidget, settings: QSettings) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Otevřít databázi", start_folder(settings.value(FOLDER_KEY, "")), FILTER)
    return Path(name) if name else None


def open_or_explain(parent: QWidget, path: Path) -> Database | None:
    """Open (creating if new) and migrate; a refused file is explained in Czech and None returned."""
    try:
        return open_database(path)
    except UserError as exc:
        QMessageBox.critical(parent, "Otevřít databázi", f"Databázi nelze otevřít.\n\n{exc}")
        return None


def open_backup_folder(parent: QWidget, db_path: Path) -> bool:
    """Show the database's backup folder in the file manager, creating it first; say why not if it fails."""
    folder = backup_dir_for(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.warning(parent, "Složka záloh",
                            f"Složku záloh „{folder}“ nelze vytvořit ({exc.strerror or exc}).\n\n"
                            "Zkontrolujte, zda máte do složky s databází právo zápisu.")
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    box = QMessageBox(QMessageBox.Icon.Information, "Složka záloh",
                      "Správce souborů se nepodařilo spustit. Zálohy najdete ve složce:", parent=parent)
    box.setInformativeText(str(folder))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    return False
