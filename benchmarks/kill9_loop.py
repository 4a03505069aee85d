"""The kill -9 guarantee: an import killed at any moment leaves the database intact and either as it
was before or as it is after a complete import, never in between.

    python benchmarks/kill9_loop.py [--trials 20] [--services 1500] [--seed 1]

For each of `import-xlsx --skip-invalid` (a sheet of --services services from sample_directory.py) and
`import-registry` (tests/data/rpss, the whole file), one uninterrupted run gives the "complete" state
and its duration T; then each trial copies the starting database, starts the command as a subprocess
(`main.py --db … IMPORT`), kills it with SIGKILL at a random moment in 0…1.1 T, lets SQLite recover
the file (opening it replays or discards the journal) and compares its data with both states.
Timestamps (`*_at`) are left out of the comparison; the automatic backup folder is not compared.

Prints per command: before / complete / in-between / damaged counts. The floor: in-between = 0 and
damaged = 0 (anything else is a defect); before + complete = trials.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RPSS = ROOT / "tests" / "data" / "rpss"


def fingerprint(db: Path) -> str:
    """Hash of every row of every table, without columns that record when a row was written."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if not r[1].endswith("_at")]
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = sorted(repr(row) for row in conn.execute(f'SELECT {quoted} FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}\n".encode())
            for row in rows:
                digest.update(row.encode())
    return digest.hexdigest()


def intact(db: Path) -> bool:
    with closing(sqlite3.connect(db)) as conn:  # read-write: recovers a hot journal / WAL first
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def run(db: Path, command: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), *command], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def fresh_copy(start: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    target = folder / "kp.sqlite"
    shutil.copy(start, target)
    return target


def measure(name: str, start: Path, command: list[str], trials: int, rnd: random.Random, work: Path,
            env: dict) -> dict[str, int]:
    before = fingerprint(start)
    reference = fresh_copy(start, work / f"{name}-reference")
    started = time.monotonic()
    if run(reference, command, env).wait() != 0:
        raise SystemExit(f"{name}: the uninterrupted run failed")
    duration = time.monotonic() - started
    complete = fingerprint(reference)
    if complete == before:
        raise SystemExit(f"{name}: the import changes nothing; the trials would prove nothing")
    counts = {"before": 0, "complete": 0, "in-between": 0, "damaged": 0}
    for trial in range(trials):
        db = fresh_copy(start, work / f"{name}-{trial}")
        process = run(db, command, env)
        time.sleep(rnd.uniform(0, duration * 1.1))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if not intact(db):
            counts["damaged"] += 1
            continue
        state = fingerprint(db)
        counts["before" if state == before else "complete" if state == complete else "in-between"] += 1
    print(f"{name:16} T = {duration:5.1f} s   " + "   ".join(f"{k}: {v}" for k, v in counts.items()))
    return counts


def prepare(work: Path, services: int, env: dict) -> tuple[Path, Path, Path]:
    """(empty database, sheet to import, database to import the register into)."""
    source = work / "source" / "kp.sqlite"
    source.parent.mkdir()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "sample_directory.py"), str(source),
                    "--providers", str(max(1, services // 3)), "--services", str(services)],
                   check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    sheet = work / "adresar.xlsx"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(source), "export-xlsx", str(sheet)],
                   check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    empty = work / "empty" / "kp.sqlite"
    empty.parent.mkdir()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(empty), "info"], check=True, cwd=ROOT,
                   env=env, stdout=subprocess.DEVNULL)
    with_demo = work / "demo" / "kp.sqlite"
    with_demo.parent.mkdir()
    shutil.copy(empty, with_demo)
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(with_demo), "demo"], check=True,
                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return empty, sheet, with_demo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--services", type=int, default=1500, help="size of the imported sheet")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kill9-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, XDG_DATA_HOME=str(work / "home"), PYTHONIOENCODING="utf-8")
        empty, sheet, with_demo = prepare(work, args.services, env)
        registry = ["import-registry", str(RPSS / "rpss.json"), "--codelists", str(RPSS / "ciselniky"),
                    "--kraj", "51", "--kraj", "42", "--kraj", "19"]
        results = [measure("import-xlsx", empty, ["import-xlsx", str(sheet), "--skip-invalid"], args.trials, rnd,
                           work, env),
                   measure("import-registry", with_demo, registry, args.trials, rnd, work, env)]
    bad = sum(r["in-between"] + r["damaged"] for r in results)
    print("floor: in-between 0, damaged 0 —", "kept" if bad == 0 else f"BROKEN ({bad} trials)")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
