"""Questions and changes the directory tab asks of the database, in domain words and without Qt.

The listing is built from a few set-based queries (one per table) rather than per-row ORM loads, so it
stays quick with the whole national register (about 2,400 providers and 6,700 services). Each row
carries its folded search text and Czech sort keys, computed once, so filtering and sorting in the UI
never call back into the database.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from db.base import now_to_the_second
from db.codelists import (
    CapacityUnit, LegalForm, ProvisionForm, RelatedServiceCategory, ServiceType, TargetGroup,
)
from db.collation import czech_key, czech_sorted, fold
from db.directory.models import (
    OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, ServiceStatus,
    service_target_group,
)
from db.directory.records import (
    FormRecord, OpeningInterval, PlaceRecord, ProviderRecord, ServiceRecord,
)
from db.directory.validation import validate_provider
from db.errors import UserError, ValidationError
from db.text import normalize_text
from db.validation import normalize_ico, normalize_psc
from db.runtime import current_user, cycle_collector_paused
from db.versioning import claim

STATUS_LABELS = {
    ServiceStatus.ACTIVE: "poskytovaná",
    ServiceStatus.SUSPENDED: "dočasně pozastavená",
    ServiceStatus.ENDED: "ukončená",
}
SECRET_PLACE_LABEL = "utajená adresa"





def kind_key(service_type_id: int | None, related_category_id: int | None) -> str:
    """One key for "druh služby" whether it is a § type ("t:5") or a related category ("c:2")."""
    if service_type_id is not None:
        return f"t:{service_type_id}"
    if related_category_id is not None:
        return f"c:{related_category_id}"
    return ""


# -- the flat listing ------------------------------------------------------------------------------
@dataclass(slots=True)
class ServiceRow:
    service_id: int
    provider_id: int
    name: str
    provider_name: str
    kind: str
    kind_label: str
    forms: str
    form_ids: frozenset[int]
    target_group_ids: frozenset[int]
    places: str  # towns of public places only: a secret address never reaches a list
    municipalities: frozenset[str]
    status: ServiceStatus
    ended_on: dt.date | None
    registry_id: str
    in_booklet: bool
    verified_on: dt.date | None
    search: str
    name_key: str
    provider_key: str
    kind_sort: str
    places_key: str


@dataclass(slots=True)
class ProviderRow:
    provider_id: int
    name: str
    ico: str
    town: str
    service_count: int
    verified_on: dt.date | None
    changed_at: dt.datetime | None
    changed_by: str
    search: str
    name_key: str
    town_key: str


@dataclass
class DirectoryListing:
    providers: list[ProviderRow] = field(default_factory=list)
    services: list[ServiceRow] = field(default_factory=list)


@dataclass
class _Codes:
    kinds: dict[str, tuple[str, str]]  # kind key → (label, sort key)
    forms: dict[int, str]

    @classmethod
    def load(cls, session: Session) -> _Codes:
        kinds = {}
        for type_id, paragraph, name, order in session.execute(
                select(ServiceType.id, ServiceType.paragraph, ServiceType.name, ServiceType.sort_order)):
            label = f"§ {paragraph} {name}" if paragraph else name
            kinds[f"t:{type_id}"] = (label, f"0{order:04d}")
        for category_id, name in session.execute(select(RelatedServiceCategory.id, RelatedServiceCategory.name)):
            kinds[f"c:{category_id}"] = (name, "1" + czech_key(name))
        forms = dict(session.execute(select(ProvisionForm.id, ProvisionForm.name)).all())
        return cls(kinds, forms)


_SEPARATOR = "\x1f"  # joins aggregated values; never typed by anyone


def _by_service(rows) -> dict[int, list[tuple]]:
    """Rows of a child table grouped by service id (first column)."""
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row[1:])
    return grouped


def _joined(column, *where):
    """(service id, the column's values of that service joined by _SEPARATOR), one row per service."""
    service_id = column.table.c.service_id
    # aggregate_strings renders group_concat on SQLite and string_agg on PostgreSQL; string_agg takes
    # text only, so an id column is cast (SQLite's group_concat would take it as it is).
    if not isinstance(column.type, String):
        column = cast(column, String)
    return (select(service_id, func.aggregate_strings(column, _SEPARATOR)).where(*where).group_by(service_id))




class _TextCache:
    """Folded text and Czech keys of the pieces that repeat across a region (names, towns, types)."""

    def __init__(self):
        self._folded: dict[str, str] = {}
        self._keys: dict[str, str] = {}

    def fold(self, text: str) -> str:
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    def key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = czech_key(text)
        return key


def list_directory(session: Session, provider_ids: list[int] | None = None) -> DirectoryListing:
    """Flat rows for the list: every provider and every service (or only those of `provider_ids`)."""
    with cycle_collector_paused():
        return _list_directory(session, provider_ids)


def _list_directory(session: Session, provider_ids: list[int] | None) -> DirectoryListing:
    codes = _Codes.load(session)
    provider_query = (select(Provider.id, Provider.name, Provider.ico, Provider.street, Provider.town,
                             Provider.verified_on, Provider.changed_at, Provider.changed_by,
                             LegalForm.name.label("legal_form"))
                      .outerjoin(LegalForm))
    service_query = select(Service.id, Service.provider_id, Service.name, Service.service_type_id,
                           Service.related_category_id, Service.registry_id, Service.status,
                           Service.ended_on, Service.in_booklet, Service.contact_person)
    own_services = select(Service.id).where(Service.provider_id.in_(provider_ids or []))

    def restrict(service_id_column) -> list:
        return [] if provider_ids is None else [service_id_column.in_(own_services)]

    if provider_ids is not None:
        provider_query = provider_query.where(Provider.id.in_(provider_ids))
        service_query = service_query.where(Service.provider_id.in_(provider_ids))
    place_query = (select(ServicePlace.service_id, ServicePlace.name, ServicePlace.street, ServicePlace.town,
                          ServicePlace.secret).where(*restrict(ServicePlace.service_id))
                   .order_by(ServicePlace.position, ServicePlace.id))
    # Forms, groups and areas are sets for the list, so SQLite joins them per service in C.
    joined_queries = [_joined(column, *restrict(column.table.c.service_id)) for column in (
        ServiceForm.form_id, service_target_group.c.target_group_id, ServiceArea.municipality)]
    # Plain Core execution: the ORM's per-row bookkeeping would cost more than the queries.
    conn = session.connection()
    providers = conn.execute(provider_query).all()
    services = conn.execute(service_query).all()
    places = _by_service(conn.execute(place_query))
    forms, groups, areas = (dict(conn.execute(q).all()) for q in joined_queries)

    texts = _TextCache()
    provider_info = {p.id: p for p in providers}
    service_count: dict[int, int] = defaultdict(int)
    pieces_of: dict[int, list[str]] = defaultdict(list)
    form_sets: dict[str, tuple[frozenset[int], str]] = {"": (frozenset(), "")}
    group_sets: dict[str, frozenset[int]] = {"": frozenset()}
    no_rows: list = []
    service_rows = []
    for s in services:
        provider = provider_info[s.provider_id]
        kind = kind_key(s.service_type_id, s.related_category_id)
        kind_label, kind_sort = codes.kinds.get(kind, ("", "2"))
        joined_forms = forms.get(s.id) or ""
        if joined_forms not in form_sets:
            ids = sorted(int(f) for f in joined_forms.split(_SEPARATOR))
            form_sets[joined_forms] = (frozenset(ids), ", ".join(codes.forms[f] for f in ids))
        form_ids, form_label = form_sets[joined_forms]
        joined_groups = groups.get(s.id) or ""
        if joined_groups not in group_sets:
            group_sets[joined_groups] = frozenset(int(g) for g in joined_groups.split(_SEPARATOR))
        all_places = places.get(s.id, no_rows)
        public = [p for p in all_places if not p[3]]
        joined_areas = areas.get(s.id) or ""
        towns = []
        for place in public:
            if place[2] and place[2] not in towns:
                towns.append(place[2])
        shown_places = ", ".join(towns) or (SECRET_PLACE_LABEL if len(public) < len(all_places) else "")
        registry_id = s.registry_id or ""
        service_pieces = [texts.fold(s.name), texts.fold(kind_label), registry_id]
        pieces_of[s.provider_id] += service_pieces
        service_count[s.provider_id] += 1
        search = " ".join([
            *service_pieces, texts.fold(provider.name), provider.ico or "", texts.fold(s.contact_person),
            *(texts.fold(f"{p[0]} {p[1]} {p[2]}") for p in public), texts.fold(joined_areas)])
        municipalities = frozenset(towns + joined_areas.split(_SEPARATOR)) if joined_areas else frozenset(towns)
        service_rows.append(ServiceRow(
            s.id, s.provider_id, s.name, provider.name, kind, kind_label, form_label, form_ids,
            group_sets[joined_groups], shown_places, municipalities, s.status, s.ended_on, registry_id,
            s.in_booklet, provider.verified_on, search, texts.key(s.name), texts.key(provider.name), kind_sort,
            texts.key(shown_places)))

    provider_rows = []
    for p in providers:
        search = " ".join([texts.fold(p.name), p.ico or "", texts.fold(p.street), texts.fold(p.town),
                           texts.fold(p.legal_form or ""), *pieces_of.get(p.id, no_rows)])
        provider_rows.append(ProviderRow(
            p.id, p.name, p.ico or "", p.town, service_count.get(p.id, 0), p.verified_on, p.changed_at,
            p.changed_by, search, texts.key(p.name), texts.key(p.town)))
    return DirectoryListing(provider_rows, service_rows)


# -- filtering -------------------------------------------------------------------------------------
@dataclass
class DirectoryNames:
    """Names for choosers outside the directory (the plan's responsible provider, partners, linked
    services): every provider (id, name) and every service not ended (id, name, its provider's name)."""

    providers: list[tuple[int, str]]
    services: list[tuple[int, str, str]]


def provider_versions(session: Session) -> dict[int, int]:
    """{provider id: version}: which providers changed since a listing was read (any change of a
    provider or of its services moves the provider's version, db/versioning.py)."""
    return {provider_id: version for provider_id, version in session.execute(select(Provider.id, Provider.version))}


def directory_names(session: Session) -> DirectoryNames:
    """Two plain queries instead of the whole listing (list_directory builds search text and sort keys
    for 6,700 services, which a chooser does not need); unsorted."""
    providers = [tuple(row) for row in session.execute(select(Provider.id, Provider.name))]
    services = [tuple(row) for row in session.execute(
        select(Service.id, Service.name, Provider.name).join(Provider, Service.provider_id == Provider.id)
        .where(Service.status != ServiceStatus.ENDED))]
    return DirectoryNames(providers, services)


@dataclass(frozen=True)
class DirectoryFilter:
    """What the clerk filters by; empty values mean "any"."""

    text: str = ""
    kind: str = ""
    target_group_id: int | None = None
    form_id: int | None = None
    municipality: str = ""
    status: ServiceStatus | None = None
    unverified_only: bool = False

    def has_service_criteria(self) -> bool:
        return bool(self.municipality) or self._has_service_details()

    def _has_service_details(self) -> bool:
        return bool(self.kind or self.target_group_id is not None or self.form_id is not None
                    or self.status is not None)

    def matches_seat_only(self) -> bool:
        """A provider's seat town alone satisfies a filter by municipality and nothing else."""
        return bool(self.municipality) and not self._has_service_details()

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.unverified_only or self.has_service_criteria())


def verification_limit(today: dt.date) -> dt.date:
    """Data confirmed before this day counts as "neověřeno 12 měsíců"."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _is_unverified(verified_on: dt.date | None, limit: dt.date) -> bool:
    return verified_on is None or verified_on < limit


def _service_passes(row: ServiceRow, f: DirectoryFilter, seat_town: str = "") -> bool:
    return ((not f.kind or row.kind == f.kind)
            and (f.target_group_id is None or f.target_group_id in row.target_group_ids)
            and (f.form_id is None or f.form_id in row.form_ids)
            and (not f.municipality or f.municipality in row.municipalities or f.municipality == seat_town)
            and (f.status is None or row.status is f.status))


def matching_service_ids(listing: DirectoryListing, f: DirectoryFilter,
                         today: dt.date | None = None) -> set[int] | None:
    """Ids of services the filter shows; None when it shows everything."""
    if f.is_empty():
        return None
    words = fold(f.text).split()
    limit = verification_limit(today or dt.date.today())
    return {row.service_id for row in listing.services
            if all(w in row.search for w in words)
            and (not f.unverified_only or _is_unverified(row.verified_on, limit))
            and _service_passes(row, f)}


def matching_provider_ids(listing: DirectoryListing, f: DirectoryFilter,
                          today: dt.date | None = None) -> set[int] | None:
    """Ids of providers the filter shows: service criteria need at least one matching service."""
    if f.is_empty():
        return None
    words = fold(f.text).split()
    limit = verification_limit(today or dt.date.today())
    candidates = {row.provider_id: row for row in listing.providers
                  if all(w in row.search for w in words)
                  and (not f.unverified_only or _is_unverified(row.verified_on, limit))}
    if not f.has_service_criteria():
        return set(candidates)
    matched = set()
    for service in listing.services:
        provider = candidates.get(service.provider_id)
        if provider is not None and _service_passes(service, f, provider.town):
            matched.add(service.provider_id)
    if f.matches_seat_only():
        matched |= {pid for pid, row in candidates.items() if row.town == f.municipality}
    return matched


# -- choices ---------------------------------------------------------------------------------------
@dataclass
class FilterChoices:
    """Values in use, for the filter boxes."""

    kinds: list[tuple[str, str]]
    target_groups: list[tuple[int, str]]
    forms: list[tuple[int, str]]
    municipalities: list[str]


def filter_choices(session: Session) -> FilterChoices:
    codes = _Codes.load(session)
    used_kinds = {kind_key(t, c) for t, c in session.execute(
        select(Service.service_type_id, Service.related_category_id).distinct())} - {""}
    kinds = sorted(((k, codes.kinds[k][0]) for k in used_kinds), key=lambda kv: codes.kinds[kv[0]][1])
    used_groups = select(service_target_group.c.target_group_id).distinct()
    groups = session.execute(select(TargetGroup.id, TargetGroup.name).where(TargetGroup.id.in_(used_groups))
                             .order_by(TargetGroup.sort_order)).all()
    forms = session.execute(select(ProvisionForm.id, ProvisionForm.name).order_by(ProvisionForm.id)).all()
    towns = set(session.scalars(select(ServicePlace.town).where(ServicePlace.secret.is_(False)).distinct()))
    towns |= set(session.scalars(select(ServiceArea.municipality).distinct()))
    return FilterChoices(kinds=kinds, target_groups=[tuple(g) for g in groups], forms=[tuple(f) for f in forms],
                         municipalities=czech_sorted(t for t in towns if t.strip()))


@dataclass
class EditorChoices:
    """Every codelist entry the editor offers."""

    service_types: list[tuple[int, str]]
    related_categories: list[tuple[int, str]]
    target_groups: list[tuple[int, str]]
    forms: list[tuple[int, str]]
    capacity_units: list[tuple[int, str]]
    legal_forms: list[tuple[int, str]]


def editor_choices(session: Session) -> EditorChoices:
    types = session.scalars(select(ServiceType).order_by(ServiceType.sort_order))
    legal = session.execute(select(LegalForm.id, LegalForm.name, LegalForm.abbreviation)).all()
    return EditorChoices(
        service_types=[(t.id, t.label) for t in types],
        related_categories=czech_sorted(
            [tuple(c) for c in session.execute(select(RelatedServiceCategory.id, RelatedServiceCategory.name))],
            key=lambda c: c[1]),
        target_groups=[tuple(g) for g in session.execute(
            select(TargetGroup.id, TargetGroup.name).order_by(TargetGroup.sort_order))],
        forms=[tuple(f) for f in session.execute(
            select(ProvisionForm.id, ProvisionForm.name).order_by(ProvisionForm.id))],
        capacity_units=[tuple(u) for u in session.execute(
            select(CapacityUnit.id, CapacityUnit.name).order_by(CapacityUnit.id))],
        legal_forms=czech_sorted([(i, f"{n} ({a})" if a else n) for i, n, a in legal], key=lambda lf: lf[1]),
    )


def add_related_category(session: Session, name: str) -> int:
    """Add a category of related services (or find the one already there) and return its id."""
    name = normalize_text(name)
    if not name:
        raise ValidationError([("Kategorie související služby", "Zadejte název kategorie.")])
    for category_id, existing in session.execute(select(RelatedServiceCategory.id, RelatedServiceCategory.name)):
        if fold(existing) == fold(name):
            return category_id
    category = RelatedServiceCategory(name=name)
    session.add(category)
    session.flush()
    return category.id


# -- one provider for the editor -------------------------------------------------------------------
def _service_record(s: Service) -> ServiceRecord:
    return ServiceRecord(
        id=s.id, name=s.name, service_type_id=s.service_type_id, related_category_id=s.related_category_id,
        registry_id=s.registry_id or "", portal_id=s.portal_id,
        forms=[FormRecord(f.form_id, f.capacity, f.capacity_unit_id) for f in s.forms],
        target_group_ids=[g.id for g in s.target_groups], age_from=s.age_from, age_to=s.age_to,
        age_note=s.age_note, places=[PlaceRecord(p.name, p.street, p.town, p.postcode, p.secret) for p in s.places],
        areas=[a.municipality for a in s.areas],
        opening_hours=[OpeningInterval(h.weekday, h.opens, h.closes) for h in s.opening_hours],
        opening_note=s.opening_note, contact_person=s.contact_person, phone=s.phone, email=s.email, web=s.web,
        fee=s.fee, fee_note=s.fee_note, description=s.description, status=s.status, ended_on=s.ended_on,
        in_booklet=s.in_booklet, note=s.note, source=s.source, changed_by=s.changed_by, changed_at=s.changed_at)


def _with_parts():
    """Loader options for a provider with everything of its services: one query per kind of row,
    not one per service (the editor and the save both need all of it)."""
    services = selectinload(Provider.services)
    return [services.selectinload(Service.forms), services.selectinload(Service.target_groups),
            services.selectinload(Service.places), services.selectinload(Service.areas),
            services.selectinload(Service.opening_hours)]


def load_provider(session: Session, provider_id: int) -> ProviderRecord:
    p = session.scalars(select(Provider).where(Provider.id == provider_id).options(*_with_parts())).one_or_none()
    if p is None:
        raise UserError("Poskytovatel už v adresáři není (mezitím byl smazán).")
    return ProviderRecord(
        id=p.id, name=p.name, ico=p.ico or "", legal_form_id=p.legal_form_id, street=p.street, town=p.town,
        postcode=p.postcode, phone=p.phone, email=p.email, web=p.web, data_box=p.data_box, note=p.note,
        verified_on=p.verified_on, source=p.source, changed_by=p.changed_by, changed_at=p.changed_at, version=p.version,
        services=[_service_record(s) for s in p.services])


# -- saving ----------------------------------------------------------------------------------------
def _provider_values(r: ProviderRecord) -> dict:
    # Text as every input path stores it (db/text.py), whoever calls save_provider.
    text = normalize_text
    return {
        "name": text(r.name), "ico": normalize_ico(r.ico) or None, "legal_form_id": r.legal_form_id,
        "street": text(r.street), "town": text(r.town), "postcode": normalize_psc(r.postcode),
        "phone": text(r.phone), "email": text(r.email), "web": text(r.web),
        "data_box": text(r.data_box).lower(), "note": text(r.note, multiline=True), "verified_on": r.verified_on,
        "source": r.source,
    }


def _service_values(r: ServiceRecord) -> dict:
    ended = r.status is ServiceStatus.ENDED
    text = normalize_text
    return {
        "name": text(r.name), "service_type_id": r.service_type_id, "related_category_id": r.related_category_id,
        "registry_id": text(r.registry_id) or None, "portal_id": r.portal_id, "age_from": r.age_from,
        "age_to": r.age_to, "age_note": text(r.age_note), "opening_note": text(r.opening_note),
        "contact_person": text(r.contact_person), "phone": text(r.phone), "email": text(r.email),
        "web": text(r.web), "fee": r.fee, "fee_note": text(r.fee_note),
        "description": text(r.description, multiline=True), "status": r.status,
        "ended_on": r.ended_on if ended else None, "in_booklet": r.in_booklet,
        "note": text(r.note, multiline=True), "source": r.source,
    }


def _service_parts(r: ServiceRecord) -> tuple:
    """The child rows of a service in a comparable form."""
    text = normalize_text
    return (
        tuple(sorted((f.form_id, f.capacity, f.capacity_unit_id) for f in r.forms)),
        tuple(sorted(set(r.target_group_ids))),
        tuple((text(p.name), text(p.street), text(p.town), normalize_psc(p.postcode), p.secret) for p in r.places),
        tuple(dict.fromkeys(area for area in map(text, r.areas) if area)),
        tuple(sorted((h.weekday, h.opens, h.closes) for h in r.opening_hours)),
    )


def _apply(target, values: dict) -> bool:
    changed = any(getattr(target, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(target, name, value)
    return changed


def _replace_parts(session: Session, service: Service, parts: tuple) -> None:
    forms, group_ids, places, areas, hours = parts
    # Old child rows go first: the unit of work would insert before deleting and trip the unique keys.
    service.forms.clear()
    service.places.clear()
    service.areas.clear()
    service.opening_hours.clear()
    session.flush()
    service.forms.extend(ServiceForm(form_id=f, capacity=c, capacity_unit_id=u) for f, c, u in forms)
    service.target_groups = list(session.scalars(select(TargetGroup).where(TargetGroup.id.in_(group_ids))))
    service.places.extend(ServicePlace(position=i, name=n, street=s, town=t, postcode=pc, secret=sec)
                          for i, (n, s, t, pc, sec) in enumerate(places))
    service.areas.extend(ServiceArea(position=i, municipality=m) for i, m in enumerate(areas))
    service.opening_hours.extend(OpeningHours(weekday=d, opens=o, closes=c) for d, o, c in hours)


def save_provider(session: Session, record: ProviderRecord, user: str | None = None) -> int:
    """Validate and write the provider with its complete list of services; returns the provider id.

    Services of the provider missing from `record.services` are deleted. Only records whose content
    changed get the "changed by / at" stamp; `record.version` becomes the stored version. Raises
    ValidationError and writes nothing when invalid, RecordConflict when someone saved the provider
    after `record` was loaded (db/versioning.py).
    """
    claim(session, Provider, record.id, record.version, load_provider, f"Poskytovatele „{record.name}“")
    validate_provider(session, record)
    user = user or current_user()
    now = now_to_the_second()
    if record.id is None:
        provider = Provider()
        session.add(provider)
        is_new = True
    else:
        provider = session.get(Provider, record.id, options=_with_parts())
        if provider is None:
            raise UserError(f"Poskytovatel „{record.name}“ už v adresáři není (mezitím byl smazán).")
        is_new = False
    if _apply(provider, _provider_values(record)) or is_new:
        provider.changed_by, provider.changed_at = user, now

    existing = {s.id: s for s in provider.services}
    kept = {s.id for s in record.services if s.id is not None}
    for service_id, service in existing.items():
        if service_id not in kept:
            provider.services.remove(service)
    session.flush()  # removed identifikátory are free before another service takes them
    for service_record in record.services:
        if service_record.id is None:
            service = Service()
            provider.services.append(service)
        elif service_record.id in existing:
            service = existing[service_record.id]
        else:
            raise UserError(f"Služba „{service_record.name}“ už v adresáři není (mezitím byla smazána).")
        changed = _apply(service, _service_values(service_record))
        parts = _service_parts(service_record)
        if service_record.id is None or parts != _service_parts(_service_record(service)):
            _replace_parts(session, service, parts)
            changed = True
        if changed or service_record.id is None:
            service.changed_by, service.changed_at = user, now
    session.flush()
    record.version = provider.version
    return provider.id


def end_services(session: Session, service_ids: list[int], ended_on: dt.date, user: str | None = None) -> None:
    """Mark services ended on a date: they stay in the directory's history but not in print."""
    for service_id in service_ids:
        service = session.get(Service, service_id)
        if service is None:
            raise UserError("Služba už v adresáři není (mezitím byla smazána).")
        service.status = ServiceStatus.ENDED
        service.ended_on = ended_on
        service.changed_by, service.changed_at = user or current_user(), now_to_the_second()


def delete_service(session: Session, service_id: int) -> None:
    service = session.get(Service, service_id)
    if service is not None:
        session.delete(service)


def delete_provider(session: Session, provider_id: int) -> None:
    provider = session.get(Provider, provider_id)
    if provider is not None:
        session.delete(provider)
