import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from db.backup import auto_backups, has_backup_from
from db.database import open_database, restore_database
from db.errors import DatabaseRefused
from db.settings import OfficeDetails, load_office, save_office, set_backup_keep


def _set_town(database, town: str) -> None:
    with database.session() as s, s.begin():
        save_office(s, OfficeDetails(town=town))


def _town(database) -> str:
    with database.session() as s:
        return load_office(s).town


def test_backup_then_restore_round_trip(db, tmp_path):
    _set_town(db, "Příbram")
    copy = tmp_path / "zaloha.sqlite"
    db.backup_to(copy)
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    _set_town(db, "Beroun")

    restored = restore_database(db, copy)
    try:
        assert _town(restored) == "Příbram"
        before_restore = [p for p in auto_backups(restored.path) if "pred-obnovou" in p.name]
        assert len(before_restore) == 1
        with closing(sqlite3.connect(before_restore[0])) as conn:
            assert conn.execute("SELECT value FROM setting WHERE key='office.town'").fetchone()[0] == "Beroun"
    finally:
        restored.close()


def test_restore_refuses_a_non_database_and_keeps_data(db, tmp_path):
    _set_town(db, "Příbram")
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("nic")
    with pytest.raises(DatabaseRefused):
        restore_database(db, bogus)
    assert _town(db) == "Příbram"


def test_first_open_of_the_day_takes_a_daily_backup_and_prunes(db_path):
    database = open_database(db_path)
    with database.session() as s, s.begin():
        set_backup_keep(s, 2)
    database.close()
    assert not auto_backups(db_path)  # a brand-new database has nothing to back up

    open_database(db_path).close()
    assert has_backup_from(db_path, dt.date.today())
    open_database(db_path).close()
    assert len(auto_backups(db_path)) == 1  # one daily backup a day

    database = open_database(db_path)
    for _ in range(3):
        database.auto_backup("pred-importem")
    database.close()
    assert len(auto_backups(db_path)) == 2


def test_paths_with_uri_characters_work(tmp_path):
    folder = tmp_path / "Odbor #2 100% ? zálohy"
    folder.mkdir()
    database = open_database(folder / "kp.sqlite")
    _set_town(database, "Příbram")
    copy = folder / "zaloha #1.sqlite"
    database.backup_to(copy)
    restored = restore_database(database, copy)
    try:
        assert _town(restored) == "Příbram"
    finally:
        restored.close()
