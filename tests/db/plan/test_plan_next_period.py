"""Creating the next plan from this one: the tree, unfinished activities carried over, origin links."""
from __future__ import annotations

import pytest

from db.errors import ValidationError
from db.plan.models import Plan, PlanNode
from db.plan.monitoring import close_round, open_round, save_grid_cell
from db.plan.next_period import create_next_plan
from db.plan.queries import plan_tree
from db.plan.records import load_node, load_plan
from tests.db.plan.plan_builders import build_small_plan, state_id


def test_next_plan_copies_the_tree_and_carries_unfinished_activities(db):
    small = db.write(build_small_plan)

    def evaluate(s):
        round_id = open_round(s, small.plan, 2026)
        indicator = load_node(s, small.a211).indicators[0].id
        save_grid_cell(s, round_id, small.a111, "state", state_id(s, "splněno"))
        save_grid_cell(s, round_id, small.a112, "state", state_id(s, "probíhá"))
        save_grid_cell(s, round_id, small.a113, "state", state_id(s, "zrušeno"))
        save_grid_cell(s, round_id, small.a211, f"actual:{indicator}", 47)  # never given a state
        close_round(s, round_id, "novakova")
    db.write(evaluate)

    new_id = db.write(create_next_plan, small.plan, 2027, 2029, "Střednědobý plán 2027–2029")
    rows = db.read(plan_tree, new_id)
    assert [(r.code, r.title, r.carried_over) for r in rows] == [
        ("1", "Senioři", False), ("1.1", "Péče doma", False), ("1.1.1", "Zřídit odlehčovací službu", True),
        ("1.2", "Bydlení", False), ("2", "Rodina", False), ("2.1", "Poradenství", False),
        ("2.1.1", "Rodinná poradna", True)]
    plan = db.read(load_plan, new_id)
    assert (plan.year_from, plan.year_to, plan.origin_plan_id) == (2027, 2029, small.plan)

    def origins(s):
        return {n.title: s.get(PlanNode, n.origin_node_id).plan_id for n in s.query(PlanNode).filter_by(plan_id=new_id)}
    assert set(db.read(origins).values()) == {small.plan}
    copied = db.read(load_node, rows[-1].id)
    assert copied.origin.startswith("2.1.1 Rodinná poradna")
    assert copied.costs == {} and copied.state_id is None
    assert [(i.name, i.baseline_value, i.baseline_year, i.targets) for i in copied.indicators] == [
        ("Počet klientů", 47, 2026, {})]
    # The old plan is untouched.
    assert len(db.read(plan_tree, small.plan)) == 9


def test_next_plan_needs_a_name_and_a_valid_period(db):
    small = db.write(build_small_plan)
    with pytest.raises(ValidationError) as caught:
        db.write(create_next_plan, small.plan, 2029, 2027, " ")
    assert {field for field, _ in caught.value.problems} == {"Název", "Do roku"}
    assert db.read(lambda s: s.query(Plan).count()) == 1


def test_deleting_the_previous_plan_keeps_the_next_one(db):
    from db.plan.records import delete_plan

    small = db.write(build_small_plan)
    new_id = db.write(create_next_plan, small.plan, 2027, 2029, "Další plán")
    db.write(delete_plan, small.plan)
    assert db.read(load_plan, new_id).origin_plan_id is None
    rows = db.read(plan_tree, new_id)
    assert len(rows) == 9 and all(db.read(load_node, r.id).origin == "" for r in rows)
