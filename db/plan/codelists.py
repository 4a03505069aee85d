"""The plan's two editable lists: funding sources (zdroje financování) and activity states (stavy plnění).

Both are seeded by migration 0006. The clerk renames, reorders, adds and retires items. An item that
data refers to is never deleted: a funding source in use is only made inactive (it disappears from new
grids, old amounts keep their source), and a state in use cannot be removed (a closed round keeps its
name in the snapshot, but open rounds and the tree still point to it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.plan.models import ActivityState, Evaluation, FundingSource, PlannedCost, PlanNode, Spending

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass
class SourceItem:
    id: int | None
    name: str
    active: bool = True


@dataclass
class StateItem:
    id: int | None
    name: str
    completion: int = 0  # default share done, %
    in_rollup: bool = True  # False: left out of roll-ups (zrušeno)
    finished: bool = False  # the activity has ended (not carried into the next plan)
    color: str = "#808080"


def load_source_items(session: Session) -> list[SourceItem]:
    rows = session.scalars(select(FundingSource).order_by(FundingSource.sort_order, FundingSource.id))
    return [SourceItem(s.id, s.name, s.active) for s in rows]


def load_state_items(session: Session) -> list[StateItem]:
    rows = session.scalars(select(ActivityState).order_by(ActivityState.sort_order, ActivityState.id))
    return [StateItem(s.id, s.name, s.completion, s.in_rollup, s.finished, s.color) for s in rows]


def _names(items, label: str) -> list[tuple[str, str]]:
    problems, seen = [], set()
    for index, item in enumerate(items, start=1):
        name = item.name.strip()
        if not name:
            problems.append((f"{label} {index}", "Název je povinný."))
        elif len(name) > 100:
            problems.append((f"{label} {index}", "Název je delší než 100 znaků."))
        elif name.casefold() in seen:
            problems.append((f"{label} {index}", f"Název „{name}“ je v seznamu dvakrát."))
        seen.add(name.casefold())
    return problems


def save_source_items(session: Session, items: list[SourceItem]) -> None:
    """Replace the list by `items` in their order. A source left out is deleted when nothing uses it and
    made inactive otherwise. Raises ValidationError (empty or duplicate names)."""
    problems = _names(items, "Zdroj")
    if problems:
        raise ValidationError(problems)
    existing = {s.id: s for s in session.scalars(select(FundingSource))}
    kept = set()
    for order, item in enumerate(items, start=1):
        source = existing.get(item.id) if item.id is not None else None
        if source is None:
            source = FundingSource()
            session.add(source)
        source.name, source.sort_order, source.active = item.name.strip(), order, item.active
        kept.add(source.id)
    session.flush()
    for source_id, source in existing.items():
        if source_id in kept:
            continue
        used = session.scalar(select(or_(exists().where(PlannedCost.source_id == source_id),
                                         exists().where(Spending.source_id == source_id))))
        if used:
            source.active = False
            source.sort_order = len(items) + source_id
        else:
            session.delete(source)
    session.flush()


def save_state_items(session: Session, items: list[StateItem]) -> None:
    """Replace the list of states by `items` in their order. Raises ValidationError for empty or duplicate
    names, a share outside 0–100 %, a colour not "#RRGGBB", or a removed state that is still in use."""
    problems = _names(items, "Stav")
    for index, item in enumerate(items, start=1):
        if not 0 <= item.completion <= 100:
            problems.append((f"Stav {index}", "Výchozí plnění musí být 0–100 %."))
        if not _COLOR.match(item.color or ""):
            problems.append((f"Stav {index}", "Barva má tvar #RRGGBB."))
    existing = {s.id: s for s in session.scalars(select(ActivityState))}
    kept = {item.id for item in items if item.id is not None}
    for state_id, state in existing.items():
        if state_id not in kept and session.scalar(select(or_(
                exists().where(Evaluation.state_id == state_id), exists().where(PlanNode.state_id == state_id)))):
            problems.append(("Stavy", f"Stav „{state.name}“ je použit v monitoringu, nelze jej odebrat."))
    if problems:
        raise ValidationError(problems)
    for state_id, state in existing.items():
        if state_id not in kept:
            session.delete(state)
    session.flush()  # a new state may take a removed one's name
    for order, item in enumerate(items, start=1):
        state = existing.get(item.id) if item.id is not None else None
        if state is None:
            state = ActivityState()
            session.add(state)
        state.name, state.sort_order, state.completion = item.name.strip(), order, item.completion
        state.in_rollup, state.finished, state.color = item.in_rollup, item.finished, item.color.upper()
    session.flush()
