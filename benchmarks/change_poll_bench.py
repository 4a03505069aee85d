"""Cost of the window's refresh (desktop/widgets/change_watcher.py) on the whole national register
(2,400 providers, 6,700 services).

    python benchmarks/change_poll_bench.py [--db postgresql://…] [--repeat 50]

Prints the median milliseconds of:
  * one poll of the change counters with nothing changed: what runs on the UI thread every 5 s
    (target well under 10 ms; floor: one SELECT of five rows through a pooled connection),
  * the Poskytovatelé tab's own refresh after another clerk saved one provider, with the lists' rows
    replaced in place, beside the same refresh resetting the table models (how it was before) and the
    floor: the reads it cannot skip (the providers' versions, the changed provider's rows, the open
    provider),
  * the whole window's refresh after that save (every tab; target ≤ 300 ms, the figure the issue sets
    for listing 6,700 services).
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
    from db.directory.queries import list_directory, load_provider, provider_versions, save_provider
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
    def other_saves(number: int) -> None:
        record = other.read(load_provider, provider_id)
        other.write(save_provider, replace(record, note=f"změna {number}"))

    def timed(refresh) -> float:
        start = time.perf_counter()
        refresh()
        app.processEvents()
        return time.perf_counter() - start

    rounds = range(max(5, args.repeat // 5))
    directory = frozenset({"directory"})
    in_place, resets, floors, windows = [], [], [], []
    for number in rounds:
        other_saves(number)
        in_place.append(timed(lambda: tab.refresh_changed(directory)))
        window.watcher.poll()  # the other tabs catch up, so the next window figure is one save's
        floors.append(timed(lambda: (db.read(provider_versions), db.read(list_directory, [provider_id]),
                                     db.read(load_provider, provider_id))))
    in_place_pane = tab.list_pane.replace_providers
    tab.list_pane.replace_providers = lambda _ids, _part, listing: tab.list_pane.set_listing(listing)
    for number in rounds:
        other_saves(number)
        resets.append(timed(lambda: tab.refresh_changed(directory)))
        window.watcher.poll()
    tab.list_pane.replace_providers = in_place_pane
    for number in rounds:
        other_saves(number)
        windows.append(timed(window.watcher.poll))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.1f} ms"

    print(f"poll, nothing changed:              {statistics.median(polls) * 1000:7.2f} ms  (target < 10 ms)")
    print(f"directory tab's refresh after save: {ms(in_place)}  (model reset as before: {ms(resets).strip()}; "
          f"floor, its reads alone: {ms(floors).strip()})")
    print(f"whole window's refresh after save:  {ms(windows)}  (target ≤ 300 ms)")
    window.close()
    other.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
