"""Groups, members and meetings through the core API the tab uses (Database.read / Database.write)."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.errors import UserError, ValidationError
from db.meetings import queries as q
from db.meetings.models import (
    AttendanceState, GroupKind, MeetingState, MembershipRole, Person, TaskReview, TaskState, TriadRole,
)
from db.meetings.records import (
    TASK_REVIEW_TITLE, AgendaItemRecord, AttendanceRecord, GroupRecord, MembershipRecord, PersonRecord,
    ResolutionRecord, StripRecord, TaskRecord,
)
from db.meetings.validation import group_problems, meeting_problems, person_problems

START = dt.date(2026, 1, 1)


def _person(db, first, last, **kw) -> int:
    return db.write(q.save_person, PersonRecord(first_name=first, last_name=last, **kw))


@pytest.fixture
def group(db):
    """PS Senioři with five voting members, a zapisovatel without a vote, and one member who left."""
    names = [("Jana", "Čermáková"), ("Petr", "Novák"), ("Eva", "Chudá"), ("Ivo", "Hruška"), ("Olga", "Cibulková"),
             ("Marie", "Zapisovatelová"), ("Karel", "Odešel")]
    ids = {last: _person(db, first, last) for first, last in names}
    memberships = [MembershipRecord(person_id=pid, valid_from=START) for pid in ids.values()]
    memberships[0].role = MembershipRole.LEADER
    memberships[5].role, memberships[5].voting = MembershipRole.MINUTE_TAKER, False
    memberships[6].valid_to = dt.date(2026, 3, 9)  # left the day before the first meeting
    group_id = db.write(q.save_group, GroupRecord(name="Pracovní skupina Senioři", short_name="PS Senioři",
                                                  memberships=memberships))
    return group_id, ids


def _meeting(db, group_id, day, present=(), resolutions=(), tasks=(), reviews=None, state=MeetingState.HELD):
    record = db.read(q.new_meeting, group_id, day)
    for line in record.attendance:
        if line.sort_name.split()[0] in present:
            line.state = AttendanceState.PRESENT
    record.state = state
    item = AgendaItemRecord(title="Různé", resolutions=list(resolutions), tasks=list(tasks))
    record.agenda.append(item)
    for review in record.task_reviews:
        if reviews and review.description in reviews:
            review.state = reviews[review.description]
    return db.write(q.save_meeting, record), record


def test_new_meeting_lists_members_valid_that_day_in_czech_order(db, group):
    group_id, ids = group
    record = db.read(q.new_meeting, group_id, dt.date(2026, 3, 10))
    assert record.number == 1 and record.year == 2026 and record.label == "1/2026"
    # Karel Odešel's membership ended on 9 March: he is not on the sheet of 10 March.
    assert [line.sort_name for line in record.attendance] == [
        "Cibulková Olga", "Čermáková Jana", "Hruška Ivo", "Chudá Eva", "Novák Petr", "Zapisovatelová Marie"]
    assert [line.voting for line in record.attendance] == [True, True, True, True, True, False]
    assert record.chair_id == ids["Čermáková"] and record.minute_taker_id == ids["Zapisovatelová"]
    assert record.agenda[0].title == TASK_REVIEW_TITLE and record.agenda[0].is_task_review
    # The day before, he still was a member.
    assert "Odešel Karel" in [line.sort_name for line in db.read(q.new_meeting, group_id, dt.date(2026, 3, 9)).attendance]


def test_resolution_numbered_by_pattern_and_adopted_by_rules(db, group):
    group_id, _ = group
    present = ("Čermáková", "Novák", "Chudá")  # 3 of 5 voting members: a quorum
    meeting_id, record = _meeting(db, group_id, dt.date(2026, 3, 10), present, resolutions=[
        ResolutionRecord(text="Schvaluje program.", votes_for=3, votes_against=0, votes_abstained=0),
        ResolutionRecord(text="Doporučuje zřídit odlehčovací službu.", votes_for=1, votes_against=1,
                         votes_abstained=1),
        ResolutionRecord(text="Bez hlasování.")])
    saved = db.read(q.load_meeting, meeting_id)
    numbers = [r.number for r in saved.agenda[1].resolutions]
    assert numbers == ["PS Senioři 1/2026/1", "PS Senioři 1/2026/2", "PS Senioři 1/2026/3"]
    assert [r.adopted for r in saved.agenda[1].resolutions] == [True, False, None]
    assert record.agenda[1].resolutions[0].number == "PS Senioři 1/2026/1"  # written back for the editor
    rows = db.read(q.list_resolutions, group_id, 2026)
    assert [r.text for r in rows][:1] == ["Schvaluje program."]


def test_without_quorum_nothing_is_adopted(db, group):
    group_id, _ = group
    meeting_id, _ = _meeting(db, group_id, dt.date(2026, 3, 10), ("Čermáková", "Novák"), resolutions=[
        ResolutionRecord(text="Schvaluje.", votes_for=2, votes_against=0, votes_abstained=0)])
    assert db.read(q.load_meeting, meeting_id).agenda[1].resolutions[0].adopted is False


def test_saving_again_changes_rather_than_adds(db, group):
    group_id, _ = group
    meeting_id, record = _meeting(db, group_id, dt.date(2026, 3, 10), ("Čermáková",), tasks=[
        TaskRecord(description="Zjistit kapacity", responsible_text="Charita")])
    record.agenda[1].tasks[0].description = "Zjistit volné kapacity"
    db.write(q.save_meeting, record)
    saved = db.read(q.load_meeting, meeting_id)
    assert len(saved.attendance) == 6 and len(saved.agenda) == 2
    assert [t.description for t in saved.agenda[1].tasks] == ["Zjistit volné kapacity"]
    assert [t.description for t in db.read(q.list_tasks)] == ["Zjistit volné kapacity"]


def test_task_is_carried_over_until_closed_with_its_history(db, group):
    group_id, ids = group
    task = TaskRecord(description="Zmapovat víkendovou péči", responsible_person_id=ids["Novák"],
                      due_on=dt.date(2026, 4, 30))
    first_id, _ = _meeting(db, group_id, dt.date(2026, 3, 10), ("Čermáková",), tasks=[task])

    second = db.read(q.new_meeting, group_id, dt.date(2026, 5, 12))
    assert second.number == 2
    assert [(r.description, r.origin_label, r.responsible) for r in second.task_reviews] == [
        ("Zmapovat víkendovou péči", "1/2026", "Petr Novák")]
    _meeting(db, group_id, dt.date(2026, 5, 12), reviews={"Zmapovat víkendovou péči": TaskState.ONGOING})
    third = db.read(q.new_meeting, group_id, dt.date(2026, 6, 16))
    assert [r.state for r in third.task_reviews] == [TaskState.ONGOING]  # carried over twice
    _meeting(db, group_id, dt.date(2026, 6, 16), reviews={"Zmapovat víkendovou péči": TaskState.DONE})

    assert db.read(q.new_meeting, group_id, dt.date(2026, 9, 1)).task_reviews == []
    [row] = db.read(q.list_tasks, group_id)
    assert row.state is TaskState.DONE and row.closed_on == dt.date(2026, 6, 16)
    assert [(h.meeting_label, h.state) for h in row.history] == [("2/2026", TaskState.ONGOING),
                                                                 ("3/2026", TaskState.DONE)]
    # The second meeting, opened again, still shows the task as it stood then.
    meetings = {m.label: m.id for m in db.read(q.list_meetings, group_id)}
    assert [r.state for r in db.read(q.load_meeting, meetings["2/2026"]).task_reviews] == [TaskState.ONGOING]
    assert db.read(q.list_tasks, group_id, (TaskState.OPEN, TaskState.ONGOING)) == []


def test_overdue_and_open_filters(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10), tasks=[
        TaskRecord(description="Po termínu", responsible_text="Město", due_on=dt.date(2026, 4, 1)),
        TaskRecord(description="V termínu", responsible_text="Město", due_on=dt.date(2026, 12, 1)),
        TaskRecord(description="Hotovo hned", responsible_text="Město", state=TaskState.DONE)])
    overdue = db.read(q.list_tasks, None, None, dt.date(2026, 6, 1))
    assert [t.description for t in overdue] == ["Po termínu"]
    open_rows = db.read(q.list_tasks, group_id, (TaskState.OPEN, TaskState.ONGOING))
    assert {t.description for t in open_rows} == {"Po termínu", "V termínu"}
    assert db.read(q.list_groups, dt.date(2026, 6, 1))[0].open_task_count == 2


def test_deleting_a_meeting_gives_reviewed_tasks_back_their_earlier_state(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10), tasks=[TaskRecord(description="Úkol", responsible_text="X")])
    second_id, _ = _meeting(db, group_id, dt.date(2026, 5, 12), reviews={"Úkol": TaskState.DONE})
    assert db.read(q.list_tasks)[0].state is TaskState.DONE
    db.write(q.delete_meeting, second_id)
    assert db.read(q.list_tasks)[0].state is TaskState.OPEN
    first_id = db.read(q.list_meetings)[0].id
    _meeting(db, group_id, dt.date(2026, 5, 12), reviews={"Úkol": TaskState.ONGOING})
    with pytest.raises(UserError, match="kontrolovány na pozdějších jednáních"):
        db.write(q.delete_meeting, first_id)


def test_deleting_a_person_with_history_is_refused_deactivation_offered(db, group):
    group_id, ids = group
    _meeting(db, group_id, dt.date(2026, 3, 10), ("Novák",))
    with pytest.raises(UserError, match="nelze smazat.*účast na jednáních.*neaktivní"):
        db.write(q.delete_person, ids["Novák"])
    later = db.write(q.save_group, GroupRecord(name="Pracovní skupina Budoucí"))
    db.write(q.save_membership, MembershipRecord(person_id=ids["Novák"], group_id=later,
                                                 valid_from=dt.date(2026, 9, 1)))
    db.write(q.deactivate_person, ids["Novák"], dt.date(2026, 4, 1))
    assert db.read(q.list_memberships, later) == []  # a seat that had not started yet is dropped
    record = db.read(q.load_person, ids["Novák"])
    assert record.active is False
    assert "Novák Petr" not in [m.sort_name for m in db.read(q.members_on, group_id, dt.date(2026, 4, 2))]
    assert "Novák Petr" in [m.sort_name for m in db.read(q.members_on, group_id, dt.date(2026, 4, 1))]
    # The minutes still name him.
    meeting_id = db.read(q.list_meetings)[0].id
    assert "Petr Novák" in [a.person_name for a in db.read(q.load_meeting, meeting_id).attendance]
    # A person without history goes, with their memberships.
    db.write(q.delete_person, ids["Odešel"])
    with db.session() as s:
        assert s.get(Person, ids["Odešel"]) is None


def test_membership_of_someone_who_attended_cannot_be_deleted_only_ended(db, group):
    group_id, ids = group
    _meeting(db, group_id, dt.date(2026, 3, 10), ("Novák",))
    rows = {m.sort_name: m for m in db.read(q.list_memberships, group_id)}
    with pytest.raises(UserError, match="Ukončete členství"):
        db.write(q.delete_membership, rows["Novák Petr"].membership_id)
    db.write(q.end_membership, rows["Novák Petr"].membership_id, dt.date(2026, 5, 31))
    # Listed as absent is history too; a seat added by mistake after the meeting may go.
    with pytest.raises(UserError, match="vedena v prezenční listině"):
        db.write(q.delete_membership, rows["Hruška Ivo"].membership_id)
    newcomer = _person(db, "Nový", "Omyl")
    seat = db.write(q.save_membership, MembershipRecord(person_id=newcomer, group_id=group_id,
                                                        valid_from=dt.date(2026, 4, 1)))
    assert "Omyl Nový" in [m.sort_name for m in db.read(q.members_on, group_id, dt.date(2026, 4, 1))]
    db.write(q.delete_membership, seat)
    names = [m.sort_name for m in db.read(q.list_memberships, group_id)]
    assert "Omyl Nový" not in names and "Odešel Karel" in names  # ended seats stay in the list
    assert next(m for m in db.read(q.list_memberships, group_id) if m.sort_name == "Novák Petr").valid_to == \
        dt.date(2026, 5, 31)
    record = db.read(q.load_group, group_id)
    record.memberships = [m for m in record.memberships if m.person_name != "Petr Novák"]
    with pytest.raises(UserError, match="Členství osoby „Petr Novák“ nelze smazat"):
        db.write(q.save_group, record)


def test_group_with_meetings_cannot_be_deleted(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10))
    with pytest.raises(UserError, match="Ukončete její činnost"):
        db.write(q.delete_group, group_id)
    empty = db.write(q.save_group, GroupRecord(name="Pracovní skupina Nová"))
    db.write(q.delete_group, empty)
    assert [g.name for g in db.read(q.list_groups)] == ["Pracovní skupina Senioři"]


def test_validation_names_the_field_in_czech(db, group):
    group_id, ids = group
    problems = person_problems(PersonRecord(first_name="Jan", email="jan@", phone="12",
                                            consent_on=dt.date.today() + dt.timedelta(days=3)))
    assert {(p.field, p.label) for p in problems} == {
        ("last_name", "Příjmení"), ("email", "E-mail"), ("phone", "Telefon"),
        ("consent_on", "Souhlas se zpracováním údajů")}
    with pytest.raises(ValidationError) as info:
        db.write(q.save_person, PersonRecord(first_name="Jan"))
    assert info.value.problems == [("Příjmení", "Vyplňte příjmení.")]

    duplicate = GroupRecord(name="PRACOVNÍ SKUPINA SENIOŘI", resolution_pattern="{group}/{rok}",
                            quorum_percent=0)
    labels = {p.label: p.message for p in group_problems(db.session(), duplicate)}
    assert labels["Název skupiny"] == "Skupina „PRACOVNÍ SKUPINA SENIOŘI“ už existuje."
    assert "jen pole {group}" in labels["Číslování usnesení"]
    assert labels["Usnášeníschopnost"] == "Zadejte procento od 1 do 100."
    twice = GroupRecord(name="Jiná", memberships=[
        MembershipRecord(person_id=ids["Novák"], person_name="Petr Novák"),
        MembershipRecord(person_id=ids["Novák"], person_name="Petr Novák", valid_from=START)])
    assert "uveden(a) dvakrát" in group_problems(db.session(), twice)[0].message

    record = db.read(q.new_meeting, group_id, dt.date(2026, 3, 10))
    record.starts_at, record.ends_at = "14:00", "13:00"
    record.agenda.append(AgendaItemRecord(title="", tasks=[TaskRecord(description="Něco")]))
    record.attendance.append(AttendanceRecord(is_guest=True))
    messages = {(p.label, p.message) for p in meeting_problems(db.session(), record)}
    assert ("Konec", "Konec jednání musí být později než začátek.") in messages
    assert ("Program", "Bod 2: vyplňte název bodu programu.") in messages
    assert ("Úkoly", "Bod 2, úkol 1: uveďte, kdo úkol splní (osobu nebo organizaci).") in messages
    assert ("Prezenční listina", "U každého hosta vyplňte jméno.") in messages
    record.state = MeetingState.HELD
    early = {(p.label, p.message) for p in meeting_problems(db.session(), record, dt.date(2026, 3, 9))}
    assert ("Stav", "Jednání je naplánováno na 10. 3. 2026; jako proběhlé je lze označit až v ten den.") in early
    with pytest.raises(ValidationError):
        db.write(q.save_meeting, record)
    assert db.read(q.list_meetings) == []  # nothing half-saved


def test_meeting_number_must_be_unique_in_group_and_year(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10))
    record = db.read(q.new_meeting, group_id, dt.date(2026, 5, 10))
    record.number = 1
    with pytest.raises(ValidationError, match="Jednání č. 1/2026 už ve skupině existuje"):
        db.write(q.save_meeting, record)
    assert db.read(q.new_meeting, group_id, dt.date(2027, 1, 20)).number == 1  # a new year starts at 1


def test_guest_is_kept_on_the_sheet_but_does_not_vote(db, group):
    group_id, _ = group
    record = db.read(q.new_meeting, group_id, dt.date(2026, 3, 10))
    for line in record.attendance[:2]:
        line.state = AttendanceState.PRESENT
    record.attendance.append(AttendanceRecord(is_guest=True, voting=True, state=AttendanceState.PRESENT,
                                              guest_name="Ing. Tomáš Rybář", guest_organisation="Krajský úřad"))
    record.agenda.append(AgendaItemRecord(title="Různé", resolutions=[
        ResolutionRecord(text="Schvaluje.", votes_for=3, votes_against=0, votes_abstained=0)]))
    meeting_id = db.write(q.save_meeting, record)
    saved = db.read(q.load_meeting, meeting_id)
    guest = saved.attendance[-1]
    assert guest.is_guest and not guest.voting and guest.display_name == "Ing. Tomáš Rybář"
    # 2 of 5 voting members present: the guest does not make a quorum, so nothing was adopted.
    assert saved.agenda[1].resolutions[0].adopted is False


def test_copy_agenda_from_last_meeting(db, group):
    group_id, _ = group
    record = db.read(q.new_meeting, group_id, dt.date(2026, 3, 10))
    record.agenda += [AgendaItemRecord(title="Informace z ŘS", presenter="Jana Čermáková", planned_minutes=10,
                                       notes="Diskuse", resolutions=[ResolutionRecord(text="Bere na vědomí.")])]
    db.write(q.save_meeting, record)
    agenda = db.read(q.copy_agenda_from_last, group_id)
    assert [(i.title, i.presenter, i.planned_minutes, i.notes, i.resolutions) for i in agenda] == [
        (TASK_REVIEW_TITLE, "", None, "", []), ("Informace z ŘS", "Jana Čermáková", 10, "", [])]


def test_search_across_groups_ignores_case_and_diacritics(db, group):
    group_id, ids = group
    other = db.write(q.save_group, GroupRecord(name="Pracovní skupina Rodina", memberships=[
        MembershipRecord(person_id=ids["Chudá"])]))
    _meeting(db, group_id, dt.date(2026, 3, 10), resolutions=[
        ResolutionRecord(text="Doporučuje zřídit odlehčovací službu.")])
    _meeting(db, other, dt.date(2026, 3, 12), tasks=[
        TaskRecord(description="Oslovit školy kvůli prevenci", responsible_person_id=ids["Chudá"])])
    hits = db.read(q.search, "ODLEHCOVACI")
    assert [(h.kind, h.title) for h in hits] == [("resolution", "PS Senioři 1/2026/1: Doporučuje zřídit "
                                                                "odlehčovací službu.")]
    hits = db.read(q.search, "chuda")
    assert [h.kind for h in hits] == ["person", "task"]
    assert "Pracovní skupina Rodina" in hits[0].detail and "Pracovní skupina Senioři" in hits[0].detail
    assert db.read(q.search, "  ") == []


def test_lists_in_czech_order_steering_group_first(db):
    for name, kind in (("Pracovní skupina Senioři", GroupKind.WORKING), ("Řídící skupina", GroupKind.STEERING),
                       ("Pracovní skupina Chudoba", GroupKind.WORKING), ("Pracovní skupina Cizinci", GroupKind.WORKING)):
        db.write(q.save_group, GroupRecord(name=name, kind=kind))
    assert [g.name for g in db.read(q.list_groups)] == [
        "Řídící skupina", "Pracovní skupina Cizinci", "Pracovní skupina Chudoba", "Pracovní skupina Senioři"]
    for first, last in (("Adam", "Šťastný"), ("Bedřich", "Sýkora"), ("Cyril", "Chalupa"), ("Dan", "Hora")):
        _person(db, first, last)
    assert [p.sort_name for p in db.read(q.list_people)] == [
        "Hora Dan", "Chalupa Cyril", "Sýkora Bedřich", "Šťastný Adam"]


def test_person_picked_from_a_directory_provider(db):
    from db.directory.demo import load_demo

    load_demo(db)
    choices = db.read(q.provider_choices)
    charity = next(c for c in choices if c.name == "Oblastní charita Lipová nad Sázavou")
    assert "Mgr. Ondřej Černý" in charity.contacts
    record = db.read(q.person_from_provider, charity.id, "Mgr. Ondřej Černý")
    assert (record.title_before, record.first_name, record.last_name) == ("Mgr.", "Ondřej", "Černý")
    assert record.organisation == charity.name and record.provider_id == charity.id
    assert record.triad_role is TriadRole.PROVIDER
    assert q.split_name("Jitka Zelená, DiS.") == ("", "Jitka", "Zelená", "DiS.")
    assert q.split_name("Novák") == ("", "", "Novák", "")


def test_funding_strips(db, group):
    group_id, _ = group
    with pytest.raises(ValidationError, match="PNG nebo JPEG"):
        db.write(q.save_strip, StripRecord(name="EU", image=b"GIF89a"))
    strip_id = db.write(q.save_strip, StripRecord(name="OPZ+", text="reg. č. CZ.03.02.02/00/23_999/0000001"))
    record = db.read(q.load_group, group_id)
    record.funding_strip_id = strip_id
    db.write(q.save_group, record)
    meeting_id, _ = _meeting(db, group_id, dt.date(2026, 3, 10))
    assert db.read(q.meeting_strip, meeting_id).text.startswith("reg. č.")
    db.write(q.delete_strip, strip_id)
    assert db.read(q.meeting_strip, meeting_id) is None
    assert db.read(q.list_strips) == []


def test_planned_meeting_keeps_open_tasks_listed_without_recording_them(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10), tasks=[TaskRecord(description="Úkol", responsible_text="X")])
    planned_id, _ = _meeting(db, group_id, dt.date(2026, 5, 12), state=MeetingState.INVITED)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(TaskReview)) == 0
    assert [r.description for r in db.read(q.meeting_reviews, planned_id)] == ["Úkol"]


def test_a_tie_decided_by_the_chair_where_the_group_allows_it(db, group):
    group_id, _ = group
    record = db.read(q.load_group, group_id)
    record.tie_chair_decides = True
    db.write(q.save_group, record)
    present = ("Čermáková", "Novák", "Chudá", "Hruška")
    meeting_id, _ = _meeting(db, group_id, dt.date(2026, 3, 10), present, resolutions=[
        ResolutionRecord(text="Rozhodl předsedající.", votes_for=2, votes_against=2, votes_abstained=0,
                         chair_votes_for=True),
        ResolutionRecord(text="Předsedající nerozhodl.", votes_for=2, votes_against=2, votes_abstained=0)])
    saved = db.read(q.load_meeting, meeting_id).agenda[1].resolutions
    assert [(r.adopted, r.chair_votes_for) for r in saved] == [(True, True), (False, None)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(outcomes=st.lists(st.sampled_from([TaskState.OPEN, TaskState.ONGOING, TaskState.DONE, TaskState.CANCELLED]),
                         min_size=1, max_size=5))
def test_any_task_is_reviewed_at_every_meeting_until_closed(db, outcomes):
    """Whatever the reviews say, the task is listed at each next meeting until one closes it, then never
    again, and its history has one line per meeting that reviewed it."""
    person = db.write(q.save_person, PersonRecord(last_name="Kontrolní"))
    group_id = db.write(q.save_group, GroupRecord(name=f"Skupina {len(db.read(q.list_groups))}",
                                                  memberships=[MembershipRecord(person_id=person)]))
    day = dt.date(2026, 1, 5)
    _meeting(db, group_id, day, tasks=[TaskRecord(description="Úkol", responsible_person_id=person)])
    closed_at = None
    for index, outcome in enumerate(outcomes, start=1):
        day += dt.timedelta(days=30)
        listed = [r.description for r in db.read(q.new_meeting, group_id, day).task_reviews]
        assert listed == ([] if closed_at else ["Úkol"])
        if not closed_at:
            _meeting(db, group_id, day, reviews={"Úkol": outcome})
            if outcome in (TaskState.DONE, TaskState.CANCELLED):
                closed_at = index
    [task] = db.read(q.list_tasks, group_id)
    reviewed = outcomes[:closed_at] if closed_at else outcomes
    assert [h.state for h in task.history] == reviewed
    assert task.state is reviewed[-1]


def test_a_task_reviewed_later_cannot_be_dropped_from_its_meeting(db, group):
    group_id, _ = group
    first_id, first = _meeting(db, group_id, dt.date(2026, 3, 10), tasks=[
        TaskRecord(description="Zmapovat potřeby", responsible_text="Charita"),
        TaskRecord(description="Omylem zadaný", responsible_text="Charita")])
    _meeting(db, group_id, dt.date(2026, 5, 12), reviews={"Zmapovat potřeby": TaskState.ONGOING,
                                                        "Omylem zadaný": TaskState.OPEN})
    record = db.read(q.load_meeting, first_id)
    record.agenda[1].tasks = []
    with pytest.raises(UserError, match="Úkol „Zmapovat potřeby“ nelze smazat.*jako zrušený"):
        db.write(q.save_meeting, record)
    record.agenda = record.agenda[:1]  # dropping the whole item is the same loss
    with pytest.raises(UserError, match="nelze smazat"):
        db.write(q.save_meeting, record)
    assert len(db.read(q.list_tasks, group_id)) == 2


def test_a_person_deleted_meanwhile_is_a_clear_message_not_a_database_error(db, group):
    group_id, ids = group
    gone = _person(db, "Smazaná", "Mezitím")
    record = db.read(q.new_meeting, group_id, dt.date(2026, 3, 10))
    record.chair_id = gone
    seat = MembershipRecord(person_id=gone, group_id=group_id)
    person = db.read(q.load_person, gone)
    person.provider_id = 987654
    db.write(q.delete_person, gone)
    with pytest.raises(UserError, match="už v evidenci není"):
        db.write(q.save_meeting, record)
    with pytest.raises(UserError, match="už v evidenci není"):
        db.write(q.save_membership, seat)
    person.id = None
    with pytest.raises(UserError, match="Poskytovatel, u kterého osoba pracuje, už v adresáři není"):
        db.write(q.save_person, person)


def test_removing_the_closing_review_reopens_the_task(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10), tasks=[TaskRecord(description="Úkol", responsible_text="X"),
                                                        TaskRecord(description="Hned hotový", responsible_text="X",
                                                                   state=TaskState.DONE)])
    second_id, record = _meeting(db, group_id, dt.date(2026, 5, 12), reviews={"Úkol": TaskState.DONE})
    assert {t.description: t.state for t in db.read(q.list_tasks)}["Úkol"] is TaskState.DONE
    record = db.read(q.load_meeting, second_id)
    record.task_reviews = []
    db.write(q.save_meeting, record)
    states = {t.description: (t.state, t.closed_on) for t in db.read(q.list_tasks)}
    assert states == {"Úkol": (TaskState.OPEN, None), "Hned hotový": (TaskState.DONE, dt.date(2026, 3, 10))}


def test_text_pasted_from_word_is_stored_clean(db, group):
    group_id, _ = group
    person = db.write(q.save_person, PersonRecord(first_name="Ja\u00adna", last_name="\u200bNová\u00a0ková ",
                                                  organisation="Charita\u00a0 Lipová", note="Řádek 1\r\nŘádek 2"))
    record = db.read(q.load_person, person)
    assert (record.first_name, record.last_name, record.organisation, record.note) == (
        "Jana", "Nová ková", "Charita Lipová", "Řádek 1\nŘádek 2")
    with pytest.raises(ValidationError, match="Vyplňte příjmení"):
        db.write(q.save_person, PersonRecord(last_name="\u00ad\u200b"))  # invisible only: empty
    meeting = db.read(q.new_meeting, group_id, dt.date(2026, 3, 10))
    meeting.place = "Zasedací\u00a0místnost"
    meeting.agenda.append(AgendaItemRecord(title="Odleh\u00adčovací služba"))
    meeting_id = db.write(q.save_meeting, meeting)
    assert [h.kind for h in db.read(q.search, "odlehcovaci")] == ["meeting"]
    assert db.read(q.load_meeting, meeting_id).place == "Zasedací místnost"


def test_a_standing_task_is_never_overdue(db, group):
    group_id, _ = group
    _meeting(db, group_id, dt.date(2026, 3, 10), tasks=[
        TaskRecord(description="Průběžně informovat", responsible_text="Město", due_on=dt.date(2026, 4, 1),
                   state=TaskState.ONGOING)])
    [row] = db.read(q.list_tasks, None, None, None, dt.date(2026, 6, 1))
    assert row.state is TaskState.ONGOING and not row.overdue
    assert db.read(q.list_tasks, None, None, dt.date(2026, 6, 1)) == []


def test_a_membership_changed_since_it_was_loaded_is_not_overwritten(db):
    group_id = db.write(q.save_group, GroupRecord(name="PS Rodina", short_name="PS Rodina"))
    seat_id = db.write(q.save_membership, MembershipRecord(person_id=_person(db, "Jana", "Nováková"),
                                                           group_id=group_id, valid_from=START))
    [loaded] = db.read(q.load_group, group_id).memberships
    loaded.group_id = group_id
    hers = MembershipRecord(**{**vars(loaded), "valid_to": dt.date(2026, 6, 30)})
    theirs = MembershipRecord(**{**vars(loaded), "role": MembershipRole.LEADER})
    db.write(q.save_membership, theirs, loaded)
    with pytest.raises(UserError, match="mezitím změnil jiný pracovník"):
        db.write(q.save_membership, hers, loaded)
    [stored] = db.read(q.load_group, group_id).memberships
    stored.group_id = group_id
    assert (stored.id, stored.role, stored.valid_to) == (seat_id, MembershipRole.LEADER, None)
    # Loaded anew, her change goes through.
    db.write(q.save_membership, MembershipRecord(**{**vars(stored), "valid_to": dt.date(2026, 6, 30)}), stored)
    [stored] = db.read(q.load_group, group_id).memberships
    assert (stored.role, stored.valid_to) == (MembershipRole.LEADER, dt.date(2026, 6, 30))
