"""What every tab shares: its commands with tab-local shortcuts, showing itself for a menu command, the
answer to the unsaved-changes question, and (meetings) the small dialog asking for one date."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit, QTabWidget

from desktop.meetings import tab as meetings_tab
from desktop.widgets.base_tab import BaseTab
from desktop.widgets.unsaved_changes import UnsavedChoice, settle_unsaved


@pytest.fixture
def tabs(qtbot, db):
    widget = QTabWidget()
    qtbot.addWidget(widget)
    first, second = BaseTab(db), BaseTab(db)
    for tab in (first, second):
        tab.field = QLineEdit(tab)
    widget.addTab(first, "První")
    widget.addTab(second, "Druhá")
    widget.show()
    return widget, first, second


def test_a_shortcut_acts_only_while_the_focus_is_in_its_tab(qtbot, tabs):
    widget, first, second = tabs
    fired = []
    first._action("Uložit", lambda: fired.append("first"), QKeySequence.StandardKey.Save, "Uložit (Ctrl+S)")
    action = second._action("Uložit", lambda: fired.append("second"), QKeySequence.StandardKey.Save)
    assert action.toolTip() == "Uložit" and action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    first.field.setFocus()
    qtbot.keySequence(first.field, QKeySequence(QKeySequence.StandardKey.Save))
    assert fired == ["first"]
    plain = first._action("Bez klávesy", lambda: None)
    assert plain.shortcut().isEmpty() and plain not in first.actions()


def test_a_menu_command_shows_its_tab_first_unless_the_shown_tab_refuses(tabs, monkeypatch):
    widget, first, second = tabs
    assert widget.currentWidget() is first and first._bring_to_front()
    assert second._bring_to_front() and widget.currentWidget() is second
    # The main window undoes a switch the shown tab's unsaved-changes guard refused.
    monkeypatch.setattr(widget, "setCurrentWidget", lambda page: None)
    assert not first._bring_to_front()


@pytest.mark.parametrize(("choice", "saved", "leave", "calls"), [
    (UnsavedChoice.SAVE, True, True, ["save"]),
    (UnsavedChoice.SAVE, False, False, ["save"]),  # validation refused: stay with the record
    (UnsavedChoice.DISCARD, True, True, ["discard"]),
    (UnsavedChoice.BACK, True, False, []),
])
def test_the_unsaved_changes_answer_is_carried_out(choice, saved, leave, calls):
    done = []
    result = settle_unsaved(choice, lambda: done.append("save") or saved, lambda: done.append("discard"))
    assert result is leave and done == calls


def test_the_date_dialog_names_a_missing_date_and_stays(qtbot, monkeypatch):
    seen = {}

    def clerk(dialog):
        field = dialog.findChild(meetings_tab.DateField)
        field.set_date(None)
        ok = next(b for b in dialog.findChildren(meetings_tab.QPushButton) if b.text() == "Ukončit")
        ok.click()
        seen["error"] = dialog.findChild(meetings_tab.FieldRow).error_text()
        seen["open"] = dialog.result() != dialog.DialogCode.Accepted
        field.set_date(dt.date(2026, 12, 31))
        ok.click()
        return dialog.result()

    monkeypatch.setattr(meetings_tab.QDialog, "exec", clerk)
    day = meetings_tab._ask_date(None, "Ukončit členství", "Poslední den členství:", dt.date(2026, 11, 30), "Ukončit",
                                 "Vyplňte datum.", with_today=True, ok_is_default=False)
    assert seen == {"error": "Vyplňte datum.", "open": True} and day == dt.date(2026, 12, 31)
    monkeypatch.setattr(meetings_tab.QDialog, "exec", lambda dialog: dialog.DialogCode.Rejected)
    assert meetings_tab._ask_date(None, "Nové jednání", "Datum:", dt.date(2026, 12, 14), "Pokračovat",
                                  "Vyplňte datum jednání.") is None


def test_the_empty_page_offers_a_button_per_first_step_in_order(qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QPushButton

    from desktop.widgets.empty_state import EmptyStatePage

    triggered = []
    actions = [QAction(text) for text in ("Nová skupina", "Import osob z tabulky…", "Načíst ukázková data")]
    for action in actions:
        action.triggered.connect(lambda _=False, t=action.text(): triggered.append(t))
    page = EmptyStatePage("Zatím tu není žádná pracovní skupina", "Založte skupinu.", actions[:2])
    qtbot.addWidget(page)
    page.add_actions(actions[2:])
    page.show()
    buttons = sorted(page.findChildren(QPushButton), key=lambda b: b.mapTo(page, b.rect().topLeft()).x())
    assert [b.text() for b in buttons] == [a.text() for a in actions]
    buttons[2].click()
    assert triggered == ["Načíst ukázková data"]


def test_a_tab_list_is_read_only_selects_one_row_and_takes_the_column_widths(qtbot):
    from PySide6.QtWidgets import QAbstractItemView

    from desktop.meetings.table_model import Column, RowsProxy, RowsTableModel
    from desktop.widgets.tables import read_only_table

    model = RowsTableModel([Column("Jméno", lambda r: r[0], width=210), Column("Obec", lambda r: r[1], width=90)],
                           key_of=lambda r: r[0])
    model.set_rows([("Čermák", "Lipová"), ("Horák", "Dobříš")])
    view = read_only_table(RowsProxy(model))
    qtbot.addWidget(view)
    assert view.columnWidth(0) == 210
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    view.selectRow(0)
    view.selectRow(1)
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    assert not view.verticalHeader().isVisible() and view.horizontalHeader().stretchLastSection()
