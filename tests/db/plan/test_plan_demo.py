"""The demo plans: the 2024–2026 plan created from 2021–2023, with closed and open monitoring rounds."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from db.directory.demo import load_demo
from db.errors import UserError
from db.meetings.models import WorkingGroup
from db.plan.demo import load_plan_demo
from db.plan.models import PlanNode
from db.plan.monitoring import plan_rounds
from db.plan.queries import funding_summary, plan_tree
from db.plan.records import load_node


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from db.database import open_database

    database = open_database(tmp_path_factory.mktemp("plan-demo") / "kp.sqlite")
    load_demo(database)
    database.write(lambda s: s.add(WorkingGroup(name="Pracovní skupina Senioři")))
    summary = load_plan_demo(database)
    yield database, summary
    database.close()


def test_demo_plan_shape(demo):
    db, summary = demo
    rows = db.read(plan_tree, summary.current_id)
    assert [sum(1 for r in rows if r.level == level) for level in (1, 2, 3)] == [4, 12, 35]
    assert [(r.year, r.closed) for r in db.read(plan_rounds, summary.current_id)] == [
        (2024, True), (2025, True), (2026, False)]
    assert [(r.year, r.closed) for r in db.read(plan_rounds, summary.previous_id)] == [
        (2021, True), (2022, True), (2023, True)]
    summary_money = db.read(funding_summary, summary.current_id)
    assert summary_money.plan.planned_total() > 0 and summary_money.closed_years == [2024, 2025]
    assert summary_money.plan.actual_total(2025) > 0


def test_demo_plan_was_created_from_the_previous_one(demo):
    db, summary = demo
    rows = db.read(plan_tree, summary.current_id)
    carried = {r.title for r in rows if r.carried_over}
    assert carried == {"Chráněné bydlení pro osoby s mentálním postižením", "Nízkoprahový klub pro děti a mládež",
                       "Sociálně terapeutická dílna – nové obory", "Sociální byty města",
                       "Zřízení odlehčovací služby v Lipové"}
    node = db.read(load_node, next(r.id for r in rows if r.title == "Sociální byty města"))
    assert node.origin.startswith("4.1.2 Sociální byty města")
    origins = db.read(lambda s: s.scalars(select(PlanNode.origin_node_id).where(
        PlanNode.plan_id == summary.current_id, PlanNode.origin_node_id.is_not(None))).all())
    assert len(origins) >= 4 + 5  # priorities, kept measures and the carried activities


def test_demo_links_existing_working_groups_and_directory(demo):
    db, summary = demo
    rows = db.read(plan_tree, summary.current_id)
    assert {r.working_group for r in rows if r.code.startswith("1")} == {"Pracovní skupina Senioři"}
    assert {r.working_group for r in rows if r.code.startswith("2")} == {""}
    assert all(r.responsible_provider_id for r in rows if r.is_activity)
    history = db.read(load_node, next(r.id for r in rows if r.title == "Sociální byty města")).history
    assert history[0].at.year == 2024 and history[0].by == "ukázková data"


def test_demo_refuses_a_database_with_plans(demo):
    db, _ = demo
    with pytest.raises(UserError, match="už jsou plány"):
        load_plan_demo(db)
