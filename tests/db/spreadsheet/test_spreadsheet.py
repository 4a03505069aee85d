import csv
import datetime as dt

import openpyxl
import pytest
from sqlalchemy import func, select

from db.directory.demo import load_demo
from db.directory.models import FeeKind, Provider, Service
from db.errors import UserError
from db.spreadsheet.cells import PROVIDER_COLUMNS
from db.spreadsheet import (
    COLUMNS, Action, apply_import, export_directory, plan_import, save_template,
)
from db.backup import auto_backups


@pytest.fixture
def demo_db(db):
    load_demo(db)
    return db


GOOD = {
    "Poskytovatel": "Spolek Modrý kruh, z. s.", "IČO": "27074358", "Právní forma": "z. s.", "Ulice": "Husova 5",
    "Obec": "Lipová nad Sázavou", "PSČ": "58421", "Telefon": "569 000 999", "E-mail": "info@modrykruh.cz",
    "Web": "www.modrykruh.cz", "Služba": "Poradna Modrý kruh", "Druh služby": "§ 37", "Identifikátor": "9900001",
    "Formy": "Ambulantní; terenni", "Cílové skupiny": "Senioři; osoby v krizi", "Popis": "Poradna.",
    "Provozní doba": "Po–Pá 8:00–12:00, 13:00–16:00", "Kontaktní osoba": "Jan Modrý",
    "Telefon služby": "731 999 000", "E-mail služby": "poradna@modrykruh.cz",
    "Místo poskytování": "Husova 5, 584 21 Lipová nad Sázavou", "Úhrada": "zdarma",
    "Kapacita": "ambulantní 4 kontakty; terénní 2 kontakty", "Územní působnost": "Lipová nad Sázavou; Olšinky",
    "Ověřeno": "1. 2. 2025",
}


def row(**changes):
    values = dict(GOOD)
    values.update(changes)
    return values


def write_csv(path, rows, delimiter=";", encoding="utf-8-sig", header=COLUMNS):
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        for values in rows:
            writer.writerow([values.get(c, "") for c in header])
    return path


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for values in rows:
        sheet.append([values.get(c) for c in COLUMNS])
    workbook.save(path)
    return path


def sheet_cells(path):
    return [list(r) for r in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)]


def counts(db):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Provider)), s.scalar(select(func.count()).select_from(Service))


def service_named(db, name):
    with db.session() as s:
        service = s.scalars(select(Service).where(Service.name == name)).one()
        # Touch what the tests read while the session is open.
        _ = (service.forms, service.places, service.areas, service.opening_hours, service.target_groups,
             service.provider, [f.capacity_unit for f in service.forms])
        return service


# -- round trip ---------------------------------------------------------------------------------
def test_export_import_export_is_identical_and_reports_no_changes(demo_db, tmp_path):
    from db.database import open_database

    first_xlsx, first_csv = tmp_path / "a.xlsx", tmp_path / "a.csv"
    assert export_directory(demo_db, first_xlsx) == 81
    export_directory(demo_db, first_csv)

    for source in (first_xlsx, first_csv):
        preview = plan_import(demo_db, source)
        assert preview.problems == []
        assert not preview.has_changes
        assert preview.count(preview.providers, Action.SAME) == 43
        assert preview.count(preview.services, Action.SAME) == 81

    fresh = open_database(tmp_path / "fresh.sqlite")
    try:
        preview = plan_import(fresh, first_xlsx)
        assert preview.count(preview.providers, Action.ADD) == 43
        assert preview.count(preview.services, Action.ADD) == 81
        apply_import(fresh, preview)
        second_xlsx, second_csv = tmp_path / "b.xlsx", tmp_path / "b.csv"
        export_directory(fresh, second_xlsx)
        export_directory(fresh, second_csv)
    finally:
        fresh.close()
    assert sheet_cells(second_xlsx) == sheet_cells(first_xlsx)
    assert second_csv.read_bytes() == first_csv.read_bytes()


def test_round_trip_keeps_secret_place_marked_and_secret(demo_db, tmp_path):
    path = tmp_path / "a.csv"
    export_directory(demo_db, path)
    text = path.read_text(encoding="utf-8-sig")
    assert "Lesní 77, 584 21 Lipová nad Sázavou (neveřejná adresa)" in text
    from db.database import open_database

    fresh = open_database(tmp_path / "fresh.sqlite")
    try:
        apply_import(fresh, plan_import(fresh, path))
        place = service_named(fresh, "Azylový dům pro oběti domácího násilí").places[0]
    finally:
        fresh.close()
    assert (place.street, place.town, place.postcode, place.secret) == ("Lesní 77", "Lipová nad Sázavou", "584 21", True)


def test_export_xlsx_is_formatted_for_the_clerk(demo_db, tmp_path):
    path = tmp_path / "a.xlsx"
    export_directory(demo_db, path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:X{sheet.max_row}"
    assert sheet.column_dimensions["A"].width >= 30 and sheet.column_dimensions["B"].width < 15
    ico_cells = [c for c in sheet["B"][1:] if c.value]
    assert all(isinstance(c.value, str) and len(c.value) == 8 for c in ico_cells)
    assert any(c.value.startswith("00") for c in ico_cells)
    verified = [c for c in sheet["X"][1:] if c.value]
    assert verified and all(isinstance(c.value, dt.datetime) for c in verified)


def test_provider_without_services_is_one_row_and_round_trips(db, tmp_path):
    path = write_csv(tmp_path / "in.csv", [{c: GOOD[c] for c in ("Poskytovatel", "IČO", "Obec")}])
    apply_import(db, plan_import(db, path))
    assert counts(db) == (1, 0)
    out = tmp_path / "out.csv"
    export_directory(db, out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("Spolek Modrý kruh, z. s.;27074358;;;Lipová nad Sázavou;")
    assert not plan_import(db, out).has_changes


# -- what an import reads -----------------------------------------------------------------------
def test_import_reads_every_column(db, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row(**{"Úhrada": "placená: 50 Kč za hodinu",
                                                  "Provozní doba": "Po–Pá 8:00–12:00, 13:00–16:00\npo domluvě i jindy",
                                                  "Místo poskytování": "Poradna, Husova 5, 58421 Lipová nad Sázavou; "
                                                                       "Náves 1, 584 22 Olšinky"})])
    preview = plan_import(db, path)
    assert preview.problems == []
    apply_import(db, preview)
    service = service_named(db, "Poradna Modrý kruh")
    provider = service.provider
    assert (provider.ico, provider.postcode, provider.legal_form.name) == ("27074358", "584 21", "spolek")
    assert provider.verified_on == dt.date(2025, 2, 1)
    assert service.service_type.paragraph == "37" and service.registry_id == "9900001"
    assert [(f.form.name, f.capacity, f.capacity_unit.name) for f in service.forms] == [
        ("ambulantní", 4, "kontakty"), ("terénní", 2, "kontakty")]
    assert [g.name for g in service.target_groups] == ["senioři", "osoby v krizi"]
    assert (service.fee, service.fee_note) == (FeeKind.PAID, "50 Kč za hodinu")
    assert len(service.opening_hours) == 10 and service.opening_note == "po domluvě i jindy"
    assert [(p.name, p.street, p.postcode, p.town) for p in service.places] == [
        ("Poradna", "Husova 5", "584 21", "Lipová nad Sázavou"), ("", "Náves 1", "584 22", "Olšinky")]
    assert [a.municipality for a in service.areas] == ["Lipová nad Sázavou", "Olšinky"]
    # What the sheet does not carry gets the defaults of a record entered by hand.
    assert (service.status.value, service.in_booklet, service.source.value) == ("active", True, "manual")
    assert (provider.source.value, provider.data_box) == ("manual", "")
    assert service.changed_by == provider.changed_by != "" and service.changed_at is not None


@pytest.mark.parametrize("kind, expected", [
    ("40", "pečovatelská služba"), ("§ 40", "pečovatelská služba"), ("§40 Pečovatelská služba", "pečovatelská služba"),
    ("PECOVATELSKA SLUZBA", "pečovatelská služba"), ("§ 60a", "intervenční centra"),
    ("centrum duševního zdraví", "centrum duševního zdraví"), ("Klub seniorů", "klub seniorů"),
    ("senior taxi", "senior taxi"),
])
def test_druh_sluzby_accepts_paragraph_name_or_category(db, tmp_path, kind, expected):
    apply_import(db, plan_import(db, write_csv(tmp_path / "in.csv", [row(**{"Druh služby": kind})])))
    service = service_named(db, "Poradna Modrý kruh")
    found = service.service_type.name if service.service_type else service.related_category.name
    assert found == expected


@pytest.mark.parametrize("delimiter, encoding", [(";", "utf-8-sig"), (",", "utf-8-sig"), (";", "utf-8"),
                                                 (",", "utf-8"), (";", "cp1250"), ("\t", "utf-8"),
                                                 ("\t", "utf-16")])
def test_csv_delimiters_and_encodings(db, tmp_path, delimiter, encoding):
    path = write_csv(tmp_path / "in.csv", [row()], delimiter=delimiter, encoding=encoding)
    preview = plan_import(db, path)
    assert preview.problems == []
    assert preview.providers[0].values.name == "Spolek Modrý kruh, z. s."
    assert preview.services[0].values.target_groups == ("senioři", "osoby v krizi")


def test_csv_in_an_unreadable_encoding_is_refused_in_czech(db, tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes("Poskytovatel;Služba\n".encode("cp1250") + b"Spolek \x81\x98\n")  # undefined in cp1250
    with pytest.raises(UserError, match="není v kódování UTF-8 ani Windows-1250"):
        plan_import(db, path)


def test_csv_in_latin2_names_the_encoding_as_the_likely_cause(db, tmp_path):
    path = write_csv(tmp_path / "in.csv", [row()], encoding="utf-8")
    path.write_bytes(path.read_text("utf-8").encode("iso-8859-2", errors="replace"))
    with pytest.raises(UserError, match="nejspíš v jiném kódování"):
        plan_import(db, path)


def test_excel_numbers_and_dates_are_understood(db, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [row(**{"IČO": 274046, "PSČ": 58421, "Identifikátor": 990001,
                                                    "Telefon": 569000999, "Ověřeno": dt.datetime(2025, 3, 15)}),
                                             row(**{"IČO": 274046, "Služba": "Druhá", "Identifikátor": 9900002,
                                                    "Ověřeno": 45731})])
    preview = plan_import(db, path)
    assert preview.problems == []
    provider = preview.providers[0].values
    assert (provider.ico, provider.postcode, provider.phone) == ("00274046", "584 21", "569 000 999")
    assert provider.verified_on == dt.date(2025, 3, 15)
    assert preview.services[0].values.registry_id == "0990001"


@pytest.mark.parametrize("typed", ["15. 3. 2025", "15.3.2025", "2025-03-15", "2025-03-15 00:00:00", "45731"])
def test_verified_date_formats(db, tmp_path, typed):
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(**{"Ověřeno": typed})]))
    assert preview.problems == []
    assert preview.providers[0].values.verified_on == dt.date(2025, 3, 15)


def test_rows_of_one_provider_are_grouped_and_later_rows_may_leave_provider_cells_empty(db, tmp_path):
    blank_provider = {c: "" for c in ("IČO", "Právní forma", "Ulice", "Obec", "PSČ", "Telefon", "E-mail", "Web",
                                      "Ověřeno")}
    rows = [row(), row(**blank_provider, **{"Služba": "Druhá služba", "Identifikátor": ""}),
            row(**{"Služba": "Třetí", "Identifikátor": "9900003", "Telefon": ""})]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", rows))
    assert preview.problems == []
    assert len(preview.providers) == 1 and len(preview.services) == 3
    assert preview.providers[0].values.phone == "569 000 999"


def test_provider_without_ico_is_grouped_by_name(db, tmp_path):
    rows = [row(**{"IČO": "", "Poskytovatel": "Klub bez IČO"}),
            row(**{"IČO": "", "Poskytovatel": "Klub bez IČO", "Služba": "Druhá", "Identifikátor": ""}),
            row(**{"IČO": "", "Poskytovatel": "Jiný klub", "Služba": "Třetí", "Identifikátor": ""})]
    apply_import(db, plan_import(db, write_csv(tmp_path / "in.csv", rows)))
    assert counts(db) == (2, 3)
    # Imported again, the providers are found by their exact names.
    preview = plan_import(db, write_csv(tmp_path / "again.csv", rows))
    assert not preview.has_changes and preview.problems == []


# -- bad rows -----------------------------------------------------------------------------------
@pytest.mark.parametrize("column, value, fragment", [
    ("IČO", "27074359", "kontrolní součet"),
    ("IČO", "1234567890", "8 číslic"),
    ("Druh služby", "§ 99", "Druh služby „§ 99“ neznáme"),
    ("Druh služby", "kouzelnická služba", "neznáme"),
    ("Druh služby", "§ 40 osobní asistence", "neznáme"),
    ("PSČ", "5842", "NNN NN"),
    ("E-mail", "info@", "E-mail „info@“"),
    ("E-mail služby", "poradna(at)kruh.cz", "nemá platný tvar"),
    ("Telefon služby", "12 34", "není platné české číslo"),
    ("Web", "modry kruh", "Web"),
    ("Poskytovatel", "", "Chybí název poskytovatele"),
    ("Služba", "", "Chybí název služby"),
    ("Ověřeno", "31. 2. 2025", "den. měsíc. rok"),
    ("Ověřeno", "loni", "den. měsíc. rok"),
    ("Ověřeno", "1. 1. 2999", "v budoucnosti"),
    ("Formy", "ambulantní; domácí", "Formu „domácí“ neznáme"),
    ("Cílové skupiny", "senioři; marťané", "Cílovou skupinu „marťané“"),
    ("Právní forma", "kartel", "Právní formu „kartel“"),
    ("Identifikátor", "12345678", "7 číslic"),
    ("Kapacita", "ambulantní 4 koně", "Jednotku „koně“"),
    ("Kapacita", "pobytová 4 lůžka", "není uvedena ve sloupci Formy"),
    ("Kapacita", "hodně", "Kapacitu zapište"),
    ("Místo poskytování", "Husova 5, 5842 Lipová", "NNN NN"),
])
def test_bad_row_names_row_and_column_and_nothing_is_saved(db, tmp_path, column, value, fragment):
    rows = [row(**{"Služba": "Dobrá", "Identifikátor": "9900005"}), row(**{column: value})]
    path = write_csv(tmp_path / "in.csv", rows)
    preview = plan_import(db, path)
    assert preview.bad_rows == [3]
    [problem] = [p for p in preview.problems if p.column == column]
    assert problem.row == 3 and fragment in problem.message
    assert str(problem).startswith(f"Řádek 3, sloupec {column}: ")
    with pytest.raises(UserError) as error:
        apply_import(db, preview)
    assert "Řádek 3" in str(error.value) and column in str(error.value) and "nic nebylo uloženo" in str(error.value)
    assert counts(db) == (0, 0)
    assert not any("pred-importem" in p.name for p in auto_backups(db.path))


def test_duplicate_identifikator_in_file(db, tmp_path):
    rows = [row(), row(**{"Služba": "Jiný název"})]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", rows))
    assert [(p.row, p.column) for p in preview.problems] == [(3, "Identifikátor")]
    assert "už na řádku 2" in preview.problems[0].message


def test_contradicting_provider_rows(db, tmp_path):
    rows = [row(), row(**{"Služba": "Druhá", "Identifikátor": "9900002", "Ulice": "Jiná 1"})]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", rows))
    assert [(p.row, p.column) for p in preview.problems] == [(3, "Ulice")]
    assert "liší od řádku 2" in preview.problems[0].message


def test_skip_invalid_imports_the_good_rows_only(db, tmp_path):
    rows = [row(), row(**{"Služba": "Špatná", "Identifikátor": "9900002", "PSČ": "1"}),
            row(**{"Služba": "Dobrá", "Identifikátor": "9900003"})]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", rows))
    assert preview.bad_rows == [3]
    result = apply_import(db, preview, skip_invalid=True)
    assert result.skipped_rows == [3] and result.services_added == 2
    assert counts(db) == (1, 2)
    assert any("pred-importem" in p.name for p in auto_backups(db.path))


def test_missing_columns_are_named(db, tmp_path):
    header = [c for c in COLUMNS if c not in ("Kapacita", "Ověřeno")]
    path = write_csv(tmp_path / "in.csv", [row()], header=header)
    with pytest.raises(UserError, match="chybí sloupce: Kapacita, Ověřeno"):
        plan_import(db, path)


def test_columns_in_any_order_and_unknown_columns_are_reported(db, tmp_path):
    header = ["Poznámka úředníka", *reversed(COLUMNS)]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row()], header=header))
    assert preview.problems == [] and preview.ignored_columns == ["Poznámka úředníka"]
    assert "Neznámé sloupce (přeskočeny): Poznámka úředníka" in preview.summary()


@pytest.mark.parametrize("name", ["adresar.xls", "adresar.ods", "adresar.txt"])
def test_unsupported_files_are_refused_in_czech(db, tmp_path, name):
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(UserError, match="adresar"):
        plan_import(db, path)


# -- changes ------------------------------------------------------------------------------------
def _edit_export(db, tmp_path, service_name, **changes):
    source = tmp_path / "export.csv"
    export_directory(db, source)
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    for values in rows:
        if values["Služba"] == service_name:
            values.update(changes)
    return write_csv(tmp_path / "edited.csv", rows)


def test_changes_are_previewed_field_by_field_and_applied(demo_db, tmp_path):
    path = _edit_export(demo_db, tmp_path, "Občanská poradna", **{
        "Telefon služby": "569 000 999", "Kapacita": "ambulantní 8 kontaktů; terénní 2 kontakty",
        "Územní působnost": "Lipová nad Sázavou; Olšinky", "Formy": "ambulantní; terénní",
        "Provozní doba": "Po–Čt 8:00–16:00"})
    preview = plan_import(demo_db, path)
    [changed] = [p for p in preview.services if p.action is Action.CHANGE]
    assert changed.values.name == "Občanská poradna"
    assert {c.column: (c.old, c.new) for c in changed.changes} == {
        "Telefon služby": ("569 000 134", "569 000 999"),
        "Kapacita": ("ambulantní 6 kontaktů; terénní 2 kontakty", "ambulantní 8 kontaktů; terénní 2 kontakty"),
        "Územní působnost": ("Lipová nad Sázavou; Olšinky; Horní Bukovina; Dolní Bukovina; Vranov u Lipové; "
                             "Kaliště u Lipové; Rovná Lhota; Mlýnec u Lipové; Zahrádky; Štěpánov u Lipové; "
                             "Jalovčí; Březí u Lipové", "Lipová nad Sázavou; Olšinky"),
        "Provozní doba": ("Po, St 8:00–12:00, 13:00–17:00; Čt 8:00–12:00\nna konzultaci se prosím objednejte",
                          "Po–Čt 8:00–16:00"),
    }
    assert preview.count(preview.providers, Action.CHANGE) == 0
    assert any("Telefon služby: „569 000 134“ → „569 000 999“" in line for line in preview.details())
    result = apply_import(demo_db, preview)
    assert (result.services_changed, result.services_added, result.providers_changed) == (1, 0, 0)
    service = service_named(demo_db, "Občanská poradna")
    assert service.phone == "569 000 999"
    assert [a.municipality for a in service.areas] == ["Lipová nad Sázavou", "Olšinky"]
    assert [(f.form.name, f.capacity) for f in service.forms] == [("ambulantní", 8), ("terénní", 2)]
    assert len(service.opening_hours) == 4 and service.opening_note == ""
    assert service.changed_by != "ukázková data"
    # What the sheet does not carry is left alone.
    assert service.status.value == "active" and service.in_booklet
    assert not plan_import(demo_db, path).has_changes


def test_service_found_by_identifikator_moves_to_another_provider(demo_db, tmp_path):
    source = tmp_path / "export.csv"
    export_directory(demo_db, source)
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    new_owner = next(r for r in rows if r["Poskytovatel"] == "Paměť, z. ú.")
    moved_row = next(r for r in rows if r["Služba"] == "Dluhová poradna")
    moved_row.update({c: new_owner[c] for c in PROVIDER_COLUMNS})
    preview = plan_import(demo_db, write_csv(tmp_path / "edited.csv", rows))
    assert preview.problems == []
    [moved] = [p for p in preview.services if p.action is Action.CHANGE]
    assert [(c.column, c.old, c.new) for c in moved.changes] == [
        ("Poskytovatel", "Most k lidem, o. p. s.", "Paměť, z. ú.")]
    apply_import(demo_db, preview)
    assert service_named(demo_db, "Dluhová poradna").provider.name == "Paměť, z. ú."


def test_ambiguous_provider_name_without_ico_is_a_bad_row(db, tmp_path):
    with db.session() as s, s.begin():
        s.add_all([Provider(name="Klub"), Provider(name="Klub")])
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(**{"Poskytovatel": "Klub", "IČO": ""})]))
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Poskytovatel")]
    assert "doplňte IČO" in preview.problems[0].message


def test_cancelled_apply_rolls_back(db, tmp_path):
    rows = [row(**{"Služba": f"Služba {i}", "Identifikátor": f"98{i:05d}"}) for i in range(120)]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", rows))
    with pytest.raises(UserError, match="zrušen"):
        apply_import(db, preview, progress=lambda done, total: False)
    assert counts(db) == (0, 0)


# -- template -----------------------------------------------------------------------------------
def test_template_has_headers_comments_and_guide_and_imports_as_nothing(db, tmp_path):
    path = tmp_path / "sablona.xlsx"
    save_template(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Služby", "Návod"]
    sheet = workbook["Služby"]
    assert [c.value for c in sheet[1]] == list(COLUMNS) and sheet.max_row == 1
    assert "IČO" in sheet["B1"].comment.text or "Osm číslic" in sheet["B1"].comment.text
    guide = [[c.value for c in r] for r in workbook["Návod"].iter_rows()]
    assert [r[0] for r in guide[1:25]] == list(COLUMNS)
    assert any(r[2] == "pobytová 30 lůžek; terénní 120 klientů" for r in guide)
    preview = plan_import(db, path)
    assert preview.problems == [] and not preview.has_changes
    csv_path = tmp_path / "sablona.csv"
    save_template(csv_path)
    assert csv_path.read_bytes() == ("\ufeff" + ";".join(COLUMNS) + "\r\n").encode("utf-8")


def test_guide_examples_are_valid_values(db, tmp_path):
    from db.spreadsheet import COLUMN_HELP

    example = {c: COLUMN_HELP[c][1].split(" / ")[0] for c in COLUMNS}
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [example]))
    assert preview.problems == []


def test_headers_are_matched_ignoring_case_and_diacritics_in_xlsx(db, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Poznámky"
    workbook.active.append(["Tento list import přeskočí"])
    sheet = workbook.create_sheet("Data")
    sheet.append([c.upper() if i % 2 else c.lower().replace("č", "c") for i, c in enumerate(COLUMNS)])
    sheet.append([GOOD[c] for c in COLUMNS])
    workbook.save(tmp_path / "in.xlsx")
    preview = plan_import(db, tmp_path / "in.xlsx")
    assert preview.problems == [] and preview.services[0].values.name == "Poradna Modrý kruh"


def test_damaged_workbook_is_refused_in_czech(db, tmp_path):
    path = tmp_path / "poskozeny.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="nelze otevřít jako sešit"):
        plan_import(db, path)
