"""The demo groups: a year of meetings that exercises every rule the tab shows."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from db.directory.demo import load_demo
from db.errors import UserError
from db.meetings import queries as q
from db.meetings.demo import groups_are_empty, load_meetings_demo
from db.meetings.models import GroupKind, MeetingState, Person, TaskState
from db.meetings.rules import GroupRules, meeting_quorum

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def demo(db):
    load_demo(db)
    return load_meetings_demo(db, today=TODAY)


def test_five_groups_forty_persons_a_year_of_meetings(db, demo):
    assert (demo.groups, demo.meetings) == (5, 28)
    assert 38 <= demo.persons <= 45 and demo.resolutions >= 15 and demo.tasks >= 20
    groups = db.read(q.list_groups, TODAY)
    assert groups[0].kind is GroupKind.STEERING
    assert sum(g.kind is GroupKind.WORKING for g in groups) == 4
    assert all(g.next_meeting and g.next_meeting > TODAY for g in groups)
    assert "jednání 28" in demo.message()
    assert not groups_are_empty(db)


def test_some_tasks_carried_over_twice_some_overdue(db, demo):
    tasks = db.read(q.list_tasks, None, None, None, TODAY)
    carried_twice_then_closed = [t for t in tasks if t.state is TaskState.DONE
                                 and [h.state for h in t.history][-3:] == [TaskState.OPEN, TaskState.OPEN, TaskState.DONE]]
    assert len(carried_twice_then_closed) >= 2
    assert sum(t.overdue for t in tasks) >= 4
    assert any(t.state is TaskState.ONGOING for t in tasks) and any(t.state is TaskState.CANCELLED for t in tasks)


def test_held_meetings_have_a_quorum_and_one_resolution_fails(db, demo):
    resolutions = db.read(q.list_resolutions)
    assert any(r.adopted is False for r in resolutions) and sum(bool(r.adopted) for r in resolutions) >= 15
    with db.session() as s:
        for row in q.list_meetings(s):
            record = q.load_meeting(s, row.id)
            group = q.load_group(s, row.group_id)
            if row.date < TODAY:
                assert row.state in (MeetingState.HELD, MeetingState.APPROVED)
                assert meeting_quorum(GroupRules.of(group), record.attendance).has_quorum
            else:
                assert row.state in (MeetingState.PLANNED, MeetingState.INVITED)


def test_persons_of_directory_providers_are_linked_and_history_is_kept(db, demo):
    with db.session() as s:
        linked = s.scalar(select(func.count()).select_from(Person).where(Person.provider_id.is_not(None)))
        inactive = s.scalars(select(Person).where(Person.active.is_(False))).all()
    assert linked >= 20
    assert [p.last_name for p in inactive] == ["Čížek"]
    with pytest.raises(UserError, match="nelze smazat"):
        db.write(q.delete_person, inactive[0].id)


def test_demo_is_refused_once_groups_exist(db, demo):
    with pytest.raises(UserError, match="už obsahuje pracovní skupiny"):
        load_meetings_demo(db, today=TODAY)


def test_demo_loads_without_the_directory_too(db):
    summary = load_meetings_demo(db, today=TODAY)
    assert summary.groups == 5
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(Person.provider_id.is_not(None))) == 0
