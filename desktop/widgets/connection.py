"""A lost connection to the database server, in the window: one place for every editor and list.

The main window sets a ConnectionGuard as the open database's watcher (db/database.py). When a read or
a save through `Database.read` / `Database.write` fails because the connection to the server is gone,
the guard asks the clerk *Zkusit znovu* / *Zrušit* before the failure reaches the caller. *Zkusit
znovu* runs the same read or save again (the dead connection was dropped, so it connects anew); the
form that started the save stays open with her edits either way, because it only learns of the result
when the guard returns. *Zrušit* hands the caller a ConnectionCancelled: she has been told, so the
caller shows no box of its own (desktop/widgets/failures.py tell_refused) and the window only notes in
its status bar that nothing was done. Further reads and saves of the same click that find the server
still away fail the same way without asking again: one answer per action. Work on background threads
(printing, imports) is not interrupted by a dialog: there the failure goes straight to the task's own
error message.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from db.errors import ConnectionCancelled, DatabaseUnavailable

TITLE = "Spojení s databází přerušeno"
STATUS_TEXT = "Spojení se serverem přerušeno"
RETRY_TEXT = "&Zkusit znovu"
ADVICE = ("Zvolte Zkusit znovu, až bude síť nebo server opět v pořádku. Zrušit operaci neprovede; "
          "formulář zůstane otevřený s vašimi úpravami.")
CANCELLED = ("Nic nebylo uloženo ani načteno: spojení s databází na serveru je přerušené. Vaše úpravy "
             "zůstaly ve formuláři; uložte je znovu, až bude spojení obnoveno.")
# The window's status bar after *Zrušit*, instead of a second box (the red STATUS_TEXT stays beside it).
CANCELLED_NOTE = "Zrušeno: nic nebylo uloženo ani načteno. Neuložené úpravy zůstaly ve formuláři."


class ConnectionGuard(QObject):
    """The window's watcher of a server database's connection (db.database.ConnectionWatcher).
    `lost` / `restored` drive the status-bar indication, `cancelled` its note after *Zrušit*."""

    lost = Signal()
    restored = Signal()
    cancelled = Signal()

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._asking = False
        self._cancelled = False

    def connection_lost(self, failure: DatabaseUnavailable) -> bool:
        """True when the clerk chose *Zkusit znovu*; raises ConnectionCancelled (CANCELLED) when she
        chose *Zrušit*, and without asking for the rest of that turn of the event loop (the same
        click's next read must not ask again); False off the UI thread or while the question is
        already on screen (a timer's read meanwhile must not stack a second dialog)."""
        self.lost.emit()
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread() or self._asking:
            return False
        if self._cancelled:
            raise ConnectionCancelled(CANCELLED)
        self._asking = True
        try:
            retry = self._ask(failure)
        finally:
            self._asking = False
        if retry:
            return True
        self._cancelled = True
        QTimer.singleShot(0, self._forget_cancel)
        self.cancelled.emit()
        raise ConnectionCancelled(CANCELLED)

    def _forget_cancel(self) -> None:
        self._cancelled = False

    def connection_restored(self) -> None:
        self.restored.emit()

    def _ask(self, failure: DatabaseUnavailable) -> bool:
        # Over the dialog that started the save (an editor window), else over the main window.
        parent = QApplication.activeModalWidget() or QApplication.activeWindow() or self._window
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, str(failure), parent=parent)
        box.setInformativeText(ADVICE)
        retry = box.addButton(RETRY_TEXT, QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Zrušit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.setObjectName("connection_lost")
        box.exec()
        return box.clickedButton() is retry
