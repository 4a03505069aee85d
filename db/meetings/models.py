"""Working groups of community planning: persons, groups, memberships, meetings and their outcomes.

Names follow the glossary (../shared/domain/GLOSSARY.md): a `WorkingGroup` (pracovní / řídící skupina)
has `Membership`s of `Person`s; a `Meeting` (jednání) has `AgendaItem`s (program), `Attendance`
(prezenční listina), and per item `Resolution`s (usnesení) and `Task`s (úkoly). A task's state at each
later meeting is kept as a `TaskReview` (kontrola úkolů), so its history survives.

Rules of procedure (jednací řád) are stored per group with the common Czech defaults: quorum = more
than half of the voting members, a resolution passes with more than half of the votes of the voting
members present, invitation 7 days ahead, 4 meetings a year (MEETINGS-AND-PLAN.md, "Rules of procedure").
"""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean, Column, Date, ForeignKey, Integer, LargeBinary, String, Table, Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Stamped, enum_column
from db.versioning import Versioned, part_of
from db.codelists import TargetGroup




class TriadRole(enum.Enum):
    """zadavatel / poskytovatel / uživatel, plus the public (veřejnost)."""

    COMMISSIONER = "commissioner"
    PROVIDER = "provider"
    USER = "user"
    PUBLIC = "public"


class GroupKind(enum.Enum):
    WORKING = "working"    # pracovní skupina
    STEERING = "steering"  # řídící skupina
    OTHER = "other"        # jiná


class MembershipRole(enum.Enum):
    LEADER = "leader"              # vedoucí / manažer skupiny
    COORDINATOR = "coordinator"    # koordinátor
    MEMBER = "member"              # člen
    MINUTE_TAKER = "minute_taker"  # zapisovatel
    GUEST = "guest"                # host: may speak, never votes


class MajorityBase(enum.Enum):
    """What a resolution's votes for are compared with."""

    PRESENT = "present"  # voting members present (the usual Czech rule)
    ALL = "all"          # all voting members of the group
    CAST = "cast"        # votes cast (pro + proti; abstentions do not count)


class MeetingState(enum.Enum):
    PLANNED = "planned"      # připravované
    INVITED = "invited"      # pozvánka odeslána
    HELD = "held"            # proběhlo
    APPROVED = "approved"    # zápis schválen
    CANCELLED = "cancelled"  # zrušeno


class AttendanceState(enum.Enum):
    PRESENT = "present"  # přítomen
    EXCUSED = "excused"  # omluven
    ABSENT = "absent"    # nepřítomen


class TaskState(enum.Enum):
    OPEN = "open"            # otevřený
    DONE = "done"            # splněný
    CANCELLED = "cancelled"  # zrušený
    ONGOING = "ongoing"      # trvá (a standing task: stays on the review list)


class FundingStrip(Base):
    """Publicity strip printed on a group's documents: an image the clerk supplies and a text line
    (e.g. the ESF logolink and "reg. č. CZ.03.2.63/…"). Never a bundled logo."""

    __tablename__ = "funding_strip"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(String(500), default="")
    image: Mapped[bytes] = mapped_column(LargeBinary, default=b"")  # PNG/JPEG file contents, may be empty


class Person(Versioned, Stamped, Base):
    """A member or guest of the groups. Kept (inactive) once they attended: minutes keep their name."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_before: Mapped[str] = mapped_column(String(50), default="")  # "Mgr.", "Ing."
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    title_after: Mapped[str] = mapped_column(String(50), default="")   # "Ph.D.", "DiS."
    organisation: Mapped[str] = mapped_column(String(300), default="")
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id", ondelete="SET NULL"), index=True)
    triad_role: Mapped[TriadRole] = mapped_column(enum_column(TriadRole), default=TriadRole.PUBLIC)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Consent to keep contact data (GDPR): the day it was given; None = not recorded.
    consent_on: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    memberships: Mapped[list["Membership"]] = relationship(back_populates="person")


working_group_target_group = Table(
    "working_group_target_group",
    Base.metadata,
    Column("group_id", ForeignKey("working_group.id", ondelete="CASCADE"), primary_key=True),
    Column("target_group_id", ForeignKey("target_group.id", ondelete="RESTRICT"), primary_key=True),
)


class WorkingGroup(Versioned, Stamped, Base):
    """A working group or the steering group, with its own rules of procedure."""

    __tablename__ = "working_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Prefix of resolution numbers ("PS Senioři" → "PS Senioři 3/2026/1").
    short_name: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[GroupKind] = mapped_column(enum_column(GroupKind), default=GroupKind.WORKING)
    description: Mapped[str] = mapped_column(Text, default="")
    active_from: Mapped[dt.date | None] = mapped_column(Date)
    active_to: Mapped[dt.date | None] = mapped_column(Date)
    # Quorum: voting members present must be more than (strict) or at least `quorum_percent` % of all.
    quorum_percent: Mapped[int] = mapped_column(Integer, default=50)
    quorum_strict: Mapped[bool] = mapped_column(Boolean, default=True)
    # Majority: votes for must be more than (strict) or at least `majority_percent` % of the base.
    majority_percent: Mapped[int] = mapped_column(Integer, default=50)
    majority_strict: Mapped[bool] = mapped_column(Boolean, default=True)
    majority_base: Mapped[MajorityBase] = mapped_column(enum_column(MajorityBase), default=MajorityBase.PRESENT)
    tie_chair_decides: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_days: Mapped[int] = mapped_column(Integer, default=7)
    meetings_per_year: Mapped[int] = mapped_column(Integer, default=4)
    # Resolution number pattern; fields {group}, {number}, {year}, {item} (order within the meeting).
    resolution_pattern: Mapped[str] = mapped_column(String(100), default="{group} {number}/{year}/{item}")
    funding_strip_id: Mapped[int | None] = mapped_column(ForeignKey("funding_strip.id", ondelete="SET NULL"))

    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=working_group_target_group, order_by=TargetGroup.sort_order)
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="Membership.id")
    meetings: Mapped[list["Meeting"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="(Meeting.date, Meeting.id)")
    funding_strip: Mapped[FundingStrip | None] = relationship()


class Membership(Base):
    """A person's seat in a group for a time; history is kept (a member who left stays in old meetings)."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_group.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    role: Mapped[MembershipRole] = mapped_column(enum_column(MembershipRole), default=MembershipRole.MEMBER)
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)  # last day of membership, inclusive

    group: Mapped[WorkingGroup] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(back_populates="memberships", lazy="joined")


meeting_verifier = Table(
    "meeting_verifier",
    Base.metadata,
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="RESTRICT"), primary_key=True),
)


class Meeting(Versioned, Stamped, Base):
    """One meeting (jednání) of a group, numbered within the group and year ("3/2026")."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("group_id", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_group.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    starts_at: Mapped[str] = mapped_column(String(5), default="")  # "14:00", local time in Prague
    ends_at: Mapped[str] = mapped_column(String(5), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[MeetingState] = mapped_column(enum_column(MeetingState), default=MeetingState.PLANNED)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    minute_taker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    # Whom members excuse themselves to, and by when (printed on the invitation).
    excuse_to: Mapped[str] = mapped_column(String(300), default="")
    excuse_by: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The minutes as the minute-taker finished them in the app; empty = generated from the meeting.
    minutes_text: Mapped[str] = mapped_column(Text, default="")
    # Funding strip of this meeting; None = the group's.
    funding_strip_id: Mapped[int | None] = mapped_column(ForeignKey("funding_strip.id", ondelete="SET NULL"))

    group: Mapped[WorkingGroup] = relationship(back_populates="meetings")
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    minute_taker: Mapped[Person | None] = relationship(foreign_keys=[minute_taker_id])
    verifiers: Mapped[list[Person]] = relationship(secondary=meeting_verifier, order_by=Person.last_name)
    funding_strip: Mapped[FundingStrip | None] = relationship()
    agenda: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position")
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.id")


class AgendaItem(Base):
    """A point of the agenda (program jednání) with the discussion recorded in the minutes."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The first item of every meeting: "Kontrola úkolů z minulých jednání", open tasks listed there.
    is_task_review: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    resolutions: Mapped[list["Resolution"]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan", order_by="Resolution.position")
    tasks: Mapped[list["Task"]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan", order_by="Task.id")


class Attendance(Base):
    """One line of the attendance sheet: a member (person_id) or a guest (name and organisation)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    state: Mapped[AttendanceState] = mapped_column(enum_column(AttendanceState), default=AttendanceState.ABSENT)
    # Whether the member had a vote on the meeting day: kept so a later change of membership
    # does not rewrite an old meeting's quorum.
    voting: Mapped[bool] = mapped_column(Boolean, default=False)
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    guest_name: Mapped[str] = mapped_column(String(200), default="")
    guest_organisation: Mapped[str] = mapped_column(String(300), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person | None] = relationship(lazy="joined")


class Resolution(Base):
    """Usnesení: text and the votes as counts; `adopted` is computed from the group's majority rule."""

    __tablename__ = "resolution"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(100), default="")  # "PS Senioři 3/2026/1"
    text: Mapped[str] = mapped_column(Text, default="")
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    votes_abstained: Mapped[int | None] = mapped_column(Integer)
    adopted: Mapped[bool | None] = mapped_column(Boolean)
    # On a tie (pro = proti) in a group whose rules let the chair decide: how the chair decided.
    chair_votes_for: Mapped[bool | None] = mapped_column(Boolean)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="resolutions")


class Task(Base):
    """Úkol: what, who (a person or free text such as an organisation), by when; reviewed at every
    later meeting of the group until closed."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_group.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    responsible_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    responsible_text: Mapped[str] = mapped_column(String(300), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    state: Mapped[TaskState] = mapped_column(enum_column(TaskState), default=TaskState.OPEN)
    note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="tasks")
    group: Mapped[WorkingGroup] = relationship()
    responsible_person: Mapped[Person | None] = relationship(lazy="joined")
    reviews: Mapped[list["TaskReview"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskReview.id")


class TaskReview(Base):
    """The state of a task as reviewed at one meeting (its history, meeting by meeting)."""

    __tablename__ = "task_review"
    __table_args__ = (UniqueConstraint("task_id", "meeting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    state: Mapped[TaskState] = mapped_column(enum_column(TaskState), default=TaskState.OPEN)
    note: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship(back_populates="reviews")
    meeting: Mapped[Meeting] = relationship()


# What the versions of a group and of a meeting cover: everything their editors save at once
# (db/versioning.py). A review changes the reviewed task, so the task's own meeting moves too.
part_of(Membership, lambda m: m.group)
for _part in (AgendaItem, Attendance, TaskReview):
    part_of(_part, lambda p: p.meeting)
part_of(Resolution, lambda r: r.agenda_item)
part_of(Task, lambda t: t.agenda_item)
