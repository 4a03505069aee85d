"""Import from the register's open data: territory, awkward records, hygiene, matching, mapping."""
import datetime as dt
import json
import re

import pytest
from sqlalchemy import func, select

from db.directory.models import Provider, Service, ServiceStatus, Source
from db.errors import UserError
from db.registry import apply_import, load_codelists, plan_import, summary_lines
from db.registry.mapping import build_mapping, parse_age_band
from tests.db.registry.registry_helpers import (
    CHOMUTOV, SAMPLE, SMALL, SOKOLOV, codelists, data_dump, item, load_items, territory, write_register,
)


def _import(db, folder=SMALL, *ids):
    preview = plan_import(folder / "rpss.json", folder / "ciselniky", territory(*(ids or (CHOMUTOV,))), db)
    apply_import(preview, db)
    return preview


def _service(s, registry_id) -> Service:
    return s.scalars(select(Service).where(Service.registry_id == registry_id)).one()


# -- codelists and territory -----------------------------------------------------------------------
def test_codelists_resolve_codes_ids_and_names():
    cl = codelists()
    assert cl.resolve("okres", "3503") == cl.resolve("okres", "Okres/3503") == cl.resolve("okres", "chomutov")
    assert cl.resolve("kraj", "Ústecký kraj") == "Kraj/42"
    assert [a.name for a in cl.obce_of(CHOMUTOV)] == ["Chomutov", "Jirkov", "Kadaň", "Klášterec nad Ohří"]
    with pytest.raises(UserError, match="není v číselníku okresy.json"):
        cl.resolve("okres", "9999")
    assert territory("Kraj/42", SOKOLOV, "Obec/900201", "Obec/900202").describe(cl) == (
        "Ústecký kraj; okres Sokolov; obce Karlovy Vary, Ostrov")


def test_missing_codelist_file_is_named(tmp_path):
    folder = tmp_path / "ciselniky"
    folder.mkdir()
    (folder / "kraje.json").write_text('{"polozky": []}', encoding="utf-8")
    with pytest.raises(UserError, match="chybí: okresy.json, obce.json"):
        load_codelists(tmp_path)


def test_codelist_names_map_onto_our_lists_by_name(db):
    cl = codelists(SAMPLE)
    with db.session() as s:
        mapping = build_mapping(cl, s)
    assert None not in mapping.service_types.values()  # all 34, including centrum duševního zdraví
    assert None not in mapping.target_groups.values()
    # The register words forms and units differently ("pobytové služby", "počet lůžek").
    assert sorted(mapping.forms.values()) == ["amb", "pob", "ter"]
    assert {cl.capacity_types[k]: v for k, v in mapping.capacity_units.items()} == {
        "počet klientů": "klient", "počet kontaktů": "kontakt", "počet intervencí": "interv",
        "počet lůžek": "luzka", "počet hovorů": "hovor"}


def test_a_service_is_in_the_territory_through_any_facility(db):
    # Chomutov services with a further facility in okres Sokolov: 1005 (obec Sokolov),
    # 1008 (Nové Sedlo), 1015 (Chodov and Sokolov).
    preview = plan_import(SMALL / "rpss.json", SMALL / "ciselniky", territory("Obec/900102"), db)
    assert preview.scan.items_total == 18
    assert {r.key for r in preview.new_services} == {"identifikátor 4300181", "identifikátor 3238768"}
    preview = plan_import(SMALL / "rpss.json", SMALL / "ciselniky", territory(SOKOLOV), db)
    assert {r.key for r in preview.new_services} == {
        "identifikátor 4300181", "identifikátor 3238768", "identifikátor 5355235"}


def test_empty_territory_is_refused(db):
    with pytest.raises(UserError, match="Vyberte území"):
        plan_import(SMALL / "rpss.json", SMALL / "ciselniky", territory(), db)


# -- the awkward records ---------------------------------------------------------------------------
def test_first_import_of_the_awkward_records(db, db_path):
    preview = _import(db)
    assert preview.scan.items_in_territory == 18
    with db.session() as s:
        # Without poskytovatel: reported with its portalId, the other 17 are imported.
        assert [(i.portal_id, i.message) for i in preview.malformed] == [("1016", "chybí poskytovatel")]
        assert s.scalar(select(func.count()).select_from(Service)) == 17
        assert s.scalars(select(Service).where(Service.portal_id == "1016")).first() is None

        secret = _service(s, "6518465")
        assert [(p.secret, p.street, p.postcode, p.town) for p in secret.places] == [(True, "", "", "Chomutov")]

        ended = _service(s, "9878327")
        assert (ended.status, ended.ended_on, ended.in_booklet) == (ServiceStatus.ENDED, dt.date(2019, 6, 30), False)
        assert [e.ref.key for e in preview.ended] == ["identifikátor 9878327"]

        odd = s.scalars(select(Provider).where(Provider.ico == "00064581")).one()
        assert odd.name == "Rodina & dítě „Na rozcestí“, z. s."
        assert odd.legal_form.name == "spolek"
        assert odd.source is Source.REGISTRY

        unknown = _service(s, "3238768")
        assert unknown.service_type is None
        assert unknown.name == "Sociální služba – Nadace pro seniory Sluneční"
        assert any(w.portal_id == "1015" and "neznámý druh služby (kód 99" in w.message for w in preview.warnings)

        borrowed = _service(s, "4413086")
        assert borrowed.phone == "+420 415 032 582; +420 766 126 116"
        assert borrowed.email == "info@tylstekpohoda.cz"
        assert borrowed.web == "www.tylstekpohoda.cz"
        own = _service(s, "1851952")  # has its own contacts, differing from its provider's
        assert own.phone == "+420 374 291 655" and own.provider.phone == "+420 716 655 764"
    rows = "\n".join(data_dump(db_path))
    assert "Tajná" not in rows  # the secret street never reaches the database
    for personal in ("Nováková", "Svoboda", "Mgr."):  # statutory bodies, facility leaders
        assert personal not in rows


def test_register_fields_are_read_into_our_codelists(db):
    _import(db)
    with db.session() as s:
        service = _service(s, "2373299")  # Domy na půl cesty, pobytová, 8 lůžek
        assert service.service_type.paragraph == "58"
        assert [(f.form.code, f.capacity, f.capacity_unit.code) for f in service.forms] == [("pob", 8, "luzka")]
        assert {g.name for g in service.target_groups} == {
            "osoby ohrožené závislostí nebo závislé na návykových látkách", "osoby bez přístřeší",
            "osoby s potřebou paliativní péče", "osoby s kombinovaným postižením"}
        place = service.places[0]
        assert (place.street, place.postcode, place.town) == ("Husova 2097/44", "426 01", "Chomutov")
        assert re.fullmatch(r"\+420 \d{3} \d{3} \d{3}", service.phone)
        assert service.web == "smvmosty.cz"
        assert service.registry_area == "Kraj/42 Obec/900301 Okres/3503"


def test_whole_sample_imports_idempotently(db):
    first = _import(db, SAMPLE, SOKOLOV)
    assert (len(first.new_services), len(first.ended), len(first.malformed)) == (47, 1, 1)
    again = plan_import(SAMPLE / "rpss.json", SAMPLE / "ciselniky", territory(SOKOLOV), db)
    assert not again.has_changes
    assert again.changes.unchanged == 48
    assert "Adresář odpovídá registru, není co měnit." in summary_lines(again)


# -- re-import -------------------------------------------------------------------------------------
def _clerk_edits(db):
    with db.session() as s, s.begin():
        service = _service(s, "2373299")
        service.description = "Text do brožury od úřednice."
        service.opening_note = "Po–Pá 8:00–12:00"
        service.contact_person = "vedoucí služby"
        service.in_booklet = False
        service.note = "Ověřeno telefonicky."
        service.fee_note = "Úhrada dle ceníku."
        service.phone = "+420 111 222 333"  # a register field: the register wins
        provider = service.provider
        provider.note = "Poznámka k poskytovateli."
        provider.verified_on = dt.date(2026, 1, 15)
        provider.data_box = "ab12cd3"
        manual_provider = Provider(name="Klub seniorů Jirkov", ico=None)
        s.add(Service(provider=manual_provider, name="Klub seniorů", source=Source.MANUAL))


def test_reimport_keeps_clerk_fields_and_reports_register_changes(db, tmp_path):
    _import(db)
    _clerk_edits(db)
    items = load_items()
    changed = item(items, 1000)
    changed["telefony"] = [{"telefon": "+420 602 111 222", "poznamka": None}]
    changed["formy"][0]["kapacity"][0]["pocet"] = 10
    changed["poskytovatel"]["nazev"] = "Úsměv Mosty, z. ú."
    item(items, 1004)["datumPoskytovaniDo"] = "2025-12-31"
    items.remove(item(items, 1001))  # vanished from the register
    moved = item(items, 1002)
    for address in [z["adresa"] for z in moved["zarizeni"]] + [k["adresa"] for k in moved["kontaktniAdresy"]]:
        address.update(kraj={"id": "Kraj/51"}, okres={"id": SOKOLOV}, obec={"id": "Obec/900101"})
    path = write_register(tmp_path / "reg", items)

    preview = plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db, today=dt.date(2026, 6, 1))
    service_changes = {c.ref.key: {f.label: (f.old, f.new) for f in c.changes}
                       for c in preview.changed if c.kind == "služba"}
    assert service_changes["identifikátor 2373299"] == {
        "telefon": ("+420 111 222 333", "+420 602 111 222"),
        "formy a kapacita": ("pobytová, lůžka: 8", "pobytová, lůžka: 10"),
    }
    provider_changes = {c.ref.key: c.changes for c in preview.changed if c.kind == "poskytovatel"}
    assert [str(c) for c in provider_changes["IČO 46281941"]] == ["název: Úsměv Mosty, o. p. s. → Úsměv Mosty, z. ú."]
    ended = {e.ref.key: e for e in preview.ended}
    assert ended["identifikátor 2526903"].reason() == "ukončena v registru k 31. 12. 2025"
    assert ended["identifikátor 1378543"].gone
    assert "identifikátor 1068679" not in ended  # moved away, still registered: not ended
    assert any(w.registry_id == "1068679" and "ve zvoleném území" in w.message for w in preview.warnings)
    assert not preview.new_services and not preview.new_providers

    apply_import(preview, db)
    with db.session() as s:
        service = _service(s, "2373299")
        assert (service.description, service.opening_note, service.contact_person, service.in_booklet,
                service.note, service.fee_note) == ("Text do brožury od úřednice.", "Po–Pá 8:00–12:00",
                                                    "vedoucí služby", False, "Ověřeno telefonicky.",
                                                    "Úhrada dle ceníku.")
        assert service.phone == "+420 602 111 222"
        assert service.forms[0].capacity == 10
        assert service.changed_by == "import z registru"
        provider = service.provider
        assert (provider.name, provider.note, provider.verified_on, provider.data_box) == (
            "Úsměv Mosty, z. ú.", "Poznámka k poskytovateli.", dt.date(2026, 1, 15), "ab12cd3")
        assert (_service(s, "2526903").status, _service(s, "2526903").ended_on) == (
            ServiceStatus.ENDED, dt.date(2025, 12, 31))
        gone = _service(s, "1378543")  # kept, marked ended on the day of the import
        assert (gone.status, gone.ended_on) == (ServiceStatus.ENDED, dt.date(2026, 6, 1))
        assert _service(s, "1068679").status is ServiceStatus.ACTIVE
        manual = s.scalars(select(Service).where(Service.name == "Klub seniorů")).one()
        assert manual.status is ServiceStatus.ACTIVE
        assert s.scalar(select(func.count()).select_from(Service)) == 18


def test_service_back_in_the_register_is_active_again(db, tmp_path):
    items = load_items()
    _import(db)
    path = write_register(tmp_path / "a", [i for i in items if i["portalId"] != 1000])
    apply_import(plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db), db)
    with db.session() as s:
        assert _service(s, "2373299").status is ServiceStatus.ENDED
    preview = _import(db)
    assert [str(c) for c in preview.changed[0].changes] == [
        f"stav: ukončena k {dt.date.today().day}. {dt.date.today().month}. {dt.date.today().year} → poskytuje se"]
    with db.session() as s:
        assert (_service(s, "2373299").status, _service(s, "2373299").ended_on) == (ServiceStatus.ACTIVE, None)


def test_match_falls_back_to_portal_id_and_keeps_leading_zeros(db, tmp_path):
    items = load_items()
    for i in items:
        if i["portalId"] == 1014:
            i.pop("identifikator")
    path = write_register(tmp_path / "a", items)
    apply_import(plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db), db)
    preview = _import(db)  # the register now gives the identifikátor
    assert [(c.ref.key, [str(f) for f in c.changes]) for c in preview.changed] == [
        ("identifikátor 1851952", ["identifikátor: — → 1851952"])]
    with db.session() as s:
        assert _service(s, "1851952").portal_id == "1014"
        assert _service(s, "1851952").provider.ico == "00064581"


def test_an_unreadable_item_keeps_missing_services_from_being_ended(db, tmp_path):
    _import(db)
    items = load_items()
    items[items.index(item(items, 1001))] = "nesmysl"  # could be 1001 itself: it must not be ended
    path = write_register(tmp_path / "a", items)
    preview = plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db)
    assert not preview.ended
    assert any(w.registry_id == "1378543" and "bez identifikátoru" in w.message for w in preview.warnings)
    apply_import(preview, db)
    with db.session() as s:
        assert _service(s, "1378543").status is ServiceStatus.ACTIVE


def test_empty_register_value_does_not_erase(db, tmp_path):
    _import(db)
    items = load_items()
    bare = item(items, 1000)
    bare["telefony"], bare["poskytovatel"]["telefony"], bare["ciloveSkupiny"] = [], [], []
    path = write_register(tmp_path / "a", items)
    preview = plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db)
    assert not preview.has_changes


# -- odd shapes ------------------------------------------------------------------------------------
def test_unexpected_shapes_are_warnings_or_malformed_never_crashes(db, tmp_path):
    items = load_items()
    item(items, 1000)["vekoveSkupiny"] = {"neco": 1}
    item(items, 1001)["formy"] = [{"forma": {"id": "FormaSocialniSluzby/xyz"}, "kapacity": "hodně"}]
    item(items, 1002)["poskytovatel"]["ico"] = "12AB"
    item(items, 1003)["datumPoskytovaniDo"] = "loni"
    item(items, 1004)["zarizeni"] = "žádné"
    item(items, 1004)["ciloveSkupiny"] = [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/999"}}, 7]
    item(items, 1005)["identifikator"] = item(items, 1006)["identifikator"]
    items.append("nesmysl")
    path = write_register(tmp_path / "a", items)
    preview = plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db)
    malformed = {i.portal_id: i.message for i in preview.malformed}
    assert malformed["1002"] == "poskytovatel má neplatné IČO „12AB“"
    assert malformed["1003"] == "neplatné datum konce poskytování „loni“"
    assert malformed["1016"] == "chybí poskytovatel"
    assert malformed[None] == "19. položka souboru není objekt"
    assert "opakuje" in malformed["1006"]
    warnings = {(w.portal_id, w.message) for w in preview.warnings}
    assert ("1000", "věkové skupiny mají neočekávaný tvar – věk nebyl převzat") in warnings
    assert ("1001", "neznámá forma poskytování (kód xyz) – vynechána") in warnings
    assert ("1004", "neznámá cílová skupina (kód 999) – vynechána") in warnings
    apply_import(preview, db)
    with db.session() as s:
        # 1002, 1003, 1006 and 1016 are malformed; 1004 without facilities is still placed by its contact address
        assert s.scalar(select(func.count()).select_from(Service)) == 18 - 4


def test_age_groups_codelist_when_given(db, tmp_path):
    path = write_register(tmp_path / "a", load_items())
    bands = [("VekovaSkupinaOsoby/2", "děti předškolního věku (1–6 let)"),
             ("VekovaSkupinaOsoby/8", "mladší senioři (65–80 let)"),
             ("VekovaSkupinaOsoby/9", "starší senioři (nad 80 let)")]
    (path.parent / "ciselniky" / "vekove-skupiny-osoby.json").write_text(json.dumps(
        {"polozky": [{"id": i, "nazev": {"cs": n}} for i, n in bands]}, ensure_ascii=False), encoding="utf-8")
    preview = plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db)
    apply_import(preview, db)
    with db.session() as s:
        service = _service(s, "2373299")  # bands 8 and 2
        assert (service.age_from, service.age_to) == (1, 80)
    assert parse_age_band("děti do 1 roku") == (0, 1)
    assert parse_age_band("starší senioři (nad 80 let)") == (80, None)
    assert parse_age_band("bez omezení věku") == (None, None)
    assert parse_age_band("dospělí") is None
