"""Spreadsheet exchange at the size of a whole region: prints how long import and export take.

    python benchmarks/spreadsheet_exchange.py [SERVICES]      (default 6700, the national register's size)

The sheet is the demo directory copied with new names, IČO and identifikátory until it has SERVICES rows.
"""
from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db.database import open_database  # noqa: E402
from db.directory.demo import load_demo  # noqa: E402
from db.spreadsheet import COLUMNS, apply_import, export_directory, plan_import  # noqa: E402
from db.validation import ico_check_digit  # noqa: E402


def big_sheet(folder: Path, services: int) -> Path:
    demo = open_database(folder / "demo.sqlite", daily_backup=False)
    load_demo(demo)
    export_directory(demo, folder / "demo.csv")
    demo.close()
    with (folder / "demo.csv").open(encoding="utf-8-sig", newline="") as fh:
        base = list(csv.DictReader(fh, delimiter=";"))
    rows = []
    for copy in range(services // len(base) + 1):
        for row in base:
            row = dict(row, Poskytovatel=f"{row['Poskytovatel']} {copy}")
            if row["IČO"]:
                first7 = f"{(int(row['IČO'][:7]) + copy * 7919) % 10_000_000:07d}"
                row["IČO"] = first7 + str(ico_check_digit(first7))
            if row["Identifikátor"]:
                row["Identifikátor"] = f"{(int(row['Identifikátor']) + copy * 104729) % 10_000_000:07d}"
            rows.append(row)
    path = folder / "region.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows[:services])
    return path


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label:<45} {time.perf_counter() - started:6.2f} s")
    return result


def main() -> None:
    services = int(sys.argv[1]) if len(sys.argv) > 1 else 6700
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sheet = big_sheet(folder, services)
        db = open_database(folder / "region.sqlite", daily_backup=False)
        print(f"{services} služeb")
        preview = timed("import CSV: náhled do prázdné databáze", lambda: plan_import(db, sheet))
        timed("import CSV: uložení", lambda: apply_import(db, preview))
        timed("export XLSX", lambda: export_directory(db, folder / "out.xlsx"))
        timed("export CSV", lambda: export_directory(db, folder / "out.csv"))
        preview = timed("import XLSX: náhled bez změn", lambda: plan_import(db, folder / "out.xlsx"))
        assert not preview.has_changes
        db.close()


if __name__ == "__main__":
    main()
