"""Starting the window: Qt application, Czech locale, opening the database, error reporting."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import Database, open_database
from db.errors import DatabaseEmptied, UserError, describe_failure
from db.logs import log_path, setup_logging
from db.paths import default_db_path
from desktop import main_thread_gc

log = logging.getLogger(__name__)
ORGANIZATION = "KomunitniPlan"
APPLICATION = "Komunitní plán"


def failure_text(exc: BaseException, db_path: Path | None) -> str:
    """What the clerk reads about an exception nobody handled: the cause (database busy, read-only,
    disk full) when known, else that it is a defect. Never SQL, a traceback or record values."""
    failure = describe_failure(exc, db_path)
    if failure is not None:
        return str(failure)
    return ("Došlo k neočekávané chybě. Rozpracovaná operace nebyla uložena.\n"
            f"Podrobnosti jsou zapsány v protokolu aplikace ({log_path()}).")


def _install_excepthook(db_path: Path | None) -> None:
    def hook(exc_type, exc, tb):
        failure = describe_failure(exc, db_path)
        log.error("unhandled exception (%s)", failure.kind if failure else "defect", exc_info=(exc_type, exc, tb))
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
    _install_excepthook(path)
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
        log.error("opening the database failed", exc_info=exc)
        message = failure_text(exc, path)
    QMessageBox.critical(None, APPLICATION, f"Databázi nelze otevřít.\n\n{message}")
    return None
