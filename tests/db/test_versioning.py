"""No lost update: two clerks saving the same record (on SQLite and on a PostgreSQL server)."""
from __future__ import annotations

import dataclasses
import threading
import time

import pytest
from sqlalchemy import select

from db.changes import change_stamps
from db.conflicts import differences, merge
from db.directory.demo import load_demo
from db.directory.models import Provider
from db.directory.queries import end_services, list_directory, load_provider, save_provider
from db.directory.records import PROVIDER_SHAPE
from db.meetings.demo import load_meetings_demo
from db.meetings.queries import (
    list_groups, list_meetings, list_people, load_group, load_meeting, load_person, save_group, save_meeting,
    save_person,
)
from db.meetings.records import GROUP_SHAPE, MEETING_SHAPE, PERSON_SHAPE
from db.plan.demo import load_plan_demo
from db.plan.records import NODE_SHAPE, load_node, save_node
from db.plan.models import PlanNode
from db.versioning import RecordConflict, bump


def _first_provider(db) -> int:
    listing = db.read(list_directory)
    return next(p.provider_id for p in listing.providers if p.service_count >= 2)


def _second_save_conflicts(db, load, save, record_id, theirs: dict, hers: dict,
                           clerks: tuple[str, ...] = ("Petra Dvořáková", "Jana Nováková")):
    """Both clerks open the record; the other clerk saves her fields `theirs` first, so saving `hers`
    must raise RecordConflict. Returns the clerk's record (with `hers`) and the conflict. `clerks`
    (the other, she) go to `save` as the user; () for a save that takes none."""
    her_record = dataclasses.replace(db.read(load, record_id), **hers)
    db.write(save, dataclasses.replace(db.read(load, record_id), **theirs), *clerks[:1])
    with pytest.raises(RecordConflict) as caught:
        db.write(save, her_record, *clerks[1:])
    return her_record, caught.value


@pytest.fixture
def directory(db):
    load_demo(db)
    return db


def test_the_second_save_of_one_provider_sees_the_first_and_writes_nothing(directory):
    db = directory
    provider_id = _first_provider(db)
    _, conflict = _second_save_conflicts(db, load_provider, save_provider, provider_id,
                                         {"phone": "+420 111 222 333"}, {"note": "Volat jen dopoledne."})
    assert conflict.changed_by == "Petra Dvořáková"
    assert conflict.theirs.phone == "+420 111 222 333"
    assert "Petra Dvořáková" in str(conflict) and "mezitím uložil" in str(conflict)
    stored = db.read(load_provider, provider_id)
    assert stored.note != "Volat jen dopoledne." and stored.phone == "+420 111 222 333"


def test_a_merge_keeps_both_clerks_work_and_saves(directory):
    db = directory
    provider_id = _first_provider(db)
    base = db.read(load_provider, provider_id)
    hers, theirs_draft = dataclasses.replace(base), db.read(load_provider, provider_id)
    hers.services = [dataclasses.replace(s) for s in base.services]

    theirs_draft.phone = "+420 111 222 333"
    theirs_draft.services[0].email = "nova@example.cz"
    db.write(save_provider, theirs_draft, "Petra")
    hers.note = "Moje poznámka"
    hers.services[1].phone = "+420 777 888 999"
    with pytest.raises(RecordConflict) as caught:
        db.write(save_provider, hers, "Jana")
    theirs = caught.value.theirs

    found = differences(base, hers, theirs, PROVIDER_SHAPE)
    paths = {d.path: d for d in found}
    assert paths[("phone",)].theirs_by_default and not paths[("phone",)].clash
    assert not paths[("note",)].theirs_by_default
    service0, service1 = base.services[0].id, base.services[1].id
    assert paths[("services", service0, "email")].theirs_by_default
    assert not paths[("services", service1, "phone")].theirs_by_default
    merged = merge(hers, theirs, found, {d.path for d in found if d.theirs_by_default}, PROVIDER_SHAPE)
    db.write(save_provider, merged, "Jana")

    stored = db.read(load_provider, provider_id)
    assert (stored.phone, stored.note) == ("+420 111 222 333", "Moje poznámka")
    by_id = {s.id: s for s in stored.services}
    assert by_id[service0].email == "nova@example.cz" and by_id[service1].phone == "+420 777 888 999"


def test_a_clash_on_one_field_is_marked_and_keep_hers_wins(directory):
    db = directory
    provider_id = _first_provider(db)
    base = db.read(load_provider, provider_id)
    hers, conflict = _second_save_conflicts(db, load_provider, save_provider, provider_id,
                                            {"web": "www.jejich.cz"}, {"web": "www.moje.cz"})
    found = differences(base, hers, conflict.theirs, PROVIDER_SHAPE)
    assert [(d.path, d.clash) for d in found] == [(("web",), True)]
    db.write(save_provider, merge(hers, conflict.theirs, found, set(), PROVIDER_SHAPE))
    assert db.read(load_provider, provider_id).web == "www.moje.cz"


def test_services_added_and_deleted_on_both_sides_are_differences_of_whole_services(directory):
    db = directory
    provider_id = _first_provider(db)
    base = db.read(load_provider, provider_id)
    hers, theirs_draft = db.read(load_provider, provider_id), db.read(load_provider, provider_id)
    deleted_by_them = theirs_draft.services.pop(0)
    db.write(save_provider, theirs_draft)
    hers.services.append(dataclasses.replace(base.services[1], id=None, name="Nová služba", registry_id="",
                                             portal_id=None))
    with pytest.raises(RecordConflict) as caught:
        db.write(save_provider, hers)
    found = differences(base, hers, caught.value.theirs, PROVIDER_SHAPE)
    gone = next(d for d in found if d.path == ("services", deleted_by_them.id))
    assert gone.theirs is None and gone.theirs_by_default  # she had not touched it: their deletion stands
    added = next(d for d in found if d.path[-1] == ("new", 0))
    assert added.hers.name == "Nová služba" and not added.theirs_by_default
    merged = merge(hers, caught.value.theirs, found, {d.path for d in found if d.theirs_by_default},
                   PROVIDER_SHAPE)
    db.write(save_provider, merged)
    names = [s.name for s in db.read(load_provider, provider_id).services]
    assert "Nová služba" in names and deleted_by_them.name not in names


def test_clerks_saving_different_providers_never_meet(directory):
    db = directory
    listing = db.read(list_directory)
    first, second = (db.read(load_provider, p.provider_id) for p in listing.providers[:2])
    first.note, second.note = "A", "B"
    db.write(save_provider, first)
    db.write(save_provider, second)
    first.note = "A2"  # her own second save: the version came back with the first
    db.write(save_provider, first)


def test_ending_a_service_or_a_bulk_import_moves_the_providers_version(directory):
    db = directory
    provider_id = _first_provider(db)
    hers = db.read(load_provider, provider_id)
    db.write(end_services, [hers.services[0].id], hers.services[0].changed_at.date())
    hers.note = "x"
    with pytest.raises(RecordConflict):
        db.write(save_provider, hers)

    hers = db.read(load_provider, provider_id)
    db.write(bump, Provider, [provider_id])
    with pytest.raises(RecordConflict):
        db.write(save_provider, hers)


def test_two_saves_at_the_same_moment_one_wins_the_other_sees_a_conflict(directory):
    db = directory
    provider_id = _first_provider(db)
    first, second = db.read(load_provider, provider_id), db.read(load_provider, provider_id)
    first.note, second.note = "první", "druhá"
    first_saved = threading.Event()
    outcome: dict[str, object] = {}

    def slow_first() -> None:
        with db.writing() as s:
            save_provider(s, first, "A")
            first_saved.set()
            time.sleep(0.5)  # the second save starts while this transaction holds the row

    def second_save() -> None:
        first_saved.wait(10)
        try:
            db.write(save_provider, second, "B")
            outcome["second"] = "saved"
        except RecordConflict as exc:
            outcome["second"] = exc

    threads = [threading.Thread(target=slow_first), threading.Thread(target=second_save)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert isinstance(outcome["second"], RecordConflict)
    assert outcome["second"].theirs.note == "první"
    assert db.read(load_provider, provider_id).note == "první"


@pytest.fixture
def meetings(db):
    load_demo(db)
    load_meetings_demo(db)
    return db


def test_person_group_and_meeting_saves_see_each_other(meetings):
    db = meetings
    person_id = db.read(list_people)[0].id
    hers, conflict = _second_save_conflicts(db, load_person, save_person, person_id,
                                            {"phone": "+420 600 000 001"}, {"note": "mluví jen česky"})
    assert [d.path for d in differences(db.read(load_person, person_id), hers, conflict.theirs,
                                        PERSON_SHAPE)] == [("phone",), ("note",)]

    hers, conflict = _second_save_conflicts(db, load_group, save_group, db.read(list_groups)[0].id,
                                            {"description": "jejich popis"}, {"notice_days": 10})
    found = differences(None, hers, conflict.theirs, GROUP_SHAPE)
    assert {d.path for d in found} == {("description",), ("notice_days",)}

    meeting_id = db.read(list_meetings)[0].id
    hers, conflict = _second_save_conflicts(db, load_meeting, save_meeting, meeting_id,
                                            {"place": "Zasedací místnost 2"}, {"notes": "Přinést projektor."})
    base = db.read(load_meeting, meeting_id)
    base.place, base.notes = hers.place, hers.notes  # the base she had: before their change
    found = differences(base, hers, conflict.theirs, MEETING_SHAPE)
    assert {d.path for d in found} == {("place",), ("notes",)}
    merged = merge(hers, conflict.theirs, found, {("place",)}, MEETING_SHAPE)
    db.write(save_meeting, merged)
    stored = db.read(load_meeting, meeting_id)
    assert (stored.place, stored.notes) == ("Zasedací místnost 2", "Přinést projektor.")


def test_a_plan_node_save_sees_a_save_made_meanwhile(meetings):
    db = meetings
    load_plan_demo(db)
    node_id = db.read(lambda s: s.scalar(select(PlanNode.id).order_by(PlanNode.id).limit(1)))
    base = db.read(load_node, node_id)
    hers, conflict = _second_save_conflicts(db, load_node, save_node, node_id,
                                            {"rationale": "jejich zdůvodnění"}, {"description": "můj popis"}, clerks=())
    found = differences(base, hers, conflict.theirs, NODE_SHAPE)
    assert {d.path for d in found} == {("description",), ("rationale",)}
    db.write(save_node, merge(hers, conflict.theirs, found, {("rationale",)}, NODE_SHAPE))
    stored = db.read(load_node, node_id)
    assert (stored.description, stored.rationale) == ("můj popis", "jejich zdůvodnění")


def test_change_stamps_move_for_the_area_written_and_not_for_reading(meetings):
    db = meetings
    before = db.read(change_stamps)
    provider = db.read(load_provider, _first_provider(db))
    db.read(list_directory)
    assert db.read(change_stamps) == before
    provider.note = "změna"
    db.write(save_provider, provider)
    after = db.read(change_stamps)
    assert after["directory"] == before["directory"] + 1
    assert after["meetings"] == before["meetings"] and after["plan"] == before["plan"]
    person = db.read(load_person, db.read(list_people)[0].id)
    person.note = "změna"
    db.write(save_person, person)
    assert db.read(change_stamps)["meetings"] == before["meetings"] + 1


def test_a_failed_save_moves_no_stamp_and_no_version(directory):
    db = directory
    provider_id = _first_provider(db)
    record = db.read(load_provider, provider_id)
    before = db.read(change_stamps)
    version = record.version
    record.name = ""  # invalid: nothing is written
    with pytest.raises(Exception):
        db.write(save_provider, record)
    assert db.read(change_stamps) == before
    assert db.read(load_provider, provider_id).version == version


def test_change_stamps_move_for_a_deletion_committed_without_a_flush(directory):
    # session.delete() with nothing read after it reaches the database only in the commit's flush.
    db = directory
    before = db.read(change_stamps)
    provider_id = _first_provider(db)
    with db.writing() as s:
        s.delete(s.get(Provider, provider_id))
    assert db.read(change_stamps)["directory"] == before["directory"] + 1
