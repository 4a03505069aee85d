"""Record versions: no clerk's save silently overwrites another clerk's.

A record a clerk edits as one form (a provider with its services, a person, a working group with its
memberships, a meeting with everything in it, a plan node) has an integer `version` on its root row.
Every transaction that changes the root or any part of it adds one to it, whatever code path writes
(the editors, imports, the register, monitoring): a `before_flush` listener finds the root of every
changed object and bumps it once per transaction, in SQL (`version = version + 1`), so two
transactions never hand out the same number.

A save function calls `claim` first: it locks the root row (SELECT … FOR UPDATE on PostgreSQL; a
SQLite write transaction is exclusive anyway) and compares the version the clerk loaded with the
stored one. A difference raises RecordConflict carrying the stored record ("theirs"), which
db/conflicts.py compares field by field with hers.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Integer, event, inspect, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.errors import UserError

T = TypeVar("T")

# Class of a part → how to reach its owner (one step up: a place → its service → its provider).
_OWNERS: dict[type, Callable[[Any], Any]] = {}
_BUMPED = "kp_versions_bumped"


class Versioned:
    """Mixin of a root model: the version a form loads and gives back on saving (1 for a new row)."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1", nullable=False)


def part_of(cls: type, owner: Callable[[Any], Any]) -> None:
    """Declare that changing an instance of `cls` changes the record `owner(instance)` belongs to
    (a Versioned root, or another part). `owner` may return None (a part being detached)."""
    _OWNERS[cls] = owner


def _root(obj: Any) -> Any | None:
    seen = 0
    while obj is not None and not isinstance(obj, Versioned):
        owner = _OWNERS.get(type(obj))
        if owner is None or seen > 5:
            return None
        obj = owner(obj)
        seen += 1
    return obj


def _changed_roots(session: Session) -> set:
    roots = []
    for obj in session.new:
        roots.append(_root(obj))
    for obj in session.dirty:
        if session.is_modified(obj):
            roots.append(_root(obj))
    for obj in session.deleted:
        roots.append(_root(obj))
    return {id(r): r for r in roots if r is not None}.values()


@event.listens_for(Session, "before_flush")
def _bump_versions(session: Session, _context, _instances) -> None:
    bumped: set = session.info.setdefault(_BUMPED, set())
    for root in list(_changed_roots(session)):
        state = inspect(root)
        if state.pending or state.deleted or state.was_deleted or state.key in bumped:
            continue
        bumped.add(state.key)
        root.version = type(root).version + 1


@event.listens_for(Session, "after_transaction_end")
def _forget_bumped(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_BUMPED, None)


class RecordConflict(UserError):
    """Saving a record that someone saved after the clerk opened it.

    `theirs` is the record as now stored (the same record type the save function takes), `changed_by`
    and `changed_at` who saved it and when. Nothing of the clerk's save was written."""

    def __init__(self, what: str, theirs: Any, changed_by: str, changed_at: dt.datetime | None):
        when = f" {changed_at.day}. {changed_at.month}. {changed_at.year} v {changed_at:%H:%M}" if changed_at else ""
        who = changed_by or "jiný pracovník"
        self.headline = f"{what} mezitím uložil(a) {who}{when}."
        super().__init__(f"{self.headline} Vaše úpravy zatím nebyly uloženy: porovnejte je s uloženými "
                         "a vyberte, co platí.")
        self.what = what
        self.theirs = theirs
        self.changed_by = changed_by
        self.changed_at = changed_at


def claim(session: Session, model: type, record_id: int | None, expected: int | None,
          load: Callable[[Session, int], T], what: str) -> None:
    """Lock the stored record `record_id` of `model` for this transaction and check it is still at
    version `expected` (what the clerk loaded).

    Does nothing for a new record (`record_id` None), a caller that does not track versions
    (`expected` None: imports, the command line) or a record deleted meanwhile (the save function
    reports that itself). Raises RecordConflict with `load(session, record_id)` as `theirs`."""
    if record_id is None or expected is None:
        return
    current = session.scalar(select(model.version).where(model.id == record_id).with_for_update())
    if current is None or current == expected:
        return
    theirs = load(session, record_id)
    who, when = latest_stamp(theirs)
    raise RecordConflict(what, theirs, who, when)


def latest_stamp(record: Any) -> tuple[str, dt.datetime | None]:
    """The newest (changed_by, changed_at) of a record and of the parts that carry their own stamp
    (a provider's services): who saved the record last, as the clerk would say it."""
    stamps = [(getattr(record, "changed_at", None), getattr(record, "changed_by", ""))]
    for part in getattr(record, "services", []) or []:
        stamps.append((getattr(part, "changed_at", None), getattr(part, "changed_by", "")))
    dated = [s for s in stamps if s[0] is not None]
    if not dated:
        return stamps[0][1] or "", None
    when, who = max(dated, key=lambda s: s[0])
    return who, when


def bump(session: Session, model: type, ids) -> None:
    """Add one to the version of the `model` rows `ids`: for bulk statements (insert()/update() of
    parts) that bypass the flush, whose records would otherwise keep their version."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), 1000):
        session.execute(update(model).where(model.id.in_(ids[start:start + 1000]))
                        .values(version=model.version + 1).execution_options(synchronize_session=False))
