import datetime as dt

import pytest
from sqlalchemy import event, select

from db.directory.models import Provider, Service, ServiceStatus
from db.directory.queries import (
    DirectoryFilter, add_related_category, delete_provider, delete_service, editor_choices, end_services,
    filter_choices, list_directory, load_provider, matching_provider_ids, matching_service_ids, save_provider,
    verification_limit,
)
from db.directory.records import FormRecord, OpeningInterval, PlaceRecord, ProviderRecord, ServiceRecord
from db.errors import ValidationError
from tests.factories import form, service_type, small_directory, target_group, valid_ico


@pytest.fixture
def ids(db):
    return small_directory(db)


def _listing(db):
    with db.session() as s:
        return list_directory(s)


def test_listing_has_one_row_per_service_and_provider_and_hides_secret_places(db, ids):
    listing = _listing(db)
    assert len(listing.providers) == 4 and len(listing.services) == 5
    rows = {r.service_id: r for r in listing.services}
    pecovatelska = rows[ids["pecovatelska"]]
    assert pecovatelska.provider_name == "Oblastní charita Příbram"
    assert pecovatelska.kind_label == "§ 40 pečovatelská služba"
    assert pecovatelska.forms == "ambulantní, terénní"
    assert pecovatelska.municipalities == {"Příbram", "Dobříš"}
    azyl = rows[ids["azyl_service"]]
    assert azyl.places == "utajená adresa"
    assert "beroun" not in azyl.search and "tajna" not in azyl.search and "Beroun" not in azyl.municipalities
    assert rows[ids["klub_service"]].kind_label == "klub seniorů"
    charita = next(p for p in listing.providers if p.provider_id == ids["charita"])
    assert charita.service_count == 2


def test_listing_uses_a_fixed_number_of_queries(db, ids):
    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    _listing(db)
    few = len(statements)
    with db.session() as s, s.begin():
        for i in range(30):
            provider = Provider(name=f"Poskytovatel {i}", town="Příbram")
            provider.services = [Service(name=f"Služba {i}")]
            s.add(provider)
    statements.clear()
    _listing(db)
    assert len(statements) == few


def test_search_ignores_case_and_diacritics_and_needs_every_word(db, ids):
    listing = _listing(db)
    assert matching_service_ids(listing, DirectoryFilter(text="pecovatelska")) == {ids["pecovatelska"]}
    assert matching_service_ids(listing, DirectoryFilter(text="CHARITA poradna")) == {ids["poradna"]}
    assert matching_service_ids(listing, DirectoryFilter(text="dobris")) == {ids["pecovatelska"], ids["poradna"]}
    assert matching_service_ids(listing, DirectoryFilter()) is None
    assert matching_provider_ids(listing, DirectoryFilter(text="pecovatelska")) == {ids["charita"]}


def test_filters_by_kind_group_form_municipality_status_and_verification(db, ids):
    listing = _listing(db)
    with db.session() as s:
        type40 = service_type(s, "40").id
        crisis = target_group(s, "osoby v krizi").id
        residential = form(s, "pobytová").id
    assert matching_service_ids(listing, DirectoryFilter(kind=f"t:{type40}")) == {ids["pecovatelska"]}
    assert matching_service_ids(listing, DirectoryFilter(target_group_id=crisis)) == {ids["poradna"]}
    assert matching_service_ids(listing, DirectoryFilter(form_id=residential)) == {
        ids["domov_service"], ids["azyl_service"]}
    assert matching_service_ids(listing, DirectoryFilter(municipality="Dobříš")) == {
        ids["pecovatelska"], ids["poradna"]}
    assert matching_service_ids(listing, DirectoryFilter(unverified_only=True)) == {
        ids["domov_service"], ids["azyl_service"]}
    assert matching_provider_ids(listing, DirectoryFilter(form_id=residential)) == {ids["domov"], ids["azyl"]}
    assert matching_provider_ids(listing, DirectoryFilter(municipality="Praha")) == {ids["azyl"]}
    with db.session() as s, s.begin():
        end_services(s, [ids["poradna"]], dt.date(2025, 12, 31), user="novak")
    listing = _listing(db)
    assert matching_service_ids(listing, DirectoryFilter(status=ServiceStatus.ENDED)) == {ids["poradna"]}
    assert matching_provider_ids(listing, DirectoryFilter(status=ServiceStatus.ENDED)) == {ids["charita"]}


def test_verification_limit_is_twelve_months_back():
    assert verification_limit(dt.date(2026, 3, 15)) == dt.date(2025, 3, 15)
    assert verification_limit(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_filter_choices_list_only_values_in_use_in_czech_order(db, ids):
    with db.session() as s:
        choices = filter_choices(s)
    assert [label for _, label in choices.kinds] == [
        "§ 37 odborné sociální poradenství", "§ 40 pečovatelská služba", "§ 49 domovy pro seniory",
        "§ 57 azylové domy", "klub seniorů"]
    assert choices.municipalities == ["Březnice", "Čenkov", "Dobříš", "Příbram"]  # no secret Beroun
    assert [name for _, name in choices.forms] == ["pobytová", "ambulantní", "terénní"]
    assert "oběti domácího násilí" in [name for _, name in choices.target_groups]
    assert "senioři" in [name for _, name in choices.target_groups]


def test_load_and_save_round_trip_stamps_only_changed_records(db, ids):
    with db.session() as s:
        record = load_provider(s, ids["charita"])
    assert [svc.name for svc in record.services] == ["Pečovatelská služba Charity", "Občanská poradna"]
    assert record.services[0].places[0] == PlaceRecord("Středisko", "Mariánská 72", "Příbram", "", False)
    record.phone = "318 123 456"
    record.services[1].opening_hours = [OpeningInterval(0, "08:00", "12:00"), OpeningInterval(0, "13:00", "16:00")]
    with db.session() as s, s.begin():
        save_provider(s, record, user="novakova")
    with db.session() as s:
        again = load_provider(s, ids["charita"])
    assert again.phone == "318 123 456" and again.changed_by == "novakova"
    assert again.services[1].opening_hours == record.services[1].opening_hours
    assert again.services[1].changed_by == "novakova"
    assert again.services[0].changed_by == ""  # untouched service keeps its stamp


def test_save_new_provider_with_all_service_parts(db):
    with db.session() as s:
        choices = editor_choices(s)
        type_id = service_type(s, "44").id
        unit_id = choices.capacity_units[0][0]
        group_ids = [target_group(s, "senioři").id, target_group(s, "pečující osoby").id]
        form_id = form(s, "pobytová").id
    record = ProviderRecord(name="Domov Na Hrázi", ico=valid_ico(4242), postcode="26101", town="Příbram",
                            data_box="AB12CD3", services=[ServiceRecord(
                                name="Odlehčovací služba", service_type_id=type_id, registry_id="7654321",
                                forms=[FormRecord(form_id, 12, unit_id)], target_group_ids=group_ids,
                                age_from=60, age_to=None,
                                places=[PlaceRecord("Domov", "Hráz 3", "Příbram", "26101")],
                                areas=["Příbram", "Příbram", "Milín"], fee=None, in_booklet=False)])
    with db.session() as s, s.begin():
        provider_id = save_provider(s, record, user="clerk")
    with db.session() as s:
        saved = load_provider(s, provider_id)
    assert saved.postcode == "261 01" and saved.data_box == "ab12cd3" and saved.changed_by == "clerk"
    service = saved.services[0]
    assert service.forms == [FormRecord(form_id, 12, unit_id)]
    assert sorted(service.target_group_ids) == sorted(group_ids)
    assert service.areas == ["Příbram", "Milín"]
    assert service.places[0].postcode == "261 01"
    assert service.in_booklet is False and service.age_from == 60


def test_removed_services_are_deleted_and_an_identifier_can_move(db, ids):
    with db.session() as s:
        record = load_provider(s, ids["charita"])
    old = record.services.pop(0)
    record.services.append(ServiceRecord(name="Nová pečovatelská", service_type_id=old.service_type_id,
                                         registry_id=old.registry_id))
    with db.session() as s, s.begin():
        save_provider(s, record)
    with db.session() as s:
        names = s.scalars(select(Service.name).where(Service.provider_id == ids["charita"])).all()
        assert sorted(names) == ["Nová pečovatelská", "Občanská poradna"]
        assert s.get(Service, ids["pecovatelska"]) is None


def test_validation_names_the_field_and_the_other_record(db, ids):
    with db.session() as s:
        record = load_provider(s, ids["domov"])
    record.name = " "
    record.ico = valid_ico(1234)  # Charita's
    record.services[0].registry_id = "1234567"  # Charita's pečovatelská služba
    record.services[0].status = ServiceStatus.ENDED
    with db.session() as s, pytest.raises(ValidationError) as caught:
        save_provider(s, record)
    problems = dict(caught.value.problems)
    assert problems["Název"] == "Vyplňte název poskytovatele."
    assert problems["IČO"] == (
        f"IČO {valid_ico(1234)} už má v adresáři poskytovatel „Oblastní charita Příbram“.")
    assert problems["Služba „Domov pro seniory Čenkov“ – Identifikátor"] == (
        "Identifikátor 1234567 už má služba „Pečovatelská služba Charity“ "
        "poskytovatele „Oblastní charita Příbram“.")
    assert "datum ukončení" in problems["Služba „Domov pro seniory Čenkov“ – Stav"]
    with db.session() as s:
        assert s.get(Provider, ids["domov"]).name == "Domov Čenkov"  # nothing written


@pytest.mark.parametrize("change,label,fragment", [
    (lambda r: setattr(r, "ico", "12345678"), "IČO", "kontrolní součet"),
    (lambda r: setattr(r, "postcode", "2610"), "PSČ", "NNN NN"),
    (lambda r: setattr(r, "phone", "12 34"), "Telefon", "není platné české číslo"),
    (lambda r: setattr(r, "email", "info@"), "E-mail", "nemá platný tvar"),
    (lambda r: setattr(r, "web", "nic tu"), "Web", "nemá platný tvar"),
    (lambda r: setattr(r, "data_box", "abc"), "Datová schránka", "7 znaků"),
    (lambda r: setattr(r, "verified_on", dt.date.today() + dt.timedelta(days=3)), "Ověřeno dne", "budoucnosti"),
    (lambda r: setattr(r.services[0], "name", ""), "Služba č. 1 – Název služby", "Vyplňte název služby"),
    (lambda r: setattr(r.services[0], "service_type_id", None), "– Druh služby", "Vyberte druh"),
    (lambda r: setattr(r.services[0], "registry_id", "12345"), "– Identifikátor", "7 číslic"),
    (lambda r: (setattr(r.services[0], "age_from", 70), setattr(r.services[0], "age_to", 20)),
     "– Věk klientů", "nesmí být vyšší"),
    (lambda r: r.services[0].places.append(PlaceRecord()), "– Místa poskytování", "alespoň název"),
    (lambda r: r.services[0].opening_hours.append(OpeningInterval(0, "12:00", "08:00")), "– Provozní doba",
     "není platný"),
    (lambda r: setattr(r.services[0], "email", "x@y"), "– E-mail", "nemá platný tvar"),
])
def test_each_record_check(db, ids, change, label, fragment):
    with db.session() as s:
        record = load_provider(s, ids["domov"])
    change(record)
    with db.session() as s, pytest.raises(ValidationError) as caught:
        save_provider(s, record)
    assert any(label in field and fragment in message for field, message in caught.value.problems), \
        caught.value.problems


def test_duplicate_identifier_within_one_provider(db, ids):
    with db.session() as s:
        record = load_provider(s, ids["charita"])
    record.services[1].registry_id = record.services[0].registry_id
    with db.session() as s, pytest.raises(ValidationError) as caught:
        save_provider(s, record)
    assert "je uveden i u služby „Pečovatelská služba Charity“" in str(caught.value)


def test_end_and_delete(db, ids):
    with db.session() as s, s.begin():
        end_services(s, [ids["poradna"]], dt.date(2026, 1, 31), user="novak")
    with db.session() as s:
        service = s.get(Service, ids["poradna"])
        assert (service.status, service.ended_on, service.changed_by) == (
            ServiceStatus.ENDED, dt.date(2026, 1, 31), "novak")
    with db.session() as s, s.begin():
        delete_service(s, ids["poradna"])
        delete_provider(s, ids["domov"])
    with db.session() as s:
        assert s.get(Service, ids["poradna"]) is None
        assert s.get(Provider, ids["domov"]) is None and s.get(Service, ids["domov_service"]) is None


def test_add_related_category_reuses_an_existing_one(db):
    with db.session() as s, s.begin():
        new_id = add_related_category(s, "  potravinová   banka ")
        same_id = add_related_category(s, "Potravinová banka")
        existing = add_related_category(s, "KLUB SENIORŮ")
    assert new_id == same_id
    with db.session() as s:
        categories = editor_choices(s).related_categories
    names = [name for _, name in categories]
    assert "potravinová banka" in names and names.count("klub seniorů") == 1
    assert (existing, "klub seniorů") in categories
    with db.session() as s, pytest.raises(ValidationError):
        add_related_category(s, "   ")


def test_directory_names_are_the_listings_names_without_ended_services(db):
    from db.directory.demo import load_demo
    from db.directory.models import ServiceStatus
    from db.directory.queries import directory_names, list_directory

    load_demo(db)
    listing, names = db.read(list_directory), db.read(directory_names)
    assert sorted(names.providers) == sorted((p.provider_id, p.name) for p in listing.providers)
    assert sorted(names.services) == sorted((s.service_id, s.name, s.provider_name) for s in listing.services
                                            if s.status is not ServiceStatus.ENDED)
    assert any(s.status is ServiceStatus.ENDED for s in listing.services)  # the filter is put to the test
