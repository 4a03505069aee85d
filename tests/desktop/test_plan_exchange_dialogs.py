"""Export of a plan to Excel and import back with a preview, from the plan tab."""
import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from db.plan.exchange import TREE_SHEET
from db.plan.records import load_node
from desktop.plan import exchange_dialogs
from desktop.plan.exchange_dialogs import PlanImportDialog
from desktop.plan.tab import PlanTab


@pytest.fixture
def tab(show, db, plan, settings):
    return show(PlanTab(db, settings))


@pytest.fixture
def messages(monkeypatch):
    said = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: said.append(text))
    return said


def export(tab, tmp_path, monkeypatch):
    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.export_xlsx()
    return target


def rename_in_workbook(path, code, title):
    workbook = load_workbook(path)
    sheet = workbook[TREE_SHEET]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("Kód")].value == code:
            row[header.index("Název")].value = title
    workbook.save(path)


def test_export_then_import_with_preview_updates_the_plan(tab, plan, db, tmp_path, monkeypatch, messages):
    path = export(tab, tmp_path, monkeypatch)
    assert path.exists()
    rename_in_workbook(path, "1.1.1", "Rozšířit pečovatelskou službu i o víkendy")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = {}

    def confirm(dialog):
        seen["changes"] = list(dialog.preview.changes)
        seen["enabled"] = dialog.import_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PlanImportDialog, "exec", confirm)
    tab.import_xlsx()
    assert seen["enabled"] and any("víkendy" in change for change in seen["changes"])
    assert db.read(load_node, plan.a111).title == "Rozšířit pečovatelskou službu i o víkendy"
    assert "Import je hotový" in messages[-1]
    assert any(r.title.endswith("víkendy") for r in tab.tree_model.rows())


def test_a_bad_row_blocks_the_import_and_is_named(qtbot, tab, plan, db, tmp_path, monkeypatch, messages):
    path = export(tab, tmp_path, monkeypatch)
    rename_in_workbook(path, "1.1.2", "")  # a node without a title
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen = {}

    def look(dialog):
        seen["enabled"] = dialog.import_button.isEnabled()
        seen["notice"] = dialog.notice.text()
        seen["problems"] = [str(p) for p in dialog.preview.problems]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PlanImportDialog, "exec", look)
    assert exchange_dialogs.import_plan(tab, db) is None
    assert not seen["enabled"] and "neuloží se nic" in seen["notice"]
    assert any("Strom" in p and "řádek" in p for p in seen["problems"])
    assert db.read(load_node, plan.a112).title == "Zřídit odlehčovací službu"
