"""Sheets as offices really make them (issue 9): every example in tests/data/cases/ and its kind."""
import csv
import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from db.directory.models import Provider, Service
from db.directory.queries import DirectoryFilter, list_directory, matching_service_ids
from db.errors import UserError
from db.spreadsheet import Action, apply_import, directory_rows, export_directory, plan_import
from db.spreadsheet import files as sheet_files
from db.spreadsheet.files import ERROR_VALUES, guard_formula, unguard_formula
from tests.conftest import run_cli
from tests.db.spreadsheet.test_spreadsheet import row, write_csv, write_xlsx

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"


def imported(db, path):
    preview = plan_import(db, path)
    assert preview.problems == [], preview.problems
    apply_import(db, preview)
    return preview


def test_merged_provider_cells_count_for_every_row_they_cover(db):
    preview = imported(db, CASES / "01-merged-provider-cells.xlsx")
    assert [p.action for p in preview.providers] == [Action.ADD]
    assert [(s.row, s.provider_name) for s in preview.services] == [
        (2, "Domov Lípa, z. ú."), (3, "Domov Lípa, z. ú.")]
    with db.session() as session:
        assert session.scalars(select(Provider.ico)).all() == ["04478339"]
        assert len(session.scalars(select(Service)).all()) == 2


def test_merge_past_the_last_row_adds_no_rows(db, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [row()])
    workbook = openpyxl.load_workbook(path)
    workbook.active.merge_cells("A2:A40")
    workbook.save(path)
    assert plan_import(db, path).row_count == 1


def test_csv_with_excels_sep_line(db):
    preview = imported(db, CASES / "02-csv-sep-line.csv")
    assert [(p.row, p.values.name) for p in preview.providers] == [(2, "Domov Lípa, z. ú.")]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_sep_line_names_the_separator(db, tmp_path, separator):
    plain = write_csv(tmp_path / "plain.csv", [row()], delimiter=separator)
    hinted = tmp_path / "hinted.csv"
    hinted.write_text(f"sep={separator}\r\n" + plain.read_text(encoding="utf-8-sig"), encoding="utf-8-sig")
    preview = plan_import(db, hinted)
    assert preview.problems == [] and preview.services[0].values.name == row()["Služba"]


def test_excel_error_values_are_bad_cells_named_by_address(db):
    preview = plan_import(db, CASES / "05-excel-error-values.xlsx")
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Popis"), (2, "Kontaktní osoba")]
    assert "Buňka O2" in preview.problems[0].message and "#N/A" in preview.problems[0].message
    assert "Buňka Q2" in preview.problems[1].message and "#REF!" in preview.problems[1].message
    with pytest.raises(UserError):
        apply_import(db, preview)


@pytest.mark.parametrize("error", sorted(ERROR_VALUES))
def test_every_error_value_in_xlsx_and_csv(db, tmp_path, error):
    path = write_xlsx(tmp_path / "in.xlsx", [row()])
    workbook = openpyxl.load_workbook(path)
    cell = workbook.active["O2"]
    cell.value, cell.data_type = error, "e"
    workbook.save(path)
    preview = plan_import(db, path)
    assert [(p.column, error in p.message, "O2" in p.message) for p in preview.problems] == [("Popis", True, True)]
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(Popis=error)]))
    assert [(p.column, error in p.message) for p in preview.problems] == [("Popis", True)]


def test_formula_never_computed_is_a_bad_cell(db, tmp_path):
    # openpyxl, like other programs, writes a formula without its value; Excel would compute it.
    path = write_xlsx(tmp_path / "in.xlsx", [row(Popis="=CONCAT(\"Pomoc\";\" doma\")")])
    preview = plan_import(db, path)
    assert [p.column for p in preview.problems] == ["Popis"]
    assert "nebyla nikdy spočítána" in preview.problems[0].message
    assert "Sešit Excelu (.xlsx)" in preview.problems[0].message


# Excel cell types: what each becomes (the directory's text) or why the row is bad.
@pytest.mark.parametrize(("column", "value", "expected"), [
    ("IČO", 274046, "00274046"),
    ("IČO", 274046.0, "00274046"),
    ("PSČ", 58421, "584 21"),
    ("Identifikátor", 990001, "0990001"),
    ("Telefon", 569000999, "569 000 999"),
    ("Telefon", 420731000111, "+420 731 000 111"),
    ("Telefon", "420731000111", "420731000111"),
    ("Ověřeno", dt.datetime(2025, 3, 15), dt.date(2025, 3, 15)),
    ("Ověřeno", 45731, dt.date(2025, 3, 15)),
    ("Poskytovatel", "Spolek\u00adModrý\u00a0kruh\u200b, z.\u202fs.", "SpolekModrý kruh, z. s."),
    ("Služba", "Poradna\nModrý kruh", "Poradna Modrý kruh"),
])
def test_excel_cell_types(db, tmp_path, column, value, expected):
    preview = plan_import(db, write_xlsx(tmp_path / "in.xlsx", [row(**{column: value})]))
    assert preview.problems == []
    provider, service = preview.providers[0].values, preview.services[0].values
    cells = {**provider.cells(), **service.cells()}
    assert cells[column] == expected


def test_phone_plus_eaten_by_excel(db):
    preview = imported(db, CASES / "06-phone-plus-eaten-by-excel.xlsx")
    assert preview.providers[0].values.phone == "+420 731 000 111"
    assert preview.services[0].values.phone == "+420 731 000 112"


def test_phone_in_scientific_notation_says_digits_were_lost(db, tmp_path):
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(Telefon="4,20731E+11")]))
    [problem] = preview.problems
    assert problem.column == "Telefon"
    assert "4,20731E+11" in problem.message and "ztratil" in problem.message and "„4“" not in problem.message


@pytest.mark.parametrize(("spelling", "name"), [
    ("zapsaný ústav", "ústav"), ("z. ú.", "ústav"), ("z.ú", "ústav"), ("Zapsaný spolek", "spolek"),
    ("spolek", "spolek"), ("z.s.", "spolek"), ("obecně prospěšná společnost", "obecně prospěšná společnost"),
    ("o.p.s.", "obecně prospěšná společnost"), ("spol. s r. o.", "společnost s ručením omezeným"),
])
def test_legal_forms_in_full_spelling(db, tmp_path, spelling, name):
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(**{"Právní forma": spelling})]))
    assert preview.problems == []
    assert preview.providers[0].values.legal_form == name


@pytest.mark.parametrize(("forms", "capacity", "expected"), [
    ("pobytová", "35", "pobytová 35 lůžek"),
    ("ambulantní", "35", "ambulantní 35 klientů"),
    ("terénní", " 1 200 ", "terénní 1200 klientů"),
])
def test_capacity_as_a_bare_number(db, tmp_path, forms, capacity, expected):
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(Formy=forms, Kapacita=capacity)]))
    assert preview.problems == []
    assert preview.services[0].values.cells()["Kapacita"] == expected


def test_bare_number_with_several_forms_asks_for_each(db, tmp_path):
    preview = plan_import(db, write_csv(tmp_path / "in.csv", [row(Formy="ambulantní; terénní", Kapacita="35")]))
    [problem] = preview.problems
    assert problem.column == "Kapacita"
    assert "ambulantní 20 klientů; terénní 35 klientů" in problem.message


def test_soft_hyphens_never_reach_the_database(db):
    imported(db, CASES / "09-soft-hyphens-from-web.xlsx")
    with db.session() as session:
        names = session.scalars(select(Provider.name)).all() + session.scalars(select(Service.name)).all()
        descriptions = session.scalars(select(Service.description)).all()
        listing = list_directory(session)
    assert names == ["Nezisková organizace Lípa, z. ú.", "Sociálně aktivizační služby pro rodiny s dětmi"]
    assert descriptions == ["Pomáháme rodinám v obtížné situaci, zejména s výchovou a hospodařením."]
    assert matching_service_ids(listing, DirectoryFilter(text="neziskova")) == {listing.services[0].service_id}
    assert matching_service_ids(listing, DirectoryFilter(text="aktivizacni")) == {listing.services[0].service_id}


def test_names_with_dash_and_quotes_sort_in_czech_order(db):
    imported(db, CASES / "10-czech-sort-dash-and-quotes.xlsx")
    assert [r["Poskytovatel"] for r in directory_rows(db)] == [
        "Centrum – Lipová, z. ú.", "Centrum pro rodinu, z. ú.", "Centrum Zahrada, z. ú.",
        "Klub „Senior“ Lipová, z. s.", "Klub Adam, z. s.", "Klub Žirafa, z. s."]


def test_emoji_are_warned_with_row_and_column(db):
    preview = plan_import(db, CASES / "11-pictograms-emoji.xlsx")
    assert preview.problems == []
    assert [w.split(":")[0] for w in preview.warnings] == [
        "Řádek 2 („Poradna ✅ Lípa – pomoc ☎ nonstop“), sloupec Služba",
        "Řádek 2 („Poradna ✅ Lípa – pomoc ☎ nonstop“), sloupec Popis",
        "Řádek 2 („Poradna ✅ Lípa – pomoc ☎ nonstop“), sloupec Provozní doba"]
    assert "✅ ☎" in preview.warnings[0] and "📞" in preview.warnings[1]
    assert any("Upozornění" in line for line in preview.details())


def test_openpyxl_warnings_become_one_czech_line_and_nothing_on_stderr(tmp_path):
    # A sheet with an extension openpyxl does not know (data validation lists of newer Excel, sparklines)
    # makes it warn in English on stderr.
    source = write_xlsx(tmp_path / "src.xlsx", [row()])
    path = tmp_path / "rozsireni.xlsx"
    extension = b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst></worksheet>'
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", extension)
            new.writestr(item, data)
    result = run_cli("--db", str(tmp_path / "kp.sqlite"), "import-xlsx", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "openpyxl" not in result.stderr
    assert "uložte jej jako Sešit Excelu (.xlsx)" in result.stdout


def test_fee_note_keeps_its_sign(db, tmp_path):
    preview = imported(db, write_csv(tmp_path / "in.csv", [row(Úhrada="placená: -2+3")]))
    assert preview.services[0].values.fee_note == "-2+3"
    assert directory_rows(db)[0]["Úhrada"] == "placená: -2+3"


# -- CSV formula injection ------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(1)", "'=x", "''+y", "'quoted'", "plain", "",
                                  "\tTab", "'"])
def test_formula_guard_is_undone_exactly(text):
    guarded = guard_formula(text)
    assert not guarded.startswith(("=", "+", "-", "@", "\t"))
    assert unguard_formula(guarded) == text


def test_csv_export_neutralises_formulas_and_round_trip_is_a_fixed_point(db, tmp_path):
    imported(db, CASES / "formula-injection.csv")
    first = tmp_path / "first.csv"
    export_directory(db, first)
    with first.open(encoding="utf-8-sig", newline="") as fh:
        cells = [cell for record in list(csv.reader(fh, delimiter=";"))[1:] for cell in record]
    assert cells and not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=1+1" in cells and "'-2+3" in cells
    preview = plan_import(db, first)
    assert preview.problems == [] and not preview.has_changes
    second = tmp_path / "second.csv"
    export_directory(db, second)
    assert second.read_bytes() == first.read_bytes()


def test_xlsx_export_stays_all_text(db, tmp_path):
    imported(db, CASES / "formula-injection.csv")
    path = tmp_path / "out.xlsx"
    export_directory(db, path)
    sheet = openpyxl.load_workbook(path).active  # formulas would come back as data_type "f"
    types = {cell.data_type for line in sheet.iter_rows(min_row=2) for cell in line if cell.value is not None}
    assert "f" not in types
    values = {cell.value for line in sheet.iter_rows(min_row=2) for cell in line}
    assert "=1+1" in values and "-2+3" in values


# -- bounds ---------------------------------------------------------------------------------------
def test_too_many_rows_is_refused_with_a_czech_message(db, tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_files, "MAX_DATA_ROWS", 3)
    rows = [row(Služba=f"Služba {i}", Identifikátor=f"990000{i}") for i in range(5)]
    for path in (write_csv(tmp_path / "in.csv", rows), write_xlsx(tmp_path / "in.xlsx", rows)):
        with pytest.raises(UserError, match="víc než 3 řádků s daty"):
            plan_import(db, path)


def test_parts_that_would_unpack_too_large_are_refused_before_unpacking(db, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "in.xlsx", [row()])
    monkeypatch.setattr(sheet_files, "MAX_SHEET_BYTES", 100)
    with pytest.raises(UserError, match="po rozbalení"):
        plan_import(db, path)


def test_case_files_are_all_tested():
    named = {p.name for p in CASES.iterdir() if p.suffix in (".xlsx", ".csv")}
    source = Path(__file__).read_text(encoding="utf-8")
    assert {name for name in named if name not in source} == set()


# Peak resident memory of this process: VmHWM starts afresh at exec, while ru_maxrss on Linux keeps
# the peak of the parent that forked it (here the whole pytest run).
MEASURE = """
import sys
from pathlib import Path
from db.database import open_database
from db.spreadsheet import plan_import
preview = plan_import(open_database(Path(sys.argv[2])), Path(sys.argv[1]))
status = Path("/proc/self/status").read_text()
peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
print(preview.row_count, len(preview.problems), peak_kb // 1024)
"""


def xfd_sheet(tmp_path, junk_rows: int) -> Path:
    """50 good rows, then `junk_rows` rows holding one cell each in column XFD (the sheet's last), as
    a 0.5 MB file that once made the import use gigabytes."""
    source = write_xlsx(tmp_path / "src.xlsx", [row(Služba=f"S{i}", Identifikátor=f"{9900000 + i}")
                                                for i in range(50)])
    path = tmp_path / "xfd.xlsx"
    junk = "".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for r in range(60, 60 + junk_rows)).encode()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", junk + b"</sheetData>")
            new.writestr(item.filename, data)
    return path


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures through Linux /proc")
def test_sheet_with_cells_in_column_xfd_reads_in_bounded_memory(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = xfd_sheet(tmp_path, 100_000)
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(tmp_path / "kp.sqlite")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows, problems, peak_mb = map(int, result.stdout.split())
    assert (rows, problems) == (50, 0)
    assert peak_mb < 200, f"peak RSS {peak_mb} MB"


def test_memory_error_is_not_called_a_damaged_file(db, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "in.xlsx", [row()])

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(sheet_files, "_row_values", exhausted)
    with pytest.raises(UserError, match="příliš velký") as raised:
        plan_import(db, path)
    assert "poškozen" not in str(raised.value)


def test_oversized_csv_is_refused_before_reading(db, tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_files, "MAX_CSV_BYTES", 100)
    with pytest.raises(UserError, match="MB"):
        plan_import(db, write_csv(tmp_path / "in.csv", [row()]))


def test_merge_across_columns_only_widens_the_cell(db, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [row(), row(Služba="Druhá", Identifikátor="9900002", IČO=None,
                                                        Poskytovatel=None, Obec=None)])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    sheet["B3"], sheet["E3"] = None, None
    sheet.merge_cells("A2:B3")  # the name as one block over the IČO column too (Excel empties B2)
    workbook.save(path)
    preview = plan_import(db, path)
    assert preview.problems == []  # the name was not copied into IČO
    assert [(s.row, s.provider_name) for s in preview.services] == [(2, row()["Poskytovatel"]),
                                                                    (3, row()["Poskytovatel"])]
    assert preview.providers[0].values.ico == ""


def test_formula_computed_to_empty_text_is_an_empty_cell(db, tmp_path):
    # Excel saves =IF(…;"";…) that came out empty as a formula with an empty value: not an error.
    source = write_xlsx(tmp_path / "src.xlsx", [row(Popis=None)])
    path = tmp_path / "in.xlsx"
    cell = b'<c r="O2" t="str"><f>IF(1=1,"","x")</f><v></v></c>'
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="P2"', cell + b'<c r="P2"', 1)
            new.writestr(item, data)
    preview = plan_import(db, path)
    assert preview.problems == [] and preview.services[0].values.description == ""
