import pytest
from PySide6.QtWidgets import QMenu

from db.settings import load_office
from desktop.main_window import MainWindow
from desktop.settings_dialog import SettingsDialog


@pytest.fixture
def window(show, db, settings):
    return show(MainWindow(db, settings))


def _menu_texts(window):
    result = {}
    for action in window.menuBar().actions():
        menu: QMenu = action.menu()
        result[action.text().replace("&", "")] = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    return result


def test_tabs_and_menus_are_czech(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:3] == ["Poskytovatelé", "Pracovní skupiny", "Střednědobý plán"]
    menus = _menu_texts(window)
    assert menus["Soubor"] == ["Nová databáze…", "Otevřít databázi…", "Připojit k databázi na serveru…",
                               "Naposledy otevřené", "Nastavení…",
                               "Zálohovat databázi…", "Obnovit ze zálohy…", "Otevřít složku záloh", "Konec"]
    assert "O aplikaci" in menus["Nápověda"]
    assert str(window.db.path) in window._db_label.text()
    assert window.windowTitle() == f"{window.db.path.name} – Komunitní plán"


def test_switching_tabs_and_remembering_state(qtbot, db, settings, window):
    window.tabs.setCurrentIndex(2)
    assert window.tabs.currentIndex() == 2
    window.resize(780, 540)
    window.close()
    again = MainWindow(db, settings)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 2
    assert again.size().width() == 780


def test_settings_dialog_saves_office_details_and_rejects_bad_email(qtbot, window, tmp_path):
    dialog = SettingsDialog(window.db, window)
    qtbot.addWidget(dialog)
    dialog.town.setText("Město Dobříš")
    dialog.department.setText("Odbor sociálních věcí")
    dialog.email.setText("socialni@")
    dialog.accept()
    assert "E-mail" in dialog.error_label.text()
    assert dialog.result() == 0
    with window.db.session() as s:
        assert load_office(s).town == ""  # nothing saved half-way

    dialog.email.setText("socialni@dobris.cz")
    dialog.backup_keep.setValue(5)
    dialog.accept()
    with window.db.session() as s:
        office = load_office(s)
    assert office.town == "Město Dobříš" and office.email == "socialni@dobris.cz"


def test_settings_dialog_keeps_office_hours_and_names_a_bad_day(qtbot, window):
    dialog = SettingsDialog(window.db, window)
    qtbot.addWidget(dialog)
    dialog.town.setText("Město Dobříš")
    dialog.hours.days[0].setText("8:00-17:00")
    dialog.hours.days[2].setText("8-17")
    dialog.hours.days[1].setText("8:00–25:00")
    dialog.accept()
    assert "Úřední hodiny – Úterý" in dialog.error_label.text() and dialog.result() == 0
    dialog.hours.days[1].setText("8:00–14:00")
    dialog.accept()
    with window.db.session() as s:
        assert load_office(s).hours == "Po, St 8:00–17:00; Út 8:00–14:00"
    again = SettingsDialog(window.db, window)
    qtbot.addWidget(again)
    assert [d.text() for d in again.hours.days[:3]] == ["8:00–17:00", "8:00–14:00", "8:00–17:00"]


def test_settings_action_opens_dialog(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(self) or 0)
    window.settings_action.trigger()
    assert opened and opened[0].windowTitle() == "Nastavení"


def test_restore_replaces_data_and_refuses_junk(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from db.settings import OfficeDetails, save_office

    with window.db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Příbram"))
    backup = tmp_path / "b.sqlite"
    window.db.backup_to(backup)
    with window.db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Beroun"))
    assert window.restore(backup)
    with window.db.session() as s:
        assert load_office(s).town == "Příbram"

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    junk = tmp_path / "junk.sqlite"
    junk.write_text("x")
    assert not window.restore(junk)
    assert "není databáze" in shown[0]


def test_backup_and_restore_menu_actions(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from db.settings import OfficeDetails, save_office

    with window.db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Příbram"))
    target = tmp_path / "menu-zaloha.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup_action.trigger()
    assert target.exists()

    with window.db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Beroun"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.restore_action.trigger()
    with window.db.session() as s:
        assert load_office(s).town == "Příbram"


def test_backup_menu_names_a_target_open_in_another_program(window, tmp_path, monkeypatch):
    import db.files
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    target = tmp_path / "záloha.sqlite"
    target.write_bytes(b"older backup")

    def refuse(src, dst):
        raise PermissionError(13, "Přístup byl odepřen", str(dst), 32)

    monkeypatch.setattr(db.files.os, "replace", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window.backup_database()
    assert "otevřený v jiném programu" in shown[0]
    assert target.read_bytes() == b"older backup"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(window.db.path), ""))
    window.backup_database()
    assert "přes samotnou databázi" in shown[1]
