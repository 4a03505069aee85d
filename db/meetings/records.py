"""Plain records of persons, groups and meetings, as the editors, the importer and the printers use them.

They carry no session state (like db.directory.records): a widget holds and compares them, a test
builds them by hand, db.meetings.queries loads and saves them in one unit of work. Fields marked
"read-only" are filled by `load_*` for display and ignored when saving.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db.conflicts import Shape
from db.meetings.models import (
    AttendanceState, GroupKind, MajorityBase, MeetingState, MembershipRole, TaskState, TriadRole,
)

TRIAD_LABELS = {TriadRole.COMMISSIONER: "zadavatel", TriadRole.PROVIDER: "poskytovatel",
                TriadRole.USER: "uživatel", TriadRole.PUBLIC: "veřejnost"}
KIND_LABELS = {GroupKind.WORKING: "pracovní skupina", GroupKind.STEERING: "řídící skupina",
               GroupKind.OTHER: "jiná"}
ROLE_LABELS = {MembershipRole.LEADER: "vedoucí", MembershipRole.COORDINATOR: "koordinátor",
               MembershipRole.MEMBER: "člen", MembershipRole.MINUTE_TAKER: "zapisovatel",
               MembershipRole.GUEST: "host"}
MEETING_STATE_LABELS = {MeetingState.PLANNED: "připravované", MeetingState.INVITED: "pozvánka odeslána",
                        MeetingState.HELD: "proběhlo", MeetingState.APPROVED: "zápis schválen",
                        MeetingState.CANCELLED: "zrušeno"}
ATTENDANCE_LABELS = {AttendanceState.PRESENT: "přítomen", AttendanceState.EXCUSED: "omluven",
                     AttendanceState.ABSENT: "nepřítomen"}
TASK_STATE_LABELS = {TaskState.OPEN: "otevřený", TaskState.DONE: "splněný", TaskState.CANCELLED: "zrušený",
                     TaskState.ONGOING: "trvá"}
MAJORITY_BASE_LABELS = {MajorityBase.PRESENT: "přítomných členů s hlasovacím právem",
                        MajorityBase.ALL: "všech členů s hlasovacím právem",
                        MajorityBase.CAST: "odevzdaných hlasů (pro a proti)"}
TASK_REVIEW_TITLE = "Kontrola úkolů z minulých jednání"
# Tasks still to be reviewed at the next meeting.
OPEN_TASK_STATES = (TaskState.OPEN, TaskState.ONGOING)


def person_name(title_before: str, first_name: str, last_name: str, title_after: str = "") -> str:
    """"Mgr. Jana Nováková, DiS." – the form printed on invitations, sheets and minutes."""
    name = " ".join(part for part in (title_before.strip(), first_name.strip(), last_name.strip()) if part)
    return f"{name}, {title_after.strip()}" if title_after.strip() else name


def meeting_label(number: int, year: int) -> str:
    """"3/2026": the meeting's number within its group and year."""
    return f"{number}/{year}"


@dataclass
class PersonRecord:
    id: int | None = None
    title_before: str = ""
    first_name: str = ""
    last_name: str = ""
    title_after: str = ""
    organisation: str = ""
    provider_id: int | None = None   # the directory's provider the person works for, if any
    triad_role: TriadRole = TriadRole.PUBLIC
    email: str = ""
    phone: str = ""
    note: str = ""
    consent_on: dt.date | None = None   # consent to keep contact data given on
    active: bool = True
    changed_by: str = ""
    changed_at: dt.datetime | None = None
    # The stored version this record was loaded at (db/versioning.py); None = do not check.
    version: int | None = None

    @property
    def display_name(self) -> str:
        return person_name(self.title_before, self.first_name, self.last_name, self.title_after)


@dataclass
class MembershipRecord:
    id: int | None = None
    person_id: int | None = None
    role: MembershipRole = MembershipRole.MEMBER
    voting: bool = True
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None   # last day, inclusive
    person_name: str = ""     # read-only
    organisation: str = ""    # read-only
    group_id: int | None = None   # needed by save_membership; save_group ignores it


@dataclass
class GroupRecord:
    id: int | None = None
    name: str = ""
    short_name: str = ""      # prefix of resolution numbers, e.g. "PS Senioři"
    kind: GroupKind = GroupKind.WORKING
    description: str = ""
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    target_group_ids: list[int] = field(default_factory=list)
    quorum_percent: int = 50
    quorum_strict: bool = True
    majority_percent: int = 50
    majority_strict: bool = True
    majority_base: MajorityBase = MajorityBase.PRESENT
    tie_chair_decides: bool = False
    notice_days: int = 7
    meetings_per_year: int = 4
    resolution_pattern: str = "{group} {number}/{year}/{item}"
    funding_strip_id: int | None = None
    memberships: list[MembershipRecord] = field(default_factory=list)
    changed_by: str = ""
    changed_at: dt.datetime | None = None
    # The stored version this record was loaded at (db/versioning.py); None = do not check.
    version: int | None = None


@dataclass
class ResolutionRecord:
    id: int | None = None
    number: str = ""          # assigned by save_meeting from the group's pattern
    text: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None
    adopted: bool | None = None   # computed by save_meeting; None while no votes are entered
    chair_votes_for: bool | None = None   # the chair's casting vote on a tie, where the group's rules allow it


@dataclass
class TaskHistoryLine:
    """A task's state as reviewed at one meeting (read-only)."""

    meeting_id: int
    meeting_label: str
    date: dt.date
    state: TaskState
    note: str = ""


@dataclass
class TaskRecord:
    id: int | None = None
    description: str = ""
    responsible_person_id: int | None = None
    responsible_text: str = ""    # an organisation or a name not in the list of persons
    due_on: dt.date | None = None
    state: TaskState = TaskState.OPEN
    note: str = ""
    closed_on: dt.date | None = None
    history: list[TaskHistoryLine] = field(default_factory=list)   # read-only


@dataclass
class AgendaItemRecord:
    id: int | None = None
    title: str = ""
    presenter: str = ""
    planned_minutes: int | None = None
    notes: str = ""
    is_task_review: bool = False
    resolutions: list[ResolutionRecord] = field(default_factory=list)
    tasks: list[TaskRecord] = field(default_factory=list)


@dataclass
class AttendanceRecord:
    """A line of the attendance sheet: a member (person_id) or a guest (guest_name)."""

    id: int | None = None
    person_id: int | None = None
    state: AttendanceState = AttendanceState.ABSENT
    voting: bool = False
    is_guest: bool = False
    guest_name: str = ""
    guest_organisation: str = ""
    person_name: str = ""        # read-only, for members
    sort_name: str = ""          # read-only: "Nováková Jana", what the Czech order sorts by
    organisation: str = ""       # read-only, for members
    triad_role: TriadRole | None = None   # read-only
    role: MembershipRole | None = None    # read-only: the membership's role on the meeting day

    @property
    def display_name(self) -> str:
        return self.guest_name if self.is_guest else self.person_name

    @property
    def display_organisation(self) -> str:
        return self.guest_organisation if self.is_guest else self.organisation


@dataclass
class TaskReviewRecord:
    """One line of "Kontrola úkolů": an open task of an earlier meeting and its state now."""

    task_id: int
    state: TaskState = TaskState.OPEN
    note: str = ""
    description: str = ""        # read-only
    responsible: str = ""        # read-only: the person's name or the free text
    due_on: dt.date | None = None   # read-only
    origin_label: str = ""       # read-only: "2/2026", the meeting that gave the task


@dataclass
class MeetingRecord:
    id: int | None = None
    group_id: int | None = None
    number: int = 0
    year: int = 0
    date: dt.date | None = None
    starts_at: str = ""   # "14:00"
    ends_at: str = ""
    place: str = ""
    state: MeetingState = MeetingState.PLANNED
    chair_id: int | None = None
    minute_taker_id: int | None = None
    verifier_ids: list[int] = field(default_factory=list)
    excuse_to: str = ""
    excuse_by: dt.date | None = None
    notes: str = ""
    minutes_text: str = ""
    funding_strip_id: int | None = None   # None = the group's strip
    agenda: list[AgendaItemRecord] = field(default_factory=list)
    attendance: list[AttendanceRecord] = field(default_factory=list)
    task_reviews: list[TaskReviewRecord] = field(default_factory=list)
    group_name: str = ""   # read-only
    changed_by: str = ""
    changed_at: dt.datetime | None = None
    # The stored version this record was loaded at (db/versioning.py); None = do not check.
    version: int | None = None

    @property
    def label(self) -> str:
        return meeting_label(self.number, self.year)


@dataclass
class StripRecord:
    """A funding strip: an image file's bytes (PNG/JPEG, may be empty) and a text line."""

    id: int | None = None
    name: str = ""
    text: str = ""
    image: bytes = b""


# How two versions of a person, a group or a meeting are compared (db/conflicts.py). Names shown
# beside a member or an attendance line, numbers and results the save computes, and task history
# are read-only.
PERSON_SHAPE = Shape()
GROUP_SHAPE = Shape(parts={"memberships": Shape(ignore=frozenset({"person_name", "organisation", "group_id"}))})
MEETING_SHAPE = Shape(
    parts={
        "agenda": Shape(parts={"resolutions": Shape(ignore=frozenset({"number", "adopted"})),
                               "tasks": Shape(ignore=frozenset({"history"}))}),
        "attendance": Shape(ignore=frozenset({"person_name", "sort_name", "organisation", "triad_role", "role"})),
        "task_reviews": Shape(key="task_id", ignore=frozenset({"description", "responsible", "due_on",
                                                                 "origin_label"})),
    },
    ignore=frozenset({"group_name", "number", "year"}))
