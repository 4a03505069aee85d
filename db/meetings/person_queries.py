"""Persons of the working groups: list, load, save, delete (refused with history) or deactivate;
picking a person from a provider of the directory."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.collation import czech_sorted
from db.directory.models import Provider
from db.errors import UserError
from db.meetings.common import apply_values, display, normalize_record, sort_name
from db.meetings.models import Attendance, Meeting, Membership, Person, Task, TriadRole, meeting_verifier
from db.meetings.records import PersonRecord
from db.meetings.rules import membership_valid_on
from db.meetings.validation import validate_person
from db.runtime import current_user
from db.versioning import claim


@dataclass
class PersonRow:
    id: int
    name: str            # "Mgr. Jana Nováková"
    sort_name: str       # "Nováková Jana"
    organisation: str
    triad_role: TriadRole
    email: str
    phone: str
    active: bool
    groups: list[str] = field(default_factory=list)   # groups the person sits in today, Czech order


def list_people(session: Session, active_only: bool = False, today: dt.date | None = None) -> list[PersonRow]:
    """All persons in Czech order by surname and name, with the groups they sit in on `today`."""
    today = today or dt.date.today()
    query = select(Person).options(selectinload(Person.memberships).joinedload(Membership.group))
    if active_only:
        query = query.where(Person.active.is_(True))
    rows = []
    for p in session.scalars(query).unique():
        groups = czech_sorted({m.group.name for m in p.memberships
                               if membership_valid_on(m.valid_from, m.valid_to, today)})
        rows.append(PersonRow(p.id, display(p), sort_name(p), p.organisation, p.triad_role, p.email,
                              p.phone, p.active, groups))
    return czech_sorted(rows, key=lambda r: r.sort_name)


def load_person(session: Session, person_id: int) -> PersonRecord:
    p = session.get(Person, person_id)
    if p is None:
        raise UserError("Osoba už v evidenci není (mezitím byla smazána).")
    return PersonRecord(
        id=p.id, title_before=p.title_before, first_name=p.first_name, last_name=p.last_name,
        title_after=p.title_after, organisation=p.organisation, provider_id=p.provider_id,
        triad_role=p.triad_role, email=p.email, phone=p.phone, note=p.note, consent_on=p.consent_on,
        active=p.active, changed_by=p.changed_by, changed_at=p.changed_at, version=p.version)


def _person_values(r: PersonRecord) -> dict:
    return {
        "title_before": r.title_before.strip(), "first_name": r.first_name.strip(),
        "last_name": r.last_name.strip(), "title_after": r.title_after.strip(),
        "organisation": r.organisation.strip(), "provider_id": r.provider_id, "triad_role": r.triad_role,
        "email": r.email.strip(), "phone": r.phone.strip(), "note": r.note.strip(),
        "consent_on": r.consent_on, "active": r.active,
    }


def save_person(session: Session, record: PersonRecord, user: str | None = None) -> int:
    """Validate and write a person; returns its id and sets `record.version` to the stored version.
    Raises ValidationError (Czech, per field), RecordConflict when someone saved the person after
    `record` was loaded (db/versioning.py)."""
    claim(session, Person, record.id, record.version, load_person, f"Osobu „{record.display_name}“")
    normalize_record(record)
    validate_person(record)
    if record.provider_id is not None and session.get(Provider, record.provider_id) is None:
        raise UserError("Poskytovatel, u kterého osoba pracuje, už v adresáři není (mezitím byl smazán). "
                        "Vyberte organizaci znovu.")
    if record.id is None:
        person = Person()
        session.add(person)
    else:
        person = session.get(Person, record.id)
        if person is None:
            raise UserError(f"Osoba „{record.display_name}“ už v evidenci není (mezitím byla smazána).")
    if apply_values(person, _person_values(record)) or record.id is None:
        person.changed_by, person.changed_at = user or current_user(), now_to_the_second()
    session.flush()
    record.version = person.version
    return person.id


def person_history(session: Session, person_id: int) -> list[str]:
    """What keeps a person in the records, in Czech ("3 jednání", …); empty = may be deleted."""
    counts = [
        (select(func.count()).select_from(Attendance).where(Attendance.person_id == person_id),
         "účast na jednáních"),
        (select(func.count()).select_from(Task).where(Task.responsible_person_id == person_id), "úkoly"),
        (select(func.count()).select_from(Meeting).where(or_(Meeting.chair_id == person_id,
                                                             Meeting.minute_taker_id == person_id)),
         "řízení nebo zápis jednání"),
        (select(func.count()).select_from(meeting_verifier).where(meeting_verifier.c.person_id == person_id),
         "ověření zápisu"),
    ]
    return [label for query, label in counts if session.scalar(query)]


def delete_person(session: Session, person_id: int) -> None:
    """Delete a person without history, with their memberships.

    Raises UserError when the person attended a meeting, chaired or wrote one, verified minutes or has
    a task: the minutes keep their name, so the clerk marks them "no longer active"
    (`deactivate_person`) instead.
    """
    person = session.get(Person, person_id)
    if person is None:
        return
    history = person_history(session, person_id)
    if history:
        raise UserError(
            f"Osobu „{display(person)}“ nelze smazat, protože má v evidenci: {', '.join(history)}. "
            "Zápisy musí její jméno zachovat; označte ji místo toho jako neaktivní.")
    for membership in list(person.memberships):
        session.delete(membership)
    session.delete(person)


def deactivate_person(session: Session, person_id: int, day: dt.date | None = None,
                      user: str | None = None) -> None:
    """Mark a person no longer active: memberships running on `day` (default today) end that day, and
    seats that would only start later are dropped."""
    person = session.get(Person, person_id)
    if person is None:
        raise UserError("Osoba už v evidenci není (mezitím byla smazána).")
    day = day or dt.date.today()
    person.active = False
    for m in list(person.memberships):
        if m.valid_from is not None and m.valid_from > day:
            session.delete(m)
        elif m.valid_to is None or m.valid_to > day:
            m.valid_to = day
    person.changed_by, person.changed_at = user or current_user(), now_to_the_second()


@dataclass
class ProviderChoice:
    """A provider of the directory to pick a person's organisation from."""

    id: int
    name: str
    town: str
    email: str
    phone: str
    contacts: list[str] = field(default_factory=list)   # contact persons named at its services


def provider_choices(session: Session) -> list[ProviderChoice]:
    """The directory's providers in Czech order, with their services' contact persons."""
    providers = session.scalars(select(Provider).options(selectinload(Provider.services))).all()
    choices = []
    for p in providers:
        contacts = czech_sorted({s.contact_person.strip() for s in p.services if s.contact_person.strip()})
        choices.append(ProviderChoice(p.id, p.name, p.town, p.email, p.phone, contacts))
    return czech_sorted(choices, key=lambda c: c.name)


def person_from_provider(session: Session, provider_id: int, contact: str = "") -> PersonRecord:
    """A new person record for someone of a directory provider: organisation, provider link, triad role
    "poskytovatel" filled in; `contact` ("Mgr. Jana Nováková") is split into title, name and surname."""
    provider = session.get(Provider, provider_id)
    if provider is None:
        raise UserError("Poskytovatel už v adresáři není (mezitím byl smazán).")
    record = PersonRecord(organisation=provider.name, provider_id=provider.id, triad_role=TriadRole.PROVIDER)
    record.title_before, record.first_name, record.last_name, record.title_after = split_name(contact)
    return record


_TITLES_BEFORE = {"bc.", "mgr.", "ing.", "mudr.", "phdr.", "judr.", "rndr.", "paeddr.", "doc.", "prof.",
                  "mga.", "ing. arch.", "thdr.", "thmgr.", "mvdr.", "pharmdr.", "bca.", "dis."}


def split_name(text: str) -> tuple[str, str, str, str]:
    """("Mgr.", "Jana", "Nováková", "DiS.") from "Mgr. Jana Nováková, DiS."; a lone word is the
    surname. Titles are recognised by a trailing dot; what follows a comma is the title after."""
    text = " ".join((text or "").split())
    main, _, after = text.partition(",")
    words = main.split()
    before = []
    while words and words[0].endswith(".") and len(words) > 1:
        before.append(words.pop(0))
    while words and words[-1].endswith(".") and words[-1].lower() in _TITLES_BEFORE | {"ph.d.", "csc."}:
        after = (words.pop() + (" " + after.strip() if after.strip() else "")).strip()
    if not words:
        return " ".join(before), "", "", after.strip()
    return " ".join(before), " ".join(words[:-1]), words[-1], after.strip()
