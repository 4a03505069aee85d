"""The whole directory as spreadsheet values, read with plain queries.

A region's directory has thousands of services and tens of thousands of places, areas and opening
hours; building ORM objects for all of them takes seconds, plain rows a fraction of that. Export and
the import's comparison both read the directory through here, so they see the same values.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.codelists import CapacityUnit, LegalForm, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup
from db.collation import czech_key
from db.directory.models import (
    OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, service_target_group,
)
from db.spreadsheet.cells import Capacity, Place, ProviderValues, ServiceValues
from db.directory.opening_hours import Interval


@dataclass
class ServiceEntry:
    id: int
    provider_id: int
    values: ServiceValues


@dataclass
class ProviderEntry:
    id: int
    values: ProviderValues
    services: list[ServiceEntry] = field(default_factory=list)


def _kind(paragraph: str | None, type_name: str | None, category: str | None) -> str:
    if type_name:
        return f"§ {paragraph} {type_name}" if paragraph else type_name
    return category or ""


def _by_service(session: Session, query) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in session.execute(query):
        grouped[row[0]].append(row[1:])
    return grouped


def load_entries(session: Session) -> list[ProviderEntry]:
    """Providers in Czech order of names, each with its services in Czech order."""
    forms = _by_service(session, select(ServiceForm.service_id, ProvisionForm.name, ServiceForm.capacity,
                                        CapacityUnit.name)
                        .join(ProvisionForm).outerjoin(CapacityUnit)
                        .order_by(ServiceForm.service_id, ServiceForm.form_id))
    groups = _by_service(session, select(service_target_group.c.service_id, TargetGroup.name)
                         .join(TargetGroup).order_by(service_target_group.c.service_id, TargetGroup.sort_order))
    places = _by_service(session, select(ServicePlace.service_id, ServicePlace.name, ServicePlace.street,
                                         ServicePlace.town, ServicePlace.postcode, ServicePlace.secret)
                         .order_by(ServicePlace.service_id, ServicePlace.position, ServicePlace.id))
    areas = _by_service(session, select(ServiceArea.service_id, ServiceArea.municipality)
                        .order_by(ServiceArea.service_id, ServiceArea.position, ServiceArea.id))
    hours = _by_service(session, select(OpeningHours.service_id, OpeningHours.weekday, OpeningHours.opens,
                                        OpeningHours.closes))

    providers: dict[int, ProviderEntry] = {}
    query = select(Provider.id, Provider.name, Provider.ico, LegalForm.name, Provider.street, Provider.town,
                   Provider.postcode, Provider.phone, Provider.email, Provider.web,
                   Provider.verified_on).outerjoin(LegalForm)
    for provider_id, name, ico, legal_form, street, town, postcode, phone, email, web, verified_on in \
            session.execute(query):
        providers[provider_id] = ProviderEntry(provider_id, ProviderValues(
            name=name, ico=ico or "", legal_form=legal_form or "", street=street, town=town, postcode=postcode,
            phone=phone, email=email, web=web, verified_on=verified_on))

    query = (select(Service.id, Service.provider_id, Service.name, ServiceType.paragraph, ServiceType.name,
                    RelatedServiceCategory.name, Service.service_type_id, Service.related_category_id,
                    Service.registry_id, Service.description, Service.opening_note, Service.contact_person,
                    Service.phone, Service.email, Service.fee, Service.fee_note)
             .outerjoin(ServiceType, Service.service_type_id == ServiceType.id)
             .outerjoin(RelatedServiceCategory, Service.related_category_id == RelatedServiceCategory.id))
    for (service_id, provider_id, name, paragraph, type_name, category, type_id, category_id, registry_id,
         description, opening_note, contact_person, phone, email, fee, fee_note) in session.execute(query):
        values = ServiceValues(
            name=name, kind=_kind(paragraph, type_name, category), type_id=type_id, category_id=category_id,
            registry_id=registry_id or "",
            forms=tuple(Capacity(*item) for item in forms.get(service_id, ())),
            target_groups=tuple(g for (g,) in groups.get(service_id, ())), description=description,
            hours=tuple(sorted(Interval(*h) for h in hours.get(service_id, ()))), opening_note=opening_note,
            contact_person=contact_person, phone=phone, email=email,
            places=tuple(Place(*item) for item in places.get(service_id, ())), fee=fee, fee_note=fee_note,
            areas=tuple(a for (a,) in areas.get(service_id, ())))
        providers[provider_id].services.append(ServiceEntry(service_id, provider_id, values))

    for entry in providers.values():
        entry.services.sort(key=lambda s: (czech_key(s.values.name), s.id))
    return sorted(providers.values(), key=lambda e: (czech_key(e.values.name), e.values.ico, e.id))
