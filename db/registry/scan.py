"""One pass over rpss.json: the services of the chosen territory, the rest only counted and remembered by id."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from db.registry.codelists import RegisterCodelists, Territory
from db.registry.mapping import CodelistMapping
from db.registry.records import (
    MalformedRecord, ProviderData, ServiceData, area_ids, parse_item, record_keys, record_number,
)
from db.registry.source import Cancel, Progress, iter_register_items


@dataclass(frozen=True)
class RecordIssue:
    """A malformed record or a warning about one record, for the clerk to read."""

    portal_id: str | None
    registry_id: str | None
    message: str

    def label(self) -> str:
        if self.registry_id and self.portal_id:
            return f"služba {self.registry_id} ({record_number(self.portal_id)})"
        if self.registry_id:
            return f"služba {self.registry_id}"
        return record_number(self.portal_id) if self.portal_id else "záznam bez identifikátoru"

    def __str__(self) -> str:
        return f"{self.label()}: {self.message}"


@dataclass
class RegisterScan:
    """What the file says about the territory; what the database does with it is decided later."""

    services: list[ServiceData] = field(default_factory=list)
    providers: dict[str, ProviderData] = field(default_factory=dict)  # by IČO
    malformed: list[RecordIssue] = field(default_factory=list)
    warnings: list[RecordIssue] = field(default_factory=list)
    # Every identifikátor and portalId in the whole file: a service missing here has left the register.
    registry_ids: set[str] = field(default_factory=set)
    portal_ids: set[str] = field(default_factory=set)
    items_total: int = 0
    items_in_territory: int = 0

    def in_file(self, registry_id: str | None, portal_id: str | None) -> bool:
        return (registry_id is not None and registry_id in self.registry_ids) or \
            (portal_id is not None and portal_id in self.portal_ids)

    def malformed_keys(self) -> set[str]:
        return {k for issue in self.malformed for k in (issue.registry_id, issue.portal_id) if k}


def scan_register(path: Path | str, mapping: CodelistMapping, territory: Territory, today: dt.date,
                  progress: Progress | None = None, cancel: Cancel | None = None) -> RegisterScan:
    scan = RegisterScan()
    codelists: RegisterCodelists = mapping.register
    seen: set[str] = set()
    for item in iter_register_items(path, progress, cancel):
        scan.items_total += 1
        if not isinstance(item, dict):
            scan.malformed.append(RecordIssue(None, None, f"{scan.items_total}. položka souboru není objekt"))
            continue
        registry_id, portal_id = record_keys(item)
        if registry_id:
            scan.registry_ids.add(registry_id)
        if portal_id:
            scan.portal_ids.add(portal_id)
        area = area_ids(item, codelists, today)
        if not territory.touches(area):
            continue
        scan.items_in_territory += 1
        _take(scan, item, mapping, area, today, seen, registry_id, portal_id)
    return scan


def _take(scan: RegisterScan, item: dict, mapping: CodelistMapping, area: frozenset[str], today: dt.date,
          seen: set[str], registry_id: str | None, portal_id: str | None) -> None:
    key = registry_id or f"portal:{portal_id}"
    if key in seen:
        repeated = "identifikátor služby" if registry_id else "číslo záznamu registru"
        scan.malformed.append(RecordIssue(portal_id, registry_id, f"{repeated} se v souboru opakuje"))
        return
    # Services are also matched by portalId, so two services sharing one would overwrite each other.
    if portal_id and f"portal:{portal_id}" in seen:
        scan.malformed.append(RecordIssue(portal_id, registry_id, "stejné číslo záznamu registru má v souboru už jiná služba"))
        return
    try:
        record = parse_item(item, mapping, area, today, scan.providers)
    except MalformedRecord as exc:
        scan.malformed.append(RecordIssue(portal_id, registry_id, str(exc)))
        return
    except (TypeError, AttributeError, KeyError) as exc:  # a shape nobody has seen yet: report, go on
        scan.malformed.append(RecordIssue(portal_id, registry_id, f"neočekávaná struktura záznamu ({exc})"))
        return
    seen.update({key, f"portal:{portal_id}"} if portal_id else {key})
    scan.services.append(record.service)
    scan.providers.setdefault(record.provider.ico, record.provider)
    scan.warnings.extend(RecordIssue(portal_id, registry_id, w) for w in dict.fromkeys(record.warnings))
