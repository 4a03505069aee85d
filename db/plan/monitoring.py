"""Yearly monitoring (vyhodnocení plnění): rounds, the year's grid, closing and reopening.

A round holds one `Evaluation` per activity. While open, the grid shows live values and every cell is
saved on its own (one small transaction). Closing freezes it: each evaluation keeps a snapshot of the
code, title, ancestors, state, completion, planned money and indicator targets it reported, so later
edits of the plan (moves, renames, new costs, deleted activities) never change a closed round.
Reopening is explicit, needs a reason and is logged. Every change of an activity's state is kept in
`StateChange` with date and author.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.errors import UserError
from db.plan.facts import PlanFacts, StateInfo, get_plan, load_facts, load_states
from db.plan.models import (
    ActivityState, Evaluation, FundingSource, Indicator, IndicatorActual, IndicatorDirection, IndicatorTarget,
    MonitoringRound, PlanNode, RoundLog, Spending, StateChange,
)
from db.plan.rollup import (
    NOT_EVALUATED, RollupItem, effective_completion, indicator_missed, is_behind, rollup_tree,
)
from db.plan.text import clean_text
from db.plan.tree import ACTIVITY_LEVEL, node_codes
from db.runtime import current_user

# Grid columns a cell save understands, besides "spent:<source id>" and "actual:<indicator id>".
TEXT_FIELDS = {"evaluation": "Hodnocení", "reasons": "Důvody neplnění", "corrective_action": "Nápravné opatření"}
MAX_AMOUNT = 10**13  # Kč; more is a typing error, not a social-services budget
# save_grid_cell's `seen` when the caller does not say what the clerk saw (imports, the command line).
UNSEEN = object()


class CellConflict(UserError):
    """Saving a grid cell that another clerk saved with a different value since the clerk's grid was
    read (the value she saw is no longer stored). Nothing was saved.

    `label` names the cell as the grid does („1.1.1 Hodnocení“), `stored` is the value now stored (as
    cell_value gives it: state id, %, text, Kč, number or None), `changed_by` / `changed_at` who saved it
    and when ("" / None when not known: a line saved before the app kept cell stamps, or by an import)."""

    def __init__(self, node_id: int, field: str, label: str, stored, changed_by: str, changed_at: dt.datetime | None):
        # No-break spaces: a wrapped box must not split the date.
        when = (f" {changed_at.day}.\u00a0{changed_at.month}.\u00a0{changed_at.year} v\u00a0{changed_at:%H:%M}"
                if changed_at else "")
        self.headline = f"Buňku „{label}“ mezitím uložil(a) {changed_by or 'jiný pracovník'}{when}."
        super().__init__(f"{self.headline} Vaše hodnota zatím nebyla uložena.")
        self.node_id, self.field, self.label = node_id, field, label
        self.stored, self.changed_by, self.changed_at = stored, changed_by, changed_at


@dataclass
class GridIndicator:
    indicator_id: int | None
    name: str
    unit: str
    increase: bool
    target: float | None
    actual: float | None

    @property
    def missed(self) -> bool:
        return indicator_missed(self.actual, self.target, self.increase)


@dataclass
class GridRow:
    """One activity's line of the year: what the grid shows and the monitoring report prints.
    Money in whole Kč per funding source id; completion in %."""

    node_id: int | None
    uid: str
    code: str
    title: str
    path: tuple[tuple[str, str], ...]  # (code, title) of the ancestors, priority first
    working_group_id: int | None
    state_id: int | None
    state_name: str
    state_color: str
    in_rollup: bool
    completion: int | None  # as typed (None = the state's default applies)
    effective_completion: int | None
    planned: dict[int, int]
    spent: dict[int, int]
    indicators: list[GridIndicator]
    evaluation: str
    reasons: str
    corrective_action: str
    behind: bool

    @property
    def planned_total(self) -> int:
        return sum(self.planned.values())

    @property
    def spent_total(self) -> int:
        return sum(self.spent.values())


@dataclass
class RoundInfo:
    id: int
    year: int
    closed: bool
    closed_at: dt.datetime | None
    closed_by: str
    log: list[tuple[dt.datetime, str, str, str]]  # (at, by, action "closed"/"reopened", reason)


@dataclass
class ReportGroup:
    """A priority or measure in a round's report with its roll-up and activities counted by state."""

    code: str
    title: str
    level: int
    rollup: float | None
    state_counts: dict[str, int]
    planned: int
    spent: int


@dataclass
class RoundReport:
    year: int
    closed: bool
    weighted: bool
    summary: str
    rows: list[GridRow]
    groups: list[ReportGroup]  # in code order, a priority before its measures
    overall: float | None
    state_counts: dict[str, int] = field(default_factory=dict)


def code_key(code: str) -> tuple[int, ...]:
    """Sort key of a tree code: "2.10" after "2.9"."""
    return tuple(int(part) for part in code.split(".") if part.isdigit())


# -- rounds -------------------------------------------------------------------------------------
def _round(session: Session, round_id: int, lock: bool = False) -> MonitoringRound:
    """The round; `lock`: held FOR UPDATE until the transaction ends (PostgreSQL; SQLite's write
    transactions are exclusive anyway), so cell saves of one round take turns."""
    found = session.get(MonitoringRound, round_id, with_for_update=lock or None)
    if found is None:
        raise UserError("Monitorovací kolo nebylo nalezeno (mezitím jej možná někdo smazal).")
    return found


def find_round(session: Session, plan_id: int, year: int) -> MonitoringRound | None:
    return session.scalar(select(MonitoringRound).where(MonitoringRound.plan_id == plan_id,
                                                        MonitoringRound.year == year))


def open_round(session: Session, plan_id: int, year: int) -> int:
    """The id of the plan's monitoring round for `year`, created when missing. Raises UserError for a
    year outside the plan's period."""
    plan = get_plan(session, plan_id)
    if not plan.year_from <= year <= plan.year_to:
        raise UserError(f"Rok {year} nepatří do období plánu {plan.year_from}–{plan.year_to}.")
    existing = find_round(session, plan_id, year)
    if existing is not None:
        return existing.id
    created = MonitoringRound(plan_id=plan_id, year=year)
    session.add(created)
    session.flush()
    return created.id


def plan_rounds(session: Session, plan_id: int) -> list[RoundInfo]:
    rounds = session.scalars(select(MonitoringRound).where(MonitoringRound.plan_id == plan_id)
                             .options(selectinload(MonitoringRound.log)).order_by(MonitoringRound.year))
    return [RoundInfo(r.id, r.year, r.closed, r.closed_at, r.closed_by,
                      [(e.at, e.by, e.action, e.reason) for e in r.log]) for r in rounds]


def set_round_summary(session: Session, round_id: int, text: str) -> None:
    """The round's overall verbal evaluation (printed at the top of the report)."""
    found = _round(session, round_id)
    _refuse_closed(found)
    found.summary = clean_text(text)


def _refuse_closed(found: MonitoringRound) -> None:
    if found.closed:
        raise UserError(f"Monitoring za rok {found.year} je uzavřený a jeho hodnoty nelze měnit. "
                        "Pokud je oprava nutná, kolo nejprve výslovně znovu otevřete (s uvedením důvodu).")


# -- the grid -----------------------------------------------------------------------------------
def _indicators(session: Session, node_ids: list[int], year: int) -> dict[int, list[tuple[Indicator, float | None]]]:
    """Activity id → its indicators with the target for `year`."""
    if not node_ids:
        return {}
    targets = {ind_id: value for ind_id, value in session.execute(
        select(IndicatorTarget.indicator_id, IndicatorTarget.value)
        .join(Indicator).where(Indicator.node_id.in_(node_ids), IndicatorTarget.year == year))}
    found: dict[int, list[tuple[Indicator, float | None]]] = defaultdict(list)
    for indicator in session.scalars(select(Indicator).where(Indicator.node_id.in_(node_ids))
                                     .order_by(Indicator.node_id, Indicator.position, Indicator.id)):
        found[indicator.node_id].append((indicator, targets.get(indicator.id)))
    return found


def _evaluations(session: Session, round_id: int) -> list[Evaluation]:
    return list(session.scalars(select(Evaluation).where(Evaluation.round_id == round_id)
                                .options(selectinload(Evaluation.spending), selectinload(Evaluation.actuals))))


def _live_row(facts: PlanFacts, node_id: int, year: int, evaluation: Evaluation | None,
              indicators: list[tuple[Indicator, float | None]]) -> GridRow:
    node = facts.nodes[node_id]
    state: StateInfo | None = facts.states.get(evaluation.state_id) if evaluation and evaluation.state_id else None
    completion = evaluation.completion if evaluation else None
    effective = effective_completion(completion, state.completion if state else None)
    in_rollup = state.in_rollup if state else True
    actuals = {a.indicator_id: a.value for a in evaluation.actuals} if evaluation else {}
    grid_indicators = [GridIndicator(ind.id, ind.name, ind.unit, ind.direction is IndicatorDirection.INCREASE,
                                     target, actuals.get(ind.id)) for ind, target in indicators]
    start, end = facts.term(node)
    missed = sum(1 for i in grid_indicators if i.missed)
    return GridRow(
        node_id=node_id, uid=node.uid, code=node.code, title=node.title,
        path=tuple((a.code, a.title) for a in facts.ancestors(node_id)),
        working_group_id=node.working_group_id, state_id=state.id if state else None,
        state_name=state.name if state else "", state_color=state.color if state else "",
        in_rollup=in_rollup, completion=completion, effective_completion=effective,
        planned={s: a for s, a in facts.costs.get(node_id, {}).get(year, {}).items() if a},
        spent={s.source_id: s.amount for s in evaluation.spending} if evaluation else {},
        indicators=grid_indicators,
        evaluation=evaluation.evaluation if evaluation else "", reasons=evaluation.reasons if evaluation else "",
        corrective_action=evaluation.corrective_action if evaluation else "",
        behind=is_behind(effective, in_rollup, year, start, end, missed))


def _closed_row(evaluation: Evaluation) -> GridRow:
    node = evaluation.node
    directions = {}
    if node is not None:
        directions = {i.id: i.direction is IndicatorDirection.INCREASE for i in node.indicators}
    return GridRow(
        node_id=evaluation.node_id, uid=node.uid if node is not None else "", code=evaluation.snapshot_code,
        title=evaluation.snapshot_title, path=tuple(tuple(p) for p in json.loads(evaluation.snapshot_path or "[]")),
        working_group_id=node.working_group_id if node is not None else None, state_id=evaluation.state_id,
        state_name=evaluation.snapshot_state, state_color=evaluation.snapshot_color,
        in_rollup=evaluation.snapshot_in_rollup is not False, completion=evaluation.completion,
        effective_completion=evaluation.completion,
        planned={s.source_id: s.planned_snapshot for s in evaluation.spending if s.planned_snapshot},
        spent={s.source_id: s.amount for s in evaluation.spending},
        indicators=[GridIndicator(a.indicator_id, a.snapshot_name, a.snapshot_unit,
                                  directions.get(a.indicator_id, True), a.snapshot_target, a.value)
                    for a in evaluation.actuals],
        evaluation=evaluation.evaluation, reasons=evaluation.reasons, corrective_action=evaluation.corrective_action,
        behind=bool(evaluation.snapshot_behind))


def monitoring_grid(session: Session, plan_id: int, year: int, node_ids: list[int] | None = None) -> list[GridRow]:
    """One row per activity of `year` in tree order: the activities active in that year (their years,
    or the plan's period) and any other activity already evaluated in the round. A closed round shows
    exactly what it froze. Without a round for the year the rows are empty (nothing entered yet).
    `node_ids` limits the rows (to refresh a few after a save)."""
    found = find_round(session, plan_id, year)
    wanted = set(node_ids) if node_ids is not None else None
    if found is not None and found.closed:
        evaluations = session.scalars(
            select(Evaluation).where(Evaluation.round_id == found.id)
            .options(selectinload(Evaluation.spending), selectinload(Evaluation.actuals),
                     selectinload(Evaluation.node).selectinload(PlanNode.indicators)))
        rows = [_closed_row(e) for e in evaluations if wanted is None or e.node_id in wanted]
        return sorted(rows, key=lambda r: code_key(r.code))
    facts = load_facts(session, plan_id)
    evaluations = {e.node_id: e for e in _evaluations(session, found.id)} if found is not None else {}
    ids = [n.id for n in facts.activities() if facts.active_in(n, year) or n.id in evaluations]
    if wanted is not None:
        ids = [i for i in ids if i in wanted]
    indicators = _indicators(session, ids, year)
    return [_live_row(facts, i, year, evaluations.get(i), indicators.get(i, [])) for i in ids]


# -- saving a cell ------------------------------------------------------------------------------
def _number(value, label: str, *, integer: bool, low: float | None = None, high: float | None = None):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")) \
            if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise UserError(f"{label}: „{value}“ není číslo.") from None
    if integer:
        if number != int(number):
            raise UserError(f"{label}: zadejte celé číslo (ne {value}).")
        number = int(number)
    if low is not None and number < low:
        raise UserError(f"{label}: hodnota nesmí být menší než {low:g}.")
    if high is not None and number > high:
        raise UserError(f"{label}: hodnota nesmí být větší než {high:g}.")
    return number


def _evaluation_for(session: Session, round_id: int, node_id: int) -> Evaluation:
    found = session.scalar(select(Evaluation).where(Evaluation.round_id == round_id, Evaluation.node_id == node_id))
    if found is None:
        found = Evaluation(round_id=round_id, node_id=node_id)
        session.add(found)
        session.flush()
    return found


def record_state_change(session: Session, node: PlanNode, year: int, old: str, new: str, user: str) -> None:
    session.add(StateChange(node_id=node.id, year=year, old_state=old, new_state=new, changed_by=user))


def _set_state(session: Session, found: MonitoringRound, node: PlanNode, evaluation: Evaluation,
               state_id: int | None, user: str) -> None:
    if state_id is not None and session.get(ActivityState, state_id) is None:
        raise UserError("Stav plnění: zvolený stav v seznamu stavů není (mezitím jej možná někdo smazal).")
    if evaluation.state_id == state_id:
        return
    states = {s.id: s.name for s in load_states(session).values()}
    record_state_change(session, node, found.year, states.get(evaluation.state_id, ""), states.get(state_id, ""), user)
    evaluation.state_id = state_id
    # The node's current state is the one of its latest monitoring year.
    latest = session.scalar(select(func.max(MonitoringRound.year)).where(MonitoringRound.plan_id == found.plan_id))
    if latest is None or found.year >= latest:
        node.state_id = state_id
        node.changed_by, node.changed_at = user, now_to_the_second()


def cell_value(row: GridRow, field: str):
    """The value of `field` in a grid row as save_grid_cell compares it: state id, completion (% or
    None), text, "spent:<source id>" Kč or None, "actual:<indicator id>" number or None."""
    return _field_value(row, field, row.spent.get,
                        lambda key: next((i.actual for i in row.indicators if i.indicator_id == key), None))


def _stored_value(evaluation: Evaluation, field: str):
    """What `evaluation` stores for `field`, in cell_value's terms."""
    return _field_value(
        evaluation, field,
        lambda key: next((s.amount for s in evaluation.spending if s.source_id == key), None),
        lambda key: next((a.value for a in evaluation.actuals if a.indicator_id == key), None))


def _field_value(line: GridRow | Evaluation, field: str, spent: Callable[[int], int | None],
                 actual: Callable[[int], float | None]):
    # A grid row and a stored evaluation share the names of the plain fields; money and indicator values
    # are kept differently (a dict / lists of rows), so the caller says how to find them by id.
    if field == "state":
        return line.state_id
    if field == "completion":
        return line.completion
    if field in TEXT_FIELDS:
        return getattr(line, field) or ""
    kind, _sep, key = field.partition(":")
    if kind == "spent":
        return spent(int(key))
    if kind == "actual":
        return actual(int(key))
    raise ValueError(f"unknown grid field {field!r}")


def _normalized(field: str, value):
    """A value as the cell would store it, so what the clerk saw compares with what is stored."""
    if value in (None, "") and field not in TEXT_FIELDS:
        return None
    if field in TEXT_FIELDS:
        return clean_text(value or "")
    if field.startswith("actual:"):
        return float(value)
    return int(value)


def cell_stamp(evaluation: Evaluation, field: str) -> tuple[str, dt.datetime | None]:
    """(who, when) last saved `field` of the line; ("", None) when not known."""
    stamps = json.loads(evaluation.cell_stamps or "{}")
    who, when = stamps.get(field, ("", None))
    return who, dt.datetime.fromisoformat(when) if when else None


def _stamp(evaluation: Evaluation, field: str, user: str) -> None:
    stamps = json.loads(evaluation.cell_stamps or "{}")
    stamps[field] = [user, now_to_the_second().isoformat()]
    evaluation.cell_stamps = json.dumps(stamps, ensure_ascii=False, sort_keys=True)


def _cell_label(session: Session, node: PlanNode, field: str) -> str:
    if field in TEXT_FIELDS:
        name = TEXT_FIELDS[field]
    elif field == "state":
        name = "Stav"
    elif field == "completion":
        name = "Plnění (%)"
    elif field.startswith("spent:"):
        source = session.get(FundingSource, int(field.split(":", 1)[1]))
        name = f"Čerpáno – {source.name if source else 'zdroj'}"
    else:
        indicator = session.get(Indicator, int(field.split(":", 1)[1]))
        name = f"Skutečnost – {indicator.name if indicator else 'indikátor'}"
    return f"{node_codes(session, node.plan_id).get(node.id, '')} {name}".strip()


def save_grid_cell(session: Session, round_id: int, node_id: int, field: str, value, user: str | None = None,
                   seen=UNSEEN) -> None:
    """Save one cell of the year's grid. `field`: "state" (state id or None), "completion" (0–100 or
    None = the state's default), "evaluation" / "reasons" / "corrective_action" (text),
    "spent:<source id>" (Kč, None clears), "actual:<indicator id>" (number, None clears).

    `seen` is the value the clerk saw in the cell before she typed hers (cell_value of her grid row).
    When another value is stored now – another clerk saved the cell meanwhile – and it is not the one
    she is saving, CellConflict is raised instead of overwriting it silently; the check runs with the
    round locked (SELECT … FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so of two clerks
    saving the same cell at the same moment the second always meets the first. Without `seen`
    (imports, the command line) the value is saved whatever is stored.
    Raises UserError (Czech, naming the column) for a closed round or a bad value; nothing is saved then."""
    user = user or current_user()
    found = _round(session, round_id, lock=True)
    _refuse_closed(found)
    node = session.get(PlanNode, node_id)
    if node is None or node.plan_id != found.plan_id:
        raise UserError("Aktivita nebyla v plánu nalezena (mezitím ji možná někdo smazal).")
    if node.children or _depth(session, node) < ACTIVITY_LEVEL:
        raise UserError(f"„{node.title}“ není aktivita: plnění se hodnotí u aktivit, priority a opatření "
                        "ukazují souhrn.")
    evaluation = _evaluation_for(session, round_id, node_id)
    stored = _stored_value(evaluation, field)
    if seen is not UNSEEN and _normalized(field, seen) != stored:
        try:
            unchanged = _normalized(field, value) == stored
        except (TypeError, ValueError):  # a bad value: the field's own check below says why
            unchanged = False
        if not unchanged:
            raise CellConflict(node_id, field, _cell_label(session, node, field), stored,
                               *cell_stamp(evaluation, field))
    _save_cell_value(session, found, node, evaluation, field, value, user)
    if _stored_value(evaluation, field) != stored:
        _stamp(evaluation, field, user)
    session.flush()


def _save_cell_value(session: Session, found: MonitoringRound, node: PlanNode, evaluation: Evaluation,
                     field: str, value, user: str) -> None:
    if field == "state":
        _set_state(session, found, node, evaluation, int(value) if value not in (None, "") else None, user)
    elif field == "completion":
        evaluation.completion = _number(value, "Plnění (%)", integer=True, low=0, high=100)
    elif field in TEXT_FIELDS:
        setattr(evaluation, field, clean_text(value))
    elif field.startswith("spent:"):
        _save_spent(session, evaluation, int(field.split(":", 1)[1]), value)
    elif field.startswith("actual:"):
        _save_actual(session, evaluation, node, int(field.split(":", 1)[1]), value)
    else:
        raise ValueError(f"unknown grid field {field!r}")


def _save_spent(session: Session, evaluation: Evaluation, source_id: int, value) -> None:
    source = session.get(FundingSource, source_id)
    if source is None:
        raise UserError("Zdroj financování nebyl nalezen.")
    amount = _number(value, f"Čerpáno – {source.name} (Kč)", integer=True, low=0, high=MAX_AMOUNT)
    row = next((s for s in evaluation.spending if s.source_id == source_id), None)
    if amount is None:
        if row is not None:
            evaluation.spending.remove(row)
    elif row is None:
        evaluation.spending.append(Spending(source_id=source_id, amount=amount))
    else:
        row.amount = amount


def _save_actual(session: Session, evaluation: Evaluation, node: PlanNode, indicator_id: int, value) -> None:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None or indicator.node_id != node.id:
        raise UserError("Indikátor u této aktivity nebyl nalezen.")
    number = _number(value, f"Skutečnost – {indicator.name}", integer=False)
    row = next((a for a in evaluation.actuals if a.indicator_id == indicator_id), None)
    if number is None:
        if row is not None:
            evaluation.actuals.remove(row)
    elif row is None:
        evaluation.actuals.append(IndicatorActual(indicator_id=indicator_id, value=number))
    else:
        row.value = number


def _depth(session: Session, node: PlanNode) -> int:
    depth, parent_id = 1, node.parent_id
    while parent_id is not None:
        depth += 1
        parent_id = session.scalar(select(PlanNode.parent_id).where(PlanNode.id == parent_id))
    return depth


# -- closing and reopening ----------------------------------------------------------------------
def close_round(session: Session, round_id: int, user: str | None = None) -> None:
    """Freeze the round: every activity of the year gets its line (an activity nobody evaluated is
    frozen as "nehodnoceno"), each line keeps the code, title, ancestors, state, completion, planned
    money per source and indicator targets as of now. Raises UserError when already closed."""
    user = user or current_user()
    found = _round(session, round_id)
    if found.closed:
        raise UserError(f"Monitoring za rok {found.year} už je uzavřený.")
    facts = load_facts(session, found.plan_id)
    evaluations = {e.node_id: e for e in _evaluations(session, round_id)}
    for node in facts.activities():
        if node.id not in evaluations and facts.active_in(node, found.year):
            evaluations[node.id] = Evaluation(round_id=round_id, node_id=node.id)
            session.add(evaluations[node.id])
    ids = [node_id for node_id in evaluations if node_id in facts.nodes and facts.nodes[node_id].is_activity]
    for node_id, evaluation in evaluations.items():
        # A line of a node that has since got its own actions (akce) is no activity any more: the grid no
        # longer shows it and the report must not either; its actions are evaluated instead.
        if node_id in facts.nodes and not facts.nodes[node_id].is_activity:
            session.delete(evaluation)
    indicators = _indicators(session, ids, found.year)
    for node_id in ids:
        _freeze(facts, found.year, evaluations[node_id], indicators.get(node_id, []))
    found.closed = True
    found.closed_at = now_to_the_second()
    found.closed_by = user
    found.weighted_rollup = facts.plan.weighted_rollup
    found.log.append(RoundLog(by=user, action="closed"))
    session.flush()


def _freeze(facts: PlanFacts, year: int, evaluation: Evaluation, indicators: list[tuple[Indicator, float | None]]) -> None:
    row = _live_row(facts, evaluation.node_id, year, evaluation, indicators)
    evaluation.snapshot_code = row.code
    evaluation.snapshot_title = row.title
    evaluation.snapshot_path = json.dumps([list(p) for p in row.path], ensure_ascii=False)
    evaluation.snapshot_state = row.state_name or NOT_EVALUATED
    evaluation.snapshot_color = row.state_color
    evaluation.snapshot_in_rollup = row.in_rollup
    evaluation.snapshot_planned = row.planned_total
    evaluation.snapshot_behind = row.behind
    evaluation.completion = row.effective_completion
    spending = {s.source_id: s for s in evaluation.spending}
    for source_id in sorted(set(row.planned) | set(spending)):
        if source_id not in spending:
            spending[source_id] = Spending(source_id=source_id, amount=0)
            evaluation.spending.append(spending[source_id])
        spending[source_id].planned_snapshot = row.planned.get(source_id)
    actuals = {a.indicator_id: a for a in evaluation.actuals}
    for indicator, target in indicators:
        actual = actuals.get(indicator.id)
        if actual is None:
            actual = IndicatorActual(indicator_id=indicator.id, value=None)
            evaluation.actuals.append(actual)
        actual.snapshot_name, actual.snapshot_unit, actual.snapshot_target = indicator.name, indicator.unit, target


def reopen_round(session: Session, round_id: int, user: str | None, reason: str) -> None:
    """Reopen a closed round for corrections; the reason is required and logged with who and when."""
    found = _round(session, round_id)
    if not found.closed:
        raise UserError(f"Monitoring za rok {found.year} není uzavřený.")
    if not (reason or "").strip():
        raise UserError("Uveďte důvod, proč se uzavřené kolo monitoringu znovu otevírá; důvod se zapíše do historie.")
    found.closed = False
    found.log.append(RoundLog(by=user or current_user(), action="reopened", reason=clean_text(reason)))
    session.flush()


# -- the round as a report ----------------------------------------------------------------------
def round_report(session: Session, plan_id: int, year: int) -> RoundReport:
    """The year's monitoring as the report prints it: activity rows in code order, and per priority and
    measure its roll-up and the count of activities by state. A closed round is built only from what it
    froze (codes, ancestors, planned money and the roll-up choice of the day of closing)."""
    plan = get_plan(session, plan_id)
    found = find_round(session, plan_id, year)
    rows = monitoring_grid(session, plan_id, year)
    closed = found is not None and found.closed
    weighted = bool(found.weighted_rollup) if closed and found.weighted_rollup is not None else plan.weighted_rollup
    groups, overall = _groups(rows, weighted)
    counts = Counter(row.state_name or NOT_EVALUATED for row in rows)
    return RoundReport(year, closed, weighted, found.summary if found else "", rows, groups, overall,
                       _ordered_counts(session, counts))


def _ordered_counts(session: Session, counts: Counter) -> dict[str, int]:
    order = [s.name for s in load_states(session).values()]
    keys = sorted(counts, key=lambda name: (order.index(name) if name in order else len(order), name))
    return {name: counts[name] for name in keys}


def _groups(rows: list[GridRow], weighted: bool) -> tuple[list[ReportGroup], float | None]:
    titles: dict[str, tuple[str, int]] = {}
    children: dict[str | None, list[str]] = defaultdict(list)
    leaves: dict[str, RollupItem] = {}
    members: dict[str, list[GridRow]] = defaultdict(list)
    for index, row in enumerate(rows):
        parent: str | None = None
        for level, (code, title) in enumerate(row.path, start=1):
            key = f"g:{code}"
            if key not in titles:
                titles[key] = (title, level)
                children[parent].append(key)
            members[key].append(row)
            parent = key
        leaf = f"r:{index}"
        children[parent].append(leaf)
        leaves[leaf] = RollupItem(row.effective_completion, row.planned_total, row.in_rollup)
    root = "root"
    children[root] = children.pop(None, [])
    order = [root]
    for key in order:
        order.extend(children.get(key, []))
    values = rollup_tree(order, children, leaves, weighted)
    groups = [ReportGroup(key[2:], titles[key][0], titles[key][1], values[key],
                          dict(Counter(r.state_name or NOT_EVALUATED for r in members[key])),
                          sum(r.planned_total for r in members[key]), sum(r.spent_total for r in members[key]))
              for key in titles]
    groups.sort(key=lambda g: code_key(g.code))
    return groups, values[root]


__all__ = [
    "GridIndicator", "GridRow", "ReportGroup", "RoundInfo", "RoundReport", "TEXT_FIELDS", "close_round", "code_key",
    "find_round", "monitoring_grid", "open_round", "plan_rounds", "record_state_change", "reopen_round",
    "round_report", "save_grid_cell", "set_round_summary",
]
