"""Opening the application's SQLite database safely.

A file is inspected read-only before anything writes to it: a file that is not SQLite, a SQLite file
of another application, or a database written by a newer version of this app is refused untouched.
Pending migrations run only after a dated copy has been taken.
"""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy import URL, Engine, create_engine, event, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db import backup, changes, migrate, versioning  # noqa: F401  (their listeners must be registered)
from db.errors import DatabaseEmptied, DatabaseRefused, DatabaseUnavailable, UserError, busy_message, describe_failure
from db.files import same_file
from db.paths import adopt_legacy_backups, is_network_path, is_server_url
from db.settings import DEFAULT_BACKUP_KEEP, backup_keep

log = logging.getLogger(__name__)
T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# Execution option that makes a transaction start as BEGIN IMMEDIATE (see make_engine).
_IMMEDIATE = "kp_immediate"


@dataclass
class FileState:
    is_new: bool
    revision: str | None


def inspect_file(path: Path, *, empty_ok: bool = False) -> FileState:
    """Classify the file without modifying it; raise DatabaseRefused if it is not ours to open.

    An empty (zero-byte) file is taken as a new database, unless something says it held data (its
    automatic backups, a journal beside it) and `empty_ok` is False: a database emptied by a failed
    copy or a full disk must not silently start over empty."""
    if path.is_dir():
        raise DatabaseRefused(f"„{path}“ je složka, ne soubor databáze.")
    if not path.exists():
        return FileState(is_new=True, revision=None)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseRefused(
            f"Soubor „{path}“ nelze číst ({exc.strerror or exc}): nemáte k němu právo, nebo disk není "
            "dostupný. Soubor nebyl změněn.") from exc
    if size == 0:
        if not empty_ok and _was_database(path):
            raise DatabaseEmptied(
                f"Soubor databáze „{path}“ je prázdný (0 bajtů), ačkoli k němu existují zálohy: data "
                "se zřejmě ztratila (plný disk, nedokončené kopírování). Aplikace jej nepoužije jako novou "
                "prázdnou databázi. Obnovte data ze zálohy (příkaz restore, nebo Soubor → Obnovit ze "
                "zálohy…), nebo soubor smažte, chcete-li opravdu začít s prázdnou databází.")
        return FileState(is_new=True, revision=None)
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
        failure = describe_failure(exc, path)
        if failure is not None and failure.kind != "damaged":
            raise failure from exc  # locked, unreadable folder, disk error: not a question of the file
        raise DatabaseRefused(
            f"Soubor „{path}“ nelze přečíst jako databázi (soubor je poškozený). Soubor nebyl změněn.") from exc
    if not tables:
        return FileState(is_new=True, revision=None)
    if revision is None:
        raise DatabaseRefused(
            f"Soubor „{path}“ je databáze SQLite, ale nepatří aplikaci Komunitní plán. Soubor nebyl změněn.")
    if revision not in migrate.known_revisions():
        raise DatabaseRefused(newer_schema_message(f"„{path}“", revision))
    return FileState(is_new=False, revision=revision)


def newer_schema_message(location: str, revision: str) -> str:
    """The refusal of a database (file or server) written by a newer version of the app."""
    return (f"Databázi {location} zapsala novější verze aplikace Komunitní plán (verze schématu {revision}). "
            "Nainstalujte prosím novější verzi aplikace. Databáze nebyla změněna.")


def _was_database(path: Path) -> bool:
    journals = (path.with_name(path.name + suffix) for suffix in ("-wal", "-journal"))
    return bool(backup.auto_backups(path)) or any(j.exists() for j in journals)


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
    # hide_parameters: an error's text would otherwise carry the values of the failed statement
    # (names, phone numbers, e-mails, the OS login) into the log.
    engine = create_engine(URL.create("sqlite", database=str(path)), hide_parameters=True)
    journal_mode = journal_mode_for(path)
    event.listen(engine, "connect", lambda dbapi_conn, _record: _on_connect(dbapi_conn, journal_mode))
    event.listen(engine, "begin", _begin)
    return engine


def _begin(conn) -> None:
    # A deferred transaction that has read and then wants to write cannot wait for another writer
    # (SQLite answers SQLITE_BUSY at once, to avoid a deadlock): every transaction that will write
    # takes the write lock up front, where the busy timeout applies.
    immediate = conn.get_execution_options().get(_IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class ConnectionWatcher(Protocol):
    """Told by a server database when its connection is lost and when it works again (the window's
    *Zkusit znovu* dialog and status bar: desktop/widgets/connection.py)."""

    def connection_lost(self, failure: DatabaseUnavailable) -> bool:
        """True: run the same read or write again; False: let `failure` go to the caller. May raise
        a UserError of its own instead (the clerk chose to give up)."""

    def connection_restored(self) -> None:
        """A read or write succeeded after a lost connection."""


class Database:
    """An open database: the engine, a session factory and the file it came from.

    Failures of SQLite or the disk (busy, read-only, full) leave `read`, `write` and `writing` as
    DatabaseUnavailable with a Czech message; the details go to the log. A lost connection to a server
    (kind "disconnected") is offered to `watcher`, which may have `read` / `write` run the same
    function again; the dead connections are dropped, so a retry connects anew."""

    # A database on a PostgreSQL server (db/server.py) says True.
    is_server = False

    def __init__(self, path: Path, engine: Engine):
        self.path = path
        self.engine = engine
        # Which database is open, for the clerk (title, status bar, messages).
        self.location = f"„{path}“"
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # `read` sees the database at one moment across all its queries: SQLite's read transaction
        # does that by itself; a server database sets a stricter isolation here (db/server.py).
        self._read_sessions = self._sessions
        self._write_sessions = sessionmaker(engine.execution_options(**{_IMMEDIATE: True}),
                                            expire_on_commit=False)
        # What went wrong on opening without stopping the work (a failed daily backup), in Czech.
        self.warnings: list[str] = []
        # Set for a file on a network drive (open_database): reading only, writing says why not.
        self.read_only_reason: str | None = None
        self.watcher: ConnectionWatcher | None = None
        self._disconnected = False

    def session(self) -> Session:
        return self._sessions()

    def read(self, query: Callable[..., T], *args) -> T:
        """Run `query(session, *args)` in a session of its own: how the UI asks the core."""
        return self._retrying(self._read_once, query, *args)

    def read_quietly(self, query: Callable[..., T], *args) -> T:
        """Like `read`, but a lost connection is only raised (DatabaseUnavailable), never offered to
        the watcher: for the window's polling, which must not ask the clerk anything while she is
        away; a success still tells the watcher the connection is back."""
        result = self._read_once(query, *args)
        self._note_success()
        return result

    def _read_once(self, query: Callable[..., T], *args) -> T:
        with self._translated(), self._read_sessions() as s:
            return query(s, *args)

    def write(self, command: Callable[..., T], *args) -> T:
        """Run `command(session, *args)` in one transaction, committed when it returns. After a lost
        connection the transaction is gone as a whole, so running `command` again is safe."""
        return self._retrying(self._write_once, command, *args)

    def _write_once(self, command: Callable[..., T], *args) -> T:
        with self.writing() as s:
            return command(s, *args)

    def _retrying(self, run: Callable[..., T], *args) -> T:
        # A save function may write the new id or version into the record it was given before the
        # connection dies; the retry must start from the record as the form handed it over.
        snapshot = _snapshot(args) if self.is_server and self.watcher is not None else None
        while True:
            try:
                result = run(*args)
            except DatabaseUnavailable as failure:
                if failure.kind != "disconnected" or self.watcher is None:
                    raise
                if not self.watcher.connection_lost(failure):
                    raise
                if snapshot is not None:
                    _restore(args, snapshot)
                continue
            self._note_success()
            return result

    def _note_success(self) -> None:
        if self._disconnected:
            self._disconnected = False
            if self.watcher is not None:
                self.watcher.connection_restored()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in one write transaction (BEGIN IMMEDIATE: it waits up to the busy timeout for
        another writer), committed when the block ends and rolled back if it raises."""
        if self.read_only_reason:
            raise DatabaseUnavailable(self.read_only_reason, "readonly")
        with self._translated(), self._write_sessions() as s, s.begin():
            yield s

    @contextmanager
    def bulk_work(self, what: str) -> Iterator[None]:
        """Around an import or other bulk change (`what`, Czech, e.g. "import z registru"): on a
        server database one at a time (db/server.py); a SQLite file's write lock does that already."""
        yield

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            failure = describe_failure(exc, self.path, self.location if self.is_server else None)
            if failure is None:
                raise
            if self.read_only_reason and failure.kind == "readonly":
                failure = DatabaseUnavailable(self.read_only_reason, "readonly")
            log.error("database operation failed (%s) on %s", failure.kind, self.path.name, exc_info=exc)
            if failure.kind == "disconnected":
                self._disconnected = True
                # Every pooled connection may be as dead as this one (a restarted server drops them
                # all): start over with a new pool rather than trip over each of them in turn.
                self.engine.dispose()
            raise failure from exc

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def backup_to(self, target: Path) -> None:
        backup.copy_database(self.path, target)

    def auto_backup(self, reason: str) -> Path | None:
        if self.read_only_reason:  # nothing will change; and the share is not to be written
            return None
        with self.session() as s:
            keep = backup_keep(s)
        return backup.auto_backup(self.path, reason, keep)

    def close(self) -> None:
        self.engine.dispose()


def _snapshot(args: tuple) -> list[dict | None]:
    """Copies of the fields of the mutable records (dataclass instances) among `args`."""
    return [copy.deepcopy(vars(arg)) if _mutable_record(arg) else None for arg in args]


def _restore(args: tuple, snapshot: list[dict | None]) -> None:
    """Put the fields saved by _snapshot back into the same objects (the caller keeps its references)."""
    for arg, fields in zip(args, snapshot):
        if fields is not None:
            vars(arg).clear()
            vars(arg).update(copy.deepcopy(fields))


def _mutable_record(arg: object) -> bool:
    return (dataclasses.is_dataclass(arg) and not isinstance(arg, type)
            and not type(arg).__dataclass_params__.frozen and hasattr(arg, "__dict__"))


def open_database(path: Path | str, *, daily_backup: bool = True, empty_ok: bool = False) -> Database:
    """Open (creating if needed) and migrate the database at `path`: a SQLite file, or a database on
    a PostgreSQL server when `path` is a postgresql://… address (db/server.py).

    Raises DatabaseRefused (not ours, newer, emptied: see inspect_file) or DatabaseUnavailable (busy,
    read-only, disk full). A failed daily backup does not stop the opening: it is logged and listed in
    `Database.warnings`, so reading and exporting go on; a failed backup before a migration does stop it.
    """
    if is_server_url(path):
        from db.server import open_server_database

        return open_server_database(str(path))
    path = Path(path).expanduser().resolve()
    state = inspect_file(path, empty_ok=empty_ok)
    if is_network_path(path):
        return _open_read_only(path, state)
    warnings = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not state.is_new:
            adopt_legacy_backups(path)
            if state.revision != migrate.head_revision():
                backup.auto_backup(path, "pred-migraci", _stored_keep(path))
            elif daily_backup and not backup.has_backup_from(path, dt.date.today()):
                warnings += _daily_backup(path)
        engine = make_engine(path)
        if state.revision != migrate.head_revision():
            # Only then: opening an up-to-date database takes no write lock, so reading works while
            # another program writes.
            with engine.execution_options(**{_IMMEDIATE: True}).begin() as conn:
                migrate.upgrade(conn)
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        failure = describe_failure(exc, path)
        if failure is None:
            raise
        log.error("opening the database failed (%s): %s", failure.kind, path.name, exc_info=exc)
        raise failure from exc
    database = Database(path, engine)
    database.warnings = warnings
    return database


def network_drive_message(path: Path) -> str:
    return (f"Databáze „{path}“ leží na síťové jednotce. Soubor SQLite na sdíleném disku se může při "
            "zápisu z více počítačů poškodit (zamykání souborů po síti není spolehlivé), proto je otevřen "
            "jen pro čtení: data lze prohlížet, tisknout a exportovat, ne měnit. Pro společnou práci více "
            "pracovníků slouží databáze na serveru PostgreSQL (README, oddíl pro správce IT; převod "
            "příkazem transfer); jinak soubor zkopírujte na místní disk a otevřete kopii.")


def _open_read_only(path: Path, state: FileState) -> Database:
    """A SQLite file on a network drive: opened read-only (SQLite's advice against writing over a
    network file system); one that would need creating or migrating is refused untouched."""
    if state.is_new:
        raise DatabaseRefused(f"Na síťové jednotce („{path}“) aplikace novou databázi nezaloží: soubor "
                              "SQLite na sdíleném disku se může při zápisu z více počítačů poškodit. Založte "
                              "ji na místním disku, nebo pro společnou práci použijte databázi na serveru "
                              "PostgreSQL (README).")
    if state.revision != migrate.head_revision():
        raise DatabaseRefused(f"{network_drive_message(path)} Tuto databázi zapsala starší verze aplikace "
                              "a před použitím ji je třeba převést, což na síťové jednotce nelze; databáze "
                              "nebyla změněna.")
    engine = create_engine("sqlite://", creator=lambda: _connect_readonly(path), hide_parameters=True)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    database = Database(path, engine)
    database.read_only_reason = network_drive_message(path)
    database.warnings = [database.read_only_reason]
    return database


def _connect_readonly(path: Path) -> sqlite3.Connection:
    conn = backup.connect_readonly(path)
    conn.isolation_level = None  # transactions begin by the engine's "begin" event, as in make_engine
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _daily_backup(path: Path) -> list[str]:
    try:
        backup.auto_backup(path, "denni", _stored_keep(path))
    except UserError as exc:
        log.warning("daily backup of %s failed (%s)", path.name, type(exc.__cause__ or exc).__name__)
        return [f"Denní automatickou zálohu se nepodařilo vytvořit: {exc} Práce pokračuje; data se "
                "zálohují znovu před importem a při příštím spuštění."]
    return []


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


class _GaveUp(Exception):
    """Raised from the backup API's progress callback to stop waiting for a locked target."""


def restore_database(db: Database, source: Path | str) -> Database:
    """Replace the contents of `db` with the backup `source`; returns the reopened database.

    The source is checked first (ours, not newer), the current data is backed up, then copied over
    with the backup API, which writes the target in one transaction. A target locked by another
    program is waited for up to the busy timeout, then DatabaseUnavailable is raised (Python's backup
    would retry for ever). Reading the source leaves no -wal/-shm files beside it.
    """
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise DatabaseRefused(f"Soubor zálohy „{source}“ neexistuje.")
    if db.is_server:
        from db.transfer import restore_from_file

        return restore_from_file(db, source)
    if same_file(source, db.path):
        raise DatabaseRefused("Nelze obnovit databázi ze sebe sama; vyberte soubor zálohy.")
    with backup.no_traces_beside(source):
        if inspect_file(source, empty_ok=True).is_new:
            raise DatabaseRefused(f"Soubor „{source}“ je prázdný, neobsahuje zálohu dat aplikace.")
        db.auto_backup("pred-obnovou")
        path = db.path
        db.close()
        _copy_over(source, path)
    return open_database(path, daily_backup=False)


def _copy_over(source: Path, path: Path) -> None:
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000

    def give_up_when_locked(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise _GaveUp

    try:
        with closing(backup.connect_readonly(source)) as src, closing(sqlite3.connect(path)) as dst:
            dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.backup(dst, progress=give_up_when_locked)
    except _GaveUp as exc:
        log.error("restore from %s gave up: the database is locked", source)
        raise DatabaseUnavailable(busy_message(path), "busy") from exc
    except sqlite3.Error as exc:
        # The backup API writes the target in one transaction, so the old data is still there and
        # the disposed engine reconnects on demand.
        log.error("restore from %s failed", source, exc_info=exc)
        failure = describe_failure(exc, path)
        if failure is not None:
            raise failure from exc
        raise DatabaseRefused(f"Obnova ze zálohy „{source}“ selhala; data zůstala beze změny. "
                              "Podrobnosti jsou v protokolu aplikace.") from exc
