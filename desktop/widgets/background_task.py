"""Run long core work (imports, exports) in a worker thread behind a progress dialog with Cancel.

The work is a plain function taking a `progress(done, total) -> bool` callback; it returns False once
the clerk pressed Cancel, and the core then raises and rolls its transaction back. The caller gets the
function's result, or its exception re-raised on the UI thread.

The worker emits no Python signals: PySide6 6.12's `Signal.emit()` drops a reference to `True` on every
call, and the thousands of progress reports of a large import would crash the interpreter. The dialog
instead polls the worker's counters with a timer; `QThread.finished` is emitted by Qt itself.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], bool]
POLL_MS = 100
_running = 0  # background tasks under way (nested ones count each)


def is_running() -> bool:
    """A background task is under way: its nested event loop keeps timers firing, and the window's
    refresh (desktop/widgets/change_watcher.py) must not reload what the task is working with."""
    return _running > 0


class _WorkThread(QThread):
    def __init__(self, work: Callable[[Progress], T]):
        super().__init__()
        self._work = work
        self.cancelled = threading.Event()
        self.done = 0
        self.total = 0
        self.result: object = None
        self.error: BaseException | None = None

    def _report(self, done: int, total: int) -> bool:
        self.done, self.total = done, total
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            self.result = self._work(self._report)
        except BaseException as exc:  # handed over to the UI thread, which re-raises it
            self.error = exc


def run_in_background(parent: QWidget | None, title: str, text: str, work: Callable[[Progress], T]) -> T:
    global _running
    _running += 1
    try:
        return _run(parent, title, text, work)
    finally:
        _running -= 1


def _run(parent: QWidget | None, title: str, text: str, work: Callable[[Progress], T]) -> T:
    thread = _WorkThread(work)
    dialog = QProgressDialog(text, "Zrušit", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(thread.cancelled.set)

    def show_progress() -> None:
        if thread.total and not dialog.wasCanceled():
            dialog.setMaximum(thread.total)
            dialog.setValue(min(thread.done, thread.total))

    timer = QTimer(dialog)
    timer.setInterval(POLL_MS)
    timer.timeout.connect(show_progress)
    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    timer.start()
    thread.start()
    loop.exec()
    thread.wait()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    if thread.error is not None:
        raise thread.error
    return thread.result
