"""Exchange of a plan with Excel: export to XLSX and import back (preview first, then all or nothing).

Sheets (the first row of each holds the column names):
- "Plán": the plan's own fields, one per row (Údaj, Hodnota); "UID plánu" says which plan a file is.
- "Strom": one row per node in tree order: UID (the stable id), Kód (informational: computed from the
  place), Nadřazené UID (empty for a priority), title and the other fields. Row order = order among
  siblings. Several values in a cell: target groups separated by ";", partners and services one per line
  (Alt+Enter); a service as "[identifikátor] Name (Provider) | note" ("#id" where it has no identifikátor).
  A responsible party or partner equal to a provider's exact name in the directory links to it.
- "Financování": one row per node × year × source with the amount in Kč.
- "Indikátory": one row per indicator with its own UID, baseline, direction and a column per year's target.
- "Monitoring RRRR": one per monitoring round; one row per activity with state, %, texts, money spent per
  source and the indicators' actual values ("Indikátor 1", "Cíl 1", "Skutečnost 1", …).
- "Návod": how to fill each sheet in (ignored on import).

Import: the plan is found by "UID plánu" (or created); nodes by UID (an empty UID or an unknown one
creates a node). Nodes missing from the file are left as they are, so a working group's part of the
plan can be exported, filled in and imported back; for the nodes in the file the file's funding rows
and indicators are the complete list. A closed monitoring round cannot be changed by a file: a row that
differs from it is an error. `plan_import_preview` writes nothing; `apply_plan_import` writes it all in
one transaction after a backup, or nothing when any row is bad.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from db.database import Database
from db.plan.exchange_values import MonitoringValues, NodeValues, PlanValuesSet, current_values, service_labels
from db.plan.facts import load_facts
from db.plan.queries import TreeFilter, plan_tree, visible_nodes
from db.errors import UserError
# The directory exchange's cell styling and atomic save (written aside, then moved into place) are reused
# so both workbooks look alike and neither leaves a half-written file.
from db.spreadsheet.files import HEADER_FILL, file_kind
from db.spreadsheet.files import _save as save_workbook
from db.spreadsheet.files import _styled as styled_cell

PLAN_SHEET, TREE_SHEET, FUNDING_SHEET, INDICATOR_SHEET = "Plán", "Strom", "Financování", "Indikátory"
MONITORING_PREFIX = "Monitoring "
PLAN_ROWS = (
    ("UID plánu", "uid"), ("Název", "name"), ("Od roku", "year_from"), ("Do roku", "year_to"), ("Stav", "state"),
    ("Schválil", "adopted_by"), ("Číslo usnesení", "resolution_number"), ("Datum usnesení", "resolution_date"),
    ("Vize", "vision"), ("Úvod", "introduction"), ("Názvy úrovní", "level_names"),
    ("Souhrn vážený náklady", "weighted_rollup"),
)
TREE_COLUMNS = ("UID", "Kód", "Úroveň", "Nadřazené UID", "Název", "Popis", "Zdůvodnění", "Cílové skupiny",
                "Pracovní skupina", "Odpovědnost", "Partneři", "Od roku", "Do roku", "Služby")
FUNDING_COLUMNS = ("UID", "Kód", "Název", "Rok", "Zdroj", "Částka (Kč)")
INDICATOR_COLUMNS = ("UID aktivity", "Kód", "Aktivita", "UID indikátoru", "Indikátor", "Jednotka", "Výchozí hodnota",
                     "Rok výchozí hodnoty", "Směr")
MONITORING_COLUMNS = ("UID", "Kód", "Název", "Stav", "Plnění (%)", "Hodnocení", "Důvody neplnění",
                      "Nápravné opatření")
YES, NO = "ano", "ne"
WIDTHS = {"List": 18, "Co obsahuje a jak jej vyplnit": 110, "UID": 38, "UID aktivity": 38, "UID indikátoru": 38, "Nadřazené UID": 38, "Kód": 8, "Název": 48,
          "Aktivita": 40, "Popis": 50, "Zdůvodnění": 40, "Hodnocení": 50, "Důvody neplnění": 36,
          "Nápravné opatření": 36, "Partneři": 32, "Služby": 40, "Cílové skupiny": 30, "Pracovní skupina": 24,
          "Odpovědnost": 30, "Indikátor": 36, "Údaj": 24, "Hodnota": 80, "Zdroj": 24, "Stav": 16}
DATE_FORMAT = "d. m. yyyy"
GUIDE_SHEET = "Návod"
GUIDE = (
    (PLAN_SHEET, "Údaje plánu. Podle „UID plánu“ aplikace pozná, ke kterému plánu sešit patří; neměňte jej."),
    (TREE_SHEET, "Priority, opatření a aktivity v pořadí stromu. UID je stálý identifikátor položky: neměňte jej. "
                 "Kód se počítá z místa ve stromu a při načtení se nečte. Novou položku zapište na nový řádek "
                 "s prázdným UID a s UID nadřazené položky ve sloupci „Nadřazené UID“; pořadí řádků je pořadí "
                 "v rámci nadřazené položky. Více cílových skupin oddělte středníkem, partnery a služby pište "
                 "každého na nový řádek buňky (Alt+Enter). Položky, které v sešitu chybí, zůstanou beze změny."),
    (FUNDING_SHEET, "Předpokládané náklady: jeden řádek = položka, rok a zdroj financování, částka v Kč. Pro položky "
                    "z listu Strom je tento list úplným výčtem (smazaný řádek = náklad se odstraní)."),
    (INDICATOR_SHEET, "Indikátory aktivit s výchozí hodnotou, směrem („více je lépe“ / „méně je lépe“) a cílovou "
                      "hodnotou pro každý rok. Nový indikátor zapište s prázdným „UID indikátoru“."),
    ("Monitoring RRRR", "Hodnocení roku: stav ze seznamu stavů, plnění v % (prázdné = podle stavu), slovní "
                        "hodnocení, důvody neplnění a nápravná opatření, skutečně vynaložené částky podle zdrojů "
                        "a skutečné hodnoty indikátorů. Uzavřený rok nelze sešitem změnit."),
    ("Načtení", "Před uložením aplikace ukáže, co přibude a co se změní. Je-li některý řádek chybný, vypíše list, "
                "řádek, sloupec a důvod a neuloží nic."),
)


def target_column(year: int) -> str:
    return f"Cíl {year}"


def spent_column(source: str) -> str:
    return f"Čerpáno – {source} (Kč)"


def indicator_columns(k: int) -> tuple[str, str, str]:
    return f"Indikátor {k}", f"Cíl {k}", f"Skutečnost {k}"


def format_service(key: str, note: str, labels: dict[str, str]) -> str:
    text = f"[{key}] {labels.get(key, '')}".rstrip()
    return f"{text} | {note}" if note else text


# -- export -------------------------------------------------------------------------------------
def plan_rows_for_export(session, plan_id: int, working_group_id: int | None = None) -> tuple[PlanValuesSet, dict]:
    """The values to export and the level names by uid; `working_group_id` keeps only that group's part
    (its activities, with the priorities and measures above them)."""
    node_ids = None
    if working_group_id is not None:
        node_ids = visible_nodes(plan_tree(session, plan_id), TreeFilter(working_group_id=working_group_id))
    values = current_values(session, plan_id, node_ids)
    facts = load_facts(session, plan_id, with_costs=False)
    levels = {n.uid: facts.level_name(n.level) for n in facts.nodes.values()}
    return values, {"levels": levels, "services": service_labels(session)}


def export_plan(db: Database, plan_id: int, path: Path | str, working_group_id: int | None = None) -> int:
    """Write the plan to an .xlsx workbook; returns the number of nodes written. Raises UserError when
    the file cannot be written (it is written aside and moved into place, so a failure leaves no half file)."""
    path = Path(path)
    if file_kind(path) != "xlsx":
        raise UserError(f"Plán lze uložit jen do sešitu .xlsx, ne do „{path.name}“.")
    with db.session() as session:
        values, extra = plan_rows_for_export(session, plan_id, working_group_id)
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets(values, extra):
        _write_sheet(workbook, title, header, rows)
    save_workbook(workbook, path)
    return len(values.nodes)


def sheets(values: PlanValuesSet, extra: dict):
    """(title, header, rows of cell values) of every sheet, in workbook order."""
    plan = values.plan
    plan_cells = {"weighted_rollup": YES if plan.weighted_rollup else NO}
    plan_rows = [[label, plan_cells.get(name, getattr(plan, name))] for label, name in PLAN_ROWS]
    for year in sorted(values.monitoring):
        plan_rows.append([f"{MONITORING_PREFIX}{year}", "uzavřeno" if year in values.closed_years else "otevřeno"])
    yield PLAN_SHEET, ["Údaj", "Hodnota"], plan_rows
    yield TREE_SHEET, list(TREE_COLUMNS), [_tree_row(n, values, extra) for n in values.nodes]
    funding = []
    titles = {n.uid: n.title for n in values.nodes}
    for node in values.nodes:
        order = {name: i for i, name in enumerate(values.sources)}
        for (year, source), amount in sorted(values.costs.get(node.uid, {}).items(),
                                             key=lambda item: (item[0][0], order.get(item[0][1], 99))):
            funding.append([node.uid, values.codes[node.uid], titles[node.uid], year, source, amount])
    yield FUNDING_SHEET, list(FUNDING_COLUMNS), funding
    years = list(range(plan.year_from, plan.year_to + 1))
    indicator_rows = []
    for node in values.nodes:
        for indicator in values.indicators.get(node.uid, []):
            targets = dict(indicator.targets)
            indicator_rows.append([node.uid, values.codes[node.uid], node.title, indicator.uid, indicator.name,
                                   indicator.unit, indicator.baseline_value, indicator.baseline_year,
                                   indicator.direction, *[targets.get(y) for y in years]])
    yield INDICATOR_SHEET, [*INDICATOR_COLUMNS, *map(target_column, years)], indicator_rows
    for year in sorted(values.monitoring):
        yield _monitoring_sheet(values, year)
    yield GUIDE_SHEET, ["List", "Co obsahuje a jak jej vyplnit"], [list(line) for line in GUIDE]


def _tree_row(node: NodeValues, values: PlanValuesSet, extra: dict) -> list:
    return [node.uid, values.codes[node.uid], extra["levels"].get(node.uid, ""), node.parent_uid, node.title,
            node.description, node.rationale, "; ".join(node.target_groups), node.working_group, node.responsible,
            "\n".join(node.partners), node.year_from, node.year_to,
            "\n".join(format_service(k, note, extra["services"]) for k, note in node.services)]


def _monitoring_sheet(values: PlanValuesSet, year: int):
    rows = values.grid[year]
    width = max((len(r.indicators) for r in rows), default=0)
    header = [*MONITORING_COLUMNS, *map(spent_column, values.sources)]
    for k in range(1, width + 1):
        header.extend(indicator_columns(k))
    cells = []
    for row in rows:
        current: MonitoringValues = values.monitoring[year][row.uid]
        spent = dict(current.spent)
        actuals = dict(current.actuals)
        line = [row.uid, row.code, row.title, current.state, current.completion, current.evaluation,
                current.reasons, current.corrective_action, *[spent.get(s) for s in values.sources]]
        for indicator in row.indicators:
            line.extend([indicator.name, _plain(indicator.target), actuals.get(indicator.name)])
        line.extend([None] * (len(header) - len(line)))
        cells.append(line)
    return f"{MONITORING_PREFIX}{year}", header, cells


def _plain(value: float | None) -> float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _write_sheet(workbook: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    sheet.append([styled_cell(sheet, name, font=Font(bold=True), fill=HEADER_FILL,
                              alignment=Alignment(vertical="top", wrap_text=True)) for name in header])
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        out = []
        for value in values:
            if value in (None, ""):
                out.append(None)
            elif isinstance(value, str):
                out.append(styled_cell(sheet, value, alignment=wrap) if "\n" in value or len(value) > 60
                           else styled_cell(sheet, value))
            elif hasattr(value, "year") and not isinstance(value, (int, float)):
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)


__all__ = ["export_plan", "plan_rows_for_export", "sheets"]
