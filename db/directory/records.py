"""Plain records of a provider and its services, as the editor and the importers exchange them.

They carry no session state, so a widget can hold and compare them freely and a test can build them by
hand; db.directory.queries loads and saves them in one unit of work.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db.conflicts import Shape
from db.directory.models import FeeKind, ServiceStatus, Source


@dataclass
class FormRecord:
    """One form of provision with its registered capacity."""

    form_id: int
    capacity: int | None = None
    capacity_unit_id: int | None = None


@dataclass
class PlaceRecord:
    name: str = ""
    street: str = ""
    town: str = ""
    postcode: str = ""
    secret: bool = False


@dataclass(frozen=True, order=True)
class OpeningInterval:
    weekday: int  # 0 = pondělí … 6 = neděle
    opens: str  # "08:00"
    closes: str


@dataclass
class ServiceRecord:
    id: int | None = None
    name: str = ""
    service_type_id: int | None = None
    related_category_id: int | None = None
    registry_id: str = ""
    portal_id: str | None = None
    forms: list[FormRecord] = field(default_factory=list)
    target_group_ids: list[int] = field(default_factory=list)
    age_from: int | None = None
    age_to: int | None = None
    age_note: str = ""
    places: list[PlaceRecord] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    opening_hours: list[OpeningInterval] = field(default_factory=list)
    opening_note: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    fee: FeeKind | None = None
    fee_note: str = ""
    description: str = ""
    status: ServiceStatus = ServiceStatus.ACTIVE
    ended_on: dt.date | None = None
    in_booklet: bool = True
    note: str = ""
    source: Source = Source.MANUAL
    changed_by: str = ""
    changed_at: dt.datetime | None = None


@dataclass
class ProviderRecord:
    id: int | None = None
    name: str = ""
    ico: str = ""
    legal_form_id: int | None = None
    street: str = ""
    town: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    data_box: str = ""
    note: str = ""
    verified_on: dt.date | None = None
    source: Source = Source.MANUAL
    changed_by: str = ""
    changed_at: dt.datetime | None = None
    # The stored version this record was loaded at (db/versioning.py); None = do not check.
    version: int | None = None
    services: list[ServiceRecord] = field(default_factory=list)


# How two versions of a provider are compared (db/conflicts.py): service by service; where the data
# came from is not the clerk's choice.
PROVIDER_SHAPE = Shape(parts={"services": Shape(ignore=frozenset({"source"}))}, ignore=frozenset({"source"}))
