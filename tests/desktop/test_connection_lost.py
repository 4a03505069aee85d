"""A connection to the database server lost while the clerk saves: the window asks Zkusit znovu /
Zrušit in one place for every editor (desktop/widgets/connection.py); the form keeps her edits."""
from __future__ import annotations

import psycopg
import pytest
from PySide6.QtCore import QSettings, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from db.directory.models import Provider
from db.errors import DatabaseUnavailable
from desktop.directory.list_pane import PROVIDERS
from desktop.main_window import MainWindow
from desktop.widgets.connection import CANCELLED, STATUS_TEXT, ConnectionGuard
from tests.factories import small_directory


@pytest.fixture
def window(show, db, settings):
    return show(MainWindow(db, settings), 1366, 760)


class Outage:
    """Makes the database's next `failures` write transactions fail as a dropped server connection
    does (psycopg's AdminShutdown under SQLAlchemy), before anything is written."""

    def __init__(self, db, monkeypatch, failures: int):
        self.failures, self.attempts = failures, 0
        self._real = db._write_sessions
        monkeypatch.setattr(db, "_write_sessions", self._sessions)

    def _sessions(self):
        self.attempts += 1
        if self.failures:
            self.failures -= 1
            raise OperationalError("COMMIT", {}, psycopg.errors.AdminShutdown(
                "terminating connection due to administrator command"))
        return self._real()


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


def test_zrusit_keeps_the_editor_open_with_her_edits_and_saves_nothing(qtbot, window, db, monkeypatch):
    ids = small_directory(db)
    tab = _open_provider(window, db, "Domov Čenkov")
    form = tab.editor.provider_form
    form.name.setText("Domov Čenkov, p. o.")
    form.phone.setText("318 600 111")
    outage = Outage(db, monkeypatch, failures=100)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    seen: list[str] = []
    answer_connection_dialog("Zrušit", seen)

    tab.save_action.trigger()

    assert len(seen) == 1 and outage.attempts == 1
    assert warnings == [CANCELLED]  # the editor's own "not saved", once; no second retry question
    assert (form.name.text(), form.phone.text()) == ("Domov Čenkov, p. o.", "318 600 111")
    assert tab.editor.is_dirty() and tab.editor.save_button.isEnabled()
    assert window.connection_label.isVisible()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).name == "Domov Čenkov"
    outage.failures = 0  # the server is back: the next save goes through and the warning clears
    tab.save_action.trigger()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).phone == "318 600 111"
    assert window.connection_label.isHidden()


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


def test_a_dialog_editor_gets_the_same_question_and_stays_open_after_zrusit(qtbot, window, db, monkeypatch):
    from db.meetings.models import Person
    from db.meetings.records import PersonRecord
    from desktop.meetings.person_dialog import PersonDialog

    person = PersonDialog(db, PersonRecord())
    qtbot.addWidget(person)
    person.show()
    person.first_name.setText("Marie")
    person.last_name.setText("Dvořáková")
    Outage(db, monkeypatch, failures=100)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    seen: list[str] = []
    answer_connection_dialog("Zrušit", seen)

    person.save_button.click()

    assert len(seen) == 1 and warnings == [CANCELLED]
    assert person.isVisible() and person.result() == 0  # not accepted, not closed
    assert (person.first_name.text(), person.last_name.text()) == ("Marie", "Dvořáková")
    with db.session() as s:
        assert s.query(Person).count() == 0
    # Closing it at the end of the test would ask about the unsaved edits: she throws them away.
    from desktop.widgets.unsaved_changes import UnsavedChoice

    monkeypatch.setattr("desktop.meetings.editor_dialog.ask_unsaved_changes", lambda *a: UnsavedChoice.DISCARD)
