"""Plan and node records: validation with Czech messages naming the field, saving the editor's tabs."""
from __future__ import annotations

import pytest

from db.errors import ValidationError
from db.plan.queries import TreeFilter, funding_summary, list_plans, plan_tree, visible_nodes
from db.plan.records import PartnerRecord, PlanRecord, load_node, load_plan, save_node, save_plan
from tests.db.plan.plan_builders import build_small_plan, source_id


@pytest.fixture
def small(db):
    return db.write(build_small_plan)


def test_plan_validation_names_the_field(db):
    with pytest.raises(ValidationError) as caught:
        db.write(save_plan, PlanRecord(name="", year_from=2024, year_to=2040, level_names=["A", ""]))
    fields = {f for f, _ in caught.value.problems}
    assert fields == {"Název", "Do roku", "Názvy úrovní"}


def test_shrinking_the_period_below_existing_costs_is_refused(db, small):
    record = db.read(load_plan, small.plan)
    record.year_from = 2025
    with pytest.raises(ValidationError, match="2024"):
        db.write(save_plan, record)


def test_node_record_round_trip_and_validation(db, small):
    record = db.read(load_node, small.a111)
    assert (record.code, record.level_name) == ("1.1.1", "Aktivita")
    record.partners = [PartnerRecord(name="Město Lipová"), PartnerRecord(name="  ")]
    record.description = "Dva noví pracovníci."
    record.year_from, record.year_to = 2024, 2025
    db.write(save_node, record)
    again = db.read(load_node, small.a111)
    assert [p.name for p in again.partners] == ["Město Lipová"]
    assert again.cost_total() == 220_000 and again.cost_total(2025) == 120_000
    again.year_to = 2024  # the 2025 cost would fall outside the activity's years
    again.title = ""
    with pytest.raises(ValidationError) as caught:
        db.write(save_node, again)
    assert {f for f, _ in caught.value.problems} == {"Název", "Financování"}


def test_funding_summary_per_plan_and_priority(db, small):
    summary = db.read(funding_summary, small.plan)
    town, region = db.read(source_id, "rozpočet obce"), db.read(source_id, "kraj")
    assert summary.years == [2024, 2025, 2026]
    assert summary.plan.planned_total() == 570_000
    assert summary.plan.planned_total(2024, town) == 350_000 and summary.plan.planned_total(2024, region) == 100_000
    assert [(b.code, b.planned_total()) for b in summary.priorities] == [("1", 520_000), ("2", 50_000)]
    assert sum(b.planned_total() for b in summary.priorities) == summary.plan.planned_total()
    assert summary.closed_years == []


def test_filters_keep_matching_activities_with_their_ancestors(db, small):
    record = db.read(load_node, small.a112)
    record.responsible_text = "Charita Lipová"
    db.write(save_node, record)
    rows = db.read(plan_tree, small.plan)
    assert visible_nodes(rows, TreeFilter(responsible="charita")) == {small.p1, small.m11, small.a112}
    assert visible_nodes(rows, TreeFilter()) == {r.id for r in rows}
    assert [p.name for p in db.read(list_plans)] == ["Střednědobý plán Lipová 2024–2026"]


def test_texts_longer_than_the_database_takes_are_refused(db, small):
    record = db.read(load_node, small.a111)
    record.partners = [PartnerRecord(name="Spolek " * 60)]
    with pytest.raises(ValidationError) as caught:
        db.write(save_node, record)
    assert [field for field, _ in caught.value.problems] == ["Partneři"]
