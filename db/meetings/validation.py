"""Validation of persons, groups and meetings, with Czech messages naming the field.

`*_problems` return every problem (the editor shows each under its field, by `Problem.field`, the
attribute name of the record); `validate_*` raise db.errors.ValidationError with (Czech label,
message) pairs, which is what the save functions and the importer report. Field formats (e-mail,
phone) share their wording with the directory (db/validation.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import ValidationError
from db.meetings.models import Meeting, MeetingState, WorkingGroup
from db.meetings.records import GroupRecord, MeetingRecord, PersonRecord
from db.validation import check_email, check_phone

PERSON_LABELS = {
    "title_before": "Titul před jménem", "first_name": "Jméno", "last_name": "Příjmení",
    "title_after": "Titul za jménem", "organisation": "Organizace", "email": "E-mail", "phone": "Telefon",
    "consent_on": "Souhlas se zpracováním údajů",
}
GROUP_LABELS = {
    "name": "Název skupiny", "short_name": "Zkratka", "active": "Působí od–do", "quorum_percent": "Usnášeníschopnost",
    "majority_percent": "Většina pro usnesení", "notice_days": "Lhůta pro pozvánku",
    "meetings_per_year": "Počet jednání za rok", "resolution_pattern": "Číslování usnesení",
    "memberships": "Členové",
}
MEETING_LABELS = {
    "group_id": "Skupina", "number": "Číslo jednání", "date": "Datum", "starts_at": "Začátek",
    "ends_at": "Konec", "place": "Místo", "excuse_by": "Omluvit se do", "agenda": "Program",
    "attendance": "Prezenční listina", "resolutions": "Usnesení", "tasks": "Úkoly",
    "verifier_ids": "Ověřovatelé", "state": "Stav",
}
_TIME_RE = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")


@dataclass(frozen=True)
class Problem:
    field: str     # the record's attribute name
    label: str     # its Czech label
    message: str


def _problem(labels: dict[str, str], name: str, message: str) -> Problem:
    return Problem(name, labels.get(name, name), message)


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError([(p.label, p.message) for p in problems])


def person_problems(record: PersonRecord, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    found: list[tuple[str, str]] = []
    if not record.last_name.strip():
        found.append(("last_name", "Vyplňte příjmení."))
    for name, limit in (("title_before", 50), ("first_name", 100), ("last_name", 100), ("title_after", 50),
                        ("organisation", 300), ("email", 200), ("phone", 200)):
        if len(getattr(record, name).strip()) > limit:
            found.append((name, f"Nejvýše {limit} znaků."))
    for name, message in (("email", check_email(record.email)), ("phone", check_phone(record.phone))):
        if message:
            found.append((name, message))
    if record.consent_on and record.consent_on > today:
        found.append(("consent_on", "Datum souhlasu nemůže být v budoucnosti."))
    return [_problem(PERSON_LABELS, n, m) for n, m in found]


def validate_person(record: PersonRecord) -> None:
    _raise(person_problems(record))


def check_resolution_pattern(pattern: str) -> str | None:
    """The pattern may use {group}, {number}, {year} and {item}; it must contain {item} so that the
    resolutions of one meeting get distinct numbers."""
    try:
        pattern.format(group="PS", number=1, year=2026, item=1)
    except (KeyError, IndexError, ValueError):
        return ("Vzor smí obsahovat jen pole {group}, {number}, {year} a {item}, "
                "např. „{group} {number}/{year}/{item}“.")
    if pattern.format(group="PS", number=1, year=2026, item=1) == pattern.format(
            group="PS", number=1, year=2026, item=2):
        return "Vzor musí obsahovat pořadí usnesení {item}, jinak by usnesení měla stejná čísla."
    return None


def group_problems(session: Session, record: GroupRecord) -> list[Problem]:
    found: list[tuple[str, str]] = []
    name = record.name.strip()
    if not name:
        found.append(("name", "Vyplňte název skupiny."))
    else:
        # SQLite's lower() knows no Czech letters, so the names are compared here.
        others = session.execute(select(WorkingGroup.id, WorkingGroup.name)).all()
        if any(n.casefold() == name.casefold() and i != record.id for i, n in others):
            found.append(("name", f"Skupina „{name}“ už existuje."))
    if record.active_from and record.active_to and record.active_from > record.active_to:
        found.append(("active", "Datum „od“ nesmí být pozdější než „do“."))
    for field_name in ("quorum_percent", "majority_percent"):
        if not 1 <= getattr(record, field_name) <= 100:
            found.append((field_name, "Zadejte procento od 1 do 100."))
    if not 0 <= record.notice_days <= 90:
        found.append(("notice_days", "Zadejte počet dní od 0 do 90."))
    if not 0 <= record.meetings_per_year <= 52:
        found.append(("meetings_per_year", "Zadejte počet jednání od 0 do 52."))
    message = check_resolution_pattern(record.resolution_pattern)
    if message:
        found.append(("resolution_pattern", message))
    for index, m in enumerate(record.memberships, start=1):
        who = m.person_name or f"Člen č. {index}"
        if m.person_id is None:
            found.append(("memberships", f"Řádek {index}: vyberte osobu."))
        elif m.valid_from and m.valid_to and m.valid_from > m.valid_to:
            found.append(("memberships", f"{who}: členství nemůže skončit dříve, než začalo."))
    found += _overlapping_memberships(record)
    return [_problem(GROUP_LABELS, n, m) for n, m in found]


def _overlapping_memberships(record: GroupRecord) -> list[tuple[str, str]]:
    """A person may sit in a group several times (left and came back), but never twice at once."""
    found = []
    by_person: dict[int, list] = {}
    for m in record.memberships:
        if m.person_id is not None:
            by_person.setdefault(m.person_id, []).append(m)
    for seats in by_person.values():
        seats.sort(key=lambda m: m.valid_from or dt.date.min)
        for earlier, later in zip(seats, seats[1:]):
            if earlier.valid_to is None or later.valid_from is None or earlier.valid_to >= later.valid_from:
                who = earlier.person_name or later.person_name or "Osoba"
                found.append(("memberships", f"{who} je ve skupině uveden(a) dvakrát ve stejném období."))
                break
    return found


def validate_group(session: Session, record: GroupRecord) -> None:
    _raise(group_problems(session, record))


def meeting_problems(session: Session, record: MeetingRecord, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    found: list[tuple[str, str]] = []
    if record.group_id is None:
        found.append(("group_id", "Vyberte skupinu."))
    if record.date is None:
        found.append(("date", "Vyplňte datum jednání."))
    if record.number < 1:
        found.append(("number", "Číslo jednání musí být kladné."))
    elif record.group_id is not None and record.date is not None:
        query = select(Meeting.id).where(Meeting.group_id == record.group_id,
                                         Meeting.year == record.date.year, Meeting.number == record.number)
        if record.id is not None:
            query = query.where(Meeting.id != record.id)
        if session.scalars(query).first() is not None:
            found.append(("number", f"Jednání č. {record.number}/{record.date.year} už ve skupině existuje."))
    for name in ("starts_at", "ends_at"):
        value = getattr(record, name).strip()
        if value and not _TIME_RE.fullmatch(value):
            found.append((name, f"Čas „{value}“ zadejte jako hodiny:minuty, např. 14:00."))
    if (_TIME_RE.fullmatch(record.starts_at.strip()) and _TIME_RE.fullmatch(record.ends_at.strip())
            and _minutes(record.ends_at) <= _minutes(record.starts_at)):
        found.append(("ends_at", "Konec jednání musí být později než začátek."))
    if record.state in (MeetingState.HELD, MeetingState.APPROVED) and record.date and record.date > today:
        found.append(("state", f"Jednání je naplánováno na {record.date.day}. {record.date.month}. "
                               f"{record.date.year}; jako proběhlé je lze označit až v ten den."))
    if record.excuse_by and record.date and record.excuse_by > record.date:
        found.append(("excuse_by", "Omluvit se lze nejpozději v den jednání."))
    if len(record.place.strip()) > 300:
        found.append(("place", "Nejvýše 300 znaků."))
    found += _agenda_problems(record)
    found += _attendance_problems(record)
    return [_problem(MEETING_LABELS, n, m) for n, m in found]


def _minutes(value: str) -> int:
    hours, minutes = value.strip().split(":")
    return int(hours) * 60 + int(minutes)


def _agenda_problems(record: MeetingRecord) -> list[tuple[str, str]]:
    found = []
    for index, item in enumerate(record.agenda, start=1):
        where = f"Bod {index}"
        if not item.title.strip():
            found.append(("agenda", f"{where}: vyplňte název bodu programu."))
        if item.planned_minutes is not None and not 0 <= item.planned_minutes <= 600:
            found.append(("agenda", f"{where}: plánovaná délka musí být 0 až 600 minut."))
        for r_index, resolution in enumerate(item.resolutions, start=1):
            what = f"{where}, usnesení {r_index}"
            if not resolution.text.strip():
                found.append(("resolutions", f"{what}: vyplňte text usnesení."))
            votes = (resolution.votes_for, resolution.votes_against, resolution.votes_abstained)
            if any(v is not None and v < 0 for v in votes):
                found.append(("resolutions", f"{what}: počty hlasů nesmějí být záporné."))
        for t_index, task in enumerate(item.tasks, start=1):
            what = f"{where}, úkol {t_index}"
            if not task.description.strip():
                found.append(("tasks", f"{what}: popište, co je třeba udělat."))
            if task.responsible_person_id is None and not task.responsible_text.strip():
                found.append(("tasks", f"{what}: uveďte, kdo úkol splní (osobu nebo organizaci)."))
    return found


def _attendance_problems(record: MeetingRecord) -> list[tuple[str, str]]:
    found = []
    seen: set[int] = set()
    for line in record.attendance:
        if line.is_guest:
            if not line.guest_name.strip():
                found.append(("attendance", "U každého hosta vyplňte jméno."))
        elif line.person_id is None:
            found.append(("attendance", "Řádek prezenční listiny bez osoby."))
        elif line.person_id in seen:
            found.append(("attendance", f"{line.person_name or 'Osoba'} je v prezenční listině dvakrát."))
        else:
            seen.add(line.person_id)
    return found


def validate_meeting(session: Session, record: MeetingRecord) -> None:
    _raise(meeting_problems(session, record))
