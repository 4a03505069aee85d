"""Comparing the register's records with the directory, and writing the differences.

One comparison serves both the preview and the write, so what the clerk approved is what happens.

Register fields (updated on every import): provider name, IČO and contacts; service name, provider,
identifikátor, portalId, type, target groups, forms with capacity, places (facilities), contacts,
ages and the register's age note, and whether the service has ended. Clerk fields are never
written by an import: description, opening hours, contact person, booklet flag, notes, fee, area
of operation, verification date, data box. An empty value in the register never erases what the
directory holds, and ended or vanished services are marked ended, never deleted.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from db.base import now_to_the_second
from db.codelists import capacity_units, legal_forms, provision_forms, service_types, target_groups
from db.collation import fold
from db.directory.models import (
    Provider, Service, ServiceForm, ServicePlace, ServiceStatus, Source, service_target_group,
)
from db.registry.codelists import Territory
from db.registry.preview import (
    EMPTY, ChangedRecord, Changes, EndedService, FieldChange, RecordRef, show_ages, show_forms, show_groups,
    show_places, show_status, show_text,
)
from db.registry.records import FormData, PlaceData, ProviderData, ServiceData, record_number
from db.registry.scan import RecordIssue, RegisterScan
from db.registry.snapshot import CurrentProvider, CurrentService, load_current_providers, load_current_services
from db.registry.source import Cancel, ImportCancelled, Progress
from db.versioning import bump

IMPORT_USER = "import z registru"
PROGRESS_EVERY = 50


@dataclass(frozen=True)
class _Diff:
    key: str
    label: str
    old: object
    new: object
    show: Callable[[object], str]

    def change(self) -> FieldChange:
        return FieldChange(self.label, self.show(self.old), self.show(self.new))


class Reconciler:
    """The directory's current state (read in one session) against one scan of the register."""

    def __init__(self, session: Session, scan: RegisterScan, territory: Territory, today: dt.date):
        self.s = session
        self.scan = scan
        self.territory = territory
        self.today = today
        self.now = now_to_the_second()
        self.types = {t.name: t for t in service_types(session)}
        self.groups = {g.name: g for g in target_groups(session)}
        self.forms = {f.code: f for f in provision_forms(session)}
        self.units = {u.code: u for u in capacity_units(session)}
        self.form_names = {code: f.name for code, f in self.forms.items()}
        self.unit_names = {code: u.name for code, u in self.units.items()}
        self.legal_forms = {fold(name): form for form in legal_forms(session)
                            for name in (form.name, form.abbreviation) if name}
        self.legal_form_names = {form.id: form.name for form in self.legal_forms.values()}
        self.providers = {p.ico: p for p in load_current_providers(session)}
        self.provider_ids = {ico: p.id for ico, p in self.providers.items()}
        self.provider_icos = {p.id: ico for ico, p in self.providers.items()}
        self.services = load_current_services(session)
        self.by_registry_id = {s.registry_id: s for s in self.services if s.registry_id}
        self.by_portal_id = {s.portal_id: s for s in self.services if s.portal_id}
        self.matched: set[int] = set()

    # -- the whole run -----------------------------------------------------------------------------
    def run(self, write: bool, progress: Progress | None = None, cancel: Cancel | None = None) -> Changes:
        changes = Changes()
        total = len(self.scan.services) + 1
        new_providers = [data for ico, data in self.scan.providers.items()
                         if not self._provider(ico, data, changes, write)]
        if write:
            self._insert_providers(new_providers)
        new_services = []
        for i, data in enumerate(self.scan.services):
            if i % PROGRESS_EVERY == 0:
                self._tick(i, total, progress, cancel)
            if not self._service(data, changes, write):
                new_services.append(data)
        self._vanished(changes, write)
        if write:
            self._insert_services(new_services)
        self._tick(total, total, progress, cancel)
        return changes

    @staticmethod
    def _tick(done: int, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
        if cancel is not None and cancel():
            raise ImportCancelled()
        if progress is not None:
            progress(done, total)

    # -- providers ---------------------------------------------------------------------------------
    def _provider(self, ico: str, data: ProviderData, changes: Changes, write: bool) -> bool:
        """Compare (and update) a provider the directory has; False if it is new."""
        provider = self.providers.get(ico)
        if provider is None:
            changes.new_providers.append(RecordRef(f"IČO {ico}", data.name))
            return False
        diffs = self._provider_diffs(provider, data)
        if diffs:
            changes.changed.append(ChangedRecord("poskytovatel", RecordRef(f"IČO {ico}", provider.name),
                                                 tuple(d.change() for d in diffs)))
            if write:
                row = self.s.get(Provider, provider.id)
                for d in diffs:
                    setattr(row, d.key, d.new)
                row.changed_by, row.changed_at = IMPORT_USER, self.now
        return True

    def _legal_form_for(self, name: str):
        """Legal form named at the end of a provider's name: "…, z. s." → spolek."""
        return self.legal_forms.get(fold(name.rsplit(",", 1)[-1]).strip()) if "," in name else None

    def _provider_diffs(self, provider: CurrentProvider, data: ProviderData) -> list[_Diff]:
        values = [("name", "název", provider.name, data.name, show_text),
                  ("phone", "telefon", provider.phone, data.phone, show_text),
                  ("email", "e-mail", provider.email, data.email, show_text),
                  ("web", "web", provider.web, data.web, show_text)]
        if provider.legal_form_id is None:  # the clerk's choice of legal form is left alone
            form = self._legal_form_for(data.name)
            values.append(("legal_form_id", "právní forma", None, form.id if form else None,
                           lambda form_id: self.legal_form_names.get(form_id, EMPTY)))
        return [_Diff(*v) for v in values if v[3] and v[2] != v[3]]

    def _insert_providers(self, new: list[ProviderData]) -> None:
        # Core INSERT … RETURNING in batches: a first import of a large okres creates thousands of rows,
        # and ORM objects would cost more than reading the whole register. The rows come back matched by
        # their register key, not by order, so no row-by-row insert is needed to keep the order.
        if not new:
            return
        rows = [dict(name=d.name, ico=d.ico, phone=d.phone, email=d.email, web=d.web,
                     legal_form_id=form.id if (form := self._legal_form_for(d.name)) else None,
                     source=Source.REGISTRY, changed_by=IMPORT_USER, changed_at=self.now) for d in new]
        table = Provider.__table__
        self.provider_ids.update((ico, id_) for id_, ico in self.s.execute(
            insert(table).returning(table.c.id, table.c.ico), rows))

    def _provider_name(self, ico: str | None) -> str:
        data = self.scan.providers.get(ico or "")
        if data is not None:
            return data.name
        provider = self.providers.get(ico or "")
        return provider.name if provider is not None else EMPTY

    # -- services ----------------------------------------------------------------------------------
    def _match(self, data: ServiceData) -> CurrentService | None:
        """By identifikátor; by portalId when one side does not know the identifikátor."""
        service = self.by_registry_id.get(data.registry_id) if data.registry_id else None
        if service is None and data.portal_id:
            candidate = self.by_portal_id.get(data.portal_id)
            if candidate is not None and (candidate.registry_id is None or data.registry_id is None):
                service = candidate
        if service is None or service.id in self.matched:
            return None
        self.matched.add(service.id)
        return service

    def _ref(self, data: ServiceData) -> RecordRef:
        key = f"identifikátor {data.registry_id}" if data.registry_id else record_number(data.portal_id)
        return RecordRef(key, data.name, self._provider_name(data.provider_ico))

    def _has_ended(self, data: ServiceData) -> bool:
        return data.ended_on is not None and data.ended_on < self.today

    def _service(self, data: ServiceData, changes: Changes, write: bool) -> bool:
        """Compare (and update) a service the directory has; False if it is new."""
        current = self._match(data)
        if current is None:
            if self._has_ended(data):
                changes.ended.append(EndedService(self._ref(data), data.ended_on, gone=False, new=True))
            else:
                changes.new_services.append(self._ref(data))
            return False
        diffs = self._service_diffs(current, data)
        ending = next((d for d in diffs if d.key == "status" and d.new[0] is ServiceStatus.ENDED), None)
        if ending is not None:
            changes.ended.append(EndedService(self._ref(data), data.ended_on, gone=False))
        shown = [d for d in diffs if d is not ending]
        if shown:
            changes.changed.append(ChangedRecord("služba", self._ref(data), tuple(d.change() for d in shown)))
        elif ending is None:
            changes.unchanged += 1
        area = " ".join(sorted(data.area))
        if write and (diffs or area != current.registry_area):
            service = self.s.get(Service, current.id)
            for d in diffs:
                self._assign(service, d.key, d.new)
            service.registry_area = area
            if diffs:
                service.changed_by, service.changed_at = IMPORT_USER, self.now
        return True

    def _wanted_status(self, current: CurrentService, data: ServiceData):
        if self._has_ended(data):
            return ServiceStatus.ENDED, data.ended_on
        if current.status is ServiceStatus.ENDED:  # back in the register: provided again
            return ServiceStatus.ACTIVE, None
        return None  # active or suspended by the clerk: the register has nothing to say

    def _show_forms(self, forms: tuple[FormData, ...]) -> str:
        return show_forms(forms, self.form_names, self.unit_names)

    def _service_diffs(self, current: CurrentService, data: ServiceData) -> list[_Diff]:
        values = [
            ("name", "název", current.name, data.name, show_text),
            ("provider", "poskytovatel", self.provider_icos.get(current.provider_id), data.provider_ico,
             self._provider_name),
            ("registry_id", "identifikátor", current.registry_id, data.registry_id, show_text),
            ("portal_id", "číslo záznamu registru", current.portal_id, data.portal_id, show_text),
            ("service_type", "druh služby", current.service_type, data.service_type, show_text),
            ("target_groups", "cílové skupiny", current.target_groups, data.target_groups, show_groups),
            ("forms", "formy a kapacita", current.forms, data.forms, self._show_forms),
            ("places", "místa poskytování", current.places, data.places, show_places),
            ("phone", "telefon", current.phone, data.phone, show_text),
            ("email", "e-mail", current.email, data.email, show_text),
            ("web", "web", current.web, data.web, show_text),
            ("ages", "věk", (current.age_from, current.age_to), data.ages, show_ages),
            ("age_note", "věk – upřesnění", current.age_note, data.age_note, show_text),
            ("status", "stav", (current.status, current.ended_on), self._wanted_status(current, data), show_status),
        ]
        return [_Diff(*v) for v in values if v[3] and v[2] != v[3]]

    def _assign(self, service: Service, key: str, value) -> None:
        if key == "provider":
            service.provider_id = self.provider_ids[value]
        elif key == "service_type":
            service.service_type = self.types[value]
        elif key == "target_groups":
            service.target_groups = sorted((self.groups[name] for name in value), key=lambda g: g.sort_order)
        elif key == "forms":
            self._assign_forms(service, value)
        elif key == "places":
            service.places = [ServicePlace(position=i, **_place_values(p)) for i, p in enumerate(value)]
        elif key == "ages":
            service.age_from, service.age_to = value
        elif key == "status":
            service.status, service.ended_on = value
        else:
            setattr(service, key, value)

    def _assign_forms(self, service: Service, forms: tuple[FormData, ...]) -> None:
        # Updated in place: replacing a row of the same form would trip the (service, form) unique key.
        wanted = {f.form: f for f in forms}
        for row in list(service.forms):
            if row.form.code not in wanted:
                service.forms.remove(row)
        existing = {row.form.code: row for row in service.forms}
        for code, f in wanted.items():
            row = existing.get(code)
            if row is None:
                row = ServiceForm(form=self.forms[code])
                service.forms.append(row)
            row.capacity = f.capacity
            row.capacity_unit = self.units[f.unit] if f.unit else None

    def _insert_services(self, new: list[ServiceData]) -> None:
        if not new:
            return
        rows = []
        for data in new:
            ended = self._has_ended(data)
            ages = data.ages or (None, None)
            service_type = self.types.get(data.service_type or "")
            rows.append(dict(
                provider_id=self.provider_ids[data.provider_ico], name=data.name, registry_id=data.registry_id,
                portal_id=data.portal_id or None, service_type_id=service_type.id if service_type else None,
                phone=data.phone, email=data.email, web=data.web, age_from=ages[0], age_to=ages[1],
                age_note=data.age_note, status=ServiceStatus.ENDED if ended else ServiceStatus.ACTIVE,
                ended_on=data.ended_on if ended else None, in_booklet=not ended, source=Source.REGISTRY,
                registry_area=" ".join(sorted(data.area)), changed_by=IMPORT_USER, changed_at=self.now))
        table = Service.__table__
        ids = {(registry_id, portal_id): id_ for id_, registry_id, portal_id in self.s.execute(
            insert(table).returning(table.c.id, table.c.registry_id, table.c.portal_id), rows)}
        bump(self.s, Provider, (row["provider_id"] for row in rows))
        groups, forms, places = [], [], []
        for data in new:
            service_id = ids[data.registry_id, data.portal_id or None]
            groups += [dict(service_id=service_id, target_group_id=self.groups[name].id)
                       for name in data.target_groups]
            forms += [dict(service_id=service_id, form_id=self.forms[f.form].id, capacity=f.capacity,
                           capacity_unit_id=self.units[f.unit].id if f.unit else None) for f in data.forms]
            places += [dict(service_id=service_id, position=i, **_place_values(p)) for i, p in enumerate(data.places)]
        for table, rows in ((service_target_group, groups), (ServiceForm.__table__, forms),
                            (ServicePlace.__table__, places)):
            if rows:
                self.s.execute(insert(table), rows)

    # -- services the register no longer lists in the territory -----------------------------------
    def _vanished(self, changes: Changes, write: bool) -> None:
        skip = self.scan.malformed_keys()
        # A malformed item without any identifier may be any of the services missing from the file.
        unknown_items = any(not (issue.registry_id or issue.portal_id) for issue in self.scan.malformed)
        for current in self.services:
            if (current.id in self.matched or current.status is ServiceStatus.ENDED or not current.registry_area
                    or not self.territory.touches(current.registry_area.split())
                    or current.registry_id in skip or current.portal_id in skip):
                continue
            in_file = self.scan.in_file(current.registry_id, current.portal_id)
            if in_file or unknown_items:
                why = ("je v registru, ale už nemá adresu ve zvoleném území" if in_file else
                       "v souboru chybí, ale soubor má i chybné záznamy bez identifikátoru")
                changes.warnings.append(RecordIssue(
                    current.portal_id, current.registry_id,
                    f"„{current.name}“ {why} – v adresáři ponechána beze změny"))
                continue
            key = f"identifikátor {current.registry_id}" if current.registry_id else record_number(current.portal_id)
            provider = self._provider_name(self.provider_icos.get(current.provider_id))
            changes.ended.append(EndedService(RecordRef(key, current.name, provider), self.today, gone=True))
            if write:
                self.s.execute(update(Service).where(Service.id == current.id).values(
                    status=ServiceStatus.ENDED, ended_on=self.today, changed_by=IMPORT_USER, changed_at=self.now))
                bump(self.s, Provider, [current.provider_id])


def _place_values(place: PlaceData) -> dict:
    return dict(name=place.name, street=place.street, town=place.town, postcode=place.postcode,
                secret=place.secret)
