"""Faults of the database and the disk: each ends in a Czech message naming the cause, with no SQL,
traceback or record values in it, nothing half-saved, and no personal data in the log."""
import logging
import os
import sqlite3
import threading
import time
from contextlib import closing

import pytest
from sqlalchemy import event, func, select

from db import database as database_module
from db import errors as errors_module
from db.database import open_database, restore_database
from db.directory.demo import load_demo
from db.directory.models import Provider
from db.errors import DatabaseEmptied, DatabaseUnavailable
from db.logs import log_path, setup_logging
from db.settings import OfficeDetails, save_office
from db.spreadsheet import apply_import, plan_import

CSV_HEADER = ("Poskytovatel;IČO;Právní forma;Ulice;Obec;PSČ;Telefon;E-mail;Web;Služba;Druh služby;Identifikátor;"
              "Formy;Cílové skupiny;Popis;Provozní doba;Kontaktní osoba;Telefon služby;E-mail služby;"
              "Místo poskytování;Úhrada;Kapacita;Územní působnost;Ověřeno")
# Personal data that must never reach the log or a message.
PERSON = "Bohumila Zkušební"
PHONE = "777 123 987"
EMAIL = "bohumila.zkusebni@example.cz"
LOGIN = "jana.tajna.prihlaseni"
SQL_WORDS = ("SELECT", "INSERT", "UPDATE", "BEGIN", "[SQL", "sqlite3.", "sqlalchemy", "Traceback")


def _csv(tmp_path, name="Poradna Zkušební"):
    path = tmp_path / "adresar.csv"
    row = f"Spolek Zkušební;;;Nádražní 1;Lipová;584 21;;;;{name};§ 37;;ambulantní;senioři;;;" \
          f"{PERSON};{PHONE};{EMAIL};;;;;"
    path.write_text(CSV_HEADER + "\n" + row + "\n", encoding="utf-8-sig")
    return path


def _providers(path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT count(*) FROM provider").fetchone()[0]


def assert_clean(message: str) -> None:
    for word in SQL_WORDS + (PERSON, PHONE, EMAIL, LOGIN):
        assert word not in message, (word, message)


class WriteLock:
    """Another connection (as another program would) holding the write lock until released."""

    def __init__(self, path, hold_seconds: float | None = None):
        self.path, self.hold = path, hold_seconds
        self.taken, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO setting (key, value) VALUES ('jiny.program', '1')")
        self.taken.set()
        self.release.wait(self.hold)
        conn.execute("ROLLBACK")
        conn.close()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(10)


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 1500)


# -- a busy database is waited for ---------------------------------------------------------------
def test_an_import_waits_for_another_writer_and_then_saves(db, tmp_path):
    preview = plan_import(db, _csv(tmp_path))
    with WriteLock(db.path, hold_seconds=2.0):
        started = time.monotonic()
        apply_import(db, preview)
        waited = time.monotonic() - started
    assert waited > 1.5  # it waited for the lock instead of failing at once
    assert _providers(db.path) == 1


def test_demo_and_edits_wait_too(db):
    with WriteLock(db.path, hold_seconds=1.5):
        load_demo(db)
    with WriteLock(db.path, hold_seconds=1.5):
        db.write(save_office, OfficeDetails(town="Lipová"))
    assert _providers(db.path) == 43


def test_after_the_busy_timeout_the_clerk_is_told_in_czech(db_path, tmp_path, short_busy_timeout):
    db = open_database(db_path)
    preview = plan_import(db, _csv(tmp_path))
    try:
        with WriteLock(db_path):
            started = time.monotonic()
            with pytest.raises(DatabaseUnavailable) as raised:
                apply_import(db, preview)
            assert 1.2 < time.monotonic() - started < 8
            with pytest.raises(DatabaseUnavailable):
                load_demo(db)
            with pytest.raises(DatabaseUnavailable):
                db.write(save_office, OfficeDetails(town="Lipová"))
            # Reading goes on meanwhile.
            assert db.read(lambda s: s.scalar(select(func.count()).select_from(Provider))) == 0
    finally:
        db.close()
    assert raised.value.kind == "busy"
    assert "právě upravuje jiný program" in str(raised.value)
    assert_clean(str(raised.value))
    assert _providers(db_path) == 0


def test_restore_gives_up_on_a_locked_database_instead_of_waiting_for_ever(db, tmp_path, short_busy_timeout):
    copy = tmp_path / "zaloha.sqlite"
    db.backup_to(copy)
    with WriteLock(db.path):
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable) as raised:
            restore_database(db, copy)
        assert time.monotonic() - started < 8
    assert raised.value.kind == "busy"
    assert_clean(str(raised.value))


def test_two_imports_at_once_both_end_well(db_path, tmp_path):
    open_database(db_path).close()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _csv(tmp_path / "a"), _csv(tmp_path / "b", name="Druhá poradna")
    outcomes = []

    def run(path):
        db = open_database(db_path)
        try:
            apply_import(db, plan_import(db, path))
            outcomes.append("saved")
        except DatabaseUnavailable as exc:  # told, never a crash
            outcomes.append(exc.kind)
        finally:
            db.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert outcomes == ["saved", "saved"]
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM service").fetchone()[0] == 2


# -- a full disk -------------------------------------------------------------------------------------
def _fill_disk_after(db, pages: int) -> None:
    """Make SQLite answer "database or disk is full" once the file would grow past `pages` pages."""
    db.engine.dispose()
    event.listen(db.engine, "connect", lambda conn, _rec: conn.execute(f"PRAGMA max_page_count = {pages}"))


def test_a_full_disk_during_an_import_saves_nothing_and_says_so(db, tmp_path):
    with closing(sqlite3.connect(db.path)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    _fill_disk_after(db, pages)
    with pytest.raises(DatabaseUnavailable) as raised:
        load_demo(db)
    assert raised.value.kind == "full"
    message = str(raised.value)
    assert message.startswith("Disk s databází") and "je plný" in message and "Uvolněte místo" in message
    assert_clean(message)
    assert _providers(db.path) == 0


# -- read-only file, read-only folder, emptied file ----------------------------------------------
def _readonly_engine(monkeypatch):
    """SQLite opening the file read-only, as it does when the file cannot be written (simulated: the
    tests may run as root, whom no permission stops)."""
    real = database_module.make_engine

    def readonly(path):
        engine = real(path)
        uri = f"file:{path}?mode=ro"
        engine.pool._creator = lambda *_args: sqlite3.connect(uri, uri=True, check_same_thread=False)
        return engine

    monkeypatch.setattr(database_module, "make_engine", readonly)


def test_a_read_only_database_file_is_named_as_such(db_path, monkeypatch):
    open_database(db_path).close()
    _readonly_engine(monkeypatch)
    monkeypatch.setattr(errors_module, "_writable", lambda path: False)
    db = open_database(db_path, daily_backup=False)
    try:
        with pytest.raises(DatabaseUnavailable) as raised:
            db.write(save_office, OfficeDetails(town="Lipová"))
    finally:
        db.close()
    assert raised.value.kind == "readonly"
    assert "je jen pro čtení" in str(raised.value) and str(db_path) in str(raised.value)
    assert_clean(str(raised.value))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes read-only files")
def test_a_really_read_only_file_and_folder(db_path):
    db = open_database(db_path)
    db.close()
    db_path.chmod(0o444)
    try:
        db = open_database(db_path, daily_backup=False)
        with pytest.raises(DatabaseUnavailable) as raised:
            db.write(save_office, OfficeDetails(town="Lipová"))
        db.close()
        assert "je jen pro čtení" in str(raised.value)
    finally:
        db_path.chmod(0o644)
    db_path.parent.chmod(0o555)
    try:
        with pytest.raises(DatabaseUnavailable) as raised:
            db = open_database(db_path, daily_backup=False)
            db.write(save_office, OfficeDetails(town="Lipová"))
        assert "nelze zapisovat" in str(raised.value)
    finally:
        db_path.parent.chmod(0o755)


def test_a_read_only_folder_is_not_called_a_damaged_file(db_path, monkeypatch):
    from db import backup

    open_database(db_path).close()

    def cannot_open(_path):
        error = sqlite3.OperationalError("unable to open database file")
        error.sqlite_errorcode = 14  # SQLITE_CANTOPEN: the -shm beside it cannot be created
        raise error

    monkeypatch.setattr(backup, "connect_readonly", cannot_open)
    monkeypatch.setattr(errors_module, "_writable", lambda path: path == db_path)
    with pytest.raises(DatabaseUnavailable) as raised:
        open_database(db_path)
    message = str(raised.value)
    assert f"Do složky „{db_path.parent}“ nelze zapisovat" in message
    assert "nelze přečíst jako databázi" not in message


def test_an_emptied_database_is_refused_not_started_anew(db_path):
    db = open_database(db_path)
    db.write(save_office, OfficeDetails(town="Lipová"))
    db.auto_backup("pred-importem")
    db.close()
    db_path.write_bytes(b"")  # what a full disk or an interrupted copy can leave
    with pytest.raises(DatabaseEmptied) as raised:
        open_database(db_path)
    assert "je prázdný (0 bajtů)" in str(raised.value) and "Obnovte data ze zálohy" in str(raised.value)
    assert db_path.stat().st_size == 0  # untouched
    # A truly new empty file (no backups, no journal) is still a new database.
    (db_path.parent / "jinde").mkdir()
    fresh = db_path.parent / "jinde" / "nova.sqlite"
    fresh.write_bytes(b"")
    open_database(fresh).close()


# -- personal data in the log ---------------------------------------------------------------------
def test_a_failed_write_logs_the_kind_and_no_personal_data(db, monkeypatch):
    from db.directory import queries
    from db.directory.records import ProviderRecord, ServiceRecord

    monkeypatch.setattr(queries, "current_user", lambda: LOGIN)
    setup_logging()
    with closing(sqlite3.connect(db.path)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    _fill_disk_after(db, pages)
    record = ProviderRecord(name="Spolek Zkušební", phone=PHONE, email=EMAIL, note="p" * 5000)
    record.services += [ServiceRecord(name=f"Poradna {n}", contact_person=PERSON, phone=PHONE, email=EMAIL,
                                      related_category_id=1, description="d" * 3000, note="n" * 5000)
                        for n in range(40)]  # some 300 kB: more than the file's free pages
    with pytest.raises(DatabaseUnavailable) as raised:
        db.write(queries.save_provider, record)
    assert_clean(str(raised.value))
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_path().read_text(encoding="utf-8")
    assert "database operation failed (full)" in text
    for secret in (PERSON, PHONE, EMAIL, LOGIN):
        assert secret not in text, secret
    assert "SQL parameters hidden" in text  # the statement stays in the log for the developer


def test_an_integrity_error_keeps_its_values_out_of_the_log(db, caplog):
    from sqlalchemy.exc import IntegrityError

    def duplicate(session):
        session.add_all([Provider(name=PERSON, ico="25596641", phone=PHONE, email=EMAIL, changed_by=LOGIN),
                         Provider(name=PERSON, ico="25596641", phone=PHONE, email=EMAIL, changed_by=LOGIN)])

    with pytest.raises(IntegrityError) as raised:
        db.write(duplicate)
    text = str(raised.value)
    for secret in (PERSON, PHONE, EMAIL, LOGIN):
        assert secret not in text


def test_paths_in_the_log_do_not_carry_the_os_login(monkeypatch, tmp_path):
    from pathlib import Path

    home = tmp_path / LOGIN
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    setup_logging()
    try:
        raise OSError(28, "No space left on device", str(home / "Dokumenty" / "zaloha.sqlite"))
    except OSError as exc:
        logging.getLogger("test").error("backup to %s failed", home / "zalohy", exc_info=exc)
    text = _log_text()
    assert LOGIN not in text
    assert "~/zalohy" in text and "~/Dokumenty/zaloha.sqlite" in text


def _log_text() -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return log_path().read_text(encoding="utf-8")
