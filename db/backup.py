"""Consistent copies of the database with SQLite's online backup API, and automatic dated backups."""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path, PurePath
from urllib.parse import quote

from db.errors import DatabaseRefused, UserError
from db.files import replace_file, same_file, write_error_message
from db.paths import backup_dir_for

log = logging.getLogger(__name__)
AUTO_PREFIX = "auto-"
# Besides the newest N, one backup of each of the last days and of every month is kept, so a day of
# many imports cannot push out every state from before it.
KEEP_DAILY_DAYS = 7
_STAMP = re.compile(r"^auto-(\d{4})-(\d{2})-(\d{2})_")
# Leftovers of a backup that was interrupted (the computer switched off, the process killed). One that
# is younger may still be written by another window of the app.
_PART_SUFFIXES = (".part", ".part-journal")
STALE_PART_SECONDS = 15 * 60


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
    # Named for this process and thread: two windows backing up in the same second must not write
    # into one another's file.
    partial = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_interrupted(target.parent, prefix=target.name)
        with closing(connect_readonly(source)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
    except OSError as exc:
        _remove_partial(partial)
        raise UserError(write_error_message(target, exc)) from exc
    except sqlite3.Error as exc:
        _remove_partial(partial)
        log.error("backup to %s failed", target, exc_info=exc)
        raise UserError(f"Zálohu „{target}“ se nepodařilo vytvořit: {_backup_failure(exc)}") from exc
    # Written aside and renamed, so an interrupted backup never leaves a file that looks complete.
    replace_file(partial, target)


def _remove_partial(partial: Path) -> None:
    if not partial.parent.is_dir():  # the folder itself could not be made: nothing was written
        return
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            log.warning("cannot remove %s", leftover)


def _backup_failure(exc: sqlite3.Error) -> str:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == 13:  # SQLITE_FULL
        return "disk je plný. Uvolněte místo na disku a zkuste to znovu."
    if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
        return "databázi právě upravuje jiný program. Zkuste to za chvíli znovu."
    return "chyba databáze nebo disku (podrobnosti jsou v protokolu aplikace)."


def remove_interrupted(folder: Path, prefix: str = "", now: float | None = None) -> list[Path]:
    """Delete what interrupted backups left in `folder`: files named `prefix….part` or
    `prefix….part-journal` older than STALE_PART_SECONDS (a younger one may be another window's backup
    in progress). Returns the removed files."""
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for leftover in folder.iterdir():
        if not (leftover.name.startswith(prefix) and leftover.name.endswith(_PART_SUFFIXES)):
            continue
        try:
            if now - leftover.stat().st_mtime > STALE_PART_SECONDS:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            log.warning("cannot remove the leftover %s", leftover)
    return removed


@contextmanager
def no_traces_beside(path: Path) -> Iterator[None]:
    """Reading a WAL-mode database, even read-only, creates -wal and -shm files beside it that the
    reader cannot remove. Those this block created (and that hold nothing) are removed afterwards."""
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {c for c in companions if c.exists()}
    try:
        yield
    finally:
        wal = companions[0]
        if wal not in existed and (not wal.exists() or wal.stat().st_size == 0):
            for companion in companions:
                if companion not in existed:
                    try:
                        companion.unlink(missing_ok=True)
                    except OSError:
                        log.warning("cannot remove %s", companion)


def auto_backup(db_path: Path, reason: str, keep: int,
                write: Callable[[Path], None] | None = None) -> Path | None:
    """Dated copy in the backup folder, then rotation (see `backups_to_keep`) and removal of what
    interrupted backups left behind. Raises UserError if the copy cannot be written.

    `write(target)` writes the copy when the data is not the SQLite file `db_path` itself (a database
    on a server, whose backups live under the local anchor `db_path`)."""
    if write is None and (not db_path.exists() or db_path.stat().st_size == 0):
        return None
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = backup_dir_for(db_path) / f"{AUTO_PREFIX}{stamp}-{reason}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{AUTO_PREFIX}{stamp}-{reason}-{n}.sqlite")
    remove_interrupted(target.parent)
    if write is None:
        copy_database(db_path, target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target)
    prune_auto_backups(db_path, keep)
    return target


def auto_backups(db_path: Path) -> list[Path]:
    """Automatic backups, newest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite"), key=lambda p: p.name, reverse=True)


def backup_day(backup: Path) -> dt.date | None:
    """The day an automatic backup was taken, from its name (auto-YYYY-MM-DD_HHMMSS-…)."""
    match = _STAMP.match(backup.name)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def backups_to_keep(backups: Iterable[Path], keep: int, today: dt.date) -> set[Path]:
    """Which automatic backups rotation keeps: the newest `keep` (at least one), and whatever their
    number the first backup of each of the last KEEP_DAILY_DAYS days (today included) and the first of
    every month. The first of a day is the state before that day's work (the daily backup)."""
    newest_first = sorted(backups, key=lambda p: p.name, reverse=True)
    kept = set(newest_first[:max(1, keep)])
    first_of_day: dict[dt.date, Path] = {}
    first_of_month: dict[tuple[int, int], Path] = {}
    for backup in reversed(newest_first):  # oldest first: the first one seen is the day's first
        day = backup_day(backup)
        if day is None:
            continue
        first_of_day.setdefault(day, backup)
        first_of_month.setdefault((day.year, day.month), backup)
    recent = today - dt.timedelta(days=KEEP_DAILY_DAYS - 1)
    kept.update(b for day, b in first_of_day.items() if recent <= day <= today)
    kept.update(first_of_month.values())
    return kept


def prune_auto_backups(db_path: Path, keep: int, today: dt.date | None = None) -> None:
    """Delete the automatic backups rotation does not keep (see `backups_to_keep`)."""
    backups = auto_backups(db_path)
    kept = backups_to_keep(backups, keep, today or dt.date.today())
    for old in backups:
        if old not in kept:
            old.unlink(missing_ok=True)


def has_backup_from(db_path: Path, day: dt.date) -> bool:
    prefix = f"{AUTO_PREFIX}{day.isoformat()}_"
    return any(p.name.startswith(prefix) for p in auto_backups(db_path))
