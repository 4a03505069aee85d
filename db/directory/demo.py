"""Demo data: the directory of the fictional ORP Lipová nad Sázavou (resources/demo/), for trying the app.

Loaded only into an empty directory, so fictional records never mix with real ones. Dates are stored
as "days ago" and computed on loading, so "ověřeno před více než rokem" stays true years later.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import resources
from db.base import now_to_the_second
from db.codelists.index import CodelistIndex
from db.codelists import TargetGroup
from db.database import Database
from db.directory.models import (
    FeeKind, OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, ServiceStatus, Source,
)
from db.errors import UserError
from db.directory.opening_hours import parse_week
from db.settings import OfficeDetails, load_office, save_office

DEMO_FILE = Path(resources.__file__).parent / "demo" / "lipova-nad-sazavou.json"
DEMO_USER = "ukázková data"


@dataclass
class DemoSummary:
    providers: int
    services: int
    office_filled: bool

    def message(self) -> str:
        text = (f"Nahrána ukázková data města Lipová nad Sázavou: poskytovatelé {self.providers}, "
                f"služby {self.services}.")
        if self.office_filled:
            text += " Vyplněny byly i údaje o úřadu v nastavení."
        return text


def read_demo(path: Path = DEMO_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def directory_is_empty(db: Database) -> bool:
    with db.session() as session:
        return not session.scalar(select(func.count()).select_from(Provider))


def load_demo(db: Database, path: Path = DEMO_FILE) -> DemoSummary:
    """Load the demo directory in one transaction; refuses a database that already has providers."""
    data = read_demo(path)
    with db.writing() as session:
        count = session.scalar(select(func.count()).select_from(Provider))
        if count:
            raise UserError(
                f"Adresář už obsahuje poskytovatele (počet: {count}). Ukázková data lze nahrát jen do prázdné databáze, "
                "aby se nesmíchala se skutečnými; pro vyzkoušení použijte samostatný soubor, např. "
                "„main.py --db ukazka.sqlite demo“.")
        builder = _Builder(session, dt.date.today())
        providers = [builder.provider(item) for item in data["providers"]]
        session.add_all(providers)
        office_filled = _fill_office(session, data["office"])
    return DemoSummary(len(providers), sum(len(p.services) for p in providers), office_filled)


def _fill_office(session: Session, values: dict) -> bool:
    """The office details are the clerk's own: filled only when nothing has been entered yet."""
    office = load_office(session)
    if office.town or office.department:
        return False
    save_office(session, OfficeDetails(**values, logo=office.logo))
    return True


class _Builder:
    def __init__(self, session: Session, today: dt.date):
        self.index = CodelistIndex(session)
        self.groups = {g.name: g for g in session.scalars(select(TargetGroup))}
        self.today = today
        self.now = now_to_the_second()

    def _days_ago(self, days: int | None) -> dt.date | None:
        return None if days is None else self.today - dt.timedelta(days=days)

    def _lookup(self, finder, text: str, what: str):
        entry = finder(text)
        if entry is None:
            raise ValueError(f"demo data: unknown {what} {text!r}")
        return entry

    def provider(self, item: dict) -> Provider:
        legal_form = self._lookup(self.index.legal_form, item["legal_form"], "legal form")
        return Provider(
            name=item["name"], ico=item["ico"] or None, legal_form_id=legal_form.id, street=item["street"],
            town=item["town"], postcode=item["postcode"], phone=item.get("phone", ""),
            email=item.get("email", ""), web=item.get("web", ""), data_box=item.get("data_box", ""),
            note=item.get("note", ""), verified_on=self._days_ago(item.get("verified_days_ago")),
            source=Source(item["source"]), changed_by=DEMO_USER, changed_at=self.now,
            services=[self.service(s) for s in item["services"]])

    def service(self, item: dict) -> Service:
        service_type = self.index.service_type(item["kind"])
        category = None if service_type else self._lookup(self.index.related_category, item["kind"], "kind")
        intervals, leftover = parse_week(item.get("hours", ""))
        if leftover:
            raise ValueError(f"demo data: opening hours {item['hours']!r} do not parse")
        status = ServiceStatus(item.get("status", "active"))
        return Service(
            name=item["name"], service_type_id=service_type.id if service_type else None,
            related_category_id=category.id if category else None, registry_id=item.get("registry_id"),
            age_from=item.get("age_from"), age_to=item.get("age_to"), opening_note=item.get("opening_note", ""),
            contact_person=item.get("contact_person", ""), phone=item.get("phone", ""),
            email=item.get("email", ""), fee=FeeKind(item["fee"]) if item.get("fee") else None,
            fee_note=item.get("fee_note", ""), description=item.get("description", ""), status=status,
            ended_on=self._days_ago(item.get("ended_days_ago")), in_booklet=item.get("in_booklet", True),
            note=item.get("note", ""), source=Source.REGISTRY if item.get("registry_id") else Source.MANUAL,
            changed_by=DEMO_USER, changed_at=self.now,
            target_groups=[self.groups[name] for name in item.get("target_groups", [])],
            forms=[self._form(f) for f in item.get("forms", [])],
            places=[ServicePlace(position=i, name=p.get("name", ""), street=p["street"], town=p["town"],
                                 postcode=p["postcode"], secret=p.get("secret", False))
                    for i, p in enumerate(item.get("places", []))],
            areas=[ServiceArea(position=i, municipality=m) for i, m in enumerate(item.get("areas", []))],
            opening_hours=[OpeningHours(weekday=h.weekday, opens=h.opens, closes=h.closes) for h in intervals])

    def _form(self, item: dict) -> ServiceForm:
        form = self._lookup(self.index.provision_form, item["form"], "form")
        unit = self._lookup(self.index.capacity_unit, item["unit"], "unit") if item.get("unit") else None
        return ServiceForm(form_id=form.id, capacity=item.get("capacity"), capacity_unit_id=unit.id if unit else None)
