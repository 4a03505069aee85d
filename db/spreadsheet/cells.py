"""The spreadsheet's columns and the text format of each cell, in both directions.

A provider and a service are turned into plain values (`ProviderValues`, `ServiceValues`); `cells()`
writes them as the export does, and the import compares those texts to decide what changed, so export
and import cannot disagree about a format. Composite cells:

- Formy: "pobytová; terénní"; Cílové skupiny and Územní působnost: items separated by ";".
- Kapacita: "pobytová 30 lůžek; terénní 120 klientů" (a form with its capacity and unit); on import a
  bare "35" counts for a service's only form (db/spreadsheet/rows.py).
- Úhrada: "zdarma", "placená", or either with a note after a colon: "placená: dle ceníku" (a sign
  starting the note is part of it: "placená: -2+3").
- Místo poskytování: places separated by ";", each "[název, ]ulice, PSČ obec"; a secret address ends
  with "(neveřejná adresa)" so it survives the round trip and the clerk sees it must not be published.
- Provozní doba: "Po–Pá 8:00–12:00, 13:00–16:00" on the first line, the free note below it.
- Ověřeno: a date, "15. 3. 2026" in CSV and a real date cell in XLSX.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from db.collation import fold
from db.directory.models import FeeKind
from db.directory.opening_hours import Interval, format_week_and_note

COLUMNS = (
    "Poskytovatel", "IČO", "Právní forma", "Ulice", "Obec", "PSČ", "Telefon", "E-mail", "Web",
    "Služba", "Druh služby", "Identifikátor", "Formy", "Cílové skupiny", "Popis", "Provozní doba",
    "Kontaktní osoba", "Telefon služby", "E-mail služby", "Místo poskytování", "Úhrada", "Kapacita",
    "Územní působnost", "Ověřeno",
)
PROVIDER_COLUMNS = COLUMNS[:9] + ("Ověřeno",)
SERVICE_COLUMNS = tuple(c for c in COLUMNS if c not in PROVIDER_COLUMNS)
DATE_COLUMNS = ("Ověřeno",)
SECRET_MARK = "(neveřejná adresa)"
_SECRET_MARKS = (SECRET_MARK, "(utajená adresa)")

Cell = str | dt.date | None

# Czech plural forms (1, 2–4, 5+) of the seeded capacity units, keyed by the codelist name.
UNIT_FORMS = {
    "klienti": ("klient", "klienti", "klientů"),
    "lůžka": ("lůžko", "lůžka", "lůžek"),
    "kontakty": ("kontakt", "kontakty", "kontaktů"),
    "intervence": ("intervence", "intervence", "intervencí"),
    "hovory": ("hovor", "hovory", "hovorů"),
}
# The kind, then one separator (a colon, or a dash standing alone), then the note; a sign that starts
# the note ("placená: -2+3") belongs to it.
_FEE_SEPARATOR = r"\b(?:\s*[:–-](?=\s|$)\s*|\s*:\s*|\s*)(.*)$"
_FREE_RE = re.compile(r"^(zdarma|bezplatn\w*|bez\s+úhrady|bez\s+uhrady)" + _FEE_SEPARATOR, re.I | re.S)
_PAID_RE = re.compile(r"^(placen\w*|za\s+úhradu|za\s+uhradu|hrazen\w*|úhrada|uhrada)" + _FEE_SEPARATOR,
                      re.I | re.S)
# Digits before the town are taken as its PSČ, even a mistyped one, so that the caller can report it.
_PSC_TOWN_RE = re.compile(r"^(\d[\d ]*\d)(?:\s+(\D.*))?$")


@dataclass(frozen=True)
class Capacity:
    """A form of provision with its registered capacity (amount and unit may be unknown)."""

    form: str
    amount: int | None = None
    unit: str | None = None  # codelist name, e.g. "lůžka"


@dataclass(frozen=True)
class Place:
    name: str = ""
    street: str = ""
    town: str = ""
    postcode: str = ""
    secret: bool = False


@dataclass(frozen=True)
class ProviderValues:
    name: str
    ico: str = ""
    legal_form: str = ""
    street: str = ""
    town: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    verified_on: dt.date | None = None

    def cells(self) -> dict[str, Cell]:
        return {
            "Poskytovatel": self.name, "IČO": self.ico, "Právní forma": self.legal_form,
            "Ulice": self.street, "Obec": self.town, "PSČ": self.postcode, "Telefon": self.phone,
            "E-mail": self.email, "Web": self.web, "Ověřeno": self.verified_on,
        }


@dataclass(frozen=True)
class ServiceValues:
    name: str
    kind: str = ""  # "§ 40 pečovatelská služba", a type without paragraph, or a related-service category
    type_id: int | None = field(default=None, compare=False)
    category_id: int | None = field(default=None, compare=False)
    registry_id: str = ""
    forms: tuple[Capacity, ...] = ()
    target_groups: tuple[str, ...] = ()
    description: str = ""
    hours: tuple[Interval, ...] = ()
    opening_note: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    places: tuple[Place, ...] = ()
    fee: FeeKind | None = None
    fee_note: str = ""
    areas: tuple[str, ...] = ()

    def cells(self) -> dict[str, Cell]:
        return {
            "Služba": self.name, "Druh služby": self.kind, "Identifikátor": self.registry_id,
            "Formy": format_list(c.form for c in self.forms),
            "Cílové skupiny": format_list(self.target_groups), "Popis": self.description,
            "Provozní doba": format_week_and_note(list(self.hours), self.opening_note),
            "Kontaktní osoba": self.contact_person, "Telefon služby": self.phone, "E-mail služby": self.email,
            "Místo poskytování": format_places(self.places), "Úhrada": format_fee(self.fee, self.fee_note),
            "Kapacita": format_capacity(self.forms), "Územní působnost": format_list(self.areas),
        }


def empty_service_cells() -> dict[str, Cell]:
    return {column: "" for column in SERVICE_COLUMNS}


# -- formats ------------------------------------------------------------------------------------
def format_list(items) -> str:
    return "; ".join(item for item in items if item)


def split_list(text: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;\n]", text or "") if item.strip()]


def format_date(value: dt.date | None) -> str:
    return f"{value.day}. {value.month}. {value.year}" if value else ""


def unit_form(unit: str, amount: int) -> str:
    forms = UNIT_FORMS.get(unit, (unit, unit, unit))
    return forms[0] if amount == 1 else forms[1] if 2 <= amount <= 4 else forms[2]


def unit_names_by_form() -> dict[str, str]:
    """Every declined form of a seeded unit → the codelist name ("lůžek" → "lůžka")."""
    return {fold(word): name for name, forms in UNIT_FORMS.items() for word in forms}


def format_capacity(forms: tuple[Capacity, ...]) -> str:
    parts = []
    for item in forms:
        if item.amount is None:
            continue
        unit = f" {unit_form(item.unit, item.amount)}" if item.unit else ""
        parts.append(f"{item.form} {item.amount}{unit}")
    return "; ".join(parts)


def format_fee(kind: FeeKind | None, note: str) -> str:
    word = {FeeKind.FREE: "zdarma", FeeKind.PAID: "placená", None: ""}[kind]
    note = (note or "").strip()
    return f"{word}: {note}" if word and note else word or note


def parse_fee(text: str) -> tuple[FeeKind | None, str]:
    """Lenient: text that names neither kind is kept as a note of an unknown fee."""
    text = (text or "").strip()
    for kind, pattern in ((FeeKind.FREE, _FREE_RE), (FeeKind.PAID, _PAID_RE)):
        match = pattern.match(text)
        if match:
            return kind, match[2].strip()
    return None, text


def format_place(place: Place) -> str:
    town = " ".join(part for part in (place.postcode, place.town) if part)
    parts = [place.name] if place.name else []
    if place.name or place.street:
        parts.append(place.street)
    parts.append(town)
    text = ", ".join(parts)
    return f"{text} {SECRET_MARK}" if place.secret else text


def format_places(places: tuple[Place, ...]) -> str:
    return "; ".join(format_place(p) for p in places)


def parse_place(text: str) -> Place:
    """'[název, ]ulice, PSČ obec [(neveřejná adresa)]'; the PSČ is checked by the caller."""
    text = text.strip()
    secret = False
    for mark in _SECRET_MARKS:
        if fold(text).endswith(fold(mark)):
            text, secret = text[: -len(mark)].rstrip(), True
    parts = [p.strip() for p in text.split(",")]
    last = parts[-1]
    match = _PSC_TOWN_RE.match(last)
    postcode, town = (match[1], match[2] or "") if match else ("", last)
    street = parts[-2] if len(parts) >= 2 else ""
    name = ", ".join(parts[:-2])
    return Place(name=name, street=street, town=town.strip(), postcode=postcode, secret=secret)
