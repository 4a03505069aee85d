"""Builds the booklet off the UI thread: reads the database, lays out the PDF, reports progress."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from db.database import Database
from db.errors import UserError
from desktop.widgets.failures import failure_text
from printing.booklet import BuildCancelled, BuildResult, build_booklet
from printing.booklet.data import collect_booklet_data
from printing.booklet.options import BookletOptions

log = logging.getLogger(__name__)


class BuildSignals(QObject):
    progress = Signal(int, str)  # percent, Czech message
    finished = Signal(object)  # BuildResult
    failed = Signal(str)  # Czech message
    cancelled = Signal()


class BookletBuild(QRunnable):
    """One build. `cancel()` may be called from the UI thread; the build stops at the next entry."""

    def __init__(self, db: Database, options: BookletOptions, out_path: Path):
        super().__init__()
        self.setAutoDelete(False)  # the dialog keeps it until its signals are handled
        self.db, self.options, self.out_path = db, options, out_path
        self.signals = BuildSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            raise BuildCancelled()
        self.signals.progress.emit(int(fraction * 100), message)

    def run(self) -> None:
        try:
            self.signals.progress.emit(0, "Načítám služby…")
            data = self.db.read(collect_booklet_data)
            result: BuildResult = build_booklet(data, self.options, self.out_path, self._progress)
        except BuildCancelled:
            self.signals.cancelled.emit()
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            log.exception("booklet: cannot write %s", self.out_path)
            self.signals.failed.emit(f"PDF se nepodařilo uložit do „{self.out_path}“: {exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - a worker must report, not die silently
            self.signals.failed.emit(failure_text(exc, self.db.path, "Přehled se nepodařilo vytvořit."))
        else:
            self.signals.finished.emit(result)
