"""The monitoring grid and a plan item's Monitoring tab never overwrite a cell another clerk saved
meanwhile without asking: a box says who and when, shows the stored value beside hers, and she keeps
hers or takes the stored one."""
import pytest
from PySide6.QtWidgets import QMessageBox

from db.plan.monitoring import monitoring_grid, open_round, save_grid_cell
from desktop.plan import cell_conflict
from desktop.plan.formatting import percent
from desktop.plan.tab import MONITORING, PlanTab
from tests.db.plan.plan_builders import state_id


@pytest.fixture
def tab(show, db, plan, settings):
    return show(PlanTab(db, settings), 1366, 740)


@pytest.fixture
def boxes(monkeypatch):
    """Answer the cell conflict box with the queued button text; records (headline, details)."""
    queue, shown = [], []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        wanted = queue.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(cell_conflict.QMessageBox, "exec", exec_)
    return queue, shown


def grid_cell(tab, node_id, field):
    model = tab.monitoring.model
    return tab.monitoring.proxy.mapFromSource(model.index(model.row_index(node_id), model.column_of(field)))


def stored(db, plan, node_id):
    return {r.node_id: r for r in db.read(monitoring_grid, plan.plan, 2024)}[node_id]


def test_grid_cell_saved_meanwhile_asks_and_takes_the_stored_value(tab, plan, db, other, boxes):
    queue, shown = boxes
    tab.show_view(MONITORING)
    round_id = other.write(open_round, plan.plan, 2024)
    other.write(save_grid_cell, round_id, plan.a111, "evaluation", "Rozšířeno o víkendy.", "Petra Dvořáková")

    queue.append(cell_conflict.TAKE_STORED)
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "evaluation"), "Nerozšířeno.")

    headline, details = shown[0]
    assert headline.startswith("Buňku „1.1.1 Hodnocení“ mezitím uložil(a) Petra Dvořáková ")
    assert "Uloženo: Rozšířeno o víkendy.\nVaše hodnota: Nerozšířeno." in details
    assert stored(db, plan, plan.a111).evaluation == "Rozšířeno o víkendy."
    assert grid_cell(tab, plan.a111, "evaluation").data() == "Rozšířeno o víkendy."  # the grid shows it


def test_grid_cell_saved_meanwhile_can_keep_hers(tab, plan, db, other, boxes):
    queue, shown = boxes
    tab.show_view(MONITORING)
    round_id = other.write(open_round, plan.plan, 2024)
    done = db.read(lambda s: state_id(s, "splněno"))
    running = db.read(lambda s: state_id(s, "probíhá"))
    other.write(save_grid_cell, round_id, plan.a111, "state", done, "Petra Dvořáková")

    queue.append(cell_conflict.KEEP_MINE)
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "state"), running)

    assert "Uloženo: splněno\nVaše hodnota: probíhá" in shown[0][1]
    assert stored(db, plan, plan.a111).state_id == running
    assert grid_cell(tab, plan.a111, "state").data() == "probíhá"
    # Her next edit of the cell compares with her own value: no box.
    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "state"), done)
    assert len(shown) == 1 and stored(db, plan, plan.a111).state_id == done


def test_grid_cells_others_did_not_touch_save_without_asking(tab, plan, db, other, boxes):
    _queue, shown = boxes
    tab.show_view(MONITORING)
    round_id = other.write(open_round, plan.plan, 2024)
    other.write(save_grid_cell, round_id, plan.a111, "reasons", "Chybí pečovatelky.", "Petra Dvořáková")

    tab.monitoring.proxy.setData(grid_cell(tab, plan.a111, "completion"), "40")
    assert shown == []
    row = stored(db, plan, plan.a111)
    assert (row.completion, row.reasons) == (40, "Chybí pečovatelky.")


def test_node_monitoring_tab_asks_too(tab, plan, db, other, boxes):
    queue, shown = boxes
    tab.open_node(plan.a111)
    page = tab.node_editor.monitoring
    page.year.setCurrentIndex(page.year.findData(2024))
    round_id = other.write(open_round, plan.plan, 2024)
    other.write(save_grid_cell, round_id, plan.a111, "completion", 30, "Petra Dvořáková")

    queue.append(cell_conflict.TAKE_STORED)
    page.completion.setValue(60)
    page.completion.editingFinished.emit()

    assert f"Uloženo: {percent(30)}\nVaše hodnota: {percent(60)}" in shown[0][1]
    assert stored(db, plan, plan.a111).completion == 30 and page.row.completion == 30
