"""The preview of a register import: what the dialog shows, what --dry-run prints and tests assert."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from db.collation import czech_key, czech_sorted
from db.directory.models import ServiceStatus
from db.registry.codelists import Territory
from db.registry.records import FormData, PlaceData
from db.registry.scan import RecordIssue, RegisterScan

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class RecordRef:
    """A provider or service as the clerk recognises it: its register key, name and provider."""

    key: str  # "IČO 00064581", "identifikátor 1234567", "záznam registru č. 1063"
    name: str
    provider: str = ""

    def __str__(self) -> str:
        suffix = f" ({self.provider})" if self.provider else ""
        return f"{self.key} – {self.name}{suffix}"


@dataclass(frozen=True)
class ChangedRecord:
    kind: str  # "poskytovatel" or "služba"
    ref: RecordRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class EndedService:
    ref: RecordRef
    ended_on: dt.date
    gone: bool  # True: no longer in the register at all; False: the register gives an end date
    new: bool = False  # not yet in the directory: stored as ended, for the record

    def reason(self) -> str:
        if self.gone:
            return f"už není v registru, ukončí se k {czech_date(self.ended_on)}"
        suffix = " (v adresáři dosud nebyla, uloží se jako ukončená)" if self.new else ""
        return f"ukončena v registru k {czech_date(self.ended_on)}{suffix}"


@dataclass
class Changes:
    """The outcome of comparing the register with the directory."""

    new_providers: list[RecordRef] = field(default_factory=list)
    new_services: list[RecordRef] = field(default_factory=list)
    changed: list[ChangedRecord] = field(default_factory=list)
    ended: list[EndedService] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[RecordIssue] = field(default_factory=list)  # found while comparing

    def sort(self) -> None:
        """Czech order for reading. Kept out of planning: on a large territory it costs a second."""
        self.new_providers.sort(key=lambda r: czech_key(r.name))
        self.new_services.sort(key=lambda r: (czech_key(r.provider), czech_key(r.name)))
        self.changed.sort(key=lambda c: (c.kind != "poskytovatel", czech_key(c.ref.name)))
        self.ended.sort(key=lambda e: czech_key(e.ref.name))


@dataclass
class RegistryPreview:
    rpss_path: Path
    codelist_dir: Path
    territory: Territory
    territory_label: str
    today: dt.date
    scan: RegisterScan  # the records of the territory: what apply_import writes
    changes: Changes

    @property
    def new_providers(self) -> list[RecordRef]:
        return self.changes.new_providers

    @property
    def new_services(self) -> list[RecordRef]:
        return self.changes.new_services

    @property
    def changed(self) -> list[ChangedRecord]:
        return self.changes.changed

    @property
    def ended(self) -> list[EndedService]:
        return self.changes.ended

    @property
    def malformed(self) -> list[RecordIssue]:
        return self.scan.malformed

    @property
    def warnings(self) -> list[RecordIssue]:
        return self.scan.warnings + self.changes.warnings

    @property
    def has_changes(self) -> bool:
        c = self.changes
        return bool(c.new_providers or c.new_services or c.changed or c.ended)

    def counts(self) -> list[tuple[str, int]]:
        return [
            ("Noví poskytovatelé", len(self.new_providers)),
            ("Nové služby", len(self.new_services)),
            ("Změněné záznamy", len(self.changed)),
            ("Ukončené a zmizelé služby", len(self.ended)),
            ("Služby beze změny", self.changes.unchanged),
            ("Chybné záznamy (neimportují se)", len(self.malformed)),
            ("Upozornění", len(self.warnings)),
        ]


@dataclass(frozen=True)
class ImportResult:
    new_providers: int
    new_services: int
    changed: int
    ended: int
    backup: Path | None

    def summary(self) -> str:
        return (f"Import dokončen. Noví poskytovatelé: {self.new_providers}, nové služby: {self.new_services}, "
                f"změněné záznamy: {self.changed}, ukončené služby: {self.ended}.")


# -- how values read in the preview --------------------------------------------------------------
def czech_date(day: dt.date) -> str:
    return f"{day.day}. {day.month}. {day.year}"


def show_text(value: str | None) -> str:
    return value if value else EMPTY


def show_status(value: tuple[ServiceStatus, dt.date | None]) -> str:
    status, ended_on = value
    if status is ServiceStatus.ENDED:
        return f"ukončena k {czech_date(ended_on)}" if ended_on else "ukončena"
    return "pozastavena" if status is ServiceStatus.SUSPENDED else "poskytuje se"


def show_ages(value: tuple[int | None, int | None]) -> str:
    low, high = value
    if low is None and high is None:
        return "bez omezení věku"
    if high is None:
        return f"od {low} let"
    if not low:
        return f"do {high} let"
    return f"{low}–{high} let"


def show_groups(groups) -> str:
    return ", ".join(czech_sorted(groups)) or EMPTY


def show_places(places: tuple[PlaceData, ...]) -> str:
    return "; ".join(p.label() for p in places) or EMPTY


def show_forms(forms: tuple[FormData, ...], form_names: dict[str, str], unit_names: dict[str, str]) -> str:
    parts = []
    for f in forms:
        capacity = ""
        if f.capacity is not None:
            capacity = f", {unit_names[f.unit]}: {f.capacity}" if f.unit else f", kapacita {f.capacity}"
        parts.append(f"{form_names.get(f.form, f.form)}{capacity}")
    return "; ".join(parts) or EMPTY


# -- the text summary (CLI, logs) -----------------------------------------------------------------
def summary_lines(preview: RegistryPreview) -> list[str]:
    preview.changes.sort()
    scan = preview.scan
    lines = [
        "Import z registru poskytovatelů sociálních služeb (MPSV) – náhled změn",
        f"Soubor: {preview.rpss_path} ({scan.items_total} služeb, ve zvoleném území {scan.items_in_territory})",
        f"Číselníky: {preview.codelist_dir}",
        f"Území: {preview.territory_label}",
        "",
        *(f"{label}: {count}" for label, count in preview.counts()),
    ]

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.extend(["", f"{title}:", *rows])

    section("Noví poskytovatelé", [f"  {r}" for r in preview.new_providers])
    section("Nové služby", [f"  {r}" for r in preview.new_services])
    changed_rows = []
    for record in preview.changed:
        changed_rows.append(f"  {record.kind} {record.ref}")
        changed_rows.extend(f"      {change}" for change in record.changes)
    section("Změněné záznamy (dosavadní → nové)", changed_rows)
    section("Ukončené a zmizelé služby", [f"  {e.ref}: {e.reason()}" for e in preview.ended])
    section("Chybné záznamy (neimportují se)", [f"  {issue}" for issue in preview.malformed])
    section("Upozornění", [f"  {issue}" for issue in preview.warnings])
    if not preview.has_changes:
        lines.extend(["", "Adresář odpovídá registru, není co měnit."])
    return lines
