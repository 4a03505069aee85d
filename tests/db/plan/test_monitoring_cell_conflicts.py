"""No lost update in the monitoring grid: a cell save checks the value the clerk saw (on SQLite and on
a PostgreSQL server); a cell someone else saved meanwhile is never overwritten silently."""
from __future__ import annotations

import threading
import time

import pytest

from db.plan.monitoring import (
    CellConflict, cell_value, monitoring_grid, open_round, save_grid_cell,
)
from db.plan.records import load_node
from tests.db.plan.plan_builders import build_small_plan, source_id, state_id


@pytest.fixture
def small(db):
    return db.write(build_small_plan)


@pytest.fixture
def round_2024(db, small):
    return db.write(open_round, small.plan, 2024)


def _row(db, small, node_id):
    return db.read(monitoring_grid, small.plan, 2024, [node_id])[0]


def test_a_cell_saved_meanwhile_is_not_overwritten_and_says_who_when_and_what(db, small, round_2024):
    seen = cell_value(_row(db, small, small.a111), "evaluation")
    db.write(save_grid_cell, round_2024, small.a111, "evaluation", "Rozšířeno o víkendy.", "Petra Dvořáková", seen)

    with pytest.raises(CellConflict) as caught:
        db.write(save_grid_cell, round_2024, small.a111, "evaluation", "Nerozšířeno.", "Jana Nováková", seen)

    conflict = caught.value
    assert conflict.stored == "Rozšířeno o víkendy." and conflict.changed_by == "Petra Dvořáková"
    assert conflict.changed_at is not None and conflict.label == "1.1.1 Hodnocení"
    assert str(conflict).startswith("Buňku „1.1.1 Hodnocení“ mezitím uložil(a) Petra Dvořáková ")
    assert _row(db, small, small.a111).evaluation == "Rozšířeno oví­kendy.".replace("\u00ad", "") or True
    assert _row(db, small, small.a111).evaluation == "Rozšířeno o víkendy."


@pytest.mark.parametrize("field, theirs, hers", [
    ("state", "splněno", "probíhá"),
    ("completion", 40, 60),
    ("spent", 90_000, 95_000),
    ("actual", 42, 45),
])
def test_every_kind_of_cell_is_checked(db, small, round_2024, field, theirs, hers):
    node = small.a211 if field == "actual" else small.a111
    if field == "state":
        theirs, hers = db.read(state_id, theirs), db.read(state_id, hers)
    if field == "spent":
        field = f"spent:{db.read(source_id, 'rozpočet obce')}"
    if field == "actual":
        field = f"actual:{db.read(load_node, small.a211).indicators[0].id}"
    seen = cell_value(_row(db, small, node), field)
    assert seen is None
    db.write(save_grid_cell, round_2024, node, field, theirs, "Petra Dvořáková", seen)

    with pytest.raises(CellConflict) as caught:
        db.write(save_grid_cell, round_2024, node, field, hers, "Jana Nováková", seen)
    assert caught.value.stored == theirs and caught.value.changed_by == "Petra Dvořáková"
    assert cell_value(_row(db, small, node), field) == theirs

    # Having seen the stored value, she may overwrite it (Ponechat moje).
    db.write(save_grid_cell, round_2024, node, field, hers, "Jana Nováková", caught.value.stored)
    assert cell_value(_row(db, small, node), field) == hers


def test_other_cells_of_the_line_and_the_same_value_pass(db, small, round_2024):
    row = _row(db, small, small.a111)
    db.write(save_grid_cell, round_2024, small.a111, "evaluation", "Rozšířeno.", "Petra Dvořáková",
             cell_value(row, "evaluation"))
    # Her grid is older, but she saves another cell, and then the same value Petra typed.
    db.write(save_grid_cell, round_2024, small.a111, "reasons", "Nic.", "Jana Nováková", cell_value(row, "reasons"))
    db.write(save_grid_cell, round_2024, small.a111, "evaluation", " Rozšířeno. ", "Jana Nováková",
             cell_value(row, "evaluation"))
    fresh = _row(db, small, small.a111)
    assert (fresh.evaluation, fresh.reasons) == ("Rozšířeno.", "Nic.")


def test_a_save_without_seen_value_keeps_the_old_behaviour(db, small, round_2024):
    db.write(save_grid_cell, round_2024, small.a111, "completion", 40, "Petra Dvořáková", None)
    db.write(save_grid_cell, round_2024, small.a111, "completion", 60)  # an import, the command line
    assert _row(db, small, small.a111).completion == 60


def test_a_line_without_stamps_says_someone_else(db, small, round_2024):
    db.write(save_grid_cell, round_2024, small.a111, "completion", 40)
    from sqlalchemy import update

    from db.plan.models import Evaluation

    db.write(lambda s: s.execute(update(Evaluation).values(cell_stamps="")))  # saved by an older version
    with pytest.raises(CellConflict) as caught:
        db.write(save_grid_cell, round_2024, small.a111, "completion", 60, None, None)
    assert caught.value.changed_by == "" and caught.value.changed_at is None
    assert "mezitím uložil(a) jiný pracovník." in str(caught.value)


def test_two_saves_of_one_cell_at_the_same_moment_the_second_sees_the_first(db, small, round_2024):
    seen = cell_value(_row(db, small, small.a111), "evaluation")
    first_saved = threading.Event()
    outcome: dict[str, object] = {}

    def slow_first() -> None:
        with db.writing() as s:
            save_grid_cell(s, round_2024, small.a111, "evaluation", "První.", "A", seen)
            first_saved.set()
            time.sleep(0.5)  # the second save starts while this transaction holds the round

    def second_save() -> None:
        first_saved.wait(10)
        try:
            db.write(save_grid_cell, round_2024, small.a111, "evaluation", "Druhá.", "B", seen)
            outcome["second"] = "saved"
        except CellConflict as exc:
            outcome["second"] = exc

    threads = [threading.Thread(target=slow_first), threading.Thread(target=second_save)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert isinstance(outcome["second"], CellConflict) and outcome["second"].stored == "První."
    assert _row(db, small, small.a111).evaluation == "První."
