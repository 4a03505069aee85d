"""Copying a whole database between two open databases: a SQLite file and a PostgreSQL server, in
either direction (also file to file). Every table is compared afterwards (row count and a checksum of
its rows), inside the target's transaction: a copy that differs is rolled back, never half-written.
"""
from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, MetaData, String, Table, delete, func, select

from db import migrate
from db.errors import DatabaseRefused, UserError
from db.files import replace_file

BATCH = 500
# Tables whose rows a clerk creates (not the code lists the migrations seed): a target holding any of
# them has data that a copy would replace.
USER_TABLES = ("provider", "service", "person", "working_group", "meeting", "plan")


@dataclass(frozen=True)
class TableCheck:
    """One table compared after a copy: rows and SHA-256 of the rows on both sides."""
    table: str
    source_rows: int
    source_checksum: str
    target_rows: int
    target_checksum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


def _tables(conn: Connection) -> list[Table]:
    """The database's own tables (reflected, not this version's models: a backup before a migration
    copies the older schema), parents before children."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return [t for t in meta.sorted_tables if t.name != "alembic_version"]


def user_data_counts(db) -> dict[str, int]:
    """Rows of the tables a clerk fills (USER_TABLES), those present in the schema; zero rows left out."""
    from db.models import metadata

    counts = {}
    with db.engine.connect() as conn:
        for name in USER_TABLES:
            if name in metadata.tables:
                n = conn.scalar(select(func.count()).select_from(metadata.tables[name])) or 0
                if n:
                    counts[name] = n
    return counts


def copy_all(source, target, *, replace: bool = False) -> list[TableCheck]:
    """Replace every row of `target` (a db.database.Database) by the rows of `source`; both must be
    open (so migrated to this app's schema). Refuses (DatabaseRefused) a target that already holds a
    clerk's data unless `replace`. Raises UserError naming the table, record and field for a value the
    target cannot hold, and when the comparison afterwards differs; the target then stays unchanged.
    Returns the comparison of every table."""
    with source.engine.connect() as probe_source, target.engine.connect() as probe_target:
        revisions = migrate.current_revision(probe_source), migrate.current_revision(probe_target)
    if revisions[0] != revisions[1]:
        raise DatabaseRefused(f"Zdroj a cíl mají různé verze schématu ({revisions[0]} a {revisions[1]}); "
                              "otevřete obě databáze touto verzí aplikace.")
    if not replace:
        found = user_data_counts(target)
        if found:
            listed = ", ".join(f"{name}: {n}" for name, n in found.items())
            raise DatabaseRefused(
                f"Cílová databáze {target.location} už obsahuje data ({listed}). Přenos by je nahradil; "
                "chcete-li to, použijte volbu --nahradit (cíl se předtím zálohuje).")
    with _snapshot(source) as src, target.writing() as session:
        dst = session.connection()
        pairs = _matching_tables(src, dst)
        for _src_table, dst_table in reversed(pairs):
            dst.execute(delete(dst_table))
        for src_table, dst_table in pairs:
            rows = _ordered(dst_table, [dict(r._mapping) for r in src.execute(select(src_table))])
            _check_fits(dst_table, rows)
            for start in range(0, len(rows), BATCH):
                dst.execute(dst_table.insert(), rows[start:start + BATCH])
        if dst.dialect.name == "postgresql":
            from db.server import reset_sequences

            reset_sequences(dst)
        checks = [TableCheck(a.name, *table_checksum(src, a), *table_checksum(dst, b)) for a, b in pairs]
        wrong = [c.table for c in checks if not c.ok]
        if wrong:
            raise UserError(f"Po přenosu se tabulky {', '.join(wrong)} ve zdroji a v cíli liší; přenos byl "
                            "vrácen, cílová databáze zůstala beze změny.")
    return checks


def _matching_tables(src: Connection, dst: Connection) -> list[tuple[Table, Table]]:
    source_tables = {t.name: t for t in _tables(src)}
    target_tables = _tables(dst)
    if set(source_tables) != {t.name for t in target_tables}:
        raise DatabaseRefused("Zdroj a cíl nemají stejné tabulky, ačkoli mají stejnou verzi schématu; "
                              "jedna z databází byla upravena mimo aplikaci. Nic nebylo přeneseno.")
    return [(source_tables[t.name], t) for t in target_tables]


class _snapshot:
    """A read transaction on the source, so tables copied one after another belong to one moment
    (PostgreSQL: REPEATABLE READ; SQLite: one read transaction sees one state of the file)."""

    def __init__(self, db):
        self.db = db

    def __enter__(self) -> Connection:
        conn = self.db.engine.connect()
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        self.conn = conn
        self.transaction = conn.begin()
        return conn

    def __exit__(self, *exc) -> None:
        self.transaction.rollback()
        self.conn.close()


def _ordered(table: Table, rows: list[dict]) -> list[dict]:
    """Rows of a table that refers to itself (a plan node's parent) parents first, so that the
    target's foreign keys hold after every insert."""
    self_refs = [(fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table is table]
    if not self_refs:
        return rows
    done: set[tuple] = set()
    ordered: list[dict] = []
    pending = rows
    while pending:
        ready = [r for r in pending if all(r[col] is None or (ref, r[col]) in done for col, ref in self_refs)]
        if not ready:  # a cycle cannot be satisfied row by row; the target's constraint will say so
            ordered += pending
            break
        for r in ready:
            done.update((ref, r[ref]) for _col, ref in self_refs)
        ordered += ready
        ready_ids = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in ready_ids]
    return ordered


def _check_fits(table: Table, rows: Iterable[dict]) -> None:
    # SQLite keeps a text of any length in a VARCHAR(n) column; PostgreSQL refuses it. Said here, by
    # record and field, instead of the server's error for a whole batch.
    limited = [(c.name, c.type.length) for c in table.columns
               if isinstance(c.type, String) and c.type.length]
    for row in rows:
        for name, length in limited:
            value = row.get(name)
            if isinstance(value, str) and len(value) > length:
                key = ", ".join(str(row[c.name]) for c in table.primary_key.columns)
                raise UserError(f"Záznam {key} v tabulce {table.name}: pole {name} má {len(value)} znaků, "
                                f"cílová databáze jich dovoluje nejvýše {length}. Zkraťte text a přenos "
                                "opakujte; cílová databáze zůstala beze změny.")


def _canonical(value) -> object:
    """A value as both databases give it back (driver types differ: memoryview, Decimal, tz)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "bytes:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


def table_checksum(conn: Connection, table: Table) -> tuple[int, str]:
    """(rows, SHA-256 hex) of a table's rows in primary-key order, computed in Python: the two
    databases order text keys differently (SQLite by bytes, PostgreSQL by its collation)."""
    key_positions = [list(table.columns).index(c) for c in table.primary_key.columns]
    rows = [tuple(_canonical(v) for v in row) for row in conn.execute(select(table))]
    rows.sort(key=lambda r: tuple((type(r[i]).__name__, r[i]) for i in key_positions))
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode("utf-8"))
        digest.update(b"\n")
    return len(rows), digest.hexdigest()


def write_sqlite_copy(source, target: Path) -> None:
    """A self-contained SQLite file at `target` holding everything in `source` (e.g. a server
    database): written beside it and renamed, so an interrupted copy never looks complete."""
    from db.database import Database, make_engine

    with source.engine.connect() as conn:
        revision = migrate.current_revision(conn)
    partial = target.with_name(target.name + ".part")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial.unlink(missing_ok=True)
    # The copy gets the source's revision, not the newest: a backup before a migration keeps the
    # schema the data was written in, and opening it later migrates it like any older file.
    copy = Database(partial, make_engine(partial))
    try:
        with copy.writing() as session:
            migrate.upgrade(session.connection(), revision)
        copy_all(source, copy)
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise
    copy.close()
    with closing(sqlite3.connect(partial)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal/-shm beside a backup
    replace_file(partial, target)


def restore_from_file(db, source: Path):
    """Replace everything in `db` (a server database) by the SQLite backup `source`, which is
    checked first and migrated in a temporary copy (the backup file itself stays as it was). The
    current data is backed up before; returns `db`."""
    from db import backup
    from db.database import inspect_file, open_database

    with backup.no_traces_beside(source):
        if inspect_file(source, empty_ok=True).is_new:
            raise DatabaseRefused(f"Soubor „{source}“ je prázdný, neobsahuje zálohu dat aplikace.")
        with tempfile.TemporaryDirectory(prefix="kp-obnova-") as folder:
            copy = Path(folder) / "zaloha.sqlite"
            backup.copy_database(source, copy)
            opened = open_database(copy, daily_backup=False)
            try:
                db.auto_backup("pred-obnovou")
                copy_all(opened, db, replace=True)
            finally:
                opened.close()
    return db
