"""A counter per area that moves whenever a transaction changes the area's data, so an open window can
notice that another clerk saved something (by polling `change_stamps`, one tiny query) and refresh its
lists.

Areas are the packages of db/ ("directory", "meetings", "plan", "codelists", "settings"): the area of
a model is the package its module lives in. The counters are bumped just before the commit, in the
committing transaction, so a reader never sees a counter ahead of the data, and the row lock is held
for the commit only (no other lock is taken after it, so it cannot take part in a deadlock).
"""
from __future__ import annotations

from sqlalchemy import Integer, String, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import Base

_CHANGED = "kp_changed_areas"
# The areas seeded by migration 0009; a new area seeds its row in its own migration.
AREAS = ("codelists", "directory", "meetings", "plan", "settings")


class ChangeStamp(Base):
    __tablename__ = "change_stamp"

    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


def _area_of(cls: type) -> str | None:
    parts = cls.__module__.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "db" and parts[1] in AREAS else None


_TABLE_AREAS: dict[str, str] = {}


def _table_area(table_name: str) -> str | None:
    if not _TABLE_AREAS:
        for mapper in Base.registry.mappers:
            area = _area_of(mapper.class_)
            if area:
                for table in mapper.tables:
                    _TABLE_AREAS[table.name] = area
    return _TABLE_AREAS.get(table_name)


@event.listens_for(Session, "before_flush")
def _note_flushed_areas(session: Session, _context, _instances) -> None:
    areas = session.info.setdefault(_CHANGED, set())
    for obj in (*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))):
        area = _area_of(type(obj))
        if area:
            areas.add(area)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_areas(orm_execute_state) -> None:
    # insert()/update()/delete() run through the session bypass the flush.
    if not (orm_execute_state.is_insert or orm_execute_state.is_update or orm_execute_state.is_delete):
        return
    table = getattr(orm_execute_state.statement, "table", None)
    area = _table_area(table.name) if table is not None else None
    if area and area != "changes":
        orm_execute_state.session.info.setdefault(_CHANGED, set()).add(area)


@event.listens_for(Session, "before_commit")
def _bump_counters(session: Session) -> None:
    areas = session.info.pop(_CHANGED, None)
    if not areas:
        return
    session.flush()  # what the flush adds is noted before the counters move
    areas |= session.info.pop(_CHANGED, set())
    for area in sorted(areas):  # one order for every transaction
        session.execute(update(ChangeStamp).where(ChangeStamp.area == area)
                        .values(counter=ChangeStamp.counter + 1)
                        .execution_options(synchronize_session=False))


@event.listens_for(Session, "after_rollback")
def _forget_areas(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def change_stamps(session: Session) -> dict[str, int]:
    """{area: counter} as of now; a window compares it with what it saw last to know which lists to
    reload. Cheap: one row per area."""
    return {area: counter for area, counter in session.execute(select(ChangeStamp.area, ChangeStamp.counter))}
