"""The command line under faults: a Czech message on stderr and exit code 1, never a traceback, SQL
or record values; a busy database is waited for."""
import subprocess
import sys
import time

import pytest
from sqlalchemy import event

from cli.main import main
from db import database as database_module
from db.paths import backup_dir_for
from tests.conftest import run_cli
from tests.db.test_faults import CSV_HEADER, _csv, _providers, assert_clean

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO setting (key, value) VALUES ('jiny.program', '1')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def _hold_lock(db, seconds: float) -> subprocess.Popen:
    """Another program holding the database's write lock for `seconds`."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def _clean_failure(result) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.startswith("Chyba: ")
    assert_clean(result.stderr)
    return result.stderr


@pytest.fixture
def database(tmp_path):
    db = tmp_path / "kp.sqlite"
    assert run_cli("--db", str(db), "info").returncode == 0
    return db


def test_an_import_waits_while_another_program_writes(database, tmp_path):
    holder = _hold_lock(database, 3)
    try:
        started = time.monotonic()
        result = run_cli("--db", str(database), "import-xlsx", str(_csv(tmp_path)))
        waited = time.monotonic() - started
    finally:
        holder.wait(30)
    assert result.returncode == 0, result.stderr
    assert waited > 2.0 and _providers(database) == 1


def test_a_database_locked_beyond_the_timeout_is_reported_in_czech(database):
    holder = _hold_lock(database, 30)
    try:
        result = run_cli("--db", str(database), "demo", timeout=60)
    finally:
        holder.kill()
        holder.wait(30)
    message = _clean_failure(result)
    assert "právě upravuje jiný program" in message and "zkuste to znovu" in message
    assert _providers(database) == 0


def test_restore_into_a_locked_database_does_not_wait_for_ever(database, tmp_path):
    copy = tmp_path / "zaloha.sqlite"
    assert run_cli("--db", str(database), "backup", str(copy)).returncode == 0
    holder = _hold_lock(database, 60)
    try:
        started = time.monotonic()
        result = run_cli("--db", str(database), "restore", str(copy), timeout=50)
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait(30)
    assert "právě upravuje jiný program" in _clean_failure(result)
    assert elapsed < 40


def test_a_full_disk_during_demo_is_reported_with_exit_code_1(database, monkeypatch, capsys):
    real = database_module.make_engine

    def filling(path):
        engine = real(path)
        event.listen(engine, "connect", lambda conn, _rec: conn.execute(
            "PRAGMA max_page_count = " + str(conn.execute("PRAGMA page_count").fetchone()[0])))
        return engine

    monkeypatch.setattr(database_module, "make_engine", filling)
    code = main(["--db", str(database), "demo"])
    err = capsys.readouterr().err
    assert code == 1 and "je plný" in err and "Uvolněte místo" in err
    assert_clean(err)
    assert _providers(database) == 0


def test_an_emptied_database_is_refused_and_can_be_restored(database, tmp_path):
    copy = tmp_path / "zaloha.sqlite"
    assert run_cli("--db", str(database), "demo").returncode == 0
    assert run_cli("--db", str(database), "backup", str(copy)).returncode == 0
    database.write_bytes(b"")
    message = _clean_failure(run_cli("--db", str(database), "info"))
    assert "je prázdný (0 bajtů)" in message
    assert database.stat().st_size == 0
    result = run_cli("--db", str(database), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert _providers(database) == 43


def test_a_failed_daily_backup_warns_and_read_only_work_goes_on(database, tmp_path):
    assert run_cli("--db", str(database), "demo").returncode == 0
    folder = backup_dir_for(database)
    for old in folder.glob("*"):
        old.unlink()
    folder.rmdir()
    folder.write_text("zde nelze založit složku záloh")  # the backup cannot be written
    info = run_cli("--db", str(database), "info")
    assert info.returncode == 0, info.stderr
    assert "Upozornění: Denní automatickou zálohu se nepodařilo vytvořit" in info.stderr
    assert "v cestě je soubor tam, kde má být složka" in info.stderr  # the cause, in Czech
    assert "poskytovatelé: 43" in info.stdout
    out = tmp_path / "jinde" / "adresar.csv"
    out.parent.mkdir()
    export = run_cli("--db", str(database), "export-xlsx", str(out))
    assert export.returncode == 0, export.stderr
    assert out.read_text(encoding="utf-8-sig").startswith(CSV_HEADER.split(";")[0])
