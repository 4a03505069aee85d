"""Editable funding sources and activity states: used items are kept, the rest follows the clerk."""
from __future__ import annotations

import pytest

from db.errors import ValidationError
from db.plan.codelists import (
    SourceItem, StateItem, load_source_items, load_state_items, save_source_items, save_state_items,
)
from db.plan.monitoring import open_round, save_grid_cell
from tests.db.plan.plan_builders import build_small_plan, state_id


def test_sources_rename_reorder_add_and_retire(db):
    db.write(build_small_plan)  # uses "rozpočet obce" and "kraj"
    items = db.read(load_source_items)
    by_name = {i.name: i for i in items}
    by_name["jiné"].name = "jiné zdroje"
    new = [by_name["kraj"], by_name["jiné"], SourceItem(None, "sponzoři")]  # drops the others
    db.write(save_source_items, new)
    after = db.read(load_source_items)
    assert [(i.name, i.active) for i in after][:3] == [("kraj", True), ("jiné zdroje", True), ("sponzoři", True)]
    # "rozpočet obce" carries costs: kept but inactive; unused ones are gone.
    assert [(i.name, i.active) for i in after[3:]] == [("rozpočet obce", False)]
    with pytest.raises(ValidationError, match="dvakrát"):
        db.write(save_source_items, [SourceItem(None, "A"), SourceItem(None, "a")])


def test_states_in_use_cannot_be_removed(db):
    small = db.write(build_small_plan)
    db.write(lambda s: save_grid_cell(s, open_round(s, small.plan, 2024), small.a111, "state", state_id(s, "probíhá")))
    items = db.read(load_state_items)
    with pytest.raises(ValidationError, match="probíhá"):
        db.write(save_state_items, [i for i in items if i.name != "probíhá"])
    items = [i for i in items if i.name != "odloženo"]
    items.append(StateItem(None, "přesunuto", 0, True, False, "#8e24aa"))
    db.write(save_state_items, items)
    assert [i.name for i in db.read(load_state_items)][-2:] == ["zrušeno", "přesunuto"]
    with pytest.raises(ValidationError) as caught:
        db.write(save_state_items, [StateItem(None, "x", 120, True, False, "red")])
    assert {m for _, m in caught.value.problems} >= {"Výchozí plnění musí být 0–100 %.", "Barva má tvar #RRGGBB."}
