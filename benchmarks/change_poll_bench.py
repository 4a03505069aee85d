"""Cost of the window's refresh (desktop/widgets/change_watcher.py) on the whole national register
(2,400 providers, 6,700 services).

    python benchmarks/change_poll_bench.py [--db postgresql://…] [--repeat 50]

Prints the median milliseconds of:
  * one poll of the change counters with nothing changed: what runs on the UI thread every 5 s
    (target well under 10 ms; floor: one SELECT of five rows through a pooled connection),
  * the Poskytovatelé tab's refresh after another clerk saved one provider (list, choices and the
    open provider read again; target ≤ 300 ms, the figure the issue sets for listing 6,700 services).
A SQLite file is made in a temporary folder unless --db names a server database (filled if empty).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="postgresql://… address (default: a temporary SQLite file)")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    from benchmarks.sample_directory import fill
    from db.changes import change_stamps
    from db.database import open_database
    from db.directory.queries import list_directory, load_provider, save_provider
    from desktop.app import create_application
    from desktop.main_window import MainWindow

    app = create_application()
    folder = Path(tempfile.mkdtemp())
    db = open_database(args.db or folder / "bench.sqlite", daily_backup=False)
    if not db.read(list_directory).providers:
        fill(db, 2400, 6700)
    other = open_database(args.db or folder / "bench.sqlite", daily_backup=False)
    window = MainWindow(db, QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window.watcher.timer.stop()
    window.show()
    app.processEvents()
    tab = window.tab_list()[0]
    tab.list_pane.view().selectRow(10)
    provider_id = tab.editor.provider_id

    polls = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        db.read(change_stamps)
        polls.append(time.perf_counter() - start)
    refreshes = []
    for number in range(max(3, args.repeat // 10)):
        record = other.read(load_provider, provider_id)
        other.write(save_provider, replace(record, note=f"změna {number}"))
        start = time.perf_counter()
        window.watcher.poll()
        app.processEvents()
        refreshes.append(time.perf_counter() - start)
    print(f"poll, nothing changed:        {statistics.median(polls) * 1000:7.2f} ms  (target < 10 ms)")
    print(f"directory refresh after save: {statistics.median(refreshes) * 1000:7.1f} ms  (target ≤ 300 ms)")
    window.close()
    other.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
