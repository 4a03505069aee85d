"""Monitoring rounds: cells saved one by one, state history, closing freezes, reopening is explicit."""
from __future__ import annotations

import dataclasses

import pytest

from db.errors import UserError
from db.plan.models import ActivityState, RoundLog
from db.plan.monitoring import (
    close_round, monitoring_grid, open_round, plan_rounds, reopen_round, round_report, save_grid_cell,
)
from db.plan.records import load_node, save_node
from db.plan.tree import delete_node, move_node
from tests.db.plan.plan_builders import build_small_plan, set_costs, source_id, state_id


@pytest.fixture
def small(db):
    return db.write(build_small_plan)


@pytest.fixture
def closed_2024(db, small):
    def evaluate(s):
        round_id = open_round(s, small.plan, 2024)
        indicator = load_node(s, small.a211).indicators[0].id
        save_grid_cell(s, round_id, small.a111, "state", state_id(s, "splněno"), "novakova")
        save_grid_cell(s, round_id, small.a111, f"spent:{source_id(s, 'rozpočet obce')}", "95 000")
        save_grid_cell(s, round_id, small.a111, "evaluation", "Služba rozšířena o dva pracovníky.")
        save_grid_cell(s, round_id, small.a112, "state", state_id(s, "odloženo"), "novakova")
        save_grid_cell(s, round_id, small.a112, "reasons", "Chybí prostory.")
        save_grid_cell(s, round_id, small.a211, "state", state_id(s, "probíhá"), "novakova")
        save_grid_cell(s, round_id, small.a211, f"actual:{indicator}", 42)
        close_round(s, round_id, "novakova")
        return round_id
    return db.write(evaluate)


def test_grid_has_a_row_per_activity_with_planned_and_spent_money(db, small, closed_2024):
    rows = {r.code: r for r in db.read(monitoring_grid, small.plan, 2024)}
    assert list(rows) == ["1.1.1", "1.1.2", "1.1.3", "2.1.1"]
    town = db.read(source_id, "rozpočet obce")
    assert rows["1.1.1"].planned == {town: 100_000} and rows["1.1.1"].spent == {town: 95_000}
    assert rows["1.1.1"].state_name == "splněno" and rows["1.1.1"].effective_completion == 100
    assert rows["1.1.3"].state_name == "nehodnoceno"  # frozen unevaluated
    assert rows["2.1.1"].indicators[0].actual == 42 and rows["2.1.1"].indicators[0].target == 40
    assert rows["1.1.1"].path == (("1", "Senioři"), ("1.1", "Péče doma"))


def test_bad_cell_values_are_refused_in_czech(db, small):
    round_id = db.write(open_round, small.plan, 2025)
    with pytest.raises(UserError, match=r"Plnění \(%\).*větší než 100"):
        db.write(save_grid_cell, round_id, small.a111, "completion", 120)
    with pytest.raises(UserError, match="není číslo"):
        db.write(save_grid_cell, round_id, small.a111, f"spent:{db.read(source_id, 'kraj')}", "hodně")
    with pytest.raises(UserError, match="není aktivita"):
        db.write(save_grid_cell, round_id, small.m11, "completion", 10)
    with pytest.raises(UserError, match="období plánu"):
        db.write(open_round, small.plan, 2030)


def test_state_changes_are_kept_with_date_and_author(db, small):
    round_id = db.write(open_round, small.plan, 2024)
    db.write(save_grid_cell, round_id, small.a111, "state", db.read(state_id, "probíhá"), "novakova")
    db.write(save_grid_cell, round_id, small.a111, "state", db.read(state_id, "splněno"), "svoboda")
    db.write(save_grid_cell, round_id, small.a111, "state", db.read(state_id, "splněno"), "svoboda")  # no change
    record = db.read(load_node, small.a111)
    assert [(h.by, h.year, h.old_state, h.new_state) for h in record.history] == [
        ("novakova", 2024, "", "probíhá"), ("svoboda", 2024, "probíhá", "splněno")]
    assert all(h.at is not None for h in record.history)
    assert record.state_name == "splněno"


def test_a_closed_round_cannot_be_changed(db, small, closed_2024):
    for field, value in (("state", None), ("completion", 10), ("evaluation", "jinak"),
                         (f"spent:{db.read(source_id, 'kraj')}", 5)):
        with pytest.raises(UserError, match="uzavřený"):
            db.write(save_grid_cell, closed_2024, small.a111, field, value)
    with pytest.raises(UserError, match="už je uzavřený"):
        db.write(close_round, closed_2024, "novakova")
    assert db.read(monitoring_grid, small.plan, 2024)[0].evaluation == "Služba rozšířena o dva pracovníky."


def test_a_closed_round_is_unaffected_by_later_edits_of_the_plan(db, small, closed_2024):
    before = db.read(round_report, small.plan, 2024)
    # Rename, move, re-cost, delete an activity, add one, and redefine a state's meaning.
    def edit(s):
        record = load_node(s, small.a111)
        record.title = "Přejmenovaná aktivita"
        record.indicators = []
        save_node(s, record)
        set_costs(s, small.a112, {2024: {source_id(s, "kraj"): 999_999}})
        move_node(s, small.a112, small.m21, 0)
        delete_node(s, small.a211)
        move_node(s, small.p2, None, 0)
        s.get(ActivityState, state_id(s, "odloženo")).completion = 90
    db.write(edit)
    after = db.read(round_report, small.plan, 2024)
    assert reported(after) == reported(before)
    assert after.rows[3].node_id is None  # the deleted activity is still reported, only unlinked
    # The open view of the plan, by contrast, shows the edits.
    codes = {r.code: r.title for r in db.read(monitoring_grid, small.plan, 2025)}
    assert codes["1.1.1"] == "Zřídit odlehčovací službu" and codes["2.1.1"] == "Přejmenovaná aktivita"


def reported(report) -> dict:
    """What the report states, without the links to live records (a deleted activity loses them)."""
    data = dataclasses.asdict(report)
    for row in data["rows"]:
        for link in ("node_id", "uid", "working_group_id"):
            row.pop(link)
        for indicator in row["indicators"]:
            indicator.pop("indicator_id")
    return data


def test_reopening_is_explicit_and_logged(db, small, closed_2024):
    with pytest.raises(UserError, match="důvod"):
        db.write(reopen_round, closed_2024, "svoboda", "  ")
    db.write(reopen_round, closed_2024, "svoboda", "Oprava čerpání podle závěrečného účtu")
    db.write(save_grid_cell, closed_2024, small.a111, "completion", 90)
    info = db.read(plan_rounds, small.plan)[0]
    assert not info.closed
    assert [(by, action, reason) for _, by, action, reason in info.log] == [
        ("novakova", "closed", ""), ("svoboda", "reopened", "Oprava čerpání podle závěrečného účtu")]
    db.write(close_round, closed_2024, "svoboda")
    assert db.read(round_report, small.plan, 2024).rows[0].effective_completion == 90
    assert db.read(lambda s: s.query(RoundLog).count()) == 3


def test_the_tree_of_a_closed_year_shows_what_the_round_froze(db, small, closed_2024):
    from db.plan.codelists import load_state_items, save_state_items
    from db.plan.models import Plan
    from db.plan.queries import plan_tree

    before = [(r.code, r.state_name, r.completion, r.behind) for r in db.read(plan_tree, small.plan, 2024)]
    items = db.read(load_state_items)
    for item in items:
        if item.name == "splněno":
            item.name, item.completion = "hotovo", 90
    db.write(save_state_items, items)
    db.write(lambda s: setattr(s.get(Plan, small.plan), "weighted_rollup", True))
    after = [(r.code, r.state_name, r.completion, r.behind) for r in db.read(plan_tree, small.plan, 2024)]
    assert after == before
    assert ("1.1.1", "splněno", 100, False) in after


def test_a_fourth_level_of_actions_is_evaluated_instead_of_its_activity(db, small):
    from db.plan.models import Plan
    from db.plan.queries import plan_tree
    from db.plan.tree import add_node

    def four_levels(s):
        s.get(Plan, small.plan).level_names = "Priorita;Opatření;Aktivita;Akce"
        round_id = open_round(s, small.plan, 2025)
        save_grid_cell(s, round_id, small.a113, "evaluation", "Hodnoceno dřív, než měla akce.")
        first = add_node(s, small.plan, small.a113, None, "Sběr podkladů")
        second = add_node(s, small.plan, small.a113, None, "Tisk průvodce")
        save_grid_cell(s, round_id, first, "state", state_id(s, "splněno"))
        save_grid_cell(s, round_id, second, "completion", 40)
        return round_id
    round_id = db.write(four_levels)
    rows = {r.code: r for r in db.read(plan_tree, small.plan, 2025)}
    assert rows["1.1.3"].level_name == "Aktivita" and not rows["1.1.3"].is_activity
    assert rows["1.1.3.1"].level_name == "Akce" and rows["1.1.3"].completion == pytest.approx(70)
    with pytest.raises(UserError, match="není aktivita"):
        db.write(save_grid_cell, round_id, small.a113, "completion", 10)
    db.write(close_round, round_id, "novakova")
    codes = [r.code for r in db.read(monitoring_grid, small.plan, 2025)]
    assert "1.1.3" not in codes and {"1.1.3.1", "1.1.3.2"} <= set(codes)
