"""Starting the window: Qt application, Czech locale, opening the database, error reporting."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import Database, open_database
from db.errors import DatabaseEmptied, UserError
from db.logs import setup_logging
from db.paths import default_db_path
from desktop import main_thread_gc
from desktop.widgets.failures import failure_text

ORGANIZATION = "KomunitniPlan"
APPLICATION = "Komunitní plán"


def install_excepthook(db_path: Path | None) -> None:
    """Exceptions nobody caught: a Czech message box (the cause if known), details in the log."""
    def hook(exc_type, exc, tb):
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        QMessageBox.critical(QApplication.activeWindow(), APPLICATION, failure_text(exc, db_path))

    sys.excepthook = hook


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    main_thread_gc.install(app)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    QLocale.setDefault(QLocale(QLocale.Language.Czech, QLocale.Country.CzechRepublic))
    translator = QTranslator(app)
    # Czech texts for Qt's own dialogs (file dialog, message box buttons) when the wheel ships them.
    if translator.load(QLocale(QLocale.Language.Czech), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return app


def run_gui(db_path: Path | None) -> int:
    from desktop.main_window import MainWindow

    setup_logging()
    app = create_application()
    path = db_path or default_db_path()
    install_excepthook(path)
    db = open_or_explain(path)
    if db is None:
        return 1
    for warning in db.warnings:
        QMessageBox.warning(None, APPLICATION, warning)
    window = MainWindow(db, QSettings())
    window.show()
    try:
        return app.exec()
    finally:
        db.close()


def open_or_explain(path: Path) -> Database | None:
    """Open the database, or tell the clerk why not (None). An emptied database file is replaced by
    a new empty one only if the clerk agrees; its backups stay for a restore."""
    try:
        return _open(path, empty_ok=False)
    except DatabaseEmptied as emptied:
        answer = QMessageBox.question(
            None, APPLICATION, f"{emptied}\n\nZaložit místo něj novou prázdnou databázi? Data pak můžete "
            "obnovit ze zálohy v nabídce Soubor → Obnovit ze zálohy….",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
    try:
        return _open(path, empty_ok=True)
    except DatabaseEmptied:  # not raised with empty_ok=True
        return None


def _open(path: Path, *, empty_ok: bool) -> Database | None:
    try:
        return open_database(path, empty_ok=empty_ok)
    except DatabaseEmptied:
        raise
    except UserError as exc:
        message = str(exc)
    except Exception as exc:  # noqa: BLE001 - anything else is reported, with the cause if known
        message = failure_text(exc, path)
    QMessageBox.critical(None, APPLICATION, f"Databázi nelze otevřít.\n\n{message}")
    return None
