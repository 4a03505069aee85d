"""A small working group with one held meeting in a fresh database, and readers of the outputs."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from PIL import Image

from db.meetings.models import (
    AgendaItem, Attendance, AttendanceState, FundingStrip, Meeting, MeetingState, Membership, MembershipRole,
    Person, Resolution, Task, TaskReview, TaskState, TriadRole, WorkingGroup,
)

STRIP_TEXT = "Projekt Rozvoj KPSS, reg. č. CZ.03.2.63/0.0/0.0/16_063/0006566"
MEETING_DAY = dt.date(2026, 12, 15)


def png(width: int = 1200, height: int = 180) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Seeded:
    group_id: int
    meeting_id: int
    earlier_meeting_id: int
    next_meeting_id: int


@pytest.fixture
def seeded(db) -> Seeded:
    """Group "Senioři" (strip with image and text): six members, one of whom left the day before the
    meeting and one guest member; a meeting with attendance, a resolution with votes, a task, and the
    review of a task given at an earlier meeting."""
    with db.session() as s, s.begin():
        strip = FundingStrip(name="ESF", text=STRIP_TEXT, image=png())
        group = WorkingGroup(name="Senioři", short_name="PS Senioři", funding_strip=strip)
        s.add(group)
        people = {}
        for key, first, last, triad, email in [
            ("stastna", "Jana", "Šťastná", TriadRole.PROVIDER, "stastna@charita.cz"),
            ("cermak", "Karel", "Čermák", TriadRole.USER, ""),
            ("cibulka", "Eva", "Cibulková", TriadRole.PROVIDER, "cibulkova@dps.cz"),
            ("chalupa", "Tomáš", "Chalupa", TriadRole.PUBLIC, "chalupa@nadeje.cz"),
            ("hruba", "Lucie", "Hrubá", TriadRole.PROVIDER, "hruba@ps.cz"),
            ("zak", "Zdeněk", "Žák", TriadRole.USER, "zak@seznam.cz"),
            ("left", "Ota", "Odešlý", TriadRole.PUBLIC, "odesly@x.cz"),
            ("host", "Alena", "Veselá", TriadRole.COMMISSIONER, "vesela@kraj.cz"),
        ]:
            people[key] = Person(first_name=first, last_name=last, triad_role=triad, email=email,
                                 organisation=f"Organizace {last}", title_before="Mgr." if key == "stastna" else "")
        for key, person in people.items():
            role = {"stastna": MembershipRole.LEADER, "hruba": MembershipRole.MINUTE_TAKER,
                    "host": MembershipRole.GUEST}.get(key, MembershipRole.MEMBER)
            valid_to = MEETING_DAY - dt.timedelta(days=1) if key == "left" else None
            s.add(Membership(group=group, person=person, role=role, voting=key != "host", valid_to=valid_to))
        earlier = Meeting(group=group, number=2, year=2026, date=dt.date(2026, 9, 1), starts_at="09:00",
                          place="MěÚ", state=MeetingState.APPROVED)
        old_item = AgendaItem(meeting=earlier, position=0, title="Plán")
        old_task = Task(agenda_item=old_item, group=group, description="Zjistit zájem obcí o odlehčovací službu",
                        responsible_person=people["stastna"], due_on=dt.date(2026, 10, 31), state=TaskState.ONGOING)
        meeting = Meeting(group=group, number=3, year=2026, date=MEETING_DAY, starts_at="09:00", ends_at="11:00",
                          place="Zasedací místnost <12> & spol.", state=MeetingState.HELD, chair=people["stastna"],
                          minute_taker=people["hruba"], verifiers=[people["chalupa"]], excuse_to="Lucie Hrubá",
                          excuse_by=dt.date(2026, 12, 11), changed_at=dt.datetime(2026, 12, 1, 10, 0))
        states = {"stastna": AttendanceState.PRESENT, "cermak": AttendanceState.PRESENT,
                  "cibulka": AttendanceState.EXCUSED, "chalupa": AttendanceState.PRESENT,
                  "hruba": AttendanceState.PRESENT, "zak": AttendanceState.ABSENT}
        for key, state in states.items():
            s.add(Attendance(meeting=meeting, person=people[key], state=state, voting=True))
        s.add(Attendance(meeting=meeting, is_guest=True, guest_name="Ing. Pavel Host", guest_organisation="Kraj",
                         state=AttendanceState.PRESENT))
        # The guest member's line, as new_meeting writes it: present but without a vote.
        s.add(Attendance(meeting=meeting, person=people["host"], state=AttendanceState.PRESENT, voting=False))
        review = AgendaItem(meeting=meeting, position=0, title="Kontrola úkolů z minulých jednání", is_task_review=True)
        item = AgendaItem(meeting=meeting, position=1, title="Dotazník potřeb", presenter="Tomáš Chalupa",
                          notes="První odstavec diskuse.\n\nDruhý odstavec diskuse.")
        s.add_all([review, item])
        s.add(Resolution(agenda_item=item, position=0, number="PS Senioři 3/2026/1",
                         text="Skupina doporučuje odlehčovací službu.", votes_for=4, votes_against=0,
                         votes_abstained=1, adopted=True))
        s.add(Task(agenda_item=item, group=group, description="Připravit návrh opatření",
                   responsible_text="Město Příbram", due_on=dt.date(2027, 1, 31)))
        s.add(TaskReview(task=old_task, meeting=meeting, state=TaskState.ONGOING, note="přesunuto na únor"))
        following = Meeting(group=group, number=1, year=2027, date=dt.date(2027, 2, 16), starts_at="09:00",
                            place="MěÚ Příbram")
        s.add_all([earlier, meeting, following])
        s.flush()
        return Seeded(group.id, meeting.id, earlier.id, following.id)


@pytest.fixture
def seeded_doc(db, seeded):
    from printing.meetings.data import collect_meeting

    with db.session() as s:
        return collect_meeting(s, seeded.meeting_id)
