import sqlite3
from contextlib import closing

from db.migrate import head_revision
from tests.conftest import run_cli


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("info", "backup", "restore"):
        assert command in result.stdout
    assert "--db" in result.stdout


def test_info_creates_and_describes_database(tmp_path):
    db = tmp_path / "kp.sqlite"
    result = run_cli("--db", str(db), "info")
    assert result.returncode == 0, result.stderr
    assert str(db) in result.stdout
    assert f"Verze schématu: {head_revision()}" in result.stdout
    assert "druhy služeb: 34" in result.stdout


def test_info_uses_per_user_data_dir_without_db(tmp_path):
    result = run_cli("info", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "data") in result.stdout


def test_backup_and_restore(tmp_path):
    db = tmp_path / "kp.sqlite"
    run_cli("--db", str(db), "info")
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('office.town', 'Dobříš')")
        conn.commit()
    out = tmp_path / "zaloha.sqlite"
    result = run_cli("--db", str(db), "backup", str(out))
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE setting SET value = 'Beroun' WHERE key = 'office.town'")
        conn.commit()
    result = run_cli("--db", str(db), "restore", str(out))
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT value FROM setting WHERE key='office.town'").fetchone()[0] == "Dobříš"


def test_errors_exit_non_zero_with_czech_message(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello")
    result = run_cli("--db", str(junk), "info")
    assert result.returncode != 0
    assert "není databáze" in result.stderr
    assert junk.read_text() == "hello"
    result = run_cli("--db", str(tmp_path / "kp.sqlite"), "restore", str(tmp_path / "chybi.sqlite"))
    assert result.returncode != 0 and "neexistuje" in result.stderr
    unknown = run_cli("neznamy-prikaz")
    assert unknown.returncode == 2 and "neplatná volba: 'neznamy-prikaz'" in unknown.stderr
    missing = run_cli("backup")
    assert missing.returncode == 2 and "chybí povinné argumenty: SOUBOR" in missing.stderr
