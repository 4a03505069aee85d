"""Two clerks on one provider: the second save shows the conflict dialog, and each of its choices
ends as the clerk chose (the other clerk's save is simulated by a save in another session)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from db.directory.queries import load_provider, save_provider
from desktop.directory.list_pane import PROVIDERS
from desktop.directory.tab import DirectoryTab
from desktop.widgets.conflict_dialog import ConflictDialog
from tests.factories import small_directory


@pytest.fixture
def tab(qtbot, db, tmp_path):
    ids = small_directory(db)
    widget = DirectoryTab(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    widget.list_pane.set_mode(PROVIDERS)
    proxy = widget.list_pane.proxy()
    names = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    widget.list_pane.view().selectRow(names.index("Domov Čenkov"))
    widget.ids = ids
    return widget


@pytest.fixture
def dialogs(monkeypatch):
    """Each ConflictDialog shown is recorded and answered with the queued choice (and row flips)."""
    shown, answers = [], []

    def exec_(dialog):
        shown.append(dialog)
        choice, flip_rows = answers.pop(0)
        for row in flip_rows:  # the clerk clicks the other checkbox of these rows
            dialog.table.item(row, 1).setCheckState(
                Qt.CheckState.Unchecked if dialog.table.item(row, 1).checkState() == Qt.CheckState.Checked
                else Qt.CheckState.Checked)
        if choice:
            dialog._finish(choice)
        return 0

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return shown, answers


def _other_clerk_saves(db, provider_id, **changes):
    record = db.read(load_provider, provider_id)
    for name, value in changes.items():
        setattr(record, name, value)
    db.write(save_provider, record, "Petra Dvořáková")


def _rows(dialog):
    return [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]


def test_the_dialog_names_who_and_every_difference_and_saves_the_merge(qtbot, tab, db, dialogs):
    shown, answers = dialogs
    form = tab.editor.provider_form
    form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz", phone="318 999 999")
    answers.append(("merge", []))
    assert tab.editor.save()
    [dialog] = shown
    assert _rows(dialog) == [["Telefon", "318 600 111", "318 999 999"], ["Web", "—", "www.domov-cenkov.cz"]]
    assert dialog.table.item(0, 0).font().bold()  # both changed the phone
    assert dialog.table.horizontalHeaderItem(2).text() == "Uloženo (Petra Dvořáková)"


def test_merge_keeps_her_phone_and_their_web(qtbot, tab, db, dialogs):
    shown, answers = dialogs
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz", phone="318 999 999")
    answers.append(("merge", []))
    assert tab.editor.save()
    stored = db.read(load_provider, tab.ids["domov"])
    assert (stored.phone, stored.web) == ("318 600 111", "www.domov-cenkov.cz")
    assert not tab.editor.is_dirty() and tab.editor.provider_form.web.text() == "www.domov-cenkov.cz"


def test_flipping_a_row_takes_their_value(qtbot, tab, db, dialogs):
    shown, answers = dialogs
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], phone="318 999 999")
    answers.append(("merge", [0]))
    assert tab.editor.save()
    assert db.read(load_provider, tab.ids["domov"]).phone == "318 999 999"


def test_keep_all_mine_overwrites_and_take_theirs_discards(qtbot, tab, db, dialogs):
    shown, answers = dialogs
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz")
    answers.append(("hers", []))
    assert tab.editor.save()
    stored = db.read(load_provider, tab.ids["domov"])
    assert (stored.phone, stored.web) == ("318 600 111", "")

    tab.editor.provider_form.phone.setText("111 111 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.jina.cz")
    answers.append(("theirs", []))
    assert not tab.editor.save()
    assert tab.editor.provider_form.phone.text() == "318 600 111"
    assert tab.editor.provider_form.web.text() == "www.jina.cz" and not tab.editor.is_dirty()


def test_back_to_editing_keeps_her_unsaved_form(qtbot, tab, db, dialogs):
    shown, answers = dialogs
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], web="www.domov-cenkov.cz")
    answers.append((None, []))
    assert not tab.editor.save()
    assert tab.editor.provider_form.phone.text() == "318 600 111" and tab.editor.is_dirty()
    assert db.read(load_provider, tab.ids["domov"]).phone != "318 600 111"


def test_a_version_moved_without_a_change_she_lacks_saves_without_asking(qtbot, tab, db, dialogs):
    shown, answers = dialogs
    tab.editor.provider_form.phone.setText("318 600 111")
    _other_clerk_saves(db, tab.ids["domov"], phone="318 600 111")  # the same change
    assert tab.editor.save()
    assert shown == []
