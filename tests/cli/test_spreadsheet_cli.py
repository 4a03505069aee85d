import sqlite3
from contextlib import closing

import openpyxl

from tests.conftest import run_cli


def _counts(db):
    with closing(sqlite3.connect(db)) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("provider", "service"))


def test_demo_export_template_and_reimport(tmp_path):
    db = tmp_path / "kp.sqlite"
    result = run_cli("--db", str(db), "demo")
    assert result.returncode == 0, result.stderr
    assert "poskytovatelé 43, služby 81" in result.stdout
    again = run_cli("--db", str(db), "demo")
    assert again.returncode == 1 and "jen do prázdné databáze" in again.stderr

    out = tmp_path / "adresar.xlsx"
    result = run_cli("--db", str(db), "export-xlsx", str(out))
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(out).worksheets[0].max_row == 82

    result = run_cli("--db", str(db), "import-xlsx", str(out))
    assert result.returncode == 0, result.stderr
    assert "beze změny: 81" in result.stdout and "není co uložit" in result.stdout

    template = tmp_path / "sablona.xlsx"
    result = run_cli("--db", str(db), "template", str(template))
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(template).sheetnames == ["Služby", "Návod"]

    fresh = tmp_path / "novy.sqlite"
    result = run_cli("--db", str(fresh), "import-xlsx", str(out), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Poskytovatelé – nové: 43" in result.stdout and "Přibude služba „Občanská poradna“" in result.stdout
    assert _counts(fresh) == (0, 0)
    result = run_cli("--db", str(fresh), "import-xlsx", str(out))
    assert result.returncode == 0, result.stderr
    assert _counts(fresh) == (43, 81)
    assert "Záloha před importem" in result.stdout


def _bad_csv(path):
    from db.spreadsheet import COLUMNS

    good = ["Klub Modrý kruh", "27074358", "", "", "Lipová", "584 21", "", "", "", "Klub", "klub seniorů",
            "", "", "", "", "", "", "", "", "", "", "", "", ""]
    bad = list(good)
    bad[1], bad[9] = "", "Druhý klub"
    bad[5] = "12"
    path.write_text("\n".join(";".join(r) for r in (COLUMNS, good, bad)) + "\n", encoding="utf-8-sig")
    return path


def test_bad_row_exits_non_zero_and_saves_nothing_unless_skipped(tmp_path):
    db = tmp_path / "kp.sqlite"
    source = _bad_csv(tmp_path / "vstup.csv")
    result = run_cli("--db", str(db), "import-xlsx", str(source))
    assert result.returncode == 1
    assert "Řádek 3, sloupec PSČ" in result.stdout
    assert "nic nebylo uloženo" in result.stderr and "--skip-invalid" in result.stderr
    assert _counts(db) == (0, 0)

    result = run_cli("--db", str(db), "import-xlsx", str(source), "--skip-invalid")
    assert result.returncode == 0, result.stderr
    assert "Přeskočené chybné řádky: 3" in result.stdout
    assert _counts(db) == (1, 1)


def test_export_to_csv_by_extension(tmp_path):
    db = tmp_path / "kp.sqlite"
    run_cli("--db", str(db), "demo")
    out = tmp_path / "adresar.csv"
    result = run_cli("--db", str(db), "export-xlsx", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfPoskytovatel;I\xc4\x8cO;")
    result = run_cli("--db", str(db), "export-xlsx", str(tmp_path / "adresar.pdf"))
    assert result.returncode == 1 and "není tabulka .xlsx ani .csv" in result.stderr
