"""A database made by the previous release (schema 0005, directory only) opens with this release and
keeps every row of its directory; the working groups then work in it."""
import sqlite3
from contextlib import closing

from db import migrate
from db.database import Database, make_engine, open_database
from db.directory.demo import load_demo
from db.meetings import queries as q
from db.meetings.demo import load_meetings_demo

PREVIOUS_RELEASE = "0005"


def _dump(path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def test_previous_release_database_opens_and_keeps_its_directory(db_path):
    engine = make_engine(db_path)
    with engine.begin() as conn:
        migrate.upgrade(conn, PREVIOUS_RELEASE)
    old = Database(db_path, engine)
    summary = load_demo(old)  # the directory tables are the same in 0005 and now
    old.close()
    before = _dump(db_path)
    assert "person" not in before and len(before["provider"]) == summary.providers
    assert len(before["service"]) == summary.services

    database = open_database(db_path)
    try:
        assert database.schema_revision() == migrate.head_revision()
        after = _dump(db_path)
        for table, rows in before.items():
            assert after[table] == rows, table
        assert after["person"] == [] and after["working_group"] == []

        groups = load_meetings_demo(database)
        assert groups.groups == 5
        assert len(database.read(q.list_groups)) == 5
        assert _dump(db_path)["provider"] == before["provider"]
    finally:
        database.close()
