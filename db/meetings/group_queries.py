"""Groups and their memberships: the list with member counts, load/save with the rules of
procedure, members valid on a day, one membership at a time; deletions refused where history exists."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.codelists import TargetGroup
from db.collation import czech_key, czech_sorted, fold
from db.errors import UserError, ValidationError
from db.meetings.common import apply_values, display, normalize_record, sort_name
from db.meetings.models import (
    Attendance, GroupKind, Meeting, MeetingState, Membership, MembershipRole, Person, Task, TriadRole, WorkingGroup,
)
from db.meetings.records import OPEN_TASK_STATES, GroupRecord, MembershipRecord
from db.meetings.rules import membership_valid_on
from db.meetings.validation import validate_group
from db.runtime import current_user
from db.versioning import claim


def _attended_group(session: Session, person_id: int, group_id: int) -> bool:
    """Whether the person is on an attendance sheet of the group (present or not)."""
    return bool(session.scalar(select(exists().where(
        Attendance.person_id == person_id, Attendance.meeting_id == Meeting.id, Meeting.group_id == group_id))))


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
                            display(m.person), m.person.organisation)


def load_group(session: Session, group_id: int) -> GroupRecord:
    g = session.get(WorkingGroup, group_id)
    if g is None:
        raise UserError("Skupina už v evidenci není (mezitím byla smazána).")
    memberships = czech_sorted(g.memberships, key=lambda m: sort_name(m.person))
    return GroupRecord(
        id=g.id, name=g.name, short_name=g.short_name, kind=g.kind, description=g.description,
        active_from=g.active_from, active_to=g.active_to, target_group_ids=[t.id for t in g.target_groups],
        quorum_percent=g.quorum_percent, quorum_strict=g.quorum_strict, majority_percent=g.majority_percent,
        majority_strict=g.majority_strict, majority_base=g.majority_base, tie_chair_decides=g.tie_chair_decides,
        notice_days=g.notice_days, meetings_per_year=g.meetings_per_year,
        resolution_pattern=g.resolution_pattern, funding_strip_id=g.funding_strip_id,
        memberships=[_membership_record(m) for m in memberships],
        changed_by=g.changed_by, changed_at=g.changed_at, version=g.version)


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
    (UserError). `record.version` becomes the stored version; RecordConflict when someone saved the
    group after `record` was loaded (db/versioning.py).
    """
    claim(session, WorkingGroup, record.id, record.version, load_group, f"Skupinu „{record.name}“")
    normalize_record(record)
    validate_group(session, record)
    if record.id is None:
        group = WorkingGroup()
        session.add(group)
    else:
        group = session.get(WorkingGroup, record.id)
        if group is None:
            raise UserError(f"Skupina „{record.name}“ už v evidenci není (mezitím byla smazána).")
    changed = apply_values(group, _group_values(record))
    target_ids = sorted(set(record.target_group_ids))
    if target_ids != sorted(t.id for t in group.target_groups):
        group.target_groups = list(session.scalars(select(TargetGroup).where(TargetGroup.id.in_(target_ids))))
        changed = True
    changed = _save_memberships(session, group, record.memberships) or changed
    if changed or record.id is None:
        group.changed_by, group.changed_at = user or current_user(), now_to_the_second()
    session.flush()
    record.version = group.version
    return group.id


def _require_persons(session: Session, records: list[MembershipRecord]) -> None:
    wanted = {r.person_id for r in records} - {None}
    if wanted - set(session.scalars(select(Person.id).where(Person.id.in_(wanted)))):
        raise UserError("Některá osoba vybraná jako člen už v evidenci není (mezitím byla smazána). "
                        "Vyberte členy znovu.")


def _save_memberships(session: Session, group: WorkingGroup, records: list[MembershipRecord]) -> bool:
    _require_persons(session, records)
    existing = {m.id: m for m in group.memberships}
    kept = {r.id for r in records if r.id is not None}
    changed = False
    for membership_id, membership in existing.items():
        if membership_id in kept:
            continue
        if group.id is not None and _attended_group(session, membership.person_id, group.id):
            raise UserError(
                f"Členství osoby „{display(membership.person)}“ nelze smazat: osoba je vedena v prezenční "
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
            changed = apply_values(existing[r.id], values) or changed
        else:
            raise UserError(f"Členství osoby „{r.person_name}“ už v evidenci není (mezitím bylo smazáno).")
    return changed


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
    return MemberRow(m.id, m.person_id, display(m.person), sort_name(m.person), m.person.organisation,
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


_MEMBERSHIP_FIELDS = ("person_id", "role", "voting", "valid_from", "valid_to")


def save_membership(session: Session, record: MembershipRecord, loaded: MembershipRecord | None = None) -> int:
    """Add or change one membership (`record.group_id` required); checked like the group's list.

    `loaded` is the membership as the clerk's dialog showed it: when the stored one differs from it
    (someone changed it meanwhile), nothing is written and UserError says so, instead of the later
    save silently overwriting the earlier one."""
    if record.group_id is None:
        raise ValidationError([("Skupina", "Vyberte skupinu.")])
    if record.id is not None and loaded is not None:
        _check_unchanged(session, record.id, loaded)
    group_record = load_group(session, record.group_id)
    others = [m for m in group_record.memberships if m.id != record.id or record.id is None]
    if record.id is not None and not any(m.id == record.id for m in group_record.memberships):
        raise UserError("Členství už v evidenci není (mezitím bylo smazáno).")
    _require_persons(session, [record])
    if record.person_id is not None and not record.person_name:
        record.person_name = display(session.get(Person, record.person_id))
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
        apply_values(membership, values)
    session.flush()
    return membership.id


def _check_unchanged(session: Session, membership_id: int, loaded: MembershipRecord) -> None:
    stored = session.scalar(select(Membership).where(Membership.id == membership_id).with_for_update(of=Membership))
    if stored is None:
        return  # save_membership reports a deleted membership itself
    if any(getattr(stored, name) != getattr(loaded, name) for name in _MEMBERSHIP_FIELDS):
        raise UserError(f"Členství osoby „{display(stored.person)}“ mezitím změnil jiný pracovník. Vaše úprava "
                        "nebyla uložena: zavřete okno, v obnoveném seznamu členů zkontrolujte uložené údaje "
                        "a členství případně upravte znovu.")


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
            f"Členství osoby „{display(membership.person)}“ nelze smazat: osoba je vedena v prezenční "
            "listině jednání skupiny. Ukončete členství datem „do“, zápisy tak zůstanou úplné.")
    session.delete(membership)
