"""Questions the plan tab asks: the list of plans, the tree with roll-ups, filters, the funding summary."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.collation import czech_key, fold
from db.directory.models import Provider
from db.meetings.models import WorkingGroup
from db.plan.facts import PlanFacts, load_facts
from db.plan.models import (
    Evaluation, Indicator, IndicatorActual, IndicatorDirection, IndicatorTarget, MonitoringRound, Plan, PlanNode,
    PlanState, Spending, plan_node_target_group,
)
from db.plan.rollup import NOT_EVALUATED, RollupItem, effective_completion, indicator_missed, is_behind, rollup_tree

PLAN_STATE_LABELS = {PlanState.DRAFT: "návrh", PlanState.APPROVED: "schválený", PlanState.CLOSED: "ukončený"}


@dataclass
class PlanSummary:
    id: int
    name: str
    year_from: int
    year_to: int
    state: PlanState
    activities: int

    @property
    def state_label(self) -> str:
        return PLAN_STATE_LABELS[self.state]

    @property
    def period(self) -> str:
        return f"{self.year_from}–{self.year_to}"


def list_plans(session: Session) -> list[PlanSummary]:
    """All plans, the newest period first, each with its number of nodes at the activity level or deeper."""
    plans = session.execute(select(Plan.id, Plan.name, Plan.year_from, Plan.year_to, Plan.state)
                            .order_by(Plan.year_from.desc(), Plan.id.desc())).all()
    result = []
    for plan_id, name, year_from, year_to, state in plans:
        facts = load_facts(session, plan_id, with_costs=False)
        result.append(PlanSummary(plan_id, name, year_from, year_to, state, len(facts.activities())))
    return result


@dataclass
class TreeRow:
    """One node of the tree as the tab shows it. Completion in %: the activity's own in the year, or the
    roll-up of a priority or measure (None = no children / nothing evaluated)."""

    id: int
    parent_id: int | None
    uid: str
    code: str
    title: str
    level: int
    level_name: str
    is_activity: bool
    state_id: int | None
    state_name: str
    state_color: str
    completion: float | None
    state_counts: dict[str, int]
    working_group_id: int | None
    working_group: str
    responsible_provider_id: int | None
    responsible: str
    target_group_ids: tuple[int, ...]
    year_from: int | None
    year_to: int | None
    planned_total: int  # Kč of the node and everything below it, whole period
    behind: bool
    carried_over: bool


@dataclass
class TreeFilter:
    """The tab's filters; empty fields do not filter. `responsible` is a piece of the responsible
    party's name (any case and accents), `state_id` the activity's state in the shown year."""

    working_group_id: int | None = None
    target_group_id: int | None = None
    responsible: str = ""
    state_id: int | None = None
    behind_only: bool = False

    @property
    def active(self) -> bool:
        return bool(self.working_group_id or self.target_group_id or self.responsible.strip()
                    or self.state_id or self.behind_only)


@dataclass(frozen=True)
class _YearValue:
    """An activity's line in one year's round, as the tree shows it."""

    state_id: int | None
    state_name: str
    state_color: str
    completion: int | None
    in_rollup: bool
    behind: bool
    weight: int  # Kč planned for the year


def _year_values(session: Session, facts: PlanFacts, year: int | None) -> tuple[dict[int, _YearValue], bool]:
    """Activity id → its line in the round of `year`, and whether roll-ups are cost-weighted. A closed
    round answers from what it froze (state names, completion, planned money, the weighting choice)."""
    weighted = facts.plan.weighted_rollup
    found = session.scalar(select(MonitoringRound).where(MonitoringRound.plan_id == facts.plan.id,
                                                         MonitoringRound.year == year)) if year else None
    if found is None:
        return {}, weighted
    evaluations = session.scalars(select(Evaluation).where(Evaluation.round_id == found.id)).all()
    if found.closed:
        if found.weighted_rollup is not None:
            weighted = found.weighted_rollup
        return {e.node_id: _YearValue(e.state_id, e.snapshot_state, e.snapshot_color, e.completion,
                                      e.snapshot_in_rollup is not False, bool(e.snapshot_behind),
                                      e.snapshot_planned or 0)
                for e in evaluations if e.node_id in facts.nodes}, weighted
    missed: Counter = Counter()
    actual_rows = session.execute(
        select(Evaluation.node_id, IndicatorActual.value, IndicatorTarget.value, Indicator.direction)
        .join(IndicatorActual, IndicatorActual.evaluation_id == Evaluation.id)
        .join(Indicator, Indicator.id == IndicatorActual.indicator_id)
        .join(IndicatorTarget, (IndicatorTarget.indicator_id == Indicator.id) & (IndicatorTarget.year == year))
        .where(Evaluation.round_id == found.id))
    for node_id, actual, target, direction in actual_rows:
        if indicator_missed(actual, target, direction is IndicatorDirection.INCREASE):
            missed[node_id] += 1
    result = {}
    for evaluation in evaluations:
        node = facts.nodes.get(evaluation.node_id)
        if node is None:
            continue
        state = facts.states.get(evaluation.state_id) if evaluation.state_id else None
        completion = effective_completion(evaluation.completion, state.completion if state else None)
        in_rollup = state.in_rollup if state else True
        start, end = facts.term(node)
        result[node.id] = _YearValue(
            state.id if state else None, state.name if state else "", state.color if state else "", completion,
            in_rollup, is_behind(completion, in_rollup, year, start, end, missed[node.id]),
            facts.planned(node.id, year))
    return result, weighted


def latest_round_year(session: Session, plan_id: int) -> int | None:
    return session.scalar(select(func.max(MonitoringRound.year)).where(MonitoringRound.plan_id == plan_id))


def plan_tree(session: Session, plan_id: int, year: int | None = None) -> list[TreeRow]:
    """The whole tree in tree order with codes, level names, the state and completion of each activity in
    `year` (None = the latest monitoring year) and roll-ups of the nodes above, weighted by planned cost
    of the year when the plan says so. A closed year shows what its round froze. Raises UserError for an
    unknown plan."""
    facts = load_facts(session, plan_id)
    year = year if year is not None else latest_round_year(session, plan_id)
    values, weighted = _year_values(session, facts, year)
    groups = dict(session.execute(select(WorkingGroup.id, WorkingGroup.name)).all())
    providers = dict(session.execute(
        select(Provider.id, Provider.name).join(PlanNode, PlanNode.responsible_provider_id == Provider.id)
        .where(PlanNode.plan_id == plan_id)).all())
    target_groups: dict[int, list[int]] = defaultdict(list)
    for node_id, group_id in session.execute(
            select(plan_node_target_group.c.node_id, plan_node_target_group.c.target_group_id)
            .join(PlanNode, PlanNode.id == plan_node_target_group.c.node_id).where(PlanNode.plan_id == plan_id)):
        target_groups[node_id].append(group_id)
    empty = _YearValue(None, "", "", None, True, False, 0)
    leaves = {}
    for node in facts.activities():
        value = values.get(node.id, empty)
        leaves[node.id] = RollupItem(value.completion, value.weight, value.in_rollup)
    completions = rollup_tree(facts.order, facts.children, leaves, weighted)
    subtree_cost: dict[int, int] = {}
    counts: dict[int, Counter] = {}
    for node_id in reversed(facts.order):
        kids = facts.children.get(node_id, [])
        subtree_cost[node_id] = facts.planned(node_id) + sum(subtree_cost[k] for k in kids)
        counts[node_id] = Counter()
        if facts.nodes[node_id].is_activity:
            counts[node_id][values.get(node_id, empty).state_name or NOT_EVALUATED] += 1
        for kid in kids:
            counts[node_id].update(counts[kid])
    rows = []
    for node_id in facts.order:
        node = facts.nodes[node_id]
        value = values.get(node_id, empty) if node.is_activity else empty
        rows.append(TreeRow(
            id=node_id, parent_id=node.parent_id, uid=node.uid, code=node.code, title=node.title, level=node.level,
            level_name=facts.level_name(node.level), is_activity=node.is_activity,
            state_id=value.state_id, state_name=value.state_name, state_color=value.state_color,
            completion=value.completion if node.is_activity else completions.get(node_id),
            state_counts=dict(counts[node_id]), working_group_id=node.working_group_id,
            working_group=groups.get(node.working_group_id, "") if node.working_group_id else "",
            responsible_provider_id=node.responsible_provider_id,
            responsible=providers.get(node.responsible_provider_id) or node.responsible_text,
            target_group_ids=tuple(target_groups.get(node_id, ())), year_from=node.year_from, year_to=node.year_to,
            planned_total=subtree_cost[node_id], behind=value.behind, carried_over=node.carried_over))
    return rows


def visible_nodes(rows: list[TreeRow], tree_filter: TreeFilter) -> set[int]:
    """Ids of the rows a filter keeps: matching activities with all their ancestors, so the tree still
    reads as a tree. A working group, target group or responsible party set on a priority or measure
    applies to everything below it. No filter → every row."""
    if not tree_filter.active:
        return {row.id for row in rows}
    by_id = {row.id: row for row in rows}
    needle = fold(tree_filter.responsible.strip())

    def inherited(row: TreeRow, test) -> bool:
        current: TreeRow | None = row
        while current is not None:
            if test(current):
                return True
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
        return False

    keep: set[int] = set()
    for row in rows:
        if not row.is_activity:
            continue
        if tree_filter.working_group_id and not inherited(row, lambda r: r.working_group_id == tree_filter.working_group_id):
            continue
        if tree_filter.target_group_id and not inherited(row, lambda r: tree_filter.target_group_id in r.target_group_ids):
            continue
        if needle and not inherited(row, lambda r: needle in fold(r.responsible)):
            continue
        if tree_filter.state_id and row.state_id != tree_filter.state_id:
            continue
        if tree_filter.behind_only and not row.behind:
            continue
        current: TreeRow | None = row
        while current is not None and current.id not in keep:
            keep.add(current.id)
            current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return keep


# -- funding summary ------------------------------------------------------------------------------
Grid = dict[int, dict[int, int]]  # year → source id → Kč


@dataclass
class FundingBlock:
    """Planned (every year) and actually spent (closed monitoring years only) money, year × source, Kč."""

    code: str
    title: str
    planned: Grid = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    actual: Grid = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def planned_total(self, year: int | None = None, source_id: int | None = None) -> int:
        return _total(self.planned, year, source_id)

    def actual_total(self, year: int | None = None, source_id: int | None = None) -> int:
        return _total(self.actual, year, source_id)


def _total(grid: Grid, year: int | None, source_id: int | None) -> int:
    years = [year] if year is not None else list(grid)
    return sum(amount for y in years for s, amount in grid.get(y, {}).items() if source_id in (None, s))


@dataclass
class FundingSummary:
    years: list[int]
    sources: list[tuple[int, str]]  # (id, name) of the sources used or active, in list order
    closed_years: list[int]
    plan: FundingBlock
    priorities: list[FundingBlock]


def funding_summary(session: Session, plan_id: int) -> FundingSummary:
    """Planned cost by year and source for the whole plan and per priority, with the money actually spent
    in the years whose monitoring round is closed (from the frozen round; an activity deleted since still
    counts in the plan's total). Totals via FundingBlock.planned_total / actual_total."""
    facts = load_facts(session, plan_id)
    plan_block = FundingBlock("", facts.plan.name)
    blocks: dict[int, FundingBlock] = {}
    priority_of: dict[int, int] = {}
    for node_id in facts.order:
        node = facts.nodes[node_id]
        top = node_id if node.parent_id is None else priority_of[node.parent_id]
        priority_of[node_id] = top
        if node.parent_id is None:
            blocks[node_id] = FundingBlock(node.code, node.title)
        for year, by_source in facts.costs.get(node_id, {}).items():
            for source_id, amount in by_source.items():
                blocks[top].planned[year][source_id] += amount
                plan_block.planned[year][source_id] += amount
    closed = session.execute(select(MonitoringRound.id, MonitoringRound.year).where(
        MonitoringRound.plan_id == plan_id, MonitoringRound.closed.is_(True))).all()
    round_years = dict(closed)
    if round_years:
        spent = session.execute(select(Evaluation.round_id, Evaluation.node_id, Spending.source_id, Spending.amount)
                                .join(Spending, Spending.evaluation_id == Evaluation.id)
                                .where(Evaluation.round_id.in_(list(round_years))))
        for round_id, node_id, source_id, amount in spent:
            year = round_years[round_id]
            plan_block.actual[year][source_id] += amount
            if node_id in priority_of:
                blocks[priority_of[node_id]].actual[year][source_id] += amount
    used = {s for block in (plan_block,) for grid in (block.planned, block.actual) for y in grid for s in grid[y]}
    sources = [(s.id, s.name) for s in facts.sources if s.active or s.id in used]
    years = list(range(facts.plan.year_from, facts.plan.year_to + 1))
    years += sorted(y for y in plan_block.planned if y not in years)
    return FundingSummary(years, sources, sorted(round_years.values()), plan_block, list(blocks.values()))


def plan_working_groups(session: Session) -> list[tuple[int, str]]:
    """Working groups a node can belong to, in Czech order (the meetings tab keeps them)."""
    rows = session.execute(select(WorkingGroup.id, WorkingGroup.name)).all()
    return sorted(((i, n) for i, n in rows), key=lambda r: czech_key(r[1]))
