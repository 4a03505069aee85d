"""One item of rpss.json (one registered service) turned into the application's vocabulary.

Every field is read defensively: the register's export has fields whose inner shape is not
documented, so an unexpected shape gives a warning for that record and never a crash. A record the
directory cannot hold at all (no provider, no IČO, no identifier) raises MalformedRecord with a
Czech reason; the import lists it and goes on with the rest.

Personal data is never read: statutory bodies (poskytovatel.statutarniOrgany) and facility leaders
(zarizeni[].vedouci) are simply not touched.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from db.directory.validation import MAX_CAPACITY
from db.registry.codelists import REQUIRED_FILES, RegisterCodelists
from db.registry.mapping import AgeRange, CodelistMapping, combine_ages
from db.printable import unprintable_warning
from db.text import normalize_text
from db.validation import (
    check_email, check_ico, check_phone, check_web, display_web, format_phone, normalize_ico, normalize_psc,
)

# Column widths of the directory's tables (db/directory/models.py).
PHONE_WIDTH, EMAIL_WIDTH, WEB_WIDTH, NAME_WIDTH = 200, 200, 300, 300
STREET_WIDTH, TOWN_WIDTH, NOTE_WIDTH = 200, 100, 300
_KEY = re.compile(r"[0-9A-Za-z-]{1,40}")

SECRET_PLACE_TEXT = "utajená adresa"


class MalformedRecord(ValueError):
    """The record cannot be imported; str(exc) is the Czech reason."""


@dataclass(frozen=True)
class PlaceData:
    """A facility (zařízení) as a place of provision. A secret one keeps no street and no PSČ."""

    name: str
    street: str
    town: str
    postcode: str
    secret: bool

    def label(self) -> str:
        if self.secret:
            return f"{self.name} ({SECRET_PLACE_TEXT})" if self.name else f"({SECRET_PLACE_TEXT})"
        address = ", ".join(p for p in (self.street, f"{self.postcode} {self.town}".strip()) if p)
        return " – ".join(p for p in (self.name, address) if p)


@dataclass(frozen=True)
class FormData:
    form: str  # our ProvisionForm.code
    capacity: int | None
    unit: str | None  # our CapacityUnit.code


@dataclass(frozen=True)
class ProviderData:
    ico: str
    name: str
    phone: str
    email: str
    web: str


@dataclass(frozen=True)
class ServiceData:
    portal_id: str
    registry_id: str | None
    name: str
    provider_ico: str
    service_type: str | None  # our ServiceType.name
    target_groups: frozenset[str]  # our TargetGroup names
    forms: tuple[FormData, ...]
    places: tuple[PlaceData, ...]
    phone: str
    email: str
    web: str
    ages: AgeRange | None  # None: not known (no age codelist given)
    age_note: str
    ended_on: dt.date | None
    area: frozenset[str]  # territorial ids of the service's addresses


@dataclass
class ParsedRecord:
    service: ServiceData
    provider: ProviderData
    warnings: list[str] = field(default_factory=list)


# -- small defensive readers ---------------------------------------------------------------------
def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _ref(value) -> str | None:
    """The id of a codelist reference {"id": "Codelist/value"}."""
    ref = _dict(value).get("id")
    return str(ref) if ref not in (None, "") else None


def record_number(portal_id: str | None) -> str:
    """The register's own number of a record (its portalId) in the clerk's words."""
    return f"záznam registru č. {portal_id}"


def code_of(ref: str | None) -> str:
    """The clerk's view of a codelist reference: "DruhSocialniSluzby/99" → "kód 99"; None → "bez kódu"."""
    return f"kód {ref.rpartition('/')[2] or ref}" if ref else "bez kódu"


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("cs")
    return normalize_text(str(value)) if value not in (None, "") and not isinstance(value, (dict, list)) else ""


def _date(value, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise MalformedRecord(f"neplatné datum {what} „{value}“") from None


def _key(value) -> str | None:
    """An identifier as text: digits of an integer (or of a float without a fraction, as the stream
    parser may give a huge one), text as it is; None when absent."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, float):
        return f"{value:g}"
    return _text(value) or None


def record_keys(item: dict) -> tuple[str | None, str | None]:
    """(identifikátor, portalId) as text, whatever JSON type the register used."""
    return _key(item.get("identifikator")), _key(item.get("portalId"))


# -- territory -----------------------------------------------------------------------------------
def _active_facilities(item: dict, today: dt.date) -> list[dict]:
    result = []
    for facility in _list(item.get("zarizeni")):
        facility = _dict(facility)
        try:
            until = _date(facility.get("poskytujeDo"), "konce poskytování v zařízení")
        except MalformedRecord:
            until = None  # a facility with an unreadable end date is kept: losing a place is worse
        if facility and (until is None or until >= today):
            result.append(facility)
    return result


def _address_ids(address: dict, codelists: RegisterCodelists) -> set[str]:
    return codelists.complete_address_ids(_ref(address.get("obec")), _ref(address.get("okres")),
                                          _ref(address.get("kraj")))


def area_ids(item: dict, codelists: RegisterCodelists, today: dt.date) -> frozenset[str]:
    """Kraj, okres and obec ids of the service's active facilities and contact addresses.

    The provider's seat is not counted: the register's export does not carry it, and a provider seated
    in the town whose services all run elsewhere does not belong in the town's directory.
    """
    ids: set[str] = set()
    for facility in _active_facilities(item, today):
        ids |= _address_ids(_dict(facility.get("adresa")), codelists)
    for contact in _list(item.get("kontaktniAdresy")):
        ids |= _address_ids(_dict(_dict(contact).get("adresa")), codelists)
    return frozenset(ids)


# -- contacts ------------------------------------------------------------------------------------
def _join_fitting(values: list[str], width: int) -> str:
    """Values joined by '; ', dropping those that would overflow the column."""
    result = ""
    for value in dict.fromkeys(values):
        candidate = f"{result}; {value}" if result else value
        if len(candidate) <= width:
            result = candidate
    return result


def _phones(holder: dict, warnings: list[str]) -> list[str]:
    phones = []
    for entry in _list(holder.get("telefony")):
        number = _text(_dict(entry).get("telefon"))
        if number:
            if check_phone(number):
                warnings.append(f"telefon „{number}“ nemá tvar českého čísla – převzat, jak je")
            phones.append(format_phone(number))
    return phones


def _emails(holder: dict, warnings: list[str]) -> list[str]:
    emails = []
    for entry in _list(holder.get("emaily")):
        email = _text(_dict(entry).get("email"))
        if email:
            if check_email(email):
                warnings.append(f"e-mail „{email}“ nemá platný tvar – převzat, jak je")
            emails.append(email)
    return emails


def _webs(holder: dict, warnings: list[str]) -> list[str]:
    webs = []
    for entry in _list(holder.get("weby")):
        web = _text(_dict(entry).get("web"))
        if web:
            if check_web(web):
                warnings.append(f"web „{web}“ nemá platný tvar – převzat, jak je")
            webs.append(display_web(web))
    return webs


def _contacts(service: dict, provider: dict, warnings: list[str]) -> tuple[str, str, str]:
    """Phone, e-mail and web of the service; each kind the service lacks comes from its provider."""
    phones = _phones(service, warnings) or _phones(provider, [])
    emails = _emails(service, warnings) or _emails(provider, [])
    webs = _webs(service, warnings) or _webs(provider, [])
    return (_join_fitting(phones, PHONE_WIDTH), _join_fitting(emails, EMAIL_WIDTH),
            webs[0][:WEB_WIDTH] if webs else "")


# -- provider ------------------------------------------------------------------------------------
def parse_provider(raw, warnings: list[str], known: dict[str, ProviderData]) -> ProviderData:
    """The provider of one item; one already read from an earlier item of the file is reused."""
    if not isinstance(raw, dict) or not raw:
        raise MalformedRecord("chybí poskytovatel")
    ico = normalize_ico(_text(raw.get("ico")))
    if not ico:
        raise MalformedRecord("poskytovatel nemá IČO")
    if not re.fullmatch(r"\d{8}", ico):
        raise MalformedRecord(f"poskytovatel má neplatné IČO „{ico}“")
    if ico in known:
        return known[ico]
    if check_ico(ico):
        warnings.append(f"IČO {ico} nemá platný kontrolní součet – převzato, jak je v registru")
    name = _text(raw.get("nazev"))
    if not name:
        raise MalformedRecord(f"poskytovatel s IČO {ico} nemá název")
    # Problems in the provider's own contacts are not reported: they would repeat on every service.
    return ProviderData(
        ico=ico, name=name[:NAME_WIDTH],
        phone=_join_fitting(_phones(raw, []), PHONE_WIDTH),
        email=_join_fitting(_emails(raw, []), EMAIL_WIDTH),
        web=next(iter(_webs(raw, [])), "")[:WEB_WIDTH],
    )


# -- the service ---------------------------------------------------------------------------------
def _place(facility: dict, codelists: RegisterCodelists, warnings: list[str]) -> PlaceData:
    address = _dict(facility.get("adresa"))
    obec = _ref(address.get("obec"))
    town = codelists.obce[obec].name if obec in codelists.obce else ""
    if obec and not town:
        warnings.append(f"obec „{obec}“ není v číselníku {REQUIRED_FILES['obce']} – místo je bez názvu obce")
    secret = facility.get("utajenaAdresa") is True
    if secret:
        # Kept out of the database altogether, so no list, export or printout can ever show it.
        return PlaceData(_text(facility.get("nazev"))[:NAME_WIDTH], "", town[:TOWN_WIDTH], "", True)
    street = _text(_dict(address.get("ulice")).get("nazev")) or _text(address.get("ulice"))
    house = _house_number(address.get("cisloDomovni"), warnings)
    orientation = _house_number(address.get("cisloOrientacni"), warnings)
    number = "/".join(n for n in (house, orientation) if n)
    street_line = f"{street} {number}".strip() if street else (f"č. p. {house}" if house else "")
    return PlaceData(_text(facility.get("nazev"))[:NAME_WIDTH], street_line[:STREET_WIDTH], town[:TOWN_WIDTH],
                     _postcode(address.get("psc"), warnings), False)


def _house_number(value, warnings: list[str]) -> str:
    """A house number: an integer 1–99 999 or short text ("12a"); anything else is left out."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 100_000:
        return str(value)
    if isinstance(value, str) and 0 < len(value.strip()) <= 10:
        return value.strip()
    shown = f"{value:g}" if isinstance(value, float) else str(value)[:20]
    warnings.append(f"číslo domu „{shown}“ nelze přečíst – vynecháno")
    return ""


def _postcode(value, warnings: list[str]) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 10_000 <= value <= 99_999:
        value = str(value)
    text = normalize_psc(_text(value)) if isinstance(value, str) else ""
    if value not in (None, "") and not re.fullmatch(r"\d{3} \d{2}", text):
        warnings.append(f"PSČ „{str(value)[:20]}“ nemá tvar NNN NN – vynecháno")
        return ""
    return text


def _service_type(item: dict, mapping: CodelistMapping, warnings: list[str]) -> str | None:
    ref = _ref(item.get("druhSocialniSluzby"))
    if ref is None:
        warnings.append("chybí druh služby – importována bez druhu")
    elif ref not in mapping.service_types:
        warnings.append(f"neznámý druh služby ({code_of(ref)}, není v číselníku "
                        f"{REQUIRED_FILES['service_types']}) – importována bez druhu")
    elif mapping.service_types[ref] is None:
        warnings.append(f"druh služby „{mapping.register.service_types[ref]}“ nemá protějšek v seznamu druhů "
                        "aplikace – importována bez druhu")
    return mapping.service_types.get(ref) if ref else None


def _inner_ref(entry, key: str) -> str | None:
    """Reference inside a list entry: {"cilovaSkupina": {"id": …}}, tolerating a bare {"id": …}."""
    entry = _dict(entry)
    return _ref(entry.get(key)) or _ref(entry)


def _target_groups(item: dict, mapping: CodelistMapping, warnings: list[str]) -> frozenset[str]:
    groups = set()
    for entry in _list(item.get("ciloveSkupiny")):
        ref = _inner_ref(entry, "cilovaSkupina")
        name = mapping.target_groups.get(ref) if ref else None
        if name:
            groups.add(name)
        elif ref in mapping.target_groups:
            warnings.append(f"cílová skupina „{mapping.register.target_groups[ref]}“ nemá protějšek "
                            "v seznamu aplikace – vynechána")
        else:
            warnings.append(f"neznámá cílová skupina ({code_of(ref)}) – vynechána")
    return frozenset(groups)


def _count(value) -> int | None:
    """A capacity from the file: a whole number 0–MAX_CAPACITY (an integer, a float without a
    fraction, or digits as text); None when absent. Anything else raises MalformedRecord: 1.5e300
    would overflow the database's integer, and a guess would print a wrong capacity."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise MalformedRecord(f"kapacita „{value}“ není počet")
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
        value = int(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) <= MAX_CAPACITY:
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= MAX_CAPACITY:
        shown = f"{value:g}" if isinstance(value, float) else str(value)[:40]
        raise MalformedRecord(f"kapacita „{shown}“ není počet od 0 do {MAX_CAPACITY:,}".replace(",", "\u00a0"))
    return value


def _capacity(form: dict, mapping: CodelistMapping, warnings: list[str]) -> tuple[int | None, str | None]:
    for capacity in _list(form.get("kapacity")):
        capacity = _dict(capacity)
        count = _count(capacity.get("pocet"))
        if count is None:
            continue
        ref = _ref(capacity.get("typ"))
        unit = mapping.capacity_units.get(ref) if ref else None
        if ref in mapping.capacity_units and unit is None:
            warnings.append(f"typ kapacity „{mapping.register.capacity_types[ref]}“ nemá protějšek v jednotkách "
                            "aplikace – kapacita převzata bez jednotky")
        elif ref and unit is None:
            warnings.append(f"neznámý typ kapacity ({code_of(ref)}) – kapacita převzata bez jednotky")
        return count, unit
    return None, None


def _forms(item: dict, mapping: CodelistMapping, warnings: list[str]) -> tuple[FormData, ...]:
    forms: dict[str, FormData] = {}
    for raw in _list(item.get("formy")):
        raw = _dict(raw)
        ref = _ref(raw.get("forma"))
        code = mapping.forms.get(ref) if ref else None
        if code is None:
            known = mapping.register.forms.get(ref or "")
            warnings.append(f"forma poskytování „{known}“ nemá protějšek v seznamu aplikace – vynechána" if known
                            else f"neznámá forma poskytování ({code_of(ref)}) – vynechána")
            continue
        forms.setdefault(code, FormData(code, *_capacity(raw, mapping, warnings)))
    return tuple(sorted(forms.values(), key=lambda f: f.form))


def _ages(item: dict, mapping: CodelistMapping, warnings: list[str]) -> AgeRange | None:
    raw = item.get("vekoveSkupiny")
    if raw is not None and not isinstance(raw, list):
        warnings.append("věkové skupiny mají neočekávaný tvar – věk nebyl převzat")
        return None
    if mapping.age_groups is None or not raw:
        return None
    bands = []
    for entry in raw:
        ref = _inner_ref(entry, "vekovaSkupina")
        band = mapping.age_groups.get(ref) if ref else None
        if band is None:
            warnings.append(f"věkovou skupinu „{ref}“ nelze přečíst – vynechána")
        else:
            bands.append(band)
    return combine_ages(bands) if bands else None


def _short_provider_name(name: str) -> str:
    """Provider name without its legal form: "Charita Chodov, z. s." → "Charita Chodov"."""
    return name.rsplit(", ", 1)[0] if ", " in name else name


def _service_name(item: dict, facilities: list[dict], type_name: str | None, provider: ProviderData) -> str:
    """The export has no service name: one facility lends its name, otherwise type and provider make one."""
    own = _text(item.get("nazev"))
    if own:
        return own
    names = [_text(f.get("nazev")) for f in facilities]
    if len(names) == 1 and names[0]:
        return names[0]
    kind = type_name[:1].upper() + type_name[1:] if type_name else "Sociální služba"
    return f"{kind} – {_short_provider_name(provider.name)}"


def parse_item(item: dict, mapping: CodelistMapping, area: frozenset[str], today: dt.date,
               known_providers: dict[str, ProviderData]) -> ParsedRecord:
    registry_id, portal_id = record_keys(item)
    if registry_id is None and portal_id is None:
        raise MalformedRecord("chybí identifikátor služby i číslo záznamu registru")
    if registry_id is not None and not re.fullmatch(r"\d{1,7}", registry_id):
        raise MalformedRecord(f"neplatný identifikátor služby „{registry_id[:40]}“")
    if portal_id is not None and not _KEY.fullmatch(portal_id):
        raise MalformedRecord(f"neplatné portalId „{portal_id[:40]}“")
    warnings: list[str] = []
    provider = parse_provider(item.get("poskytovatel"), warnings, known_providers)
    ended_on = _date(item.get("datumPoskytovaniDo"), "konce poskytování")
    facilities = _active_facilities(item, today)
    type_name = _service_type(item, mapping, warnings)
    phone, email, web = _contacts(item, _dict(item.get("poskytovatel")), warnings)
    service = ServiceData(
        portal_id=portal_id or "", registry_id=registry_id,
        name=_service_name(item, facilities, type_name, provider)[:NAME_WIDTH],
        provider_ico=provider.ico, service_type=type_name,
        target_groups=_target_groups(item, mapping, warnings),
        forms=_forms(item, mapping, warnings),
        places=tuple(_place(f, mapping.register, warnings) for f in facilities),
        phone=phone, email=email, web=web,
        ages=_ages(item, mapping, warnings),
        age_note=_text(item.get("doplnujiciInformaceVekoveSkupiny"))[:NOTE_WIDTH],
        ended_on=ended_on, area=area,
    )
    for field_name, text in (("název poskytovatele", provider.name), ("název služby", service.name)):
        message = unprintable_warning(field_name, text)
        if message:
            warnings.append(message)
    return ParsedRecord(service, provider, warnings)
