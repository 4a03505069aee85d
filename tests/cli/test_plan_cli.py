"""The plan's command line, run as a subprocess on the demo database."""
from __future__ import annotations

import sqlite3
from contextlib import closing

import openpyxl
import pytest
from pypdf import PdfReader

from tests.conftest import run_cli


def _table(db, sql: str):
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def _current_id(db) -> int:
    return _table(db, "SELECT id FROM plan WHERE year_from = 2024")[0][0]


def test_plan_list(demo_db):
    result = run_cli("--db", str(demo_db), "plan", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "2024–2026  schválený       35" in lines[1] and "2021–2023  ukončený" in lines[2]


def test_export_and_dry_run_import_of_the_same_file(demo_db, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run_cli("--db", str(demo_db), "plan", "export", str(_current_id(demo_db)), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == [
        "Plán", "Strom", "Financování", "Indikátory", "Monitoring 2024", "Monitoring 2025", "Monitoring 2026",
        "Návod"]
    result = run_cli("--db", str(demo_db), "plan", "import", str(out), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "beze změny: 51" in result.stdout and "Chybné řádky: 0" in result.stdout


def test_import_with_a_bad_row_names_it_and_saves_nothing(demo_db, tmp_path):
    out, bad = tmp_path / "plan.xlsx", tmp_path / "chybny.xlsx"
    assert run_cli("--db", str(demo_db), "plan", "export", str(_current_id(demo_db)), "--out", str(out)).returncode == 0
    workbook = openpyxl.load_workbook(out)
    sheet = workbook["Monitoring 2026"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("Stav") + 1, value="hotovo")
    sheet.cell(row=4, column=header.index("Hodnocení") + 1, value="Nový text, který se neuloží.")
    workbook.save(bad)
    before = _table(demo_db, "SELECT id, evaluation FROM evaluation ORDER BY id")
    result = run_cli("--db", str(demo_db), "plan", "import", str(bad))
    assert result.returncode == 1
    assert "List Monitoring 2026, řádek 3, sloupec Stav: Stav „hotovo“ v seznamu stavů není." in result.stdout
    assert "nic nebylo uloženo" in result.stderr
    assert _table(demo_db, "SELECT id, evaluation FROM evaluation ORDER BY id") == before


@pytest.mark.parametrize("args, title", [
    (("document",), "Strategická část"),
    (("report", "--year", "2025"), "Vyhodnocení plnění"),
    (("action-plan", "--year", "2026"), "Akční plán"),
])
def test_documents(demo_db, tmp_path, args, title):
    out = tmp_path / "dokument.pdf"
    command, *rest = args
    result = run_cli("--db", str(demo_db), "plan", command, str(_current_id(demo_db)), *rest, "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert title.lower() in text.lower()
    assert "Sociální byty města" in text


def test_unknown_plan_and_wrong_year_are_czech_errors(demo_db, tmp_path):
    result = run_cli("--db", str(demo_db), "plan", "export", "999", "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1 and "Plán nebyl nalezen" in result.stderr
    result = run_cli("--db", str(demo_db), "plan", "export", str(_current_id(demo_db)), "--out",
                     str(tmp_path / "x.xlsx"), "--working-group", "Pracovní skupina Neexistující")
    assert result.returncode == 1 and "Pracovní skupina „Pracovní skupina Neexistující“ v databázi není." in result.stderr
    result = run_cli("--db", str(demo_db), "plan", "report", str(_current_id(demo_db)), "--year", "2030",
                     "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "Rok 2030 nepatří do období plánu 2024–2026" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
