import datetime as dt
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db.directory.demo import directory_is_empty, load_demo, read_demo
from db.directory.models import FeeKind, Provider, Service, ServiceStatus
from db.errors import UserError
from db.settings import OfficeDetails, load_office, save_office
from db.validation import check_data_box, check_email, check_ico, check_phone, check_psc, check_web


@pytest.fixture
def directory(db):
    summary = load_demo(db)
    with db.session() as s:
        providers = list(s.scalars(select(Provider).options(selectinload(Provider.services).options(
            selectinload(Service.forms), selectinload(Service.places), selectinload(Service.areas),
            selectinload(Service.opening_hours), selectinload(Service.target_groups)))))
    services = [service for p in providers for service in p.services]
    return summary, providers, services


def test_counts_about_forty_providers_and_eighty_services(directory):
    summary, providers, services = directory
    assert 38 <= summary.providers == len(providers) <= 45
    assert 75 <= summary.services == len(services) <= 90
    assert "Lipová nad Sázavou" in summary.message()


def test_every_kind_of_case_is_present(directory):
    _, providers, services = directory
    forms = {f.form.name for s in services for f in s.forms}
    assert forms == {"pobytová", "ambulantní", "terénní"}
    paragraphs = {s.service_type.paragraph for s in services if s.service_type and s.service_type.paragraph}
    assert len(paragraphs) == 33  # every paragraph of the act
    assert any(s.service_type and s.service_type.paragraph is None for s in services)  # centrum duševního zdraví
    categories = {s.related_category.name for s in services if s.related_category}
    assert {"klub seniorů", "senior taxi", "půjčovna kompenzačních pomůcek", "linka pomoci"} <= categories
    secret = [s for s in services if any(p.secret for p in s.places)]
    assert secret and any(g.name == "oběti domácího násilí" for g in secret[0].target_groups)
    ended = [s for s in services if s.status is ServiceStatus.ENDED]
    assert ended and all(s.ended_on and s.ended_on < dt.date.today() for s in ended)
    assert any(s.status is ServiceStatus.SUSPENDED for s in services)
    assert any(not s.in_booklet for s in services)
    assert any(len(s.places) > 1 for s in services)
    assert any(len(s.areas) > 5 for s in services)
    assert any(len([h for h in s.opening_hours if h.weekday == 0]) == 2 for s in services)  # split day
    assert any(s.opening_note and not s.opening_hours for s in services)
    assert {s.fee for s in services} >= {FeeKind.FREE, FeeKind.PAID}
    assert any(s.age_from is not None and s.age_to is not None for s in services)
    assert any(s.age_from is not None and s.age_to is None for s in services)
    assert any(len(s.description) > 200 for s in services)
    names = [p.name for p in providers] + [s.name for s in services]
    assert any("&" in n for n in names) and any("„" in n and "“" in n for n in names)
    assert any(p.ico and p.ico.startswith("00") for p in providers)
    assert any(not p.ico for p in providers)
    year_ago = dt.date.today() - dt.timedelta(days=365)
    assert sum(1 for p in providers if p.verified_on is None or p.verified_on < year_ago) >= 5
    assert sum(1 for p in providers if p.verified_on and p.verified_on >= year_ago) >= 20
    assert {p.legal_form.name for p in providers} >= {"spolek", "ústav", "obecně prospěšná společnost",
                                                      "příspěvková organizace", "obec", "církevní právnická osoba"}


def test_demo_values_pass_the_validation_the_editor_applies(directory):
    _, providers, services = directory
    for p in providers:
        for check, value in ((check_ico, p.ico or ""), (check_psc, p.postcode), (check_phone, p.phone),
                             (check_email, p.email), (check_web, p.web), (check_data_box, p.data_box)):
            assert check(value) is None, (p.name, value)
    for s in services:
        assert check_phone(s.phone) is None and check_email(s.email) is None, s.name
        assert all(check_psc(place.postcode) is None for place in s.places), s.name
    registry_ids = [s.registry_id for s in services if s.registry_id]
    assert len(registry_ids) == len(set(registry_ids)) and all(re.fullmatch(r"\d{7}", r) for r in registry_ids)
    assert len({p.ico for p in providers if p.ico}) == len([p for p in providers if p.ico])


def test_demo_is_refused_when_the_directory_has_data(db):
    assert directory_is_empty(db)
    load_demo(db)
    assert not directory_is_empty(db)
    with pytest.raises(UserError, match="jen do prázdné databáze"):
        load_demo(db)


def test_office_details_are_filled_only_when_empty(db, db_path):
    with db.session() as s, s.begin():
        save_office(s, OfficeDetails(town="Město Dobříš"))
    summary = load_demo(db)
    assert not summary.office_filled
    with db.session() as s:
        assert load_office(s).town == "Město Dobříš"


def test_demo_file_describes_itself_as_fictional():
    assert "smyšlené" in read_demo()["description"]
