"""Plain data the plan documents print: filled from the database by printing/plan/data.py, or by tests.

Money is in whole Kč, completion in % (0–100), years as integers. Texts are as the clerk typed them;
the builders typeset and escape them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Publisher:
    town: str = ""
    department: str = ""

    @property
    def line(self) -> str:
        return " – ".join(p for p in (self.town, self.department) if p)


@dataclass(frozen=True)
class IndicatorInfo:
    name: str
    unit: str = ""
    baseline: float | None = None
    baseline_year: int | None = None
    more_is_better: bool = True
    targets: dict[int, float] = field(default_factory=dict)  # year → target value


@dataclass(frozen=True)
class NodeInfo:
    """A priority, measure, activity or action of the strategic part."""

    code: str   # "2.1.3"
    level: int  # 1 = priorita
    level_name: str
    title: str
    description: str = ""
    rationale: str = ""
    responsible: str = ""
    partners: tuple[str, ...] = ()
    years: str = ""  # "2024–2026"
    working_group: str = ""
    target_groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()  # "Pečovatelská služba Lipová (navýšení kapacity)"
    costs: dict[int, dict[str, int]] = field(default_factory=dict)  # year → source name → Kč
    indicators: tuple[IndicatorInfo, ...] = ()
    carried_over: bool = False
    children: tuple["NodeInfo", ...] = ()

    @property
    def total_cost(self) -> int:
        own = sum(sum(by_source.values()) for by_source in self.costs.values())
        return own + sum(child.total_cost for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class PlanInfo:
    name: str
    year_from: int
    year_to: int
    state: str = ""          # "schválený"
    adoption: str = ""       # "Schváleno usnesením Zastupitelstva města … č. 12/2023 ze dne 14. 12. 2023"
    vision: str = ""
    introduction: str = ""
    sources: tuple[str, ...] = ()  # funding sources in the list's order
    priorities: tuple[NodeInfo, ...] = ()
    publisher: Publisher = Publisher()

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    def all_nodes(self):
        for priority in self.priorities:
            yield from priority.walk()


@dataclass(frozen=True)
class StateInfo:
    name: str
    color: str = "#808080"  # "#RRGGBB"
    completion: int = 0     # the share done the state implies, for the black-and-white mark


@dataclass(frozen=True)
class IndicatorResult:
    name: str
    unit: str = ""
    target: float | None = None
    actual: float | None = None
    more_is_better: bool = True

    @property
    def met(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual >= self.target if self.more_is_better else self.actual <= self.target


@dataclass(frozen=True)
class ActivityResult:
    code: str
    title: str
    state: StateInfo | None
    completion: int | None
    evaluation: str = ""
    reasons: str = ""
    corrective_action: str = ""
    responsible: str = ""
    planned: dict[str, int] = field(default_factory=dict)  # source → Kč planned for the year
    spent: dict[str, int] = field(default_factory=dict)    # source → Kč spent in the year
    indicators: tuple[IndicatorResult, ...] = ()


@dataclass(frozen=True)
class ResultNode:
    """A priority or measure with its roll-up; activities hang under the lowest such node."""

    code: str
    title: str
    level_name: str
    completion: float | None  # roll-up %, None when nothing below it counts
    children: tuple["ResultNode", ...] = ()
    activities: tuple[ActivityResult, ...] = ()

    def all_activities(self):
        yield from self.activities
        for child in self.children:
            yield from child.all_activities()


@dataclass(frozen=True)
class MonitoringInfo:
    plan_name: str
    year_from: int
    year_to: int
    year: int
    closed: bool
    closed_note: str = ""  # "Uzavřeno 15. 1. 2026 (jnovakova)"
    summary: str = ""
    weighted: bool = False  # roll-up weighted by planned cost
    states: tuple[StateInfo, ...] = ()  # the state list in its order (for the summary table)
    sources: tuple[str, ...] = ()
    priorities: tuple[ResultNode, ...] = ()
    publisher: Publisher = Publisher()

    def activities(self):
        for priority in self.priorities:
            yield from priority.all_activities()


@dataclass(frozen=True)
class ActionItem:
    code: str
    title: str
    responsible: str
    partners: tuple[str, ...]
    costs: dict[str, int]  # source → Kč in the year
    indicators: tuple[tuple[str, str, float | None], ...] = ()  # (name, unit, target for the year)
    carried_over: bool = False


@dataclass(frozen=True)
class ActionGroup:
    """A priority (or measure) heading with the year's activities under it."""

    code: str
    title: str
    level: int
    items: tuple[ActionItem, ...] = ()


@dataclass(frozen=True)
class ActionPlanInfo:
    plan_name: str
    year_from: int
    year_to: int
    year: int
    sources: tuple[str, ...] = ()
    groups: tuple[ActionGroup, ...] = ()
    publisher: Publisher = Publisher()


def plan_subtitle(name: str, year_from: int, year_to: int) -> str:
    """The plan's name with its period, unless the name says it already ("… 2024–2026")."""
    period = f"{year_from}–{year_to}"
    return name if period in name or f"{year_from}-{year_to}" in name else f"{name} ({period})"
