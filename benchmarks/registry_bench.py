"""Register import against a bare json.load of the same file: time and peak memory, side by side.

    gen-rpss /tmp/rpss-big --services 6733 --providers 2400 --pad-kb 11    # ~100 MB, national size
    python benchmarks/registry_bench.py /tmp/rpss-big [--okres 3402]

Each figure comes from its own subprocess, so one measurement's memory cannot inflate another's peak
(ru_maxrss is the process's high-water mark); each is repeated (--repeat, default 3) and the fastest
time is shown, with the CPU time of that run (less disturbed by other work on the machine). Times cover the work itself, not the interpreter's start:
json.load of the file; plan_import + apply_import into a fresh database; the same again as a
re-import into the now filled database. Targets (issue 4): import ≤ 2× json.load, peak < 300 MB.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_RATIO = 2.0
MAX_PEAK_MB = 300


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child_json_load(rpss: Path) -> dict:
    start, cpu = time.perf_counter(), _cpu()
    with rpss.open("rb") as fh:
        data = json.load(fh)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu": _cpu() - cpu, "peak_mb": _peak_mb(), "items": len(data["polozky"])}


def _child_import(rpss: Path, codelists: Path, okres: str, db_path: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    import ijson

    from db.database import open_database
    from db.registry import Territory, apply_import, load_codelists, plan_import

    db = open_database(db_path, daily_backup=False)
    territory = Territory.from_ids([load_codelists(codelists).resolve("okres", okres)])
    start, cpu = time.perf_counter(), _cpu()
    preview = plan_import(rpss, codelists, territory, db)
    apply_import(preview, db)
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu
    db.close()
    return {"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(), "backend": ijson.backend,
            "territory": preview.territory_label, "in_territory": preview.scan.items_in_territory,
            "new": len(preview.new_services), "unchanged": preview.changes.unchanged}


def _run_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.exit(f"measurement failed:\n{result.stderr}")
    return json.loads(result.stdout)


def _best(runs: list[dict]) -> dict:
    """Fastest run (others on the machine only ever slow a run down), with the highest peak of all runs."""
    best = dict(min(runs, key=lambda m: m["seconds"]))
    best["peak_mb"] = max(m["peak_mb"] for m in runs)
    return best


def _locate(path: Path) -> tuple[Path, Path]:
    """rpss.json and its codelist folder, from either the folder gen-rpss wrote or the file."""
    rpss = path / "rpss.json" if path.is_dir() else path
    codelists = rpss.parent / "ciselniky"
    if not rpss.is_file() or not codelists.is_dir():
        sys.exit(f"{path}: expected rpss.json with a ciselniky/ folder beside it (see gen-rpss)")
    return rpss, codelists


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, *rest = sys.argv[2:]
        if mode == "json":
            print(json.dumps(_child_json_load(Path(rest[0]))))
        else:
            print(json.dumps(_child_import(Path(rest[0]), Path(rest[1]), rest[2], Path(rest[3]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("register", type=Path, help="folder written by gen-rpss, or its rpss.json")
    parser.add_argument("--okres", default="3402",
                        help="okres code or name (default 3402: the largest in gen-rpss data)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each measurement; the fastest time and the highest peak are shown")
    args = parser.parse_args()
    rpss, codelists = _locate(args.register)

    runs: dict[str, list[dict]] = {"json": [], "first": [], "again": []}
    for _ in range(args.repeat):
        runs["json"].append(_run_child("json", str(rpss)))
        with tempfile.TemporaryDirectory() as tmp:
            db_path = str(Path(tmp) / "bench.sqlite")
            runs["first"].append(_run_child("import", str(rpss), str(codelists), args.okres, db_path))
            runs["again"].append(_run_child("import", str(rpss), str(codelists), args.okres, db_path))
    baseline, first, again = (_best(runs[key]) for key in ("json", "first", "again"))

    size_mb = rpss.stat().st_size / 1_000_000
    print(f"{rpss}: {size_mb:.1f} MB, {baseline['items']} services; ijson backend {first['backend']}")
    print(f"territory: {first['territory']} ({first['in_territory']} services)\n")
    print(f"{'':38}{'time':>9}{'ratio':>9}{'CPU':>9}{'peak RSS':>12}")
    rows = [("json.load of the whole file", baseline),
            (f"import into empty db ({first['new']} new)", first),
            (f"re-import ({again['unchanged']} unchanged)", again)]
    ok = True
    for label, m in rows:
        ratio = m["seconds"] / baseline["seconds"]
        print(f"{label:38}{m['seconds']:8.2f}s{ratio:8.2f}×{m['cpu']:8.2f}s{m['peak_mb']:9.0f} MB")
        if m is not baseline:
            ok &= ratio <= MAX_RATIO and m["peak_mb"] < MAX_PEAK_MB
    print(f"\ntarget: import ≤ {MAX_RATIO:g}× json.load and peak < {MAX_PEAK_MB} MB: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
