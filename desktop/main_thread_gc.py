"""Run Python's cycle collector only on the UI thread.

The collector runs in whichever thread happens to allocate when a threshold is crossed. If that is a
worker (an import, the booklet build) and the garbage holds a Qt object from a closed dialog, the object
is destroyed outside the UI thread and Qt crashes with a segmentation fault. So automatic collection is
switched off and a timer on the UI thread collects instead (the approach pyqtgraph's GarbageCollector
takes).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install(app: QObject) -> MainThreadGarbageCollector:
    existing = app.findChild(MainThreadGarbageCollector)
    return existing if existing is not None else MainThreadGarbageCollector(app)
