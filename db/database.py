"""Opening the application's SQLite database safely.

A file is inspected read-only before anything writes to it: a file that is not SQLite, a SQLite file
of another application, or a database written by a newer version of this app is refused untouched.
Pending migrations run only after a dated copy has been taken.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import URL, Engine, create_engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from db import backup, migrate
from db.errors import DatabaseRefused
from db.files import same_file
from db.paths import adopt_legacy_backups, is_network_path
from db.settings import DEFAULT_BACKUP_KEEP, backup_keep

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass
class FileState:
    is_new: bool
    revision: str | None


def inspect_file(path: Path) -> FileState:
    """Classify the file without modifying it; raise DatabaseRefused if it is not ours to open."""
    if path.is_dir():
        raise DatabaseRefused(f"„{path}“ je složka, ne soubor databáze.")
    if not path.exists() or path.stat().st_size == 0:
        return FileState(is_new=True, revision=None)
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseRefused(
            f"Soubor „{path}“ není databáze aplikace Komunitní plán (není to databáze SQLite). "
            "Soubor nebyl změněn.")
    try:
        with closing(backup.connect_readonly(path)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"Soubor „{path}“ nelze přečíst jako databázi ({exc}). Soubor nebyl změněn.") from exc
    if not tables:
        return FileState(is_new=True, revision=None)
    if revision is None:
        raise DatabaseRefused(
            f"Soubor „{path}“ je databáze SQLite, ale nepatří aplikaci Komunitní plán. Soubor nebyl změněn.")
    if revision not in migrate.known_revisions():
        raise DatabaseRefused(
            f"Databázi „{path}“ zapsala novější verze aplikace Komunitní plán (verze schématu {revision}). "
            "Nainstalujte prosím novější verzi aplikace. Databáze nebyla změněna.")
    return FileState(is_new=False, revision=revision)


def journal_mode_for(path: Path) -> str:
    # WAL keeps its index in shared memory, which computers sharing a file over the network cannot
    # share: SQLite's documentation forbids WAL there. A database on a share uses the rollback journal.
    return "DELETE" if is_network_path(path) else "WAL"


def _on_connect(dbapi_conn: sqlite3.Connection, journal_mode: str) -> None:
    # The sqlite3 module would run DDL outside any transaction (it only BEGINs before DML), so a
    # migration failing half-way could leave half a schema. We switch its own handling off and
    # let SQLAlchemy's "begin" event start every transaction instead (SQLAlchemy's documented recipe).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    # URL.create, not an f-string: a folder named "Odbor #2 ?" must not be parsed as URL syntax.
    engine = create_engine(URL.create("sqlite", database=str(path)))
    journal_mode = journal_mode_for(path)
    event.listen(engine, "connect", lambda dbapi_conn, _record: _on_connect(dbapi_conn, journal_mode))
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


class Database:
    """An open database: the engine, a session factory and the file it came from."""

    def __init__(self, path: Path, engine: Engine):
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    def read(self, query: Callable[..., T], *args) -> T:
        """Run `query(session, *args)` in a session of its own: how the UI asks the core."""
        with self.session() as s:
            return query(s, *args)

    def write(self, command: Callable[..., T], *args) -> T:
        """Run `command(session, *args)` in one transaction, committed when it returns."""
        with self.session() as s, s.begin():
            return command(s, *args)

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def backup_to(self, target: Path) -> None:
        backup.copy_database(self.path, target)

    def auto_backup(self, reason: str) -> Path | None:
        with self.session() as s:
            keep = backup_keep(s)
        return backup.auto_backup(self.path, reason, keep)

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path | str, *, daily_backup: bool = True) -> Database:
    """Open (creating if needed) and migrate the database at `path`."""
    path = Path(path).expanduser().resolve()
    state = inspect_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not state.is_new:
        adopt_legacy_backups(path)
        if state.revision != migrate.head_revision():
            backup.auto_backup(path, "pred-migraci", _stored_keep(path))
        elif daily_backup and not backup.has_backup_from(path, dt.date.today()):
            backup.auto_backup(path, "denni", _stored_keep(path))
    engine = make_engine(path)
    with engine.begin() as conn:
        migrate.upgrade(conn)
    return Database(path, engine)


def _stored_keep(path: Path) -> int:
    """Backup retention read straight from the file, before migrations may have run."""
    try:
        with closing(backup.connect_readonly(path)) as conn:
            row = conn.execute("SELECT value FROM setting WHERE key = 'backup.keep'").fetchone()
        return max(1, int(row[0])) if row else DEFAULT_BACKUP_KEEP
    except (sqlite3.Error, ValueError):
        return DEFAULT_BACKUP_KEEP


def table_counts(db: Database) -> dict[str, int]:
    from db.models import metadata

    counts: dict[str, int] = {}
    with db.session() as s:
        for name, table in sorted(metadata.tables.items()):
            counts[name] = s.scalar(select(func.count()).select_from(table)) or 0
    return counts


def restore_database(db: Database, source: Path | str) -> Database:
    """Replace the contents of `db` with the backup `source`; returns the reopened database.

    The source is checked first (ours, not newer), the current data is backed up, then copied over
    with the backup API, which writes the target in one transaction.
    """
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise DatabaseRefused(f"Soubor zálohy „{source}“ neexistuje.")
    if same_file(source, db.path):
        raise DatabaseRefused("Nelze obnovit databázi ze sebe sama; vyberte soubor zálohy.")
    if inspect_file(source).is_new:
        raise DatabaseRefused(f"Soubor „{source}“ je prázdný, neobsahuje zálohu dat aplikace.")
    db.auto_backup("pred-obnovou")
    path = db.path
    db.close()
    try:
        with closing(backup.connect_readonly(source)) as src, \
                closing(sqlite3.connect(path)) as dst:
            dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.backup(dst)
    except sqlite3.Error as exc:
        # The backup API writes the target in one transaction, so the old data is still there and
        # the disposed engine reconnects on demand.
        raise DatabaseRefused(f"Obnova ze zálohy „{source}“ selhala ({exc}); data zůstala beze změny.") from exc
    return open_database(path, daily_backup=False)
