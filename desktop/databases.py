"""The clerk's databases: new and opened files, recently used files and server databases, and the
folder of each one's backups.

The main window's *Soubor* menu uses these; the chosen file is remembered so the next start opens it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy import make_url

from db.database import Database, open_database
from db.errors import UserError
from db.paths import backup_dir_for, is_server_url, user_data_dir
from db.server import DEFAULT_PORT, address_without_password, server_url
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


Entry = Path | str  # a database file, or a server database's address without the password


class RecentDatabases:
    """Recently opened databases, newest first, kept in the Qt settings: files (Path) and databases
    on a server (their postgresql://user@host:port/database address, never with a password)."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    def entries(self) -> list[Entry]:
        """Remembered servers and the remembered files that still exist, newest first."""
        stored = self.settings.value(RECENT_KEY, []) or []
        if isinstance(stored, str):  # QSettings gives a one-item list back as a plain string
            stored = [stored]
        return [entry for entry in map(_entry, stored) if entry is not None]

    def add(self, entry: Entry) -> None:
        """Put `entry` first (and remember it as the database to reopen at the next start). A server
        address is stored without its password, whatever it came with."""
        if is_server_url(entry):
            entry = address_without_password(server_url(entry))
        else:
            entry = Path(entry)
            self.settings.setValue(FOLDER_KEY, str(entry.parent))
        others = [e for e in self.entries() if e != entry]
        self.settings.setValue(RECENT_KEY, [str(e) for e in [entry, *others][:MAX_RECENT]])
        self.settings.setValue(LAST_KEY, str(entry))

    def clear(self) -> None:
        self.settings.setValue(RECENT_KEY, [])

    def last(self) -> Entry | None:
        """The database open when the app was last used: a server's address, or a file that still
        exists."""
        return _entry(self.settings.value(LAST_KEY, "") or "")


def _entry(stored: str) -> Entry | None:
    if is_server_url(stored):
        return stored
    return Path(stored) if stored and Path(stored).is_file() else None


def entry_label(entry: Entry) -> str:
    """How the Naposledy otevřené menu names it: „komunitni-plan.sqlite  (/home/jana)“ for a file,
    „kp na serveru urad:5432 (jana)“ for a server database; never a password."""
    if not is_server_url(entry):
        return f"{entry.name}  ({entry.parent})"
    url = make_url(entry)
    who = f" ({url.username})" if url.username else ""
    return f"{url.database} na serveru {url.host or 'localhost'}:{url.port or DEFAULT_PORT}{who}"


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
