"""Every text field has a length its database column and the printed booklet can take; the editor, the
spreadsheet import and the register import all keep to it (the fee note and place names once did not)."""
import pytest

from db.directory.records import PlaceRecord, ProviderRecord, ServiceRecord
from db.directory.validation import (
    PLACE_TEXT_LIMITS, PROVIDER_TEXT_LIMITS, SERVICE_TEXT_LIMITS, provider_problems,
)
from db.spreadsheet import plan_import
from db.models import metadata

CSV_HEADER = ("Poskytovatel;IČO;Právní forma;Ulice;Obec;PSČ;Telefon;E-mail;Web;Služba;Druh služby;Identifikátor;"
              "Formy;Cílové skupiny;Popis;Provozní doba;Kontaktní osoba;Telefon služby;E-mail služby;"
              "Místo poskytování;Úhrada;Kapacita;Územní působnost;Ověřeno")


def _record(**service_fields) -> ProviderRecord:
    service = ServiceRecord(**{"name": "Poradna", "related_category_id": 1, **service_fields})
    return ProviderRecord(name="Spolek", services=[service])


def test_limits_are_never_wider_than_the_database_columns():
    for table, limits in (("provider", PROVIDER_TEXT_LIMITS), ("service", SERVICE_TEXT_LIMITS),
                          ("service_place", PLACE_TEXT_LIMITS)):
        for name, limit in limits.items():
            width = getattr(metadata.tables[table].c[name].type, "length", None)
            assert width is None or limit <= width, (table, name)


@pytest.mark.parametrize("field", sorted(set(SERVICE_TEXT_LIMITS) - {"phone", "email", "web"}))
def test_each_service_text_over_its_limit_is_named(db, field):
    limit = SERVICE_TEXT_LIMITS[field]
    fine = db.read(provider_problems, _record(**{field: "a" * limit}))
    assert not [p for p in fine if p.field == field]
    problems = db.read(provider_problems, _record(**{field: "a" * (limit + 1)}))
    assert [p.message for p in problems if p.field == field] == [
        f"Text je příliš dlouhý ({limit + 1} znaků, nejvýše {limit})."]


@pytest.mark.parametrize("field", sorted(PROVIDER_TEXT_LIMITS))
def test_each_provider_text_over_its_limit_is_named(db, field):
    limit = PROVIDER_TEXT_LIMITS[field]
    record = ProviderRecord(name="Spolek")
    setattr(record, field, "a" * (limit + 1))
    assert any(p.field == field and "nejvýše" in p.message for p in db.read(provider_problems, record))


def test_a_place_name_too_long_is_named(db):
    place = PlaceRecord(name="N" * 301, town="Lipová")
    problems = db.read(provider_problems, _record(places=[place]))
    assert [p.label for p in problems if "název" in p.message] == ["Služba „Poradna“ – Místa poskytování"]


def _csv(tmp_path, fee: str = "zdarma", place: str = "", description: str = ""):
    path = tmp_path / "adresar.csv"
    row = (f"Spolek Zkušební;;;Nádražní 1;Lipová;584 21;;;;Poradna;§ 37;;ambulantní;senioři;{description};;"
           f";;;{place};{fee};;;")
    path.write_text(CSV_HEADER + "\n" + row + "\n", encoding="utf-8-sig")
    return path


def test_the_spreadsheet_import_checks_the_fee_note_and_place_names(db, tmp_path):
    preview = plan_import(db, _csv(tmp_path, fee="placená: " + "x" * 501,
                                   place="P" * 301 + ", Nádražní 1, 584 21 Lipová", description="d" * 3001))
    columns = sorted(p.column for p in preview.problems)
    assert columns == ["Místo poskytování", "Popis", "Úhrada"]
    assert all("nejvýše" in p.message for p in preview.problems)
    fine = plan_import(db, _csv(tmp_path, fee="placená: " + "x" * 500,
                                place="P" * 300 + ", Nádražní 1, 584 21 Lipová"))
    assert not fine.problems


def test_a_capacity_beyond_any_service_is_refused_by_editor_and_spreadsheet(db, tmp_path):
    from db.directory.records import FormRecord

    record = _record(forms=[FormRecord(form_id=1, capacity=10**30)])
    assert any("nejvýše 1\u00a0000\u00a0000" in p.message for p in db.read(provider_problems, record))
    path = tmp_path / "kapacita.csv"
    row = "Spolek;;;Nádražní 1;Lipová;584 21;;;;Poradna;§ 37;;ambulantní;senioři;;;;;;;zdarma;ambulantní " \
          + "9" * 30 + " klientů;;"
    path.write_text(CSV_HEADER + "\n" + row + "\n", encoding="utf-8-sig")
    assert [p.column for p in plan_import(db, path).problems] == ["Kapacita"]
