"""The lists the plan editor offers (groups, providers, services, states, sources), read in one go."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

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
    return refresh_choices(db, PlanChoices(), _PARTS)


# Which parts of PlanChoices come from which area (db/changes.py names).
_PARTS = frozenset({"directory", "codelists", "meetings", "plan", "settings"})


def refresh_choices(db: Database, choices: PlanChoices, areas: frozenset[str]) -> PlanChoices:
    """`choices` with the parts that come from `areas` read again, the rest kept: the directory's
    names (the costly part, 6,700 services sorted the Czech way) only when the directory changed."""
    fresh = replace(choices)
    if "directory" in areas:
        names = db.read(directory_names)
        services = [(service_id, f"{name} ({provider_name})") for service_id, name, provider_name in names.services]
        fresh.providers = sorted(names.providers, key=lambda p: czech_key(p[1]))
        fresh.services = sorted(services, key=lambda s: czech_key(s[1]))
    if "codelists" in areas:
        fresh.target_groups = [(g.id, g.name) for g in db.read(target_groups)]
    if "meetings" in areas:
        fresh.working_groups = db.read(plan_working_groups)
    if areas & {"plan", "codelists"}:
        fresh.states = list(db.read(load_states).values())
        fresh.sources = db.read(funding_sources)
        fresh.all_sources = db.read(funding_sources, True)
    if "settings" in areas:
        fresh.town = db.read(load_office).town
    return fresh
