"""Her own databases: Soubor → Nová databáze…, Otevřít databázi…, recent files, the demo's own file."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from db.database import open_database
from db.directory.demo import load_demo
from db.paths import backup_dir_for
from desktop import databases
from desktop.main_window import MainWindow


@pytest.fixture
def window(show, db, settings):
    w = show(MainWindow(db, settings))
    yield w
    w.db.close()


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, *a, k=kind: shown.append((k, text)))
    return shown


def _directory(window):
    return window.tab_list()[0]


def test_new_database_is_created_opened_and_named_in_the_title(qtbot, window, tmp_path, monkeypatch):
    load_demo(window.db)
    _directory(window).reload()
    target = tmp_path / "documents" / "adresar-2027"
    target.parent.mkdir()
    asked = {}

    def save_dialog(parent, title, start, filters, **kwargs):
        asked.update(title=title, start=start, filters=filters)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.new_db_action.trigger()
    assert asked["title"] == "Nová databáze" and "*.sqlite" in asked["filters"]
    assert window.db.path == target.with_suffix(".sqlite").resolve()
    assert window.windowTitle() == "adresar-2027.sqlite – Komunitní plán"
    assert str(window.db.path) in window._db_label.text()
    assert _directory(window).is_empty() and _directory(window).db is window.db
    recent = databases.RecentDatabases(window.settings)
    assert recent.entries()[:2] == [window.db.path, tmp_path / "kp.sqlite"]
    assert recent.last() == window.db.path


def test_new_database_never_overwrites_an_existing_file(window, tmp_path, monkeypatch, messages):
    existing = tmp_path / "jiny.sqlite"
    open_database(existing).close()
    before = window.db.path
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(existing), ""))
    window.new_database()
    assert window.db.path == before
    assert messages and "už existuje" in messages[0][1]


def test_open_database_and_back_through_the_recent_menu(qtbot, window, tmp_path, monkeypatch):
    other = tmp_path / "ukazka.sqlite"
    database = open_database(other)
    load_demo(database)
    database.close()
    first = window.db.path
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.open_db_action.trigger()
    assert window.db.path == other.resolve()
    assert not _directory(window).is_empty()

    window._fill_recent_menu()
    entries = {a.text(): a for a in window.recent_menu.actions() if a.text()}
    back = next(a for text, a in entries.items() if first.name in text)
    assert not next(a for text, a in entries.items() if "ukazka.sqlite" in text).isEnabled()  # the open one
    assert "Vymazat seznam" in entries
    back.trigger()
    assert window.db.path == first
    assert _directory(window).is_empty()


def test_a_file_that_is_not_a_database_is_refused_and_the_current_one_stays(window, tmp_path, monkeypatch, messages):
    junk = tmp_path / "dopis.sqlite"
    junk.write_text("Vážená paní,")
    before = window.db
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    window.open_database_file()
    assert window.db is before
    assert messages[0][0] == "critical" and "není databáze" in messages[0][1]
    assert junk.read_text() == "Vážená paní,"


def test_unsaved_edits_are_settled_before_another_database_opens(qtbot, window, tmp_path, monkeypatch):
    from desktop.widgets import unsaved_changes

    tab = _directory(window)
    tab.new_provider()
    tab.editor.provider_form.name.setText("Rozepsaný poskytovatel")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pytest.fail("no dialog before the answer"))
    monkeypatch.setattr("desktop.directory.tab.ask_unsaved_changes", lambda *a: unsaved_changes.UnsavedChoice.BACK)
    window.open_database_file()
    assert tab.editor.is_dirty()


def test_demo_offers_its_own_database_file(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    texts = []

    def own_file(box):
        texts.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == "Otevřít v ukázkové databázi").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", own_file)
    real = window.db.path
    tab = _directory(window)
    next(b for b in tab.empty_state.findChildren(QPushButton) if b.text() == "Načíst ukázková data").click()
    assert window.db.path == databases.demo_db_path().resolve()
    assert "ukazka" in window.windowTitle()
    assert not tab.is_empty()
    assert window.db.path != real
    with _opened(real) as other:  # the real one stayed empty
        from db.directory.queries import list_directory
        assert not other.read(list_directory).providers
    # Asked again later, the demo database is simply shown again.
    window.switch_database(real)
    next(b for b in tab.empty_state.findChildren(QPushButton) if b.text() == "Načíst ukázková data").click()
    assert window.db.path == databases.demo_db_path().resolve() and not tab.is_empty()


class _opened:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.db = open_database(self.path)
        return self.db

    def __exit__(self, *exc):
        self.db.close()


def test_open_backup_folder_creates_it_and_says_where_it_is_when_no_file_manager(window, monkeypatch):
    opened, shown = [], []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or False)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)
    folder = backup_dir_for(window.db.path)
    assert not folder.exists()
    assert not databases.open_backup_folder(window, window.db.path)
    assert folder.is_dir()
    assert opened == [str(folder)]
    assert shown == [str(folder)]


def test_open_backup_folder_explains_a_folder_it_cannot_create(window, tmp_path, monkeypatch, messages):
    blocker = tmp_path / "ro"
    blocker.write_text("soubor místo složky")  # zalohy/ cannot be created under a file
    assert not databases.open_backup_folder(window, blocker / "kp.sqlite")
    assert messages and "nelze vytvořit" in messages[0][1]


def test_the_next_start_opens_the_last_database_or_falls_back_to_the_default(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop import app as desktop_app

    opened, warned = [], []
    monkeypatch.setattr(desktop_app, "install_excepthook", lambda path: None)
    monkeypatch.setattr(desktop_app, "setup_logging", lambda: None)
    monkeypatch.setattr(QApplication, "exec", lambda *a: opened.append(QApplication.activeWindow()) or 0)
    monkeypatch.setattr(MainWindow, "show", lambda self: opened.append(self.db.path))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))

    from PySide6.QtCore import QLocale

    app = QApplication.instance()
    names, locale = (app.organizationName(), app.applicationName()), QLocale()
    # run_gui names the application (where QSettings() keeps the recent list); undone at the end.
    desktop_app.create_application()
    mine = tmp_path / "muj-adresar.sqlite"
    open_database(mine).close()
    databases.RecentDatabases(QSettings()).add(mine)
    try:
        _start_twice(desktop_app, mine, opened, warned)
    finally:
        app.setOrganizationName(names[0])
        app.setApplicationName(names[1])
        QLocale.setDefault(locale)


def _start_twice(desktop_app, mine, opened, warned):
    from db.paths import default_db_path

    assert desktop_app.run_gui(None) == 0
    assert opened[0] == mine.resolve()

    mine.write_text("poškozený soubor")  # refused next time: the default database opens, with a word why
    opened.clear()
    assert desktop_app.run_gui(None) == 0
    assert opened[0] == default_db_path().resolve()
    assert warned and "Naposledy otevřenou databázi nelze otevřít" in warned[0]
