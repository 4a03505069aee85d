"""Habits of Word and Excel the clerk brings to the directory tab (issue: feedback and habits)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.directory.list_pane import PROVIDERS, SERVICES
from desktop.directory.tab import DirectoryTab
from desktop.main_window import MainWindow
from tests.desktop.test_directory_tab import select, type_search, visible

Button = QMessageBox.StandardButton


@pytest.fixture
def window(show, db, ids, settings):
    return show(MainWindow(db, settings), 1366, 760, exposed=True)


@pytest.fixture
def tab(window) -> DirectoryTab:
    return window.tab_list()[0]


def _click_row(qtbot, tab, name):
    view = tab.list_pane.view()
    row = visible(tab).index(name)
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(10)


def _selected_keys(tab):
    proxy = tab.list_pane.proxy()
    return [proxy.key_at(i.row()) for i in tab.list_pane.view().selectionModel().selectedRows()]


def test_ctrl_s_says_saved_and_keeps_the_form_where_it_was(qtbot, window, tab, ids):
    select(tab, SERVICES, "Pečovatelská služba Charity")
    form = tab.editor.service_editor
    window.resize(1024, 600)
    qtbot.wait(20)
    bar = form.verticalScrollBar()
    assert bar.maximum() > 200
    bar.setValue(bar.maximum() - 50)
    form.contact_person.setText("Jana Nováková")
    position = bar.value()
    form.contact_person.setFocus()
    qtbot.keyClick(form.contact_person, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not tab.editor.is_dirty()
    assert window.statusBar().currentMessage() == "Uloženo"
    assert bar.value() == position


@pytest.mark.parametrize("mode, edited, other", [
    (SERVICES, "Pečovatelská služba Charity", "Azylový dům pro ženy"),
    (PROVIDERS, "Domov Čenkov", "Acorus, z. ú."),
])
def test_after_zpet_the_record_being_edited_stays_selected(qtbot, tab, answers, mode, edited, other):
    queue, asked = answers
    select(tab, mode, edited)
    key = tab.list_pane.current_key()
    tab.editor.provider_form.phone.setText("318 000 111")
    queue.append(Button.Cancel)  # Zpět
    _click_row(qtbot, tab, other)  # a real click: the view selects the clicked row after the signal
    assert asked
    assert tab.list_pane.current_key() == key
    assert _selected_keys(tab) == [key]
    assert tab.editor.is_dirty()
    tab.editor.discard()  # closing the window at the end must not ask again


def test_switching_between_services_and_providers_keeps_the_open_record(qtbot, tab, ids):
    select(tab, SERVICES, "Občanská poradna")
    assert tab.editor.current_service_id() == ids["poradna"]
    tab.list_pane.set_mode(PROVIDERS)
    assert tab.list_pane.current_key() == ids["charita"]
    assert tab.editor.provider_id == ids["charita"] and tab.editor.current_service_id() == ids["poradna"]
    tab.list_pane.set_mode(SERVICES)
    assert tab.list_pane.current_key() == ids["poradna"]
    assert _selected_keys(tab) == [ids["poradna"]]


def test_delete_is_enabled_for_the_highlighted_row(qtbot, tab, ids):
    select(tab, SERVICES, "Občanská poradna")
    assert tab.delete_action.isEnabled()
    type_search(qtbot, tab, "zzz")  # the open record filtered out: Smazat still means it
    assert tab.delete_action.isEnabled()
    type_search(qtbot, tab, "")
    tab.list_pane.set_mode(PROVIDERS)
    assert tab.list_pane.current_key() == ids["charita"]
    assert tab.delete_action.isEnabled()


def test_zrusit_filtry_clears_the_search_text_too(qtbot, tab):
    bar = tab.list_pane.filter_bar
    type_search(qtbot, tab, "poradna")
    assert bar.reset_button.isEnabled()
    bar.reset_button.click()
    assert bar.search.text() == ""
    assert len(visible(tab)) == 5


def test_a_new_provider_without_services_is_visible_after_saving(qtbot, window, tab):
    tab.list_pane.set_mode(SERVICES)
    tab.new_provider()
    tab.editor.provider_form.name.setText("Spolek Nová naděje")
    assert tab.editor.save()
    assert tab.list_pane.mode == PROVIDERS
    assert tab.list_pane.current_key() == tab.editor.provider_id
    assert "Spolek Nová naděje" in visible(tab)
    assert window.statusBar().currentMessage() == "Uloženo"


def test_obec_filter_says_it_includes_the_area_served(tab):
    combo = tab.list_pane.filter_bar.municipality
    assert "působnost" in combo.itemText(0) and "územní působnost" in combo.toolTip()
