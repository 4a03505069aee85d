"""A database made by the previous release (schema 0005, directory only) opens with this release and
keeps every row of its directory; the working groups then work in it."""
import sqlite3
from contextlib import closing

from db import migrate
from db.database import make_engine, open_database
from db.directory.demo import load_demo
from db.meetings import queries as q
from db.meetings.demo import load_meetings_demo

PREVIOUS_RELEASE = "0005"


def _columns(path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def _dump(path, columns_of: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Rows of every table; with `columns_of`, only those columns (what an older schema had)."""
    columns_of = columns_of or _columns(path)
    with closing(sqlite3.connect(path)) as conn:
        return {t: sorted(conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}"').fetchall(),
                          key=repr) for t, cols in columns_of.items()}


def _copy_rows(source, target) -> None:
    """Every row of the target's tables, in the target's columns, from a database of a newer schema."""
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("ATTACH DATABASE ? AS newer", (str(source),))
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        for table in tables:
            columns = ", ".join(f'"{c[1]}"' for c in conn.execute(f'PRAGMA main.table_info("{table}")'))
            conn.execute(f'DELETE FROM main."{table}"')
            conn.execute(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM newer."{table}"')
        conn.commit()


def test_previous_release_database_opens_and_keeps_its_directory(db_path, tmp_path):
    # The previous release's directory, written as it would have written it: the demo made by this
    # release, in the columns schema 0005 has.
    current = open_database(tmp_path / "current.sqlite")
    summary = load_demo(current)
    current.close()
    engine = make_engine(db_path)
    with engine.begin() as conn:
        migrate.upgrade(conn, PREVIOUS_RELEASE)
    engine.dispose()
    _copy_rows(tmp_path / "current.sqlite", db_path)
    before_columns = _columns(db_path)
    before = _dump(db_path)
    assert "person" not in before and len(before["provider"]) == summary.providers
    assert len(before["service"]) == summary.services

    database = open_database(db_path)
    try:
        assert database.schema_revision() == migrate.head_revision()
        after = _dump(db_path, columns_of=before_columns)
        for table, rows in before.items():
            assert after[table] == rows, table
        new_tables = _dump(db_path)
        assert new_tables["person"] == [] and new_tables["working_group"] == []

        groups = load_meetings_demo(database)
        assert groups.groups == 5
        assert len(database.read(q.list_groups)) == 5
        assert _dump(db_path, columns_of=before_columns)["provider"] == before["provider"]
    finally:
        database.close()


def test_meetings_written_before_the_chair_vote_column_keep_their_resolutions(db_path):
    engine = make_engine(db_path)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0006")
        sql = conn.exec_driver_sql
        sql("INSERT INTO working_group (id, name, short_name, kind, description, quorum_percent, quorum_strict, "
            "majority_percent, majority_strict, majority_base, tie_chair_decides, notice_days, meetings_per_year, "
            "resolution_pattern, changed_by, changed_at) VALUES (1, 'PS Senioři', 'PS Senioři', 'working', '', "
            "50, 1, 50, 1, 'present', 0, 7, 4, '{group} {number}/{year}/{item}', '', '2026-01-01 00:00:00')")
        sql("INSERT INTO meeting (id, group_id, number, year, date, starts_at, ends_at, place, state, excuse_to, "
            "notes, minutes_text, changed_by, changed_at) VALUES (1, 1, 1, 2026, '2026-03-10', '14:00', '', '', "
            "'held', '', '', '', '', '2026-03-10 00:00:00')")
        sql("INSERT INTO agenda_item (id, meeting_id, position, title, presenter, notes, is_task_review) "
            "VALUES (1, 1, 0, 'Různé', '', '', 0)")
        sql("INSERT INTO resolution (id, agenda_item_id, position, number, text, votes_for, votes_against, "
            "votes_abstained, adopted) VALUES (1, 1, 0, 'PS Senioři 1/2026/1', 'Schvaluje.', 5, 0, 0, 1)")
    engine.dispose()

    database = open_database(db_path)
    try:
        [resolution] = database.read(q.load_meeting, 1).agenda[0].resolutions
        assert (resolution.number, resolution.adopted, resolution.chair_votes_for) == ("PS Senioři 1/2026/1", True,
                                                                                        None)
    finally:
        database.close()
