"""The plan as plain comparable values: what the Excel exchange writes, reads back and compares.

Export turns the database into these values and the values into cells; import turns cells into the same
values and compares them with the database's. One representation for both directions is what makes
export → import → export give the same file and an unchanged file import as "no changes".
References are kept as the texts the sheet shows (names of target groups, working groups, providers,
states and funding sources) and resolved to ids only when writing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.codelists import TargetGroup
from db.directory.models import Provider, Service
from db.meetings.models import WorkingGroup
from db.plan.facts import load_facts
from db.plan.models import Indicator, IndicatorDirection, NodePartner, NodeService, PlanNode, PlanState
from db.plan.monitoring import GridRow, monitoring_grid
from db.plan.queries import PLAN_STATE_LABELS
from db.plan.text import clean_line, clean_text
from db.plan.tree import level_names

DIRECTION_LABELS = {IndicatorDirection.INCREASE: "více je lépe", IndicatorDirection.DECREASE: "méně je lépe"}


@dataclass(frozen=True)
class PlanValues:
    uid: str
    name: str
    year_from: int
    year_to: int
    state: str  # "návrh" / "schválený" / "ukončený"
    adopted_by: str
    resolution_number: str
    resolution_date: dt.date | None
    vision: str
    introduction: str
    level_names: str  # "Priorita; Opatření; Aktivita"
    weighted_rollup: bool


@dataclass(frozen=True)
class NodeValues:
    uid: str
    parent_uid: str  # "" for a priority
    title: str
    description: str
    rationale: str
    target_groups: tuple[str, ...]
    working_group: str
    responsible: str  # a directory provider's exact name, or free text
    partners: tuple[str, ...]
    year_from: int | None
    year_to: int | None
    services: tuple[tuple[str, str], ...]  # (service key: identifikátor or "#id", note)


@dataclass(frozen=True)
class IndicatorValues:
    uid: str
    name: str
    unit: str
    baseline_value: float | None
    baseline_year: int | None
    direction: str  # "více je lépe" / "méně je lépe"
    targets: tuple[tuple[int, float], ...]  # (year, value), by year


@dataclass(frozen=True)
class MonitoringValues:
    state: str  # state name, "" = not evaluated
    completion: int | None
    evaluation: str
    reasons: str
    corrective_action: str
    spent: tuple[tuple[str, int], ...]  # (source name, Kč), in source order
    actuals: tuple[tuple[str, float], ...]  # (indicator name, value), in indicator order


@dataclass
class PlanValuesSet:
    """A whole plan (or the part of it a file carries), keyed by node uid, nodes in tree order."""

    plan: PlanValues
    nodes: list[NodeValues]
    codes: dict[str, str] = field(default_factory=dict)  # uid → code (informational in the sheets)
    activities: set[str] = field(default_factory=set)  # uids of activities
    costs: dict[str, dict[tuple[int, str], int]] = field(default_factory=dict)  # uid → (year, source) → Kč
    indicators: dict[str, list[IndicatorValues]] = field(default_factory=dict)
    # year → uid → values; `closed_years` lists the rounds that are frozen.
    monitoring: dict[int, dict[str, MonitoringValues]] = field(default_factory=dict)
    closed_years: set[int] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)  # funding source names, list order
    grid: dict[int, list[GridRow]] = field(default_factory=dict)  # year → the exported monitoring rows


def text(value: str | None) -> str:
    """A one-line text as stored and as the importer reads its cell (db/plan/text.py)."""
    return clean_line(value)


def block(value: str | None) -> str:
    """A longer text with its line breaks, as stored and as the importer reads its cell."""
    return clean_text(value)


def service_key(service: Service) -> str:
    """How a sheet names a directory service: its register identifikátor, else "#" and our id."""
    return service.registry_id or f"#{service.id}"


def number(value: float | None) -> float | None:
    """Whole numbers as int, so that a cell reads back as it was written."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def current_values(session: Session, plan_id: int, node_ids: set[int] | None = None) -> PlanValuesSet:
    """The plan as it is stored; `node_ids` limits the nodes (a working group's part)."""
    facts = load_facts(session, plan_id)
    plan = facts.plan
    values = PlanValues(plan.uid, text(plan.name), plan.year_from, plan.year_to, PLAN_STATE_LABELS[plan.state],
                        text(plan.adopted_by), text(plan.resolution_number), plan.resolution_date, block(plan.vision),
                        block(plan.introduction), "; ".join(level_names(plan)), plan.weighted_rollup)
    wanted = [i for i in facts.order if node_ids is None or i in node_ids]
    records = {n.id: n for n in session.scalars(
        select(PlanNode).where(PlanNode.plan_id == plan_id).options(
            selectinload(PlanNode.target_groups), selectinload(PlanNode.working_group),
            selectinload(PlanNode.responsible_provider),
            selectinload(PlanNode.partners).joinedload(NodePartner.provider),
            selectinload(PlanNode.services).joinedload(NodeService.service),
            selectinload(PlanNode.indicators).selectinload(Indicator.targets)))}
    source_names = {s.id: s.name for s in facts.sources}
    result = PlanValuesSet(values, [], sources=[s.name for s in facts.sources])
    for node_id in wanted:
        node, shape = records[node_id], facts.nodes[node_id]
        parent_uid = facts.nodes[shape.parent_id].uid if shape.parent_id is not None else ""
        result.nodes.append(NodeValues(
            uid=node.uid, parent_uid=parent_uid, title=text(node.title), description=block(node.description),
            rationale=block(node.rationale), target_groups=tuple(g.name for g in node.target_groups),
            working_group=node.working_group.name if node.working_group else "",
            responsible=text(node.responsible_provider.name if node.responsible_provider else node.responsible_text),
            partners=tuple(text(p.provider.name if p.provider else p.name) for p in node.partners),
            year_from=node.year_from, year_to=node.year_to,
            services=tuple((service_key(s.service), text(s.note)) for s in node.services)))
        result.codes[node.uid] = shape.code
        if shape.is_activity:
            result.activities.add(node.uid)
        result.costs[node.uid] = {(year, source_names[source_id]): amount
                                  for year, by_source in facts.costs.get(node_id, {}).items()
                                  for source_id, amount in by_source.items() if amount}
        result.indicators[node.uid] = [
            IndicatorValues(i.uid, text(i.name), text(i.unit), number(i.baseline_value), i.baseline_year,
                            DIRECTION_LABELS[i.direction], tuple((t.year, number(t.value)) for t in i.targets))
            for i in node.indicators]
    uids = {n.uid for n in result.nodes}
    for monitoring_round in sorted(plan.rounds, key=lambda r: r.year):
        year = monitoring_round.year
        rows = monitoring_grid(session, plan_id, year)
        if monitoring_round.closed:
            result.closed_years.add(year)
        by_uid = {}
        # A deleted activity (only in a closed round) or one outside the exported part is left out.
        rows = [row for row in rows if row.uid and row.uid in uids]
        result.grid[year] = rows
        for row in rows:
            by_uid[row.uid] = MonitoringValues(
                row.state_name if row.state_id or monitoring_round.closed else "", row.completion,
                block(row.evaluation), block(row.reasons), block(row.corrective_action),
                tuple((source_names[s], amount) for s, amount in sorted(row.spent.items(), key=_source_order(facts))),
                tuple((text(i.name), number(i.actual)) for i in row.indicators if i.actual is not None))
        result.monitoring[year] = by_uid
    return result


def _source_order(facts):
    order = {s.id: index for index, s in enumerate(facts.sources)}
    return lambda item: order.get(item[0], len(order))


def reference_names(session: Session) -> dict[str, dict[str, int]]:
    """Names the sheets may use → ids: target groups, working groups, providers (unique names only)."""
    providers: dict[str, list[int]] = {}
    for provider_id, name in session.execute(select(Provider.id, Provider.name)):
        providers.setdefault(name, []).append(provider_id)
    return {
        "target_groups": dict((n, i) for i, n in session.execute(select(TargetGroup.id, TargetGroup.name))),
        "working_groups": dict((n, i) for i, n in session.execute(select(WorkingGroup.id, WorkingGroup.name))),
        "providers": {name: ids[0] for name, ids in providers.items() if len(ids) == 1},
    }


def service_ids(session: Session) -> dict[str, int]:
    """Service key (identifikátor or "#id") → service id."""
    found = {}
    for service_id, registry_id in session.execute(select(Service.id, Service.registry_id)):
        found[f"#{service_id}"] = service_id
        if registry_id:
            found[registry_id] = service_id
    return found


def service_labels(session: Session) -> dict[str, str]:
    """Service key → "Name (Provider)" for the sheet."""
    rows = session.execute(select(Service.id, Service.registry_id, Service.name, Provider.name)
                           .join(Provider, Provider.id == Service.provider_id))
    return {registry_id or f"#{service_id}": f"{name} ({provider})" for service_id, registry_id, name, provider in rows}


def plan_state(label: str) -> PlanState | None:
    return next((state for state, text in PLAN_STATE_LABELS.items() if text == label), None)


def direction(label: str) -> IndicatorDirection | None:
    return next((d for d, text in DIRECTION_LABELS.items() if text == label), None)
