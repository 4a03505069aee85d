"""What the meeting documents print, read from the database into plain dataclasses.

The builders never see a session: the CLI, the preview dialog (in a worker thread) and the tests
hand them these objects. Every field is display text (no markup) or a date; lists of people are in
Czech order (db.collation.czech_key) by surname, then first name. The sentences on quorum and votes
come from db.meetings.rules, so the printed minutes say what the editor showed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.collation import czech_key
from db.errors import UserError
from db.meetings.models import (
    AgendaItem, Attendance, AttendanceState, GroupKind, Meeting, MeetingState, Membership, MembershipRole, Person,
    Resolution, Task, TaskState, WorkingGroup,
)
from db.meetings.records import (
    ROLE_LABELS, TASK_STATE_LABELS, TRIAD_LABELS, StripRecord, meeting_label, person_name,
)
from db.meetings.queries import list_resolutions, list_tasks, load_strip, meeting_reviews, meeting_strip
from db.meetings.rules import GroupRules, meeting_quorum, membership_valid_on, resolution_outcome, vote_sentence
from db.settings import OfficeDetails, load_office
from printing.meetings.text import short_date


@dataclass(frozen=True)
class Strip:
    """The funding strip printed on every page: an image file's bytes (PNG/JPEG; may be empty) and a
    text line such as the project's registration number (may be empty)."""

    text: str = ""
    image: bytes = b""

    def __bool__(self) -> bool:
        return bool(self.text.strip() or self.image)


@dataclass(frozen=True)
class PersonLine:
    """A member or guest as printed on the sheet and in the minutes."""

    name: str                 # with titles: "Mgr. Jana Nováková, DiS."
    sort_key: str = ""        # czech_key of "surname first name"; lists are sorted by it
    organisation: str = ""
    triad_role: str = ""      # "zadavatel" / "poskytovatel" / "uživatel" / "veřejnost"
    role: str = ""            # role in the group: "vedoucí", "člen", "host", …
    email: str = ""
    voting: bool = False
    attendance: AttendanceState | None = None   # None: no attendance recorded for this person


@dataclass(frozen=True)
class ResolutionLine:
    number: str                # "PS Senioři 3/2026/1"; may be empty before the meeting is saved
    text: str
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None
    adopted: bool | None = None
    vote_sentence: str = ""    # "Hlasování: pro 7, proti 0, zdržel se 1 – usnesení bylo přijato."; "" = no vote yet


@dataclass(frozen=True)
class TaskLine:
    description: str
    responsible: str = ""      # a person's name or an organisation
    due_on: dt.date | None = None
    state: TaskState = TaskState.OPEN
    note: str = ""
    closed_on: dt.date | None = None
    group: str = ""            # the group's name (overviews across groups)
    origin: str = ""           # the meeting that gave the task: "2/2026"
    origin_date: dt.date | None = None
    history: tuple[str, ...] = ()   # "3/2026: trvá", one per later meeting that reviewed it
    overdue: bool = False      # open and past due on the overview's day (db.meetings.queries.list_tasks)

    @property
    def state_label(self) -> str:
        return TASK_STATE_LABELS[self.state]


@dataclass(frozen=True)
class ReviewLine:
    """A task of an earlier meeting and the state it was given at this one (kontrola úkolů)."""

    task: TaskLine
    state: TaskState
    note: str = ""

    @property
    def state_label(self) -> str:
        return TASK_STATE_LABELS[self.state]


@dataclass(frozen=True)
class AgendaLine:
    title: str
    presenter: str = ""
    planned_minutes: int | None = None
    notes: str = ""            # the discussion as recorded; paragraphs separated by blank lines
    is_task_review: bool = False
    resolutions: tuple[ResolutionLine, ...] = ()
    tasks: tuple[TaskLine, ...] = ()


@dataclass(frozen=True)
class NextMeeting:
    date: dt.date
    starts_at: str = ""
    place: str = ""


@dataclass(frozen=True)
class MeetingDocument:
    """One meeting with everything its invitation, attendance sheet, minutes, .ics and .eml print."""

    meeting_id: int
    group_name: str
    number: int
    year: int
    date: dt.date
    starts_at: str = ""        # "14:00", local time in Prague
    ends_at: str = ""
    place: str = ""
    state: MeetingState = MeetingState.PLANNED
    group_short_name: str = ""
    group_is_steering: bool = False
    chair: str = ""
    minute_taker: str = ""
    verifiers: tuple[str, ...] = ()
    excuse_to: str = ""
    excuse_by: dt.date | None = None
    minutes_text: str = ""     # the minutes as edited in the app; "" = generate from the meeting
    members: tuple[PersonLine, ...] = ()   # members valid on the day, Czech order (guests excluded)
    guests: tuple[PersonLine, ...] = ()    # guests known beforehand or recorded, Czech order
    agenda: tuple[AgendaLine, ...] = ()
    reviews: tuple[ReviewLine, ...] = ()   # the review of open tasks (the task-review item's content)
    quorum_sentence: str = ""
    has_quorum: bool | None = None         # None: attendance not taken yet (the meeting is ahead)
    next_meeting: NextMeeting | None = None
    strip: Strip | None = None
    office: OfficeDetails = field(default_factory=OfficeDetails)
    changed_at: dt.datetime | None = None  # the meeting's last change: the .ics SEQUENCE follows it

    @property
    def label(self) -> str:
        return meeting_label(self.number, self.year)

    @property
    def group_label(self) -> str:
        """The group as a footer or a file name names it: its short name ("PS Senioři"), else its name."""
        return self.group_short_name.strip() or self.group_name

    @property
    def present(self) -> tuple[PersonLine, ...]:
        return tuple(p for p in self.members if p.attendance is AttendanceState.PRESENT)

    @property
    def excused(self) -> tuple[PersonLine, ...]:
        return tuple(p for p in self.members if p.attendance is AttendanceState.EXCUSED)

    @property
    def absent(self) -> tuple[PersonLine, ...]:
        return tuple(p for p in self.members if p.attendance is AttendanceState.ABSENT)

    @property
    def present_guests(self) -> tuple[PersonLine, ...]:
        """Guests who came (a guest recorded without a state counts as present)."""
        return tuple(g for g in self.guests if g.attendance in (AttendanceState.PRESENT, None))

    @property
    def recipients(self) -> tuple[PersonLine, ...]:
        """Members and invited guests with an e-mail address, each address once."""
        seen: set[str] = set()
        out = []
        for person in self.members + self.guests:
            address = person.email.strip()
            if address and address.lower() not in seen:
                seen.add(address.lower())
                out.append(person)
        return tuple(out)


@dataclass(frozen=True)
class TaskOverview:
    """Přehled úkolů: tasks picked by a filter, in the order printed."""

    title: str
    filter_text: str           # "PS Senioři; jen otevřené; po termínu k 30. 11. 2026"
    tasks: tuple[TaskLine, ...]
    made_on: dt.date
    strip: Strip | None = None
    office: OfficeDetails = field(default_factory=OfficeDetails)


@dataclass(frozen=True)
class ResolutionRow:
    group: str
    meeting: str               # "3/2026"
    meeting_date: dt.date
    number: str
    text: str
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None
    adopted: bool | None = None

    @property
    def outcome(self) -> str:
        return {True: "přijato", False: "nepřijato", None: "nehlasováno"}[self.adopted]


@dataclass(frozen=True)
class ResolutionRegister:
    """Evidence usnesení of one group or of all groups, for a year or for all years."""

    title: str
    filter_text: str
    rows: tuple[ResolutionRow, ...]
    made_on: dt.date
    strip: Strip | None = None
    office: OfficeDetails = field(default_factory=OfficeDetails)


# -- collecting ------------------------------------------------------------------------------------

def _person_key(person: Person) -> str:
    return czech_key(f"{person.last_name} {person.first_name}")


def _display(person: Person | None) -> str:
    if person is None:
        return ""
    return person_name(person.title_before, person.first_name, person.last_name, person.title_after)


def _strip(strip: StripRecord | None) -> Strip | None:
    if strip is None:
        return None
    printed = Strip(text=strip.text or "", image=strip.image or b"")
    return printed or None


def _person_line(person: Person, membership: Membership | None, attendance: Attendance | None) -> PersonLine:
    voting = attendance.voting if attendance is not None else bool(membership and membership.voting)
    return PersonLine(
        name=_display(person), sort_key=_person_key(person), organisation=person.organisation or "",
        triad_role=TRIAD_LABELS[person.triad_role], role=ROLE_LABELS[membership.role] if membership else "",
        email=person.email or "", voting=voting and not (attendance and attendance.is_guest),
        attendance=attendance.state if attendance is not None else None)


def _guest_line(line: Attendance) -> PersonLine:
    name = line.guest_name.strip() or _display(line.person)
    organisation = line.guest_organisation.strip() or (line.person.organisation if line.person else "")
    return PersonLine(name=name, sort_key=czech_key(_surname_first(name)), organisation=organisation,
                      role="host", email=line.person.email if line.person else "", attendance=line.state)


def _surname_first(name: str) -> str:
    """A guest typed as "Jan Novák" sorts by "Novák Jan"; titles ("Mgr.") are skipped."""
    words = [w for w in name.replace(",", " ").split() if not w.endswith(".")]
    return " ".join(words[-1:] + words[:-1])


def _task_line(task: Task, meeting: Meeting) -> TaskLine:
    """A task given at `meeting`, as its minutes list it."""
    return TaskLine(
        description=task.description, responsible=_display(task.responsible_person) or task.responsible_text,
        due_on=task.due_on, state=task.state, note=task.note or "", closed_on=task.closed_on,
        origin=meeting_label(meeting.number, meeting.year), origin_date=meeting.date)


def _resolution_line(resolution: Resolution, rules: GroupRules, voting_members: int,
                     voting_present: int) -> ResolutionLine:
    votes = (resolution.votes_for, resolution.votes_against, resolution.votes_abstained)
    sentence = ""
    if all(v is not None for v in votes):
        outcome = resolution_outcome(rules, *votes, voting_present, voting_members, resolution.chair_votes_for)
        # The stored outcome is what the meeting decided; the rules only word it (and add the chair's
        # casting vote on a tie). Should they disagree (rules changed later), the record wins.
        sentence = outcome.sentence if resolution.adopted in (None, outcome.adopted) else \
            vote_sentence(*votes, resolution.adopted)
    return ResolutionLine(number=resolution.number or "", text=resolution.text or "", votes_for=votes[0],
                          votes_against=votes[1], votes_abstained=votes[2], adopted=resolution.adopted,
                          vote_sentence=sentence)


def collect_meeting(session: Session, meeting_id: int) -> MeetingDocument:
    """Everything the documents of meeting `meeting_id` print. Raises UserError if it does not exist."""
    meeting = session.get(Meeting, meeting_id, options=[
        selectinload(Meeting.agenda).selectinload(AgendaItem.resolutions),
        selectinload(Meeting.agenda).selectinload(AgendaItem.tasks),
        selectinload(Meeting.attendance), selectinload(Meeting.verifiers)])
    if meeting is None:
        raise UserError(f"Jednání č. {meeting_id} v databázi není.")
    group = meeting.group
    rules = GroupRules.of(group)
    memberships = {m.person_id: m for m in group.memberships
                   if membership_valid_on(m.valid_from, m.valid_to, meeting.date)}
    attendance = {a.person_id: a for a in meeting.attendance if a.person_id is not None and not a.is_guest}

    members, guests = [], []
    for person_id in memberships.keys() | attendance.keys():
        membership, line = memberships.get(person_id), attendance.get(person_id)
        person = line.person if line is not None else membership.person
        printed = _person_line(person, membership, line)
        # A seat as "host" is a guest's: listed with the guests, never counted for the quorum.
        is_guest = membership is not None and membership.role is MembershipRole.GUEST
        (guests if is_guest else members).append(printed)
    guests += [_guest_line(a) for a in meeting.attendance if a.is_guest]
    members.sort(key=lambda p: p.sort_key)
    guests.sort(key=lambda p: p.sort_key)

    quorum = meeting_quorum(rules, list(meeting.attendance))
    voting_members, voting_present = quorum.voting_members, quorum.voting_present
    # Before the meeting every line is "absent" (some "excused" in advance): nobody was counted yet.
    recorded = meeting.state in (MeetingState.HELD, MeetingState.APPROVED) or any(
        a.state is AttendanceState.PRESENT for a in meeting.attendance)

    agenda = tuple(AgendaLine(
        title=item.title, presenter=item.presenter or "", planned_minutes=item.planned_minutes,
        notes=item.notes or "", is_task_review=item.is_task_review,
        resolutions=tuple(_resolution_line(r, rules, voting_members, voting_present) for r in item.resolutions),
        tasks=tuple(_task_line(t, meeting) for t in item.tasks)) for item in meeting.agenda)

    return MeetingDocument(
        meeting_id=meeting.id, group_name=group.name, group_short_name=group.short_name or "",
        group_is_steering=group.kind is GroupKind.STEERING, number=meeting.number, year=meeting.year,
        date=meeting.date, starts_at=meeting.starts_at or "", ends_at=meeting.ends_at or "",
        place=meeting.place or "", state=meeting.state, chair=_display(meeting.chair),
        minute_taker=_display(meeting.minute_taker),
        verifiers=tuple(_display(p) for p in sorted(meeting.verifiers, key=_person_key)),
        excuse_to=meeting.excuse_to or "", excuse_by=meeting.excuse_by, minutes_text=meeting.minutes_text or "",
        members=tuple(members), guests=tuple(guests), agenda=agenda, reviews=_reviews(session, meeting.id),
        quorum_sentence=quorum.sentence if recorded else "", has_quorum=quorum.has_quorum if recorded else None,
        next_meeting=_next_meeting(session, meeting), strip=_strip(meeting_strip(session, meeting.id)),
        office=load_office(session), changed_at=meeting.changed_at)


def _reviews(session: Session, meeting_id: int) -> tuple[ReviewLine, ...]:
    """The meeting's review of open tasks as the editor shows it (db.meetings.queries.meeting_reviews:
    recorded reviews plus tasks still open on its day, in their state as of that day)."""
    return tuple(ReviewLine(TaskLine(description=r.description, responsible=r.responsible, due_on=r.due_on,
                                     state=r.state, origin=r.origin_label), r.state, r.note or "")
                 for r in meeting_reviews(session, meeting_id))


def _next_meeting(session: Session, meeting: Meeting) -> NextMeeting | None:
    following = session.scalars(
        select(Meeting).where(Meeting.group_id == meeting.group_id, Meeting.date > meeting.date,
                              Meeting.state != MeetingState.CANCELLED)
        .order_by(Meeting.date, Meeting.id).limit(1)).first()
    if following is None:
        return None
    return NextMeeting(following.date, following.starts_at or "", following.place or "")


def _group_filter(session: Session, group_id: int | None) -> tuple[str, Strip | None]:
    """(the group's name or "všechny skupiny", the group's strip) for an overview's heading."""
    if group_id is None:
        return "všechny skupiny", None
    group = session.get(WorkingGroup, group_id)
    if group is None:
        raise UserError(f"Pracovní skupina č. {group_id} v databázi není.")
    return group.name, _strip(load_strip(session, group.funding_strip_id))


def collect_tasks(session: Session, group_id: int | None = None, states: tuple[TaskState, ...] = (),
                  overdue_on: dt.date | None = None, today: dt.date | None = None) -> TaskOverview:
    """Tasks of one group (or all), optionally only in `states` and only those still open and due
    before `overdue_on` (a standing "trvá" task is never overdue); overdue marks are as of `overdue_on`,
    else `today`. Ordered by group (Czech order), then due date (db.meetings.queries.list_tasks).
    Raises UserError for an unknown group."""
    today = today or dt.date.today()
    group_name, strip = _group_filter(session, group_id)
    rows = list_tasks(session, group_id, tuple(states) or None, overdue_on, today)
    lines = tuple(TaskLine(
        description=r.description, responsible=r.responsible, due_on=r.due_on, state=r.state, note=r.note or "",
        closed_on=r.closed_on, group=r.group_name, origin=r.meeting_label, origin_date=r.meeting_date,
        history=tuple(f"{h.meeting_label}: {TASK_STATE_LABELS[h.state]}" for h in r.history), overdue=r.overdue)
        for r in rows)
    parts = [group_name]
    if states:
        parts.append("stav: " + ", ".join(TASK_STATE_LABELS[s] for s in states))
    if overdue_on is not None:
        parts.append(f"po termínu k {short_date(overdue_on, ' ')}")
    return TaskOverview(title="Přehled úkolů", filter_text="; ".join(parts), tasks=lines, made_on=today,
                        strip=strip, office=load_office(session))


def collect_resolutions(session: Session, group_id: int | None = None, year: int | None = None,
                        today: dt.date | None = None) -> ResolutionRegister:
    """Resolutions of one group (or all) in one year (or all), by group (Czech order), meeting date
    and order (db.meetings.queries.list_resolutions). Raises UserError for an unknown group."""
    group_name, strip = _group_filter(session, group_id)
    rows = tuple(ResolutionRow(
        group=r.group_name, meeting=r.meeting_label, meeting_date=r.date, number=r.number or "", text=r.text or "",
        votes_for=r.votes_for, votes_against=r.votes_against, votes_abstained=r.votes_abstained, adopted=r.adopted)
        for r in list_resolutions(session, group_id, year))
    parts = [group_name, f"rok {year}" if year else "všechny roky"]
    return ResolutionRegister(title="Evidence usnesení", filter_text="; ".join(parts), rows=rows,
                              made_on=today or dt.date.today(), strip=strip, office=load_office(session))
