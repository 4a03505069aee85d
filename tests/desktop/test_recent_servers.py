"""Server databases among Soubor → Naposledy otevřené, and reopening the last database at start
whether it was a file or a server (password from the credential store, asked when it has none)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import make_url

import desktop.server_dialog as server_dialog
from db.database import open_database
from db.errors import DatabaseUnavailable
from desktop import app as desktop_app
from desktop import databases
from desktop.main_window import MainWindow
from desktop.server_dialog import ServerConnectDialog


@pytest.fixture
def vault(monkeypatch) -> dict:
    """An in-memory credential store: tests never touch the real one."""
    stored: dict[str, str] = {}
    monkeypatch.setattr(server_dialog, "store_password", lambda key, password: stored.update({key: password}) or True)
    monkeypatch.setattr(server_dialog, "saved_password", stored.get)
    return stored


def _key(url: str) -> str:
    parts = make_url(url)
    return f"{parts.username}@{parts.host}:{parts.port}/{parts.database}"


def _label(url: str) -> str:
    parts = make_url(url)
    return f"{parts.database} na serveru {parts.host}:{parts.port} ({parts.username})"


@pytest.fixture
def window(qtbot, db, settings):
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    yield w
    w.db.close()


def _menu(window) -> dict:
    window._fill_recent_menu()
    return {a.text(): a for a in window.recent_menu.actions() if a.text()}


def test_server_and_file_databases_share_the_recent_menu_newest_first(window, pg_cluster, pg_url, vault, tmp_path):
    file_path = window.db.path
    vault[_key(pg_url)] = "tajne-heslo"
    with_password = pg_url.replace("postgres@", "postgres:tajne-heslo@")
    databases.RecentDatabases(window.settings).add(with_password)  # as if she had connected yesterday
    menu = _menu(window)
    labels = [text for text in menu if text[0] == "&"]
    assert labels == [f"&1 {_label(pg_url)}", f"&2 {file_path.name}  ({file_path.parent})"]
    assert not menu[labels[1]].isEnabled()  # the open one

    menu[labels[0]].trigger()  # reconnects with the password from the credential store
    assert window.db.is_server and make_url(pg_url).database in window.db.location
    assert make_url(window.db.url.render_as_string(hide_password=False)).password == "tajne-heslo"
    labels = [text for text in _menu(window) if text[0] == "&"]
    assert labels[0] == f"&1 {_label(pg_url)}" and not _menu(window)[labels[0]].isEnabled()
    _menu(window)[labels[1]].trigger()  # and back to the file
    assert window.db.path == file_path and not window.db.is_server
    window.settings.sync()
    assert "tajne-heslo" not in (tmp_path / "ui.ini").read_text(encoding="utf-8")


def test_without_a_stored_password_the_dialog_asks_for_it_filled_in(window, pg_url, vault, monkeypatch):
    real_open, tried = server_dialog.open_database, []

    def server_wanting_a_password(address):
        tried.append(make_url(address).password)
        if make_url(address).password != "heslo":
            raise DatabaseUnavailable("Server databáze odmítl přihlášení: neplatné uživatelské jméno nebo heslo.",
                                      "auth")
        return real_open(address)

    asked = []

    def type_the_password(dialog):
        asked.append((dialog.host.text(), dialog.port.value(), dialog.database.text(), dialog.user.text(),
                      dialog.password.text(), dialog.status.text()))
        dialog.password.setText("heslo")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(server_dialog, "open_database", server_wanting_a_password)
    monkeypatch.setattr(ServerConnectDialog, "exec", type_the_password)
    databases.RecentDatabases(window.settings).add(pg_url)
    next(a for text, a in _menu(window).items() if _label(pg_url) in text).trigger()

    parts = make_url(pg_url)
    assert asked == [(parts.host, parts.port, parts.database, parts.username, "",
                      "Server databáze odmítl přihlášení: neplatné uživatelské jméno nebo heslo.")]
    assert tried == [None, "heslo"] and window.db.is_server
    assert vault == {_key(pg_url): "heslo"}  # kept for the next time


def test_an_unreachable_recent_server_is_explained_and_the_current_database_stays(window, vault, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    before = window.db
    databases.RecentDatabases(window.settings).add("postgresql://jana@127.0.0.1:1/kp")
    next(a for text, a in _menu(window).items() if "kp na serveru 127.0.0.1:1 (jana)" in text).trigger()
    assert window.db is before
    assert len(shown) == 1 and "nepodařilo připojit" in shown[0]


@pytest.fixture
def start(qtbot, monkeypatch):
    """run_gui with the window's show and the event loop stubbed: returns the database it opened."""
    opened = []
    monkeypatch.setattr(desktop_app, "install_excepthook", lambda path: None)
    monkeypatch.setattr(desktop_app, "setup_logging", lambda: None)
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    monkeypatch.setattr(MainWindow, "show", lambda self: opened.append(self.db))
    app = QApplication.instance()
    names, locale = (app.organizationName(), app.applicationName()), QLocale()
    desktop_app.create_application()  # names the application, where QSettings() keeps the recent list

    def run():
        opened.clear()
        code = desktop_app.run_gui(None)
        return code, (opened[0] if opened else None)

    yield run
    app.setOrganizationName(names[0])
    app.setApplicationName(names[1])
    QLocale.setDefault(locale)


def test_the_app_reopens_the_server_database_it_was_closed_on(start, pg_cluster, pg_url, vault):
    open_database(pg_url).close()
    vault[_key(pg_url)] = "heslo"
    databases.RecentDatabases(QSettings()).add(pg_url)
    code, opened = start()
    try:
        assert code == 0 and opened.is_server and make_url(pg_url).database in opened.location
    finally:
        opened.close()


def test_an_unreachable_server_at_start_offers_retry_or_another_database(start, tmp_path, vault, monkeypatch):
    databases.RecentDatabases(QSettings()).add("postgresql://jana@127.0.0.1:1/kp")
    other = tmp_path / "mistni.sqlite"
    open_database(other).close()
    answers, texts = ["Zkusit znovu", "Otevřít jinou databázi…"], []

    def choose(box):
        texts.append(box.text())
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text().replace("&", "") == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    code, opened = start()
    try:
        assert code == 0 and opened.path == other.resolve()
        assert len(texts) == 2  # asked again after the failed retry, never a silent fallback
        assert texts[0].startswith("Naposledy otevřenou databázi kp na serveru 127.0.0.1:1 (jana) se nepodařilo")
        assert "nepodařilo připojit" in texts[0]
    finally:
        opened.close()


def test_ukoncit_at_start_opens_nothing(start, vault, monkeypatch):
    databases.RecentDatabases(QSettings()).add("postgresql://jana@127.0.0.1:1/kp")

    def quit_(box):
        next(b for b in box.buttons() if b.text().replace("&", "") == "Ukončit").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", quit_)
    # Unreachable is no refused login: no password is asked for.
    monkeypatch.setattr(ServerConnectDialog, "exec", lambda dialog: pytest.fail("no password dialog"))
    assert start() == (1, None)
