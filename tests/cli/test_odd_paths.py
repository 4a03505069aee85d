"""Every command works when the app, the database and the files it reads or writes sit in folders
whose names hold %, #, spaces, diacritics and an apostrophe (a browser saves "komunitni-plan%20(1)",
Czech users write "Stažené 100%"); Alembic's configuration once crashed on the %."""
import shutil
import subprocess
import sys

import openpyxl
import pytest

from tests.conftest import ROOT

ODD = "Stažené 100% #1 'kopie' %(x)s"
APP_PARTS = ("main.py", "cli", "db", "desktop", "printing", "resources")


@pytest.fixture(scope="module")
def odd_app(tmp_path_factory):
    """A copy of the application in an oddly named folder; `python main.py` there runs the copy."""
    folder = tmp_path_factory.mktemp("app") / f"komunitni-plan%20(1) {ODD}"
    folder.mkdir()
    for part in APP_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / part)
    return folder


def run_app(app, *args, home):
    env = {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "HOME": str(home)}
    return subprocess.run([sys.executable, "main.py", *args], cwd=app, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=180)


def test_every_command_with_odd_folder_names(odd_app, tmp_path):
    files = tmp_path / ODD
    files.mkdir()
    db = files / "databáze 100% #2 'a'.sqlite"
    home = tmp_path / f"domov {ODD}"

    def ok(*args):
        result = run_app(odd_app, "--db", str(db), *args, home=home)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        return result

    assert str(db) in ok("info").stdout
    ok("demo")
    xlsx, csv = files / "adresář 50% #3 'x'.xlsx", files / "adresář 50% #3 'x'.csv"
    ok("export-xlsx", str(xlsx))
    ok("export-xlsx", str(csv))
    ok("template", str(files / "šablona %d #.xlsx"))
    assert openpyxl.load_workbook(xlsx).worksheets[0].max_row > 10
    ok("import-xlsx", str(csv), "--dry-run")
    ok("import-xlsx", str(xlsx))
    backup = files / "záloha 100% #4 'b'.sqlite"
    ok("backup", str(backup))
    ok("restore", str(backup))
    pdf = files / "přehled 100% #5 'c'.pdf"
    ok("booklet", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    register = files / "registr %s #"
    shutil.copytree(ROOT / "tests" / "data" / "rpss-small", register)
    ok("import-registry", str(register / "rpss.json"), "--codelists", str(register / "ciselniky"),
       "--kraj", "Ústecký kraj", "--dry-run")
    backups = list((files / "zalohy").rglob("*.sqlite"))  # a folder per database inside
    assert backups, "automatic backups go beside the database"
