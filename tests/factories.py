"""Small builders of directory data for tests, through the ORM."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.codelists import CapacityUnit, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup
from db.directory.models import Provider, Service, ServiceArea, ServiceForm, ServicePlace
from db.validation import ico_check_digit


def valid_ico(number: int) -> str:
    first7 = f"{number:07d}"
    return first7 + str(ico_check_digit(first7))


def service_type(session: Session, paragraph: str) -> ServiceType:
    return session.scalars(select(ServiceType).where(ServiceType.paragraph == paragraph)).one()


def category(session: Session, name: str) -> RelatedServiceCategory:
    return session.scalars(select(RelatedServiceCategory).where(RelatedServiceCategory.name == name)).one()


def target_group(session: Session, name: str) -> TargetGroup:
    return session.scalars(select(TargetGroup).where(TargetGroup.name == name)).one()


def form(session: Session, name: str) -> ProvisionForm:
    return session.scalars(select(ProvisionForm).where(ProvisionForm.name == name)).one()


def make_provider(session: Session, name: str, *, town: str = "Příbram", **fields) -> Provider:
    fields.setdefault("verified_on", dt.date.today())
    provider = Provider(name=name, town=town, **fields)
    session.add(provider)
    session.flush()
    return provider


def make_service(session: Session, provider: Provider, name: str, *, paragraph: str | None = "40",
                 category_name: str | None = None, groups: tuple[str, ...] = ("senioři",),
                 forms: tuple[str, ...] = ("terénní",), places: tuple[dict, ...] = (),
                 areas: tuple[str, ...] = (), capacity: int | None = None, **fields) -> Service:
    service = Service(name=name, **fields)
    if category_name:
        service.related_category = category(session, category_name)
    elif paragraph:
        service.service_type = service_type(session, paragraph)
    service.target_groups = [target_group(session, g) for g in groups]
    unit = session.scalars(select(CapacityUnit).where(CapacityUnit.code == "klient")).one()
    service.forms = [ServiceForm(form=form(session, f), capacity=capacity,
                                 capacity_unit=unit if capacity else None) for f in forms]
    service.places = [ServicePlace(position=i, **p) for i, p in enumerate(places)]
    service.areas = [ServiceArea(position=i, municipality=m) for i, m in enumerate(areas)]
    provider.services.append(service)
    session.flush()
    return service


def small_directory(db) -> dict[str, int]:
    """Four providers with services covering the filters; returns ids by short name."""
    with db.session() as s, s.begin():
        charita = make_provider(s, "Oblastní charita Příbram", ico=valid_ico(1234), street="Mariánská 72",
                                postcode="261 01")
        pecovatelska = make_service(s, charita, "Pečovatelská služba Charity", paragraph="40",
                                    forms=("terénní", "ambulantní"), capacity=120,
                                    places=({"name": "Středisko", "street": "Mariánská 72", "town": "Příbram"},),
                                    areas=("Příbram", "Dobříš"), registry_id="1234567")
        poradna = make_service(s, charita, "Občanská poradna", paragraph="37",
                               groups=("osoby v krizi", "rodiny s dítětem/dětmi"), forms=("ambulantní",),
                               places=({"name": "Poradna", "street": "Náměstí 1", "town": "Dobříš"},))
        domov = make_provider(s, "Domov Čenkov", town="Čenkov", ico=valid_ico(5678),
                              verified_on=dt.date.today() - dt.timedelta(days=500))
        domov_service = make_service(s, domov, "Domov pro seniory Čenkov", paragraph="49", forms=("pobytová",),
                                     capacity=80, places=({"name": "Domov", "town": "Čenkov"},))
        azyl = make_provider(s, "Acorus, z. ú.", town="Praha", verified_on=None)
        azyl_service = make_service(s, azyl, "Azylový dům pro ženy", paragraph="57",
                                    groups=("oběti domácího násilí",), forms=("pobytová",),
                                    places=({"name": "Azylový dům", "street": "Tajná 5", "town": "Beroun",
                                             "secret": True},))
        klub = make_provider(s, "Spolek seniorů Březnice", town="Březnice")
        klub_service = make_service(s, klub, "Klub seniorů Březnice", paragraph=None,
                                    category_name="klub seniorů", forms=("ambulantní",),
                                    places=({"name": "Klubovna", "town": "Březnice"},))
        return {"charita": charita.id, "pecovatelska": pecovatelska.id, "poradna": poradna.id,
                "domov": domov.id, "domov_service": domov_service.id, "azyl": azyl.id,
                "azyl_service": azyl_service.id, "klub": klub.id, "klub_service": klub_service.id}
