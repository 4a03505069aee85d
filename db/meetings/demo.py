"""Demo data of the working groups: the steering group and four working groups of the fictional town
Lipová nad Sázavou (resources/demo/meetings-lipova.json), ~40 invented persons and a year of meetings.

Meetings are dated relative to today and written through the same functions the editor uses
(new_meeting → save_meeting), so numbering, quorum, adopted resolutions and the carrying over of tasks
come out exactly as for a clerk's own data. Attendance is drawn from a fixed seed: the same every time.
Loaded only when the database has no working groups, so demo records never mix with real ones.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import resources
from db.codelists import TargetGroup
from db.collation import fold
from db.database import Database
from db.directory.models import Provider
from db.errors import UserError
from db.meetings import queries
from db.meetings.models import (
    AttendanceState, FundingStrip, GroupKind, MeetingState, Membership, MembershipRole, Person, TaskState,
    TriadRole, WorkingGroup,
)
from db.meetings.records import AgendaItemRecord, AttendanceRecord, ResolutionRecord, TaskRecord, person_name

DEMO_FILE = Path(resources.__file__).parent / "demo" / "meetings-lipova.json"
DEMO_USER = "ukázková data"
_OUTCOME_STATES = {"ongoing": TaskState.ONGOING, "cancel": TaskState.CANCELLED}


@dataclass
class MeetingsDemoSummary:
    groups: int
    persons: int
    meetings: int
    resolutions: int
    tasks: int

    def message(self) -> str:
        return (f"Nahrány ukázkové pracovní skupiny: skupiny {self.groups}, osoby {self.persons}, "
                f"jednání {self.meetings}, usnesení {self.resolutions}, úkoly {self.tasks}.")


def groups_are_empty(db: Database) -> bool:
    with db.session() as session:
        return not session.scalar(select(func.count()).select_from(WorkingGroup))


def load_meetings_demo(db: Database, path: Path = DEMO_FILE, today: dt.date | None = None) -> MeetingsDemoSummary:
    """Load the demo groups, persons and meetings in one transaction. Persons from the demo directory's
    providers are linked to them when the directory demo is loaded. Raises UserError when the database
    already has working groups."""
    data = json.loads(path.read_text(encoding="utf-8"))
    today = today or dt.date.today()
    with db.session() as session, session.begin():
        count = session.scalar(select(func.count()).select_from(WorkingGroup))
        if count:
            raise UserError(
                f"Databáze už obsahuje pracovní skupiny (počet: {count}). Ukázková data lze nahrát jen tam, kde "
                "žádné skupiny nejsou, aby se nesmíchala se skutečnými.")
        return _Builder(session, data, today).build()


class _Builder:
    def __init__(self, session: Session, data: dict, today: dt.date):
        self.session = session
        self.data = data
        self.today = today
        self.persons: dict[str, Person] = {}
        self.groups: dict[str, WorkingGroup] = {}
        self.random = random.Random(2026)
        self.meeting_count = self.resolution_count = self.task_count = 0

    def build(self) -> MeetingsDemoSummary:
        strip = FundingStrip(name=self.data["strip"]["name"], text=self.data["strip"]["text"], image=b"")
        self.session.add(strip)
        self._persons()
        for spec in self.data["groups"]:
            self._group(spec, strip)
        self.session.flush()
        self._memberships()
        for spec in self.data["groups"]:
            self._meetings(spec)
        inactive = self.persons[self.data["history"]["inactive"]]
        inactive.active = False
        return MeetingsDemoSummary(len(self.groups), len(self.persons), self.meeting_count,
                                   self.resolution_count, self.task_count)

    def _persons(self) -> None:
        providers = {fold(p.name): p.id for p in self.session.scalars(select(Provider))}
        for title, first, last, after, organisation, triad, email, phone, _groups in self.data["persons"]:
            person = Person(title_before=title, first_name=first, last_name=last, title_after=after,
                            organisation=organisation, provider_id=providers.get(fold(organisation)),
                            triad_role=TriadRole(triad), email=email, phone=phone,
                            consent_on=self.today - dt.timedelta(days=400), changed_by=DEMO_USER)
            self.session.add(person)
            self.persons[f"{first} {last}"] = person

    def _group(self, spec: dict, strip: FundingStrip) -> None:
        targets = self.session.scalars(select(TargetGroup).where(TargetGroup.name.in_(spec["target_groups"]))).all()
        group = WorkingGroup(
            name=spec["name"], short_name=spec["short_name"], kind=GroupKind(spec["kind"]),
            description=spec["description"], active_from=self.today - dt.timedelta(days=6 * 365),
            target_groups=list(targets), funding_strip=strip if spec["strip"] else None,
            meetings_per_year=6 if spec["kind"] == "working" else 3, changed_by=DEMO_USER)
        self.session.add(group)
        self.groups[spec["key"]] = group

    def _meeting_day(self, key: str, index: int) -> dt.date:
        spec = next(s for s in self.data["groups"] if s["key"] == key)
        return self.today + dt.timedelta(days=spec["days"][index])

    def _memberships(self) -> None:
        history = self.data["history"]
        ended, joined = history["ended"], history["joined"]
        start = self.today - dt.timedelta(days=3 * 365)
        for title, first, last, after, organisation, triad, email, phone, groups in self.data["persons"]:
            name = f"{first} {last}"
            for key, role in groups.items():
                valid_from, valid_to = start, None
                if name == ended["person"] and key == ended["group"]:
                    # Ends the day before a meeting: listed at meeting N, gone from meeting N + 1.
                    valid_to = self._meeting_day(key, ended["after_meeting"]) - dt.timedelta(days=1)
                if name == joined["person"] and key == joined["group"]:
                    valid_from = self._meeting_day(key, joined["from_meeting"]) - dt.timedelta(days=10)
                role = MembershipRole(role)
                self.groups[key].memberships.append(Membership(
                    person=self.persons[name], role=role,
                    voting=role not in (MembershipRole.GUEST, MembershipRole.MINUTE_TAKER),
                    valid_from=valid_from, valid_to=valid_to))
        self.session.flush()

    def _presenter(self, who: str) -> str:
        """A person of the demo with titles, as the agenda prints presenters; anyone else as written."""
        person = self.persons.get(who)
        return person_name(person.title_before, person.first_name, person.last_name, person.title_after) \
            if person is not None else who

    def _chair_name(self, person_id: int | None) -> str:
        return next((self._presenter(name) for name, p in self.persons.items() if p.id == person_id), "")

    def _responsible(self, who: str) -> tuple[int | None, str]:
        person = self.persons.get(who)
        return (person.id, "") if person is not None else (None, who)

    def _meetings(self, spec: dict) -> None:
        group = self.groups[spec["key"]]
        held = self.data["meetings"][spec["key"]]
        pending: dict[int, object] = {}   # task id → outcome still to play out at later meetings
        for index, day_offset in enumerate(spec["days"]):
            day = self.today + dt.timedelta(days=day_offset)
            record = queries.new_meeting(self.session, group.id, day)
            record.starts_at, record.ends_at, record.place = spec["starts_at"], spec["ends_at"], spec["place"]
            is_past = day < self.today
            if is_past:
                self._attendance(record.attendance, index)
                record.state = MeetingState.APPROVED if index < len(held) - 1 else MeetingState.HELD
                present = [a for a in record.attendance if a.state is AttendanceState.PRESENT and not a.is_guest]
                others = [a.person_id for a in present if a.person_id not in (record.chair_id, record.minute_taker_id)]
                record.verifier_ids = [self.random.choice(others)] if others else []
                self._review(record, pending)
                self._agenda(record, held[index])
            else:
                record.state = (MeetingState.INVITED if day_offset <= group.notice_days + 14
                                else MeetingState.PLANNED)
                record.agenda = [record.agenda[0], *(
                    AgendaItemRecord(title=title, presenter=self._presenter(who), planned_minutes=minutes)
                    for title, who, minutes in self.data["upcoming"][spec["key"]]), AgendaItemRecord(title="Různé")]
            record.agenda[0].presenter = record.agenda[0].presenter or self._chair_name(record.chair_id)
            queries.save_meeting(self.session, record, DEMO_USER)
            self.meeting_count += 1
            self._remember_tasks(record, held[index] if is_past else None, pending)

    def _attendance(self, lines: list[AttendanceRecord], index: int) -> None:
        for line in lines:
            roll = self.random.random()
            line.state = (AttendanceState.PRESENT if roll < 0.8 else
                          AttendanceState.EXCUSED if roll < 0.95 else AttendanceState.ABSENT)
        voting = [line for line in lines if line.voting]
        # A demo group always has a quorum: more than half of the voting members present.
        while sum(1 for line in voting if line.state is AttendanceState.PRESENT) * 2 <= len(voting):
            next(line for line in voting if line.state is not AttendanceState.PRESENT).state = AttendanceState.PRESENT
        if index % 2 == 1:
            name, organisation = self.data["history"]["guest_only"][index // 2 % 2]
            lines.append(AttendanceRecord(state=AttendanceState.PRESENT, is_guest=True, guest_name=name,
                                          guest_organisation=organisation))

    def _review(self, record, pending: dict[int, object]) -> None:
        """Play out the open tasks: count down carried-over ones, close those whose time has come."""
        for review in record.task_reviews:
            outcome = pending.get(review.task_id, "open")
            if outcome == "open":
                review.state, review.note = TaskState.OPEN, "Řeší se, termín se prodlužuje."
            elif outcome in _OUTCOME_STATES:
                review.state = _OUTCOME_STATES[outcome]
                review.note = "" if outcome == "ongoing" else "Úkol již není aktuální."
                if outcome == "cancel":
                    pending.pop(review.task_id)
            elif outcome == 0:
                review.state, review.note = TaskState.DONE, "Splněno."
                pending.pop(review.task_id)
            else:
                review.state, review.note = TaskState.OPEN, "Rozpracováno, přesouvá se na příští jednání."
                pending[review.task_id] = outcome - 1

    def _agenda(self, record, spec: dict) -> None:
        items = [AgendaItemRecord(title=title, presenter=self._presenter(who), planned_minutes=minutes, notes=notes)
                 for title, who, minutes, notes in spec["items"]]
        voting_present = sum(1 for a in record.attendance if a.voting and not a.is_guest
                             and a.state is AttendanceState.PRESENT)
        topic = items[-1]
        for text, against, abstained in spec["resolutions"]:
            topic.resolutions.append(ResolutionRecord(
                text=text, votes_for=voting_present - against - abstained, votes_against=against,
                votes_abstained=abstained))
            self.resolution_count += 1
        for description, who, due_days, _outcome in spec["tasks"]:
            person_id, text = self._responsible(who)
            topic.tasks.append(TaskRecord(description=description, responsible_person_id=person_id,
                                          responsible_text=text, due_on=record.date + dt.timedelta(days=due_days)))
            self.task_count += 1
        record.agenda = [record.agenda[0], *items, AgendaItemRecord(
            title="Různé", notes="Bez dalších bodů.")]

    @staticmethod
    def _remember_tasks(record, spec: dict | None, pending: dict[int, object]) -> None:
        """The outcome each new task will have at later meetings (its id is known once saved)."""
        if spec is None:
            return
        tasks = [t for item in record.agenda for t in item.tasks]
        for task, (_what, _who, _due, outcome) in zip(tasks, spec["tasks"]):
            pending[task.id] = outcome

