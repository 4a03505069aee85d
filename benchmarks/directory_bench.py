"""Speed of the Poskytovatelé tab with the whole national register (2,400 providers, 6,700 services).

    python benchmarks/directory_bench.py [--providers 2400] [--services 6700] [--repeat 5]

Prints the median milliseconds of:
  * one keystroke in the search box until the list is repainted (target ≤ 30 ms),
  * opening a provider in the editor from the list, repainted (target ≤ 50 ms),
  * start of a new process until the window shows the filled list (target ≤ 1.5 s).
Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The child process does what `main.py` does for the window, then reports when the list is on screen.
STARTUP_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings
from desktop.app import create_application
from db.database import open_database
from desktop.main_window import MainWindow
app = create_application()
db = open_database(sys.argv[2], daily_backup=False)
window = MainWindow(db, QSettings(sys.argv[3], QSettings.Format.IniFormat))
window.show()
tab = window.tab_list()[0]
while not (window.isExposed() if hasattr(window, "isExposed") else window.isVisible()) or \
        tab.list_pane.proxy().rowCount() == 0:
    app.processEvents()
window.repaint()
app.processEvents()
print("ready", flush=True)
"""


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure_startup(db_path: Path, repeat: int) -> list[float]:
    samples = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, PYTHONDONTWRITEBYTECODE="0")
        for _ in range(repeat):
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", STARTUP_CHILD, str(ROOT), str(db_path),
                                      str(Path(home) / "ui.ini")], stdout=subprocess.PIPE, text=True, env=env)
            line = child.stdout.readline()
            samples.append(time.perf_counter() - start)
            child.kill()
            child.wait()
            if line.strip() != "ready":
                raise SystemExit("the window did not start")
    return samples


def measure_in_window(db_path: Path, settings_path: Path):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from db.database import open_database
    from desktop.app import create_application
    from desktop.main_window import MainWindow

    app = create_application()
    db = open_database(db_path, daily_backup=False)
    window = MainWindow(db, QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.resize(1366, 740)
    window.show()
    app.processEvents()
    tab = window.tab_list()[0]
    search = tab.list_pane.filter_bar.search
    search.setFocus()

    keystrokes = []
    shown = []
    for text in ("pecovatelska", "charita pribram", "domov"):
        for char in text:
            start = time.perf_counter()
            QTest.keyClick(search, char)
            tab.list_pane.view().viewport().repaint()
            app.processEvents()
            keystrokes.append(time.perf_counter() - start)
            shown.append(tab.list_pane.proxy().rowCount())
        for _ in text:
            start = time.perf_counter()
            QTest.keyClick(search, Qt.Key.Key_Backspace)
            tab.list_pane.view().viewport().repaint()
            app.processEvents()
            keystrokes.append(time.perf_counter() - start)

    tab.list_pane.set_mode("providers")
    app.processEvents()
    view = tab.list_pane.view()
    opening = []
    for row in range(0, 400, 20):
        start = time.perf_counter()
        view.selectRow(row)
        tab.editor.repaint()
        app.processEvents()
        opening.append(time.perf_counter() - start)
        assert tab.editor.provider_id == tab.list_pane.current_key()
    window.close()
    db.close()
    QApplication.processEvents()
    return keystrokes, shown, opening


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=2400)
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from benchmarks.sample_directory import fill
    from db.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite"
        db = open_database(db_path, daily_backup=False)
        fill(db, args.providers, args.services)
        db.close()
        print(f"Data: {args.providers} poskytovatelů, {args.services} služeb ({os.environ['QT_QPA_PLATFORM']})")

        keystrokes, shown, opening = measure_in_window(db_path, Path(folder) / "ui.ini")
        startup = measure_startup(db_path, args.repeat)

    print(f"Úhoz do vyhledávání → překreslený seznam: medián {_median_ms(keystrokes):.1f} ms, "
          f"max {max(keystrokes) * 1000:.1f} ms ({len(keystrokes)} úhozů; cíl ≤ 30 ms)")
    print(f"  zobrazených řádků při psaní „pecovatelska“: {shown[:12]}")
    print(f"Otevření poskytovatele v editoru: medián {_median_ms(opening):.1f} ms, "
          f"max {max(opening) * 1000:.1f} ms ({len(opening)}×; cíl ≤ 50 ms)")
    print(f"Start → použitelné okno se seznamem: medián {_median_ms(startup) / 1000:.2f} s, "
          f"max {max(startup):.2f} s ({len(startup)}×; cíl ≤ 1,5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
