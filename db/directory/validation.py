"""Record-level validation of a provider with its services, with Czech messages.

Field formats are checked by db.validation (one wording for the editor and the importers); this module
adds what needs the whole record or the database: required names, the kind of a service, age ranges,
an ended service's date, and duplicate IČO or identifikátor against other records.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.directory.models import Provider, Service, ServiceStatus
from db.directory.records import ProviderRecord, ServiceRecord
from db.errors import ValidationError
from db.validation import (
    check_data_box, check_email, check_ico, check_phone, check_psc, check_registry_id, check_web,
)

PROVIDER_LABELS = {
    "name": "Název", "ico": "IČO", "postcode": "PSČ", "phone": "Telefon", "email": "E-mail", "web": "Web",
    "data_box": "Datová schránka", "verified_on": "Ověřeno dne", "street": "Ulice", "town": "Obec",
    "note": "Poznámka",
}
SERVICE_LABELS = {
    "name": "Název služby", "kind": "Druh služby", "registry_id": "Identifikátor", "forms": "Formy poskytování",
    "age": "Věk klientů", "places": "Místa poskytování", "hours": "Provozní doba", "phone": "Telefon",
    "email": "E-mail", "web": "Web", "status": "Stav", "age_note": "Věk klientů – poznámka",
    "opening_note": "Provozní doba – poznámka", "contact_person": "Kontaktní osoba", "fee_note": "Úhrada – poznámka",
    "description": "Popis pro tisk", "note": "Interní poznámka", "areas": "Územní působnost",
}
# Longest text each field takes: the width of its database column (PostgreSQL would refuse more; see
# models.py) or, for free text without a width, what the printed booklet can hold in one entry (the
# description) or what a note reasonably is. Every editor and importer checks against these.
PROVIDER_TEXT_LIMITS = {"name": 300, "street": 200, "town": 100, "phone": 200, "email": 200, "web": 300,
                        "note": 5000}
SERVICE_TEXT_LIMITS = {"name": 300, "age_note": 300, "opening_note": 500, "contact_person": 200, "phone": 200,
                       "email": 200, "web": 300, "fee_note": 500, "description": 3000, "note": 5000}
PLACE_TEXT_LIMITS = {"name": 300, "street": 200, "town": 100}
MUNICIPALITY_LIMIT = 100  # an item of the area served (územní působnost)
# The largest capacity of a real service is a few thousand clients; more is a typing error or worse
# (and 1e300 would not fit the database's integer).
MAX_CAPACITY = 1_000_000
_TIME_RE = re.compile(r"([01]\d|2[0-4]):[0-5]\d")


@dataclass(frozen=True)
class Problem:
    """One invalid field: `field` is the record attribute (or group), `service_index` its service."""

    field: str
    message: str
    service_index: int | None = None
    label: str = ""


def too_long(text: str, limit: int) -> str | None:
    """The Czech message for a text longer than `limit` characters, else None."""
    if len(text) <= limit:
        return None
    return f"Text je příliš dlouhý ({len(text)} znaků, nejvýše {limit})."


def _length_problems(record, limits: dict[str, int]) -> list[tuple[str, str]]:
    return [(name, message) for name, limit in limits.items()
            if (message := too_long(getattr(record, name) or "", limit))]


def service_title(service: ServiceRecord, index: int) -> str:
    return f"Služba „{service.name.strip()}“" if service.name.strip() else f"Služba č. {index + 1}"


def duplicate_ico_owner(session: Session, ico: str, exclude_provider_id: int | None) -> str | None:
    """Name of another provider that already has this IČO."""
    ico = ico.strip()
    if not ico:
        return None
    query = select(Provider.name).where(Provider.ico == ico)
    if exclude_provider_id is not None:
        query = query.where(Provider.id != exclude_provider_id)
    return session.scalars(query.limit(1)).first()


def duplicate_registry_id_owner(session: Session, registry_id: str,
                                exclude_provider_id: int | None) -> tuple[str, str] | None:
    """(service name, provider name) of another provider's service that already has this identifikátor.

    The provider's own services are left out: the record being saved holds all of them (it is checked
    within itself), and those missing from it are about to be deleted.
    """
    registry_id = registry_id.strip()
    if not registry_id:
        return None
    query = (select(Service.name, Provider.name).join(Provider).where(Service.registry_id == registry_id))
    if exclude_provider_id is not None:
        query = query.where(Service.provider_id != exclude_provider_id)
    row = session.execute(query.limit(1)).first()
    return (row[0], row[1]) if row else None


def ico_duplicate_message(ico: str, owner: str) -> str:
    return f"IČO {ico.strip()} už má v adresáři poskytovatel „{owner}“."


def registry_id_duplicate_message(registry_id: str, owner: tuple[str, str]) -> str:
    return f"Identifikátor {registry_id.strip()} už má služba „{owner[0]}“ poskytovatele „{owner[1]}“."


def _provider_problems(session: Session, record: ProviderRecord, today: dt.date) -> list[Problem]:
    problems = []
    if not record.name.strip():
        problems.append(Problem("name", "Vyplňte název poskytovatele."))
    checks = [("ico", check_ico(record.ico)), ("postcode", check_psc(record.postcode)),
              ("phone", check_phone(record.phone)), ("email", check_email(record.email)),
              ("web", check_web(record.web)), ("data_box", check_data_box(record.data_box))]
    problems += [Problem(name, message) for name, message in checks if message]
    problems += [Problem(name, message) for name, message in _length_problems(record, PROVIDER_TEXT_LIMITS)]
    if not any(p.field == "ico" for p in problems):
        owner = duplicate_ico_owner(session, record.ico, record.id)
        if owner:
            problems.append(Problem("ico", ico_duplicate_message(record.ico, owner)))
    if record.verified_on and record.verified_on > today:
        problems.append(Problem("verified_on", "Datum ověření nemůže být v budoucnosti."))
    return problems


def _service_field_problems(service: ServiceRecord) -> list[tuple[str, str]]:
    problems = []
    if not service.name.strip():
        problems.append(("name", "Vyplňte název služby."))
    if service.service_type_id is None and service.related_category_id is None:
        problems.append(("kind", "Vyberte druh sociální služby, nebo u související služby její kategorii."))
    elif service.service_type_id is not None and service.related_category_id is not None:
        problems.append(("kind", "Služba má buď druh sociální služby, nebo kategorii související služby, "
                                 "ne obojí."))
    message = check_registry_id(service.registry_id)
    if message:
        problems.append(("registry_id", message))
    form_ids = [f.form_id for f in service.forms]
    if len(set(form_ids)) != len(form_ids):
        problems.append(("forms", "Každá forma poskytování smí být uvedena jen jednou."))
    if any(f.capacity is not None and f.capacity < 0 for f in service.forms):
        problems.append(("forms", "Kapacita nesmí být záporná."))
    if any(f.capacity is not None and f.capacity > MAX_CAPACITY for f in service.forms):
        problems.append(("forms", f"Kapacita může být nejvýše {MAX_CAPACITY:,}.".replace(",", "\u00a0")))
    ages = [a for a in (service.age_from, service.age_to) if a is not None]
    if any(not 0 <= a <= 130 for a in ages):
        problems.append(("age", "Věk zadejte v letech od 0 do 130."))
    elif len(ages) == 2 and service.age_from > service.age_to:
        problems.append(("age", "Věk „od“ nesmí být vyšší než věk „do“."))
    for place in service.places:
        if not (place.name.strip() or place.street.strip() or place.town.strip()):
            problems.append(("places", "U každého místa poskytování vyplňte alespoň název, ulici nebo obec."))
        message = check_psc(place.postcode)
        if message:
            problems.append(("places", f"Místo „{place.name or place.town}“: {message}"))
        for part, message in _length_problems(place, PLACE_TEXT_LIMITS):
            label = {"name": "název", "street": "ulice", "town": "obec"}[part]
            problems.append(("places", f"Místo „{(place.name or place.town)[:40]}“, {label}: {message}"))
    for area in service.areas:
        if len(area) > MUNICIPALITY_LIMIT:
            problems.append(("areas", f"Název obce „{area[:40]}…“ je příliš dlouhý (nejvýše {MUNICIPALITY_LIMIT} "
                                      "znaků)."))
    problems += _length_problems(service, SERVICE_TEXT_LIMITS)
    for interval in service.opening_hours:
        if not (0 <= interval.weekday <= 6 and _TIME_RE.fullmatch(interval.opens)
                and _TIME_RE.fullmatch(interval.closes) and interval.opens < interval.closes):
            problems.append(("hours", f"Interval {interval.opens}–{interval.closes} není platný."))
    checks = [("phone", check_phone(service.phone)), ("email", check_email(service.email)),
              ("web", check_web(service.web))]
    problems += [(name, message) for name, message in checks if message]
    if service.status is ServiceStatus.ENDED and service.ended_on is None:
        problems.append(("status", "U ukončené služby vyplňte datum ukončení."))
    return problems


def _registry_id_problems(session: Session, record: ProviderRecord) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for index, service in enumerate(record.services):
        registry_id = service.registry_id.strip()
        if not registry_id or check_registry_id(registry_id):
            continue
        if registry_id in seen:
            other = record.services[seen[registry_id]]
            problems.append(Problem("registry_id", f"Identifikátor {registry_id} je uveden i u služby "
                                                   f"„{other.name.strip()}“ téhož poskytovatele.", index))
            continue
        seen[registry_id] = index
        owner = duplicate_registry_id_owner(session, registry_id, record.id)
        if owner:
            problems.append(Problem("registry_id", registry_id_duplicate_message(registry_id, owner), index))
    return problems


def provider_problems(session: Session, record: ProviderRecord,
                      today: dt.date | None = None) -> list[Problem]:
    """Every problem of the provider and its services, labelled for the clerk."""
    today = today or dt.date.today()
    problems = [Problem(p.field, p.message, None, PROVIDER_LABELS.get(p.field, p.field))
                for p in _provider_problems(session, record, today)]
    for index, service in enumerate(record.services):
        for name, message in _service_field_problems(service):
            problems.append(Problem(name, message, index))
    problems += _registry_id_problems(session, record)
    return [_labelled(p, record) for p in problems]


def _labelled(problem: Problem, record: ProviderRecord) -> Problem:
    if problem.service_index is None:
        return problem
    service = record.services[problem.service_index]
    label = f"{service_title(service, problem.service_index)} – {SERVICE_LABELS.get(problem.field, problem.field)}"
    return Problem(problem.field, problem.message, problem.service_index, label)


def validate_provider(session: Session, record: ProviderRecord) -> None:
    """Raise ValidationError listing (field label, message) for everything wrong with the record."""
    problems = provider_problems(session, record)
    if problems:
        raise ValidationError([(p.label, p.message) for p in problems])
