"""The application's database on a PostgreSQL server, for an office where several clerks work on one
database (`--db postgresql://user@server:5432/kp`). The driver is psycopg 3.

The schema comes from the same Alembic migrations as the SQLite file. Whoever migrates holds a
transaction-level advisory lock: two clerks starting a new version at once wait for each other and the
second finds the schema already current. A schema newer than the app is refused untouched.
Automatic backups of a server database are SQLite files on this computer (db/transfer.py); pg_dump is
the server administrator's tool, not the clerk's.
"""
from __future__ import annotations

import getpass
import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, unquote

from sqlalchemy import URL, Connection, Engine, Integer, create_engine, func, inspect, make_url, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import sessionmaker

from db import migrate
from db.database import Database, newer_schema_message
from db.errors import DatabaseRefused, DatabaseUnavailable, UserError, describe_server_failure
from db.paths import user_data_dir

log = logging.getLogger(__name__)
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 10
# A cable pulled out mid-query would otherwise leave the window waiting for TCP's own timeout (up to
# a quarter of an hour): keepalives find a silent server within about 20 s, tcp_user_timeout (ms)
# gives up on a statement the server never acknowledged. libpq parameters (PostgreSQL 12+ client).
_DEAD_PEER = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 2,
              "tcp_user_timeout": 20_000}
# How long a statement waits for a row another transaction holds (an import changing that provider)
# before the clerk is told to try again: as long as SQLite's busy timeout, so the window never hangs.
LOCK_TIMEOUT_MS = 10_000
# Advisory lock keys: arbitrary constants that name this application (below 2**31, so pg_locks shows
# them whole in objid).
MIGRATION_LOCK = 0x4B50_4D49  # "KPMI": migrating the schema (transaction-level)
BULK_LOCK = 0x4B50_424B  # "KPBK": an import or other bulk change (session-level)
def server_url(target: str) -> URL:
    """The SQLAlchemy URL (driver psycopg) for `postgresql://user[:password]@host[:port]/database`;
    raises DatabaseRefused naming what is missing."""
    try:
        url = make_url(target.strip())
    except ArgumentError as exc:
        raise DatabaseRefused(f"Adresa databáze na serveru „{_without_password(target)}“ není platná; "
                              "správný tvar je postgresql://uživatel@server:5432/databáze.") from exc
    if url.get_backend_name() != "postgresql":
        raise DatabaseRefused("Podporovaný server databáze je PostgreSQL (adresa postgresql://…).")
    if not url.database:
        raise DatabaseRefused("V adrese databáze na serveru chybí název databáze "
                              "(postgresql://uživatel@server:5432/databáze).")
    return url.set(drivername="postgresql+psycopg")


def _without_password(target: str) -> str:
    return re.sub(r"(//[^:/@]*):[^@]*@", r"\1:***@", target)


def describe(url: URL) -> str:
    """How the clerk sees the database: „kp na serveru urad:5432 (uživatel jana)“; no password."""
    who = f" (uživatel {url.username})" if url.username else ""
    return f"„{url.database}“ na serveru {url.host or 'localhost'}:{url.port or DEFAULT_PORT}{who}"


def address_without_password(url: URL) -> str:
    """postgresql://user@host:port/database: how a connection is remembered (recent list, last
    database at start); the password stays in the credential store."""
    # URL.create, not url.set: set() takes password=None as "leave it as it is".
    return URL.create("postgresql", username=url.username, host=url.host, port=url.port or DEFAULT_PORT,
                      database=url.database, query=url.query).render_as_string(hide_password=False)


def local_anchor(url: URL) -> Path:
    """The name under which this computer keeps things of a server database: its automatic backups go
    to servery/zalohy/<this name>/ in the user's data folder (db/paths.backup_dir_for); nothing is
    stored at the path itself."""
    host = re.sub(r"[^A-Za-z0-9._-]", "_", url.host or "localhost")
    name = re.sub(r"[^A-Za-z0-9._-]", "_", url.database or "")
    # A digest keeps two databases apart whose names differ only in characters replaced above.
    tag = hashlib.sha256(f"{url.host}:{url.port}/{url.database}".encode()).hexdigest()[:8]
    return user_data_dir() / "servery" / f"{host}-{url.port or DEFAULT_PORT}-{name}-{tag}"


def make_server_engine(url: URL) -> Engine:
    # application_name shows in pg_stat_activity: who holds a lock (an import) can be told by name.
    # pool_pre_ping: a connection the pool kept across a server restart is tested and replaced before
    # use instead of failing the clerk's next read.
    return create_engine(url, hide_parameters=True, pool_pre_ping=True,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": _app_name(),
                                       "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}", **_DEAD_PEER})


_APP_PREFIX = "KP/"  # short: the whole name has 63 bytes, a Czech login percent-encoded takes many


def _app_name(what: str = "") -> str:
    # PostgreSQL keeps only printable ASCII in application_name (63 bytes) and shows "?" for the rest:
    # the login and the operation are percent-encoded so that "Jiří" comes back as "Jiří".
    return (_APP_PREFIX + quote(f"{_login()}: {what}" if what else _login(), safe=" :@._-"))[:63]


def _read_app_name(name: str) -> tuple[str, str] | None:
    """(login, operation) from an application_name written by _app_name, else None."""
    if not name.startswith(_APP_PREFIX):
        return None
    who, _, what = unquote(name.removeprefix(_APP_PREFIX), errors="replace").partition(": ")
    return who, what


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


class ServerDatabase(Database):
    """An open database on a PostgreSQL server. `path` is the local anchor of its automatic backups
    (local_anchor); `url` carries the connection (with the password, so never shown)."""

    is_server = True

    def __init__(self, url: URL, engine: Engine):
        super().__init__(local_anchor(url), engine)
        # PostgreSQL's default (READ COMMITTED) gives each statement a new snapshot: a list read in
        # several queries could see services of a provider another clerk's import added between
        # them. REPEATABLE READ reads one snapshot; a read-only transaction never fails under it.
        self._read_sessions = sessionmaker(engine.execution_options(isolation_level="REPEATABLE READ"),
                                           expire_on_commit=False)
        self.url = url
        self.location = describe(url)

    def backup_to(self, target: Path) -> None:
        from db.transfer import write_sqlite_copy

        write_sqlite_copy(self, target)

    @contextmanager
    def bulk_work(self, what: str) -> Iterator[None]:
        """One import (or other bulk change) at a time on the server: a second one is refused at once
        with a Czech message naming who runs the first and what it is (DatabaseUnavailable, kind
        "busy"); other clerks' reading and editing go on. The lock lives on a connection of its own
        and ends with it, so a crashed PC does not leave it held."""
        with self._translated(), self.engine.connect() as conn:
            conn.execute(text("SELECT set_config('application_name', :name, false)"), {"name": _app_name(what)})
            if not conn.scalar(select(func.pg_try_advisory_lock(BULK_LOCK))):
                raise DatabaseUnavailable(self._bulk_busy_message(conn), "busy")
            conn.commit()
            try:
                yield
            finally:
                _unlock(conn)

    @staticmethod
    def _bulk_busy_message(conn: Connection) -> str:
        holder = conn.execute(text(
            "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = :key"),
            {"key": BULK_LOCK}).first()
        running = "Jiný uživatel právě provádí hromadnou změnu dat (např. import)"
        known = _read_app_name(holder.application_name) if holder is not None else None
        if known is not None:
            who, what = known
            since = holder.backend_start.astimezone().strftime("%H:%M") if holder.backend_start else "?"
            running = f"Uživatel {who} právě provádí {what or 'hromadnou změnu dat'} (od {since})"
        return (f"{running}. Dvě hromadné změny najednou by se mohly navzájem přepsat, proto tato nezačala; "
                "nic nebylo změněno. Počkejte, až skončí, a zkuste to znovu. Prohlížet a upravovat jednotlivé "
                "záznamy lze i mezitím.")

    def auto_backup(self, reason: str) -> Path | None:
        from db import backup
        from db.settings import backup_keep

        with self.session() as s:
            keep = backup_keep(s)
        return backup.auto_backup(self.path, reason, keep, write=self.backup_to)


def check_connection(target: str) -> str:
    """Connect to the server database `target` without changing anything and say in Czech what is
    there (empty: the schema will be created; this app's database and its schema version). Raises
    DatabaseRefused / DatabaseUnavailable as open_server_database would."""
    url = server_url(target)
    engine = make_server_engine(url)
    where = describe(url)
    try:
        with engine.connect() as conn:
            revision = _check_schema(conn, where)
    except DBAPIError as exc:
        failure = describe_server_failure(exc.orig or exc, where, opening=True)
        if failure is None:
            raise
        raise failure from exc
    finally:
        engine.dispose()
    if revision is None:
        return f"Spojení funguje. Databáze {where} je prázdná; při připojení se v ní založí tabulky aplikace."
    if revision != migrate.head_revision():
        return (f"Spojení funguje. Databázi {where} zapsala starší verze aplikace; při připojení se převede "
                "(předtím se zazálohuje).")
    return f"Spojení funguje. Databáze {where} patří aplikaci Komunitní plán a je aktuální."


def _unlock(conn: Connection) -> None:
    try:
        conn.execute(select(func.pg_advisory_unlock(BULK_LOCK)))
        conn.commit()
    except DBAPIError:
        log.warning("bulk lock not released explicitly; it ends with its lost connection")


def open_server_database(target: str) -> ServerDatabase:
    """Connect to the server database named by `target` (postgresql://…), create or migrate its schema
    under the migration lock (backing it up to this computer before a migration), and return it.

    Raises DatabaseRefused (not this application's database, schema newer than the app, bad address)
    or DatabaseUnavailable (server unreachable, login refused, no such database)."""
    url = server_url(target)
    engine = make_server_engine(url)
    database = ServerDatabase(url, engine)
    try:
        with engine.connect() as conn:
            revision = _check_schema(conn, database.location)
        if revision != migrate.head_revision():
            _migrate(database, revision)
    except DBAPIError as exc:
        engine.dispose()
        failure = describe_server_failure(exc.orig or exc, database.location, opening=True)
        if failure is None:
            raise
        log.error("opening the server database failed (%s)", failure.kind, exc_info=exc)
        raise failure from exc
    except UserError:
        engine.dispose()
        raise
    return database


def _check_schema(conn: Connection, location: str) -> str | None:
    """The schema revision stored on the server (None: an empty database); refuses a foreign one."""
    tables = set(inspect(conn).get_table_names())
    revision = migrate.current_revision(conn) if "alembic_version" in tables else None
    if revision is None and tables:
        raise DatabaseRefused(f"Databáze {location} obsahuje tabulky jiné aplikace, ne aplikace Komunitní "
                              "plán. Databáze nebyla změněna; použijte pro aplikaci samostatnou databázi.")
    if revision is not None and revision not in migrate.known_revisions():
        raise DatabaseRefused(newer_schema_message(location, revision))
    return revision


def _migrate(database: ServerDatabase, seen: str | None) -> None:
    with database.engine.begin() as conn:
        # Held to the end of this transaction. A second clerk waits here (for as long as the first
        # one's migration takes: no lock timeout), then finds the schema current and migrates nothing.
        conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
        conn.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
        revision = _check_schema(conn, database.location)
        if revision == migrate.head_revision():
            return
        if revision is not None:
            database.auto_backup("pred-migraci")
        log.info("migrating server database %s from %s", database.location, revision or "nothing")
        migrate.upgrade(conn)
        reset_sequences(conn)


def reset_sequences(conn: Connection) -> None:
    """Move every table's id sequence past the largest id: rows written with explicit ids (the code
    lists the migrations seed, a transfer) do not advance PostgreSQL's sequences, and the next new
    record would collide with them."""
    from db.models import metadata

    quote = conn.dialect.identifier_preparer.quote
    statements = []
    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        # Names from our own models, not from input; one round trip for all tables.
        statements.append(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
            f"COALESCE(MAX({quote(keys[0].name)}), 0) + 1, false) FROM {quote(table.name)}")
    conn.exec_driver_sql("; ".join(statements))
