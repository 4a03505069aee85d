"""Reading the rows of a directory spreadsheet into values, with a Czech reason for every bad cell.

Nothing here touches the database except through the codelist index, so a file can be checked before
anything is written. Rows are then grouped by provider: by IČO, or by name where the IČO is empty; a
later row of a provider may leave the provider's cells empty, but must not contradict the first row.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from db.codelists.index import CodelistIndex, lookup_key
from db.collation import fold
from db.errors import UserError
from db.file_imports import RowProblem
from db.directory.opening_hours import parse_week
from db.directory.validation import (
    MAX_CAPACITY, MUNICIPALITY_LIMIT, PLACE_TEXT_LIMITS, PROVIDER_TEXT_LIMITS, SERVICE_TEXT_LIMITS, too_long,
)
from db.spreadsheet.cells import (
    COLUMNS, PROVIDER_COLUMNS, SERVICE_COLUMNS, Capacity, Place, ProviderValues, ServiceValues, format_date,
    parse_fee, parse_place, split_list, unit_names_by_form,
)
from db.spreadsheet.files import CellError, RawTable, RawValue
from db.printable import unprintable_warning
from db.text import normalize_text
from db.validation import (
    check_email, check_ico, check_phone, check_psc, check_web, format_phone, normalize_ico, normalize_psc,
)

# Column → ProviderValues attribute, for merging the rows of one provider.
PROVIDER_FIELDS = {
    "Poskytovatel": "name", "IČO": "ico", "Právní forma": "legal_form", "Ulice": "street", "Obec": "town",
    "PSČ": "postcode", "Telefon": "phone", "E-mail": "email", "Web": "web", "Ověřeno": "verified_on",
}
# Longest text each column takes (db/directory/validation.py); the fee note, places and the opening
# note are checked once parsed.
MAX_LENGTHS = {
    "Poskytovatel": PROVIDER_TEXT_LIMITS["name"], "Ulice": PROVIDER_TEXT_LIMITS["street"],
    "Obec": PROVIDER_TEXT_LIMITS["town"], "Telefon": PROVIDER_TEXT_LIMITS["phone"],
    "E-mail": PROVIDER_TEXT_LIMITS["email"], "Web": PROVIDER_TEXT_LIMITS["web"],
    "Služba": SERVICE_TEXT_LIMITS["name"], "Kontaktní osoba": SERVICE_TEXT_LIMITS["contact_person"],
    "Telefon služby": SERVICE_TEXT_LIMITS["phone"], "E-mail služby": SERVICE_TEXT_LIMITS["email"],
    "Popis": SERVICE_TEXT_LIMITS["description"],
}
_CAPACITY_RE = re.compile(r"^(?P<form>[^\d:]+?)\s*:?\s*(?P<amount>\d[\d\s\u00a0]*)?(?:\s+(?P<unit>\S.*))?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Cells whose line breaks mean something (a list item, the note under opening hours, a paragraph);
# in every other column a line break typed with Alt+Enter is just a space.
MULTILINE_COLUMNS = frozenset({"Formy", "Cílové skupiny", "Popis", "Provozní doba", "Místo poskytování",
                               "Kapacita", "Územní působnost"})
PHONE_COLUMNS = ("Telefon", "Telefon služby")
# Free text that ends up in print; codelist columns are checked against their lists instead.
PRINTED_COLUMNS = ("Poskytovatel", "Ulice", "Obec", "Telefon", "E-mail", "Web", "Služba", "Popis",
                   "Provozní doba", "Kontaktní osoba", "Telefon služby", "E-mail služby", "Místo poskytování",
                   "Úhrada", "Územní působnost")
# What Excel shows (and saves to CSV) for a long number in a General cell: "4,20731E+11".
_SCIENTIFIC = re.compile(r"^\d[,.]\d*E\+?\d+$", re.I)
# A bare number in Kapacita counts in the usual unit of the one form of provision.
DEFAULT_UNITS = {"pobytová": "lůžka", "ambulantní": "klienti", "terénní": "klienti"}


@dataclass
class ParsedRow:
    row: int
    provider: ProviderValues
    service: ServiceValues | None
    filled: frozenset[str]  # provider columns this row fills in


@dataclass
class ProviderGroup:
    """All good rows of one provider in the file."""

    first_row: int
    provider: ProviderValues
    rows: list[int] = field(default_factory=list)
    services: list[tuple[int, ServiceValues]] = field(default_factory=list)


def cell_text(value: RawValue, multiline: bool = True) -> str:
    """A cell as text: Excel numbers without ".0" (IČO 64581 stays digits), dates as 15. 3. 2026, text
    normalised (db/text.py), on one line unless `multiline`; an error cell is empty (reported apart)."""
    if value is None or isinstance(value, CellError):
        return ""
    if isinstance(value, bool):
        return "ano" if value else "ne"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    return normalize_text(str(value), multiline)


def parse_date(value: RawValue) -> dt.date | None:
    """15. 3. 2026, 15.3.2026, 2026-03-15, an Excel date cell or its serial number; ValueError if none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20000 <= value <= 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = cell_text(value)
    if text.isdigit() and 20000 <= int(text) <= 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(text))
    match = re.fullmatch(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?", text)
    if match:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    raise ValueError(text)


def column_positions(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Where each of our columns is; raises UserError when some are missing. Returns unknown headers too."""
    wanted = {lookup_key(c): c for c in COLUMNS}
    positions: dict[str, int] = {}
    unknown = []
    for index, name in enumerate(header):
        column = wanted.get(lookup_key(name))
        if column is None:
            if name:
                unknown.append(name)
        elif column in positions:
            raise UserError(f"Sloupec „{column}“ je v prvním řádku souboru dvakrát.")
        else:
            positions[column] = index
    missing = [c for c in COLUMNS if c not in positions]
    if missing:
        message = "V prvním řádku souboru chybí sloupce: " + ", ".join(missing) + ". "
        if positions and all(not c.isascii() for c in missing):
            # Only the names with háčky and čárky were not found: the text was saved in another encoding.
            message += ("Chybějí jen názvy s diakritikou, soubor je tedy nejspíš v jiném kódování než UTF-8 "
                        "nebo Windows-1250. V Excelu jej uložte jako „CSV UTF-8 (s oddělovači)“.")
        else:
            message += "Použijte šablonu z aplikace; pořadí sloupců může být libovolné."
        raise UserError(message)
    return positions, unknown


class RowReader:
    """Turns the raw rows of a table into ParsedRows and RowProblems."""

    def __init__(self, index: CodelistIndex):
        self.index = index
        self._unit_forms = unit_names_by_form()
        self.warnings: list[str] = []  # Czech; the row still imports (characters that will not print)

    def read(self, table: RawTable) -> tuple[list[ParsedRow], list[RowProblem], list[str]]:
        positions, unknown = column_positions(table.header)
        parsed, problems = [], []
        for number, values in table.rows:
            cells = {c: values[i] if i < len(values) else None for c, i in positions.items()}
            if not any(cell_text(v) for v in cells.values()):
                continue
            row, row_problems = self.read_row(number, cells)
            problems.extend(row_problems)
            if not row_problems:
                parsed.append(row)
        return parsed, problems, unknown

    def read_row(self, number: int, cells: dict[str, RawValue]) -> tuple[ParsedRow, list[RowProblem]]:
        problems: list[RowProblem] = []

        def report(column: str, message: str | None) -> None:
            if message:
                problems.append(RowProblem(number, column, message))

        text = {c: cell_text(v, c in MULTILINE_COLUMNS) for c, v in cells.items()}
        for column, value in cells.items():
            if isinstance(value, CellError):
                report(column, value.message())
        for column in PHONE_COLUMNS:
            text[column] = self._phone(cells[column], text[column], lambda m, c=column: report(c, m))
        self._warn_unprintable(number, text)
        for column, limit in MAX_LENGTHS.items():
            if len(text[column]) > limit:
                report(column, f"Text je příliš dlouhý ({len(text[column])} znaků, nejvýše {limit}).")
        provider = self._provider(text, cells, report)
        service = self._service(text, report) if any(text[c] for c in SERVICE_COLUMNS) else None
        filled = frozenset(c for c in PROVIDER_COLUMNS if text[c])
        return ParsedRow(number, provider, service, filled), problems

    def _phone(self, value: RawValue, text: str, report) -> str:
        """A phone typed into Excel as a number lost its "+" (420731000111) or became "4,20731E+11"."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if isinstance(value, float) and not value.is_integer():
                report(f"Telefon je v buňce uložený jako číslo {text}; napište jej jako text, např. 731 000 111.")
                return ""
            digits = str(int(value))
            # Nine digits are written as a clerk would type them; twelve starting 420 get their "+" back.
            return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 9 else format_phone(digits)
        if _SCIENTIFIC.match(text):
            report(f"Telefon „{text}“ uložil Excel jako číslo ve vědeckém zápisu a ztratil přitom číslice. "
                   "Napište číslo do buňky znovu jako text (např. 731 000 111), nastavte buňce formát Text.")
            return ""
        return text

    def _warn_unprintable(self, number: int, text: dict[str, str]) -> None:
        record = text["Služba"] or text["Poskytovatel"]
        for column in PRINTED_COLUMNS:
            message = unprintable_warning(f"sloupec {column}", text[column])
            if message:
                self.warnings.append(f"Řádek {number} („{record[:60]}“), {message}")

    # -- provider -------------------------------------------------------------------------------
    def _provider(self, text, cells, report) -> ProviderValues:
        if not text["Poskytovatel"]:
            report("Poskytovatel", "Chybí název poskytovatele.")
        ico = normalize_ico(text["IČO"])
        report("IČO", check_ico(ico))
        legal_form = ""
        if text["Právní forma"]:
            entry = self.index.legal_form(text["Právní forma"])
            if entry is None:
                report("Právní forma", f"Právní formu „{text['Právní forma']}“ číselník nezná "
                                       "(např. spolek, ústav, obecně prospěšná společnost, příspěvková organizace).")
            legal_form = entry.name if entry else ""
        postcode = normalize_psc(text["PSČ"])
        report("PSČ", check_psc(postcode))
        report("Telefon", check_phone(text["Telefon"]))
        report("E-mail", check_email(text["E-mail"]))
        report("Web", check_web(text["Web"]))
        verified_on = None
        try:
            verified_on = parse_date(cells["Ověřeno"])
        except ValueError:
            report("Ověřeno", f"Datum „{text['Ověřeno']}“ zadejte ve tvaru den. měsíc. rok, např. 15. 3. 2026.")
        if verified_on and verified_on > dt.date.today():
            report("Ověřeno", f"Datum ověření {format_date(verified_on)} je v budoucnosti.")
        return ProviderValues(
            name=text["Poskytovatel"], ico=ico, legal_form=legal_form, street=text["Ulice"], town=text["Obec"],
            postcode=postcode, phone=text["Telefon"], email=text["E-mail"], web=text["Web"],
            verified_on=verified_on)

    # -- service --------------------------------------------------------------------------------
    def _service(self, text, report) -> ServiceValues:
        if not text["Služba"]:
            report("Služba", "Chybí název služby (ostatní sloupce služby jsou vyplněné).")
        kind, type_id, category_id = self._kind(text["Druh služby"], report)
        registry_id = re.sub(r"\s", "", text["Identifikátor"])
        if registry_id.isdigit() and len(registry_id) < 7:
            registry_id = registry_id.zfill(7)
        if registry_id and not re.fullmatch(r"\d{7}", registry_id):
            report("Identifikátor", f"Identifikátor služby „{text['Identifikátor']}“ nemá 7 číslic (např. 1234567).")
        forms = self._forms(text["Formy"], text["Kapacita"], report)
        groups = []
        for item in split_list(text["Cílové skupiny"]):
            entry = self.index.target_group(item)
            if entry is None:
                report("Cílové skupiny", f"Cílovou skupinu „{item}“ číselník nezná.")
            elif entry.name not in groups:
                groups.append(entry.name)
        groups.sort(key=self.index.group_order)
        hours, opening_note = parse_week(text["Provozní doba"])
        report("Telefon služby", check_phone(text["Telefon služby"]))
        report("E-mail služby", check_email(text["E-mail služby"]))
        fee, fee_note = parse_fee(text["Úhrada"])
        report("Úhrada", too_long(fee_note, SERVICE_TEXT_LIMITS["fee_note"]))
        report("Provozní doba", too_long(opening_note, SERVICE_TEXT_LIMITS["opening_note"]))
        areas = list(dict.fromkeys(split_list(text["Územní působnost"])))
        for area in areas:
            if len(area) > MUNICIPALITY_LIMIT:
                report("Územní působnost", f"Název obce „{area[:40]}…“ je příliš dlouhý "
                                           f"(nejvýše {MUNICIPALITY_LIMIT} znaků).")
        return ServiceValues(
            name=text["Služba"], kind=kind, type_id=type_id, category_id=category_id, registry_id=registry_id,
            forms=forms, target_groups=tuple(groups), description=text["Popis"], hours=tuple(hours),
            opening_note=opening_note, contact_person=text["Kontaktní osoba"], phone=text["Telefon služby"],
            email=text["E-mail služby"], places=self._places(text["Místo poskytování"], report), fee=fee,
            fee_note=fee_note, areas=tuple(areas))

    def _kind(self, text: str, report) -> tuple[str, int | None, int | None]:
        if not text:
            report("Druh služby", "Chybí druh služby: uveďte paragraf (např. § 40), název druhu sociální "
                                  "služby nebo kategorii související služby.")
            return "", None, None
        service_type = self.index.service_type(text)
        if service_type is not None:
            return service_type.label, service_type.id, None
        category = self.index.related_category(text)
        if category is not None:
            return category.name, None, category.id
        report("Druh služby", f"Druh služby „{text}“ neznáme: uveďte paragraf zákona (např. § 40), název druhu "
                              "(např. pečovatelská služba) nebo kategorii související služby (např. klub seniorů).")
        return "", None, None

    def _forms(self, forms_text: str, capacity_text: str, report) -> tuple[Capacity, ...]:
        names: list[str] = []
        for item in split_list(forms_text):
            entry = self.index.provision_form(item)
            if entry is None:
                report("Formy", f"Formu „{item}“ neznáme: uveďte pobytová, ambulantní nebo terénní.")
            elif entry.name not in names:
                names.append(entry.name)
        capacities: dict[str, Capacity] = {}
        for item in split_list(capacity_text):
            capacity = self._bare_capacity(item, names, report) if _is_number(item) else self._capacity(item, report)
            if capacity is None:
                continue
            if capacity.form not in names:
                report("Kapacita", f"Forma „{capacity.form}“ z kapacity není uvedena ve sloupci Formy.")
            capacities[capacity.form] = capacity
        names.sort(key=self.index.form_order)
        return tuple(capacities.get(name, Capacity(name)) for name in names)

    def _bare_capacity(self, text: str, forms: list[str], report) -> Capacity | None:
        """"35" with one form is that form's capacity in its usual unit (lůžka for pobytová, else klienti)."""
        if len(forms) == 1:
            unit = DEFAULT_UNITS.get(forms[0])
            return Capacity(forms[0], int(re.sub(r"\D", "", text)), unit if unit in self._unit_names() else None)
        if forms:
            report("Kapacita", f"Kapacita „{text}“ je jen číslo, ale služba má více forem ({', '.join(forms)}). "
                               "Uveďte ji u každé formy zvlášť, např. „ambulantní 20 klientů; terénní 35 klientů“.")
        else:
            report("Kapacita", f"Kapacita „{text}“ je jen číslo a ve sloupci Formy chybí forma poskytování; "
                               "doplňte ji (pobytová, ambulantní nebo terénní).")
        return None

    def _unit_names(self) -> set[str]:
        return {unit.name for unit in self.index.units}

    def _capacity(self, text: str, report) -> Capacity | None:
        hint = "Kapacitu zapište jako formu, počet a jednotku, např. „pobytová 30 lůžek; terénní 120 klientů“."
        match = _CAPACITY_RE.match(text)
        form = self.index.provision_form(match["form"]) if match else None
        if form is None or match["amount"] is None:
            report("Kapacita", f"„{text}“: {hint}")
            return None
        unit = None
        if match["unit"]:
            entry = self.index.capacity_unit(match["unit"])
            unit = entry.name if entry else self._unit_forms.get(fold(match["unit"].strip()))
            if unit is None:
                report("Kapacita", f"Jednotku „{match['unit']}“ neznáme (klienti, lůžka, kontakty, intervence, hovory).")
                return None
        amount = int(re.sub(r"\D", "", match["amount"]))
        if amount > MAX_CAPACITY:  # would not fit the database's integer, and no service is that large
            report("Kapacita", f"„{text[:40]}“: kapacita může být nejvýše {MAX_CAPACITY:,}.".replace(",", "\u00a0"))
            return None
        return Capacity(form.name, amount, unit)

    def _places(self, text: str, report) -> tuple[Place, ...]:
        places = []
        for item in split_list(text):
            place = parse_place(item)
            place = dataclasses.replace(place, postcode=normalize_psc(place.postcode))
            message = check_psc(place.postcode)
            if message:
                report("Místo poskytování", f"„{item[:60]}“: {message}")
            for part, limit in PLACE_TEXT_LIMITS.items():
                message = too_long(getattr(place, part), limit)
                if message:
                    label = {"name": "název", "street": "ulice", "town": "obec"}[part]
                    report("Místo poskytování", f"„{item[:40]}…“, {label}: {message}")
            places.append(place)
        return tuple(places)


def _is_number(text: str) -> bool:
    return re.fullmatch(r"\d[\d\s]*", text) is not None


def group_rows(rows: list[ParsedRow]) -> tuple[list[ProviderGroup], list[RowProblem]]:
    """Rows of one provider together; contradicting or duplicate rows become problems."""
    icos_by_name: dict[str, set[str]] = {}
    for row in rows:
        if row.provider.ico:
            icos_by_name.setdefault(row.provider.name, set()).add(row.provider.ico)
    groups: dict[tuple[str, str], ProviderGroup] = {}
    problems: list[RowProblem] = []
    seen_registry: dict[str, int] = {}
    seen_names: dict[tuple[tuple[str, str], str], int] = {}
    for row in rows:
        key = _group_key(row.provider, icos_by_name)
        group = groups.get(key)
        merged = row.provider if group is None else _merge(group, row, problems)
        if merged is None:
            continue
        if row.service is not None and not _unique_service(key, row, seen_registry, seen_names, problems):
            continue
        if group is None:
            group = groups[key] = ProviderGroup(row.row, merged)
        group.provider = merged
        group.rows.append(row.row)
        if row.service is not None:
            group.services.append((row.row, row.service))
    return list(groups.values()), problems


def _group_key(provider: ProviderValues, icos_by_name: dict[str, set[str]]) -> tuple[str, str]:
    if provider.ico:
        return "ico", provider.ico
    icos = icos_by_name.get(provider.name, set())
    # A row without IČO belongs to the provider of the same name that has one, if there is just one.
    return ("ico", next(iter(icos))) if len(icos) == 1 else ("name", provider.name)


def _merge(group: ProviderGroup, row: ParsedRow, problems: list[RowProblem]) -> ProviderValues | None:
    current = group.provider.cells()
    updates = {}
    conflicts = []
    for column in row.filled:
        attribute = PROVIDER_FIELDS[column]
        new = getattr(row.provider, attribute)
        old = getattr(group.provider, attribute)
        if old in ("", None):
            updates[attribute] = new
        elif _loose(old) != _loose(new):
            shown = format_date(old) if isinstance(old, dt.date) else current[column]
            conflicts.append(RowProblem(
                row.row, column, f"Údaj poskytovatele se liší od řádku {group.first_row} („{shown}“). "
                                 "Opravte jej, nebo buňku nechte prázdnou."))
    if conflicts:
        problems.extend(sorted(conflicts, key=lambda p: list(PROVIDER_FIELDS).index(p.column)))
        return None
    return dataclasses.replace(group.provider, **updates)


def _loose(value) -> object:
    # "569 000 999" in one row and "569000999" in the next is the same phone, not a contradiction.
    return re.sub(r"\s", "", value) if isinstance(value, str) else value


def _unique_service(key, row: ParsedRow, seen_registry, seen_names, problems) -> bool:
    """Identifikátor is unique in the file; so is the name of a provider's service that has none."""
    service = row.service
    if service.registry_id:
        seen, column, message = seen_registry, "Identifikátor", f"Identifikátor {service.registry_id}"
        lookup = service.registry_id
    else:
        seen, column, message = seen_names, "Služba", f"Služba „{service.name}“ tohoto poskytovatele"
        lookup = (key, service.name)
    first = seen.get(lookup)
    if first is not None:
        problems.append(RowProblem(row.row, column, f"{message} je v souboru už na řádku {first}."))
        return False
    seen[lookup] = row.row
    return True
