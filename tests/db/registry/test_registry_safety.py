"""Register import never leaves a half-written database: bad files, cancel, crash, backup, progress."""
import pytest

from db.backup import auto_backups
from db.errors import UserError
from db.registry import ImportCancelled, apply_import, plan_import
from db.registry.sync import Reconciler
from tests.db.registry.registry_helpers import CHOMUTOV, SAMPLE, SMALL, SOKOLOV, data_dump, territory

SAMPLE_TEXT = (SAMPLE / "rpss.json").read_bytes()


def _plan(db, path, folder=SMALL, **kwargs):
    return plan_import(path, folder / "ciselniky", territory(CHOMUTOV), db, **kwargs)


@pytest.mark.parametrize("content, message", [
    (b"", "soubor je prázdný"),
    (b"   \n", "soubor je prázdný"),
    ("Registr poskytovatelů\n".encode(), "nejde o soubor ve formátu JSON"),
    (b"PK\x03\x04\x14\x00", "nejde o soubor ve formátu JSON"),
    (SAMPLE_TEXT[: len(SAMPLE_TEXT) // 2], "soubor je neúplný"),
    (b'[{"portalId": 1}]', "místo objektu s položkami obsahuje seznam"),
    (b'{"data": {"polozky": []}}', "neobsahuje žádné služby"),
    (b'{"polozky": []}', "neobsahuje žádné služby"),
    ((SMALL / "ciselniky" / "obce.json").read_bytes(), "položky nepopisují sociální služby"),
    (b'{"polozky": [{"portalId": "\xff"}]}', "obsah není platný JSON"),
])
def test_files_that_are_not_the_register_are_refused(db, db_path, tmp_path, content, message):
    apply_import(_plan(db, SMALL / "rpss.json"), db)  # a directory with data to protect
    before = data_dump(db_path)
    bad = tmp_path / "rpss.json"
    bad.write_bytes(content)
    with pytest.raises(UserError, match=message) as info:
        _plan(db, bad)
    assert "Databáze nebyla změněna." in str(info.value)
    assert data_dump(db_path) == before


def test_missing_file_is_refused(db, tmp_path):
    with pytest.raises(UserError, match="neexistuje"):
        _plan(db, tmp_path / "rpss.json")


def test_progress_counts_bytes_of_the_file(db):
    calls = []
    _plan(db, SAMPLE / "rpss.json", SAMPLE, progress=lambda done, total: calls.append((done, total)))
    size = (SAMPLE / "rpss.json").stat().st_size
    assert calls[-1] == (size, size)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_cancel_while_reading(db, db_path):
    before = data_dump(db_path)
    seen = []

    def cancel():
        seen.append(1)
        return len(seen) > 5

    with pytest.raises(ImportCancelled, match="zrušen"):
        plan_import(SAMPLE / "rpss.json", SAMPLE / "ciselniky", territory(SOKOLOV), db, cancel=cancel)
    assert data_dump(db_path) == before


def test_cancel_while_writing_rolls_back(db, db_path):
    preview = plan_import(SAMPLE / "rpss.json", SAMPLE / "ciselniky", territory(SOKOLOV), db)
    before = data_dump(db_path)
    progress = []
    with pytest.raises(ImportCancelled):
        apply_import(preview, db, progress=lambda done, total: progress.append(done),
                     cancel=lambda: len(progress) >= 1)
    assert progress  # it was under way
    assert data_dump(db_path) == before


def test_crash_while_writing_rolls_back(db, db_path, monkeypatch):
    apply_import(_plan(db, SMALL / "rpss.json"), db)
    preview = plan_import(SAMPLE / "rpss.json", SAMPLE / "ciselniky", territory(SOKOLOV), db)
    before = data_dump(db_path)

    def broken(self, new):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Reconciler, "_insert_services", broken)
    with pytest.raises(RuntimeError):
        apply_import(preview, db)
    assert data_dump(db_path) == before


def test_backup_before_applying(db):
    apply_import(_plan(db, SMALL / "rpss.json"), db)
    assert any("pred-importem" in p.name for p in auto_backups(db.path))
