"""Builds providers and services in a test database (the demo data set comes from elsewhere)."""
from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.codelists import CapacityUnit, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup
from db.directory.models import (
    FeeKind, OpeningHours, Provider, Service, ServiceForm, ServicePlace, ServiceStatus,
)

_ids = itertools.count(1)

WORKDAY_HOURS = [(d, "08:00", "12:00") for d in range(5)] + [(d, "13:00", "16:00") for d in range(5)]


class Factory:
    def __init__(self, session: Session):
        self.s = session

    def type(self, paragraph: str | None = None, name: str | None = None) -> ServiceType:
        stmt = select(ServiceType)
        stmt = stmt.where(ServiceType.paragraph == paragraph) if paragraph else stmt.where(ServiceType.name == name)
        return self.s.scalars(stmt).one()

    def group(self, name: str) -> TargetGroup:
        return self.s.scalars(select(TargetGroup).where(TargetGroup.name == name)).one()

    def category(self, name: str) -> RelatedServiceCategory:
        return self.s.scalars(select(RelatedServiceCategory).where(RelatedServiceCategory.name == name)).one()

    def form(self, code: str) -> ProvisionForm:
        return self.s.scalars(select(ProvisionForm).where(ProvisionForm.code == code)).one()

    def unit(self, code: str) -> CapacityUnit:
        return self.s.scalars(select(CapacityUnit).where(CapacityUnit.code == code)).one()

    def provider(self, name: str, **kw) -> Provider:
        provider = Provider(name=name, town=kw.pop("town", "Příbram"), street=kw.pop("street", "Náměstí 1"),
                            postcode=kw.pop("postcode", "261 01"), **kw)
        self.s.add(provider)
        return provider

    def service(self, provider: Provider, name: str, *, paragraph: str | None = "40", category: str | None = None,
                groups: tuple[str, ...] = ("senioři",), forms: tuple[tuple[str, int | None, str], ...] = (
                    ("ter", 120, "klient"),),
                places: tuple[dict, ...] = ({"street": "Pražská 12", "town": "Příbram", "postcode": "261 01"},),
                hours=WORKDAY_HOURS, **kw) -> Service:
        with self.s.no_autoflush:
            return self._service(provider, name, paragraph, category, groups, forms, places, hours, kw)

    def _service(self, provider, name, paragraph, category, groups, forms, places, hours, kw) -> Service:
        service = Service(provider=provider, name=name, **{
            "phone": "318 123 456", "email": f"sluzba{next(_ids)}@example.cz", "web": "https://www.example.cz/",
            "contact_person": "Mgr. Jana Nováková", "fee": FeeKind.PAID, "fee_note": "dle ceníku",
            "description": "Pomáháme lidem zůstat doma a žít tak, jak jsou zvyklí.", "age_from": 65, **kw})
        if category:
            service.related_category = self.category(category)
        elif paragraph:
            service.service_type = self.type(paragraph)
        service.target_groups = [self.group(g) for g in groups]
        for code, capacity, unit in forms:
            service.forms.append(ServiceForm(form=self.form(code), capacity=capacity,
                                             capacity_unit=self.unit(unit) if unit else None))
        for position, place in enumerate(places):
            service.places.append(ServicePlace(position=position, **place))
        for weekday, opens, closes in hours:
            service.opening_hours.append(OpeningHours(weekday=weekday, opens=opens, closes=closes))
        self.s.add(service)
        return service


SECRET_STREET = "Tajná 13"


def populate_sample(session: Session) -> dict[str, Service]:
    """A small directory that exercises every rule of the booklet; returns services by role."""
    f = Factory(session)
    charita = f.provider("Oblastní charita Příbram")
    domov = f.provider("Domov seniorů Čechovice, příspěvková organizace")
    spolek = f.provider('Spolek „Naděje“ & <Přátelé> "Ústí"')
    chrpa = f.provider("Chrpa, z. ú.")
    zivot = f.provider("Život 90, z. ú.")
    arch = f.provider("Ášram – azylové centrum")
    services = {
        "care": f.service(charita, "Pečovatelská služba Charity", groups=("senioři", "osoby s tělesným postižením")),
        "home": f.service(domov, "Domov seniorů Čechovice", paragraph="49",
                          forms=(("pob", 84, "luzka"),), hours=()),
        "counsel": f.service(spolek, 'Poradna „U Lípy“ & <spol.> "Na rohu"', paragraph="37",
                             groups=("rodiny s dítětem/dětmi", "osoby v krizi"), age_from=None,
                             forms=(("amb", None, ""), ("ter", None, ""))),
        "shelter": f.service(arch, "Azylový dům pro matky s dětmi", paragraph="57",
                             groups=("oběti domácího násilí",),
                             places=({"name": "Azylový dům", "street": SECRET_STREET, "town": "Příbram",
                                      "postcode": "261 01", "secret": True},),
                             forms=(("pob", 12, "luzka"),), age_from=18),
        "crisis": f.service(chrpa, "Chráněné bydlení Chrpa", paragraph="51",
                            groups=("osoby s mentálním postižením",), age_from=18, age_to=64),
        "line": f.service(zivot, "Senior telefon", paragraph="55", groups=("senioři",),
                          forms=(("ter", 3, "hovor"),), hours=[(d, "00:00", "24:00") for d in range(7)]),
        "club": f.service(charita, "Klub seniorů Jitřenka", category="klub seniorů", groups=("senioři",)),
        "ended": f.service(charita, "Ukončená odlehčovací služba", paragraph="44",
                           status=ServiceStatus.ENDED, ended_on=dt.date(2020, 1, 1)),
        "hidden": f.service(domov, "Služba mimo přehled", paragraph="46", in_booklet=False),
        "expired": f.service(chrpa, "Služba s uplynulým koncem", paragraph="70",
                             ended_on=dt.date.today() - dt.timedelta(days=1)),
    }
    session.flush()
    return services
