"""Several clerks on one PostgreSQL database: N processes for S seconds against one server.

    python benchmarks/pg_load.py [--url postgresql://…] [--clerks 10] [--seconds 60] [--services 6700]

Without --url a throwaway local cluster is started (tests/pg_cluster.py, Debian's postgresql binaries).
The database is filled with a register-sized directory (benchmarks/sample_directory.py). Each clerk
process loops: list the whole directory (as the Poskytovatelé tab loads it) and search it, open a
provider and save it (open and save in separate transactions, as the editor does). Every save appends
a token unique to that save to the provider's note; saves go to a small shared set of providers so that
clerks do meet. Clerk 0 also runs one register import (tests/data/rpss-small) at the start.

Prints saves/s, p50/p95 save latency, p50 list latency, conflicts detected and lost updates: tokens
written but missing at the end. A save that meets another clerk's save gets RecordConflict
(db/versioning.py); the clerk process then does what the dialog lets a clerk do: take the stored record
and add its line again, and save (the save latency includes that). Goal (issue 15): p95 save ≤ 100 ms,
list of 6,700 services ≤ 300 ms, lost updates 0. Floor: the same save as one UPDATE statement, printed
beside it.
"""
from __future__ import annotations

import argparse
import multiprocessing
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOT_PROVIDERS = 20


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def clerk(url: str, number: int, seconds: float, hot: list[int], results) -> None:
    try:
        results.put(_work(url, number, seconds, hot))
    except Exception:  # noqa: BLE001 - reported by the parent instead of leaving it waiting
        import traceback

        results.put(traceback.format_exc())


def _work(url: str, number: int, seconds: float, hot: list[int]) -> tuple:
    import random

    from sqlalchemy import update

    from db.collation import fold
    from db.database import open_database
    from db.directory.models import Provider
    from db.directory.queries import list_directory, load_provider, save_provider
    from db.versioning import RecordConflict

    rnd = random.Random(number)
    db = open_database(url, daily_backup=False)
    saves, lists, floor, tokens, imported, conflicts = [], [], [], [], None, 0
    if number == 0:
        from db.registry import apply_import, plan_import
        from tests.db.registry.registry_helpers import CHOMUTOV, SMALL, territory

        start = time.perf_counter()
        preview = plan_import(SMALL / "rpss.json", SMALL / "ciselniky", territory(CHOMUTOV), db)
        apply_import(preview, db)
        imported = time.perf_counter() - start
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        listing = db.read(list_directory)
        needle = fold(rnd.choice(["domov", "pečovatelská", "Příbram", "asistence"]))
        [row for row in listing.services if needle in fold(row.name)]
        lists.append(time.perf_counter() - start)
        provider_id = rnd.choice(hot)
        record = db.read(load_provider, provider_id)
        token = f"[{number}-{len(tokens)}]"
        record.note = (record.note or "") + token
        start = time.perf_counter()
        while True:
            try:
                db.write(save_provider, record)
                break
            except RecordConflict as conflict:
                # What a clerk does when both changed the note: take the stored record and add her
                # line to it (the dialog's "Převzít vše uložené", then her edit again).
                conflicts += 1
                record = conflict.theirs
                record.note = (record.note or "") + token
        saves.append(time.perf_counter() - start)
        tokens.append((provider_id, token))
        start = time.perf_counter()
        db.write(lambda s: s.execute(update(Provider).where(Provider.id == provider_id)
                                     .values(changed_by=f"clerk {number}")))
        floor.append(time.perf_counter() - start)
    db.close()
    return saves, lists, floor, tokens, imported, conflicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url")
    parser.add_argument("--clerks", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--providers", type=int, default=2400)
    parser.add_argument("--services", type=int, default=6700)
    args = parser.parse_args()

    from sqlalchemy import select

    from benchmarks.sample_directory import fill
    from db.database import open_database
    from db.directory.models import Provider
    from db.server import reset_sequences

    # Ctrl+C or a timeout's SIGTERM still stops the throwaway cluster (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster = None
    if args.url is None:
        from tests.pg_cluster import Cluster

        cluster = Cluster()
        args.url = cluster.create_database()
    try:
        db = open_database(args.url, daily_backup=False)
        fill(db, args.providers, args.services)
        with db.writing() as session:  # fill() writes explicit ids, which the sequences do not see
            reset_sequences(session.connection())
        hot = db.read(lambda s: list(s.scalars(select(Provider.id).order_by(Provider.id).limit(HOT_PROVIDERS))))
        db.close()
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        workers = [context.Process(target=clerk, args=(args.url, n, args.seconds, hot, results))
                   for n in range(args.clerks)]
        for w in workers:
            w.start()
        collected = [results.get() for _ in workers]
        for w in workers:
            w.join()
        failed = [c for c in collected if isinstance(c, str)]
        if failed:
            print("a clerk process failed:\n" + failed[0], file=sys.stderr)
            return 1
        saves = [x for c in collected for x in c[0]]
        lists = [x for c in collected for x in c[1]]
        floor = [x for c in collected for x in c[2]]
        tokens = [t for c in collected for t in c[3]]
        imported = next(c[4] for c in collected if c[4] is not None)
        conflicts = sum(c[5] for c in collected)
        db = open_database(args.url, daily_backup=False)
        notes = db.read(lambda s: {row.id: row.note for row in
                                   s.execute(select(Provider.id, Provider.note).where(Provider.id.in_(hot)))})
        db.close()
        lost = sum(1 for provider_id, token in tokens if token not in (notes.get(provider_id) or ""))
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"{args.clerks} clerks, {args.seconds:.0f} s, {args.services} services, saves to {HOT_PROVIDERS} shared providers")
    print(f"register import (clerk 0, during the load): {imported:.1f} s")
    print(f"saves: {len(saves)} ({len(saves) / args.seconds:.1f}/s); p50 {_percentile(saves, 0.5):.0f} ms, "
          f"p95 {_percentile(saves, 0.95):.0f} ms (goal ≤ 100 ms); floor, one UPDATE: p50 "
          f"{_percentile(floor, 0.5):.0f} ms, p95 {_percentile(floor, 0.95):.0f} ms")
    print(f"list + search of {args.services} services: p50 {statistics.median(lists) * 1000:.0f} ms, "
          f"p95 {_percentile(lists, 0.95):.0f} ms (goal ≤ 300 ms)")
    print(f"conflicts detected (a save of a record saved meanwhile, settled and saved again): {conflicts}")
    print(f"lost updates: {lost} of {len(tokens)} saves (must be 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
