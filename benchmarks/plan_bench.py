"""How fast the plan tab's work is for a big plan, next to an honest floor.

    /work/main/.venv/bin/python benchmarks/plan_bench.py [ACTIVITIES]     (default: 500)

A plan 2022–2026 with ACTIVITIES activities (5 priorities × 10 measures), two funding sources and one
indicator each, monitored in all five years (2022–2025 closed, 2026 open). Measured:

- tab data ready: everything the tab asks when a plan opens (plan list, tree with roll-ups for the year,
  funding summary, the year's monitoring grid). Goal ≤ 1 s. Floor: the same rows fetched with plain
  SQL (nodes, costs, evaluations with spending and actuals), no codes, roll-ups or objects. Then the
  real tab (desktop/plan, offscreen Qt) from construction to the tree shown.
- grid cell save: one `save_grid_cell` in its own transaction (Database.write), median of 50. Goal ≤ 50 ms.
  Floor: one UPDATE of the evaluation row in its own transaction through sqlite3.
- report: the monitoring report of a closed year (data collection + PDF). Goal ≤ 3 s. Floor: ReportLab
  setting one plain paragraph per activity in one pass.
"""
from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from db.database import Database, open_database  # noqa: E402
from db.plan.models import (  # noqa: E402
    Evaluation, Indicator, IndicatorActual, IndicatorTarget, MonitoringRound, Plan, PlannedCost, PlanNode, Spending,
)
from db.plan.monitoring import close_round, monitoring_grid, save_grid_cell  # noqa: E402
from db.plan.queries import funding_summary, list_plans, plan_tree  # noqa: E402

YEARS = list(range(2022, 2027))


def build_plan(db: Database, activities: int, seed: int = 3) -> int:
    rnd = random.Random(seed)
    per_measure = max(1, activities // 50)
    with db.session() as s, s.begin():
        plan = Plan(name="Zátěžový plán", year_from=YEARS[0], year_to=YEARS[-1])
        s.add(plan)
        s.flush()
        leaves = []
        for p in range(5):
            priority = PlanNode(plan_id=plan.id, position=p, title=f"Priorita {p + 1}")
            s.add(priority)
            s.flush()
            for m in range(10):
                measure = PlanNode(plan_id=plan.id, parent_id=priority.id, position=m, title=f"Opatření {p + 1}.{m + 1}")
                s.add(measure)
                s.flush()
                for a in range(per_measure):
                    node = PlanNode(plan_id=plan.id, parent_id=measure.id, position=a,
                                    title=f"Aktivita {p + 1}.{m + 1}.{a + 1} – rozvoj služby v regionu",
                                    description="Popis aktivity. " * 20)
                    node.costs = [PlannedCost(year=y, source_id=src, amount=rnd.randrange(10, 500) * 1000)
                                  for y in YEARS for src in (1, 2)]
                    node.indicators = [Indicator(name="Počet klientů", unit="klienti", baseline_value=10,
                                                 targets=[IndicatorTarget(year=y, value=10 + i * 2)
                                                          for i, y in enumerate(YEARS)])]
                    s.add(node)
                    leaves.append(node)
        s.flush()
        for year in YEARS:
            monitoring_round = MonitoringRound(plan_id=plan.id, year=year)
            s.add(monitoring_round)
            s.flush()
            for node in leaves:
                state = rnd.choice([1, 2, 2, 3, 3, 3, 4, 5, 6, 7])
                s.add(Evaluation(round_id=monitoring_round.id, node_id=node.id, state_id=state,
                                 evaluation="Aktivita pokračuje podle plánu, bez zásadních potíží.",
                                 spending=[Spending(source_id=1, amount=rnd.randrange(0, 400) * 1000)],
                                 actuals=[IndicatorActual(indicator_id=node.indicators[0].id,
                                                          value=rnd.randrange(5, 25))]))
        plan_id = plan.id
    for monitoring_round in db.read(lambda s: list(s.query(MonitoringRound).filter_by(plan_id=plan_id))):
        if monitoring_round.year != YEARS[-1]:
            db.write(close_round, monitoring_round.id, "benchmark")
    return plan_id


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def tab_data(db: Database, plan_id: int) -> None:
    db.read(list_plans)
    db.read(plan_tree, plan_id, YEARS[-1])
    db.read(funding_summary, plan_id)
    db.read(monitoring_grid, plan_id, YEARS[-1])


def tab_floor(path: Path, plan_id: int) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("SELECT * FROM plan_node WHERE plan_id = ?", (plan_id,)).fetchall()
        conn.execute("SELECT c.* FROM planned_cost c JOIN plan_node n ON n.id = c.node_id WHERE n.plan_id = ?",
                     (plan_id,)).fetchall()
        conn.execute("SELECT e.*, s.*, a.* FROM evaluation e JOIN monitoring_round r ON r.id = e.round_id "
                     "LEFT JOIN spending s ON s.evaluation_id = e.id LEFT JOIN indicator_actual a "
                     "ON a.evaluation_id = e.id WHERE r.plan_id = ?", (plan_id,)).fetchall()


def tab_window(db: Database) -> float | None:
    """Seconds until the real tab (offscreen Qt) shows the plan's tree; None without the desktop package."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from desktop.plan.tab import PlanTab
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    tab = PlanTab(db, None)
    tab.resize(1366, 800)
    tab.show()
    app.processEvents()
    elapsed = time.perf_counter() - start
    tab.close()
    return elapsed


def cell_saves(db: Database, plan_id: int) -> float:
    round_id, nodes = db.read(lambda s: (
        s.query(MonitoringRound).filter_by(plan_id=plan_id, year=YEARS[-1]).one().id,
        [n.id for n in s.query(PlanNode).filter_by(plan_id=plan_id) if not n.children and n.parent_id]))
    times = []
    for i in range(50):
        start = time.perf_counter()
        db.write(save_grid_cell, round_id, nodes[i], "completion", (i * 7) % 101)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cell_floor(path: Path) -> float:
    times = []
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        for i in range(50):
            start = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("UPDATE evaluation SET completion = ? WHERE id = ?", ((i * 3) % 101, i + 1))
            conn.execute("COMMIT")
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(db: Database, plan_id: int, out: Path) -> float | None:
    try:
        from printing.plan import build_monitoring_report
        from printing.plan.data import monitoring_data
    except ImportError:
        return None
    start = time.perf_counter()
    build_monitoring_report(db.read(monitoring_data, plan_id, YEARS[-2]), out)
    return time.perf_counter() - start


def report_floor(db: Database, plan_id: int, out: Path) -> float:
    rows = db.read(monitoring_grid, plan_id, YEARS[-2])
    style = getSampleStyleSheet()["BodyText"]
    start = time.perf_counter()
    story = [Paragraph(f"{r.code} {r.title} – {r.state_name}, {r.effective_completion} %. {r.evaluation}", style)
             for r in rows]
    SimpleDocTemplate(str(out)).build(story)
    return time.perf_counter() - start


def main() -> None:
    activities = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        db = open_database(path, daily_backup=False)
        start = time.perf_counter()
        plan_id = build_plan(db, activities)
        print(f"Plán: {activities} aktivit, 5 let monitoringu (sestaveno za {time.perf_counter() - start:.1f} s)")
        tab = timed(lambda: tab_data(db, plan_id))
        floor = timed(lambda: tab_floor(path, plan_id))
        print(f"data záložky připravena: {tab * 1000:7.0f} ms   (cíl ≤ 1000 ms; podlaha SQL {floor * 1000:.0f} ms)")
        window = tab_window(db)
        if window is not None:
            print(f"záložka v okně (Qt):     {window * 1000:7.0f} ms   (cíl ≤ 1000 ms; včetně dat výše)")
        print(f"uložení buňky mřížky:   {cell_saves(db, plan_id) * 1000:7.1f} ms   "
              f"(cíl ≤ 50 ms; podlaha UPDATE {cell_floor(path) * 1000:.1f} ms)")
        built = report(db, plan_id, Path(folder) / "report.pdf")
        floor = report_floor(db, plan_id, Path(folder) / "floor.pdf")
        if built is None:
            print("zpráva o plnění: printing/plan zatím neexistuje")
        else:
            print(f"zpráva o plnění {YEARS[-2]}:   {built * 1000:7.0f} ms   (cíl ≤ 3000 ms; podlaha ReportLab "
                  f"{floor * 1000:.0f} ms)")
        db.close()


if __name__ == "__main__":
    main()
