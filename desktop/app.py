"""Starting the window: Qt application, Czech locale, opening the database, error reporting."""
from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import open_database
from db.errors import UserError
from db.paths import default_db_path, user_data_dir
from desktop import main_thread_gc
from desktop.qt_czech import CzechSupplement
from desktop.widgets import wheel_guard

log = logging.getLogger(__name__)
ORGANIZATION = "KomunitniPlan"
APPLICATION = "Komunitní plán"


def _setup_logging() -> None:
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "komunitni-plan.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _install_excepthook() -> None:
    def hook(exc_type, exc, tb):
        log.error("Neošetřená chyba", exc_info=(exc_type, exc, tb))
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        box = QMessageBox(QMessageBox.Icon.Critical, APPLICATION,
                          "Došlo k neočekávané chybě. Rozpracovaná operace nebyla uložena.\n"
                          "Podrobnosti jsou zapsány v protokolu aplikace.")
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    main_thread_gc.install(app)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    QLocale.setDefault(QLocale(QLocale.Language.Czech, QLocale.Country.CzechRepublic))
    install_conventions(app)
    return app


def install_conventions(app: QApplication) -> None:
    """What every window and dialog relies on, installed once on the application (the tests' qapp
    too): Qt's own Czech texts and the mouse-wheel guard (desktop/widgets/wheel_guard.py)."""
    install_qt_translations(app)
    wheel_guard.install(app)


def install_qt_translations(app: QApplication) -> bool:
    """Czech for Qt's own dialogs (file dialog: „Oblast hledání:“, „Soubory typu:“; standard buttons),
    from qtbase_cs.qm shipped in PySide6's translations folder. False when it is missing."""
    if app.findChild(QTranslator, "qtbase_cs") is not None:
        return True
    translator = QTranslator(app)
    translator.setObjectName("qtbase_cs")
    if not translator.load(QLocale(QLocale.Language.Czech), "qtbase", "_",
                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        log.warning("Qt translations qtbase_cs not found; Qt dialogs stay in English")
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    # Installed after qtbase_cs, so asked first; it knows only the texts qtbase_cs lacks.
    app.installTranslator(CzechSupplement(app))
    return True


def run_gui(db_path: Path | None) -> int:
    from desktop.databases import RecentDatabases
    from desktop.main_window import MainWindow

    _setup_logging()
    app = create_application()
    _install_excepthook()
    # --db wins; otherwise the database she worked in last time (Soubor → Otevřít databázi…).
    remembered = None if db_path else RecentDatabases(QSettings()).last()
    path = db_path or remembered or default_db_path()
    try:
        db = open_database(path)
    except UserError as exc:
        if remembered is None:
            QMessageBox.critical(None, APPLICATION, f"Databázi nelze otevřít.\n\n{exc}")
            return 1
        # The file she used last is refused now (damaged, newer version): start with the default one.
        QMessageBox.warning(None, APPLICATION, f"Naposledy otevřenou databázi nelze otevřít.\n\n{exc}\n\n"
                                               "Otevírá se výchozí databáze.")
        try:
            db = open_database(default_db_path())
        except UserError as default_exc:
            QMessageBox.critical(None, APPLICATION, f"Databázi nelze otevřít.\n\n{default_exc}")
            return 1
    window = MainWindow(db, QSettings())
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
