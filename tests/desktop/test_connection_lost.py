"""A connection to the database server lost while the clerk saves: the window asks Zkusit znovu /
Zrušit in one place for every editor (desktop/widgets/connection.py); the form keeps her edits, and
after Zrušit no editor, dialog or tab shows a second box for the same answer (failures.tell_refused)."""
from __future__ import annotations

import psycopg
import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from db.directory.models import Provider
from db.errors import ConnectionCancelled, DatabaseUnavailable
from desktop.directory.list_pane import PROVIDERS
from desktop.main_window import MainWindow
from desktop.widgets.connection import CANCELLED_NOTE, STATUS_TEXT, ConnectionGuard
from tests.factories import small_directory


@pytest.fixture
def window(show, db, settings):
    return show(MainWindow(db, settings), 1366, 760)


def _dropped_connection() -> Exception:
    return psycopg.errors.AdminShutdown("terminating connection due to administrator command")


class Outage:
    """Makes the database's next `failures` write transactions fail as a dropped server connection
    does (psycopg's AdminShutdown under SQLAlchemy), or as `driver_error()` says, before anything is
    written."""

    def __init__(self, db, monkeypatch, failures: int, driver_error=_dropped_connection):
        self.failures, self.attempts = failures, 0
        self._driver_error = driver_error
        self._real = db._write_sessions
        monkeypatch.setattr(db, "_write_sessions", self._sessions)

    def _sessions(self):
        self.attempts += 1
        if self.failures:
            self.failures -= 1
            raise OperationalError("COMMIT", {}, self._driver_error())
        return self._real()


class Boxes(QObject):
    """Every message box that comes on screen, whoever opens it (the guard, an editor, a tab, the
    static QMessageBox.warning): `shown` lists (objectName, title, text). The connection question is
    answered with `answer`, any other box closed with its own button."""

    def __init__(self, answer: str):
        super().__init__()
        self.answer = answer
        self.shown: list[tuple[str, str, str]] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
            self.shown.append((watched.objectName(), watched.windowTitle(), watched.text()))
            QTimer.singleShot(0, lambda box=watched: self._close(box))
        return False

    def _close(self, box: QMessageBox) -> None:
        if not shiboken6.isValid(box) or not box.isVisible():
            return
        if box.objectName() == "connection_lost":
            next(b for b in box.buttons() if b.text().replace("&", "") == self.answer).click()
        else:
            (box.escapeButton() or box.defaultButton() or box.buttons()[0]).click()

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)


@pytest.fixture
def boxes():
    """Boxes that answer Zrušit; the test may change `answer`."""
    watcher = Boxes("Zrušit")
    yield watcher
    watcher.remove()


def answer_connection_dialog(button: str, seen: list[str], tries: int = 200) -> None:
    """Click `button` in the connection-lost dialog as soon as it is on screen."""
    def click(left=tries):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "connection_lost":
            seen.append(box.text())
            next(b for b in box.buttons() if b.text().replace("&", "") == button).click()
        elif left:
            QTimer.singleShot(10, lambda: click(left - 1))

    QTimer.singleShot(0, click)


def _open_provider(window, db, name: str):
    tab = window.tab_list()[0]
    tab.reload()
    tab.list_pane.set_mode(PROVIDERS)
    proxy = tab.list_pane.proxy()
    names = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    tab.list_pane.view().selectRow(names.index(name))
    return tab


def test_zkusit_znovu_saves_the_same_edits_once_the_connection_is_back(qtbot, window, db, monkeypatch):
    ids = small_directory(db)
    tab = _open_provider(window, db, "Domov Čenkov")
    tab.editor.provider_form.name.setText("Domov Čenkov, p. o.")
    outage = Outage(db, monkeypatch, failures=1)
    seen: list[str] = []
    answer_connection_dialog("Zkusit znovu", seen)
    shown_while_asking = []
    window.connection_guard.lost.connect(lambda: shown_while_asking.append(window.connection_label.isVisible()))

    tab.save_action.trigger()

    assert len(seen) == 1 and "se přerušilo" in seen[0] and "nic nebylo uloženo napůl" in seen[0]
    assert outage.attempts == 2
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).name == "Domov Čenkov, p. o."
    assert not tab.editor.is_dirty() and tab.editor.provider_form.name.text() == "Domov Čenkov, p. o."
    assert shown_while_asking == [True]
    assert window.connection_label.isHidden()  # shown while disconnected, cleared by the saved retry
    assert window.connection_label.text().endswith(STATUS_TEXT)


def test_zrusit_keeps_the_editor_open_with_her_edits_and_saves_nothing(qtbot, window, db, monkeypatch, boxes):
    ids = small_directory(db)
    tab = _open_provider(window, db, "Domov Čenkov")
    form = tab.editor.provider_form
    form.name.setText("Domov Čenkov, p. o.")
    form.phone.setText("318 600 111")
    outage = Outage(db, monkeypatch, failures=100)

    tab.save_action.trigger()

    # The question she answered, and nothing after it: no "not saved" box, no second question.
    assert [name for name, _title, _text in boxes.shown] == ["connection_lost"] and outage.attempts == 1
    assert window.statusBar().currentMessage() == CANCELLED_NOTE
    assert (form.name.text(), form.phone.text()) == ("Domov Čenkov, p. o.", "318 600 111")
    assert tab.editor.is_dirty() and tab.editor.save_button.isEnabled()
    assert window.connection_label.isVisible()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).name == "Domov Čenkov"
    outage.failures = 0  # the server is back: the next save goes through and the warning clears
    tab.save_action.trigger()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).phone == "318 600 111"
    assert window.connection_label.isHidden() and len(boxes.shown) == 1


def test_any_other_refused_save_still_shows_its_own_box(qtbot, window, db, monkeypatch, boxes):
    import sqlite3

    small_directory(db)
    tab = _open_provider(window, db, "Domov Čenkov")
    tab.editor.provider_form.phone.setText("318 600 111")
    Outage(db, monkeypatch, failures=1, driver_error=lambda: sqlite3.OperationalError("database is locked"))

    tab.save_action.trigger()

    assert len(boxes.shown) == 1
    name, title, text = boxes.shown[0]
    assert (name, title) == ("", "Uložit") and "právě upravuje jiný program" in text
    assert tab.editor.is_dirty() and window.connection_label.isHidden()


def _meeting_editor(qtbot, window, db, monkeypatch):
    import datetime as dt

    from db.meetings.queries import new_meeting, save_group
    from db.meetings.records import GroupRecord
    from desktop.meetings.meeting_editor import MeetingEditor

    group_id = db.write(save_group, GroupRecord(name="PS Senioři", short_name="Senioři"))
    editor = MeetingEditor(db, db.read(new_meeting, group_id, dt.date(2026, 12, 10)))
    qtbot.addWidget(editor)
    # Closed with her unsaved edits when the test ends: thrown away without asking.
    from desktop.widgets.unsaved_changes import UnsavedChoice

    monkeypatch.setattr("desktop.meetings.editor_dialog.ask_unsaved_changes", lambda *a: UnsavedChoice.DISCARD)
    editor.show()
    editor.place.setText("Zasedací místnost MěÚ")
    editor.starts_at.setText("14:00")
    return editor


def test_zrusit_on_a_meeting_save_shows_one_box_and_the_editor_keeps_her_edits(qtbot, window, db, monkeypatch,
                                                                               boxes):
    from db.meetings.models import Meeting

    editor = _meeting_editor(qtbot, window, db, monkeypatch)
    Outage(db, monkeypatch, failures=100)

    assert not editor.save()

    assert [name for name, _title, _text in boxes.shown] == ["connection_lost"]
    assert editor.isVisible() and editor.is_dirty()
    assert (editor.place.text(), editor.starts_at.text()) == ("Zasedací místnost MěÚ", "14:00")
    assert window.statusBar().currentMessage() == CANCELLED_NOTE
    assert db.read(lambda s: s.query(Meeting).count()) == 0


def test_a_meeting_save_refused_for_another_reason_shows_its_box(qtbot, window, db, monkeypatch, boxes):
    import desktop.meetings.meeting_editor as editor_module
    from db.errors import UserError

    editor = _meeting_editor(qtbot, window, db, monkeypatch)

    def refused(_session, _record):
        raise UserError("Skupinu mezitím smazal jiný uživatel.")

    monkeypatch.setattr(editor_module, "save_meeting", refused)

    assert not editor.save()

    assert boxes.shown == [("", "Uložit jednání", "Skupinu mezitím smazal jiný uživatel.")]
    assert editor.isVisible() and editor.place.text() == "Zasedací místnost MěÚ"


def test_zrusit_on_a_delete_from_the_meetings_tab_shows_one_box_and_keeps_the_group(qtbot, window, db, monkeypatch,
                                                                                    boxes):
    from db.meetings.queries import list_groups, save_group
    from db.meetings.records import GroupRecord
    from desktop.meetings.tab import MeetingsTab

    group_id = db.write(save_group, GroupRecord(name="PS Senioři", short_name="Senioři"))
    tab = next(t for t in window.tab_list() if isinstance(t, MeetingsTab))
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    tab.open_group(group_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    Outage(db, monkeypatch, failures=100)

    tab.delete_group()

    assert [name for name, _title, _text in boxes.shown] == ["connection_lost"]
    assert window.statusBar().currentMessage() == CANCELLED_NOTE
    assert tab._base.id == group_id and tab.form.name.text() == "PS Senioři"  # still open, not closed
    assert [g.name for g in db.read(list_groups)] == ["PS Senioři"]


def test_zrusit_on_a_delete_from_the_directory_tab_shows_one_box(qtbot, window, db, monkeypatch, boxes):
    from desktop.directory import tab as tab_module
    from desktop.directory.delete_dialog import DeleteChoice

    ids = small_directory(db)
    tab = _open_provider(window, db, "Domov Čenkov")
    monkeypatch.setattr(tab_module.DeleteDialog, "ask", lambda self: DeleteChoice.DELETE)
    Outage(db, monkeypatch, failures=100)

    tab.delete_provider(ids["domov"])

    assert [name for name, _title, _text in boxes.shown] == ["connection_lost"]
    assert db.read(lambda s: s.get(Provider, ids["domov"])) is not None
    assert tab.editor.provider_id == ids["domov"]


def test_one_answer_per_click_the_same_click_does_not_ask_again(qtbot, window, boxes):
    guard = window.connection_guard
    failure = DatabaseUnavailable("Spojení s databází se přerušilo.", "disconnected")

    with pytest.raises(ConnectionCancelled):
        guard.connection_lost(failure)
    with pytest.raises(ConnectionCancelled):  # e.g. the list re-read after the refused save
        guard.connection_lost(failure)
    assert len(boxes.shown) == 1

    qtbot.wait(20)  # the next click of hers is asked anew
    with pytest.raises(ConnectionCancelled):
        guard.connection_lost(failure)
    assert len(boxes.shown) == 2


def test_other_failures_and_work_off_the_ui_thread_get_no_dialog(qtbot, window):
    guard = window.connection_guard
    failure = DatabaseUnavailable("Spojení s databází se přerušilo.", "disconnected")
    answers = []

    class Worker(QThread):
        def run(self):
            answers.append(guard.connection_lost(failure))

    worker = Worker()
    worker.start()
    assert worker.wait(5000)
    assert answers == [False]  # a background task reports the failure itself, no modal box from a thread
    assert isinstance(window.db.watcher, ConnectionGuard)


def test_on_a_real_server_the_killed_save_is_retried_and_applied_once(qtbot, pg_cluster, tmp_path, monkeypatch):
    from sqlalchemy import select, text

    import desktop.directory.editor as editor_module
    from db.database import open_database

    db = open_database(pg_cluster.app_database())
    try:
        ids = small_directory(db)
        window = MainWindow(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        real_save, attempts = editor_module.save_provider, []

        def save_then_lose_the_connection(session, record):
            attempts.append(1)
            saved = real_save(session, record)
            if len(attempts) == 1:  # the server drops her connection before the commit
                pid = session.scalar(text("SELECT pg_backend_pid()"))
                with pg_cluster.admin.connect() as admin:
                    admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                session.execute(select(Provider.id).limit(1))
            return saved

        monkeypatch.setattr(editor_module, "save_provider", save_then_lose_the_connection)
        tab = _open_provider(window, db, "Domov Čenkov")
        tab.editor.provider_form.phone.setText("318 600 111")
        seen: list[str] = []
        answer_connection_dialog("Zkusit znovu", seen)

        tab.save_action.trigger()

        assert len(seen) == 1 and "Spojení s databází „kp_test" in seen[0]
        assert len(attempts) == 2 and not tab.editor.is_dirty()
        assert db.read(lambda s: s.get(Provider, ids["domov"]).phone) == "318 600 111"
        assert window.connection_label.isHidden()
    finally:
        db.close()


def test_a_dialog_editor_gets_the_same_question_and_stays_open_after_zrusit(qtbot, window, db, monkeypatch, boxes):
    from db.meetings.models import Person
    from db.meetings.records import PersonRecord
    from desktop.meetings.person_dialog import PersonDialog

    person = PersonDialog(db, PersonRecord())
    qtbot.addWidget(person)
    person.show()
    person.first_name.setText("Marie")
    person.last_name.setText("Dvořáková")
    Outage(db, monkeypatch, failures=100)

    person.save_button.click()

    assert [name for name, _title, _text in boxes.shown] == ["connection_lost"]
    assert person.isVisible() and person.result() == 0  # not accepted, not closed
    assert (person.first_name.text(), person.last_name.text()) == ("Marie", "Dvořáková")
    with db.session() as s:
        assert s.query(Person).count() == 0
    # Closing it at the end of the test would ask about the unsaved edits: she throws them away.
    from desktop.widgets.unsaved_changes import UnsavedChoice

    monkeypatch.setattr("desktop.meetings.editor_dialog.ask_unsaved_changes", lambda *a: UnsavedChoice.DISCARD)
