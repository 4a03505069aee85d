"""Reading and writing the raw table of a spreadsheet file: .xlsx through openpyxl, .csv as Excel writes it.

Excel on Czech Windows saves CSV with ';' and, unless told "CSV UTF-8", in windows-1250; both are read.
Our CSV is UTF-8 with a BOM (so Excel shows the diacritics) and ';' (so Czech Excel splits the columns).
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from db.collation import fold
from db.errors import UserError
from db.files import replace_file, write_error_message
from db.text import normalize_text

log = logging.getLogger(__name__)

# Size bounds that keep memory proportional to the data a sheet holds, not to what its file declares:
# a 90 KB workbook can unpack to gigabytes (a zip bomb) or declare one cell in column XFD on each row.
MAX_DATA_ROWS = 100_000  # the national register has about 7,000 services
MAX_SHEET_BYTES = 256 * 1024 * 1024  # uncompressed worksheet XML, streamed
MAX_PART_BYTES = 64 * 1024 * 1024  # any other part; openpyxl holds these in memory (shared strings)
MAX_CSV_BYTES = 64 * 1024 * 1024  # read whole; 100,000 full rows of a directory take about half of it
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# Excel's error values, as they appear in XLSX cells and in the CSV Excel saves.
ERROR_VALUES = frozenset({"#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!",
                          "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
                          "#UNKNOWN!", "#PYTHON!"})
# A CSV cell starting with one of these is run as a formula by Excel (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
DATE_FORMAT = "d. m. yyyy"


@dataclass(frozen=True)
class CellError:
    """A cell that holds no data: an Excel error value (`#N/A`) or a formula whose value was never
    computed (a file written by a program other than Excel). `cell` is the address ("O2"), "" in CSV."""

    cell: str
    value: str
    formula: bool = False

    def message(self) -> str:
        where = f"Buňka {self.cell}" if self.cell else "Buňka"
        if self.formula:
            return (f"{where} obsahuje vzorec, jehož hodnota nebyla nikdy spočítána (soubor nejspíš uložil jiný "
                    "program než Excel). Otevřete soubor v Excelu a uložte jej jako Sešit Excelu (.xlsx), "
                    "nebo vzorec nahraďte hodnotou.")
        return (f"{where} obsahuje chybovou hodnotu Excelu {self.value} (výsledek vzorce, který nešel spočítat). "
                "Opravte vzorec, nebo do buňky napište hodnotu.")


RawValue = str | int | float | dt.date | dt.datetime | CellError | None


@dataclass
class RawTable:
    header: list[str]
    rows: list[tuple[int, list[RawValue]]]  # (row number as Excel shows it, cell values)
    warnings: list[str] = field(default_factory=list)  # Czech, about the file as a whole


@dataclass
class SheetLayout:
    """How the XLSX looks: widths per column, the text columns (kept as text), date columns, comments."""

    widths: dict[str, int]
    text_columns: tuple[str, ...] = ()
    date_columns: tuple[str, ...] = ()
    comments: dict[str, str] | None = None


def file_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    if suffix in (".xls", ".ods"):
        raise UserError(f"Soubor „{path.name}“ je ve formátu {suffix}, který neumíme přečíst. "
                        "Uložte jej v Excelu nebo LibreOffice jako sešit .xlsx nebo jako CSV.")
    raise UserError(f"Soubor „{path.name}“ není tabulka .xlsx ani .csv.")


def read_table(path: Path, header_marker: str, known: Callable[[str], bool] = lambda name: True) -> RawTable:
    """The first sheet whose first row contains `header_marker` (XLSX), or the whole CSV.

    Only the columns whose header `known` accepts are read (the other headers are kept, for the
    message about ignored columns); merged cells count for every row they cover; an error value or an
    uncomputed formula becomes a `CellError`. More than MAX_DATA_ROWS rows with data, or parts that
    unpack beyond the size bounds, raise UserError; so does an unreadable file."""
    if not path.is_file():
        raise UserError(f"Soubor „{path}“ neexistuje.")
    kind = file_kind(path)
    try:
        return _read_xlsx(path, header_marker, known) if kind == "xlsx" else _read_csv(path)
    except OSError as exc:
        raise UserError(f"Soubor „{path.name}“ nelze přečíst ({exc.strerror or exc}).") from exc
    except MemoryError:
        raise UserError(f"Soubor „{path.name}“ je na tento počítač příliš velký. Rozdělte jej na menší "
                        "části, nebo z něj odstraňte prázdné řádky a sloupce.") from None


def _too_many_rows(name: str) -> UserError:
    return UserError(f"Soubor „{name}“ má víc než {MAX_DATA_ROWS:,} řádků s daty".replace(",", "\u00a0")
                     + " – tolik služeb nemá ani celostátní registr. Zkontrolujte, zda jde o správný soubor, "
                       "nebo jej rozdělte na menší části.")


def _check_sizes(path: Path) -> None:
    """Refuse a workbook whose parts would unpack beyond the bounds, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UserError(f"Soubor „{path.name}“ nelze otevřít jako sešit Excelu (není to platný soubor .xlsx: "
                        f"{exc}).") from exc
    for member in members:
        limit = MAX_SHEET_BYTES if member.filename.startswith("xl/worksheets/") else MAX_PART_BYTES
        if member.file_size > limit:
            raise UserError(f"Sešit „{path.name}“ obsahuje část, která by po rozbalení měla "
                            f"{member.file_size // 2**20} MB ({member.filename}); tak velký soubor s adresářem "
                            "nemůže být. Uložte data v Excelu do nového sešitu, nebo jako CSV.")


class _CellParser(WorkSheetParser):
    """openpyxl's streaming sheet parser that also marks a formula without a computed value (with
    data_only it would silently read as an empty cell)."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None and _never_computed(element):
            cell["value"] = CellError("", "=" + (element.findtext(FORMULA_TAG) or ""), formula=True)
        return cell


def _never_computed(element) -> bool:
    # Excel keeps a formula that came out as "" with t="str" and an empty <v>; a number cannot be
    # empty, so an empty or missing <v> otherwise means the writer never computed the formula.
    value = element.findtext(VALUE_TAG)
    return value is None or (value == "" and element.get("t") != "str")


def _read_xlsx(path: Path, header_marker: str, known: Callable[[str], bool]) -> RawTable:
    _check_sizes(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except OSError as exc:
            raise UserError(f"Soubor „{path.name}“ nelze přečíst ({exc.strerror or exc}).") from exc
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001
            # openpyxl lets a damaged package surface as whatever its zip and XML parsers raise
            # (BadZipFile, ParseError, KeyError, ValueError, TypeError, …); all mean "not a readable workbook".
            raise UserError(f"Soubor „{path.name}“ nelze otevřít jako sešit Excelu ({exc}).") from exc
        try:
            for sheet in workbook.worksheets:
                table = _read_sheet(workbook, sheet, path.name, header_marker, known)
                if table is not None:
                    table.warnings.extend(_workbook_warnings(caught))
                    return table
        except (UserError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001
            # Cells are parsed lazily, so a damaged sheet fails here with the same variety of errors.
            raise UserError(f"Sešit „{path.name}“ je poškozený a nelze jej přečíst ({exc}).") from exc
        finally:
            workbook.close()
    raise UserError(f"V sešitu „{path.name}“ není list, jehož první řádek obsahuje sloupec „{header_marker}“.")


def _workbook_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    """openpyxl's English warnings (unsupported extensions, no styles, …) as one Czech line; the detail
    goes to the log."""
    if not caught:
        return []
    for item in caught:
        log.info("openpyxl: %s", item.message)
    return ["Sešit obsahuje části, které aplikace nečte (např. rozšíření, ověřování dat nebo styly jiného "
            "programu); hodnoty buněk byly načteny. Pokud v náhledu něco chybí nebo nesedí, otevřete soubor "
            "v Excelu a uložte jej jako Sešit Excelu (.xlsx)."]


def _header(cells: list[dict]) -> list[str]:
    names: dict[int, str] = {}
    for cell in cells:
        value = cell["value"]
        if value is not None and not isinstance(value, CellError):
            names[cell["column"]] = normalize_text(str(value))
    width = max((column for column, name in names.items() if name), default=0)
    return [names.get(column, "") for column in range(1, width + 1)]


def _read_sheet(workbook, sheet, name: str, header_marker: str, known: Callable[[str], bool]) -> RawTable | None:
    """The table of one sheet, or None when its first row does not hold `header_marker`."""
    with sheet._get_source() as source:  # openpyxl's streaming reader, driven directly (see _CellParser)
        parser = _CellParser(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                             date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        rows = parser.parse()
        first = next(rows, None)
        if first is None or first[0] != 1:
            return None
        header = _header(first[1])
        if fold(header_marker) not in (fold(h) for h in header):
            return None
        wanted = {index + 1 for index, h in enumerate(header) if h and known(h)}
        width = max(wanted, default=0)
        table: dict[int, list[RawValue]] = {}
        for number, cells in rows:
            values = _row_values(cells, wanted, width)
            if values is not None:
                if len(table) >= MAX_DATA_ROWS:
                    raise _too_many_rows(name)
                table[number] = values
        merged = parser.merged_cells.mergeCell if parser.merged_cells else []
    _spread_merged_cells(table, [range_boundaries(m.ref) for m in merged], wanted)
    return RawTable(header, sorted(table.items()))


def _row_values(cells: list[dict], wanted: set[int], width: int) -> list[RawValue] | None:
    """The values of the wanted columns (index = column - 1), or None for a row without any."""
    values: list[RawValue] | None = None
    for cell in cells:
        column, value = cell["column"], cell["value"]
        if column not in wanted or value is None or value == "":
            continue
        if cell["data_type"] == "e":
            value = CellError(f"{get_column_letter(column)}{cell['row']}", str(value))
        elif isinstance(value, CellError):
            value = CellError(f"{get_column_letter(column)}{cell['row']}", value.value, value.formula)
        if values is None:
            values = [None] * width
        values[column - 1] = value
    return values


def _spread_merged_cells(table: dict[int, list[RawValue]], ranges, wanted: set[int]) -> None:
    """A value merged down (a provider's name over its service rows) counts for every row of its range
    that holds data; a merge reaching past the data adds no rows. Across columns a merge only widens
    the cell: the value stays in its first column."""
    for min_col, min_row, _max_col, max_row in ranges:
        top = table.get(min_row)
        if top is None or min_col not in wanted:
            continue
        for number in range(min_row + 1, max_row + 1):
            row = table.get(number)
            if row is not None and row[min_col - 1] is None:
                row[min_col - 1] = top[min_col - 1]


def _decode(data: bytes, name: str) -> str:
    # Czech Excel saves "CSV (oddělený středníkem)" in Windows-1250 and "Text v kódování Unicode" in UTF-16;
    # both are common in offices, so they are read as well as the UTF-8 the exchange format asks for.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"Soubor „{name}“ se hlásí jako text v kódování UTF-16, ale je poškozený nebo "
                            "neúplný, jeho text nelze přečíst. Uložte jej znovu jako „CSV UTF-8 (s oddělovači)“ "
                            "nebo jako sešit .xlsx.") from None
    if len(data) >= 2 and (data[0] == 0) != (data[1] == 0):
        # "Unicode text" saved by some tools without a BOM: every other byte of ASCII text is zero.
        data = (codecs.BOM_UTF16_BE if data[0] == 0 else codecs.BOM_UTF16_LE) + data
        return _decode(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1250")
    except UnicodeDecodeError:
        raise UserError(f"Soubor „{name}“ není v kódování UTF-8 ani Windows-1250, jeho text nelze přečíst. "
                        "V Excelu jej uložte jako „CSV UTF-8 (s oddělovači)“, nebo jako sešit .xlsx.") from None


_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.I)


def _read_csv(path: Path) -> RawTable:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise UserError(f"Soubor „{path.name}“ má přes {MAX_CSV_BYTES // 2**20} MB; tak velký soubor "
                        "s adresářem nemůže být. Zkontrolujte, zda jde o správný soubor.")
    text = _decode(path.read_bytes(), path.name)
    # Excel writes (and reads) a first line "sep=;" naming the separator; it is not part of the table,
    # and Excel does not count it as a row.
    hint = _SEP_LINE.match(text)
    if hint:
        text = text[hint.end():]
        delimiter = hint[1]
    else:
        first_line = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=first_line.count)
    # Strict: an unclosed quote must not silently swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[RawValue]]] = []
    last_line = 0
    try:
        # A quoted cell may span lines; Excel numbers records, and so does the reader.
        for number, cells in enumerate(reader, start=1):
            if len(rows) > MAX_DATA_ROWS:
                raise _too_many_rows(path.name)
            rows.append((number, [_csv_value(cell) for cell in cells]))
            last_line = reader.line_num
    except csv.Error as exc:
        raise UserError(f"Soubor „{path.name}“ nelze přečíst jako CSV: na řádku {last_line + 1} "
                        f"{_csv_fault(str(exc))}. Opravte jej, nebo jej uložte z Excelu znovu.") from exc
    if not rows:
        raise UserError(f"Soubor „{path.name}“ je prázdný.")
    header = [normalize_text(str(v)) for v in rows[0][1]]
    return RawTable(header, rows[1:])


def _csv_value(cell: str) -> RawValue:
    """A CSV cell: Excel writes an error value as its text; our export's formula guard is undone."""
    if cell.strip() in ERROR_VALUES:
        return CellError("", cell.strip())
    return unguard_formula(cell)


def _needs_guard(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) or (text.startswith("'") and _needs_guard(text[1:]))


def guard_formula(text: str) -> str:
    """Text Excel would run as a formula when it opens a CSV ("=…", "+…", "-…", "@…") gets a leading
    apostrophe, Excel's own mark for "this is text" (OWASP's advice against CSV injection). Text that
    already starts with such an apostrophe gets one more, so `unguard_formula` restores every text."""
    return "'" + text if _needs_guard(text) else text


def unguard_formula(text: str) -> str:
    """The inverse of `guard_formula`: unguard_formula(guard_formula(t)) == t for every t."""
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def _csv_fault(message: str) -> str:
    if "field larger than field limit" in message:
        return "je buňka delší, než unese i Excel (nejspíš v ní chybí uzavírací uvozovky)"
    if "unexpected end of data" in message or "EOF" in message:
        return "začínají uvozovky, které se do konce souboru neuzavřou"
    if "expected after" in message:
        return "následuje za uzavíracími uvozovkami buňky další text"
    return f"je chyba zápisu ({message})"


def _clean(value: RawValue) -> RawValue:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _styled(sheet, value: RawValue, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, _clean(value))
    if isinstance(value, str):
        # A description starting with "=" is text, not a formula.
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _header_row(sheet, header: list[str], comments: dict[str, str] | None) -> list[WriteOnlyCell]:
    cells = []
    for name in header:
        cell = _styled(sheet, name, font=Font(bold=True), fill=HEADER_FILL, alignment=Alignment(vertical="top"))
        if comments and name in comments:
            cell.comment = Comment(comments[name], "Komunitní plán", width=320, height=140)
        cells.append(cell)
    return cells


def write_xlsx(path: Path, sheet_title: str, header: list[str], rows: Iterable[list[RawValue]],
               layout: SheetLayout, extra_sheets: dict[str, list[list[str]]] | None = None) -> None:
    # Write-only mode streams the rows: four times faster than addressing cells for a region's directory.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = layout.widths.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.append(_header_row(sheet, header, layout.comments))
    formats = {i: "@" for i, name in enumerate(header) if name in layout.text_columns}
    formats.update({i: DATE_FORMAT for i, name in enumerate(header) if name in layout.date_columns})
    count = 0
    for count, values in enumerate(rows, start=1):
        out: list = list(values)
        for index, value in enumerate(values):
            if value in (None, ""):
                out[index] = None
            elif index in formats:
                out[index] = _styled(sheet, value, number_format=formats[index])
            elif isinstance(value, str) and (value.startswith("=") or ILLEGAL_CHARACTERS_RE.search(value)):
                out[index] = _styled(sheet, value)
        sheet.append(out)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    for title, table in (extra_sheets or {}).items():
        _write_plain_sheet(workbook.create_sheet(title), table)
    _save(workbook, path)


def _write_plain_sheet(sheet, table: list[list[str]]) -> None:
    for index, width in enumerate((22, 70, 45), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_header_row(sheet, table[0], None))
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in table[1:]:
        sheet.append([_styled(sheet, value, alignment=wrap) for value in row])


def _save(workbook: Workbook, path: Path) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        workbook.save(partial)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(write_error_message(path, exc)) from exc
    replace_file(partial, path)


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    """UTF-8 with BOM, ';', CRLF; every cell that Excel would run as a formula is guarded."""
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows([guard_formula(value) for value in row] for row in rows)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(write_error_message(path, exc)) from exc
    replace_file(partial, path)
