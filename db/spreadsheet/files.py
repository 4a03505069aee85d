"""Reading and writing the raw table of a spreadsheet file: .xlsx through openpyxl, .csv as Excel writes it.

Excel on Czech Windows saves CSV with ';' and, unless told "CSV UTF-8", in windows-1250; both are read.
Our CSV is UTF-8 with a BOM (so Excel shows the diacritics) and ';' (so Czech Excel splits the columns).
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from db.collation import fold
from db.errors import UserError
from db.files import replace_file, write_error_message

RawValue = str | int | float | dt.date | dt.datetime | None
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
DATE_FORMAT = "d. m. yyyy"


@dataclass
class RawTable:
    header: list[str]
    rows: list[tuple[int, list[RawValue]]]  # (row number as Excel shows it, cell values)


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


def read_table(path: Path, header_marker: str) -> RawTable:
    """The first sheet whose first row contains `header_marker` (XLSX), or the whole CSV."""
    if not path.is_file():
        raise UserError(f"Soubor „{path}“ neexistuje.")
    kind = file_kind(path)
    try:
        return _read_xlsx(path, header_marker) if kind == "xlsx" else _read_csv(path)
    except OSError as exc:
        raise UserError(f"Soubor „{path.name}“ nelze přečíst ({exc.strerror or exc}).") from exc


def _numbered(rows: Iterable[tuple]) -> Iterator[tuple[int, list[RawValue]]]:
    for number, row in enumerate(rows, start=1):
        yield number, list(row)


def _read_xlsx(path: Path, header_marker: str) -> RawTable:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise UserError(f"Soubor „{path.name}“ nelze přečíst ({exc.strerror or exc}).") from exc
    except Exception as exc:  # noqa: BLE001
        # openpyxl lets a damaged package surface as whatever its zip and XML parsers raise
        # (BadZipFile, ParseError, KeyError, ValueError, TypeError, …); all mean "not a readable workbook".
        raise UserError(f"Soubor „{path.name}“ nelze otevřít jako sešit Excelu ({exc}).") from exc
    try:
        for sheet in workbook.worksheets:
            # Some writers store a wrong sheet size; read what is really there.
            sheet.reset_dimensions()
            rows = _numbered(sheet.iter_rows(values_only=True))
            first = next(rows, None)
            if first is None:
                continue
            header = [str(v).strip() if v is not None else "" for v in first[1]]
            if fold(header_marker) in (fold(name) for name in header):
                return RawTable(header, list(rows))
    except Exception as exc:  # noqa: BLE001
        # Cells are parsed lazily, so a damaged sheet fails here with the same variety of errors.
        raise UserError(f"Sešit „{path.name}“ je poškozený a nelze jej přečíst ({exc}).") from exc
    finally:
        workbook.close()
    raise UserError(f"V sešitu „{path.name}“ není list, jehož první řádek obsahuje sloupec „{header_marker}“.")


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


def _read_csv(path: Path) -> RawTable:
    text = _decode(path.read_bytes(), path.name)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    # Strict: an unclosed quote must not silently swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[RawValue]]] = []
    last_line = 0
    try:
        # A quoted cell may span lines; Excel numbers records, and so does the reader.
        for numbered in _numbered(reader):
            rows.append(numbered)
            last_line = reader.line_num
    except csv.Error as exc:
        raise UserError(f"Soubor „{path.name}“ nelze přečíst jako CSV: na řádku {last_line + 1} "
                        f"{_csv_fault(str(exc))}. Opravte jej, nebo jej uložte z Excelu znovu.") from exc
    if not rows:
        raise UserError(f"Soubor „{path.name}“ je prázdný.")
    header = [str(v).strip() for v in rows[0][1]]
    return RawTable(header, rows[1:])


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
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(write_error_message(path, exc)) from exc
    replace_file(partial, path)
