"""Exchange of the provider directory with Excel: export, blank template, and import (XLSX and CSV).

One row per service with the columns of `COLUMNS`; a provider without services has one row with the
service columns empty. Export and import share the cell formats (db/spreadsheet/cells.py), so an
exported file imports as "no changes" and exporting again writes the same cells.

    preview = plan_import(db, "adresar.xlsx")      # reads and compares, writes nothing
    apply_import(db, preview, skip_invalid=False)  # backup, then one transaction
    export_directory(db, "adresar.xlsx")
    save_template("sablona.xlsx")
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from db.database import Database
from db.errors import UserError
from db.spreadsheet.cells import COLUMNS, DATE_COLUMNS, Cell, empty_service_cells, format_date
from db.spreadsheet.entries import load_entries
from db.spreadsheet.files import SheetLayout, file_kind, write_csv, write_xlsx
from db.spreadsheet.importer import (
    Action, FieldChange, ImportCancelled, ImportPreview, ImportResult, ProviderPlan, ServicePlan,
    apply_import, plan_import,
)
from db.file_imports import RowProblem

# The whole public API of the exchange is importable from here.
__all__ = [
    "COLUMNS", "COLUMN_HELP", "Action", "FieldChange", "ImportCancelled", "ImportPreview", "ImportResult",
    "ProviderPlan", "RowProblem", "ServicePlan", "apply_import", "directory_rows",
    "export_directory", "plan_import", "save_template",
]

SHEET_TITLE = "Služby"
GUIDE_TITLE = "Návod"

WIDTHS = {
    "Poskytovatel": 36, "IČO": 11, "Právní forma": 22, "Ulice": 24, "Obec": 20, "PSČ": 8, "Telefon": 18,
    "E-mail": 28, "Web": 26, "Služba": 36, "Druh služby": 30, "Identifikátor": 13, "Formy": 22,
    "Cílové skupiny": 36, "Popis": 50, "Provozní doba": 32, "Kontaktní osoba": 22, "Telefon služby": 18,
    "E-mail služby": 28, "Místo poskytování": 44, "Úhrada": 24, "Kapacita": 28, "Územní působnost": 36,
    "Ověřeno": 12,
}
TEXT_COLUMNS = ("IČO", "PSČ", "Telefon", "Identifikátor", "Telefon služby")

# Column → (what to fill in, example); the template's guide sheet and header comments.
COLUMN_HELP = {
    "Poskytovatel": ("Název organizace. Povinné v každém řádku; řádky jednoho poskytovatele se spojí podle IČO "
                     "(kde IČO chybí, podle přesného názvu).", "Charita Lipová nad Sázavou"),
    "IČO": ("Osm číslic; úvodní nuly se doplní samy. Podle IČO se poskytovatel najde v adresáři.", "00274046"),
    "Právní forma": ("Název, zkratka nebo plné znění právní formy.",
                     "spolek / z. s. / zapsaný spolek / příspěvková organizace"),
    "Ulice": ("Ulice a číslo sídla poskytovatele.", "Husova 112"),
    "Obec": ("Obec sídla.", "Lipová nad Sázavou"),
    "PSČ": ("Pět číslic, mezera se doplní.", "584 21"),
    "Telefon": ("Jedno nebo více čísel oddělených středníkem. Buňku nastavte jako Text, jinak Excel smaže "
                "úvodní + a dlouhé číslo zkrátí.", "+420 569 000 111; 731 000 222"),
    "E-mail": ("E-mail poskytovatele.", "info@charita-lipova.cz"),
    "Web": ("Webové stránky.", "www.charita-lipova.cz"),
    "Služba": ("Název služby. Prázdné, pokud řádek popisuje jen poskytovatele.", "Pečovatelská služba Lipová"),
    "Druh služby": ("Paragraf zákona č. 108/2006 Sb., název druhu sociální služby, nebo kategorie související "
                    "služby.", "§ 40 / pečovatelská služba / klub seniorů"),
    "Identifikátor": ("Sedmimístný identifikátor služby z registru poskytovatelů; podle něj se služba najde "
                      "v adresáři (jinak podle poskytovatele a názvu).", "4521387"),
    "Formy": ("Formy poskytování oddělené středníkem: pobytová, ambulantní, terénní.", "pobytová; terénní"),
    "Cílové skupiny": ("Cílové skupiny z číselníku, oddělené středníkem.", "senioři; osoby se zdravotním postižením"),
    "Popis": ("Krátký popis služby pro tištěný přehled.", "Pomoc s péčí o domácnost a osobní hygienou."),
    "Provozní doba": ("Dny a časy; další řádky buňky (Alt+Enter) jsou poznámka.",
                      "Po–Pá 7:00–12:00, 13:00–15:30; So 8:00–11:00"),
    "Kontaktní osoba": ("Jméno kontaktní osoby služby.", "Mgr. Jana Nováková"),
    "Telefon služby": ("Telefon přímo na službu.", "731 000 333"),
    "E-mail služby": ("E-mail přímo na službu.", "pecovatelska@charita-lipova.cz"),
    "Místo poskytování": ("Místa oddělená středníkem, každé jako [název, ]ulice, PSČ obec. Utajenou adresu "
                          "označte na konci textem „(neveřejná adresa)“; do tištěného přehledu se nedostane.",
                          "Denní centrum, Nádražní 12, 584 21 Lipová nad Sázavou"),
    "Úhrada": ("„zdarma“ nebo „placená“, případně s poznámkou za dvojtečkou.", "placená: dle ceníku"),
    "Kapacita": ("Pro každou formu počet a jednotku (klienti, lůžka, kontakty, intervence, hovory), oddělené "
                 "středníkem. Má-li služba jedinou formu, stačí číslo (pobytová: lůžka, jinak klienti).",
                 "pobytová 30 lůžek; terénní 120 klientů"),
    "Územní působnost": ("Obce, kde se služba poskytuje, oddělené středníkem.", "Lipová nad Sázavou; Olšinky"),
    "Ověřeno": ("Kdy byly údaje naposledy ověřeny u poskytovatele (den. měsíc. rok).", "15. 3. 2026"),
}

ExportProgress = Callable[[int, int], bool]


def _layout(with_comments: bool) -> SheetLayout:
    comments = {c: COLUMN_HELP[c][0] for c in COLUMNS} if with_comments else None
    return SheetLayout(WIDTHS, TEXT_COLUMNS, DATE_COLUMNS, comments)


def directory_rows(db: Database) -> list[dict[str, Cell]]:
    """The directory as the sheet's rows: providers in Czech order, their services in Czech order."""
    with db.session() as session:
        entries = load_entries(session)
    rows = []
    for provider in entries:
        provider_cells = provider.values.cells()
        if not provider.services:
            rows.append({**provider_cells, **empty_service_cells()})
        rows.extend({**provider_cells, **service.values.cells()} for service in provider.services)
    return rows


def _csv_text(value: Cell) -> str:
    return format_date(value) if isinstance(value, dt.date) else (value or "")


def _values(rows: list[dict[str, Cell]], progress: ExportProgress | None) -> Iterator[list[Cell]]:
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % 200 == 0 and not progress(done, len(rows)):
            raise UserError("Export byl zrušen.")
        yield [row[c] for c in COLUMNS]


def export_directory(db: Database, path: Path | str, progress: ExportProgress | None = None) -> int:
    """Write the directory to .xlsx or .csv (by the extension); returns the number of rows written."""
    path = Path(path)
    kind = file_kind(path)
    rows = directory_rows(db)
    values = _values(rows, progress)
    if kind == "xlsx":
        write_xlsx(path, SHEET_TITLE, list(COLUMNS), values, _layout(with_comments=False))
    else:
        write_csv(path, list(COLUMNS), ([_csv_text(v) for v in row] for row in values))
    return len(rows)


def save_template(path: Path | str) -> None:
    """An empty sheet with the headers (each explained in a comment) and a guide sheet "Návod"."""
    path = Path(path)
    if file_kind(path) == "csv":
        write_csv(path, list(COLUMNS), [])
        return
    guide = [["Sloupec", "Co vyplnit", "Příklad"]]
    guide.extend([column, *COLUMN_HELP[column]] for column in COLUMNS)
    guide.append([])
    guide.append(["Import", "Jeden řádek = jedna služba. Řádky se stejným IČO patří jednomu poskytovateli; "
                            "údaje poskytovatele stačí vyplnit v prvním z nich. Před uložením aplikace ukáže, "
                            "co přibude a co se změní, a vypíše chybné řádky s důvodem.", ""])
    write_xlsx(path, SHEET_TITLE, list(COLUMNS), [], _layout(with_comments=True), {GUIDE_TITLE: guide})
