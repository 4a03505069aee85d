"""The main window: tabs for the three agendas, the File and Help menus, the status bar."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from db.database import Database, restore_database
from db.errors import UserError
from db.paths import backup_dir_for, is_server_url
from db.server import address_without_password
from desktop import about, databases, help_window
from desktop.server_dialog import ServerConnectDialog, connect_remembered
from desktop.settings_dialog import SettingsDialog
from desktop.tabs import create_tabs
from desktop.widgets.base_tab import BaseTab
from desktop.widgets.change_watcher import ChangeWatcher
from desktop.widgets.connection import CANCELLED_NOTE, STATUS_TEXT, ConnectionGuard
from desktop.widgets.file_dialogs import documents_folder, start_folder


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.setMinimumSize(760, 520)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._tab_list: list[BaseTab] = create_tabs(db, self)
        for tab in self._tab_list:
            self.tabs.addTab(tab, tab.title)
        self.setCentralWidget(self.tabs)
        # Shown from a lost server connection until a read or save works again; left of the (long)
        # database name, so a narrow window does not cut it off.
        self.connection_label = QLabel(f"⚠ {STATUS_TEXT}")
        self.connection_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.connection_label.hide()
        self.statusBar().addPermanentWidget(self.connection_label)
        self._db_label = QLabel()
        self.statusBar().addPermanentWidget(self._db_label)
        self.refreshed_label = QLabel()
        self.statusBar().addPermanentWidget(self.refreshed_label)
        self.connection_guard = ConnectionGuard(self)
        self.connection_guard.lost.connect(self.connection_label.show)
        self.connection_guard.restored.connect(self._connection_restored)
        self.connection_guard.cancelled.connect(lambda: self.statusBar().showMessage(CANCELLED_NOTE, 15000))
        db.watcher = self.connection_guard
        self._build_menus()
        self._restore_state()
        self._current = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._show_db_path()
        self._last_refresh: dt.datetime | None = None
        self.watcher = ChangeWatcher(db, self)
        self.watcher.on_changed = self._refresh_tabs
        self.watcher.polled.connect(self._show_refreshed)
        self.watcher.failed.connect(self._show_refresh_failed)
        self.watcher.start()

    # -- construction -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Soubor")
        self.new_db_action = self._action(file_menu, "Nová &databáze…", self.new_database)
        self.open_db_action = self._action(file_menu, "&Otevřít databázi…", self.open_database_file,
                                           QKeySequence.StandardKey.Open)
        self.server_action = self._action(file_menu, "Připojit k databázi na &serveru…", self.connect_to_server)
        self.recent_menu = file_menu.addMenu("Na&posledy otevřené")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.settings_action = self._action(file_menu, "&Nastavení…", self.open_settings)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Zálohovat databázi…", self.backup_database)
        self.restore_action = self._action(file_menu, "O&bnovit ze zálohy…", self.restore_from_backup)
        self._action(file_menu, "Otevřít složku zá&loh", lambda: databases.open_backup_folder(self, self.db.path))
        file_menu.addSeparator()
        self._action(file_menu, "&Konec", self.close, QKeySequence.StandardKey.Quit)
        for tab in self._tab_list:
            if hasattr(tab, "contribute_menus"):
                tab.contribute_menus(self.menuBar())
        help_menu = self.menuBar().addMenu("&Nápověda")
        self.help_action = self._action(help_menu, "&Příručka", lambda: help_window.show_help(self),
                                        QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&O aplikaci", lambda: about.show_about(self, self.db))

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._fit_to_screen()
        index = int(self.settings.value("window/tab", 0) or 0)
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def _fit_to_screen(self) -> None:
        available = self.screen().availableGeometry()
        self.resize(min(1280, available.width() - 40), min(800, available.height() - 40))
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def _show_db_path(self) -> None:
        if self.db.is_server:
            # Which server database she works in, never the password (in db.url only).
            self.setWindowTitle(f"{self.db.url.database} na serveru {self.db.url.host} – Komunitní plán")
            self._db_label.setText(f"Databáze {self.db.location}")
            self._db_label.setToolTip(self.db.location)
            databases.RecentDatabases(self.settings).add(address_without_password(self.db.url))
            return
        # As Word shows the document: the file's name in the title bar, its whole path in the status bar.
        self.setWindowTitle(f"{self.db.path.name} – Komunitní plán")
        self._db_label.setText(f"Databáze: {self.db.path}")
        self._db_label.setToolTip(str(self.db.path))
        databases.RecentDatabases(self.settings).add(self.db.path)

    # -- what other clerks saved -----------------------------------------------------------------
    def _refresh_tabs(self, areas: frozenset[str]) -> None:
        for tab in self._tab_list:
            tab.refresh_changed(areas)

    def _show_refreshed(self, when: dt.datetime) -> None:
        self._last_refresh = when
        self.refreshed_label.setText(f"Aktualizováno {when:%H:%M:%S}")
        self.refreshed_label.setToolTip("Seznamy se každých několik sekund obnovují podle toho, co uložili "
                                        "ostatní pracovníci.")
        self.refreshed_label.setStyleSheet("")

    def _show_refresh_failed(self, reason: str) -> None:
        since = f" od {self._last_refresh:%H:%M:%S}" if self._last_refresh else ""
        self.refreshed_label.setText(f"Databáze nedostupná – seznamy se{since} neobnovují")
        self.refreshed_label.setToolTip(f"{reason}\nAplikace to zkouší znovu každých několik sekund.")
        self.refreshed_label.setStyleSheet("color: #b00020;")

    def _connection_restored(self) -> None:
        if self.connection_label.isVisible():
            self.connection_label.hide()
            self.statusBar().showMessage("Spojení se serverem je opět v pořádku.", 8000)

    # -- tabs and closing ---------------------------------------------------------------------
    def tab_list(self) -> list[BaseTab]:
        return list(self._tab_list)

    def _on_tab_changed(self, index: int) -> None:
        previous = self._current
        if previous != index and 0 <= previous < len(self._tab_list) and not self._tab_list[previous].can_leave():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(previous)
            self.tabs.blockSignals(False)
            return
        self._current = index

    def _all_can_leave(self) -> bool:
        return all(tab.can_leave() for tab in self._tab_list)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._all_can_leave():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.settings.sync()
        event.accept()

    # -- File menu: databases ------------------------------------------------------------------
    def new_database(self) -> None:
        if not self._all_can_leave():
            return
        path = databases.ask_new_path(self, self.settings)
        if path is not None and self.switch_database(path):
            self.statusBar().showMessage(f"Založena nová prázdná databáze {path}", 8000)

    def open_database_file(self) -> None:
        if not self._all_can_leave():
            return
        path = databases.ask_open_path(self, self.settings)
        if path is not None:
            self.switch_database(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = databases.RecentDatabases(self.settings)
        current = address_without_password(self.db.url) if self.db.is_server else self.db.path
        for number, entry in enumerate(recent.entries(), start=1):
            action = self.recent_menu.addAction(f"&{number} {databases.entry_label(entry)}")
            action.setEnabled(entry != current)
            action.triggered.connect(lambda _checked=False, e=entry: self._open_recent(e))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(žádné)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Vymazat seznam", recent.clear)

    def _open_recent(self, entry: databases.Entry) -> None:
        if not self._all_can_leave():
            return
        if not is_server_url(entry):
            self.switch_database(entry)
            return
        try:
            database = connect_remembered(self, self.settings, entry)
        except UserError as exc:
            QMessageBox.critical(self, "Otevřít databázi", f"Databázi nelze otevřít.\n\n{exc}")
            return
        if database is not None:
            self._use(database)

    def connect_to_server(self) -> None:
        if not self._all_can_leave():
            return
        dialog = ServerConnectDialog(self, self.settings)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.switch_database(dialog.address())

    def switch_database(self, path: Path | str) -> bool:
        """Work in another database file (created when new) or a database on a server (a
        postgresql://… address); False keeps the current one, the reason shown. Unsaved edits must
        have been settled by the caller (_all_can_leave)."""
        if is_server_url(path):
            target = path
        elif Path(path).expanduser().resolve() == self.db.path:
            return True
        else:
            target = Path(path)
        database = databases.open_or_explain(self, target)
        if database is None:
            return False
        self._use(database)
        return True

    def _use(self, database: Database) -> None:
        previous, self.db = self.db, database
        self.db.watcher = self.connection_guard
        self.connection_label.hide()
        for tab in self._tab_list:
            tab.set_database(self.db)
        previous.close()
        self.watcher.set_database(self.db)
        self._show_db_path()
        self.statusBar().showMessage(f"Otevřena databáze {self.db.location}", 8000)

    # -- File menu ----------------------------------------------------------------------------
    def open_settings(self) -> None:
        SettingsDialog(self.db, self).exec()
        # Funding strips are saved from inside the dialog even when it is cancelled.
        for tab in self._tab_list:
            if hasattr(tab, "settings_changed"):
                tab.settings_changed()

    def backup_database(self) -> None:
        suggested = documents_folder() / f"{self.db.path.stem}-zaloha-{dt.date.today().isoformat()}.sqlite"
        name, _ = QFileDialog.getSaveFileName(
            self, "Zálohovat databázi", str(suggested), "Záloha databáze (*.sqlite);;Všechny soubory (*)")
        if not name:
            return
        target = Path(name)
        try:
            self.db.backup_to(target)
        except UserError as exc:
            QMessageBox.critical(self, "Zálohovat databázi", str(exc))
            return
        self.statusBar().showMessage(f"Záloha uložena do {target}", 8000)

    def restore_from_backup(self) -> None:
        if not self._all_can_leave():
            return
        backups = backup_dir_for(self.db.path)
        name, _ = QFileDialog.getOpenFileName(
            self, "Obnovit ze zálohy", start_folder(backups if any(backups.glob("*.sqlite")) else None),
            "Záloha databáze (*.sqlite *.db);;Všechny soubory (*)")
        if not name:
            return
        answer = QMessageBox.warning(
            self, "Obnovit ze zálohy",
            f"Současná data budou nahrazena obsahem zálohy\n{name}\n\n"
            "Před obnovou se současná data automaticky zazálohují. Pokračovat?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore(Path(name))

    def restore(self, source: Path) -> bool:
        try:
            self.db = restore_database(self.db, source)
        except UserError as exc:
            QMessageBox.critical(self, "Obnovit ze zálohy", str(exc))
            return False
        self.db.watcher = self.connection_guard
        for tab in self._tab_list:
            tab.set_database(self.db)
        self.watcher.set_database(self.db)
        self._show_db_path()
        self.statusBar().showMessage(f"Data obnovena ze zálohy {source}", 8000)
        return True
