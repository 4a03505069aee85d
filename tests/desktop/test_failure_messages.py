"""The window under faults: a Czech message naming the cause, never SQL, a traceback or record values;
the details go to the log, without personal data."""
import logging
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import OperationalError

from db import database as database_module
from db.database import open_database
from db.errors import DatabaseUnavailable
from db.directory.models import Provider
from db.logs import log_path, setup_logging
from db.settings import OfficeDetails, save_office
from desktop import app as app_module
from desktop.directory.tab import DirectoryTab
from tests.db.test_faults import EMAIL, LOGIN, PERSON, PHONE, WriteLock, assert_clean
from tests.desktop.test_directory_tab import PROVIDERS, select
from tests.factories import small_directory


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda _parent, _title, text, *a, **k: shown.append(text)))
    return shown


def _log_text() -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return log_path().read_text(encoding="utf-8")


def test_an_uncaught_database_failure_is_named_in_czech_and_logged(qapp, boxes, tmp_path):
    import sys

    setup_logging()
    app_module.install_excepthook(tmp_path / "kp.sqlite")
    error = OperationalError("UPDATE provider SET phone=? WHERE id=?", (PHONE, 7),
                             sqlite3.OperationalError("database is locked"), hide_parameters=True)
    sys.excepthook(OperationalError, error, None)
    assert len(boxes) == 1 and "právě upravuje jiný program" in boxes[0]
    assert_clean(boxes[0])
    text = _log_text()
    assert "operation failed (busy)" in text and PHONE not in text


def test_an_uncaught_zrusit_after_a_lost_connection_shows_no_second_box(qapp, boxes, tmp_path):
    import sys

    from db.errors import ConnectionCancelled
    from desktop.widgets.connection import CANCELLED

    app_module.install_excepthook(tmp_path / "kp.sqlite")
    sys.excepthook(ConnectionCancelled, ConnectionCancelled(CANCELLED), None)
    assert boxes == []  # she was asked and chose Zrušit; a read the caller did not catch ends quietly
    sys.excepthook(DatabaseUnavailable, DatabaseUnavailable("Server neodpovídá.", "disconnected"), None)
    assert boxes == ["Server neodpovídá."]


def test_a_defect_says_so_without_its_text(qapp, boxes, tmp_path):
    import sys

    setup_logging()
    app_module.install_excepthook(tmp_path / "kp.sqlite")
    try:
        raise RuntimeError(f"chyba u záznamu {PERSON}")
    except RuntimeError as exc:
        sys.excepthook(RuntimeError, exc, exc.__traceback__)
    assert "neočekávané chybě" in boxes[0] and "protokolu aplikace" in boxes[0]
    assert PERSON not in boxes[0] and "Traceback" not in boxes[0]
    assert "Traceback" in _log_text()  # for the developer


def test_an_emptied_database_is_opened_anew_only_when_the_clerk_agrees(qapp, boxes, monkeypatch, tmp_path):
    path = tmp_path / "kp.sqlite"
    db = open_database(path)
    db.write(save_office, OfficeDetails(town="Lipová"))
    db.auto_backup("pred-importem")
    db.close()
    path.write_bytes(b"")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _p, _t, text, *a, **k: (asked.append(text), answers.pop(0))[1]))
    assert app_module.open_or_explain(path) is None
    assert path.stat().st_size == 0 and "je prázdný (0 bajtů)" in asked[0]
    db = app_module.open_or_explain(path)
    assert db is not None
    db.close()


def test_saving_in_the_editor_while_another_program_writes(qtbot, show, db, boxes, monkeypatch, settings):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 1000)
    monkeypatch.setattr("getpass.getuser", lambda: LOGIN)
    setup_logging()
    db.close()
    db = open_database(db.path)  # connections with the short timeout
    ids = small_directory(db)
    tab = show(DirectoryTab(db, settings))
    select(tab, PROVIDERS, "Domov Čenkov")
    tab.editor.provider_form.phone.setText(PHONE)
    tab.editor.provider_form.email.setText(EMAIL)
    with WriteLock(db.path):
        assert not tab.editor.save()
    assert len(boxes) == 1 and "právě upravuje jiný program" in boxes[0]
    assert_clean(boxes[0])
    assert tab.editor.is_dirty()  # the clerk's edits are still there to save again
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).phone != PHONE
    text = _log_text()
    for secret in (PHONE, EMAIL, LOGIN):
        assert secret not in text
    assert tab.editor.save()  # once the other program is done
    db.close()


def test_a_text_over_its_limit_is_marked_at_its_field(qtbot, show, db, ids, settings):
    tab = show(DirectoryTab(db, settings))
    select(tab, PROVIDERS, "Domov Čenkov")
    editor = tab.editor
    editor.provider_form.town.setText("T" * 101)
    editor.inner_tabs.setCurrentIndex(1)
    editor.service_editor.description.setPlainText("Ž" * 3001)
    editor.service_editor.fee_note.setText("x" * 501)
    assert not editor.save()
    assert editor.provider_form.rows["town"].error_text() == "Text je příliš dlouhý (101 znaků, nejvýše 100)."
    editor.inner_tabs.setCurrentIndex(1)
    service = editor.service_editor
    assert service.rows["description"].error_text() == "Text je příliš dlouhý (3001 znaků, nejvýše 3000)."
    assert "nejvýše 500" in service.rows["fee_note"].error_text()
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).town != "T" * 101
