"""Where the application keeps its files on this computer."""
from __future__ import annotations

import sys
from pathlib import Path, PurePath, PureWindowsPath

import platformdirs

APP_NAME = "KomunitniPlan"
DB_FILENAME = "komunitni-plan.sqlite"


def user_data_dir() -> Path:
    # roaming=True puts it in %APPDATA% on Windows, which the office IT backs up with the profile.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_db_path() -> Path:
    return user_data_dir() / DB_FILENAME


BACKUP_FOLDER = "zalohy"
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def backup_dir_for(db_path: Path) -> Path:
    """Automatic backups of one database: `zalohy/<file name without extension>/` beside it.

    A folder per database, so two databases in one folder never count or prune each other's backups
    and a clerk sees whose a backup is (`zalohy/komunitni-plan/`, `zalohy/ukazka/`)."""
    return db_path.parent / BACKUP_FOLDER / db_path.stem


def adopt_legacy_backups(db_path: Path) -> list[Path]:
    """Move backups of versions before the folder per database (`zalohy/auto-*.sqlite`) into this
    database's folder, when this is the only database in its folder and so certainly their owner.

    With several databases side by side nobody can tell whose they are: they stay where they are (still
    offered by *Obnovit ze zálohy…*, no longer counted or pruned). Returns the new paths; a file that
    cannot be moved stays where it is."""
    legacy = sorted((db_path.parent / BACKUP_FOLDER).glob("auto-*.sqlite"))
    if not legacy or _other_databases_beside(db_path):
        return []
    target = backup_dir_for(db_path)
    moved = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for old in legacy:
            new = target / old.name
            if not new.exists():
                old.rename(new)
                moved.append(new)
    except OSError:
        pass  # a read-only or locked folder: the old backups keep working where they are
    return moved


def _other_databases_beside(db_path: Path) -> bool:
    return any(p.suffix.lower() in DATABASE_SUFFIXES and p.name != db_path.name
               for p in db_path.parent.iterdir() if p.is_file())


SERVER_SCHEMES = ("postgresql:", "postgres:", "postgresql+psycopg:")


def is_server_url(target: object) -> bool:
    """True for a text naming a database on a PostgreSQL server (postgresql://…), not a file."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def is_network_path(path: PurePath) -> bool:
    """A file on another computer: a Windows share (\\\\server\\share) or a mapped network drive."""
    if not isinstance(path, PureWindowsPath):
        return False
    if path.drive.startswith("\\\\"):
        return True
    return bool(path.drive) and _drive_type(path.drive + "\\") == _DRIVE_REMOTE


_DRIVE_REMOTE = 4


def _drive_type(root: str) -> int:
    if sys.platform != "win32":
        return 0
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)
