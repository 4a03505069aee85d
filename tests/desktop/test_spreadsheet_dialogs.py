import csv

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox, QWidget
from sqlalchemy import func, select

from db.directory.demo import load_demo
from db.directory.models import Service
from db.spreadsheet import COLUMNS, export_directory, plan_import
from desktop.directory import spreadsheet_dialogs
from desktop.directory.spreadsheet_dialogs import (
    ImportPreviewDialog, export_spreadsheet, import_spreadsheet, save_template,
)
from desktop.widgets.background_task import run_in_background


@pytest.fixture
def demo_db(db):
    load_demo(db)
    return db


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, kind=kind: shown.append((kind, text)))
    return shown


def edited_export(db, tmp_path):
    """The demo export with one phone changed, one row broken and one service added."""
    source = tmp_path / "export.csv"
    export_directory(db, source)
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    rows[0]["Telefon služby"] = "569 111 222"
    rows[1]["PSČ"] = "999"
    rows.append({**rows[2], "Služba": "Nová poradna", "Identifikátor": ""})
    path = tmp_path / "upraveno.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def table_rows(view):
    model = view.model()
    return [model.row_values(r) for r in range(model.rowCount())]


def service_count(db):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Service))


def test_preview_dialog_shows_adds_changes_and_bad_rows(qtbot, demo_db, tmp_path):
    preview = plan_import(demo_db, edited_export(demo_db, tmp_path))
    dialog = ImportPreviewDialog(preview)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Přibude (1)", "Změní se (1)", "Chybné řádky (1)"]
    assert dialog.tabs.currentWidget() is dialog.bad_view
    assert table_rows(dialog.bad_view) == [(3, "PSČ", "PSČ zadejte jako pět číslic ve tvaru NNN NN, např. 357 35.")]
    assert table_rows(dialog.added_view) == [(83, "služba", "Nová poradna", "Autis Lipová, z. s.")]
    [(row, record, column, old, new)] = table_rows(dialog.changed_view)
    assert (row, column, new) == (2, "Telefon služby", "569 111 222") and record.startswith("Služba ")
    assert "Chybné řádky: 1" in dialog.summary.text()

    # A bad row blocks the import until the clerk chooses to skip it.
    assert not dialog.import_button.isEnabled() and dialog.notice.isVisibleTo(dialog)
    dialog.skip_box.click()
    assert dialog.skip_invalid and dialog.import_button.isEnabled() and not dialog.notice.isVisibleTo(dialog)


def test_preview_of_unchanged_file_offers_nothing_to_import(qtbot, demo_db, tmp_path):
    path = tmp_path / "a.xlsx"
    export_directory(demo_db, path)
    dialog = ImportPreviewDialog(plan_import(demo_db, path))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled() and not dialog.skip_box.isEnabled()
    assert "není co uložit" in dialog.notice.text()
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Přibude (0)", "Změní se (0)", "Chybné řádky (0)"]


def test_import_flow_skipping_bad_rows(qtbot, demo_db, tmp_path, parent, monkeypatch, messages):
    path = edited_export(demo_db, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = []

    def accept_with_skip(dialog):
        seen.append(dialog)
        dialog.skip_box.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept_with_skip)
    before = service_count(demo_db)
    assert import_spreadsheet(parent, demo_db) is True
    assert service_count(demo_db) == before + 1
    assert messages[-1][0] == "information" and "přidáno 1, změněno 1" in messages[-1][1]
    assert "Přeskočené chybné řádky: 3" in messages[-1][1]


def test_import_cancelled_in_preview_saves_nothing(qtbot, demo_db, tmp_path, parent, monkeypatch, messages):
    path = edited_export(demo_db, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    before = service_count(demo_db)
    assert import_spreadsheet(parent, demo_db) is False
    assert service_count(demo_db) == before and messages == []


def test_unreadable_file_is_reported_in_czech(qtbot, db, tmp_path, parent, monkeypatch, messages):
    path = tmp_path / "stary.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    assert import_spreadsheet(parent, db) is False
    assert messages == [("warning", messages[0][1])] and "neumíme přečíst" in messages[0][1]


def test_export_adds_suffix_by_filter_and_reports_in_status_bar(qtbot, demo_db, tmp_path, monkeypatch):
    window = QMainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "adresar"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV UTF-8 se středníky (*.csv)"))
    written = export_spreadsheet(window, demo_db)
    assert written == tmp_path / "adresar.csv"
    assert written.read_text(encoding="utf-8-sig").startswith("Poskytovatel;IČO;")
    assert "řádků: 81" in window.statusBar().currentMessage()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "a.xlsx"), ""))
    assert export_spreadsheet(window, demo_db) == tmp_path / "a.xlsx"
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0].max_row == 82


def test_save_template(qtbot, tmp_path, parent, monkeypatch, messages):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "sablona"), "Sešit Excelu (*.xlsx)"))
    assert save_template(parent) == tmp_path / "sablona.xlsx"
    assert openpyxl.load_workbook(tmp_path / "sablona.xlsx").sheetnames == ["Služby", "Návod"]
    assert "Šablona uložena" in messages[0][1]


def test_cancel_in_progress_dialog_stops_the_work(qtbot, parent):
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    def work(progress):
        done = 0
        deadline = time.monotonic() + 10
        while progress(done, 1_000_000) and time.monotonic() < deadline:
            done += 1
            time.sleep(0.001)
        return done

    def press_cancel():
        dialog = parent.findChild(QProgressDialog)
        assert dialog.isVisible()  # shown after its minimum duration
        dialog.findChild(QPushButton).click()

    QTimer.singleShot(800, press_cancel)
    started = time.monotonic()
    done = run_in_background(parent, "Test", "Pracuji…", work)
    assert 0 < done < 1_000_000 and time.monotonic() - started < 5


def test_many_progress_reports_do_not_leak_references(qtbot, parent):
    import sys

    # PySide6 6.12 loses a reference to True on each Python-side Signal.emit(); enough of them abort Python.
    before = sys.getrefcount(True)
    assert run_in_background(parent, "Test", "Pracuji…", lambda progress: all(progress(i, 20_000) for i in range(20_000)))
    assert sys.getrefcount(True) > before - 100


def test_worker_errors_are_raised_on_the_ui_thread(qtbot, parent):
    def work(progress):
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        run_in_background(parent, "Test", "Pracuji…", work)


def test_remembers_folder(qtbot, tmp_path, parent, monkeypatch, messages):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "s.xlsx"), ""))
    save_template(parent)
    assert spreadsheet_dialogs._folder() == str(tmp_path)


def test_preview_lists_unprintable_characters_on_a_tab_and_still_imports(qtbot, db):
    from pathlib import Path

    case = Path(__file__).resolve().parents[1] / "data" / "cases" / "11-pictograms-emoji.xlsx"
    dialog = ImportPreviewDialog(plan_import(db, case))
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Upozornění (3)" in titles
    model = dialog.warnings_view.model()
    assert "sloupec Služba: znaky ✅ ☎" in model.index(0, 0).data()
    assert dialog.import_button.isEnabled()
