"""Two clerks on one person, one group, one meeting: the second save shows the conflict dialog in
the clerk's words, and each answer ends as she chose (the other clerk is a save through another
load_* + save_* in the same database)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from db.codelists import target_groups
from db.conflicts import differences
from db.meetings.models import AttendanceState, GroupKind, MeetingState, MembershipRole, TriadRole
from db.meetings.queries import (
    list_memberships, load_group, load_meeting, load_person, new_meeting, save_group, save_meeting, save_membership,
    save_person,
)
from db.meetings.records import (
    MEETING_SHAPE, MEETING_STATE_LABELS, AgendaItemRecord, GroupRecord, MembershipRecord, PersonRecord,
    ResolutionRecord, TaskRecord,
)
from desktop.meetings.meeting_editor import AGENDA_PAGE, ATTENDANCE_PAGE, HEADER_PAGE, MeetingEditor
from desktop.meetings.membership_dialog import MembershipDialog, membership_from_row
from desktop.meetings.person_dialog import PersonDialog
from tests.factories import make_provider, small_directory

OTHER_CLERK = "Petra Dvořáková"


pytestmark = pytest.mark.usefixtures("discard_on_close")


def _other_clerk(db, load, save, record_id, change):
    record = db.read(load, record_id)
    change(record)
    db.write(save, record, OTHER_CLERK)


# -- the person dialog -----------------------------------------------------------------------------
@pytest.fixture
def person(db):
    return db.write(save_person, PersonRecord(first_name="Jana", last_name="Nováková", organisation="Charita",
                                              phone="603 111 222", consent_on=dt.date(2026, 1, 5)))


def _person_dialog(qtbot, db, person_id):
    dialog = PersonDialog(db, db.read(load_person, person_id))
    qtbot.addWidget(dialog)
    return dialog


def _their_person_change(record):
    record.email = "jana.novakova@charita.cz"
    record.phone = "603 999 999"
    record.consent_on = dt.date(2026, 3, 1)


def test_person_merge_keeps_her_phone_and_their_email_and_her_next_save_is_hers(qtbot, db, person, conflicts):
    ids = small_directory(db)
    dialog = _person_dialog(qtbot, db, person)
    dialog.phone.setText("603 600 111")
    dialog.provider.setCurrentIndex(dialog.provider.findData(ids["charita"]))
    _other_clerk(db, load_person, save_person, person, _their_person_change)
    conflicts.answer("merge")
    assert dialog.save()
    assert conflicts.rows() == [
        ["Organizace", "Oblastní charita Příbram", "Charita"],
        ["Poskytovatel z adresáře", "Oblastní charita Příbram", "—"],
        ["Role v triádě", "poskytovatel", "veřejnost"],
        ["E-mail", "—", "jana.novakova@charita.cz"],
        ["Telefon", "603 600 111", "603 999 999"],
        ["Souhlas s údaji ode dne", "5.\u00a01.\u00a02026", "1.\u00a03.\u00a02026"],
    ]
    stored = db.read(load_person, person)
    assert (stored.phone, stored.email, stored.provider_id) == ("603 600 111", "jana.novakova@charita.cz",
                                                                ids["charita"])
    assert dialog.email.text() == "jana.novakova@charita.cz" and not dialog.is_dirty()
    dialog.note.setPlainText("Volat dopoledne.")
    assert dialog.save()  # the editor holds the version it saved: no conflict with herself
    assert len(conflicts.shown) == 1 and db.read(load_person, person).note == "Volat dopoledne."


def test_person_take_theirs_shows_the_stored_person(qtbot, db, person, conflicts):
    dialog = _person_dialog(qtbot, db, person)
    dialog.phone.setText("603 600 111")
    with db.session() as s, s.begin():  # a provider added after the dialog opened
        provider_id = make_provider(s, "Rodinné centrum Lipová").id

    def theirs(record):
        _their_person_change(record)
        record.provider_id = provider_id
    _other_clerk(db, load_person, save_person, person, theirs)
    conflicts.answer("theirs")
    assert not dialog.save()
    assert ["Poskytovatel z adresáře", "—", "Rodinné centrum Lipová"] in conflicts.rows()
    assert (dialog.phone.text(), dialog.email.text()) == ("603 999 999", "jana.novakova@charita.cz")
    assert dialog.provider.currentData() == provider_id
    assert not dialog.is_dirty()
    dialog.triad_role.setCurrentIndex(dialog.triad_role.findData(TriadRole.USER))
    assert dialog.save() and len(conflicts.shown) == 1
    stored = db.read(load_person, person)
    assert (stored.triad_role, stored.phone, stored.provider_id) == (TriadRole.USER, "603 999 999", provider_id)


def test_person_back_to_editing_keeps_her_form(qtbot, db, person, conflicts):
    dialog = _person_dialog(qtbot, db, person)
    dialog.phone.setText("603 600 111")
    _other_clerk(db, load_person, save_person, person, _their_person_change)
    conflicts.answer(None)
    assert not dialog.save()
    assert dialog.phone.text() == "603 600 111" and dialog.email.text() == "" and dialog.is_dirty()
    assert db.read(load_person, person).phone == "603 999 999"


# -- the group form --------------------------------------------------------------------------------
@pytest.fixture
def group_tab(db, meetings_tab):
    group_id = db.write(save_group, GroupRecord(name="PS Senioři", short_name="PS Senioři"))
    widget = meetings_tab
    widget.open_group(group_id)
    widget.group_id = group_id
    return widget


def _their_group_change(db):
    def change(record):
        record.notice_days = 14
        record.kind = GroupKind.STEERING
        record.quorum_percent = 60
        record.target_group_ids = [db.read(target_groups)[0].id]
    return change


def test_group_merge_keeps_both_clerks_fields_and_her_member_edits_never_conflict(group_tab, db, conflicts):
    tab = group_tab
    tab.form.description.setPlainText("Senioři a pečující.")
    tab.form.quorum_percent.setValue(55)
    _other_clerk(db, load_group, save_group, tab.group_id, _their_group_change(db))
    conflicts.answer("merge")
    assert tab.save_group()
    first_group = db.read(target_groups)[0].name
    assert conflicts.rows() == [
        ["Druh", "pracovní skupina", "řídící skupina"],
        ["Popis", "Senioři a pečující.", "—"],
        ["Cílové skupiny", "—", first_group],
        ["Usnášeníschopnost", "55 %", "60 %"],
        ["Lhůta pro pozvánku", "7 dní předem", "14 dní předem"],
    ]
    stored = db.read(load_group, tab.group_id)
    assert (stored.description, stored.quorum_percent, stored.notice_days, stored.kind) == (
        "Senioři a pečující.", 55, 14, GroupKind.STEERING)
    assert tab.form.notice_days.value() == 14 and not tab.is_dirty()
    # Her own member dialog moves the group's version too; her next save must not conflict with it.
    person_id = db.write(save_person, PersonRecord(first_name="Jana", last_name="Nováková"))
    db.write(save_membership, MembershipRecord(group_id=tab.group_id, person_id=person_id,
                                               valid_from=dt.date(2026, 1, 1)))
    tab.form.meetings_per_year.setValue(6)
    assert tab.save_group() and len(conflicts.shown) == 1
    stored = db.read(load_group, tab.group_id)
    assert stored.meetings_per_year == 6 and [m.person_id for m in stored.memberships] == [person_id]


def test_group_take_theirs_shows_the_stored_group(group_tab, db, conflicts):
    tab = group_tab
    tab.form.description.setPlainText("Senioři a pečující.")
    _other_clerk(db, load_group, save_group, tab.group_id, _their_group_change(db))
    conflicts.answer("theirs")
    assert not tab.save_group()
    assert tab.form.notice_days.value() == 14 and tab.form.description.toPlainText() == ""
    assert not tab.is_dirty()
    tab.form.meetings_per_year.setValue(6)
    assert tab.save_group() and len(conflicts.shown) == 1
    assert db.read(load_group, tab.group_id).notice_days == 14


def test_group_back_to_editing_keeps_her_form(group_tab, db, conflicts):
    tab = group_tab
    tab.form.description.setPlainText("Senioři a pečující.")
    _other_clerk(db, load_group, save_group, tab.group_id, _their_group_change(db))
    conflicts.answer(None)
    assert not tab.save_group()
    assert tab.form.description.toPlainText() == "Senioři a pečující." and tab.form.notice_days.value() == 7
    assert tab.is_dirty() and db.read(load_group, tab.group_id).description == ""


# -- the meeting editor ----------------------------------------------------------------------------
@pytest.fixture
def meeting(db):
    """A held meeting of a group of three: agenda "Kontrola úkolů", "Plán služeb 2027" (a resolution
    and a task) and "Různé"; returns its id."""
    group_id = db.write(save_group, GroupRecord(name="PS Senioři", short_name="PS Senioři"))
    for first, last in (("Jana", "Nováková"), ("Petr", "Čermák"), ("Eva", "Chalupová")):
        person_id = db.write(save_person, PersonRecord(first_name=first, last_name=last))
        db.write(save_membership, MembershipRecord(group_id=group_id, person_id=person_id,
                                                   valid_from=dt.date(2026, 1, 1)))
    record = db.read(new_meeting, group_id, dt.date(2026, 12, 10))
    record.place = "Zasedací místnost MěÚ"
    record.agenda += [
        AgendaItemRecord(title="Plán služeb 2027", presenter="Jana Nováková",
                         resolutions=[ResolutionRecord(text="Skupina doporučuje plán ke schválení.")],
                         tasks=[TaskRecord(description="Zjistit kapacity odlehčovací služby",
                                           responsible_text="Charita Příbram", due_on=dt.date(2027, 1, 31))]),
        AgendaItemRecord(title="Různé")]
    return db.write(save_meeting, record)


def _meeting_editor(qtbot, db, meeting_id):
    editor = MeetingEditor(db, db.read(load_meeting, meeting_id))
    qtbot.addWidget(editor)
    return editor


def _edit_item(editor, row, notes=None, title=None):
    editor.tabs.setCurrentIndex(AGENDA_PAGE)
    editor.agenda.list.setCurrentRow(row)
    if notes is not None:
        editor.agenda.notes.setPlainText(notes)
    if title is not None:
        editor.agenda.title.setText(title)


def _their_meeting_change(record):
    record.place = "Klubovna DPS"
    record.agenda[2].notes = "Nic dalšího nezaznělo."
    record.agenda[1].tasks[0].due_on = dt.date(2027, 2, 28)


def test_a_freshly_loaded_meeting_reads_back_unchanged(qtbot, db, meeting):
    """The base of a conflict is the meeting as loaded: the pages must give back exactly that, or
    every untouched field would count as hers and override the other clerk's work."""
    editor = _meeting_editor(qtbot, db, meeting)
    collected, problems = editor.collect()
    assert not problems
    assert differences(editor._loaded, collected, editor._loaded, MEETING_SHAPE) == []


def test_two_clerks_editing_different_agenda_items_both_keep_theirs(qtbot, db, meeting, conflicts):
    editor = _meeting_editor(qtbot, db, meeting)
    _edit_item(editor, 1, notes="Plán projednán bez připomínek.")
    _other_clerk(db, load_meeting, save_meeting, meeting, _their_meeting_change)
    conflicts.answer("merge")
    assert editor.save()
    intro = " ".join(label.text() for label in conflicts.shown[0].findChildren(QLabel))
    assert "Jednání 1/2026 skupiny „PS Senioři“ mezitím uložil(a) Petra Dvořáková" in intro
    assert conflicts.rows() == [
        ["Místo", "Zasedací místnost MěÚ", "Klubovna DPS"],
        ["Bod programu „Plán služeb 2027“ – Projednání", "Plán projednán bez připomínek.", "—"],
        ["Bod programu „Plán služeb 2027“ – Úkol „Zjistit kapacity odlehčovací služby“ – Termín",
         "31.\u00a01.\u00a02027", "28.\u00a02.\u00a02027"],
        ["Bod programu „Různé“ – Projednání", "—", "Nic dalšího nezaznělo."],
    ]
    stored = db.read(load_meeting, meeting)
    assert stored.place == "Klubovna DPS"
    assert [item.notes for item in stored.agenda] == ["", "Plán projednán bez připomínek.", "Nic dalšího nezaznělo."]
    assert stored.agenda[1].tasks[0].due_on == dt.date(2027, 2, 28)
    assert stored.agenda[1].resolutions[0].number == "PS Senioři 1/2026/1"
    assert editor.place.text() == "Klubovna DPS" and not editor.is_dirty()
    _edit_item(editor, 2, title="Různé a diskuse")
    assert editor.save() and len(conflicts.shown) == 1  # her next save: no conflict with herself
    assert db.read(load_meeting, meeting).agenda[2].title == "Různé a diskuse"


def test_meeting_attendance_and_a_clash_in_one_item_are_hers_to_choose(qtbot, db, meeting, conflicts):
    editor = _meeting_editor(qtbot, db, meeting)
    _edit_item(editor, 1, notes="Její text.")
    editor.tabs.setCurrentIndex(ATTENDANCE_PAGE)
    editor.attendance.all_present()

    def theirs(record):
        record.agenda[1].notes = "Jejich text."
        record.attendance[0].state = AttendanceState.EXCUSED
        record.state = MeetingState.INVITED
    _other_clerk(db, load_meeting, save_meeting, meeting, theirs)
    conflicts.answer("merge", flip_rows=(1,))  # she takes their notes of the item
    assert editor.save()
    rows = conflicts.rows()
    assert rows[0] == ["Stav", MEETING_STATE_LABELS[MeetingState.PLANNED], "pozvánka odeslána"]
    assert rows[1] == ["Bod programu „Plán služeb 2027“ – Projednání", "Její text.", "Jejich text."]
    assert rows[2][1:] == ["přítomen", "omluven"] and rows[2][0].endswith("– Účast")
    assert conflicts.shown[0].table.item(1, 0).font().bold()  # both changed it
    stored = db.read(load_meeting, meeting)
    assert stored.agenda[1].notes == "Jejich text." and stored.state is MeetingState.INVITED
    assert {line.state for line in stored.attendance} == {AttendanceState.PRESENT}


def test_meeting_take_theirs_shows_the_stored_meeting(qtbot, db, meeting, conflicts):
    editor = _meeting_editor(qtbot, db, meeting)
    guest_chair = db.write(save_person, PersonRecord(first_name="Karel", last_name="Veselý"))
    _edit_item(editor, 1, notes="Plán projednán bez připomínek.")
    editor.tabs.setCurrentIndex(HEADER_PAGE)

    def theirs(record):
        _their_meeting_change(record)
        record.chair_id = guest_chair  # not a member: the form did not offer him
    _other_clerk(db, load_meeting, save_meeting, meeting, theirs)
    conflicts.answer("theirs")
    assert not editor.save()
    assert ["Předsedající", "—", "Karel Veselý"] in conflicts.rows()
    assert editor.place.text() == "Klubovna DPS" and not editor.is_dirty()
    assert editor.chair.currentText() == "Karel Veselý"
    assert editor.tabs.currentIndex() == HEADER_PAGE
    assert [item.notes for item in editor.collect()[0].agenda] == ["", "", "Nic dalšího nezaznělo."]
    editor.place.setText("Obřadní síň")
    assert editor.save() and len(conflicts.shown) == 1
    stored = db.read(load_meeting, meeting)
    assert (stored.place, stored.chair_id) == ("Obřadní síň", guest_chair)


def test_meeting_back_to_editing_keeps_her_pages(qtbot, db, meeting, conflicts):
    editor = _meeting_editor(qtbot, db, meeting)
    _edit_item(editor, 1, notes="Plán projednán bez připomínek.")
    _other_clerk(db, load_meeting, save_meeting, meeting, _their_meeting_change)
    conflicts.answer(None)
    assert not editor.save()
    assert editor.is_dirty() and editor.place.text() == "Zasedací místnost MěÚ"
    assert editor.collect()[0].agenda[1].notes == "Plán projednán bez připomínek."
    assert db.read(load_meeting, meeting).agenda[1].notes == ""


# -- the membership dialog -------------------------------------------------------------------------
def test_two_clerks_changing_one_membership_the_later_is_told_not_overwriting(qtbot, db, monkeypatch):
    group_id = db.write(save_group, GroupRecord(name="PS Senioři", short_name="PS Senioři"))
    person_id = db.write(save_person, PersonRecord(first_name="Jana", last_name="Nováková"))
    db.write(save_membership, MembershipRecord(group_id=group_id, person_id=person_id,
                                               valid_from=dt.date(2026, 1, 1)))
    [row] = db.read(list_memberships, group_id)
    dialog = MembershipDialog(db, membership_from_row(row, group_id), "PS Senioři")
    qtbot.addWidget(dialog)
    dialog.valid_to.edit.setText("30. 6. 2026")
    theirs = membership_from_row(row, group_id)
    db.write(save_membership, replace(theirs, role=MembershipRole.LEADER), theirs)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    assert not dialog.save()
    assert warnings == ["Členství osoby „Jana Nováková“ mezitím změnil jiný pracovník. Vaše úprava nebyla "
                        "uložena: zavřete okno, v obnoveném seznamu členů zkontrolujte uložené údaje a členství "
                        "případně upravte znovu."]
    [stored] = db.read(load_group, group_id).memberships
    assert (stored.role, stored.valid_to) == (MembershipRole.LEADER, None)
