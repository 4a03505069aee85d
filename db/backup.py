"""Consistent copies of the database with SQLite's online backup API, and automatic dated backups."""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path, PurePath
from urllib.parse import quote

from db.errors import DatabaseRefused, UserError
from db.files import replace_file, same_file, write_error_message
from db.paths import backup_dir_for

AUTO_PREFIX = "auto-"


def sqlite_uri(path: PurePath) -> str:
    """file: URI as SQLite reads it. Not Path.as_uri(): a Windows network path \\\\server\\share would
    become file://server/share, and SQLite refuses any URI authority; it wants file:////server/share.
    Quoted, because a folder name with '#', '?' or '%' would otherwise be misread as URI syntax."""
    posix = path.as_posix()
    if not posix.startswith("/"):  # C:/Users/… needs the empty authority in front: file:///C:/Users/…
        posix = "/" + posix
    return "file://" + quote(posix, safe="/:")


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open without any chance of writing."""
    return sqlite3.connect(f"{sqlite_uri(Path(path).resolve())}?mode=ro", uri=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database (WAL included) to `target` consistently, even while it is in use.

    The copy is a single self-contained file (rollback journal, not WAL): opening it later, even
    read-only or from a read-only medium, leaves no -wal/-shm files beside it."""
    if same_file(source, target):
        raise DatabaseRefused("Zálohu nelze zapsat přes samotnou databázi.")
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with closing(connect_readonly(source)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(write_error_message(target, exc)) from exc
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Zálohu „{target}“ se nepodařilo vytvořit ({exc}).") from exc
    # Written aside and renamed, so an interrupted backup never leaves a file that looks complete.
    replace_file(partial, target)


def auto_backup(db_path: Path, reason: str, keep: int) -> Path | None:
    """Dated copy in the backup folder, then prune to the newest `keep` automatic backups."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = backup_dir_for(db_path) / f"{AUTO_PREFIX}{stamp}-{reason}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{AUTO_PREFIX}{stamp}-{reason}-{n}.sqlite")
    copy_database(db_path, target)
    prune_auto_backups(db_path, keep)
    return target


def auto_backups(db_path: Path) -> list[Path]:
    """Automatic backups, newest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite"), key=lambda p: p.name, reverse=True)


def prune_auto_backups(db_path: Path, keep: int) -> None:
    for old in auto_backups(db_path)[max(1, keep):]:
        old.unlink(missing_ok=True)


def has_backup_from(db_path: Path, day: dt.date) -> bool:
    prefix = f"{AUTO_PREFIX}{day.isoformat()}_"
    return any(p.name.startswith(prefix) for p in auto_backups(db_path))
