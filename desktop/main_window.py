"""The main window: tabs for the three agendas, the File and Help menus, the status bar."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from db.database import Database, restore_database
from db.errors import UserError
from desktop import about
from desktop.settings_dialog import SettingsDialog
from desktop.tabs import create_tabs
from desktop.widgets.base_tab import BaseTab


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.setWindowTitle("Komunitní plán")
        self.setMinimumSize(760, 520)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._tab_list: list[BaseTab] = create_tabs(db, self)
        for tab in self._tab_list:
            self.tabs.addTab(tab, tab.title)
        self.setCentralWidget(self.tabs)
        self._db_label = QLabel()
        self.statusBar().addPermanentWidget(self._db_label)
        self._build_menus()
        self._restore_state()
        self._current = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._show_db_path()

    # -- construction -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Soubor")
        self.settings_action = self._action(file_menu, "&Nastavení…", self.open_settings)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Zálohovat databázi…", self.backup_database)
        self.restore_action = self._action(file_menu, "&Obnovit ze zálohy…", self.restore_from_backup)
        file_menu.addSeparator()
        self._action(file_menu, "&Konec", self.close, QKeySequence.StandardKey.Quit)
        for tab in self._tab_list:
            if hasattr(tab, "contribute_menus"):
                tab.contribute_menus(self.menuBar())
        help_menu = self.menuBar().addMenu("&Nápověda")
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
        self._db_label.setText(f"Databáze: {self.db.path}")
        self._db_label.setToolTip(str(self.db.path))

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

    # -- File menu ----------------------------------------------------------------------------
    def open_settings(self) -> None:
        SettingsDialog(self.db, self).exec()
        # Funding strips are saved from inside the dialog even when it is cancelled.
        for tab in self._tab_list:
            if hasattr(tab, "settings_changed"):
                tab.settings_changed()

    def backup_database(self) -> None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(documents) / f"komunitni-plan-zaloha-{dt.date.today().isoformat()}.sqlite"
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
        name, _ = QFileDialog.getOpenFileName(
            self, "Obnovit ze zálohy", str(self.db.path.parent),
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
        for tab in self._tab_list:
            tab.set_database(self.db)
        self._show_db_path()
        self.statusBar().showMessage(f"Data obnovena ze zálohy {source}", 8000)
        return True
