"""Each database keeps its own automatic backups (two databases in one folder used to share zalohy/)."""
from __future__ import annotations

import shutil

from db.backup import auto_backup, auto_backups, prune_auto_backups
from db.database import open_database
from db.paths import adopt_legacy_backups, backup_dir_for


def _make(path):
    open_database(path).close()
    return path


def test_backup_folder_is_named_after_the_database(tmp_path):
    assert backup_dir_for(tmp_path / "komunitni-plan.sqlite") == tmp_path / "zalohy" / "komunitni-plan"
    assert backup_dir_for(tmp_path / "ukazka.sqlite") == tmp_path / "zalohy" / "ukazka"


def test_two_databases_in_one_folder_neither_count_nor_prune_each_other(tmp_path):
    real, demo = _make(tmp_path / "adresar.sqlite"), _make(tmp_path / "ukazka.sqlite")
    for _ in range(3):
        auto_backup(real, "denni", keep=10)
    auto_backup(demo, "denni", keep=10)
    assert len(auto_backups(real)) == 3
    assert len(auto_backups(demo)) == 1
    assert all(p.parent == tmp_path / "zalohy" / "adresar" for p in auto_backups(real))

    before = auto_backups(real)
    prune_auto_backups(demo, keep=1)
    auto_backup(demo, "denni", keep=1)
    assert len(auto_backups(demo)) == 2  # the newest and the day's first (db/backup.backups_to_keep)
    assert auto_backups(real) == before, "pruning the demo's backups left the real ones alone"


def _legacy_backup(db_path, name):
    folder = db_path.parent / "zalohy"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(db_path, folder / name)
    return folder / name


def test_old_backups_of_the_only_database_in_the_folder_move_into_its_folder(tmp_path):
    path = _make(tmp_path / "komunitni-plan.sqlite")
    old = _legacy_backup(path, "auto-2026-01-05_080000-denni.sqlite")
    database = open_database(path)  # opening adopts them
    database.close()
    assert not old.exists()
    assert backup_dir_for(path) / old.name in auto_backups(path)


def test_old_backups_stay_put_when_two_databases_share_the_folder(tmp_path):
    first, second = _make(tmp_path / "a.sqlite"), _make(tmp_path / "b.sqlite")
    old = _legacy_backup(first, "auto-2026-01-05_080000-denni.sqlite")
    assert adopt_legacy_backups(first) == []
    assert adopt_legacy_backups(second) == []
    assert old.exists()
