"""Import of a plan workbook: read every sheet into values, check every row, compare with the database.

`plan_import_preview(db, path)` writes nothing: it returns what would be added and changed, and every bad
row named with its sheet, row, column and reason. `apply_plan_import(db, preview)` takes a backup and
writes everything in one transaction, checking again inside it; with any bad row nothing is written.
The file format is described in db/plan/exchange.py.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields as dataclass_fields
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.codelists import TargetGroup
from db.database import Database
from db.errors import UserError
from db.file_imports import FIX_AND_RELOAD, bad_rows_message
from db.plan.exchange import (
    FUNDING_SHEET, INDICATOR_SHEET, MONITORING_PREFIX, NO, PLAN_ROWS, PLAN_SHEET, TREE_SHEET, YES,
)
from db.plan.exchange_values import (
    IndicatorValues, MonitoringValues, NodeValues, PlanValues, PlanValuesSet, current_values, direction, plan_state,
    reference_names, service_ids,
)
from db.plan.facts import load_sources, load_states
from db.plan.models import (
    Indicator, IndicatorTarget, NodePartner, NodeService, Plan, PlannedCost, PlanNode, new_uid,
)
from db.plan.monitoring import find_round, open_round, save_grid_cell
from db.plan.records import MAX_AMOUNT, MAX_YEAR, MIN_YEAR, PlanRecord, validate_plan
from db.plan.text import clean_line, clean_text
from db.plan.tree import ACTIVITY_LEVEL
from db.runtime import current_user
from db.spreadsheet.files import file_kind

_SERVICE_RE = re.compile(r"^\[(?P<key>[^\]]+)\]\s*(?P<label>.*?)(?:\s*\|\s*(?P<note>.*))?$")
_YEAR_COLUMN = re.compile(r"^Cíl (\d{4})$")
_SPENT_COLUMN = re.compile(r"^Čerpáno – (.+) \(Kč\)$")
_INDICATOR_COLUMN = re.compile(r"^(Indikátor|Cíl|Skutečnost) (\d+)$")


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"List {self.sheet}, řádek {self.row}"
        return f"{where}, sloupec {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class FileValues:
    """What a workbook says, with the row each value came from (for messages)."""

    plan: PlanValues
    plan_rows: dict[str, int]  # field → row
    nodes: list[NodeValues] = field(default_factory=list)
    node_rows: dict[str, int] = field(default_factory=dict)
    costs: dict[str, dict[tuple[int, str], int]] = field(default_factory=dict)
    cost_rows: dict[tuple[str, int, str], int] = field(default_factory=dict)
    indicators: dict[str, list[IndicatorValues]] = field(default_factory=dict)
    indicator_rows: dict[str, int] = field(default_factory=dict)  # indicator uid → row
    monitoring: dict[int, dict[str, MonitoringValues]] = field(default_factory=dict)
    monitoring_rows: dict[tuple[int, str], int] = field(default_factory=dict)


@dataclass
class PlanImportPreview:
    """What an import would do: shown by the dialog, printed by --dry-run, asserted by tests."""

    source: Path
    plan_name: str
    new_plan: bool
    changes: list[str]
    problems: list[SheetProblem]
    counts: dict[str, int]
    values: FileValues | None = field(default=None, repr=False)
    plan_id: int | None = None  # the plan the file updates; None = it creates a new one

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    @property
    def bad_rows(self) -> list[tuple[str, int]]:
        return sorted({(p.sheet, p.row) for p in self.problems})

    def summary(self) -> list[str]:
        c = self.counts
        lines = [f"Soubor {self.source.name} – plán „{self.plan_name}“" + (" (nový)" if self.new_plan else ""),
                 f"Položky stromu – nové: {c['added']}, změněné: {c['changed']}, beze změny: {c['same']}",
                 f"Financování a indikátory – změněné položky: {c['funding']}, {c['indicators']}",
                 f"Monitoring – změněné řádky: {c['monitoring']}",
                 f"Chybné řádky: {len(self.bad_rows)}"]
        return lines

    def details(self) -> list[str]:
        return [*self.changes, *map(str, self.problems)]


def problems_message(problems: list[SheetProblem]) -> str:
    return bad_rows_message(problems, len({(p.sheet, p.row) for p in problems}), FIX_AND_RELOAD)


# -- reading cells ------------------------------------------------------------------------------
class _Cells:
    """Typed reading of cells; each bad cell adds a problem and reads as None."""

    def __init__(self):
        self.problems: list[SheetProblem] = []

    def problem(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(SheetProblem(sheet, row, column, message))

    @staticmethod
    def text(value, multiline: bool = False) -> str:
        """The cell as the core stores such a text (db/plan/text.py), so equal means unchanged."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = str(int(value))
        elif isinstance(value, (dt.datetime, dt.date)):
            value = f"{value.day}. {value.month}. {value.year}"
        return clean_text(str(value)) if multiline else clean_line(str(value))

    def number(self, where: tuple[str, int, str], value, integer: bool, low=None, high=None):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
            self.problem(*where, f"„{self.text(value)}“ není číslo.")
            return None
        if isinstance(value, str):
            try:
                value = float(value.replace("\u00a0", "").replace(" ", "").replace(",", "."))
            except ValueError:
                self.problem(*where, f"„{value.strip()}“ není číslo.")
                return None
        if integer and float(value) != int(value):
            self.problem(*where, f"Zadejte celé číslo (ne {value}).")
            return None
        result = int(value) if float(value).is_integer() else float(value)
        if (low is not None and result < low) or (high is not None and result > high):
            self.problem(*where, f"Hodnota {result} leží mimo povolený rozsah {low}–{high}.")
            return None
        return result

    def year(self, where, value):
        return self.number(where, value, integer=True, low=MIN_YEAR, high=MAX_YEAR)

    def date(self, where, value) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        match = re.fullmatch(r"\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\s*", str(value))
        if match:
            try:
                return dt.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                pass
        self.problem(*where, f"„{value}“ není datum (den. měsíc. rok).")
        return None


def _table(workbook, title: str) -> tuple[list[str], list[tuple[int, dict]]]:
    sheet = workbook[title]
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None)
    if first is None:
        return [], []
    header = [str(v).strip() if v is not None else "" for v in first]
    table = []
    for number, values in enumerate(rows, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        table.append((number, {name: values[i] if i < len(values) else None for i, name in enumerate(header) if name}))
    return header, table


def read_workbook(path: Path) -> tuple[FileValues, list[SheetProblem]]:
    """Every sheet of a plan workbook as values. Raises UserError when the file is not a plan workbook."""
    if not path.is_file():
        raise UserError(f"Soubor „{path}“ neexistuje.")
    if file_kind(path) != "xlsx":
        raise UserError(f"Plán lze načíst jen ze sešitu .xlsx, ne ze souboru „{path.name}“.")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl surfaces a damaged file as any of many errors
        raise UserError(f"Soubor „{path.name}“ nelze otevřít jako sešit Excelu ({exc}).") from exc
    try:
        if PLAN_SHEET not in workbook.sheetnames or TREE_SHEET not in workbook.sheetnames:
            raise UserError(f"Sešit „{path.name}“ není export plánu: chybí list „{PLAN_SHEET}“ nebo „{TREE_SHEET}“.")
        cells = _Cells()
        values = _read_plan(cells, workbook)
        _read_tree(cells, workbook, values)
        if FUNDING_SHEET in workbook.sheetnames:
            _read_funding(cells, workbook, values)
        if INDICATOR_SHEET in workbook.sheetnames:
            _read_indicators(cells, workbook, values)
        for title in workbook.sheetnames:
            if title.startswith(MONITORING_PREFIX):
                _read_monitoring(cells, workbook, title, values)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - cells are parsed lazily: a damaged sheet fails here
        raise UserError(f"Sešit „{path.name}“ je poškozený a nelze jej přečíst ({exc}).") from exc
    finally:
        workbook.close()
    return values, cells.problems


def _read_plan(cells: _Cells, workbook) -> FileValues:
    _, table = _table(workbook, PLAN_SHEET)
    labels = {label: name for label, name in PLAN_ROWS}
    raw, rows = {}, {}
    for number, row in table:
        label = cells.text(row.get("Údaj"))
        if label in labels:
            raw[labels[label]], rows[labels[label]] = row.get("Hodnota"), number
    where = lambda name: (PLAN_SHEET, rows.get(name, 1), next(lab for lab, n in PLAN_ROWS if n == name))  # noqa: E731
    state_label = cells.text(raw.get("state")) or "návrh"
    if plan_state(state_label) is None:
        cells.problem(*where("state"), f"Neznámý stav plánu „{state_label}“ (návrh, schválený, ukončený).")
    weighted = cells.text(raw.get("weighted_rollup")).lower() or NO
    if weighted not in (YES, NO):
        cells.problem(*where("weighted_rollup"), f"Napište „{YES}“ nebo „{NO}“.")
    plan = PlanValues(
        uid=cells.text(raw.get("uid")) or new_uid(), name=cells.text(raw.get("name")),
        year_from=cells.year(where("year_from"), raw.get("year_from")) or 0,
        year_to=cells.year(where("year_to"), raw.get("year_to")) or 0,
        state=state_label, adopted_by=cells.text(raw.get("adopted_by")),
        resolution_number=cells.text(raw.get("resolution_number")),
        resolution_date=cells.date(where("resolution_date"), raw.get("resolution_date")),
        vision=cells.text(raw.get("vision"), True), introduction=cells.text(raw.get("introduction"), True),
        level_names="; ".join(n.strip() for n in cells.text(raw.get("level_names")).split(";") if n.strip())
        or "Priorita; Opatření; Aktivita",
        weighted_rollup=weighted == YES)
    return FileValues(plan, rows)


def _lines(text: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(separator) if part.strip())


def _read_tree(cells: _Cells, workbook, values: FileValues) -> None:
    header, table = _table(workbook, TREE_SHEET)
    missing = [c for c in ("UID", "Nadřazené UID", "Název") if c not in header]
    if missing:
        cells.problem(TREE_SHEET, 1, ", ".join(missing), "V záhlaví chybí povinné sloupce.")
        return
    for number, row in table:
        uid = cells.text(row.get("UID")) or new_uid()
        where = lambda column: (TREE_SHEET, number, column)  # noqa: E731
        if uid in values.node_rows:
            cells.problem(*where("UID"), f"Stejné UID je už na řádku {values.node_rows[uid]}.")
            continue
        if len(uid) > 36:
            cells.problem(*where("UID"), "UID je delší než 36 znaků.")
            continue
        services = []
        for line in _lines(cells.text(row.get("Služby"), True), "\n"):
            match = _SERVICE_RE.match(line)
            if match is None:
                cells.problem(*where("Služby"), f"„{line}“: službu zapište jako „[identifikátor] název | poznámka“.")
            else:
                services.append((match["key"].strip(), (match["note"] or "").strip()))
        values.node_rows[uid] = number
        values.nodes.append(NodeValues(
            uid=uid, parent_uid=cells.text(row.get("Nadřazené UID")), title=cells.text(row.get("Název")),
            description=cells.text(row.get("Popis"), True), rationale=cells.text(row.get("Zdůvodnění"), True),
            target_groups=_lines(cells.text(row.get("Cílové skupiny")), ";"),
            working_group=cells.text(row.get("Pracovní skupina")), responsible=cells.text(row.get("Odpovědnost")),
            partners=_lines(cells.text(row.get("Partneři"), True), "\n"),
            year_from=cells.year(where("Od roku"), row.get("Od roku")),
            year_to=cells.year(where("Do roku"), row.get("Do roku")), services=tuple(services)))


def _read_funding(cells: _Cells, workbook, values: FileValues) -> None:
    _, table = _table(workbook, FUNDING_SHEET)
    for number, row in table:
        where = lambda column: (FUNDING_SHEET, number, column)  # noqa: E731
        uid, source = cells.text(row.get("UID")), cells.text(row.get("Zdroj"))
        year = cells.year(where("Rok"), row.get("Rok"))
        amount = cells.number(where("Částka (Kč)"), row.get("Částka (Kč)"), integer=True, low=0, high=MAX_AMOUNT)
        if not uid:
            cells.problem(*where("UID"), "Chybí UID položky plánu.")
        elif uid not in values.node_rows:
            cells.problem(*where("UID"), "Položka s tímto UID není na listu Strom; náklady patří k položce, "
                                         "která je v souboru.")
        elif year is not None and source and amount:
            if (uid, year, source) in values.cost_rows:
                cells.problem(*where("Zdroj"), f"Stejný rok a zdroj už jsou na řádku {values.cost_rows[(uid, year, source)]}.")
                continue
            values.cost_rows[(uid, year, source)] = number
            values.costs.setdefault(uid, {})[(year, source)] = amount
        elif not source and amount:
            cells.problem(*where("Zdroj"), "Chybí zdroj financování.")
        elif year is None and amount:
            cells.problem(*where("Rok"), "Chybí rok.")


def _read_indicators(cells: _Cells, workbook, values: FileValues) -> None:
    header, table = _table(workbook, INDICATOR_SHEET)
    years = {name: int(m[1]) for name in header if (m := _YEAR_COLUMN.match(name))}
    for number, row in table:
        where = lambda column: (INDICATOR_SHEET, number, column)  # noqa: E731
        uid = cells.text(row.get("UID aktivity"))
        if uid not in values.node_rows:
            cells.problem(*where("UID aktivity"), "Aktivita s tímto UID není na listu Strom.")
            continue
        indicator_uid = cells.text(row.get("UID indikátoru")) or new_uid()
        if indicator_uid in values.indicator_rows:
            cells.problem(*where("UID indikátoru"), f"Stejné UID je už na řádku {values.indicator_rows[indicator_uid]}.")
            continue
        name = cells.text(row.get("Indikátor"))
        if not name:
            cells.problem(*where("Indikátor"), "Název indikátoru je povinný.")
        label = cells.text(row.get("Směr")) or "více je lépe"
        if direction(label) is None:
            cells.problem(*where("Směr"), f"„{label}“: napište „více je lépe“, nebo „méně je lépe“.")
        targets = []
        for column, year in sorted(years.items(), key=lambda item: item[1]):
            value = cells.number(where(column), row.get(column), integer=False)
            if value is not None:
                targets.append((year, value))
        values.indicator_rows[indicator_uid] = number
        values.indicators.setdefault(uid, []).append(IndicatorValues(
            indicator_uid, name, cells.text(row.get("Jednotka")),
            cells.number(where("Výchozí hodnota"), row.get("Výchozí hodnota"), integer=False),
            cells.year(where("Rok výchozí hodnoty"), row.get("Rok výchozí hodnoty")), label, tuple(targets)))


def _read_monitoring(cells: _Cells, workbook, title: str, values: FileValues) -> None:
    try:
        year = int(title[len(MONITORING_PREFIX):])
    except ValueError:
        cells.problem(title, 1, "", "Název listu má tvar „Monitoring RRRR“ (rok).")
        return
    header, table = _table(workbook, title)
    sources = [(name, m[1]) for name in header if (m := _SPENT_COLUMN.match(name))]
    slots = sorted({int(m[2]) for name in header if (m := _INDICATOR_COLUMN.match(name))})
    rows = values.monitoring.setdefault(year, {})
    for number, row in table:
        where = lambda column: (title, number, column)  # noqa: E731
        uid = cells.text(row.get("UID"))
        if not uid:
            cells.problem(*where("UID"), "Chybí UID aktivity.")
            continue
        if (year, uid) in values.monitoring_rows:
            cells.problem(*where("UID"), f"Stejná aktivita je už na řádku {values.monitoring_rows[(year, uid)]}.")
            continue
        spent = []
        for column, source in sources:
            amount = cells.number(where(column), row.get(column), integer=True, low=0, high=MAX_AMOUNT)
            if amount is not None:
                spent.append((source, amount))
        actuals = []
        for k in slots:
            name = cells.text(row.get(f"Indikátor {k}"))
            value = cells.number(where(f"Skutečnost {k}"), row.get(f"Skutečnost {k}"), integer=False)
            if value is not None and not name:
                cells.problem(*where(f"Indikátor {k}"), "Ke skutečné hodnotě chybí název indikátoru.")
            elif value is not None:
                actuals.append((name, value))
        values.monitoring_rows[(year, uid)] = number
        rows[uid] = MonitoringValues(
            cells.text(row.get("Stav")),
            cells.number(where("Plnění (%)"), row.get("Plnění (%)"), integer=True, low=0, high=100),
            cells.text(row.get("Hodnocení"), True), cells.text(row.get("Důvody neplnění"), True),
            cells.text(row.get("Nápravné opatření"), True), tuple(spent), tuple(actuals))


# -- checking against the database and comparing --------------------------------------------------
NODE_LABELS = {"parent_uid": "Nadřazené UID", "title": "Název", "description": "Popis", "rationale": "Zdůvodnění",
               "target_groups": "Cílové skupiny", "working_group": "Pracovní skupina", "responsible": "Odpovědnost",
               "partners": "Partneři", "year_from": "Od roku", "year_to": "Do roku", "services": "Služby"}
MONITORING_LABELS = {"state": "Stav", "completion": "Plnění (%)", "evaluation": "Hodnocení",
                     "reasons": "Důvody neplnění", "corrective_action": "Nápravné opatření",
                     "spent": "Čerpáno", "actuals": "Skutečnosti indikátorů"}


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(_show(v) if not isinstance(v, tuple) else " ".join(map(_show, v)) for v in value)
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


def _changed(old, new, labels: dict[str, str]) -> list[str]:
    return [f"{labels[f.name]}: „{_show(getattr(old, f.name))}“ → „{_show(getattr(new, f.name))}“"
            for f in dataclass_fields(new) if f.name in labels and getattr(old, f.name) != getattr(new, f.name)]


@dataclass
class _Plan:
    """The comparison of a file with the database: problems, change lines, counts."""

    plan_id: int | None
    current: PlanValuesSet | None
    problems: list[SheetProblem]
    changes: list[str]
    counts: dict[str, int]


def _compare(session: Session, values: FileValues, read_problems: list[SheetProblem]) -> _Plan:
    problems = list(read_problems)
    changes: list[str] = []
    counts = defaultdict(int)
    plan_id = session.scalar(select(Plan.id).where(Plan.uid == values.plan.uid))
    current = current_values(session, plan_id) if plan_id is not None else None
    p = values.plan
    record = PlanRecord(plan_id, p.uid, p.name, p.year_from, p.year_to, adopted_by=p.adopted_by,
                        resolution_number=p.resolution_number, level_names=_level_list(p.level_names))
    labels = {name: label for label, name in PLAN_ROWS}
    already = {(q.sheet, q.row) for q in problems}
    for column, message in validate_plan(session, record):
        name = next((n for n, lab in labels.items() if lab == column), "name")
        problem = SheetProblem(PLAN_SHEET, values.plan_rows.get(name, 1), column, message)
        if (problem.sheet, problem.row) not in already:
            problems.append(problem)
    if current is None:
        changes.append(f"Přibude plán „{p.name}“ ({p.year_from}–{p.year_to})")
    elif current.plan != p:
        for f in dataclass_fields(p):
            old, new = getattr(current.plan, f.name), getattr(p, f.name)
            if old != new:
                label = next(lab for lab, n in PLAN_ROWS if n == f.name)
                changes.append(f"List {PLAN_SHEET}, řádek {values.plan_rows.get(f.name, 1)}: {label}: „{_show(old)}“ → „{_show(new)}“")
    _check_nodes(session, values, current, problems)
    existing = {n.uid: n for n in current.nodes} if current else {}
    order_now = _sibling_ranks(current.nodes if current else [], set(values.node_rows))
    order_new = _sibling_ranks(values.nodes, set(values.node_rows))
    for node in values.nodes:
        row = values.node_rows[node.uid]
        old = existing.get(node.uid)
        if old is None:
            counts["added"] += 1
            changes.append(f"List {TREE_SHEET}, řádek {row}: přibude „{node.title}“")
            continue
        lines = _changed(old, node, NODE_LABELS)
        if order_now.get(node.uid) != order_new.get(node.uid) and old.parent_uid == node.parent_uid:
            lines.append("pořadí mezi sousedními položkami")
        counts["changed" if lines else "same"] += 1
        changes.extend(f"List {TREE_SHEET}, řádek {row} ({current.codes[node.uid]}): {line}" for line in lines)
    for node in values.nodes:
        old_costs = current.costs.get(node.uid, {}) if current and node.uid in existing else {}
        new_costs = values.costs.get(node.uid, {})
        if old_costs != new_costs:
            counts["funding"] += 1
            changes.append(f"List {FUNDING_SHEET}: „{node.title}“ – náklady celkem {sum(old_costs.values()):,} → "
                           f"{sum(new_costs.values()):,} Kč".replace(",", "\u00a0"))
        old_indicators = current.indicators.get(node.uid, []) if current and node.uid in existing else []
        if old_indicators != values.indicators.get(node.uid, []):
            counts["indicators"] += 1
            changes.append(f"List {INDICATOR_SHEET}: „{node.title}“ – indikátory se změní")
    _compare_monitoring(session, values, current, problems, changes, counts)
    problems.sort(key=lambda q: (_sheet_order(q.sheet), q.row))
    for key in ("added", "changed", "same", "funding", "indicators", "monitoring"):
        counts.setdefault(key, 0)
    return _Plan(plan_id, current, problems, changes, dict(counts))


def _sheet_order(sheet: str) -> tuple[int, str]:
    order = [PLAN_SHEET, TREE_SHEET, FUNDING_SHEET, INDICATOR_SHEET]
    return (order.index(sheet), sheet) if sheet in order else (len(order), sheet)


def _level_list(text: str) -> list[str]:
    return [n.strip() for n in text.split(";") if n.strip()]


def _sibling_ranks(nodes: list[NodeValues], uids: set[str]) -> dict[str, int]:
    """uid → rank among the siblings that are in the file (the order the file can express)."""
    seen: dict[str, int] = defaultdict(int)
    ranks = {}
    for node in nodes:
        if node.uid in uids:
            ranks[node.uid] = seen[node.parent_uid]
            seen[node.parent_uid] += 1
    return ranks


def _check_nodes(session: Session, values: FileValues, current: PlanValuesSet | None,
                 problems: list[SheetProblem]) -> None:
    refs = reference_names(session)
    services = service_ids(session)
    parents = {n.uid: n.parent_uid for n in (current.nodes if current else [])}
    parents.update({n.uid: n.parent_uid for n in values.nodes})
    depth_limit = len(_level_list(values.plan.level_names))
    p = values.plan
    for node in values.nodes:
        row = values.node_rows[node.uid]

        def bad(column: str, message: str) -> None:
            problems.append(SheetProblem(TREE_SHEET, row, column, message))

        if not node.title:
            bad("Název", "Název je povinný.")
        elif len(node.title) > 500:
            bad("Název", "Název je delší než 500 znaků; podrobnosti patří do popisu.")
        for column, value in (("Odpovědnost", node.responsible), *(("Partneři", p) for p in node.partners),
                              *(("Služby", note) for _key, note in node.services)):
            if len(value) > 300:
                bad(column, f"„{value[:40]}…“ je delší než 300 znaků.")
        if node.parent_uid and node.parent_uid not in parents:
            bad("Nadřazené UID", "Nadřazená položka s tímto UID v plánu ani v souboru není.")
        else:
            depth, ancestor, seen = 1, node.parent_uid, {node.uid}
            while ancestor and ancestor not in seen:
                seen.add(ancestor)
                depth += 1
                ancestor = parents.get(ancestor, "")
            if ancestor:
                bad("Nadřazené UID", "Položka by byla sama sobě nadřízená (kruh v nadřazených UID).")
            elif depth > depth_limit:
                bad("Nadřazené UID", f"Položka by byla na {depth}. úrovni; plán má jen {depth_limit} úrovně.")
        for column, year in (("Od roku", node.year_from), ("Do roku", node.year_to)):
            if year is not None and p.year_from and not p.year_from <= year <= p.year_to:
                bad(column, f"Rok {year} leží mimo období plánu {p.year_from}–{p.year_to}.")
        if node.year_from and node.year_to and node.year_to < node.year_from:
            bad("Do roku", "Položka končí dříve, než začíná.")
        for name in node.target_groups:
            if name not in refs["target_groups"]:
                bad("Cílové skupiny", f"Cílová skupina „{name}“ v číselníku není.")
        if node.working_group and node.working_group not in refs["working_groups"]:
            bad("Pracovní skupina", f"Pracovní skupina „{node.working_group}“ v aplikaci není.")
        for key, _note in node.services:
            if key not in services:
                bad("Služby", f"Služba [{key}] v adresáři není.")
        if len({k for k, _ in node.services}) != len(node.services):
            bad("Služby", "Stejná služba je uvedena dvakrát.")
    sources = {s.name for s in load_sources(session)}
    by_uid = {n.uid: n for n in values.nodes}
    for (uid, year, source), row in values.cost_rows.items():
        node = by_uid[uid]
        start, end = node.year_from or p.year_from, node.year_to or p.year_to
        if source not in sources:
            problems.append(SheetProblem(FUNDING_SHEET, row, "Zdroj", f"Zdroj financování „{source}“ v seznamu není."))
        if p.year_from and not start <= year <= end:
            problems.append(SheetProblem(FUNDING_SHEET, row, "Rok", f"Rok {year} leží mimo roky položky {start}–{end}."))
    for uid, indicators in values.indicators.items():
        for indicator in indicators:
            row = values.indicator_rows[indicator.uid]
            if len(indicator.name) > 300:
                problems.append(SheetProblem(INDICATOR_SHEET, row, "Indikátor", "Název je delší než 300 znaků."))
            if len(indicator.unit) > 50:
                problems.append(SheetProblem(INDICATOR_SHEET, row, "Jednotka", "Jednotka je delší než 50 znaků."))
            for year, _value in indicator.targets:
                if p.year_from and not p.year_from <= year <= p.year_to:
                    problems.append(SheetProblem(INDICATOR_SHEET, values.indicator_rows[indicator.uid], f"Cíl {year}",
                                                 f"Rok {year} leží mimo období plánu."))


def _activities_after(values: FileValues, current: PlanValuesSet | None) -> set[str]:
    """Uids that will be activities once the file is written (leaves at the activity level or deeper)."""
    parents = {n.uid: n.parent_uid for n in (current.nodes if current else [])}
    parents.update({n.uid: n.parent_uid for n in values.nodes})
    has_children = {parent for parent in parents.values() if parent}
    result = set()
    for uid in parents:
        depth, ancestor, seen = 1, parents[uid], {uid}
        while ancestor and ancestor not in seen:
            seen.add(ancestor)
            depth, ancestor = depth + 1, parents.get(ancestor, "")
        if depth >= ACTIVITY_LEVEL and uid not in has_children:
            result.add(uid)
    return result


def _compare_monitoring(session: Session, values: FileValues, current: PlanValuesSet | None,
                        problems: list[SheetProblem], changes: list[str], counts) -> None:
    states = {s.name for s in load_states(session).values()}
    sources = {s.name for s in load_sources(session)}
    activities = _activities_after(values, current)
    p = values.plan
    for year, rows in sorted(values.monitoring.items()):
        title = f"{MONITORING_PREFIX}{year}"
        closed = current is not None and year in current.closed_years
        old_rows = current.monitoring.get(year, {}) if current else {}
        if p.year_from and not p.year_from <= year <= p.year_to:
            problems.append(SheetProblem(title, 1, "", f"Rok {year} nepatří do období plánu."))
            continue
        for uid, new in rows.items():
            row = values.monitoring_rows[(year, uid)]
            old = old_rows.get(uid, MonitoringValues("", None, "", "", "", (), ()))
            if old == new:
                continue
            if closed:
                problems.append(SheetProblem(title, row, "", f"Monitoring za rok {year} je uzavřený a řádek se od "
                                             "uloženého liší; uzavřené kolo nejprve výslovně znovu otevřete."))
                continue
            if uid not in activities:
                problems.append(SheetProblem(title, row, "UID", "Aktivita s tímto UID v plánu ani na listu Strom není "
                                             "(nebo to není aktivita)."))
                continue
            if new.state and new.state not in states:
                problems.append(SheetProblem(title, row, "Stav", f"Stav „{new.state}“ v seznamu stavů není."))
            for source, _amount in new.spent:
                if source not in sources:
                    problems.append(SheetProblem(title, row, f"Čerpáno – {source} (Kč)",
                                                 f"Zdroj financování „{source}“ v seznamu není."))
            names = {i.name for i in _indicators_after(values, current, uid)}
            for name, _value in new.actuals:
                if name not in names:
                    problems.append(SheetProblem(title, row, "Indikátor", f"Aktivita nemá indikátor „{name}“."))
            counts["monitoring"] += 1
            changes.extend(f"List {title}, řádek {row}: {line}" for line in _changed(old, new, MONITORING_LABELS))


def _indicators_after(values: FileValues, current: PlanValuesSet | None, uid: str) -> list[IndicatorValues]:
    if uid in values.node_rows:
        return values.indicators.get(uid, [])
    return current.indicators.get(uid, []) if current else []


# -- public API ---------------------------------------------------------------------------------
def plan_import_preview(db: Database, path: Path | str) -> PlanImportPreview:
    """Read the workbook and compare it with the database; writes nothing. Raises UserError when the file
    cannot be read as a plan workbook at all; bad rows are listed in `problems`."""
    path = Path(path)
    values, read_problems = read_workbook(path)
    with db.session() as session:
        compared = _compare(session, values, read_problems)
    return PlanImportPreview(path, values.plan.name, compared.plan_id is None, compared.changes, compared.problems,
                             compared.counts, values, compared.plan_id)


@dataclass
class PlanImportResult:
    plan_id: int | None  # the plan written (or matched, when nothing changed)
    added: int
    changed: int
    backup: Path | None

    def message(self) -> str:
        return f"Položky stromu – přidáno {self.added}, změněno {self.changed}."


def apply_plan_import(db: Database, preview: PlanImportPreview) -> PlanImportResult:
    """Write the previewed file in one transaction after an automatic backup; the comparison is made again
    inside the transaction. Raises UserError (listing the bad rows) and writes nothing when a row is bad."""
    if preview.problems or preview.values is None:
        raise UserError(problems_message(preview.problems))
    if not preview.has_changes:
        return PlanImportResult(preview.plan_id, 0, 0, None)
    backup = db.auto_backup("pred-importem-planu") if preview.has_changes and not preview.new_plan else None
    with db.session() as session, session.begin(), session.no_autoflush:
        compared = _compare(session, preview.values, [])
        if compared.problems:
            raise UserError(problems_message(compared.problems))
        plan_id = _Writer(session, preview.values, compared).write()
    return PlanImportResult(plan_id, compared.counts["added"], compared.counts["changed"], backup)


class _Writer:
    def __init__(self, session: Session, values: FileValues, compared: _Plan):
        self.session = session
        self.values = values
        self.compared = compared
        self.user = current_user()
        self.refs = reference_names(session)
        self.services = service_ids(session)
        self.sources = {s.name: s.id for s in load_sources(session)}
        self.states = {s.name: s.id for s in load_states(session).values()}

    def write(self) -> int:
        plan = self._plan()
        nodes = {n.uid: n for n in self.session.scalars(
            select(PlanNode).where(PlanNode.plan_id == plan.id).options(
                selectinload(PlanNode.partners), selectinload(PlanNode.services), selectinload(PlanNode.costs),
                selectinload(PlanNode.target_groups), selectinload(PlanNode.indicators).selectinload(Indicator.targets)))}
        # Places before the import: a partial file must not reorder the siblings it does not carry.
        old_places = {uid: (node.parent_id, node.position, node.id) for uid, node in nodes.items()}
        for item in self.values.nodes:
            if item.uid not in nodes:
                nodes[item.uid] = PlanNode(plan_id=plan.id, uid=item.uid, title=item.title, position=10**6)
                self.session.add(nodes[item.uid])
        self.session.flush()
        for item in self.values.nodes:
            self._node(nodes[item.uid], item, nodes)
        self._positions(nodes, old_places)
        self.session.flush()
        self._monitoring(plan.id, nodes)
        return plan.id

    def _plan(self) -> Plan:
        p = self.values.plan
        plan = self.session.get(Plan, self.compared.plan_id) if self.compared.plan_id else Plan(uid=p.uid)
        if self.compared.plan_id is None:
            self.session.add(plan)
        plan.name, plan.year_from, plan.year_to = p.name, p.year_from, p.year_to
        plan.state = plan_state(p.state)
        plan.adopted_by, plan.resolution_number, plan.resolution_date = p.adopted_by, p.resolution_number, p.resolution_date
        plan.vision, plan.introduction = p.vision, p.introduction
        plan.level_names = ";".join(_level_list(p.level_names))
        plan.weighted_rollup = p.weighted_rollup
        plan.changed_by = self.user
        self.session.flush()
        return plan

    def _node(self, node: PlanNode, item: NodeValues, nodes: dict[str, PlanNode]) -> None:
        old = next((n for n in (self.compared.current.nodes if self.compared.current else []) if n.uid == item.uid), None)
        if old != item:
            node.parent_id = nodes[item.parent_uid].id if item.parent_uid else None
            node.title, node.description, node.rationale = item.title, item.description, item.rationale
            node.target_groups = [self.session.get(TargetGroup, self.refs["target_groups"][g]) for g in item.target_groups]
            node.working_group_id = self.refs["working_groups"].get(item.working_group) if item.working_group else None
            provider = self.refs["providers"].get(item.responsible)
            node.responsible_provider_id, node.responsible_text = (provider, "") if provider else (None, item.responsible)
            node.partners = [NodePartner(position=i, provider_id=self.refs["providers"].get(name),
                                         name="" if self.refs["providers"].get(name) else name)
                             for i, name in enumerate(item.partners)]
            node.year_from, node.year_to = item.year_from, item.year_to
            node.services = [NodeService(service_id=self.services[key], note=note) for key, note in item.services]
            node.changed_by = self.user
        costs = self.values.costs.get(item.uid, {})
        current_costs = {(c.year, c.source.name if c.source else ""): c.amount for c in node.costs}
        if current_costs != costs:
            node.costs = [PlannedCost(year=year, source_id=self.sources[source], amount=amount)
                          for (year, source), amount in sorted(costs.items())]
        self._indicators(node, self.values.indicators.get(item.uid, []))

    def _indicators(self, node: PlanNode, items: list[IndicatorValues]) -> None:
        existing = {i.uid: i for i in node.indicators}
        result = []
        for position, item in enumerate(items):
            indicator = existing.get(item.uid) or Indicator(uid=item.uid)
            indicator.position, indicator.name, indicator.unit = position, item.name, item.unit
            indicator.baseline_value, indicator.baseline_year = item.baseline_value, item.baseline_year
            indicator.direction = direction(item.direction)
            targets = {t.year: t for t in indicator.targets}
            indicator.targets = [replace_target(targets.get(year), year, value) for year, value in item.targets]
            result.append(indicator)
        node.indicators = result

    def _positions(self, nodes: dict[str, PlanNode], old_places: dict[str, tuple]) -> None:
        """Sibling order: the file's nodes take the places its nodes held under the same parent, in the
        file's order; the rest keep theirs; nodes new under a parent come after its existing children."""
        self.session.flush()
        in_file = set(self.values.node_rows)
        queues: dict[int | None, list[PlanNode]] = defaultdict(list)
        for item in self.values.nodes:
            queues[nodes[item.uid].parent_id].append(nodes[item.uid])
        before: dict[int | None, list[tuple[int, int, str]]] = defaultdict(list)
        for uid, (parent_id, position, node_id) in old_places.items():
            before[parent_id].append((position, node_id, uid))
        for parent_id in set(queues) | set(before):
            queue = list(queues.get(parent_id, []))
            order = []
            for _position, _id, uid in sorted(before.get(parent_id, [])):
                node = nodes[uid]
                if uid not in in_file:
                    order.append(node)
                elif node.parent_id == parent_id and queue:
                    order.append(queue.pop(0))
            order.extend(queue)
            for index, node in enumerate(order):
                node.position = index

    def _monitoring(self, plan_id: int, nodes: dict[str, PlanNode]) -> None:
        current = self.compared.current
        for year, rows in sorted(self.values.monitoring.items()):
            old_rows = current.monitoring.get(year, {}) if current else {}
            existing = find_round(self.session, plan_id, year)
            if existing is not None and existing.closed:
                continue
            round_id = None
            for uid, new in rows.items():
                old = old_rows.get(uid, MonitoringValues("", None, "", "", "", (), ()))
                if old == new:
                    continue
                round_id = round_id or open_round(self.session, plan_id, year)
                node = nodes[uid] if uid in nodes else self.session.scalar(
                    select(PlanNode).where(PlanNode.plan_id == plan_id, PlanNode.uid == uid))
                self._monitoring_row(round_id, node, old, new)

    def _monitoring_row(self, round_id: int, node: PlanNode, old: MonitoringValues, new: MonitoringValues) -> None:
        def save(column: str, value) -> None:
            save_grid_cell(self.session, round_id, node.id, column, value, self.user)

        if old.state != new.state:
            save("state", self.states[new.state] if new.state else None)
        if old.completion != new.completion:
            save("completion", new.completion)
        for name in ("evaluation", "reasons", "corrective_action"):
            if getattr(old, name) != getattr(new, name):
                save(name, getattr(new, name))
        old_spent, new_spent = dict(old.spent), dict(new.spent)
        for source in set(old_spent) | set(new_spent):
            if old_spent.get(source) != new_spent.get(source):
                save(f"spent:{self.sources[source]}", new_spent.get(source))
        indicators = {i.name: i.id for i in node.indicators}
        old_actuals, new_actuals = dict(old.actuals), dict(new.actuals)
        for name in set(old_actuals) | set(new_actuals):
            if old_actuals.get(name) != new_actuals.get(name) and name in indicators:
                save(f"actual:{indicators[name]}", new_actuals.get(name))


def replace_target(existing: IndicatorTarget | None, year: int, value: float) -> IndicatorTarget:
    target = existing or IndicatorTarget(year=year)
    target.value = value
    return target


__all__ = ["PlanImportPreview", "PlanImportResult", "SheetProblem", "apply_plan_import", "plan_import_preview",
           "problems_message", "read_workbook"]
