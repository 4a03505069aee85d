"""Import of a directory spreadsheet: a preview first (`plan_import`), then `apply_import` in one transaction.

Matching: a provider by IČO, else by its exact name; a service by identifikátor, else by its provider and
exact name. Only the spreadsheet's columns are compared and written; what the sheet does not carry
(datová schránka, notes, status, "include in booklet", age range) is left as it is.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.codelists.index import CodelistIndex, lookup_key
from db.database import Database
from db.codelists import TargetGroup
from db.directory.models import (
    OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, Source, service_target_group,
)
from db.errors import UserError
from db.file_imports import MAX_LISTED_PROBLEMS, Action, RowProblem, RowsPreview, bad_rows_message
from db.versioning import bump
from db.spreadsheet.cells import (
    COLUMNS, PROVIDER_COLUMNS, SERVICE_COLUMNS, Cell, ProviderValues, ServiceValues, format_date,
)
from db.spreadsheet.entries import ProviderEntry, ServiceEntry, load_entries
from db.spreadsheet.files import read_table
from db.spreadsheet.rows import ProviderGroup, RowReader, group_rows
from db.runtime import current_user

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel
SKIP_ADVICE = "Opravte je, nebo zvolte přeskočení chybných řádků."


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.column}: „{self.old}“ → „{self.new}“"


@dataclass
class ProviderPlan:
    row: int
    values: ProviderValues
    action: Action
    changes: list[FieldChange] = field(default_factory=list)
    existing_id: int | None = None


@dataclass
class ServicePlan:
    row: int
    provider_name: str
    values: ServiceValues
    action: Action
    changes: list[FieldChange] = field(default_factory=list)
    existing_id: int | None = None
    provider_plan: ProviderPlan | None = field(default=None, repr=False)


class ImportCancelled(UserError):
    pass


@dataclass
class ImportPreview(RowsPreview):
    """What an import would do; shown by the dialog, printed by --dry-run, asserted by tests."""

    source: Path
    row_count: int
    providers: list[ProviderPlan]
    services: list[ServicePlan]
    problems: list[RowProblem]
    ignored_columns: list[str]
    groups: list[ProviderGroup] = field(repr=False, default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Czech; nothing here stops the import

    @property
    def has_changes(self) -> bool:
        return any(p.action is not Action.SAME for p in [*self.providers, *self.services])

    def summary(self) -> list[str]:
        lines = [f"Soubor {self.source.name} – řádků s daty: {self.row_count}"]
        for label, plans in (("Poskytovatelé", self.providers), ("Služby", self.services)):
            lines.append(f"{label} – nové: {self.count(plans, Action.ADD)}, změněné: "
                         f"{self.count(plans, Action.CHANGE)}, beze změny: {self.count(plans, Action.SAME)}")
        lines.append(f"Chybné řádky: {len(self.bad_rows)}")
        if self.warnings:
            lines.append(f"Upozornění: {len(self.warnings)}")
        if self.ignored_columns:
            lines.append("Neznámé sloupce (přeskočeny): " + ", ".join(self.ignored_columns))
        return lines

    def details(self) -> list[str]:
        """Every addition, change and bad row, one line each (for --dry-run and the log)."""
        lines = []
        for plan in self.providers:
            label = f"poskytovatel „{plan.values.name}“" + (f" (IČO {plan.values.ico})" if plan.values.ico else "")
            lines.extend(_plan_lines(plan, label))
        for plan in self.services:
            lines.extend(_plan_lines(plan, f"služba „{plan.values.name}“ ({plan.provider_name})"))
        lines.extend(str(problem) for problem in self.problems)
        lines.extend(f"Upozornění – {warning}" for warning in self.warnings)
        return lines


def _plan_lines(plan, label: str) -> list[str]:
    if plan.action is Action.ADD:
        return [f"Přibude {label} – řádek {plan.row}"]
    return [f"Změní se {label} – řádek {plan.row}: {change}" for change in plan.changes]


@dataclass
class ImportResult:
    providers_added: int = 0
    providers_changed: int = 0
    services_added: int = 0
    services_changed: int = 0
    skipped_rows: list[int] = field(default_factory=list)
    backup: Path | None = None

    def message(self) -> str:
        text = (f"Poskytovatelé – přidáno {self.providers_added}, změněno {self.providers_changed}; "
                f"služby – přidáno {self.services_added}, změněno {self.services_changed}.")
        if self.skipped_rows:
            text += f" Přeskočené chybné řádky: {_row_list(self.skipped_rows)}."
        return text


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:MAX_LISTED_PROBLEMS])
    return shown + (f" a dalších {len(rows) - MAX_LISTED_PROBLEMS}" if len(rows) > MAX_LISTED_PROBLEMS else "")


def _refusal(problems: list[RowProblem]) -> UserError:
    return UserError(bad_rows_message(problems, len({p.row for p in problems}), SKIP_ADVICE))


# -- planning -----------------------------------------------------------------------------------
def plan_import(db: Database, path: Path | str) -> ImportPreview:
    """Read the file and compare it with the directory; writes nothing."""
    path = Path(path)
    known = {lookup_key(column) for column in COLUMNS}
    table = read_table(path, "Poskytovatel", lambda name: lookup_key(name) in known)
    with db.session() as session:
        reader = RowReader(CodelistIndex(session))
        rows, problems, unknown = reader.read(table)
        groups, group_problems = group_rows(rows)
        matcher = _Matcher(session)
        providers, services, match_problems = matcher.plan(groups)
    all_problems = sorted([*problems, *group_problems, *match_problems],
                          key=lambda p: (p.row, COLUMNS.index(p.column)))
    row_count = len({*(r.row for r in rows), *(p.row for p in all_problems)})
    return ImportPreview(path, row_count, providers, services, all_problems, unknown, groups,
                         [*table.warnings, *reader.warnings])


def _cell_text(value: Cell) -> str:
    return format_date(value) if isinstance(value, dt.date) else (value or "")


def _changes(old: dict[str, Cell], new: dict[str, Cell], columns) -> list[FieldChange]:
    return [FieldChange(c, _cell_text(old[c]), _cell_text(new[c])) for c in columns if old[c] != new[c]]


class _Matcher:
    """Finds the existing records the groups of a file refer to, within one session."""

    def __init__(self, session: Session):
        entries = load_entries(session)
        self.providers = {p.id: p for p in entries}
        self.by_ico = {p.values.ico: p for p in entries if p.values.ico}
        self.by_name: dict[str, list[ProviderEntry]] = defaultdict(list)
        for provider in entries:
            self.by_name[provider.values.name].append(provider)
        self.services = {s.id: s for p in entries for s in p.services}
        self.by_registry = {s.values.registry_id: s for s in self.services.values() if s.values.registry_id}

    def plan(self, groups: list[ProviderGroup]):
        providers: list[ProviderPlan] = []
        services: list[ServicePlan] = []
        problems: list[RowProblem] = []
        claimed_providers: dict[int, int] = {}
        claimed_services: dict[int, int] = {}
        for group in groups:
            existing, problem = self._find_provider(group, claimed_providers)
            if problem:
                problems.extend(RowProblem(row, "Poskytovatel", problem) for row in group.rows)
                continue
            plan = self._provider_plan(group, existing)
            providers.append(plan)
            for row, values in group.services:
                found, problem = self._find_service(values, existing, row, claimed_services)
                if problem:
                    problems.append(RowProblem(row, *problem))
                    continue
                services.append(self._service_plan(row, plan, values, found))
        return providers, services, problems

    def _find_provider(self, group: ProviderGroup, claimed: dict[int, int]) -> tuple[ProviderEntry | None, str]:
        values = group.provider
        existing = self.by_ico.get(values.ico) if values.ico else None
        if existing is None:
            candidates = [p for p in self.by_name.get(values.name, []) if not (values.ico and p.values.ico)]
            if len(candidates) > 1:
                return None, (f"V adresáři je více poskytovatelů se jménem „{values.name}“; doplňte IČO, "
                              "aby bylo jasné, kterého se řádek týká.")
            existing = candidates[0] if candidates else None
        if existing is not None:
            first = claimed.setdefault(existing.id, group.first_row)
            if first != group.first_row:
                return None, (f"Řádek se týká stejného poskytovatele v adresáři („{existing.values.name}“) "
                              f"jako řádek {first}; sjednoťte název a IČO.")
        return existing, ""

    def _find_service(self, values: ServiceValues, provider: ProviderEntry | None, row: int,
                      claimed: dict[int, int]) -> tuple[ServiceEntry | None, tuple[str, str] | None]:
        found = self.by_registry.get(values.registry_id) if values.registry_id else None
        if found is None and provider is not None:
            candidates = [s for s in provider.services
                          if s.values.name == values.name and not (values.registry_id and s.values.registry_id)]
            if len(candidates) > 1:
                return None, ("Služba", f"Poskytovatel má v adresáři více služeb „{values.name}“; "
                                        "doplňte identifikátor.")
            found = candidates[0] if candidates else None
        if found is not None:
            first = claimed.setdefault(found.id, row)
            if first != row:
                return None, ("Služba", f"Řádek se týká stejné služby v adresáři („{found.values.name}“) "
                                        f"jako řádek {first}.")
        return found, None

    def _provider_plan(self, group: ProviderGroup, existing: ProviderEntry | None) -> ProviderPlan:
        if existing is None:
            return ProviderPlan(group.first_row, group.provider, Action.ADD)
        changes = _changes(existing.values.cells(), group.provider.cells(), PROVIDER_COLUMNS)
        return ProviderPlan(group.first_row, group.provider, Action.CHANGE if changes else Action.SAME,
                            changes, existing.id)

    def _service_plan(self, row: int, provider: ProviderPlan, values: ServiceValues,
                      existing: ServiceEntry | None) -> ServicePlan:
        if existing is None:
            return ServicePlan(row, provider.values.name, values, Action.ADD, provider_plan=provider)
        changes = _changes(existing.values.cells(), values.cells(), SERVICE_COLUMNS)
        if existing.provider_id != provider.existing_id:
            owner = self.providers[existing.provider_id].values.name
            changes.insert(0, FieldChange("Poskytovatel", owner, provider.values.name))
        return ServicePlan(row, provider.values.name, values, Action.CHANGE if changes else Action.SAME,
                           changes, existing.id, provider)


# -- applying -----------------------------------------------------------------------------------



def apply_import(db: Database, preview: ImportPreview, *, skip_invalid: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Write the previewed file in one transaction, after an automatic backup.

    The groups are matched again inside the transaction, so a record edited since the preview is not
    overwritten blindly. With bad rows and without `skip_invalid`, nothing is written.
    """
    if preview.problems and not skip_invalid:
        raise _refusal(preview.problems)
    result = ImportResult(skipped_rows=preview.bad_rows)
    if not preview.has_changes:
        return result
    with db.bulk_work("import z tabulky"):
        return _apply(db, preview, skip_invalid, progress, result)


def _apply(db: Database, preview: ImportPreview, skip_invalid: bool, progress: Progress | None,
           result: ImportResult) -> ImportResult:
    result.backup = db.auto_backup("pred-importem")
    with db.writing() as session, session.no_autoflush:
        providers, services, problems = _Matcher(session).plan(preview.groups)
        if problems and not skip_invalid:
            raise _refusal(problems)
        result.skipped_rows = sorted({*result.skipped_rows, *(p.row for p in problems)})
        _Writer(session, current_user(), progress).write(providers, services, result)
    return result


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):  # stays under SQLite's limit of bound parameters
        yield items[start:start + size]


class _Writer:
    """Additions go in as bulk inserts (a whole region's sheet in seconds); changes through the ORM."""

    def __init__(self, session: Session, user: str, progress: Progress | None):
        self.session = session
        self.user = user
        self.progress = progress
        self.now = now_to_the_second()
        index = CodelistIndex(session)
        self.forms = {f.name: f.id for f in index.forms}
        self.units = {u.name: u.id for u in index.units}
        self.legal_forms = {f.name: f.id for f in index.legal_forms}
        self.groups = {g.name: g for g in session.scalars(select(TargetGroup))}
        self.provider_ids: dict[int, int] = {}  # id(ProviderPlan) → provider id, existing or new
        self.done = 0
        self.total = 0

    def write(self, providers: list[ProviderPlan], services: list[ServicePlan], result: ImportResult) -> None:
        added_providers = [p for p in providers if p.action is Action.ADD]
        changed_providers = [p for p in providers if p.action is Action.CHANGE]
        added_services = [s for s in services if s.action is Action.ADD]
        changed_services = [s for s in services if s.action is Action.CHANGE]
        self.total = len(added_providers) + len(changed_providers) + len(added_services) + len(changed_services)
        self.provider_ids = {id(p): p.existing_id for p in providers if p.existing_id is not None}
        self._add_providers(added_providers)
        self._change_providers(changed_providers)
        self._change_services(changed_services)
        self._add_services(added_services)
        result.providers_added, result.providers_changed = len(added_providers), len(changed_providers)
        result.services_added, result.services_changed = len(added_services), len(changed_services)

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None and not self.progress(self.done, self.total):
            raise ImportCancelled("Import byl zrušen, nic se neuložilo.")

    def _provider_fields(self, v: ProviderValues) -> dict:
        return {"name": v.name, "ico": v.ico or None, "legal_form_id": self.legal_forms.get(v.legal_form),
                "street": v.street, "town": v.town, "postcode": v.postcode, "phone": v.phone, "email": v.email,
                "web": v.web, "verified_on": v.verified_on, "changed_by": self.user, "changed_at": self.now}

    def _service_fields(self, plan: ServicePlan) -> dict:
        v = plan.values
        return {"provider_id": self.provider_ids[id(plan.provider_plan)], "name": v.name,
                "registry_id": v.registry_id or None, "service_type_id": v.type_id,
                "related_category_id": v.category_id, "description": v.description,
                "opening_note": v.opening_note, "contact_person": v.contact_person, "phone": v.phone,
                "email": v.email, "fee": v.fee, "fee_note": v.fee_note, "changed_by": self.user,
                "changed_at": self.now}

    def _add_providers(self, plans: list[ProviderPlan]) -> None:
        for chunk in _chunks(plans):
            rows = [{**self._provider_fields(p.values), "source": Source.MANUAL} for p in chunk]
            ids = self.session.scalars(insert(Provider).returning(Provider.id, sort_by_parameter_order=True), rows)
            self.provider_ids.update(zip((id(p) for p in chunk), ids))
            self._advance(len(chunk))

    def _change_providers(self, plans: list[ProviderPlan]) -> None:
        for chunk in _chunks(plans):
            records = {r.id: r for r in self.session.scalars(
                select(Provider).where(Provider.id.in_([p.existing_id for p in chunk])))}
            for plan in chunk:
                for name, value in self._provider_fields(plan.values).items():
                    setattr(records[plan.existing_id], name, value)
            self._advance(len(chunk))

    def _add_services(self, plans: list[ServicePlan]) -> None:
        for chunk in _chunks(plans):
            rows = [{**self._service_fields(p), "source": Source.MANUAL} for p in chunk]
            ids = list(self.session.scalars(insert(Service).returning(Service.id, sort_by_parameter_order=True), rows))
            bump(self.session, Provider, (row["provider_id"] for row in rows))
            parts: dict[type, list[dict]] = defaultdict(list)
            groups = []
            for service_id, plan in zip(ids, chunk):
                v = plan.values
                parts[ServiceForm].extend(
                    {"service_id": service_id, "form_id": self.forms[c.form], "capacity": c.amount,
                     "capacity_unit_id": self.units.get(c.unit) if c.unit else None} for c in v.forms)
                parts[ServicePlace].extend(
                    {"service_id": service_id, "position": i, "name": p.name, "street": p.street, "town": p.town,
                     "postcode": p.postcode, "secret": p.secret} for i, p in enumerate(v.places))
                parts[ServiceArea].extend({"service_id": service_id, "position": i, "municipality": m}
                                          for i, m in enumerate(v.areas))
                parts[OpeningHours].extend({"service_id": service_id, "weekday": h.weekday, "opens": h.opens,
                                            "closes": h.closes} for h in v.hours)
                groups.extend({"service_id": service_id, "target_group_id": self.groups[g].id}
                              for g in v.target_groups)
            for model, rows in parts.items():
                for part in _chunks(rows, 2000):
                    self.session.execute(insert(model), part)
            for part in _chunks(groups, 2000):
                self.session.execute(service_target_group.insert(), part)
            self._advance(len(chunk))

    def _change_services(self, plans: list[ServicePlan]) -> None:
        for chunk in _chunks(plans):
            query = (select(Service).where(Service.id.in_([p.existing_id for p in chunk]))
                     .options(selectinload(Service.forms), selectinload(Service.areas), selectinload(Service.places),
                              selectinload(Service.opening_hours), selectinload(Service.target_groups)))
            records = {r.id: r for r in self.session.scalars(query)}
            for plan in chunk:
                self._change_service(records[plan.existing_id], plan)
            self._advance(len(chunk))

    def _change_service(self, service: Service, plan: ServicePlan) -> None:
        for name, value in self._service_fields(plan).items():
            setattr(service, name, value)
        v = plan.values
        service.target_groups = [self.groups[name] for name in v.target_groups]
        # Form and area rows are unique per service: keep the existing ones, so that SQLite never sees
        # a new row inserted before the old one is deleted.
        forms = {f.form_id: f for f in service.forms}
        service.forms = [self._form_row(forms, c) for c in v.forms]
        areas = {a.municipality: a for a in service.areas}
        service.areas = [areas.get(m) or ServiceArea(municipality=m) for m in v.areas]
        for position, area in enumerate(service.areas):
            area.position = position
        service.places = [ServicePlace(position=i, name=p.name, street=p.street, town=p.town,
                                       postcode=p.postcode, secret=p.secret) for i, p in enumerate(v.places)]
        service.opening_hours = [OpeningHours(weekday=h.weekday, opens=h.opens, closes=h.closes) for h in v.hours]

    def _form_row(self, existing: dict[int, ServiceForm], capacity) -> ServiceForm:
        form_id = self.forms[capacity.form]
        row = existing.get(form_id) or ServiceForm(form_id=form_id)
        row.capacity = capacity.amount
        row.capacity_unit_id = self.units.get(capacity.unit) if capacity.unit else None
        return row
