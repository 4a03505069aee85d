"""Bulk loading of one plan's tree facts in a handful of queries (a 500-activity plan in milliseconds).

The tree, the monitoring grid, the summary and the exchange all need the same facts: nodes with their
codes and levels, which nodes are activities, the state list, the funding sources and planned costs.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.plan.models import ActivityState, FundingSource, Plan, PlanNode, PlannedCost
from db.plan.tree import ACTIVITY_LEVEL, NodeShape, children_map, level_names, walk


@dataclass(frozen=True)
class StateInfo:
    id: int
    name: str
    completion: int
    in_rollup: bool
    finished: bool
    color: str


@dataclass(frozen=True)
class SourceInfo:
    id: int
    name: str
    active: bool


@dataclass
class NodeFacts:
    id: int
    parent_id: int | None
    position: int
    uid: str
    title: str
    working_group_id: int | None
    responsible_provider_id: int | None
    responsible_text: str
    year_from: int | None
    year_to: int | None
    state_id: int | None
    carried_over: bool
    code: str = ""
    level: int = 0
    is_activity: bool = False


@dataclass
class PlanFacts:
    plan: Plan
    nodes: dict[int, NodeFacts]
    order: list[int]  # node ids in tree order
    children: dict[int | None, list[int]]
    states: dict[int, StateInfo]
    sources: list[SourceInfo]
    # node id → year → source id → Kč
    costs: dict[int, dict[int, dict[int, int]]] = field(default_factory=dict)

    @property
    def level_names(self) -> list[str]:
        return level_names(self.plan)

    def level_name(self, level: int) -> str:
        names = self.level_names
        return names[level - 1] if 0 < level <= len(names) else ""

    def activities(self) -> list[NodeFacts]:
        return [self.nodes[i] for i in self.order if self.nodes[i].is_activity]

    def term(self, node: NodeFacts) -> tuple[int, int]:
        """The node's years; an empty bound is the plan's."""
        return (node.year_from or self.plan.year_from, node.year_to or self.plan.year_to)

    def active_in(self, node: NodeFacts, year: int) -> bool:
        start, end = self.term(node)
        return start <= year <= end

    def planned(self, node_id: int, year: int | None = None) -> int:
        """Kč planned for the node itself in `year` (None = all years), all sources."""
        years = self.costs.get(node_id, {})
        if year is not None:
            return sum(years.get(year, {}).values())
        return sum(sum(by_source.values()) for by_source in years.values())

    def ancestors(self, node_id: int) -> list[NodeFacts]:
        """From the priority down to the parent."""
        chain = []
        parent = self.nodes[node_id].parent_id
        while parent is not None:
            chain.append(self.nodes[parent])
            parent = self.nodes[parent].parent_id
        return chain[::-1]

    def subtree_activities(self, node_id: int) -> list[int]:
        found, stack = [], [node_id]
        while stack:
            current = stack.pop()
            if self.nodes[current].is_activity:
                found.append(current)
            stack.extend(self.children.get(current, []))
        return found


def load_states(session: Session) -> dict[int, StateInfo]:
    rows = session.scalars(select(ActivityState).order_by(ActivityState.sort_order, ActivityState.id))
    return {s.id: StateInfo(s.id, s.name, s.completion, s.in_rollup, s.finished, s.color) for s in rows}


def load_sources(session: Session) -> list[SourceInfo]:
    rows = session.scalars(select(FundingSource).order_by(FundingSource.sort_order, FundingSource.id))
    return [SourceInfo(s.id, s.name, s.active) for s in rows]


def get_plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError("Plán nebyl nalezen (mezitím jej možná někdo smazal).")
    return plan


def load_facts(session: Session, plan_id: int, with_costs: bool = True) -> PlanFacts:
    plan = get_plan(session, plan_id)
    rows = session.execute(select(
        PlanNode.id, PlanNode.parent_id, PlanNode.position, PlanNode.uid, PlanNode.title,
        PlanNode.working_group_id, PlanNode.responsible_provider_id, PlanNode.responsible_text,
        PlanNode.year_from, PlanNode.year_to, PlanNode.state_id, PlanNode.carried_over,
    ).where(PlanNode.plan_id == plan_id))
    nodes = {row[0]: NodeFacts(*row) for row in rows}
    children = children_map([NodeShape(n.id, n.parent_id, n.position) for n in nodes.values()])
    order = []
    for node_id, code, level in walk(children):
        node = nodes[node_id]
        node.code, node.level = code, level
        node.is_activity = level >= ACTIVITY_LEVEL and not children.get(node_id)
        order.append(node_id)
    facts = PlanFacts(plan, nodes, order, children, load_states(session), load_sources(session))
    if with_costs:
        costs: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
        query = (select(PlannedCost.node_id, PlannedCost.year, PlannedCost.source_id, PlannedCost.amount)
                 .join(PlanNode, PlanNode.id == PlannedCost.node_id).where(PlanNode.plan_id == plan_id))
        for node_id, year, source_id, amount in session.execute(query):
            costs[node_id][year][source_id] = amount
        facts.costs = costs
    return facts
