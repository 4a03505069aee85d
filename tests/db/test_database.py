import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import select

from db import migrate
from db.backup import auto_backups
from db.codelists import CapacityUnit, ProvisionForm, ServiceType, TargetGroup
from db.database import make_engine, open_database, table_counts
from db.errors import DatabaseRefused


def test_new_database_is_migrated_to_head_and_seeded(db):
    assert db.schema_revision() == migrate.head_revision()
    with db.session() as s:
        types = {t.name: t for t in s.scalars(select(ServiceType))}
        assert len(types) == 34
        assert types["pečovatelská služba"].paragraph == "40"
        assert types["intervenční centra"].paragraph == "60a"
        assert types["centrum duševního zdraví"].paragraph is None
        assert "senioři" in s.scalars(select(TargetGroup.name)).all()
        assert set(s.scalars(select(ProvisionForm.name))) == {"pobytová", "ambulantní", "terénní"}
        assert "lůžka" in s.scalars(select(CapacityUnit.name)).all()


def test_pragmas_foreign_keys_wal_busy_timeout(db):
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_models_match_migrations(db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from db.models import metadata

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_older_database_is_backed_up_then_upgraded(db_path):
    engine = make_engine(db_path)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0001")
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('office.town', 'Příbram')")
    engine.dispose()

    database = open_database(db_path)
    try:
        assert database.schema_revision() == migrate.head_revision()
        assert table_counts(database)["provider"] == 0
        with database.session() as s:
            from db.settings import load_office
            assert load_office(s).town == "Příbram"
    finally:
        database.close()
    backups = auto_backups(db_path)
    assert len(backups) == 1 and "pred-migraci" in backups[0].name
    with closing(sqlite3.connect(backups[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_newer_database_is_refused_and_left_untouched(db_path):
    database = open_database(db_path)
    with database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    database.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseRefused, match="novější verze"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not auto_backups(db_path) or all("pred-migraci" not in p.name for p in auto_backups(db_path))


@pytest.mark.parametrize("content", [b"Toto neni databaze, jen text.\n", b"PK\x03\x04" + b"\x00" * 200,
                                     b"SQLite format 3\x00" + b"\xff" * 84])
def test_non_database_is_refused_and_never_modified(tmp_path, content):
    path = tmp_path / "dokument.sqlite"
    path.write_bytes(content)
    with pytest.raises(DatabaseRefused, match="nebyl změněn|nebyla změněna"):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dokument.sqlite"]


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "cizi.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE kontakty (jmeno TEXT)")
        conn.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="nepatří aplikaci"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_failing_migration_leaves_no_half_schema(db_path, monkeypatch):
    engine = make_engine(db_path)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0001")
    engine.dispose()

    import alembic.op

    original = alembic.op.create_table
    calls = []

    def create_then_fail(name, *columns, **kw):
        calls.append(name)
        if len(calls) == 2:
            raise RuntimeError("simulated crash during migration")
        return original(name, *columns, **kw)

    monkeypatch.setattr(alembic.op, "create_table", create_then_fail)
    with pytest.raises(RuntimeError):
        open_database(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert "provider" not in tables  # the first table of 0002 was rolled back with the rest


def test_write_is_one_transaction_and_read_sees_it(db):
    from db.settings import get_value, set_value

    def set_then_fail(session):
        set_value(session, "office.town", "Příbram")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.write(set_then_fail)
    assert db.read(get_value, "office.town") == ""
    db.write(set_value, "office.town", "Příbram")
    assert db.read(get_value, "office.town") == "Příbram"


def test_a_quiet_read_never_asks_the_watcher_but_reports_the_connection_back(db_path):
    from db.errors import DatabaseUnavailable

    class Watcher:
        def __init__(self):
            self.lost, self.restored = 0, 0

        def connection_lost(self, failure):
            self.lost += 1
            return False

        def connection_restored(self):
            self.restored += 1

    def lost(_session):
        raise DatabaseUnavailable("Spojení se přerušilo.", "disconnected")

    db = open_database(db_path)
    try:
        db.watcher = watcher = Watcher()
        with pytest.raises(DatabaseUnavailable):
            db.read_quietly(lost)
        assert watcher.lost == 0
        with pytest.raises(DatabaseUnavailable):
            db.read(lost)
        assert watcher.lost == 1
        db._disconnected = True  # as _translated marks a real lost connection
        assert db.read_quietly(lambda s: 1) == 1 and watcher.restored == 1
    finally:
        db.close()
