"""Plans and nodes as plain records for the editor: load, validate, save (one transaction each).

The editor edits a `PlanRecord` or a `NodeRecord` and hands it back; validation lives here and raises
ValidationError with (field label, Czech message) pairs, so nothing half-valid is saved.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.codelists import TargetGroup
from db.conflicts import Shape
from db.directory.models import Provider, Service
from db.errors import UserError, ValidationError
from db.meetings.models import WorkingGroup
from db.plan.facts import get_plan, load_states
from db.plan.models import (
    DEFAULT_LEVEL_NAMES, Evaluation, FundingSource, Indicator, IndicatorDirection, IndicatorTarget,
    MonitoringRound, NodePartner, NodeService, Plan, PlannedCost, PlanNode, PlanState,
)
from db.plan.rollup import effective_completion
from db.plan.text import clean_line, clean_text
from db.plan.tree import children_map, level_names, load_shapes, node_codes, walk
from db.runtime import current_user
from db.versioning import claim

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_PERIOD_YEARS = 10
MAX_AMOUNT = 10**13  # Kč


# -- plan ---------------------------------------------------------------------------------------
@dataclass
class PlanRecord:
    id: int | None = None
    uid: str = ""
    name: str = ""
    year_from: int = 0
    year_to: int = 0
    state: PlanState = PlanState.DRAFT
    adopted_by: str = ""
    resolution_number: str = ""
    resolution_date: dt.date | None = None
    vision: str = ""
    introduction: str = ""
    level_names: list[str] = field(default_factory=lambda: DEFAULT_LEVEL_NAMES.split(";"))
    weighted_rollup: bool = False
    origin_plan_id: int | None = None
    origin_plan_name: str = ""


def load_plan(session: Session, plan_id: int) -> PlanRecord:
    plan = get_plan(session, plan_id)
    origin = session.get(Plan, plan.origin_plan_id) if plan.origin_plan_id else None
    return PlanRecord(plan.id, plan.uid, plan.name, plan.year_from, plan.year_to, plan.state, plan.adopted_by,
                      plan.resolution_number, plan.resolution_date, plan.vision, plan.introduction,
                      level_names(plan), plan.weighted_rollup, plan.origin_plan_id, origin.name if origin else "")


def validate_plan(session: Session, record: PlanRecord) -> list[tuple[str, str]]:
    problems = []
    if not clean_line(record.name):
        problems.append(("Název", "Název plánu je povinný."))
    elif len(clean_line(record.name)) > 300:
        problems.append(("Název", "Název plánu je delší než 300 znaků."))
    for label, value, limit in (("Schválil", record.adopted_by, 200), ("Číslo usnesení", record.resolution_number, 100)):
        if len(clean_line(value)) > limit:
            problems.append((label, f"Text je delší než {limit} znaků."))
    years_valid = True
    for label, year in (("Od roku", record.year_from), ("Do roku", record.year_to)):
        if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            problems.append((label, f"Zadejte rok mezi {MIN_YEAR} a {MAX_YEAR}."))
            years_valid = False
    if years_valid and record.year_to < record.year_from:
        problems.append(("Do roku", "Období plánu končí dříve, než začíná."))
        years_valid = False
    elif years_valid and record.year_to - record.year_from + 1 > MAX_PERIOD_YEARS:
        problems.append(("Do roku", f"Plán může mít nejvýše {MAX_PERIOD_YEARS} let."))
        years_valid = False
    names = [n.strip() for n in record.level_names]
    if len(names) not in (3, 4) or not all(names):
        problems.append(("Názvy úrovní", "Plán má tři úrovně (priorita, opatření, aktivita), případně čtvrtou "
                                         "(akce); každá musí mít název."))
    elif any(";" in n for n in names):
        problems.append(("Názvy úrovní", "Název úrovně nesmí obsahovat středník."))
    elif record.id is not None and len(names) == 3 and _deepest_level(session, record.id) > 3:
        problems.append(("Názvy úrovní", "Čtvrtou úroveň nelze zrušit, dokud pod aktivitami jsou akce."))
    if record.id is not None and years_valid:
        outside = _years_outside(session, record.id, record.year_from, record.year_to)
        if outside:
            problems.append(("Období", "Mimo nové období by zůstaly údaje z let " + ", ".join(map(str, outside))
                             + " (náklady, roky aktivit nebo monitoring); upravte je nejprve."))
    return problems


def _deepest_level(session: Session, plan_id: int) -> int:
    return max((level for _, _, level in walk(children_map(load_shapes(session, plan_id)))), default=0)


def _years_outside(session: Session, plan_id: int, year_from: int, year_to: int) -> list[int]:
    years = set(session.scalars(select(PlannedCost.year).join(PlanNode).where(PlanNode.plan_id == plan_id)))
    years |= set(session.scalars(select(MonitoringRound.year).where(MonitoringRound.plan_id == plan_id)))
    for start, end in session.execute(select(PlanNode.year_from, PlanNode.year_to).where(PlanNode.plan_id == plan_id)):
        years.update(y for y in (start, end) if y is not None)
    return sorted(y for y in years if not year_from <= y <= year_to)


def save_plan(session: Session, record: PlanRecord) -> int:
    """Create (id None) or update a plan; returns its id. Raises ValidationError."""
    problems = validate_plan(session, record)
    if problems:
        raise ValidationError(problems)
    plan = Plan() if record.id is None else get_plan(session, record.id)
    plan.name = clean_line(record.name)
    plan.year_from, plan.year_to = record.year_from, record.year_to
    plan.state = record.state
    plan.adopted_by = clean_line(record.adopted_by)
    plan.resolution_number = clean_line(record.resolution_number)
    plan.resolution_date = record.resolution_date
    plan.vision, plan.introduction = clean_text(record.vision), clean_text(record.introduction)
    plan.level_names = ";".join(n.strip() for n in record.level_names)
    plan.weighted_rollup = record.weighted_rollup
    plan.changed_by, plan.changed_at = current_user(), now_to_the_second()
    if record.id is None:
        if record.uid:
            plan.uid = record.uid
        session.add(plan)
    session.flush()
    return plan.id


def delete_plan(session: Session, plan_id: int) -> None:
    """Delete a plan with its tree and monitoring; a later plan created from it only loses the link."""
    session.delete(get_plan(session, plan_id))
    session.flush()


# -- node ---------------------------------------------------------------------------------------
@dataclass
class PartnerRecord:
    provider_id: int | None = None
    name: str = ""  # free text, or the provider's name for display


@dataclass
class IndicatorRecord:
    id: int | None = None
    uid: str = ""
    name: str = ""
    unit: str = ""
    baseline_value: float | None = None
    baseline_year: int | None = None
    direction: IndicatorDirection = IndicatorDirection.INCREASE
    targets: dict[int, float] = field(default_factory=dict)  # year → target value


@dataclass
class ServiceLink:
    service_id: int
    note: str = ""
    label: str = ""  # "Service name (Provider)", for display only


@dataclass
class StateChangeRecord:
    at: dt.datetime
    by: str
    year: int | None
    old_state: str
    new_state: str


@dataclass
class MonitoringRecord:
    """The node's line of one monitoring year (read-only here; the grid edits it)."""

    year: int
    closed: bool
    state_name: str
    completion: int | None
    evaluation: str
    reasons: str
    corrective_action: str
    spent: dict[int, int]  # source id → Kč
    actuals: dict[int, float | None]  # indicator id → value


@dataclass
class NodeRecord:
    id: int | None = None
    plan_id: int = 0
    uid: str = ""
    parent_id: int | None = None
    code: str = ""
    level: int = 1
    level_name: str = ""
    title: str = ""
    description: str = ""
    rationale: str = ""
    working_group_id: int | None = None
    responsible_provider_id: int | None = None
    responsible_text: str = ""
    partners: list[PartnerRecord] = field(default_factory=list)
    target_group_ids: list[int] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    costs: dict[int, dict[int, int]] = field(default_factory=dict)  # year → source id → Kč
    indicators: list[IndicatorRecord] = field(default_factory=list)
    services: list[ServiceLink] = field(default_factory=list)
    # Read-only facts shown by the editor.
    state_id: int | None = None
    state_name: str = ""
    carried_over: bool = False
    origin: str = ""  # "2.1.3 Title (Plan name)" of the node it was copied from
    history: list[StateChangeRecord] = field(default_factory=list)
    monitoring: list[MonitoringRecord] = field(default_factory=list)
    changed_by: str = ""
    changed_at: dt.datetime | None = None
    # The stored version this record was loaded at (db/versioning.py); None = do not check.
    version: int | None = None

    def cost_total(self, year: int | None = None) -> int:
        return sum(a for y, by_source in self.costs.items() if year in (None, y) for a in by_source.values())


# How two versions of a node are compared (db/conflicts.py): indicators one by one; the node's place
# in the tree, its state (set by monitoring) and the facts shown beside are not the editor's to change.
NODE_SHAPE = Shape(
    parts={"indicators": Shape(ignore=frozenset({"uid"}))},
    ignore=frozenset({"plan_id", "uid", "parent_id", "code", "level", "level_name", "state_id", "state_name",
                      "carried_over", "origin", "history", "monitoring"}))


def _service_label(service: Service) -> str:
    return f"{service.name} ({service.provider.name})" if service.provider else service.name


def load_node(session: Session, node_id: int) -> NodeRecord:
    """Everything the node editor shows. Raises UserError for a deleted node."""
    node = session.scalar(select(PlanNode).where(PlanNode.id == node_id).options(
        selectinload(PlanNode.partners).joinedload(NodePartner.provider), selectinload(PlanNode.target_groups),
        selectinload(PlanNode.costs), selectinload(PlanNode.indicators).selectinload(Indicator.targets),
        selectinload(PlanNode.services).joinedload(NodeService.service).joinedload(Service.provider),
        selectinload(PlanNode.state_changes)))
    if node is None:
        raise UserError("Položka plánu nebyla nalezena (mezitím ji možná někdo smazal).")
    plan = node.plan
    codes = node_codes(session, plan.id)
    level = codes[node.id].count(".") + 1
    costs: dict[int, dict[int, int]] = {}
    for cost in node.costs:
        costs.setdefault(cost.year, {})[cost.source_id] = cost.amount
    origin = ""
    if node.origin_node_id:
        source = session.get(PlanNode, node.origin_node_id)
        if source is not None:
            origin = f"{node_codes(session, source.plan_id).get(source.id, '')} {source.title} ({source.plan.name})"
    names = level_names(plan)
    return NodeRecord(
        id=node.id, plan_id=plan.id, uid=node.uid, parent_id=node.parent_id, code=codes[node.id], level=level,
        level_name=names[level - 1] if level <= len(names) else "", title=node.title, description=node.description,
        rationale=node.rationale, working_group_id=node.working_group_id,
        responsible_provider_id=node.responsible_provider_id, responsible_text=node.responsible_text,
        partners=[PartnerRecord(p.provider_id, p.provider.name if p.provider else p.name) for p in node.partners],
        target_group_ids=[g.id for g in node.target_groups], year_from=node.year_from, year_to=node.year_to,
        costs=costs,
        indicators=[IndicatorRecord(i.id, i.uid, i.name, i.unit, i.baseline_value, i.baseline_year, i.direction,
                                    {t.year: t.value for t in i.targets}) for i in node.indicators],
        services=[ServiceLink(s.service_id, s.note, _service_label(s.service)) for s in node.services],
        state_id=node.state_id, state_name=node.state.name if node.state else "", carried_over=node.carried_over,
        origin=origin,
        history=[StateChangeRecord(c.changed_at, c.changed_by, c.year, c.old_state, c.new_state)
                 for c in node.state_changes],
        monitoring=_node_monitoring(session, node.id), changed_by=node.changed_by, changed_at=node.changed_at,
        version=node.version)


def _node_monitoring(session: Session, node_id: int) -> list[MonitoringRecord]:
    states = load_states(session)
    rows = session.execute(select(Evaluation, MonitoringRound.year, MonitoringRound.closed)
                           .join(MonitoringRound, MonitoringRound.id == Evaluation.round_id)
                           .where(Evaluation.node_id == node_id).order_by(MonitoringRound.year)
                           .options(selectinload(Evaluation.spending), selectinload(Evaluation.actuals))).all()
    result = []
    for evaluation, year, closed in rows:
        state = states.get(evaluation.state_id) if evaluation.state_id else None
        state_name = evaluation.snapshot_state if closed else (state.name if state else "")
        completion = evaluation.completion if closed else effective_completion(
            evaluation.completion, state.completion if state else None)
        result.append(MonitoringRecord(year, closed, state_name, completion, evaluation.evaluation, evaluation.reasons,
                                       evaluation.corrective_action, {s.source_id: s.amount for s in evaluation.spending},
                                       {a.indicator_id: a.value for a in evaluation.actuals if a.indicator_id}))
    return result


def validate_node(session: Session, record: NodeRecord, plan: Plan) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not clean_line(record.title):
        problems.append(("Název", "Název je povinný."))
    elif len(clean_line(record.title)) > 500:
        problems.append(("Název", "Název je delší než 500 znaků; podrobnosti patří do popisu."))
    period = f"{plan.year_from}–{plan.year_to}"
    for label, year in (("Od roku", record.year_from), ("Do roku", record.year_to)):
        if year is not None and not plan.year_from <= year <= plan.year_to:
            problems.append((label, f"Rok {year} leží mimo období plánu {period}."))
    if record.year_from and record.year_to and record.year_to < record.year_from:
        problems.append(("Do roku", "Aktivita končí dříve, než začíná."))
    start, end = record.year_from or plan.year_from, record.year_to or plan.year_to
    sources = {s.id: s.name for s in session.scalars(select(FundingSource))}
    for year, by_source in sorted(record.costs.items()):
        for source_id, amount in by_source.items():
            if source_id not in sources:
                problems.append(("Financování", "Neznámý zdroj financování."))
            elif amount is None or amount < 0 or amount > MAX_AMOUNT:
                problems.append(("Financování", f"{year}, {sources[source_id]}: částka musí být kladné celé číslo Kč."))
            elif amount and not start <= year <= end:
                problems.append(("Financování", f"Náklady na rok {year} leží mimo roky aktivity {start}–{end}."))
    for label, value, limit in (("Odpovědnost", record.responsible_text, 300),
                                *(("Partneři", p.name, 300) for p in record.partners if not p.provider_id),
                                *(("Služby", link.note, 300) for link in record.services)):
        if len(clean_line(value)) > limit:
            problems.append((label, f"„{clean_line(value)[:40]}…“ je delší než {limit} znaků."))
    for index, indicator in enumerate(record.indicators, start=1):
        label = f"Indikátor {index}"
        if not clean_line(indicator.name):
            problems.append((label, "Název indikátoru je povinný."))
        elif len(clean_line(indicator.name)) > 300 or len(clean_line(indicator.unit)) > 50:
            problems.append((label, "Název indikátoru smí mít nejvýše 300 znaků, jednotka 50."))
        if indicator.baseline_year is not None and not MIN_YEAR <= indicator.baseline_year <= MAX_YEAR:
            problems.append((label, f"Rok výchozí hodnoty musí být mezi {MIN_YEAR} a {MAX_YEAR}."))
        for year in indicator.targets:
            if not plan.year_from <= year <= plan.year_to:
                problems.append((label, f"Cílová hodnota na rok {year} leží mimo období plánu {period}."))
    if record.working_group_id is not None and session.get(WorkingGroup, record.working_group_id) is None:
        problems.append(("Pracovní skupina", "Zvolená pracovní skupina už neexistuje."))
    if record.responsible_provider_id is not None and session.get(Provider, record.responsible_provider_id) is None:
        problems.append(("Odpovědnost", "Zvolený poskytovatel už v adresáři není."))
    seen: set[int] = set()
    for link in record.services:
        if link.service_id in seen:
            problems.append(("Služby", "Stejná služba je uvedena dvakrát."))
        seen.add(link.service_id)
    return problems


def save_node(session: Session, record: NodeRecord) -> int:
    """Write the editor's record to its node (the tree place is changed by tree.move_node, the state by
    monitoring). Partners, target groups, costs, indicators and service links are replaced by the record's;
    an indicator keeps its id (and its actuals in monitoring) when the record keeps it.
    Raises ValidationError, RecordConflict when someone saved the node after `record` was loaded
    (db/versioning.py); returns the node id and sets `record.version` to the stored version."""
    claim(session, PlanNode, record.id, record.version, load_node, f"Položku plánu „{record.code} {record.title}“")
    node = session.get(PlanNode, record.id) if record.id is not None else None
    if node is None:
        raise UserError("Položka plánu nebyla nalezena (mezitím ji možná někdo smazal).")
    plan = node.plan
    problems = validate_node(session, record, plan)
    if problems:
        raise ValidationError(problems)
    node.title = clean_line(record.title)
    node.description, node.rationale = clean_text(record.description), clean_text(record.rationale)
    node.working_group_id = record.working_group_id
    node.responsible_provider_id = record.responsible_provider_id
    node.responsible_text = clean_line(record.responsible_text)
    node.year_from, node.year_to = record.year_from, record.year_to
    node.partners = [NodePartner(position=i, provider_id=p.provider_id,
                                 name="" if p.provider_id else clean_line(p.name))
                     for i, p in enumerate(x for x in record.partners if x.provider_id or clean_line(x.name))]
    node.target_groups = list(session.scalars(select(TargetGroup).where(TargetGroup.id.in_(record.target_group_ids))))
    _save_costs(node, record.costs)
    _save_indicators(node, record.indicators)
    existing_services = {s.service_id: s for s in node.services}
    node.services = [_service_link(existing_services.get(link.service_id), node, link) for link in record.services]
    node.changed_by, node.changed_at = current_user(), now_to_the_second()
    session.flush()
    record.version = node.version
    return node.id


def _service_link(existing: NodeService | None, node: PlanNode, link: ServiceLink) -> NodeService:
    item = existing or NodeService(service_id=link.service_id)
    item.note = clean_line(link.note)
    return item


def _save_costs(node: PlanNode, costs: dict[int, dict[int, int]]) -> None:
    wanted = {(year, source_id): amount for year, by_source in costs.items()
              for source_id, amount in by_source.items() if amount}
    kept = []
    for cost in node.costs:
        key = (cost.year, cost.source_id)
        if key in wanted:
            cost.amount = wanted.pop(key)
            kept.append(cost)
    kept.extend(PlannedCost(year=year, source_id=source_id, amount=amount)
                for (year, source_id), amount in sorted(wanted.items()))
    node.costs = kept


def _save_indicators(node: PlanNode, records: list[IndicatorRecord]) -> None:
    existing = {i.id: i for i in node.indicators}
    result = []
    for position, record in enumerate(records):
        indicator = existing.get(record.id) if record.id is not None else None
        if indicator is None:
            indicator = Indicator(uid=record.uid) if record.uid else Indicator()
        indicator.position = position
        indicator.name, indicator.unit = clean_line(record.name), clean_line(record.unit)
        indicator.baseline_value, indicator.baseline_year = record.baseline_value, record.baseline_year
        indicator.direction = record.direction
        targets = {t.year: t for t in indicator.targets}
        indicator.targets = [_target(targets.get(year), year, value) for year, value in sorted(record.targets.items())
                             if value is not None]
        result.append(indicator)
    node.indicators = result


def _target(existing: IndicatorTarget | None, year: int, value: float) -> IndicatorTarget:
    target = existing or IndicatorTarget(year=year)
    target.value = value
    return target


def funding_sources(session: Session, include_inactive: bool = False) -> list[tuple[int, str]]:
    """(id, name) of the funding sources in list order: the columns of the financing grid."""
    query = select(FundingSource).order_by(FundingSource.sort_order, FundingSource.id)
    return [(s.id, s.name) for s in session.scalars(query) if include_inactive or s.active]


def activity_states(session: Session) -> list[tuple[int, str, int, str]]:
    """(id, name, default completion %, colour "#RRGGBB") of the states in list order."""
    return [(s.id, s.name, s.completion, s.color) for s in load_states(session).values()]
