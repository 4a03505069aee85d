""""Create the next plan from this one": the tree of priorities and measures, and the activities not
finished, copied into a new draft plan for the next period.

Each copy links to its origin (`origin_node_id`, `Plan.origin_plan_id`) and gets a new uid. An activity
is carried over when its current state is not a finished one (or it was never evaluated); it is marked
`carried_over`. Finished activities (splněno, nesplněno, zrušeno, …) stay behind in the old plan. The
copy keeps the activity's description, responsibility, partners, target groups, working group, service
links and indicators (with the last known actual value as the new baseline); costs, years, targets and
states belong to the old period and are not copied.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.errors import ValidationError
from db.plan.facts import PlanFacts, get_plan, load_facts
from db.plan.models import (
    Evaluation, Indicator, IndicatorActual, MonitoringRound, NodePartner, NodeService, Plan, PlanNode, PlanState,
)
from db.plan.records import PlanRecord, validate_plan
from db.plan.tree import ACTIVITY_LEVEL, level_names
from db.runtime import current_user


def carried_node_ids(facts: PlanFacts) -> set[int]:
    """Nodes to copy: every priority and measure, each unfinished activity, and an activity or action
    with an unfinished action below it."""
    keep: set[int] = set()
    for node_id in reversed(facts.order):
        node = facts.nodes[node_id]
        if node.level < ACTIVITY_LEVEL:
            keep.add(node_id)
        elif node.is_activity:
            state = facts.states.get(node.state_id) if node.state_id else None
            if state is None or not state.finished:
                keep.add(node_id)
        elif any(kid in keep for kid in facts.children.get(node_id, [])):
            keep.add(node_id)
    return keep


def _last_actuals(session: Session, plan_id: int) -> dict[int, tuple[float, int]]:
    """Indicator id → (value, year) of its latest known actual value."""
    rows = session.execute(
        select(IndicatorActual.indicator_id, IndicatorActual.value, MonitoringRound.year)
        .join(Evaluation, Evaluation.id == IndicatorActual.evaluation_id)
        .join(MonitoringRound, MonitoringRound.id == Evaluation.round_id)
        .where(MonitoringRound.plan_id == plan_id, IndicatorActual.value.is_not(None))
        .order_by(MonitoringRound.year))
    return {indicator_id: (value, year) for indicator_id, value, year in rows if indicator_id}


def create_next_plan(session: Session, plan_id: int, year_from: int, year_to: int, name: str) -> int:
    """A new draft plan for year_from–year_to copied from plan `plan_id`; returns its id.
    Raises ValidationError (name, years) or UserError (unknown plan)."""
    old = get_plan(session, plan_id)
    record = PlanRecord(name=name, year_from=year_from, year_to=year_to, level_names=level_names(old))
    problems = validate_plan(session, record)
    if problems:
        raise ValidationError(problems)
    user = current_user()
    new = Plan(name=name.strip(), year_from=year_from, year_to=year_to, state=PlanState.DRAFT, vision=old.vision,
               introduction="", level_names=old.level_names, weighted_rollup=old.weighted_rollup,
               origin_plan_id=old.id, changed_by=user)
    session.add(new)
    session.flush()
    facts = load_facts(session, plan_id, with_costs=False)
    keep = carried_node_ids(facts)
    originals = {n.id: n for n in session.scalars(
        select(PlanNode).where(PlanNode.plan_id == plan_id).options(
            selectinload(PlanNode.partners), selectinload(PlanNode.target_groups),
            selectinload(PlanNode.services), selectinload(PlanNode.indicators)))}
    last = _last_actuals(session, plan_id)
    copies: dict[int, PlanNode] = {}
    positions: dict[int | None, int] = {}
    for node_id in facts.order:
        if node_id not in keep:
            continue
        source, shape = originals[node_id], facts.nodes[node_id]
        parent = copies[shape.parent_id] if shape.parent_id is not None else None
        parent_key = parent.id if parent is not None else None
        position = positions.get(parent_key, 0)
        positions[parent_key] = position + 1
        copy = PlanNode(
            plan_id=new.id, parent_id=parent_key, position=position, title=source.title,
            description=source.description, rationale=source.rationale, working_group_id=source.working_group_id,
            responsible_provider_id=source.responsible_provider_id, responsible_text=source.responsible_text,
            origin_node_id=source.id, carried_over=shape.level >= ACTIVITY_LEVEL, changed_by=user,
            partners=[NodePartner(position=p.position, provider_id=p.provider_id, name=p.name) for p in source.partners],
            target_groups=list(source.target_groups),
            services=[NodeService(service_id=s.service_id, note=s.note) for s in source.services],
            indicators=[_indicator_copy(i, last.get(i.id)) for i in source.indicators])
        session.add(copy)
        session.flush()
        copies[node_id] = copy
    return new.id


def _indicator_copy(indicator: Indicator, last: tuple[float, int] | None) -> Indicator:
    baseline_value, baseline_year = last if last is not None else (indicator.baseline_value, indicator.baseline_year)
    return Indicator(position=indicator.position, name=indicator.name, unit=indicator.unit,
                     baseline_value=baseline_value, baseline_year=baseline_year, direction=indicator.direction)
