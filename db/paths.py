"""Where the application keeps its files on this computer."""
from __future__ import annotations

from pathlib import Path

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
