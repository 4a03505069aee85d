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


def backup_dir_for(db_path: Path) -> Path:
    """Automatic backups live beside the database, so --db files keep their own history."""
    return db_path.parent / "zalohy"


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
