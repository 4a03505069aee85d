"""Starting the window: Qt application, Czech locale, opening the database, error reporting."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import Database, open_database
from db.errors import ConnectionCancelled, DatabaseEmptied, UserError
from db.logs import setup_logging
from db.paths import default_db_path, is_server_url
from desktop import main_thread_gc
from desktop.qt_czech import CzechSupplement
from desktop.widgets import tab_style, wheel_guard
from desktop.widgets.failures import failure_text

log = logging.getLogger(__name__)
ORGANIZATION = "KomunitniPlan"
APPLICATION = "Komunitní plán"


def install_excepthook(db_path: Path | None) -> None:
    """Exceptions nobody caught: a Czech message box (the cause if known), details in the log."""
    def hook(exc_type, exc, tb):
        if isinstance(exc, ConnectionCancelled):  # she chose Zrušit in the lost connection's question
            log.info("operation cancelled after a lost connection")
            return
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
    install_conventions(app)
    return app


def install_conventions(app: QApplication) -> None:
    """What every window and dialog relies on, installed once on the application (the tests' qapp
    too): Qt's own Czech texts, the mouse-wheel guard (desktop/widgets/wheel_guard.py) and room for
    accents on tab labels (desktop/widgets/tab_style.py)."""
    install_qt_translations(app)
    wheel_guard.install(app)
    tab_style.install(app)


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

    setup_logging()
    app = create_application()
    # --db wins; otherwise the database she worked in last time (Soubor → Otevřít databázi…).
    remembered = None if db_path else RecentDatabases(QSettings()).last()
    path = db_path or remembered or default_db_path()
    install_excepthook(path if isinstance(path, Path) else None)  # a server address may hold a password
    db = None
    if is_server_url(remembered):
        db = reopen_server(remembered, QSettings())
        if db is None:
            return 1
    elif remembered is not None:
        try:
            db = open_database(remembered)
        except UserError as exc:
            # The file she used last is refused now (damaged, newer version): start with the default one.
            QMessageBox.warning(None, APPLICATION, f"Naposledy otevřenou databázi nelze otevřít.\n\n{exc}\n\n"
                                                   "Otevírá se výchozí databáze.")
            path = default_db_path()
    if db is None:
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


START_RETRY = "&Zkusit znovu"
START_OTHER = "&Otevřít jinou databázi…"
START_QUIT = "&Ukončit"


def reopen_server(address: str, settings: QSettings) -> Database | None:
    """Reopen the server database she worked in last time (`address` without a password): the
    password from the credential store, else asked in the server dialog. While the server cannot be
    reached she is told why and chooses Zkusit znovu, Otevřít jinou databázi… (a file) or Ukončit
    (None); nothing else opens without her saying so."""
    from desktop.databases import ask_open_path, entry_label
    from desktop.server_dialog import connect_remembered

    while True:
        try:
            database = connect_remembered(None, settings, address)
            if database is not None:
                return database
            message = "Přihlášení k serveru bylo zrušeno."
        except UserError as exc:
            message = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported in Czech, details in the log
            message = failure_text(exc)
        choice = _ask_start_choice(entry_label(address), message)
        if choice == START_QUIT:
            return None
        if choice == START_OTHER:
            path = ask_open_path(None, settings)
            database = open_or_explain(path) if path is not None else None
            if database is not None:
                return database


def _ask_start_choice(label: str, message: str) -> str:
    box = QMessageBox(QMessageBox.Icon.Warning, APPLICATION,
                      f"Naposledy otevřenou databázi {label} se nepodařilo otevřít.\n\n{message}")
    box.setObjectName("reopen_server")
    box.setInformativeText("Až bude server dostupný, zvolte Zkusit znovu. Mezitím můžete pracovat "
                           "v jiné databázi (souboru v tomto počítači).")
    buttons = {text: box.addButton(text, role) for text, role in (
        (START_RETRY, QMessageBox.ButtonRole.AcceptRole), (START_OTHER, QMessageBox.ButtonRole.ActionRole),
        (START_QUIT, QMessageBox.ButtonRole.RejectRole))}
    box.setDefaultButton(buttons[START_RETRY])
    box.exec()
    return next((text for text, button in buttons.items() if box.clickedButton() is button), START_QUIT)


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
