"""Everything the booklet prints, read from the database in one go into plain dataclasses.

The builder never sees a session: it can run in a worker thread, in the CLI or in a benchmark with
synthetic data, and a secret address never even reaches it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from db.codelists import target_groups as load_target_groups
from db.directory.models import FeeKind, Service, ServiceForm, ServicePlace, ServiceStatus
from db.directory.opening_hours import describe_week
from db.settings import OfficeDetails, load_office
from db.validation import display_web, format_phones

SECRET_PLACE_TEXT = "adresa neveřejná, kontaktujte telefonicky"

# Czech plural forms of capacity units: (1, 2–4, 0 and 5+).
_UNIT_FORMS = {
    "klient": ("klient", "klienti", "klientů"),
    "luzka": ("lůžko", "lůžka", "lůžek"),
    "kontakt": ("kontakt", "kontakty", "kontaktů"),
    "interv": ("intervence", "intervence", "intervencí"),
    "hovor": ("hovor", "hovory", "hovorů"),
}
# Units a citizen can read as "how many at once": beds and clients. Contacts, interventions and calls
# are the register's output measures ("Kapacita: 2 hovory" means nothing to a reader): not printed.
_READER_UNITS = {"klient", "luzka"}


@dataclass(frozen=True)
class ServiceEntry:
    """One service as printed; all fields are display text (no markup), empty when unknown."""

    id: int
    name: str
    provider_id: int
    provider_name: str
    type_name: str = ""  # druh služby, e.g. "pečovatelská služba"; empty for a related service
    paragraph: str = ""  # "40"; empty for a type without a paragraph
    type_order: int = 0
    category: str = ""  # category of a related service (související služba)
    target_groups: tuple[str, ...] = ()
    age: str = ""
    places: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    web: str = ""
    contact_person: str = ""
    opening_hours: str = ""
    forms: tuple[str, ...] = ()
    capacity: str = ""
    fee: str = ""
    description: str = ""
    # Which contacts were taken from the provider because the service has none of its own.
    contacts_from_provider: frozenset[str] = frozenset()

    @property
    def is_related(self) -> bool:
        return not self.type_name

    @property
    def type_label(self) -> str:
        """'pečovatelská služba (§ 40)'; a related service shows its category."""
        if self.is_related:
            return self.category or "související služba"
        return f"{self.type_name} (§ {self.paragraph})" if self.paragraph else self.type_name


@dataclass
class BookletData:
    office: OfficeDetails
    services: list[ServiceEntry]
    valid_on: dt.date
    all_target_groups: list[str] = field(default_factory=list)


def age_text(age_from: int | None, age_to: int | None, note: str = "") -> str:
    if age_from is not None and age_to is not None:
        text = f"{age_from}–{age_to} let"
    elif age_from is not None:
        text = f"od {age_from} let"
    elif age_to is not None:
        text = f"do {age_to} let"
    else:
        text = ""
    note = note.strip()
    return f"{text} ({note})" if text and note else text or note


def count_with_unit(count: int, unit_code: str, unit_name: str) -> str:
    forms = _UNIT_FORMS.get(unit_code)
    if forms is None:
        return f"{count} {unit_name}".strip()
    word = forms[0] if count == 1 else forms[1] if 2 <= count <= 4 else forms[2]
    return f"{count} {word}"


def _capacity(forms: list[ServiceForm]) -> str:
    """"až 30 lůžek", or per form "pobytová až 30 lůžek, ambulantní až 12 klientů"; only beds and clients
    (the registered maximum at one time, not free places)."""
    readable = [f for f in forms if f.capacity is not None and f.capacity_unit is not None
                and f.capacity_unit.code in _READER_UNITS]
    parts = []
    for f in readable:
        amount = "až " + count_with_unit(f.capacity, f.capacity_unit.code, f.capacity_unit.name)
        parts.append(f"{f.form.name} {amount}" if len(readable) > 1 else amount)
    return ", ".join(parts)


def place_text(place: ServicePlace) -> str:
    if place.secret:
        return SECRET_PLACE_TEXT
    town = " ".join(p for p in (place.postcode.strip(), place.town.strip()) if p)
    return ", ".join(p for p in (place.name.strip(), place.street.strip(), town) if p)


def _fee(kind: FeeKind | None, note: str) -> str:
    """The fee said once, as a sentence: "Bez úhrady.", "Za úhradu: dle ceníku." or the note alone."""
    note = note.strip().rstrip(".")
    if kind == FeeKind.FREE:
        return f"Bez úhrady ({note})." if note else "Bez úhrady."
    if kind == FeeKind.PAID:
        return f"Za úhradu: {note}." if note else "Za úhradu."
    return f"{note[:1].upper()}{note[1:]}." if note else ""


def _seat(service: Service) -> str:
    p = service.provider
    town = " ".join(part for part in (p.postcode.strip(), p.town.strip()) if part)
    return ", ".join(part for part in (p.street.strip(), town) if part)


def _contacts(service: Service) -> tuple[dict[str, str], frozenset[str]]:
    """Phone, e-mail, web and places of the service; each kind it lacks is the provider's (a citizen
    must be able to reach every printed entry). Returns the values and the kinds taken over."""
    own = {"phone": format_phones(service.phone), "email": service.email.strip(), "web": display_web(service.web)}
    provider = {"phone": format_phones(service.provider.phone), "email": service.provider.email.strip(),
                "web": display_web(service.provider.web)}
    taken = {kind for kind, value in own.items() if not value and provider[kind]}
    values = {kind: own[kind] or provider[kind] for kind in own}
    return values, frozenset(taken)


def _opening(service: Service) -> str:
    hours = describe_week(service.opening_hours)
    note = service.opening_note.strip()
    return f"{hours}; {note}" if hours and note else hours or note


def service_entry(service: Service) -> ServiceEntry:
    stype = service.service_type
    contacts, taken = _contacts(service)
    places = tuple(text for text in (place_text(p) for p in service.places) if text)
    if not places and (seat := _seat(service)):
        places, taken = (seat,), taken | {"address"}
    return ServiceEntry(
        id=service.id,
        name=service.name.strip(),
        provider_id=service.provider_id,
        provider_name=service.provider.name.strip(),
        type_name=stype.name if stype else "",
        paragraph=(stype.paragraph or "") if stype else "",
        type_order=stype.sort_order if stype else 0,
        category=service.related_category.name if service.related_category else "",
        target_groups=tuple(g.name for g in service.target_groups),
        age=age_text(service.age_from, service.age_to, service.age_note),
        places=places,
        phone=contacts["phone"],
        email=contacts["email"],
        web=contacts["web"],
        contact_person=service.contact_person.strip(),
        opening_hours=_opening(service),
        forms=tuple(f.form.name for f in service.forms),
        capacity=_capacity(service.forms),
        fee=_fee(service.fee, service.fee_note),
        description=service.description.strip(),
        contacts_from_provider=taken,
    )


def collect_booklet_data(session: Session, valid_on: dt.date | None = None) -> BookletData:
    """Active services marked for the booklet (in_booklet) whose end date has not passed."""
    valid_on = valid_on or dt.date.today()
    stmt = (
        select(Service)
        .where(Service.status == ServiceStatus.ACTIVE, Service.in_booklet.is_(True),
               or_(Service.ended_on.is_(None), Service.ended_on > valid_on))
        .options(selectinload(Service.provider), selectinload(Service.target_groups),
                 selectinload(Service.forms), selectinload(Service.places),
                 selectinload(Service.opening_hours))
        .order_by(Service.id)
    )
    services = [service_entry(s) for s in session.scalars(stmt)]
    return BookletData(
        office=load_office(session), services=services, valid_on=valid_on,
        all_target_groups=[g.name for g in load_target_groups(session)])

