"""Soubor → Připojit k databázi na serveru…: address, Vyzkoušet spojení, recent connections, password
only in the credential store (never in the settings file), and the window working on the server."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import make_url

import desktop.server_dialog as server_dialog
from desktop.main_window import MainWindow
from desktop.server_dialog import NO_KEYRING, ServerConnectDialog


@pytest.fixture
def vault(monkeypatch) -> dict:
    """An in-memory credential store: tests never write the real one."""
    stored: dict[str, str] = {}

    def store(key, password):
        stored[key] = password
        return True

    monkeypatch.setattr(server_dialog, "store_password", store)
    monkeypatch.setattr(server_dialog, "saved_password", stored.get)
    return stored


def _fill(dialog, url: str, password: str = "") -> None:
    parts = make_url(url)
    dialog.host.setText(parts.host)
    dialog.port.setValue(parts.port)
    dialog.database.setText(parts.database)
    dialog.user.setText(parts.username)
    dialog.password.setText(password)


def test_trying_the_connection_says_what_is_on_the_server(qtbot, settings, pg_url, vault):
    dialog = ServerConnectDialog(None, settings)
    qtbot.addWidget(dialog)
    assert not dialog.test_connection()
    assert "Vyplňte server" in dialog.status.text()
    _fill(dialog, pg_url)
    assert dialog.test_connection()
    assert "Spojení funguje" in dialog.status.text() and "je prázdná" in dialog.status.text()
    dialog.port.setValue(1)
    assert not dialog.test_connection()
    assert "nepodařilo připojit" in dialog.status.text()


def test_the_password_goes_to_the_credential_store_never_to_the_settings(qtbot, settings, tmp_path, vault):
    dialog = ServerConnectDialog(None, settings)
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql://jana@server-uradu:5433/kp", password="p@ss/word")
    assert make_url(dialog.address()).password == "p@ss/word"  # quoted, read back whole
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert vault == {"jana@server-uradu:5433/kp": "p@ss/word"}
    settings.sync()
    assert "p@ss" not in (tmp_path / "ui.ini").read_text(encoding="utf-8")
    again = ServerConnectDialog(None, settings)  # remembered, filled in, password from the store
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.user.text()) == ("server-uradu", 5433, "jana")
    assert again.password.text() == "p@ss/word"


def test_without_a_credential_store_she_is_told_and_types_it_each_time(qtbot, settings, monkeypatch):
    monkeypatch.setattr(server_dialog, "store_password", lambda key, password: False)
    monkeypatch.setattr(server_dialog, "saved_password", lambda key: None)
    dialog = ServerConnectDialog(None, settings)
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql://jana@server-uradu:5432/kp", password="tajne")
    dialog._accept()
    assert dialog.status.text() == NO_KEYRING and dialog.result() != QDialog.DialogCode.Accepted
    dialog._accept()  # said once; now it connects without storing
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_window_switches_to_the_server_database_and_shows_it(qtbot, db, settings, pg_url, vault, monkeypatch):
    window = MainWindow(db, settings)
    qtbot.addWidget(window)

    def accept_with_the_test_server(dialog):
        _fill(dialog, pg_url)
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(ServerConnectDialog, "exec", accept_with_the_test_server)
    window.server_action.trigger()
    try:
        assert window.db.is_server
        assert "na serveru 127.0.0.1" in window._db_label.text()
        assert window.windowTitle().endswith("na serveru 127.0.0.1 – Komunitní plán")
    finally:
        window.db.close()
