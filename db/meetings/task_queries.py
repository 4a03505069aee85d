"""Tasks and resolutions across groups (overviews, overdue), and the search of the tab."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.collation import czech_key, fold
from db.meetings.models import (
    AgendaItem, Meeting, Person, Resolution, Task, TaskReview, TaskState, WorkingGroup,
)
from db.meetings.person_queries import list_people
from db.meetings.records import TaskHistoryLine, meeting_label, person_name


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
    overdue: bool           # open (not a standing "trvá" task) and past due on the day asked about
    note: str
    history: list[TaskHistoryLine] = field(default_factory=list)


def _histories(session: Session, filters: list) -> dict[int, list[TaskHistoryLine]]:
    """Every task's reviews, meeting by meeting, for the tasks the filters select."""
    query = (select(TaskReview.task_id, Meeting.id, Meeting.number, Meeting.year, Meeting.date, TaskReview.state,
                    TaskReview.note).join(TaskReview.meeting).join(Task, Task.id == TaskReview.task_id)
             .where(*filters).order_by(Meeting.date, Meeting.id))
    history: dict[int, list[TaskHistoryLine]] = {}
    for task_id, meeting_id, number, year, day, state, note in session.execute(query):
        history.setdefault(task_id, []).append(TaskHistoryLine(meeting_id, meeting_label(number, year), day, state,
                                                               note))
    return history


def list_tasks(session: Session, group_id: int | None = None, state: TaskState | tuple[TaskState, ...] | None = None,
               overdue_on: dt.date | None = None, today: dt.date | None = None) -> list[TaskRow]:
    """Tasks by group (Czech order), then by due date. `state` narrows to one or several states;
    `overdue_on` keeps only open tasks due before that day (a standing task, "trvá", is never overdue)."""
    today = overdue_on or today or dt.date.today()
    filters = []
    if group_id is not None:
        filters.append(Task.group_id == group_id)
    if state is not None:
        filters.append(Task.state.in_(state if isinstance(state, tuple) else (state,)))
    # Plain columns, two queries: the overview lists years of tasks with their history.
    query = (select(Task.id, Task.group_id, WorkingGroup.name, Meeting.id, Meeting.number, Meeting.year, Meeting.date,
                    Task.description, Person.title_before, Person.first_name, Person.last_name, Person.title_after,
                    Task.responsible_text, Task.due_on, Task.state, Task.closed_on, Task.note)
             .join(Task.group).join(Task.agenda_item).join(AgendaItem.meeting)
             .outerjoin(Person, Person.id == Task.responsible_person_id).where(*filters))
    history = _histories(session, filters)
    rows = []
    for (task_id, group, group_name, meeting_id, number, year, day, description, *names, text, due_on, task_state,
         closed_on, note) in session.execute(query):
        rows.append(TaskRow(
            task_id, group, group_name, meeting_id, meeting_label(number, year), day, description,
            (person_name(*names) if names[2] else "") or text, due_on, task_state, closed_on,
            task_state is TaskState.OPEN and due_on is not None and due_on < today, note,
            history.get(task_id, [])))
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
    """Resolutions (evidence usnesení) by group in Czech order, then by date and their order in the meeting."""
    query = (select(Resolution.id, WorkingGroup.id, WorkingGroup.name, Meeting.id, Meeting.number, Meeting.year,
                    Meeting.date, Resolution.number, Resolution.text, Resolution.votes_for, Resolution.votes_against,
                    Resolution.votes_abstained, Resolution.adopted, AgendaItem.title, AgendaItem.position,
                    Resolution.position)
             .join(Resolution.agenda_item).join(AgendaItem.meeting).join(Meeting.group))
    if group_id is not None:
        query = query.where(Meeting.group_id == group_id)
    if year is not None:
        query = query.where(Meeting.year == year)
    found = []
    for (resolution_id, group, group_name, meeting_id, number, meeting_year, day, *outcome, title, item_position,
         position) in session.execute(query):
        row = ResolutionRow(resolution_id, group, group_name, meeting_id, meeting_label(number, meeting_year), day,
                            *outcome, title)
        found.append(((czech_key(group_name), day, meeting_id, item_position, position), row))
    return [row for _key, row in sorted(found, key=lambda pair: pair[0])]


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
    for r in sorted(list_resolutions(session), key=lambda r: (r.date, r.id), reverse=True):
        if matches(r.number, r.text):
            hits.append(SearchHit("resolution", "Usnesení", r.id, f"{r.number}: {r.text}",
                                  f"{r.group_name}, jednání {r.meeting_label}", r.group_id, r.meeting_id))
    hits += _task_hits(session, matches)
    hits += _meeting_hits(session, matches)
    return hits[:limit]


def _task_hits(session: Session, matches) -> list[SearchHit]:
    # Plain columns, not ORM objects: the search runs on every keystroke over years of tasks.
    query = (select(Task.id, Task.description, Task.responsible_text, Task.note, Person.title_before,
                    Person.first_name, Person.last_name, Person.title_after, Meeting.id, Meeting.number,
                    Meeting.year, WorkingGroup.id, WorkingGroup.name)
             .join(Task.agenda_item).join(AgendaItem.meeting).join(Meeting.group)
             .outerjoin(Person, Person.id == Task.responsible_person_id)
             .order_by(Meeting.date.desc(), Task.id))
    hits = []
    for task_id, description, text, note, *names, meeting_id, number, year, group_id, group in session.execute(query):
        who = (person_name(*names) if names[2] else "") or text
        if matches(description, who, text, note):
            hits.append(SearchHit("task", "Úkol", task_id, description,
                                  f"{group}, jednání {meeting_label(number, year)}, {who}", group_id, meeting_id))
    return hits


def _meeting_hits(session: Session, matches) -> list[SearchHit]:
    agenda: dict[int, list[str]] = {}
    for meeting_id, title, notes in session.execute(select(AgendaItem.meeting_id, AgendaItem.title, AgendaItem.notes)):
        agenda.setdefault(meeting_id, []).append(f"{title} {notes}")
    query = (select(Meeting.id, Meeting.number, Meeting.year, Meeting.date, Meeting.place, Meeting.notes,
                    WorkingGroup.id, WorkingGroup.name).join(Meeting.group).order_by(Meeting.date.desc()))
    hits = []
    for meeting_id, number, year, day, place, notes, group_id, group in session.execute(query):
        if matches(place, notes, *agenda.get(meeting_id, ())):
            hits.append(SearchHit("meeting", "Jednání", meeting_id, f"{group} {meeting_label(number, year)}",
                                  f"{day.day}. {day.month}. {day.year}, {place}", group_id, meeting_id))
    return hits
