"""A small plan built through the core API, shared by the plan's tests."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.plan.models import ActivityState, FundingSource, IndicatorDirection
from db.plan.records import IndicatorRecord, PlanRecord, load_node, save_node, save_plan
from db.plan.tree import add_node


@dataclass
class SmallPlan:
    plan: int
    p1: int
    m11: int
    a111: int
    a112: int
    a113: int
    m12: int  # a measure without activities
    p2: int
    m21: int
    a211: int


def state_id(session: Session, name: str) -> int:
    return session.scalar(select(ActivityState.id).where(ActivityState.name == name))


def source_id(session: Session, name: str) -> int:
    return session.scalar(select(FundingSource.id).where(FundingSource.name == name))


def set_costs(session: Session, node_id: int, costs: dict[int, dict[int, int]]) -> None:
    record = load_node(session, node_id)
    record.costs = costs
    save_node(session, record)


def build_small_plan(session: Session) -> SmallPlan:
    """Plan 2024–2026:
    1 Senioři → 1.1 Péče doma → 1.1.1 (100 000 Kč in 2024), 1.1.2 (300 000 Kč), 1.1.3 (no money);
                 1.2 Bydlení (no activities)
    2 Rodina → 2.1 Poradenství → 2.1.1 with an indicator (target 2024: 40 klientů, more is better)."""
    plan = save_plan(session, PlanRecord(name="Střednědobý plán Lipová 2024–2026", year_from=2024, year_to=2026))
    p1 = add_node(session, plan, None, None, "Senioři")
    m11 = add_node(session, plan, p1, None, "Péče doma")
    a111 = add_node(session, plan, m11, None, "Rozšířit pečovatelskou službu")
    a112 = add_node(session, plan, m11, None, "Zřídit odlehčovací službu")
    a113 = add_node(session, plan, m11, None, "Vydat průvodce pro pečující")
    m12 = add_node(session, plan, p1, None, "Bydlení")
    p2 = add_node(session, plan, None, None, "Rodina")
    m21 = add_node(session, plan, p2, None, "Poradenství")
    a211 = add_node(session, plan, m21, None, "Rodinná poradna")
    town = source_id(session, "rozpočet obce")
    region = source_id(session, "kraj")
    set_costs(session, a111, {2024: {town: 100_000}, 2025: {town: 120_000}})
    set_costs(session, a112, {2024: {town: 200_000, region: 100_000}})
    record = load_node(session, a211)
    record.indicators = [IndicatorRecord(name="Počet klientů", unit="klienti", baseline_value=30, baseline_year=2023,
                                         direction=IndicatorDirection.INCREASE, targets={2024: 40, 2025: 50})]
    record.costs = {2024: {town: 50_000}}
    save_node(session, record)
    return SmallPlan(plan, p1, m11, a111, a112, a113, m12, p2, m21, a211)
