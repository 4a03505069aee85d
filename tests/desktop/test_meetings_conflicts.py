"""Two clerks on one person, one group, one meeting: the second save shows the conflict dialog in
the clerk's words, and each answer ends as she chose (the other clerk is a save through another
load_* + save_* in the same database)."""
from __future__ import annotations

import datetime as dt

import pytest

from db.meetings.models import TriadRole
from db.meetings.queries import load_person, save_person
from db.meetings.records import PersonRecord
from desktop.meetings.person_dialog import PersonDialog
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
