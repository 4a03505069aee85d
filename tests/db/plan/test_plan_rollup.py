"""Roll-up to measures and priorities: plain and cost-weighted, childless nodes, cancelled activities."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from db.plan.models import Plan
from db.plan.monitoring import open_round, round_report, save_grid_cell
from db.plan.queries import plan_tree
from db.plan.rollup import RollupItem, rollup
from tests.db.plan.plan_builders import build_small_plan, state_id

items = st.lists(st.builds(RollupItem, st.one_of(st.none(), st.integers(0, 100)), st.integers(0, 10**9),
                           st.booleans()), max_size=12)


@given(items, st.booleans())
def test_rollup_stays_between_the_counted_values(values, weighted):
    result = rollup(values, weighted)
    counted = [v.completion for v in values if v.in_rollup and v.completion is not None]
    if not counted:
        assert result is None
    else:
        assert min(counted) - 1e-9 <= result <= max(counted) + 1e-9


@given(items, st.integers(0, 100), st.integers(0, 10**9))
def test_an_item_outside_the_rollup_changes_nothing(values, completion, weight):
    cancelled = RollupItem(completion, weight, in_rollup=False)
    assert rollup([*values, cancelled]) == rollup(values)
    assert rollup([*values, cancelled], weighted=True) == rollup(values, weighted=True)


def test_plain_and_weighted_means():
    values = [RollupItem(100, 100_000), RollupItem(0, 300_000)]
    assert rollup(values) == 50
    assert rollup(values, weighted=True) == 25
    assert rollup([]) is None
    # Nothing planned anywhere: the weighted mean falls back to the plain one.
    assert rollup([RollupItem(100, 0), RollupItem(50, 0)], weighted=True) == 75


@pytest.fixture
def evaluated(db):
    """2024: 1.1.1 splněno (100 %, 100 000 Kč), 1.1.2 nezahájeno (0 %, 300 000 Kč), 1.1.3 zrušeno,
    2.1.1 probíhá with 80 % typed."""
    small = db.write(build_small_plan)

    def evaluate(s):
        round_id = open_round(s, small.plan, 2024)
        save_grid_cell(s, round_id, small.a111, "state", state_id(s, "splněno"))
        save_grid_cell(s, round_id, small.a112, "state", state_id(s, "nezahájeno"))
        save_grid_cell(s, round_id, small.a113, "state", state_id(s, "zrušeno"))
        save_grid_cell(s, round_id, small.a211, "state", state_id(s, "probíhá"))
        save_grid_cell(s, round_id, small.a211, "completion", "80")
    db.write(evaluate)
    return small


def by_id(db, plan_id, year=2024):
    return {row.id: row for row in db.read(plan_tree, plan_id, year)}


def test_tree_rollup_plain_leaves_out_cancelled_and_childless(db, evaluated):
    rows = by_id(db, evaluated.plan)
    assert rows[evaluated.m11].completion == pytest.approx(50)  # (100 + 0) / 2, zrušeno left out
    assert rows[evaluated.m12].completion is None  # a measure without activities
    assert rows[evaluated.p1].completion == pytest.approx(50)  # 1.2 has nothing to count
    assert rows[evaluated.p2].completion == pytest.approx(80)
    assert rows[evaluated.a111].completion == 100 and rows[evaluated.a211].completion == 80
    assert rows[evaluated.m11].state_counts == {"splněno": 1, "nezahájeno": 1, "zrušeno": 1}
    assert rows[evaluated.p1].state_counts == {"splněno": 1, "nezahájeno": 1, "zrušeno": 1}


def test_tree_rollup_weighted_by_planned_cost_of_the_year(db, evaluated):
    db.write(lambda s: setattr(s.get(Plan, evaluated.plan), "weighted_rollup", True))
    rows = by_id(db, evaluated.plan)
    assert rows[evaluated.m11].completion == pytest.approx(25)  # 100 × 100 000 + 0 × 300 000
    assert rows[evaluated.m12].completion is None
    # Priority 1 weighs 400 000 Kč, priority 2 50 000 Kč.
    report = db.read(round_report, evaluated.plan, 2024)
    assert report.overall == pytest.approx((25 * 400_000 + 80 * 50_000) / 450_000)


def test_report_groups_roll_up_like_the_tree(db, evaluated):
    report = db.read(round_report, evaluated.plan, 2024)
    groups = {g.code: g for g in report.groups}
    assert groups["1.1"].rollup == pytest.approx(50)
    assert groups["2"].rollup == pytest.approx(80)
    assert report.overall == pytest.approx(65)
    assert report.state_counts == {"nezahájeno": 1, "probíhá": 1, "splněno": 1, "zrušeno": 1}


def test_behind_plan(db, evaluated):
    rows = by_id(db, evaluated.plan)
    # Expected after 2024 for a 2024–2026 activity: a third.
    assert rows[evaluated.a112].behind  # nezahájeno, 0 %
    assert not rows[evaluated.a111].behind and not rows[evaluated.a211].behind
    assert not rows[evaluated.a113].behind  # cancelled
    # An indicator below its target makes an activity behind plan.
    db.write(lambda s: save_grid_cell(s, open_round(s, evaluated.plan, 2024), evaluated.a211,
                                      f"actual:{_indicator(s, evaluated.a211)}", 35))
    assert by_id(db, evaluated.plan)[evaluated.a211].behind


def _indicator(session, node_id):
    from db.plan.records import load_node

    return load_node(session, node_id).indicators[0].id
