"""Demo plans of the fictional ORP Lipová nad Sázavou (resources/demo/plan-lipova.json), all invented.

The plan 2021–2023 is built with its three closed monitoring rounds; the plan 2024–2026 is then created
from it through `create_next_plan` (so its unfinished activities arrive marked "převzato" and linked to
their origin), rearranged and completed from the file, and monitored: 2024 and 2025 closed, 2026 open.
Everything goes through the same core functions the tab uses, so the demo obeys every rule they check.
Responsible parties, partners and services link to the demo directory and the plan's priorities to the
demo working groups when those exist (matched by exact name); otherwise they stay plain text / empty.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

import resources
from db.codelists import TargetGroup
from db.database import Database
from db.directory.models import Provider, Service
from db.errors import UserError
from db.meetings.models import WorkingGroup
from db.plan.facts import load_facts, load_sources, load_states
from db.plan.models import IndicatorDirection, MonitoringRound, Plan, PlanNode, PlanState, RoundLog, StateChange
from db.plan.monitoring import close_round, open_round, save_grid_cell
from db.plan.next_period import create_next_plan
from db.plan.records import IndicatorRecord, PartnerRecord, PlanRecord, ServiceLink, load_node, save_node, save_plan
from db.plan.tree import add_node, delete_node, move_node

DEMO_FILE = Path(resources.__file__).parent / "demo" / "plan-lipova.json"
DEMO_USER = "ukázková data"
# Money actually spent as a share of the year's plan, by state: ongoing work spends its budget too.
SPENT_SHARE = {"splněno": 0.97, "probíhá": 0.92, "částečně splněno": 0.75, "nesplněno": 0.3}
EVALUATION_TEXTS = {
    "splněno": "Aktivita byla v roce {year} splněna v plném rozsahu.",
    "probíhá": "Aktivita v roce {year} pokračovala.",
    "částečně splněno": "Aktivita byla v roce {year} splněna jen zčásti.",
    "nesplněno": "Aktivitu se v roce {year} nepodařilo splnit.",
    "nezahájeno": "Aktivita v roce {year} nebyla zahájena.",
    "odloženo": "Realizace aktivity byla odložena.",
    "zrušeno": "Aktivita byla zrušena.",
}


@dataclass
class PlanDemoSummary:
    previous_id: int
    current_id: int
    activities: int
    working_groups_linked: bool

    def message(self) -> str:
        text = (f"Nahrány ukázkové plány: 2021–2023 a z něj vytvořený plán 2024–2026 (aktivit: {self.activities}, "
                "monitoring 2024 a 2025 uzavřen, 2026 otevřen).")
        if not self.working_groups_linked:
            text += " Pracovní skupiny v databázi nejsou, priority proto zůstaly bez skupiny."
        return text


def load_plan_demo(db: Database, path: Path = DEMO_FILE) -> PlanDemoSummary:
    """Load both demo plans in one transaction; refuses a database that already has a plan."""
    data = json.loads(path.read_text(encoding="utf-8"))
    with db.session() as session, session.begin():
        count = session.scalar(select(func.count()).select_from(Plan))
        if count:
            raise UserError(f"V databázi už jsou plány (počet: {count}). Ukázkový plán lze nahrát jen do databáze "
                            "bez plánů, aby se nesmíchal se skutečným.")
        demo = _Demo(session)
        previous = demo.plan(None, data["previous"])
        demo.tree(previous, data["previous"])
        demo.monitor(previous, data["previous"], closed=(2021, 2022, 2023))
        first, last = data["current"]["years"]
        current = create_next_plan(session, previous, first, last, data["current"]["name"])
        demo.plan(current, data["current"])
        demo.tree(current, data["current"])
        demo.monitor(current, data["current"], closed=(2024, 2025))
        activities = len(load_facts(session, current, with_costs=False).activities())
    return PlanDemoSummary(previous, current, activities, bool(demo.groups))


class _Demo:
    def __init__(self, session: Session):
        self.session = session
        self.providers = dict((n, i) for i, n in session.execute(select(Provider.id, Provider.name)))
        self.services = {(p, s): i for i, s, p in session.execute(
            select(Service.id, Service.name, Provider.name).join(Provider, Provider.id == Service.provider_id))}
        self.groups = dict((n, i) for i, n in session.execute(select(WorkingGroup.id, WorkingGroup.name)))
        self.target_groups = dict((n, i) for i, n in session.execute(select(TargetGroup.id, TargetGroup.name)))
        self.sources = {s.name: s.id for s in load_sources(session)}
        self.states = {s.name: s for s in load_states(session).values()}
        self.specs: dict[int, dict] = {}  # node id → its activity spec

    def plan(self, plan_id: int | None, spec: dict) -> int:
        first, last = spec["years"]
        record = PlanRecord(name=spec["name"], year_from=first, year_to=last, state=PlanState(spec["state"]),
                            adopted_by=spec["adopted_by"], resolution_number=spec["resolution_number"],
                            resolution_date=dt.date.fromisoformat(spec["resolution_date"]), vision=spec["vision"],
                            introduction=spec.get("introduction", ""), weighted_rollup=spec.get("weighted_rollup", False))
        record.id = plan_id
        return save_plan(self.session, record)

    def tree(self, plan_id: int, spec: dict) -> None:
        """Build the spec's tree, reusing (and moving) nodes already there with the same title: the nodes
        copied from the previous plan. Copied nodes the spec does not name are deleted."""
        existing = {}
        for node in self.session.scalars(select(PlanNode).where(PlanNode.plan_id == plan_id)):
            existing.setdefault(node.title, []).append(node.id)
        used: set[int] = set()

        def reuse(title: str, parent_id: int | None, position: int) -> int:
            for node_id in existing.get(title, []):
                if node_id not in used:
                    used.add(node_id)
                    move_node(self.session, node_id, parent_id, position)
                    return node_id
            node_id = add_node(self.session, plan_id, parent_id, position, title)
            used.add(node_id)
            return node_id

        for p_index, priority in enumerate(spec["priorities"]):
            group = self.groups.get(priority.get("group", ""))
            p_id = reuse(priority["title"], None, p_index)
            self._details(p_id, {"t": priority["title"]}, group)
            for m_index, measure in enumerate(priority["measures"]):
                m_id = reuse(measure.get("was", measure["title"]), p_id, m_index)
                self._details(m_id, {"t": measure["title"]}, group)
                for a_index, activity in enumerate(measure["activities"]):
                    a_id = reuse(activity["t"], m_id, a_index)
                    self._details(a_id, activity, group)
                    self.specs[a_id] = activity
        leftovers = [i for ids in existing.values() for i in ids if i not in used]
        for node_id in leftovers:
            if self.session.get(PlanNode, node_id) is not None:
                delete_node(self.session, node_id)

    def _details(self, node_id: int, spec: dict, group: int | None) -> None:
        record = load_node(self.session, node_id)
        plan = self.session.get(PlanNode, node_id).plan
        years = list(range(plan.year_from, plan.year_to + 1))
        record.title = spec["t"]
        record.description = spec.get("d", record.description)
        record.working_group_id = group
        responsible = spec.get("r", "")
        record.responsible_provider_id = self.providers.get(responsible)
        record.responsible_text = "" if record.responsible_provider_id else responsible
        if "p" in spec:
            record.partners = [PartnerRecord(self.providers.get(name), name) for name in spec["p"]]
        if "tg" in spec:
            record.target_group_ids = [self.target_groups[name] for name in spec["tg"]]
        if "y" in spec:
            record.year_from, record.year_to = spec["y"]
        if "c" in spec:
            record.costs = {}
            for source, amounts in spec["c"].items():
                for year, amount in zip(years, amounts):
                    if amount:
                        record.costs.setdefault(year, {})[self.sources[source]] = amount
        if "i" in spec:
            name, unit, baseline, baseline_year, sign, targets = spec["i"]
            kept = record.indicators[0] if record.indicators else IndicatorRecord()
            kept.name, kept.unit, kept.baseline_value, kept.baseline_year = name, unit, baseline, baseline_year
            kept.direction = IndicatorDirection.INCREASE if sign == "+" else IndicatorDirection.DECREASE
            kept.targets = {year: value for year, value in zip(years, targets) if value is not None}
            record.indicators = [kept]
        if "s" in spec:
            record.services = [ServiceLink(self.services[(p, s)], note) for p, s, note in spec["s"]
                               if (p, s) in self.services]
        record.partners = [p for p in record.partners if p.provider_id or p.name]
        save_node(self.session, record)

    def monitor(self, plan_id: int, spec: dict, closed: tuple[int, ...]) -> None:
        first, last = spec["years"]
        for index, year in enumerate(range(first, last + 1)):
            round_id = open_round(self.session, plan_id, year)
            for node_id, activity in self.specs.items():
                if self.session.get(PlanNode, node_id).plan_id != plan_id:
                    continue
                entries = activity.get("m", [])
                if index < len(entries) and entries[index]:
                    self._evaluate(round_id, node_id, year, activity, entries[index])
            self._date_changes(round_id, year)
            if year in closed:
                close_round(self.session, round_id, DEMO_USER)
                self._date_closing(round_id, year)
        self.specs = {}

    def _evaluate(self, round_id: int, node_id: int, year: int, activity: dict, entry: str) -> None:
        def save(column: str, value) -> None:
            save_grid_cell(self.session, round_id, node_id, column, value, DEMO_USER)

        name, _, percent = entry.partition(":")
        state = self.states[name]
        save("state", state.id)
        if percent:
            save("completion", int(percent))
        completion = int(percent) if percent else state.completion
        save("evaluation", activity.get("ev", {}).get(str(year)) or EVALUATION_TEXTS[name].format(year=year))
        reasons = activity.get("why", {}).get(str(year))
        if reasons:
            save("reasons", reasons[0])
            save("corrective_action", reasons[1])
        record = load_node(self.session, node_id)
        share = SPENT_SHARE.get(name, 0.0)
        for source_id, amount in record.costs.get(year, {}).items():
            save(f"spent:{source_id}", int(amount * share) // 1000 * 1000)
        for indicator in record.indicators:
            target = indicator.targets.get(year)
            if target is None or indicator.baseline_value is None:
                continue
            reached = 1.0 if name == "splněno" else completion / 100
            save(f"actual:{indicator.id}", round(indicator.baseline_value + (target - indicator.baseline_value) * reached))

    def _date_changes(self, round_id: int, year: int) -> None:
        # Working groups evaluate in autumn: the demo's history should read so, not "today".
        node_ids = select(PlanNode.id).where(PlanNode.plan_id == self.session.get(MonitoringRound, round_id).plan_id)
        self.session.execute(update(StateChange).where(StateChange.year == year, StateChange.node_id.in_(node_ids))
                             .values(changed_at=dt.datetime(year, 10, 15, 9, 30)))

    def _date_closing(self, round_id: int, year: int) -> None:
        closed_at = dt.datetime(year + 1, 1, 31, 14, 0)
        found = self.session.get(MonitoringRound, round_id)
        found.closed_at = closed_at
        self.session.execute(update(RoundLog).where(RoundLog.round_id == round_id).values(at=closed_at))
