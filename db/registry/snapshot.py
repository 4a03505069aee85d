"""The directory's providers and register-linked services as plain values, for comparing with the register.

Loaded with flat queries instead of ORM objects: a re-import of a large territory compares thousands
of records of which few changed, and only those are then loaded as ORM objects to write.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.codelists import CapacityUnit, ProvisionForm, ServiceType, TargetGroup
from db.directory.models import Provider, Service, ServiceForm, ServicePlace, ServiceStatus, service_target_group
from db.registry.records import FormData, PlaceData

_LINKED = or_(Service.registry_id.is_not(None), Service.portal_id.is_not(None))


@dataclass(frozen=True)
class CurrentProvider:
    id: int
    ico: str
    name: str
    phone: str
    email: str
    web: str
    legal_form_id: int | None


def load_current_providers(session: Session) -> list[CurrentProvider]:
    """Providers with an IČO: the only ones the register can match."""
    rows = session.execute(
        select(Provider.id, Provider.ico, Provider.name, Provider.phone, Provider.email, Provider.web,
               Provider.legal_form_id).where(Provider.ico.is_not(None)))
    return [CurrentProvider(*row) for row in rows]


@dataclass(frozen=True)
class CurrentService:
    id: int
    provider_id: int
    name: str
    registry_id: str | None
    portal_id: str | None
    service_type: str | None
    phone: str
    email: str
    web: str
    age_from: int | None
    age_to: int | None
    age_note: str
    status: ServiceStatus
    ended_on: dt.date | None
    registry_area: str
    target_groups: frozenset[str]
    forms: tuple[FormData, ...]
    places: tuple[PlaceData, ...]


def load_current_services(session: Session) -> list[CurrentService]:
    """Services that carry a register identifikátor or portalId, whoever created them."""
    rows = session.execute(
        select(Service.id, Service.provider_id, Service.name, Service.registry_id, Service.portal_id,
               ServiceType.name.label("service_type"), Service.phone, Service.email, Service.web,
               Service.age_from, Service.age_to, Service.age_note, Service.status, Service.ended_on,
               Service.registry_area)
        .outerjoin(ServiceType, Service.service_type_id == ServiceType.id)
        .where(_LINKED).order_by(Service.id)).all()
    groups: dict[int, set[str]] = defaultdict(set)
    for service_id, name in session.execute(
            select(service_target_group.c.service_id, TargetGroup.name)
            .join(TargetGroup, TargetGroup.id == service_target_group.c.target_group_id)
            .join(Service, Service.id == service_target_group.c.service_id).where(_LINKED)):
        groups[service_id].add(name)
    forms: dict[int, list[FormData]] = defaultdict(list)
    for service_id, form, capacity, unit in session.execute(
            select(ServiceForm.service_id, ProvisionForm.code, ServiceForm.capacity, CapacityUnit.code)
            .join(ProvisionForm, ProvisionForm.id == ServiceForm.form_id)
            .outerjoin(CapacityUnit, CapacityUnit.id == ServiceForm.capacity_unit_id)
            .join(Service, Service.id == ServiceForm.service_id).where(_LINKED)):
        forms[service_id].append(FormData(form, capacity, unit))
    places: dict[int, list[PlaceData]] = defaultdict(list)
    for service_id, *place in session.execute(
            select(ServicePlace.service_id, ServicePlace.name, ServicePlace.street, ServicePlace.town,
                   ServicePlace.postcode, ServicePlace.secret)
            .join(Service, Service.id == ServicePlace.service_id).where(_LINKED)
            .order_by(ServicePlace.service_id, ServicePlace.position)):
        places[service_id].append(PlaceData(*place))
    return [CurrentService(**row._mapping, target_groups=frozenset(groups[row.id]),
                           forms=tuple(sorted(forms[row.id], key=lambda f: f.form)),
                           places=tuple(places[row.id]))
            for row in rows]
