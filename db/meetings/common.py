"""Helpers the query modules of db.meetings share: names as printed, values applied to a row, lookups."""
from __future__ import annotations

from dataclasses import fields, is_dataclass

from sqlalchemy.orm import Session

from db.errors import UserError
from db.meetings.models import Meeting, Person
from db.meetings.records import person_name
from db.text import normalize_text


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


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError(f"Jednání č. {meeting_id} v evidenci není (mohlo být mezitím smazáno).")
    return meeting


# Fields that keep their line breaks; every other text field is one line.
_MULTILINE_FIELDS = {"note", "notes", "description", "minutes_text", "text"}


def normalize_record(record) -> None:
    """Clean every text of a record and of the records it holds, in place (db.text.normalize_text):
    what the clerk pasted from Word or a web page is stored without invisible marks and odd spaces,
    and validation sees what will be stored. Ids, dates and enums are left alone."""
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            setattr(record, item.name, normalize_text(value, multiline=item.name in _MULTILINE_FIELDS))
        elif isinstance(value, list):
            for element in value:
                if is_dataclass(element):
                    normalize_record(element)
