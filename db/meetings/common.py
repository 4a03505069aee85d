"""Helpers the query modules of db.meetings share: names as printed, the "changed" stamp, lookups."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.errors import UserError
from db.meetings.models import Attendance, Meeting, Person, Task, TaskState
from db.meetings.records import TaskHistoryLine, TaskRecord, meeting_label, person_name





CLOSED_TASK_STATES = (TaskState.DONE, TaskState.CANCELLED)


def stamp_now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def sort_name(p: Person) -> str:
    """"Nováková Jana": what a list of persons is ordered by."""
    return f"{p.last_name} {p.first_name}".strip()


def display(p: Person | None) -> str:
    return person_name(p.title_before, p.first_name, p.last_name, p.title_after) if p else ""


def apply_values(target, values: dict) -> bool:
    changed = any(getattr(target, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(target, name, value)
    return changed


def attended_group(session: Session, person_id: int, group_id: int) -> bool:
    return bool(session.scalar(select(exists().where(
        Attendance.person_id == person_id, Attendance.meeting_id == Meeting.id, Meeting.group_id == group_id))))


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError(f"Jednání č. {meeting_id} v evidenci není (mohlo být mezitím smazáno).")
    return meeting


def task_record(task: Task) -> TaskRecord:
    return TaskRecord(task.id, task.description, task.responsible_person_id, task.responsible_text, task.due_on,
                      task.state, task.note, task.closed_on, task_history(task))


def task_history(task: Task) -> list[TaskHistoryLine]:
    reviews = sorted(task.reviews, key=lambda r: (r.meeting.date, r.meeting.id))
    return [TaskHistoryLine(r.meeting_id, meeting_label(r.meeting.number, r.meeting.year), r.meeting.date,
                            r.state, r.note) for r in reviews]


def origin_meeting(task: Task) -> Meeting:
    return task.agenda_item.meeting
