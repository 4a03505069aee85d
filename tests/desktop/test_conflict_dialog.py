"""Two clerks on one provider: the second save shows the conflict dialog, and each of its choices
ends as the clerk chose (the other clerk's save is simulated by a save in another session)."""
from __future__ import annotations

import pytest

from db.directory.queries import load_provider, save_provider
from desktop.directory.list_pane import PROVIDERS
from tests.desktop.test_directory_tab import select


@pytest.fixture
def tab(directory_tab, ids):
    """The Poskytovatelé tab with „Domov Čenkov“ open (conflicts: the conftest's answered dialogs)."""
    select(directory_tab, PROVIDERS, "Domov Čenkov")
    directory_tab.ids = ids
    return directory_tab


def _other_clerk_saves(db, provider_id, **changes):
    record = db.read(load_provider, provider_id)
    for name, value in changes.items():
        setattr(record, name, value)
    db.write(save_provider, record, "Petra Dvořáková")


def test_the_dialog_names_who_and_every_difference_and_saves_the_merge(qtbot, tab, db, conflicts):
    form = tab.editor.provider_form
    form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz", phone="318 999 999")
    conflicts.answer("merge")
    assert tab.editor.save()
    [dialog] = conflicts.shown
    assert conflicts.rows() == [["Telefon", "318 600 111", "318 999 999"], ["Web", "—", "www.domov-cenkov.cz"]]
    assert dialog.table.item(0, 0).font().bold()  # both changed the phone
    assert dialog.table.horizontalHeaderItem(2).text() == "Uloženo (Petra Dvořáková)"


def test_merge_keeps_her_phone_and_their_web(qtbot, tab, db, conflicts):
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz", phone="318 999 999")
    conflicts.answer("merge")
    assert tab.editor.save()
    stored = db.read(load_provider, tab.ids["domov"])
    assert (stored.phone, stored.web) == ("318 600 111", "www.domov-cenkov.cz")
    assert not tab.editor.is_dirty() and tab.editor.provider_form.web.text() == "www.domov-cenkov.cz"


def test_flipping_a_row_takes_their_value(qtbot, tab, db, conflicts):
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], phone="318 999 999")
    conflicts.answer("merge", (0,))
    assert tab.editor.save()
    assert db.read(load_provider, tab.ids["domov"]).phone == "318 999 999"


def test_keep_all_mine_overwrites_and_take_theirs_discards(qtbot, tab, db, conflicts):
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz")
    conflicts.answer("hers")
    assert tab.editor.save()
    stored = db.read(load_provider, tab.ids["domov"])
    assert (stored.phone, stored.web) == ("318 600 111", "")

    tab.editor.provider_form.phone.setText("111 111 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.jina.cz")
    conflicts.answer("theirs")
    assert not tab.editor.save()
    assert tab.editor.provider_form.phone.text() == "318 600 111"
    assert tab.editor.provider_form.web.text() == "www.jina.cz" and not tab.editor.is_dirty()


def test_back_to_editing_keeps_her_unsaved_form(qtbot, tab, db, conflicts):
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz")
    conflicts.answer(None)
    assert not tab.editor.save()
    assert tab.editor.provider_form.phone.text() == "318 600 111" and tab.editor.is_dirty()
    assert db.read(load_provider, tab.ids["domov"]).phone != "318 600 111"


def test_a_version_moved_without_a_change_she_lacks_saves_without_asking(qtbot, tab, db, conflicts):
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], phone="318 600 111")  # the same change
    assert tab.editor.save()
    assert conflicts.shown == []
