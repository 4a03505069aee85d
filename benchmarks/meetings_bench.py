"""Speed of the working-groups core with years of history: what the tab and the editor ask for.

    python benchmarks/meetings_bench.py [--years 10] [--repeat 5]

Builds the demo groups, then adds `--years` more years of six meetings per group (attendance, two
resolutions, two tasks each, reviews closing most tasks at the next meeting), all through
new_meeting → save_meeting. Prints the median milliseconds of each query next to its target; the
tab runs them on the UI thread, so each should stay well under a tenth of a second.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.database import open_database  # noqa: E402
from db.meetings import queries as q  # noqa: E402
from db.meetings.demo import load_meetings_demo  # noqa: E402
from db.meetings.models import AttendanceState, TaskState  # noqa: E402
from db.meetings.records import AgendaItemRecord, ResolutionRecord, TaskRecord  # noqa: E402

TARGETS_MS = {
    "list_groups": 50, "list_people": 50, "list_meetings (skupina)": 50, "list_tasks (vše)": 100,
    "list_tasks (otevřené)": 50, "search": 150, "new_meeting": 50, "load_meeting": 50, "save_meeting": 150,
}


def add_history(db, years: int, today: dt.date) -> int:
    """Six meetings a year per group for `years` years before the demo's year; returns meetings added."""
    rng = random.Random(13)
    added = 0
    groups = [g.id for g in db.read(q.list_groups, today)]
    with db.session() as session, session.begin():
        for group_id in groups:
            for year_back in range(years, 0, -1):
                for month in (1, 3, 5, 7, 9, 11):
                    day = dt.date(today.year - 1 - year_back, month, 12)
                    record = q.new_meeting(session, group_id, day)
                    for line in record.attendance:
                        line.state = AttendanceState.PRESENT if rng.random() < 0.85 else AttendanceState.EXCUSED
                    for review in record.task_reviews:
                        review.state = TaskState.DONE if rng.random() < 0.8 else TaskState.OPEN
                    present = sum(1 for a in record.attendance if a.voting and a.state is AttendanceState.PRESENT)
                    record.agenda.append(AgendaItemRecord(
                        title=f"Téma {month}/{day.year}", notes="Diskuse o potřebách a kapacitách služeb.",
                        resolutions=[ResolutionRecord(text=f"Skupina doporučuje opatření {n}.", votes_for=present,
                                                      votes_against=0, votes_abstained=0) for n in (1, 2)],
                        tasks=[TaskRecord(description=f"Připravit podklady {n} k tématu {month}/{day.year}",
                                          responsible_text="Město", due_on=day + dt.timedelta(days=45))
                               for n in (1, 2)]))
                    q.save_meeting(session, record, "benchmark")
                    added += 1
    return added


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite", daily_backup=False)
        load_meetings_demo(db, today=today)
        start = time.perf_counter()
        added = add_history(db, args.years, today)
        print(f"Historie: {added} jednání přidáno za {time.perf_counter() - start:.1f} s")
        seniors = next(g.id for g in db.read(q.list_groups) if g.short_name == "PS Senioři")
        newest = db.read(q.list_meetings, seniors)[1].id  # the last one held
        tasks = len(db.read(q.list_tasks))
        print(f"Úkolů celkem: {tasks}, usnesení: {len(db.read(q.list_resolutions))}")
        cases = {
            "list_groups": lambda: db.read(q.list_groups),
            "list_people": lambda: db.read(q.list_people),
            "list_meetings (skupina)": lambda: db.read(q.list_meetings, seniors),
            "list_tasks (vše)": lambda: db.read(q.list_tasks),
            "list_tasks (otevřené)": lambda: db.read(q.list_tasks, None, (TaskState.OPEN, TaskState.ONGOING)),
            "search": lambda: db.read(q.search, "senior"),
            "new_meeting": lambda: db.read(q.new_meeting, seniors, today + dt.timedelta(days=60)),
            "load_meeting": lambda: db.read(q.load_meeting, newest),
            "save_meeting": lambda: db.write(q.save_meeting, db.read(q.load_meeting, newest)),
        }
        for name, fn in cases.items():
            value = median_ms(fn, args.repeat)
            verdict = "OK" if value <= TARGETS_MS[name] else "POMALÉ"
            print(f"{name:26} {value:8.1f} ms   (cíl ≤ {TARGETS_MS[name]} ms)  {verdict}")
        db.close()


if __name__ == "__main__":
    main()
