"""Long work off the UI thread, with progress, a cancel flag and its outcome delivered as signals."""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

# fn(progress, cancelled) -> result; progress(done, total) may be called from the worker thread.
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class Task(QObject):
    progressed = Signal(object, object)  # (done, total): Python ints, a file may exceed a C int
    succeeded = Signal(object)
    failed = Signal(object)  # the exception, for the UI thread to report

    def __init__(self, work: Work):
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)
        self.succeeded.connect(self.thread.quit)
        self.failed.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self) -> None:
        self.thread.quit()
        self.thread.wait()

    @Slot()
    def _run(self) -> None:
        try:
            result = self._work(self._report, self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which shows or logs it
            self.failed.emit(exc)
            return
        self.succeeded.emit(result)

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)
