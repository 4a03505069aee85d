"""The lists the plan editor offers (groups, providers, services, states, sources), read in one go."""
from __future__ import annotations

from dataclasses import dataclass, field

from db.codelists import target_groups
from db.collation import czech_key
from db.database import Database
from db.directory.queries import directory_names
from db.plan.facts import StateInfo, load_states
from db.plan.queries import plan_working_groups
from db.plan.records import funding_sources
from db.settings import load_office


@dataclass
class PlanChoices:
    target_groups: list[tuple[int, str]] = field(default_factory=list)
    working_groups: list[tuple[int, str]] = field(default_factory=list)
    providers: list[tuple[int, str]] = field(default_factory=list)
    services: list[tuple[int, str]] = field(default_factory=list)  # (id, "Service (Provider)")
    states: list[StateInfo] = field(default_factory=list)
    sources: list[tuple[int, str]] = field(default_factory=list)  # active funding sources in list order
    all_sources: list[tuple[int, str]] = field(default_factory=list)  # including retired ones
    town: str = ""


def read_choices(db: Database) -> PlanChoices:
    names = db.read(directory_names)
    services = [(service_id, f"{name} ({provider_name})") for service_id, name, provider_name in names.services]
    return PlanChoices(
        target_groups=[(g.id, g.name) for g in db.read(target_groups)],
        working_groups=db.read(plan_working_groups),
        providers=sorted(names.providers, key=lambda p: czech_key(p[1])),
        services=sorted(services, key=lambda s: czech_key(s[1])),
        states=list(db.read(load_states).values()),
        sources=db.read(funding_sources),
        all_sources=db.read(funding_sources, True),
        town=db.read(load_office).town,
    )
