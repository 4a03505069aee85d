"""Noticing what other clerks saved: the window polls the change counters of db/changes.py every few
seconds and tells its tabs which areas moved, so their lists refresh while the clerk works.

Polling, not PostgreSQL's LISTEN/NOTIFY: it works the same for a SQLite file shared by two windows, it
needs no connection held open by a listener thread, and one tiny query every few seconds costs nothing
measurable (benchmarks/change_poll_bench.py). A change this window saved itself is seen too and reloads
the lists once more: the tabs keep the selection, the scroll position and the editor (whose record is
compared by version, so its own save never shows a notice), so that reload is invisible, and it never
hides another clerk's save committed in the same few seconds (telling the two apart would need the
counters of each own commit, which a read after the save cannot give without a race).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from db.changes import change_stamps
from db.database import Database
from db.errors import DatabaseUnavailable
from desktop.widgets import background_task

log = logging.getLogger(__name__)
POLL_INTERVAL_MS = 5000


class ChangeWatcher(QObject):
    """Polls `change_stamps` of one database and calls `on_changed` with the set of areas
    ("directory", "meetings", "plan", "codelists", "settings") whose counters moved since the
    previous poll. A callback, not a signal: when reloading fails (the server went away between the
    two reads) the areas stay unseen and the next poll reports them again."""

    polled = Signal(object)  # dt.datetime of the successful poll (local time)
    failed = Signal(str)  # Czech reason; the next poll tries again

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self._seen: dict[str, int] | None = None
        self.on_changed: Callable[[frozenset[str]], None] = lambda _areas: None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def set_database(self, db: Database) -> None:
        """Another database is open: what was seen of the previous one means nothing there."""
        self.db = db
        self._seen = None
        self.poll()

    @staticmethod
    def busy() -> bool:
        """A dialog, a menu or a background task is open: a reload under it could change what the
        dialog works with; the poll after it closes catches up."""
        return (QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None
                or background_task.is_running())

    def poll(self) -> frozenset[str] | None:
        """Read the counters once; returns the areas that moved (empty on the first poll), or None
        when the poll was skipped (busy) or failed (`failed` emitted)."""
        if self.busy():
            return None
        try:
            stamps = self.db.read_quietly(change_stamps)
            moved = frozenset() if self._seen is None else frozenset(
                area for area, counter in stamps.items() if self._seen.get(area) != counter)
            if moved:
                log.debug("areas changed: %s", ", ".join(sorted(moved)))
                self.on_changed(moved)
        except DatabaseUnavailable as exc:
            self.failed.emit(str(exc))
            return None
        self._seen = stamps
        self.polled.emit(dt.datetime.now())
        return moved
