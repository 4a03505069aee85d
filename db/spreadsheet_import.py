"""Import of a directory spreadsheet: a preview first (`plan_import`), then `apply_import` in one transaction.

Matching: a provider by IČO, else by its exact name; a service by identifikátor, else by its provider and
exact name. Only the spreadsheet's columns are compared and written; what the sheet does not carry
(datová schránka, notes, status, "include in booklet", age range) is left as it is.
"""
from __future__ import annotations

import datetime as dt
import enum
import getpass
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.codelist_index import CodelistIndex
from db.database import Database
from db.codelists import TargetGroup
from db.directory import OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, Source
from db.errors import UserError
from db.spreadsheet_cells import (
    COLUMNS, PROVIDER_COLUMNS, SERVICE_COLUMNS, Cell, ProviderValues, ServiceValues, format_date, load_directory,
    provider_values, service_values,
)
from db.spreadsheet_files import read_table
from db.spreadsheet_rows import ProviderGroup, RowProblem, RowReader, group_rows

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel
MAX_LISTED_PROBLEMS = 30


class Action(enum.Enum):
    ADD = "add"
    CHANGE = "change"
    SAME = "same"


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
class ImportPreview:
    """What an import would do; shown by the dialog, printed by --dry-run, asserted by tests."""

    source: Path
    row_count: int
    providers: list[ProviderPlan]
    services: list[ServicePlan]
    problems: list[RowProblem]
    ignored_columns: list[str]
    groups: list[ProviderGroup] = field(repr=False, default_factory=list)

    def count(self, plans: list, action: Action) -> int:
        return sum(1 for p in plans if p.action is action)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    @property
    def has_changes(self) -> bool:
        return any(p.action is not Action.SAME for p in [*self.providers, *self.services])

    def summary(self) -> list[str]:
        lines = [f"Soubor {self.source.name} – řádků s daty: {self.row_count}"]
        for label, plans in (("Poskytovatelé", self.providers), ("Služby", self.services)):
            lines.append(f"{label} – nové: {self.count(plans, Action.ADD)}, změněné: "
                         f"{self.count(plans, Action.CHANGE)}, beze změny: {self.count(plans, Action.SAME)}")
        lines.append(f"Chybné řádky: {len(self.bad_rows)}")
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


def bad_rows_message(problems: list[RowProblem]) -> str:
    rows = sorted({p.row for p in problems})
    lines = [f"Soubor obsahuje chybné řádky ({len(rows)}), nic nebylo uloženo. Opravte je, "
             "nebo zvolte přeskočení chybných řádků."]
    lines.extend(str(p) for p in problems[:MAX_LISTED_PROBLEMS])
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(f"… a dalších {len(problems) - MAX_LISTED_PROBLEMS} chyb.")
    return "\n".join(lines)


# -- planning -----------------------------------------------------------------------------------
def plan_import(db: Database, path: Path | str) -> ImportPreview:
    """Read the file and compare it with the directory; writes nothing."""
    path = Path(path)
    table = read_table(path, "Poskytovatel")
    with db.session() as session:
        rows, problems, unknown = RowReader(CodelistIndex(session)).read(table)
        groups, group_problems = group_rows(rows)
        matcher = _Matcher(session)
        providers, services, match_problems = matcher.plan(groups)
    all_problems = sorted([*problems, *group_problems, *match_problems],
                          key=lambda p: (p.row, COLUMNS.index(p.column)))
    row_count = len({*(r.row for r in rows), *(p.row for p in all_problems)})
    return ImportPreview(path, row_count, providers, services, all_problems, unknown, groups)


def _cell_text(value: Cell) -> str:
    return format_date(value) if isinstance(value, dt.date) else (value or "")


def _changes(old: dict[str, Cell], new: dict[str, Cell], columns) -> list[FieldChange]:
    return [FieldChange(c, _cell_text(old[c]), _cell_text(new[c])) for c in columns if old[c] != new[c]]


class _Matcher:
    """Finds the existing records the groups of a file refer to, within one session."""

    def __init__(self, session: Session):
        self.providers = load_directory(session)
        self.by_id = {p.id: p for p in self.providers}
        self.by_ico = {p.ico: p for p in self.providers if p.ico}
        self.by_name: dict[str, list[Provider]] = defaultdict(list)
        for provider in self.providers:
            self.by_name[provider.name].append(provider)
        self.services = {s.id: s for p in self.providers for s in p.services}
        self.by_registry = {s.registry_id: s for s in self.services.values() if s.registry_id}

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

    def _find_provider(self, group: ProviderGroup, claimed: dict[int, int]) -> tuple[Provider | None, str]:
        values = group.provider
        existing = self.by_ico.get(values.ico) if values.ico else None
        if existing is None:
            candidates = [p for p in self.by_name.get(values.name, []) if not (values.ico and p.ico)]
            if len(candidates) > 1:
                return None, (f"V adresáři je více poskytovatelů se jménem „{values.name}“; doplňte IČO, "
                              "aby bylo jasné, kterého se řádek týká.")
            existing = candidates[0] if candidates else None
        if existing is not None:
            first = claimed.setdefault(existing.id, group.first_row)
            if first != group.first_row:
                return None, (f"Řádek se týká stejného poskytovatele v adresáři („{existing.name}“) "
                              f"jako řádek {first}; sjednoťte název a IČO.")
        return existing, ""

    def _find_service(self, values: ServiceValues, provider: Provider | None, row: int,
                      claimed: dict[int, int]) -> tuple[Service | None, tuple[str, str] | None]:
        found = self.by_registry.get(values.registry_id) if values.registry_id else None
        if found is None and provider is not None:
            candidates = [s for s in provider.services
                          if s.name == values.name and not (values.registry_id and s.registry_id)]
            if len(candidates) > 1:
                return None, ("Služba", f"Poskytovatel má v adresáři více služeb „{values.name}“; "
                                        "doplňte identifikátor.")
            found = candidates[0] if candidates else None
        if found is not None:
            first = claimed.setdefault(found.id, row)
            if first != row:
                return None, ("Služba", f"Řádek se týká stejné služby v adresáři („{found.name}“) jako řádek {first}.")
        return found, None

    def _provider_plan(self, group: ProviderGroup, existing: Provider | None) -> ProviderPlan:
        if existing is None:
            return ProviderPlan(group.first_row, group.provider, Action.ADD)
        changes = _changes(provider_values(existing).cells(), group.provider.cells(), PROVIDER_COLUMNS)
        return ProviderPlan(group.first_row, group.provider, Action.CHANGE if changes else Action.SAME,
                            changes, existing.id)

    def _service_plan(self, row: int, provider: ProviderPlan, values: ServiceValues,
                      existing: Service | None) -> ServicePlan:
        if existing is None:
            return ServicePlan(row, provider.values.name, values, Action.ADD, provider_plan=provider)
        changes = _changes(service_values(existing).cells(), values.cells(), SERVICE_COLUMNS)
        if existing.provider_id != provider.existing_id:
            changes.insert(0, FieldChange("Poskytovatel", existing.provider.name, provider.values.name))
        return ServicePlan(row, provider.values.name, values, Action.CHANGE if changes else Action.SAME,
                           changes, existing.id, provider)


# -- applying -----------------------------------------------------------------------------------
def current_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return os.environ.get("USERNAME", "")


def apply_import(db: Database, preview: ImportPreview, *, skip_invalid: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Write the previewed file in one transaction, after an automatic backup.

    The groups are matched again inside the transaction, so a record edited since the preview is not
    overwritten blindly. With bad rows and without `skip_invalid`, nothing is written.
    """
    if preview.problems and not skip_invalid:
        raise UserError(bad_rows_message(preview.problems))
    result = ImportResult(skipped_rows=preview.bad_rows)
    if not preview.has_changes:
        return result
    result.backup = db.auto_backup("pred-importem")
    with db.session() as session, session.begin():
        matcher = _Matcher(session)
        providers, services, problems = matcher.plan(preview.groups)
        if problems and not skip_invalid:
            raise UserError(bad_rows_message(problems))
        result.skipped_rows = sorted({*result.skipped_rows, *(p.row for p in problems)})
        writer = _Writer(session, matcher, current_user())
        total = len(providers) + len(services)
        for done, plan in enumerate([*providers, *services], start=1):
            writer.write(plan, result)
            if progress is not None and done % 50 == 0 and not progress(done, total):
                raise ImportCancelled("Import byl zrušen, nic se neuložilo.")
    return result


class _Writer:
    def __init__(self, session: Session, matcher: _Matcher, user: str):
        self.session = session
        self.matcher = matcher
        self.user = user
        self.index = CodelistIndex(session)
        self.forms = {f.name: f.id for f in self.index.forms}
        self.units = {u.name: u.id for u in self.index.units}
        self.legal_forms = {f.name: f.id for f in self.index.legal_forms}
        self.groups = {g.name: g for g in session.scalars(select(TargetGroup))}
        self.new_providers: dict[int, Provider] = {}  # id(ProviderPlan) → Provider being added

    def write(self, plan: ProviderPlan | ServicePlan, result: ImportResult) -> None:
        if plan.action is Action.SAME:
            return
        if isinstance(plan, ProviderPlan):
            self._write_provider(plan, result)
        else:
            self._write_service(plan, result)

    def _stamp(self, record: Provider | Service) -> None:
        record.changed_by = self.user
        record.changed_at = dt.datetime.now().replace(microsecond=0)

    def _write_provider(self, plan: ProviderPlan, result: ImportResult) -> None:
        if plan.action is Action.ADD:
            provider = Provider(source=Source.MANUAL)
            self.session.add(provider)
            self.new_providers[id(plan)] = provider
            result.providers_added += 1
        else:
            provider = self.matcher.by_id[plan.existing_id]
            result.providers_changed += 1
        v = plan.values
        provider.name, provider.ico = v.name, v.ico or None
        provider.legal_form_id = self.legal_forms.get(v.legal_form)
        provider.street, provider.town, provider.postcode = v.street, v.town, v.postcode
        provider.phone, provider.email, provider.web = v.phone, v.email, v.web
        provider.verified_on = v.verified_on
        self._stamp(provider)

    def _provider_of(self, plan: ServicePlan) -> Provider:
        owner = plan.provider_plan
        if owner.existing_id is not None:
            return self.matcher.by_id[owner.existing_id]
        return self.new_providers[id(owner)]

    def _write_service(self, plan: ServicePlan, result: ImportResult) -> None:
        if plan.action is Action.ADD:
            service = Service(source=Source.MANUAL)
            self.session.add(service)
            result.services_added += 1
        else:
            service = self.matcher.services[plan.existing_id]
            result.services_changed += 1
        v = plan.values
        service.provider = self._provider_of(plan)
        service.name, service.registry_id = v.name, v.registry_id or None
        service.service_type_id, service.related_category_id = v.type_id, v.category_id
        service.description, service.opening_note = v.description, v.opening_note
        service.contact_person, service.phone, service.email = v.contact_person, v.phone, v.email
        service.fee, service.fee_note = v.fee, v.fee_note
        service.target_groups = [self.groups[name] for name in v.target_groups]
        self._write_forms(service, v)
        self._write_areas(service, v)
        service.places = [ServicePlace(position=i, name=p.name, street=p.street, town=p.town,
                                       postcode=p.postcode, secret=p.secret) for i, p in enumerate(v.places)]
        service.opening_hours = [OpeningHours(weekday=h.weekday, opens=h.opens, closes=h.closes) for h in v.hours]
        self._stamp(service)

    def _write_forms(self, service: Service, v: ServiceValues) -> None:
        # Rows are kept per form (unique per service), so SQLite never sees a delete-and-insert clash.
        current = {f.form_id: f for f in service.forms}
        rows = []
        for capacity in v.forms:
            form_id = self.forms[capacity.form]
            row = current.get(form_id) or ServiceForm(form_id=form_id)
            row.capacity = capacity.amount
            row.capacity_unit_id = self.units.get(capacity.unit) if capacity.unit else None
            rows.append(row)
        service.forms = rows

    def _write_areas(self, service: Service, v: ServiceValues) -> None:
        current = {a.municipality: a for a in service.areas}
        rows = []
        for position, name in enumerate(v.areas):
            row = current.get(name) or ServiceArea(municipality=name)
            row.position = position
            rows.append(row)
        service.areas = rows
