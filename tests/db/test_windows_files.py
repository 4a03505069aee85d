"""What Windows does differently with files, simulated on any OS: a target held open by another
program (Excel, Acrobat) cannot be replaced, paths with diacritics, spaces and network shares."""
import sqlite3
from contextlib import closing
from pathlib import Path, PureWindowsPath

import pytest
from sqlalchemy.exc import OperationalError

import db.files
from db.backup import connect_readonly, sqlite_uri
from db.errors import DatabaseRefused, UserError
from db.spreadsheet import save_template

OPEN_ELSEWHERE = "otevřený v jiném programu"


@pytest.fixture
def target_open_in_excel(monkeypatch):
    """os.replace fails the way Windows fails when another program holds the target open."""
    def refuse(src, dst):
        raise PermissionError(13, "Přístup byl odepřen", str(dst), 32)
    monkeypatch.setattr(db.files.os, "replace", refuse)


@pytest.mark.parametrize("name", ["adresar.xlsx", "adresar.csv"])
def test_export_over_a_file_open_in_excel_names_the_cause_and_keeps_the_old_file(
        db, tmp_path, target_open_in_excel, name):
    target = tmp_path / "Jiří Novák" / name
    target.parent.mkdir()
    target.write_bytes(b"previous export")
    from db.spreadsheet import export_directory

    with pytest.raises(UserError, match=OPEN_ELSEWHERE):
        export_directory(db, target)
    assert target.read_bytes() == b"previous export"
    assert list(target.parent.iterdir()) == [target]  # no .part left behind


def test_template_over_a_file_open_in_excel(tmp_path, target_open_in_excel):
    target = tmp_path / "sablona.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(UserError, match=OPEN_ELSEWHERE):
        save_template(target)
    assert target.read_bytes() == b"old"


def test_backup_over_a_file_open_elsewhere_keeps_the_old_backup(db, tmp_path, target_open_in_excel):
    target = tmp_path / "zaloha.sqlite"
    target.write_bytes(b"older backup")
    with pytest.raises(UserError, match=OPEN_ELSEWHERE):
        db.backup_to(target)
    assert target.read_bytes() == b"older backup"
    assert list(tmp_path.glob("*.part")) == []


def test_booklet_over_a_pdf_open_in_a_viewer_keeps_the_old_pdf(sample_data_factory, tmp_path, target_open_in_excel):
    from printing.booklet import build_booklet
    from printing.booklet.options import BookletOptions

    target = tmp_path / "Dokumenty" / "přehled.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF old")
    with pytest.raises(UserError, match=OPEN_ELSEWHERE):
        build_booklet(sample_data_factory(), BookletOptions(), target)
    assert target.read_bytes() == b"%PDF old"
    assert list(target.parent.iterdir()) == [target]


@pytest.fixture
def sample_data_factory(db):
    from printing.booklet.data import collect_booklet_data
    from tests.printing.factory import populate_sample

    with db.session() as s, s.begin():
        populate_sample(s)
    return lambda: db.read(collect_booklet_data)


def test_backup_is_one_self_contained_file(db, tmp_path):
    """A WAL-mode copy would grow -wal/-shm files beside it whenever it is opened, and could not be
    opened at all from a read-only medium."""
    copy = tmp_path / "USB" / "záloha kopie.sqlite"
    db.backup_to(copy)
    with copy.open("rb") as fh:
        header = fh.read(20)
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL
    with closing(connect_readonly(copy)) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    assert [p.name for p in copy.parent.iterdir()] == ["záloha kopie.sqlite"]


def test_backup_onto_the_database_itself_through_another_name_is_refused(db, tmp_path):
    alias = tmp_path / "jinak.sqlite"
    alias.symlink_to(db.path)  # on Windows: other letter case, 8.3 short name or a mapped drive
    with pytest.raises(DatabaseRefused, match="přes samotnou databázi"):
        db.backup_to(alias)
    with closing(sqlite3.connect(db.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("path, uri", [
    (PureWindowsPath(r"C:\Users\Jiří Novák\Documents\kp #1.sqlite"),
     "file:///C:/Users/Ji%C5%99%C3%AD%20Nov%C3%A1k/Documents/kp%20%231.sqlite"),
    (PureWindowsPath(r"\\server\odbor\Sociální\kp.sqlite"),
     "file:////server/odbor/Soci%C3%A1ln%C3%AD/kp.sqlite"),
])
def test_sqlite_uri_of_windows_paths(path, uri):
    assert sqlite_uri(path) == uri


def test_sqlite_uri_opens_a_folder_with_uri_characters(tmp_path):
    folder = tmp_path / "Odbor #2 ?%20 Jiří"
    folder.mkdir()
    path = folder / "kp.sqlite"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
    with closing(connect_readonly(path)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchone()[0] == "t"


@pytest.mark.parametrize("path, remote_drive, mode", [
    (PureWindowsPath(r"C:\Users\Jiří Novák\AppData\Roaming\KomunitniPlan\kp.sqlite"), False, "WAL"),
    (PureWindowsPath(r"\\server\odbor\kp.sqlite"), False, "DELETE"),
    (PureWindowsPath(r"Z:\Sociální odbor\kp.sqlite"), True, "DELETE"),
])
def test_journal_mode_on_a_network_share(monkeypatch, path, remote_drive, mode):
    import db.paths
    from db.database import journal_mode_for

    monkeypatch.setattr(db.paths, "_drive_type", lambda root: 4 if remote_drive else 3)
    assert journal_mode_for(path) == mode


def test_a_database_on_a_network_drive_opens_read_only_and_points_to_the_server(monkeypatch, tmp_path):
    import db.database
    from db.directory.demo import load_demo
    from db.directory.models import Provider
    from db.errors import DatabaseUnavailable

    path = tmp_path / "kp.sqlite"
    local = db.database.open_database(path)
    load_demo(local)
    local.close()
    before = path.read_bytes()
    monkeypatch.setattr(db.database, "is_network_path", lambda path: True)
    database = db.database.open_database(path)
    try:
        assert any("síťové jednotce" in w and "PostgreSQL" in w for w in database.warnings)
        assert database.read(lambda s: s.query(Provider).count()) > 30  # reading works
        with pytest.raises(DatabaseUnavailable, match="jen pro čtení") as caught:
            database.write(lambda s: s.add(Provider(name="Nový", source="manual")))
        assert caught.value.kind == "readonly"
        with pytest.raises(OperationalError, match="readonly"):  # the file itself is opened read-only
            with database.session() as s, s.begin():
                s.add(Provider(name="Nový", source="manual"))
        assert database.auto_backup("test") is None
    finally:
        database.close()
    assert path.read_bytes() == before


def test_a_new_database_is_not_created_on_a_network_drive(monkeypatch, tmp_path):
    import db.database

    monkeypatch.setattr(db.database, "is_network_path", lambda path: True)
    with pytest.raises(DatabaseRefused, match="novou databázi nezaloží"):
        db.database.open_database(tmp_path / "kp.sqlite")
    assert not (tmp_path / "kp.sqlite").exists()


def test_the_file_system_type_of_a_linux_mount_is_read_from_mountinfo():
    from db.paths import NETWORK_FILE_SYSTEMS, mount_fs_type

    mountinfo = ("22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
                 "40 22 0:50 / /mnt/odbor rw,relatime - cifs //server/odbor rw,vers=3.0\n"
                 "41 22 0:51 / /mnt/Soci\\040odbor rw,relatime - nfs4 server:/odbor rw\n"
                 "42 40 0:52 / /mnt/odbor/mistni rw,relatime - ext4 /dev/sdb1 rw\n")
    assert mount_fs_type(Path("/mnt/odbor/kp.sqlite"), mountinfo) == "cifs"
    assert mount_fs_type(Path("/mnt/Soci odbor/kp.sqlite"), mountinfo) == "nfs4"
    assert mount_fs_type(Path("/mnt/odbor/mistni/kp.sqlite"), mountinfo) == "ext4"  # the deeper mount wins
    assert mount_fs_type(Path("/mnt/odborx/kp.sqlite"), mountinfo) == "ext4"  # not a prefix by letters
    assert {"cifs", "nfs4", "fuse.sshfs", "smb3"} <= NETWORK_FILE_SYSTEMS