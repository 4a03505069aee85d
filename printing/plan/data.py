"""What the plan documents print, read from the database into the plain records of printing/plan/model.py.

Codes and levels come from the plan's tree (db/plan/tree.py via db/plan/facts.py), roll-ups from
db/plan/rollup.py, so the documents number and compute exactly as the tab shows. A closed monitoring
round prints what it reported when it was closed (its snapshots), not the plan as edited since.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.plan.facts import PlanFacts, load_facts
from db.plan.models import IndicatorDirection, NodePartner, NodeService, PlanNode, PlanState
from db.plan.monitoring import code_key, find_round, round_report
from db.plan.rollup import NOT_EVALUATED
from db.settings import load_office
from printing.plan.model import (
    ActionGroup, ActionItem, ActionPlanInfo, ActivityResult, IndicatorInfo, IndicatorResult, MonitoringInfo,
    NodeInfo, PlanInfo, Publisher, ResultNode, StateInfo,
)

STATE_WORDS = {PlanState.DRAFT: "návrh", PlanState.APPROVED: "schválený", PlanState.CLOSED: "ukončený"}


def _publisher(session: Session) -> Publisher:
    office = load_office(session)
    return Publisher(office.town, office.department)


def _czech_date(day) -> str:
    return f"{day.day}. {day.month}. {day.year}"


def _years(start: int | None, end: int | None) -> str:
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    return str(start or end or "")


def _responsible(node: PlanNode) -> str:
    if node.responsible_provider is not None:
        return node.responsible_provider.name + (f" ({node.responsible_text})" if node.responsible_text else "")
    return node.responsible_text


def _partner(partner: NodePartner) -> str:
    return partner.provider.name if partner.provider is not None else partner.name


def _service(link: NodeService) -> str:
    return link.service.name + (f" ({link.note})" if link.note else "")


def _loaded_nodes(session: Session, plan_id: int) -> dict[int, PlanNode]:
    query = (select(PlanNode).where(PlanNode.plan_id == plan_id)
             .options(selectinload(PlanNode.partners).selectinload(NodePartner.provider),
                      selectinload(PlanNode.services).selectinload(NodeService.service),
                      selectinload(PlanNode.indicators), selectinload(PlanNode.target_groups),
                      selectinload(PlanNode.working_group), selectinload(PlanNode.responsible_provider)))
    return {node.id: node for node in session.scalars(query)}


def _adoption(facts: PlanFacts) -> str:
    plan = facts.plan
    if not (plan.adopted_by or plan.resolution_number):
        return ""
    text = "Schváleno"
    if plan.adopted_by:
        text += f": {plan.adopted_by}"
    if plan.resolution_number:
        text += f", usnesení č. {plan.resolution_number}"
    if plan.resolution_date:
        text += f" ze dne {_czech_date(plan.resolution_date)}"
    return text + "."


def plan_document_data(session: Session, plan_id: int) -> PlanInfo:
    """The strategic part of plan `plan_id` as printed. Raises UserError for an unknown plan."""
    facts = load_facts(session, plan_id)
    rows = _loaded_nodes(session, plan_id)
    source_names = {src.id: src.name for src in facts.sources}

    def node_info(node_id: int) -> NodeInfo:
        f, row = facts.nodes[node_id], rows[node_id]
        costs = {year: {source_names[src]: amount for src, amount in by_source.items()}
                 for year, by_source in facts.costs.get(node_id, {}).items()}
        indicators = tuple(IndicatorInfo(i.name, i.unit, i.baseline_value, i.baseline_year,
                                         i.direction == IndicatorDirection.INCREASE,
                                         {t.year: t.value for t in i.targets}) for i in row.indicators)
        return NodeInfo(
            code=f.code, level=f.level, level_name=facts.level_name(f.level), title=row.title,
            description=row.description, rationale=row.rationale, responsible=_responsible(row),
            partners=tuple(_partner(p) for p in row.partners), years=_years(row.year_from, row.year_to),
            working_group=row.working_group.name if row.working_group else "",
            target_groups=tuple(t.name for t in row.target_groups),
            services=tuple(_service(link) for link in row.services), costs=costs, indicators=indicators,
            carried_over=row.carried_over,
            children=tuple(node_info(kid) for kid in facts.children.get(node_id, [])))

    plan = facts.plan
    return PlanInfo(plan.name, plan.year_from, plan.year_to, STATE_WORDS[plan.state], _adoption(facts),
                    plan.vision, plan.introduction, tuple(src.name for src in facts.sources if src.active),
                    tuple(node_info(root) for root in facts.children.get(None, [])), _publisher(session))


def action_plan_data(session: Session, plan_id: int, year: int) -> ActionPlanInfo:
    """The activities of plan `plan_id` whose term includes `year`, grouped under their priority, with
    the year's planned costs by source (Kč) and indicator targets for the year."""
    facts = load_facts(session, plan_id)
    rows = _loaded_nodes(session, plan_id)
    source_names = {src.id: src.name for src in facts.sources}
    groups = []
    for root in facts.children.get(None, []):
        items = []
        for node_id in facts.order:
            node = facts.nodes[node_id]
            if not node.is_activity or not facts.active_in(node, year) or root not in _lineage(facts, node_id):
                continue
            row = rows[node_id]
            costs = {source_names[src]: amount
                     for src, amount in facts.costs.get(node_id, {}).get(year, {}).items() if amount}
            targets = tuple((i.name, i.unit, next((t.value for t in i.targets if t.year == year), None))
                            for i in row.indicators)
            items.append(ActionItem(node.code, row.title, _responsible(row),
                                    tuple(_partner(p) for p in row.partners), costs, targets, row.carried_over))
        root_facts = facts.nodes[root]
        groups.append(ActionGroup(root_facts.code, root_facts.title, 1, tuple(items)))
    plan = facts.plan
    return ActionPlanInfo(plan.name, plan.year_from, plan.year_to, year,
                          tuple(src.name for src in facts.sources), tuple(groups), _publisher(session))


def _lineage(facts: PlanFacts, node_id: int) -> set[int]:
    return {node_id, *(a.id for a in facts.ancestors(node_id))}


def monitoring_data(session: Session, plan_id: int, year: int) -> MonitoringInfo:
    """The evaluation of plan `plan_id` in `year`, from db/plan/monitoring.round_report: exactly the rows,
    roll-ups and counts the tab shows. A closed round prints what it froze on closing (codes, ancestors,
    planned money, indicator targets), whatever was edited in the plan since. Raises UserError for an
    unknown plan."""
    report = round_report(session, plan_id, year)
    facts = load_facts(session, plan_id, with_costs=False)
    source_names = {src.id: src.name for src in facts.sources}
    states = {st.name: StateInfo(st.name, st.color, st.completion) for st in facts.states.values()}
    responsible = _responsibles(session, [row.node_id for row in report.rows if row.node_id is not None])

    def activity(row) -> ActivityResult:
        state = None
        if row.state_name and row.state_name != NOT_EVALUATED:
            state = states.get(row.state_name, StateInfo(row.state_name, row.state_color or "#808080", 0))
        indicators = tuple(IndicatorResult(i.name, i.unit, i.target, i.actual, i.increase) for i in row.indicators)
        return ActivityResult(row.code, row.title, state, row.effective_completion, row.evaluation, row.reasons,
                              row.corrective_action, responsible.get(row.node_id, ""),
                              {source_names.get(k, "jiné"): v for k, v in row.planned.items() if v},
                              {source_names.get(k, "jiné"): v for k, v in row.spent.items() if v}, indicators)

    by_parent: dict[str, list] = {}
    for row in report.rows:
        by_parent.setdefault(row.path[-1][0] if row.path else "", []).append(activity(row))
    groups = sorted(report.groups, key=lambda g: code_key(g.code))

    def result_node(group) -> ResultNode:
        kids = [g for g in groups if g.level == group.level + 1 and g.code.rsplit(".", 1)[0] == group.code]
        return ResultNode(group.code, group.title, facts.level_name(group.level), group.rollup,
                          tuple(result_node(k) for k in kids), tuple(by_parent.get(group.code, [])))

    found = find_round(session, plan_id, year)
    note = ""
    if report.closed and found is not None and found.closed_at:
        note = f"Hodnocení roku uzavřeno {_czech_date(found.closed_at)}" + (
            f" ({found.closed_by})." if found.closed_by else ".")
    plan = facts.plan
    return MonitoringInfo(plan.name, plan.year_from, plan.year_to, year, report.closed, note, report.summary,
                          report.weighted, tuple(states.values()), tuple(src.name for src in facts.sources),
                          tuple(result_node(g) for g in groups if g.level == 1), _publisher(session))


def _responsibles(session: Session, node_ids: list[int]) -> dict[int, str]:
    query = (select(PlanNode).where(PlanNode.id.in_(node_ids))
             .options(selectinload(PlanNode.responsible_provider)))
    return {node.id: _responsible(node) for node in session.scalars(query)}
