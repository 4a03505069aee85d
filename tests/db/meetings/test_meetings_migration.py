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
