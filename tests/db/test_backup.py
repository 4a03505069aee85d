import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from db.backup import auto_backups, has_backup_from
from db.database import open_database, restore_database
from db.errors import DatabaseRefused
from db.paths import backup_dir_for
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
    kept = auto_backups(db_path)
    # The newest two, and the day's first (the state before the day's work), whatever the count.
    assert len(kept) == 3 and "denni" in kept[-1].name


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


def _touch_backup(folder, moment: dt.datetime, reason: str = "pred-importem"):
    path = folder / f"auto-{moment:%Y-%m-%d_%H%M%S}-{reason}.sqlite"
    path.write_bytes(b"SQLite format 3\x00")
    return path


def test_rotation_over_a_simulated_month_keeps_each_recent_day_and_every_month(tmp_path):
    from db.backup import KEEP_DAILY_DAYS, backup_day, prune_auto_backups

    db_file = tmp_path / "kp.sqlite"
    db_file.write_bytes(b"")
    folder = backup_dir_for(db_file)
    folder.mkdir(parents=True)
    keep = 5
    start = dt.datetime(2026, 10, 20, 8, 0, 0)
    for day_number in range(40):  # 20 October to 28 November: two month boundaries
        day = start + dt.timedelta(days=day_number)
        _touch_backup(folder, day, "denni")
        imports = 21 if day_number % 9 == 4 else 2  # now and then a day of many imports
        for n in range(imports):
            _touch_backup(folder, day + dt.timedelta(minutes=10 + n))
            prune_auto_backups(db_file, keep, today=day.date())

        backups = auto_backups(db_file)
        days = {backup_day(b) for b in backups}
        today = day.date()
        all_created = [today - dt.timedelta(days=k) for k in range(day_number + 1)]
        # Every one of the last 7 days with backups still has one: its first, the daily backup.
        for recent in all_created[:KEEP_DAILY_DAYS]:
            firsts = [b for b in backups if backup_day(b) == recent and "denni" in b.name]
            assert firsts, (today, recent)
        # Every month seen so far still has one.
        assert {(d.year, d.month) for d in all_created} <= {(d.year, d.month) for d in days}
        # The newest `keep` are all there.
        assert backups[:keep] == sorted(backups, key=lambda p: p.name, reverse=True)[:keep]
        # And the rest went: no more than newest N + 7 days + months.
        assert len(backups) <= keep + KEEP_DAILY_DAYS + 3
    assert (folder / "auto-2026-10-20_080000-denni.sqlite").exists()  # October's first, kept for good


def test_a_day_of_many_imports_does_not_push_out_the_day_before(tmp_path):
    from db.backup import prune_auto_backups

    db_file = tmp_path / "kp.sqlite"
    folder = backup_dir_for(db_file)
    folder.mkdir(parents=True)
    yesterday = _touch_backup(folder, dt.datetime(2026, 11, 29, 9, 0, 0), "denni")
    for n in range(21):
        _touch_backup(folder, dt.datetime(2026, 11, 30, 9, n, 0))
        prune_auto_backups(db_file, 10, today=dt.date(2026, 11, 30))
    assert yesterday.exists()
    assert len(auto_backups(db_file)) == 12  # newest 10, today's first, yesterday's


def test_interrupted_backups_leave_nothing_behind(db, tmp_path):
    import os
    import time

    from db.backup import STALE_PART_SECONDS

    folder = backup_dir_for(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    stale = [folder / "auto-2026-11-01_100000-denni.sqlite.part",
             folder / "auto-2026-11-01_100000-denni.sqlite.part-journal"]
    fresh = folder / "auto-2026-11-30_100000-denni.sqlite.part"  # maybe another window writing now
    for leftover in (*stale, fresh):
        leftover.write_bytes(b"x" * 100)
    old = time.time() - STALE_PART_SECONDS - 60
    for leftover in stale:
        os.utime(leftover, (old, old))
    db.auto_backup("pred-importem")
    assert not any(p.exists() for p in stale)
    assert fresh.exists()
    # A backup to a chosen file cleans its own leftovers of an earlier attempt.
    target = tmp_path / "moje.sqlite"
    other_program = tmp_path / "film.mkv.part"  # a browser's download: not ours to touch
    for leftover in (tmp_path / "moje.sqlite.123-456.part", tmp_path / "moje.sqlite.123-456.part-journal",
                     other_program):
        leftover.write_bytes(b"x")
        os.utime(leftover, (old, old))
    db.backup_to(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("moje")) == ["moje.sqlite"]
    assert other_program.exists()


def test_restore_from_a_wal_mode_copy_leaves_no_wal_or_shm_beside_it(db, tmp_path):
    _set_town(db, "Příbram")
    copy = tmp_path / "kopie" / "kp-kopie.sqlite"
    copy.parent.mkdir()
    db.backup_to(copy)
    with closing(sqlite3.connect(copy)) as conn:  # as if copied by hand from a live WAL database
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["kp-kopie.sqlite"]
    _set_town(db, "Beroun")
    restored = restore_database(db, copy)
    try:
        assert _town(restored) == "Příbram"
    finally:
        restored.close()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["kp-kopie.sqlite"]


def test_a_failed_daily_backup_is_a_warning_and_reading_goes_on(db_path, monkeypatch):
    from db import backup
    from db.errors import UserError

    open_database(db_path).close()  # a database with data, no backup yet today

    def disk_full(*_args, **_kwargs):
        raise UserError("Soubor „zaloha“ nelze uložit (No space left on device).")

    monkeypatch.setattr(backup, "copy_database", disk_full)
    database = open_database(db_path)
    try:
        assert database.warnings and "Denní automatickou zálohu se nepodařilo vytvořit" in database.warnings[0]
        assert _town(database) == ""  # reading works
    finally:
        database.close()
    assert not auto_backups(db_path)
