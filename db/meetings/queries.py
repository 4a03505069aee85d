"""Queries and commands of the working-groups tab: persons, groups, members, meetings, tasks, search.

Every function takes a Session first and is meant for `Database.read` / `Database.write` (one
transaction per write). Lists a person reads come in Czech order (db.collation). Saving validates
first (db.meetings.validation) and writes nothing when a record is invalid.

Tasks are carried over: a task given at a meeting is open until a later meeting's review ("Kontrola
úkolů") marks it done or cancelled; each review is kept as a TaskReview, so the task's history can be
read meeting by meeting.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from db.codelists import TargetGroup
from db.collation import czech_key, czech_sorted, fold
from db.directory.models import Provider
from db.errors import UserError, ValidationError
from db.meetings.models import (
    AgendaItem, Attendance, AttendanceState, FundingStrip, GroupKind, Meeting, MeetingState, Membership,
    MembershipRole, Person, Resolution, Task, TaskReview, TaskState, TriadRole, WorkingGroup,
    meeting_verifier,
)
from db.meetings.records import (
    OPEN_TASK_STATES, TASK_REVIEW_TITLE, AgendaItemRecord, AttendanceRecord, GroupRecord, MeetingRecord,
    MembershipRecord, PersonRecord, ResolutionRecord, StripRecord, TaskHistoryLine, TaskRecord,
    TaskReviewRecord, meeting_label, person_name,
)
from db.meetings.rules import GroupRules, membership_valid_on, resolution_outcome, voting_counts
from db.meetings.validation import validate_group, validate_meeting, validate_person
from db.runtime import current_user

CLOSED_TASK_STATES = (TaskState.DONE, TaskState.CANCELLED)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _sort_name(p: Person) -> str:
    """"Nováková Jana": what a list of persons is ordered by."""
    return f"{p.last_name} {p.first_name}".strip()


def _display(p: Person | None) -> str:
    return person_name(p.title_before, p.first_name, p.last_name, p.title_after) if p else ""


# -- persons ---------------------------------------------------------------------------------------
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
        rows.append(PersonRow(p.id, _display(p), _sort_name(p), p.organisation, p.triad_role, p.email,
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
        active=p.active, changed_by=p.changed_by, changed_at=p.changed_at)


def _person_values(r: PersonRecord) -> dict:
    return {
        "title_before": r.title_before.strip(), "first_name": r.first_name.strip(),
        "last_name": r.last_name.strip(), "title_after": r.title_after.strip(),
        "organisation": r.organisation.strip(), "provider_id": r.provider_id, "triad_role": r.triad_role,
        "email": r.email.strip(), "phone": r.phone.strip(), "note": r.note.strip(),
        "consent_on": r.consent_on, "active": r.active,
    }


def _apply(target, values: dict) -> bool:
    changed = any(getattr(target, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(target, name, value)
    return changed


def save_person(session: Session, record: PersonRecord, user: str | None = None) -> int:
    """Validate and write a person; returns its id. Raises ValidationError (Czech, per field)."""
    validate_person(record)
    if record.id is None:
        person = Person()
        session.add(person)
    else:
        person = session.get(Person, record.id)
        if person is None:
            raise UserError(f"Osoba „{record.display_name}“ už v evidenci není (mezitím byla smazána).")
    if _apply(person, _person_values(record)) or record.id is None:
        person.changed_by, person.changed_at = user or current_user(), _now()
    session.flush()
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
            f"Osobu „{_display(person)}“ nelze smazat, protože má v evidenci: {', '.join(history)}. "
            "Zápisy musí její jméno zachovat; označte ji místo toho jako neaktivní.")
    for membership in list(person.memberships):
        session.delete(membership)
    session.delete(person)


def deactivate_person(session: Session, person_id: int, day: dt.date | None = None,
                      user: str | None = None) -> None:
    """Mark a person no longer active and end their open memberships on `day` (default today)."""
    person = session.get(Person, person_id)
    if person is None:
        raise UserError("Osoba už v evidenci není (mezitím byla smazána).")
    day = day or dt.date.today()
    person.active = False
    for m in person.memberships:
        if m.valid_to is None or m.valid_to > day:
            m.valid_to = max(day, m.valid_from) if m.valid_from else day
    person.changed_by, person.changed_at = user or current_user(), _now()


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


# -- groups and members ----------------------------------------------------------------------------
@dataclass
class GroupRow:
    id: int
    name: str
    short_name: str
    kind: GroupKind
    member_count: int                 # members valid today (guests included, as the tab lists them)
    voting_count: int                 # of them with a vote
    next_meeting: dt.date | None      # the first meeting from today on that is not cancelled
    open_task_count: int
    active: bool                      # within its active from–to today


def list_groups(session: Session, today: dt.date | None = None) -> list[GroupRow]:
    """All groups: the steering group first, then working groups and others, each in Czech order."""
    today = today or dt.date.today()
    groups = session.scalars(select(WorkingGroup).options(selectinload(WorkingGroup.memberships))).all()
    next_dates = dict(session.execute(
        select(Meeting.group_id, func.min(Meeting.date))
        .where(Meeting.date >= today, Meeting.state != MeetingState.CANCELLED).group_by(Meeting.group_id)).all())
    open_counts = dict(session.execute(
        select(Task.group_id, func.count()).where(Task.state.in_(OPEN_TASK_STATES)).group_by(Task.group_id)).all())
    rows = []
    for g in groups:
        current = [m for m in g.memberships if membership_valid_on(m.valid_from, m.valid_to, today)]
        rows.append(GroupRow(
            g.id, g.name, g.short_name, g.kind, len(current),
            sum(1 for m in current if m.voting and m.role is not MembershipRole.GUEST),
            next_dates.get(g.id), open_counts.get(g.id, 0),
            membership_valid_on(g.active_from, g.active_to, today)))
    kind_order = {GroupKind.STEERING: 0, GroupKind.WORKING: 1, GroupKind.OTHER: 2}
    return sorted(rows, key=lambda r: (kind_order[r.kind], czech_key(r.name)))


def find_group(session: Session, text: str) -> WorkingGroup:
    """A group by id, name or short name (case and diacritics ignored), for the command line.

    Raises UserError naming the groups when none or several match."""
    text = text.strip()
    if text.isdigit():
        group = session.get(WorkingGroup, int(text))
        if group is not None:
            return group
    groups = session.scalars(select(WorkingGroup)).all()
    exact = [g for g in groups if fold(text) in (fold(g.name), fold(g.short_name))]
    if len(exact) == 1:
        return exact[0]
    partial = [g for g in groups if fold(text) in fold(g.name) or fold(text) in fold(g.short_name)]
    if len(partial) == 1:
        return partial[0]
    names = ", ".join(f"„{g.name}“" for g in czech_sorted(partial or groups, key=lambda g: g.name))
    if partial:
        raise UserError(f"Zadání „{text}“ odpovídá více skupinám: {names}. Upřesněte název.")
    raise UserError(f"Skupina „{text}“ neexistuje. Skupiny v databázi: {names or 'žádné'}.")


def _membership_record(m: Membership) -> MembershipRecord:
    return MembershipRecord(m.id, m.person_id, m.role, m.voting, m.valid_from, m.valid_to,
                            _display(m.person), m.person.organisation)


def load_group(session: Session, group_id: int) -> GroupRecord:
    g = session.get(WorkingGroup, group_id)
    if g is None:
        raise UserError("Skupina už v evidenci není (mezitím byla smazána).")
    memberships = czech_sorted(g.memberships, key=lambda m: _sort_name(m.person))
    return GroupRecord(
        id=g.id, name=g.name, short_name=g.short_name, kind=g.kind, description=g.description,
        active_from=g.active_from, active_to=g.active_to, target_group_ids=[t.id for t in g.target_groups],
        quorum_percent=g.quorum_percent, quorum_strict=g.quorum_strict, majority_percent=g.majority_percent,
        majority_strict=g.majority_strict, majority_base=g.majority_base, tie_chair_decides=g.tie_chair_decides,
        notice_days=g.notice_days, meetings_per_year=g.meetings_per_year,
        resolution_pattern=g.resolution_pattern, funding_strip_id=g.funding_strip_id,
        memberships=[_membership_record(m) for m in memberships],
        changed_by=g.changed_by, changed_at=g.changed_at)


def _group_values(r: GroupRecord) -> dict:
    return {
        "name": r.name.strip(), "short_name": r.short_name.strip(), "kind": r.kind,
        "description": r.description.strip(), "active_from": r.active_from, "active_to": r.active_to,
        "quorum_percent": r.quorum_percent, "quorum_strict": r.quorum_strict,
        "majority_percent": r.majority_percent, "majority_strict": r.majority_strict,
        "majority_base": r.majority_base, "tie_chair_decides": r.tie_chair_decides,
        "notice_days": r.notice_days, "meetings_per_year": r.meetings_per_year,
        "resolution_pattern": r.resolution_pattern.strip(), "funding_strip_id": r.funding_strip_id,
    }


def save_group(session: Session, record: GroupRecord, user: str | None = None) -> int:
    """Validate and write a group with its complete list of memberships; returns the group id.

    Memberships missing from `record.memberships` are deleted, except those of persons listed on an
    attendance sheet of the group: their seat is history, so the clerk ends it with a date instead
    (UserError).
    """
    validate_group(session, record)
    if record.id is None:
        group = WorkingGroup()
        session.add(group)
    else:
        group = session.get(WorkingGroup, record.id)
        if group is None:
            raise UserError(f"Skupina „{record.name}“ už v evidenci není (mezitím byla smazána).")
    changed = _apply(group, _group_values(record))
    target_ids = sorted(set(record.target_group_ids))
    if target_ids != sorted(t.id for t in group.target_groups):
        group.target_groups = list(session.scalars(select(TargetGroup).where(TargetGroup.id.in_(target_ids))))
        changed = True
    changed = _save_memberships(session, group, record.memberships) or changed
    if changed or record.id is None:
        group.changed_by, group.changed_at = user or current_user(), _now()
    session.flush()
    return group.id


def _save_memberships(session: Session, group: WorkingGroup, records: list[MembershipRecord]) -> bool:
    existing = {m.id: m for m in group.memberships}
    kept = {r.id for r in records if r.id is not None}
    changed = False
    for membership_id, membership in existing.items():
        if membership_id in kept:
            continue
        if group.id is not None and _attended_group(session, membership.person_id, group.id):
            raise UserError(
                f"Členství osoby „{_display(membership.person)}“ nelze smazat: osoba je vedena v prezenční "
                "listině jednání skupiny. Ukončete členství datem „do“, zápisy tak zůstanou úplné.")
        group.memberships.remove(membership)
        changed = True
    for r in records:
        values = {"person_id": r.person_id, "role": r.role, "voting": r.voting and r.role is not MembershipRole.GUEST,
                  "valid_from": r.valid_from, "valid_to": r.valid_to}
        if r.id is None:
            group.memberships.append(Membership(**values))
            changed = True
        elif r.id in existing:
            changed = _apply(existing[r.id], values) or changed
        else:
            raise UserError(f"Členství osoby „{r.person_name}“ už v evidenci není (mezitím bylo smazáno).")
    return changed


def _attended_group(session: Session, person_id: int, group_id: int) -> bool:
    return bool(session.scalar(select(exists().where(
        Attendance.person_id == person_id, Attendance.meeting_id == Meeting.id, Meeting.group_id == group_id))))


def delete_group(session: Session, group_id: int) -> None:
    """Delete a group; refused (UserError) once it has meetings: end it with "active to" instead."""
    group = session.get(WorkingGroup, group_id)
    if group is None:
        return
    count = session.scalar(select(func.count()).select_from(Meeting).where(Meeting.group_id == group_id))
    if count:
        raise UserError(
            f"Skupinu „{group.name}“ nelze smazat: má {count} jednání se zápisy a usneseními. "
            "Ukončete její činnost datem „působí do“.")
    session.delete(group)


@dataclass
class MemberRow:
    membership_id: int
    person_id: int
    name: str
    sort_name: str
    organisation: str
    triad_role: TriadRole
    role: MembershipRole
    voting: bool
    valid_from: dt.date | None
    valid_to: dt.date | None
    email: str
    phone: str
    active: bool   # the person is still active


def _member_row(m: Membership) -> MemberRow:
    return MemberRow(m.id, m.person_id, _display(m.person), _sort_name(m.person), m.person.organisation,
                     m.person.triad_role, m.role, m.voting and m.role is not MembershipRole.GUEST,
                     m.valid_from, m.valid_to, m.person.email, m.person.phone, m.person.active)


def members_on(session: Session, group_id: int, day: dt.date | None) -> list[MemberRow]:
    """Memberships of the group valid on `day` (from–to inclusive; None = all, ended ones included),
    in Czech order by surname."""
    memberships = session.scalars(select(Membership).where(Membership.group_id == group_id)).all()
    rows = [_member_row(m) for m in memberships
            if day is None or membership_valid_on(m.valid_from, m.valid_to, day)]
    return sorted(rows, key=lambda r: (czech_key(r.sort_name), r.valid_from or dt.date.min))


def list_memberships(session: Session, group_id: int) -> list[MemberRow]:
    """Every membership of the group, ended ones included (history), in Czech order."""
    return members_on(session, group_id, None)


def save_membership(session: Session, record: MembershipRecord) -> int:
    """Add or change one membership (`record.group_id` required); checked like the group's list."""
    if record.group_id is None:
        raise ValidationError([("Skupina", "Vyberte skupinu.")])
    group_record = load_group(session, record.group_id)
    others = [m for m in group_record.memberships if m.id != record.id or record.id is None]
    if record.id is not None and not any(m.id == record.id for m in group_record.memberships):
        raise UserError("Členství už v evidenci není (mezitím bylo smazáno).")
    if record.person_id is not None and not record.person_name:
        person = session.get(Person, record.person_id)
        record.person_name = _display(person)
    group_record.memberships = others + [record]
    validate_group(session, group_record)
    group = session.get(WorkingGroup, record.group_id)
    values = {"person_id": record.person_id, "role": record.role,
              "voting": record.voting and record.role is not MembershipRole.GUEST,
              "valid_from": record.valid_from, "valid_to": record.valid_to}
    membership = session.get(Membership, record.id) if record.id is not None else None
    if membership is None:
        membership = Membership(**values)
        group.memberships.append(membership)
    else:
        _apply(membership, values)
    session.flush()
    return membership.id


def end_membership(session: Session, membership_id: int, day: dt.date) -> None:
    """End a membership on `day` (its last day, inclusive)."""
    membership = session.get(Membership, membership_id)
    if membership is None:
        raise UserError("Členství už v evidenci není (mezitím bylo smazáno).")
    if membership.valid_from and day < membership.valid_from:
        raise ValidationError([("Do", "Členství nemůže skončit dříve, než začalo.")])
    membership.valid_to = day


def delete_membership(session: Session, membership_id: int) -> None:
    """Delete a membership entered by mistake; refused (UserError) once the person is on an attendance
    sheet of the group (present or not) – end it with a date instead, so old meetings stay complete."""
    membership = session.get(Membership, membership_id)
    if membership is None:
        return
    if _attended_group(session, membership.person_id, membership.group_id):
        raise UserError(
            f"Členství osoby „{_display(membership.person)}“ nelze smazat: osoba je vedena v prezenční "
            "listině jednání skupiny. Ukončete členství datem „do“, zápisy tak zůstanou úplné.")
    session.delete(membership)


# -- meetings --------------------------------------------------------------------------------------
@dataclass
class MeetingRow:
    id: int
    group_id: int
    group_name: str
    label: str               # "3/2026"
    number: int
    year: int
    date: dt.date
    starts_at: str
    ends_at: str
    place: str
    state: MeetingState
    present: int             # members and guests marked present
    resolution_count: int
    task_count: int


def list_meetings(session: Session, group_id: int | None = None, year: int | None = None) -> list[MeetingRow]:
    """Meetings, newest first (date, then number); optionally of one group and one year."""
    query = select(Meeting).options(selectinload(Meeting.group), selectinload(Meeting.attendance),
                                    selectinload(Meeting.agenda).selectinload(AgendaItem.resolutions),
                                    selectinload(Meeting.agenda).selectinload(AgendaItem.tasks))
    if group_id is not None:
        query = query.where(Meeting.group_id == group_id)
    if year is not None:
        query = query.where(Meeting.year == year)
    rows = []
    for m in session.scalars(query):
        present = sum(1 for a in m.attendance if a.state is AttendanceState.PRESENT)
        rows.append(MeetingRow(
            m.id, m.group_id, m.group.name, meeting_label(m.number, m.year), m.number, m.year, m.date,
            m.starts_at, m.ends_at, m.place, m.state, present,
            sum(len(i.resolutions) for i in m.agenda), sum(len(i.tasks) for i in m.agenda)))
    return sorted(rows, key=lambda r: (r.date, r.number, r.id), reverse=True)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise UserError(f"Jednání č. {meeting_id} v evidenci není (mohlo být mezitím smazáno).")
    return meeting


def _task_record(task: Task) -> TaskRecord:
    return TaskRecord(task.id, task.description, task.responsible_person_id, task.responsible_text, task.due_on,
                      task.state, task.note, task.closed_on, _task_history(task))


def _task_history(task: Task) -> list[TaskHistoryLine]:
    reviews = sorted(task.reviews, key=lambda r: (r.meeting.date, r.meeting.id))
    return [TaskHistoryLine(r.meeting_id, meeting_label(r.meeting.number, r.meeting.year), r.meeting.date,
                            r.state, r.note) for r in reviews]


def _attendance_record(a: Attendance, role: MembershipRole | None) -> AttendanceRecord:
    p = a.person
    return AttendanceRecord(
        id=a.id, person_id=a.person_id, state=a.state, voting=a.voting, is_guest=a.is_guest,
        guest_name=a.guest_name, guest_organisation=a.guest_organisation,
        person_name=_display(p), sort_name=_sort_name(p) if p else a.guest_name,
        organisation=p.organisation if p else "", triad_role=p.triad_role if p else None, role=role)


def _roles_on(group: WorkingGroup, day: dt.date) -> dict[int, Membership]:
    return {m.person_id: m for m in group.memberships if membership_valid_on(m.valid_from, m.valid_to, day)}


def _ordered_attendance(lines: list[AttendanceRecord]) -> list[AttendanceRecord]:
    """Members in Czech order, then guests in the order they were added (as the sheet prints them)."""
    members = czech_sorted([line for line in lines if not line.is_guest], key=lambda line: line.sort_name)
    return members + [line for line in lines if line.is_guest]


def load_meeting(session: Session, meeting_id: int) -> MeetingRecord:
    """The whole meeting for the editor and the printers: agenda with outcomes, attendance (members in
    Czech order, then guests) and the review of tasks – stored reviews plus tasks still open from
    earlier meetings that this meeting has not reviewed yet."""
    m = _meeting(session, meeting_id)
    roles = _roles_on(m.group, m.date)
    attendance = _ordered_attendance(
        [_attendance_record(a, roles[a.person_id].role if a.person_id in roles else None) for a in m.attendance])
    agenda = [AgendaItemRecord(
        id=i.id, title=i.title, presenter=i.presenter, planned_minutes=i.planned_minutes, notes=i.notes,
        is_task_review=i.is_task_review,
        resolutions=[ResolutionRecord(r.id, r.number, r.text, r.votes_for, r.votes_against, r.votes_abstained,
                                      r.adopted, r.chair_votes_for) for r in i.resolutions],
        tasks=[_task_record(t) for t in i.tasks]) for i in m.agenda]
    return MeetingRecord(
        id=m.id, group_id=m.group_id, number=m.number, year=m.year, date=m.date, starts_at=m.starts_at,
        ends_at=m.ends_at, place=m.place, state=m.state, chair_id=m.chair_id, minute_taker_id=m.minute_taker_id,
        verifier_ids=[p.id for p in m.verifiers], excuse_to=m.excuse_to, excuse_by=m.excuse_by, notes=m.notes,
        minutes_text=m.minutes_text, funding_strip_id=m.funding_strip_id, agenda=agenda, attendance=attendance,
        task_reviews=meeting_reviews(session, m.id), group_name=m.group.name,
        changed_by=m.changed_by, changed_at=m.changed_at)


def meeting_reviews(session: Session, meeting_id: int) -> list[TaskReviewRecord]:
    """The meeting's "Kontrola úkolů": reviews recorded at it, plus tasks from earlier meetings that
    were still open on its day and that it has not reviewed yet (in their current state), oldest first.
    What the editor shows and the invitation and minutes print."""
    m = _meeting(session, meeting_id)
    stored = session.scalars(select(TaskReview).where(TaskReview.meeting_id == m.id)).all()
    reviews = {r.task_id: _review_record(r.task, r.state, r.note) for r in stored}
    for task in open_tasks(session, m.group_id, m.date, exclude_meeting_id=m.id):
        reviews.setdefault(task.id, _review_record(task, _state_before(task, m.date), ""))
    return _ordered_reviews(session, list(reviews.values()))


def _state_before(task: Task, day: dt.date) -> TaskState:
    """The task's state as the last review before `day` left it (a task closed later was open then)."""
    earlier = [r for r in task.reviews if r.meeting.date < day]
    if earlier:
        return max(earlier, key=lambda r: (r.meeting.date, r.meeting.id)).state
    return task.state if task.state in OPEN_TASK_STATES else TaskState.OPEN


def _origin(task: Task) -> Meeting:
    return task.agenda_item.meeting


def _review_record(task: Task, state: TaskState, note: str) -> TaskReviewRecord:
    origin = _origin(task)
    responsible = _display(task.responsible_person) or task.responsible_text
    if task.responsible_person is not None and task.responsible_text:
        responsible = f"{responsible} ({task.responsible_text})"
    return TaskReviewRecord(task.id, state, note, task.description, responsible, task.due_on,
                            meeting_label(origin.number, origin.year))


def _ordered_reviews(session: Session, reviews: list[TaskReviewRecord]) -> list[TaskReviewRecord]:
    """Oldest tasks first (by the date of the meeting that gave them), as minutes list them."""
    def key(r: TaskReviewRecord):
        task = session.get(Task, r.task_id)
        return (_origin(task).date, task.id)
    return sorted(reviews, key=key)


def open_tasks(session: Session, group_id: int, before_day: dt.date,
               exclude_meeting_id: int | None = None) -> list[Task]:
    """Tasks of the group given at meetings before `before_day` and still open on that day: not yet
    closed, or closed only at a meeting on or after that day. Oldest first."""
    query = (select(Task).join(Task.agenda_item).join(AgendaItem.meeting)
             .where(Task.group_id == group_id, Meeting.date < before_day,
                    or_(Task.state.in_(OPEN_TASK_STATES), Task.closed_on >= before_day))
             .order_by(Meeting.date, Task.id))
    if exclude_meeting_id is not None:
        query = query.where(Meeting.id != exclude_meeting_id)
    return list(session.scalars(query))


def attendance_for(session: Session, group_id: int, day: dt.date) -> list[AttendanceRecord]:
    """Attendance lines for every member valid on `day` (Czech order), all absent, with their vote."""
    group = session.get(WorkingGroup, group_id)
    if group is None:
        raise UserError("Skupina už v evidenci není (mezitím byla smazána).")
    lines = [AttendanceRecord(
        person_id=m.person_id, voting=m.voting and m.role is not MembershipRole.GUEST,
        person_name=_display(m.person), sort_name=_sort_name(m.person), organisation=m.person.organisation,
        triad_role=m.person.triad_role, role=m.role)
        for m in _roles_on(group, day).values()]
    return _ordered_attendance(lines)


def next_meeting_number(session: Session, group_id: int, year: int) -> int:
    last = session.scalar(select(func.max(Meeting.number)).where(Meeting.group_id == group_id,
                                                                  Meeting.year == year))
    return (last or 0) + 1


def _last_meeting(session: Session, group_id: int) -> Meeting | None:
    return session.scalars(select(Meeting).where(Meeting.group_id == group_id, Meeting.state != MeetingState.CANCELLED)
                           .order_by(Meeting.date.desc(), Meeting.id.desc()).limit(1)).first()


def new_meeting(session: Session, group_id: int, day: dt.date) -> MeetingRecord:
    """An unsaved meeting on `day`: the next number in that year, time and place of the last meeting,
    attendance lines for every member valid that day, chair = the group's leader, minute-taker = its
    zapisovatel, and the first agenda item "Kontrola úkolů z minulých jednání" with the open tasks."""
    group = session.get(WorkingGroup, group_id)
    if group is None:
        raise UserError("Skupina už v evidenci není (mezitím byla smazána).")
    last = _last_meeting(session, group_id)
    members = _roles_on(group, day)

    def holder(role: MembershipRole) -> Membership | None:
        found = [m for m in members.values() if m.role is role]
        return czech_sorted(found, key=lambda m: _sort_name(m.person))[0] if found else None

    leader = holder(MembershipRole.LEADER) or holder(MembershipRole.COORDINATOR)
    contact = holder(MembershipRole.COORDINATOR) or leader
    excuse_to = ""
    if contact is not None:
        excuse_to = ", ".join(x for x in (_display(contact.person), contact.person.email, contact.person.phone) if x)
    taker = holder(MembershipRole.MINUTE_TAKER)
    return MeetingRecord(
        group_id=group_id, number=next_meeting_number(session, group_id, day.year), year=day.year, date=day,
        starts_at=last.starts_at if last else "", ends_at=last.ends_at if last else "",
        place=last.place if last else "", chair_id=leader.person_id if leader else None,
        minute_taker_id=taker.person_id if taker else None, excuse_to=excuse_to,
        excuse_by=day - dt.timedelta(days=1),
        agenda=[AgendaItemRecord(title=TASK_REVIEW_TITLE, is_task_review=True)],
        attendance=attendance_for(session, group_id, day),
        task_reviews=[_review_record(t, t.state, "") for t in open_tasks(session, group_id, day)],
        group_name=group.name)


def copy_agenda_from_last(session: Session, group_id: int) -> list[AgendaItemRecord]:
    """The last meeting's agenda as a start (titles, presenters, planned minutes; no discussion or
    outcomes), always beginning with the review of tasks."""
    last = _last_meeting(session, group_id)
    items = [AgendaItemRecord(title=TASK_REVIEW_TITLE, is_task_review=True)]
    if last is not None:
        review = next((i for i in last.agenda if i.is_task_review), None)
        if review is not None:
            items[0].presenter, items[0].planned_minutes = review.presenter, review.planned_minutes
        items += [AgendaItemRecord(title=i.title, presenter=i.presenter, planned_minutes=i.planned_minutes)
                  for i in last.agenda if not i.is_task_review]
    return items


def _meeting_values(r: MeetingRecord) -> dict:
    return {
        "group_id": r.group_id, "number": r.number, "year": r.date.year, "date": r.date,
        "starts_at": r.starts_at.strip(), "ends_at": r.ends_at.strip(), "place": r.place.strip(),
        "state": r.state, "chair_id": r.chair_id, "minute_taker_id": r.minute_taker_id,
        "excuse_to": r.excuse_to.strip(), "excuse_by": r.excuse_by, "notes": r.notes.strip(),
        "minutes_text": r.minutes_text, "funding_strip_id": r.funding_strip_id,
    }


def resolution_number(group: WorkingGroup, number: int, year: int, item: int) -> str:
    """The resolution's number from the group's pattern, e.g. "PS Senioři 3/2026/1"."""
    return group.resolution_pattern.format(
        group=group.short_name or group.name, number=number, year=year, item=item).strip()


def save_meeting(session: Session, record: MeetingRecord, user: str | None = None) -> int:
    """Validate and write the meeting with its agenda, outcomes, attendance and task reviews; returns
    its id.

    Resolutions are numbered with the group's pattern in agenda order (an approved meeting keeps the
    numbers it has); `adopted` is computed by the group's rules from the attendance; each task review
    sets the task's current state to that of its latest review. Raises ValidationError (nothing
    written) when invalid, UserError when the meeting or a task was deleted meanwhile.
    """
    validate_meeting(session, record)
    group = session.get(WorkingGroup, record.group_id)
    if group is None:
        raise UserError("Skupina už v evidenci není (mezitím byla smazána).")
    verifiers = [p for p in (session.get(Person, pid) for pid in dict.fromkeys(record.verifier_ids)) if p]
    meeting = Meeting() if record.id is None else _meeting(session, record.id)
    _apply(meeting, _meeting_values(record))
    meeting.group = group
    meeting.verifiers = verifiers
    session.add(meeting)
    attendance_rows = _save_attendance(session, meeting, record.attendance)
    session.flush()
    rules = GroupRules.of(group)
    members, present = voting_counts(record.attendance)
    items = _save_agenda(session, meeting, group, record, rules, members, present)
    _save_reviews(session, meeting, record.task_reviews)
    meeting.changed_by, meeting.changed_at = user or current_user(), _now()
    session.flush()
    # The saved record gets the ids of its new rows, so saving it again changes rather than adds.
    record.id = meeting.id
    for item_record, item in zip(record.agenda, items):
        item_record.id = item.id
        for r_record, row in zip(item_record.resolutions, item.resolutions):
            r_record.id = row.id
        for t_record, task in zip(item_record.tasks, item.tasks):
            t_record.id = task.id
    for line, row in zip(record.attendance, attendance_rows):
        line.id = row.id
    return meeting.id


def _save_attendance(session: Session, meeting: Meeting, lines: list[AttendanceRecord]) -> list[Attendance]:
    existing = {a.id: a for a in meeting.attendance}
    kept = {line.id for line in lines if line.id is not None}
    for attendance_id, row in existing.items():
        if attendance_id not in kept:
            meeting.attendance.remove(row)
    session.flush()  # a person removed and added again must not trip the unique key
    rows = []
    for line in lines:
        row = existing.get(line.id) if line.id is not None else None
        if row is None:
            row = Attendance()
            meeting.attendance.append(row)
        _apply(row, {"person_id": None if line.is_guest else line.person_id, "state": line.state,
                     "voting": line.voting and not line.is_guest, "is_guest": line.is_guest,
                     "guest_name": line.guest_name.strip() if line.is_guest else "",
                     "guest_organisation": line.guest_organisation.strip() if line.is_guest else ""})
        rows.append(row)
    return rows


def _save_agenda(session: Session, meeting: Meeting, group: WorkingGroup, record: MeetingRecord,
                 rules: GroupRules, members: int, present: int) -> list[AgendaItem]:
    existing = {i.id: i for i in meeting.agenda}
    kept = {i.id for i in record.agenda if i.id is not None}
    for item_id, item in existing.items():
        if item_id not in kept:
            meeting.agenda.remove(item)
    session.flush()
    keep_numbers = record.state is MeetingState.APPROVED
    resolution_index = 0
    items = []
    for position, item_record in enumerate(record.agenda):
        item = existing.get(item_record.id) if item_record.id is not None else None
        if item is None:
            item = AgendaItem()
            meeting.agenda.append(item)
        _apply(item, {"position": position, "title": item_record.title.strip(), "presenter": item_record.presenter.strip(),
                      "planned_minutes": item_record.planned_minutes, "notes": item_record.notes,
                      "is_task_review": item_record.is_task_review})
        old_resolutions = {r.id: r for r in item.resolutions}
        item.resolutions = []
        for r_position, r in enumerate(item_record.resolutions):
            resolution_index += 1
            row = old_resolutions.get(r.id) if r.id is not None else None
            row = row or Resolution()
            number = (row.number if keep_numbers and row.number else
                      resolution_number(group, meeting.number, meeting.year, resolution_index))
            _apply(row, {"position": r_position, "number": number, "text": r.text.strip(),
                         "votes_for": r.votes_for, "votes_against": r.votes_against,
                         "votes_abstained": r.votes_abstained, "chair_votes_for": r.chair_votes_for,
                         "adopted": _adopted(rules, r, members, present)})
            r.number, r.adopted = row.number, row.adopted
            item.resolutions.append(row)
        _save_tasks(session, item, group, meeting, item_record.tasks)
        items.append(item)
    return items


def _adopted(rules: GroupRules, r: ResolutionRecord, members: int, present: int) -> bool | None:
    votes = (r.votes_for, r.votes_against, r.votes_abstained)
    if all(v is None for v in votes):
        return None
    return resolution_outcome(rules, *(v or 0 for v in votes), present, members, r.chair_votes_for).adopted


def _save_tasks(session: Session, item: AgendaItem, group: WorkingGroup, meeting: Meeting,
                records: list[TaskRecord]) -> None:
    old = {t.id: t for t in item.tasks}
    item.tasks = []
    for r in records:
        task = old.get(r.id) if r.id is not None else None
        if task is None and r.id is not None:
            # A task moved from another item of the same meeting keeps its id and history.
            task = session.get(Task, r.id)
        task = task or Task()
        _apply(task, {"group_id": group.id, "description": r.description.strip(),
                      "responsible_person_id": r.responsible_person_id,
                      "responsible_text": r.responsible_text.strip(), "due_on": r.due_on, "note": r.note.strip()})
        item.tasks.append(task)
        if not task.reviews:
            # Its state is what this meeting says until a later meeting reviews it.
            task.state = r.state
            task.closed_on = meeting.date if r.state in CLOSED_TASK_STATES else None


def _save_reviews(session: Session, meeting: Meeting, reviews: list[TaskReviewRecord]) -> None:
    stored = {r.task_id: r for r in session.scalars(select(TaskReview).where(TaskReview.meeting_id == meeting.id))}
    wanted = {r.task_id: r for r in reviews}
    if meeting.state in _NOT_HELD:
        # Before a meeting takes place its review only lists the open tasks (load_meeting adds them);
        # a line is history only once the clerk records something on it.
        wanted = {task_id: r for task_id, r in wanted.items()
                  if r.note.strip() or r.state is not _current_state(session, task_id)}
    for task_id, row in stored.items():
        if task_id not in wanted:
            session.delete(row)
    touched = set(stored) | set(wanted)
    for task_id, r in wanted.items():
        task = session.get(Task, task_id)
        if task is None:
            raise UserError(f"Úkol „{r.description}“ už v evidenci není (mezitím byl smazán).")
        row = stored.get(task_id)
        if row is None:
            row = TaskReview(task=task, meeting=meeting)
            session.add(row)
        row.state, row.note = r.state, r.note.strip()
    session.flush()
    for task_id in touched:
        task = session.get(Task, task_id)
        if task is not None:
            session.refresh(task, ["reviews"])
            _settle_task(task)


_NOT_HELD = (MeetingState.PLANNED, MeetingState.INVITED, MeetingState.CANCELLED)


def _current_state(session: Session, task_id: int) -> TaskState | None:
    task = session.get(Task, task_id)
    return task.state if task is not None else None


def _settle_task(task: Task) -> None:
    """A reviewed task's current state is that of its latest review (by meeting date)."""
    if not task.reviews:
        return
    latest = max(task.reviews, key=lambda r: (r.meeting.date, r.meeting.id))
    task.state = latest.state
    task.closed_on = latest.meeting.date if latest.state in CLOSED_TASK_STATES else None


def delete_meeting(session: Session, meeting_id: int) -> None:
    """Delete a meeting with its agenda, attendance and outcomes. Tasks it reviewed get back the state
    of their previous review; refused (UserError) when a task given here was reviewed later."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return
    later = [t for i in meeting.agenda for t in i.tasks if any(r.meeting_id != meeting_id for r in t.reviews)]
    if later:
        raise UserError(
            f"Jednání {meeting_label(meeting.number, meeting.year)} nelze smazat: úkoly z něj "
            "(např. „{}“) byly kontrolovány na pozdějších jednáních. Jednání můžete označit jako zrušené."
            .format(later[0].description[:60]))
    reviewed = [r.task for r in session.scalars(select(TaskReview).where(TaskReview.meeting_id == meeting_id))]
    session.delete(meeting)
    session.flush()
    for task in reviewed:
        session.refresh(task, ["reviews"])
        if task.reviews:
            _settle_task(task)
        else:
            task.state, task.closed_on = TaskState.OPEN, None


# -- tasks, resolutions, search --------------------------------------------------------------------
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
    origin = _origin(task)
    responsible = _display(task.responsible_person) or task.responsible_text
    return TaskRow(task.id, task.group_id, task.group.name, origin.id, meeting_label(origin.number, origin.year),
                   origin.date, task.description, responsible, task.due_on, task.state, task.closed_on,
                   task.state in OPEN_TASK_STATES and task.due_on is not None and task.due_on < today,
                   task.note, _task_history(task))


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


# -- funding strips --------------------------------------------------------------------------------
def list_strips(session: Session) -> list[StripRecord]:
    strips = session.scalars(select(FundingStrip)).all()
    return czech_sorted([StripRecord(s.id, s.name, s.text, s.image) for s in strips], key=lambda s: s.name)


def load_strip(session: Session, strip_id: int | None) -> StripRecord | None:
    strip = session.get(FundingStrip, strip_id) if strip_id is not None else None
    return StripRecord(strip.id, strip.name, strip.text, strip.image) if strip else None


def save_strip(session: Session, record: StripRecord) -> int:
    """Write a funding strip; the name is required, the image (PNG or JPEG bytes) optional."""
    problems = []
    if not record.name.strip():
        problems.append(("Název", "Vyplňte název pruhu."))
    if len(record.text.strip()) > 500:
        problems.append(("Text", "Nejvýše 500 znaků."))
    if record.image and not (record.image.startswith(b"\x89PNG") or record.image.startswith(b"\xff\xd8")):
        problems.append(("Obrázek", "Obrázek musí být ve formátu PNG nebo JPEG."))
    if not record.text.strip() and not record.image:
        problems.append(("Text", "Pruh potřebuje obrázek nebo text."))
    if problems:
        raise ValidationError(problems)
    strip = session.get(FundingStrip, record.id) if record.id is not None else None
    if strip is None:
        strip = FundingStrip()
        session.add(strip)
    strip.name, strip.text, strip.image = record.name.strip(), record.text.strip(), record.image
    session.flush()
    return strip.id


def delete_strip(session: Session, strip_id: int) -> None:
    """Delete a strip; groups and meetings that used it print without a strip."""
    strip = session.get(FundingStrip, strip_id)
    if strip is not None:
        for owner in (WorkingGroup, Meeting):
            for row in session.scalars(select(owner).where(owner.funding_strip_id == strip_id)):
                row.funding_strip_id = None
        session.delete(strip)


def meeting_strip(session: Session, meeting_id: int) -> StripRecord | None:
    """The strip a meeting prints with: its own, else its group's, else none."""
    m = _meeting(session, meeting_id)
    return load_strip(session, m.funding_strip_id if m.funding_strip_id is not None else m.group.funding_strip_id)

