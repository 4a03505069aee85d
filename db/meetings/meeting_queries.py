"""Meetings: list, a new meeting proposed for a day, load and save with agenda, attendance,
resolutions (numbered and decided by the group's rules) and the review of tasks carried over.

Tasks are carried over: a task given at a meeting is open until a later meeting's review ("Kontrola
úkolů") marks it done or cancelled; each review is kept as a TaskReview, so the task's history can be
read meeting by meeting."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.collation import czech_sorted
from db.errors import UserError
from db.meetings.common import apply_values, display, get_meeting, normalize_record, sort_name
from db.meetings.models import (
    AgendaItem, Attendance, AttendanceState, Meeting, MeetingState, Membership, MembershipRole, Person,
    Resolution, Task, TaskReview, TaskState, WorkingGroup,
)
from db.meetings.records import (
    OPEN_TASK_STATES, TASK_REVIEW_TITLE, AgendaItemRecord, AttendanceRecord, MeetingRecord,
    ResolutionRecord, TaskHistoryLine, TaskRecord, TaskReviewRecord, meeting_label,
)
from db.meetings.rules import GroupRules, membership_valid_on, resolution_outcome, voting_counts
from db.meetings.validation import validate_meeting
from db.runtime import current_user
from db.versioning import claim


CLOSED_TASK_STATES = (TaskState.DONE, TaskState.CANCELLED)


def _origin_meeting(task: Task) -> Meeting:
    return task.agenda_item.meeting


def _task_record(task: Task) -> TaskRecord:
    return TaskRecord(task.id, task.description, task.responsible_person_id, task.responsible_text, task.due_on,
                      task.state, task.note, task.closed_on, _task_history(task))


def _task_history(task: Task) -> list[TaskHistoryLine]:
    reviews = sorted(task.reviews, key=lambda r: (r.meeting.date, r.meeting.id))
    return [TaskHistoryLine(r.meeting_id, meeting_label(r.meeting.number, r.meeting.year), r.meeting.date,
                            r.state, r.note) for r in reviews]


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
    def counts(query) -> dict[int, int]:
        return dict(session.execute(query).all())

    present = counts(select(Attendance.meeting_id, func.count()).where(Attendance.state == AttendanceState.PRESENT)
                     .group_by(Attendance.meeting_id))
    resolutions = counts(select(AgendaItem.meeting_id, func.count()).join(Resolution).group_by(AgendaItem.meeting_id))
    tasks = counts(select(AgendaItem.meeting_id, func.count()).join(Task).group_by(AgendaItem.meeting_id))
    query = select(Meeting, WorkingGroup.name).join(Meeting.group)
    if group_id is not None:
        query = query.where(Meeting.group_id == group_id)
    if year is not None:
        query = query.where(Meeting.year == year)
    rows = [MeetingRow(m.id, m.group_id, group_name, meeting_label(m.number, m.year), m.number, m.year, m.date,
                       m.starts_at, m.ends_at, m.place, m.state, present.get(m.id, 0), resolutions.get(m.id, 0),
                       tasks.get(m.id, 0))
            for m, group_name in session.execute(query)]
    return sorted(rows, key=lambda r: (r.date, r.number, r.id), reverse=True)


def _attendance_record(a: Attendance, role: MembershipRole | None) -> AttendanceRecord:
    p = a.person
    return AttendanceRecord(
        id=a.id, person_id=a.person_id, state=a.state, voting=a.voting, is_guest=a.is_guest,
        guest_name=a.guest_name, guest_organisation=a.guest_organisation,
        person_name=display(p), sort_name=sort_name(p) if p else a.guest_name,
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
    m = get_meeting(session, meeting_id)
    # One query per kind of row rather than one per row: the editor opens with everything at once.
    session.scalars(select(Meeting).where(Meeting.id == meeting_id).options(
        selectinload(Meeting.attendance), selectinload(Meeting.verifiers),
        selectinload(Meeting.agenda).selectinload(AgendaItem.resolutions),
        selectinload(Meeting.agenda).selectinload(AgendaItem.tasks).selectinload(Task.reviews)
        .joinedload(TaskReview.meeting))).all()
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
        changed_by=m.changed_by, changed_at=m.changed_at, version=m.version)


def meeting_reviews(session: Session, meeting_id: int) -> list[TaskReviewRecord]:
    """The meeting's "Kontrola úkolů": reviews recorded at it, plus tasks from earlier meetings that
    were still open on its day and that it has not reviewed yet (in their state as of that day),
    oldest first.
    What the editor shows and the invitation and minutes print."""
    m = get_meeting(session, meeting_id)
    stored = session.scalars(select(TaskReview).where(TaskReview.meeting_id == m.id)).all()
    reviews = {r.task_id: _review_record(r.task, r.state, r.note) for r in stored}
    for task in open_tasks(session, m.group_id, m.date, exclude_meeting_id=m.id):
        reviews.setdefault(task.id, _review_record(task, _state_before(task, m.date), ""))
    return _ordered_reviews(session, list(reviews.values()))


def reviews_on(session: Session, group_id: int, day: dt.date, meeting_id: int | None,
               entered: list[TaskReviewRecord]) -> list[TaskReviewRecord]:
    """The "Kontrola úkolů" of a meeting of the group (`meeting_id` None: not saved yet) moved to
    `day`: the tasks given at earlier meetings and still open on that day, in their state as of that
    day, oldest first; what the clerk already entered for a task that stays (`entered`) is kept."""
    kept = {r.task_id: r for r in entered}
    reviews = []
    for task in open_tasks(session, group_id, day, exclude_meeting_id=meeting_id):
        review = _review_record(task, _state_before(task, day), "")
        if task.id in kept:
            review.state, review.note = kept[task.id].state, kept[task.id].note
        reviews.append(review)
    return _ordered_reviews(session, reviews)


def _state_before(task: Task, day: dt.date) -> TaskState:
    """The task's state as the last review before `day` left it (a task closed later was open then)."""
    earlier = [r for r in task.reviews if r.meeting.date < day]
    if earlier:
        return max(earlier, key=lambda r: (r.meeting.date, r.meeting.id)).state
    return task.state if task.state in OPEN_TASK_STATES else TaskState.OPEN


def _review_record(task: Task, state: TaskState, note: str) -> TaskReviewRecord:
    origin = _origin_meeting(task)
    responsible = display(task.responsible_person) or task.responsible_text
    if task.responsible_person is not None and task.responsible_text:
        responsible = f"{responsible} ({task.responsible_text})"
    return TaskReviewRecord(task.id, state, note, task.description, responsible, task.due_on,
                            meeting_label(origin.number, origin.year))


def _ordered_reviews(session: Session, reviews: list[TaskReviewRecord]) -> list[TaskReviewRecord]:
    """Oldest tasks first (by the date of the meeting that gave them), as minutes list them."""
    def key(r: TaskReviewRecord):
        task = session.get(Task, r.task_id)
        return (_origin_meeting(task).date, task.id)
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
        person_name=display(m.person), sort_name=sort_name(m.person), organisation=m.person.organisation,
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
        return czech_sorted(found, key=lambda m: sort_name(m.person))[0] if found else None

    leader = holder(MembershipRole.LEADER) or holder(MembershipRole.COORDINATOR)
    contact = holder(MembershipRole.COORDINATOR) or leader
    excuse_to = ""
    if contact is not None:
        excuse_to = ", ".join(x for x in (display(contact.person), contact.person.email, contact.person.phone) if x)
    taker = holder(MembershipRole.MINUTE_TAKER)
    return MeetingRecord(
        group_id=group_id, number=next_meeting_number(session, group_id, day.year), year=day.year, date=day,
        starts_at=last.starts_at if last else "", ends_at=last.ends_at if last else "",
        place=last.place if last else "", chair_id=leader.person_id if leader else None,
        minute_taker_id=taker.person_id if taker else None, excuse_to=excuse_to,
        excuse_by=day - dt.timedelta(days=1),
        agenda=[AgendaItemRecord(title=TASK_REVIEW_TITLE, is_task_review=True)],
        attendance=attendance_for(session, group_id, day),
        task_reviews=[_review_record(t, _state_before(t, day), "") for t in open_tasks(session, group_id, day)],
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
    written) when invalid, UserError when the meeting or a task was deleted meanwhile, or when the
    record drops a task (or its agenda item) that later meetings reviewed, RecordConflict when someone
    saved the meeting after `record` was loaded (db/versioning.py); `record.version` becomes the
    stored version.
    """
    of_group = f" skupiny „{record.group_name}“" if record.group_name else ""
    claim(session, Meeting, record.id, record.version, load_meeting, f"Jednání {record.label}{of_group}")
    normalize_record(record)
    validate_meeting(session, record)
    group = session.get(WorkingGroup, record.group_id)
    if group is None:
        raise UserError("Skupina už v evidenci není (mezitím byla smazána).")
    meeting = Meeting() if record.id is None else get_meeting(session, record.id)
    if record.id is not None:
        _refuse_dropping_reviewed_tasks(meeting, record)
    _require_persons(session, record)
    verifiers = [session.get(Person, pid) for pid in dict.fromkeys(record.verifier_ids)]
    apply_values(meeting, _meeting_values(record))
    meeting.group = group
    meeting.verifiers = verifiers
    session.add(meeting)
    attendance_rows = _save_attendance(session, meeting, record.attendance)
    session.flush()
    rules = GroupRules.of(group)
    members, present = voting_counts(record.attendance)
    items = _save_agenda(session, meeting, group, record, rules, members, present)
    _save_reviews(session, meeting, record.task_reviews)
    meeting.changed_by, meeting.changed_at = user or current_user(), now_to_the_second()
    session.flush()
    # The saved record gets the ids of its new rows, so saving it again changes rather than adds.
    record.id, record.version = meeting.id, meeting.version
    for item_record, item in zip(record.agenda, items):
        item_record.id = item.id
        for r_record, row in zip(item_record.resolutions, item.resolutions):
            r_record.id = row.id
        for t_record, task in zip(item_record.tasks, item.tasks):
            t_record.id = task.id
    for line, row in zip(record.attendance, attendance_rows):
        line.id = row.id
    return meeting.id


def _require_persons(session: Session, record: MeetingRecord) -> None:
    """Everyone the meeting names must still exist (another clerk may have deleted a person meanwhile)."""
    wanted = {record.chair_id, record.minute_taker_id, *record.verifier_ids,
              *(line.person_id for line in record.attendance if not line.is_guest),
              *(t.responsible_person_id for item in record.agenda for t in item.tasks)} - {None}
    found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
    if wanted - found:
        raise UserError("Některá osoba vybraná v jednání už v evidenci není (mezitím byla smazána). "
                        "Otevřete jednání znovu a vyberte ji znovu.")


def _refuse_dropping_reviewed_tasks(meeting: Meeting, record: MeetingRecord) -> None:
    """A task reviewed at later meetings carries their history: it is closed, never deleted."""
    kept = {t.id for item in record.agenda for t in item.tasks if t.id is not None}
    for item in meeting.agenda:
        for task in item.tasks:
            if task.id not in kept and any(r.meeting_id != meeting.id for r in task.reviews):
                raise UserError(
                    f"Úkol „{task.description}“ nelze smazat: byl kontrolován na dalších jednáních a jeho historie "
                    "by se ztratila. Označte jej při kontrole úkolů jako zrušený.")


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
        apply_values(row, {"person_id": None if line.is_guest else line.person_id, "state": line.state,
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
        apply_values(item, {"position": position, "title": item_record.title.strip(), "presenter": item_record.presenter.strip(),
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
            apply_values(row, {"position": r_position, "number": number, "text": r.text.strip(),
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
        apply_values(task, {"group_id": group.id, "description": r.description.strip(),
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
    """A reviewed task's current state is that of its latest review (by meeting date). Once its last
    review is gone, a task that a review had closed is open again; one closed at its own meeting stays."""
    if not task.reviews:
        if task.closed_on is not None and task.closed_on != _origin_meeting(task).date:
            task.state, task.closed_on = TaskState.OPEN, None
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
        _settle_task(task)
