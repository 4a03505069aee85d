"""Two clerks on one person, one group, one meeting: the second save shows the conflict dialog in
the clerk's words, and each answer ends as she chose (the other clerk is a save through another
load_* + save_* in the same database)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings

from db.codelists import target_groups
from db.meetings.models import GroupKind, TriadRole
from db.meetings.queries import load_group, load_person, save_group, save_membership, save_person
from db.meetings.records import GroupRecord, MembershipRecord, PersonRecord
from desktop.meetings.person_dialog import PersonDialog
from desktop.meetings.tab import MeetingsTab
from desktop.widgets.unsaved_changes import UnsavedChoice
from tests.factories import small_directory

OTHER_CLERK = "Petra Dvořáková"


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    """An editor left with edits must not ask its modal question at teardown."""
    from desktop.meetings import editor_dialog

    monkeypatch.setattr(editor_dialog, "ask_unsaved_changes", lambda parent, message: UnsavedChoice.DISCARD)


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
    _other_clerk(db, load_person, save_person, person, _their_person_change)
    conflicts.answer("theirs")
    assert not dialog.save()
    assert (dialog.phone.text(), dialog.email.text()) == ("603 999 999", "jana.novakova@charita.cz")
    assert not dialog.is_dirty()
    dialog.triad_role.setCurrentIndex(dialog.triad_role.findData(TriadRole.USER))
    assert dialog.save() and len(conflicts.shown) == 1
    stored = db.read(load_person, person)
    assert (stored.triad_role, stored.phone) == (TriadRole.USER, "603 999 999")


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
def group_tab(qtbot, db, tmp_path):
    group_id = db.write(save_group, GroupRecord(name="PS Senioři", short_name="PS Senioři"))
    widget = MeetingsTab(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
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
