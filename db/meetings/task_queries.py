"""Tasks and resolutions across groups (overviews, overdue), and the search of the tab."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.collation import czech_key, fold
from db.meetings.common import display, origin_meeting, task_history
from db.meetings.models import AgendaItem, Meeting, Resolution, Task, TaskState, WorkingGroup
from db.meetings.person_queries import list_people
from db.meetings.records import OPEN_TASK_STATES, TaskHistoryLine, meeting_label


@dataclass
class TaskRow:
    id: int
    group_id: int
    group_name: str
    meeting_id: int
    meeting_label: str      # where the task was given
    meeting_date: dt.date
    description: str
    responsible: str
    due_on: dt.date | None
    state: TaskState
    closed_on: dt.date | None
    overdue: bool           # open and past due on the day asked about
    note: str
    history: list[TaskHistoryLine] = field(default_factory=list)


def _task_row(task: Task, today: dt.date) -> TaskRow:
    origin = origin_meeting(task)
    responsible = display(task.responsible_person) or task.responsible_text
    return TaskRow(task.id, task.group_id, task.group.name, origin.id, meeting_label(origin.number, origin.year),
                   origin.date, task.description, responsible, task.due_on, task.state, task.closed_on,
                   task.state in OPEN_TASK_STATES and task.due_on is not None and task.due_on < today,
                   task.note, task_history(task))


def list_tasks(session: Session, group_id: int | None = None, state: TaskState | tuple[TaskState, ...] | None = None,
               overdue_on: dt.date | None = None, today: dt.date | None = None) -> list[TaskRow]:
    """Tasks by group (Czech order), then by due date. `state` narrows to one or several states;
    `overdue_on` keeps only tasks still open and due before that day."""
    today = overdue_on or today or dt.date.today()
    query = select(Task).options(selectinload(Task.reviews), selectinload(Task.group))
    if group_id is not None:
        query = query.where(Task.group_id == group_id)
    if state is not None:
        query = query.where(Task.state.in_(state if isinstance(state, tuple) else (state,)))
    rows = [_task_row(t, today) for t in session.scalars(query)]
    if overdue_on is not None:
        rows = [r for r in rows if r.overdue]
    return sorted(rows, key=lambda r: (czech_key(r.group_name), r.due_on or dt.date.max, r.meeting_date, r.id))


@dataclass
class ResolutionRow:
    id: int
    group_id: int
    group_name: str
    meeting_id: int
    meeting_label: str
    date: dt.date
    number: str
    text: str
    votes_for: int | None
    votes_against: int | None
    votes_abstained: int | None
    adopted: bool | None
    agenda_title: str


def list_resolutions(session: Session, group_id: int | None = None, year: int | None = None) -> list[ResolutionRow]:
    """Resolutions (evidence usnesení) by group in Czech order, then by date and order."""
    query = (select(Resolution, AgendaItem, Meeting, WorkingGroup)
             .join(Resolution.agenda_item).join(AgendaItem.meeting).join(Meeting.group))
    if group_id is not None:
        query = query.where(Meeting.group_id == group_id)
    if year is not None:
        query = query.where(Meeting.year == year)
    rows = [ResolutionRow(r.id, g.id, g.name, m.id, meeting_label(m.number, m.year), m.date, r.number, r.text,
                          r.votes_for, r.votes_against, r.votes_abstained, r.adopted, i.title)
            for r, i, m, g in session.execute(query)]
    return sorted(rows, key=lambda r: (czech_key(r.group_name), r.date, r.meeting_id, r.id))


@dataclass
class SearchHit:
    kind: str            # "person", "resolution", "task", "meeting"
    kind_label: str      # "Osoba", "Usnesení", "Úkol", "Jednání"
    id: int
    title: str
    detail: str          # group and meeting, or organisation
    group_id: int | None = None
    meeting_id: int | None = None


def search(session: Session, text: str, limit: int = 200) -> list[SearchHit]:
    """Persons, resolutions, tasks and meetings (agenda, notes) of all groups containing every word of
    `text`, case and diacritics ignored (db.collation.fold). Persons first, then by kind, newest first."""
    words = fold(text).split()
    if not words:
        return []

    def matches(*parts: str) -> bool:
        haystack = fold(" ".join(p or "" for p in parts))
        return all(w in haystack for w in words)

    hits: list[SearchHit] = []
    for row in list_people(session):
        if matches(row.name, row.organisation, row.email, row.phone):
            hits.append(SearchHit("person", "Osoba", row.id, row.name,
                                  ", ".join(x for x in (row.organisation, ", ".join(row.groups)) if x)))
    for r in reversed(list_resolutions(session)):
        if matches(r.number, r.text):
            hits.append(SearchHit("resolution", "Usnesení", r.id, f"{r.number}: {r.text}",
                                  f"{r.group_name}, jednání {r.meeting_label}", r.group_id, r.meeting_id))
    for t in sorted(list_tasks(session), key=lambda t: t.meeting_date, reverse=True):
        if matches(t.description, t.responsible, t.note):
            hits.append(SearchHit("task", "Úkol", t.id, t.description,
                                  f"{t.group_name}, jednání {t.meeting_label}, {t.responsible}", t.group_id,
                                  t.meeting_id))
    meetings = session.scalars(select(Meeting).options(selectinload(Meeting.agenda), selectinload(Meeting.group))
                               .order_by(Meeting.date.desc())).all()
    for m in meetings:
        if matches(m.place, m.notes, *(f"{i.title} {i.notes}" for i in m.agenda)):
            hits.append(SearchHit("meeting", "Jednání", m.id, f"{m.group.name} {meeting_label(m.number, m.year)}",
                                  f"{m.date.day}. {m.date.month}. {m.date.year}, {m.place}", m.group_id, m.id))
    return hits[:limit]
