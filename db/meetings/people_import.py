"""Import of a list of persons (and their seats in groups) from XLSX or CSV: a preview first
(`plan_people_import`), then `apply_people_import`, all or nothing for the file.

Columns (first row; case, diacritics and order do not matter; only "Příjmení" is required):
jméno, příjmení, titul (before the name), titul za jménem, organizace, e-mail, telefon, role v triádě
(zadavatel / poskytovatel / uživatel / veřejnost), skupina, role ve skupině (vedoucí / koordinátor /
člen / zapisovatel / host), členem od (a date). One row is one person, optionally with one seat; a
person in several groups takes several rows with the same name.

Matching: a person by e-mail, else by name and surname (and organisation, when several share a name).
An organisation written exactly as a provider of the directory (case and diacritics aside) links the
person to that provider.
An empty cell never erases what the record holds. A group must already exist (by name or short name):
a typo must not found a new group. Guests never get a vote.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import now_to_the_second
from db.collation import fold
from db.database import Database
from db.directory.models import Provider
from db.errors import UserError
from db.file_imports import FIX_AND_RELOAD, Action, RowProblem, RowsPreview, bad_rows_message
from db.meetings.models import Membership, MembershipRole, Person, TriadRole, WorkingGroup
from db.meetings.records import ROLE_LABELS, TRIAD_LABELS, PersonRecord, person_name
from db.meetings.rules import membership_valid_on
from db.meetings.validation import PERSON_LABELS, person_problems
from db.runtime import current_user
from db.text import normalize_text
from db.validation import format_phones

HEADER_MARKER = "Příjmení"

# Column → PersonRecord attribute; the keys are folded header names, with the usual variants.
_PERSON_COLUMNS = {
    "jmeno": "first_name", "krestni jmeno": "first_name", "prijmeni": "last_name",
    "titul": "title_before", "titul pred jmenem": "title_before", "titul za jmenem": "title_after",
    "organizace": "organisation", "instituce": "organisation", "e-mail": "email", "email": "email",
    "telefon": "phone", "role v triade": "triad_role", "triada": "triad_role",
}
_OTHER_COLUMNS = {"skupina": "group", "pracovni skupina": "group", "role ve skupine": "role",
                  "clenem od": "valid_from"}
COLUMN_LABELS = {
    "first_name": "Jméno", "last_name": "Příjmení", "title_before": "Titul", "title_after": "Titul za jménem",
    "organisation": "Organizace", "email": "E-mail", "phone": "Telefon", "triad_role": "Role v triádě",
    "group": "Skupina", "role": "Role ve skupině", "valid_from": "Členem od",
}
_TRIAD_BY_WORD = {fold(label): role for role, label in TRIAD_LABELS.items()} | {
    "uzivatele": TriadRole.USER, "verejnost": TriadRole.PUBLIC, "obec": TriadRole.COMMISSIONER}
_ROLE_BY_WORD = {fold(label): role for role, label in ROLE_LABELS.items()} | {
    "manazer": MembershipRole.LEADER, "manazerka": MembershipRole.LEADER, "vedouci skupiny": MembershipRole.LEADER,
    "koordinatorka": MembershipRole.COORDINATOR, "clenka": MembershipRole.MEMBER,
    "zapisovatelka": MembershipRole.MINUTE_TAKER}


@dataclass
class PersonRow:
    """One row as read: the person's values (only what the sheet filled) and the seat asked for."""

    row: int
    values: dict[str, object]
    group: str = ""
    role: MembershipRole | None = None
    valid_from: dt.date | None = None


@dataclass
class PersonPlan:
    rows: list[int]
    record: PersonRecord     # as it will be saved
    action: Action
    changes: list[str] = field(default_factory=list)   # "E-mail: „a“ → „b“"
    sheet_values: dict[str, object] = field(default_factory=dict, repr=False)   # what the file's rows say

    @property
    def label(self) -> str:
        return self.record.display_name + (f" ({self.record.organisation})" if self.record.organisation else "")


@dataclass
class MembershipPlan:
    row: int
    person: PersonPlan = field(repr=False)
    group_id: int = 0
    group_name: str = ""
    role: MembershipRole = MembershipRole.MEMBER
    valid_from: dt.date | None = None
    action: Action = Action.ADD
    existing_id: int | None = None


@dataclass
class PeoplePreview(RowsPreview):
    """What the import would do; shown by the dialog, printed by --dry-run, asserted by tests."""

    source: Path
    row_count: int
    persons: list[PersonPlan]
    memberships: list[MembershipPlan]
    problems: list[RowProblem]
    ignored_columns: list[str]
    rows: list[PersonRow] = field(repr=False, default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any(p.action is not Action.SAME for p in [*self.persons, *self.memberships])

    def summary(self) -> list[str]:
        lines = [f"Soubor {self.source.name} – řádků s daty: {self.row_count}",
                 f"Osoby – nové: {self.count(self.persons, Action.ADD)}, změněné: "
                 f"{self.count(self.persons, Action.CHANGE)}, beze změny: {self.count(self.persons, Action.SAME)}",
                 f"Členství ve skupinách – nová: {self.count(self.memberships, Action.ADD)}, změněná: "
                 f"{self.count(self.memberships, Action.CHANGE)}, beze změny: "
                 f"{self.count(self.memberships, Action.SAME)}",
                 f"Chybné řádky: {len(self.bad_rows)}"]
        if self.ignored_columns:
            lines.append("Neznámé sloupce (přeskočeny): " + ", ".join(self.ignored_columns))
        return lines

    def details(self) -> list[str]:
        """Every addition, change and bad row, one line each (for --dry-run and the dialog)."""
        lines = []
        for plan in self.persons:
            where = "řádek " + ", ".join(str(r) for r in plan.rows)
            if plan.action is Action.ADD:
                lines.append(f"Přibude osoba {plan.label} – {where}")
            lines.extend(f"Změní se osoba {plan.label} – {where}: {change}" for change in plan.changes)
        for m in self.memberships:
            if m.action is Action.ADD:
                lines.append(f"Přibude člen skupiny „{m.group_name}“: {m.person.record.display_name} "
                             f"({ROLE_LABELS[m.role]}) – řádek {m.row}")
            elif m.action is Action.CHANGE:
                lines.append(f"Změní se role ve skupině „{m.group_name}“: {m.person.record.display_name} "
                             f"→ {ROLE_LABELS[m.role]} – řádek {m.row}")
        lines.extend(str(p) for p in self.problems)
        return lines


# The template's columns with what to fill in and an example (sheet "Návod").
TEMPLATE_COLUMNS = {
    "Jméno": ("Křestní jméno.", "Jana"),
    "Příjmení": ("Povinné.", "Nováková"),
    "Titul": ("Titul před jménem.", "Mgr."),
    "Titul za jménem": ("", "DiS."),
    "Organizace": ("Kde osoba pracuje nebo koho zastupuje.", "Oblastní charita Lipová nad Sázavou"),
    "E-mail": ("Podle e-mailu se osoba pozná při dalším importu.", "jana.novakova@charita.cz"),
    "Telefon": ("9 číslic, případně s +420.", "731 000 141"),
    "Role v triádě": ("zadavatel, poskytovatel, uživatel nebo veřejnost.", "poskytovatel"),
    "Skupina": ("Název nebo zkratka existující skupiny; prázdné = bez členství.", "PS Senioři"),
    "Role ve skupině": ("vedoucí, koordinátor, člen, zapisovatel nebo host (host nehlasuje); "
                        "prázdné = člen.", "člen"),
    "Členem od": ("Datum začátku členství; prázdné = bez omezení.", "1. 3. 2026"),
}


def save_people_template(path: Path | str) -> None:
    """An empty list of persons to fill in: .xlsx with a guide sheet "Návod", or a .csv header."""
    # The spreadsheet writers sit beside db.meetings in the layers (see plan_people_import).
    from db.spreadsheet.files import SheetLayout, file_kind, write_csv, write_xlsx

    path = Path(path)
    header = list(TEMPLATE_COLUMNS)
    if file_kind(path) == "csv":
        write_csv(path, header, [])
        return
    guide = [["Sloupec", "Co vyplnit", "Příklad"], *([c, *TEMPLATE_COLUMNS[c]] for c in header), [],
             ["Import", "Jeden řádek = jedna osoba a nejvýše jedno členství; osobu ve dvou skupinách uveďte na "
                        "dvou řádcích. Před uložením aplikace ukáže, co přibude a co se změní, a vypíše chybné "
                        "řádky s důvodem; dokud v souboru nějaká chyba je, neuloží se nic.", ""]]
    layout = SheetLayout(widths={"Organizace": 40, "E-mail": 30, "Role ve skupině": 18},
                         text_columns=("Telefon",), date_columns=("Členem od",))
    write_xlsx(path, "Osoby", header, [], layout, {"Návod": guide})


def _refusal(problems: list[RowProblem]) -> UserError:
    return UserError(bad_rows_message(problems, len({p.row for p in problems}), FIX_AND_RELOAD))


@dataclass
class PeopleImportResult:
    persons_added: int = 0
    persons_changed: int = 0
    memberships_added: int = 0
    memberships_changed: int = 0
    backup: Path | None = None

    def message(self) -> str:
        return (f"Osoby – přidáno {self.persons_added}, změněno {self.persons_changed}; členství ve skupinách – "
                f"přidáno {self.memberships_added}, změněno {self.memberships_changed}.")


# -- reading -----------------------------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)   # a phone number typed into Excel becomes a number
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.day}. {value.month}. {value.year}"
    return normalize_text(str(value))


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).replace(" ", "")
    if not text:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    raise ValueError(text)


def _read_rows(table) -> tuple[list[PersonRow], list[RowProblem], list[str]]:
    columns: dict[int, str] = {}
    ignored = []
    for index, name in enumerate(table.header):
        key = fold(normalize_text(name))
        target = _PERSON_COLUMNS.get(key) or _OTHER_COLUMNS.get(key)
        if target and target not in columns.values():
            columns[index] = target
        elif name.strip():
            ignored.append(name.strip())
    rows, problems = [], []
    for number, cells in table.rows:
        cells = list(cells) + [None] * (len(table.header) - len(cells))
        if all(_text(c) == "" for c in cells):
            continue
        row = PersonRow(number, {})
        for index, target in columns.items():
            value = cells[index]
            label = COLUMN_LABELS[target]
            text = _text(value)
            if not text:
                continue
            if target == "triad_role":
                role = _TRIAD_BY_WORD.get(fold(text))
                if role is None:
                    problems.append(RowProblem(number, label, f"„{text}“ není role v triádě; zadejte zadavatel, "
                                                              "poskytovatel, uživatel nebo veřejnost."))
                row.values["triad_role"] = role
            elif target == "role":
                row.role = _ROLE_BY_WORD.get(fold(text))
                if row.role is None:
                    problems.append(RowProblem(number, label, f"„{text}“ není role ve skupině; zadejte vedoucí, "
                                                              "koordinátor, člen, zapisovatel nebo host."))
            elif target == "group":
                row.group = text
            elif target == "valid_from":
                try:
                    row.valid_from = _date(value)
                except ValueError:
                    problems.append(RowProblem(number, label, f"„{text}“ není datum (zadejte např. 1. 3. 2026)."))
            else:
                row.values[target] = text
        if row.role is not None and not row.group:
            problems.append(RowProblem(number, COLUMN_LABELS["group"], "Role ve skupině je vyplněna, "
                                                                      "ale skupina ne."))
        rows.append(row)
    return rows, problems, ignored


def plan_people_import(db: Database, path: Path | str) -> PeoplePreview:
    """Read the file and compare it with the persons and groups in the database; writes nothing.

    Raises UserError when the file cannot be read or has no "Příjmení" column."""
    # db.spreadsheet sits beside db.meetings in the layers; its file reader is shared, so it is
    # imported when an import runs rather than when the module loads.
    from db.spreadsheet.files import read_table

    path = Path(path)
    table = read_table(path, HEADER_MARKER)
    if not any(fold(h) == fold(HEADER_MARKER) for h in table.header):
        raise UserError(f"Soubor „{path.name}“ nemá v prvním řádku sloupec „{HEADER_MARKER}“.")
    rows, problems, ignored = _read_rows(table)
    with db.session() as session:
        persons, memberships, match_problems = _Planner(session).plan(rows)
    all_problems = sorted([*problems, *match_problems], key=lambda p: p.row)
    row_count = len({*(r.row for r in rows)})
    return PeoplePreview(path, row_count, persons, memberships, all_problems, ignored, rows)


# -- matching ----------------------------------------------------------------------------------------
def _name_key(values: dict | PersonRecord) -> str:
    get = values.get if isinstance(values, dict) else lambda k, d="": getattr(values, k)
    return fold(f"{get('first_name', '')} {get('last_name', '')}").strip()


class _Planner:
    def __init__(self, session: Session):
        self.session = session
        self.people = session.scalars(select(Person)).all()
        self.groups = session.scalars(select(WorkingGroup)).all()
        self.memberships = session.scalars(select(Membership)).all()
        self.seats: dict[int, tuple[int, int]] = {}   # row → (person plan, group) asked for in the file
        # An organisation named exactly as a provider of the directory links the person to it.
        self.providers = {fold(name): provider_id for provider_id, name in session.execute(
            select(Provider.id, Provider.name))}

    def _find_person(self, values: dict) -> tuple[Person | None, str]:
        email = fold(str(values.get("email", "")))
        if email:
            for p in self.people:
                if email in (fold(e.strip()) for e in p.email.replace(",", ";").split(";")):
                    return p, ""
        same_name = [p for p in self.people if fold(f"{p.first_name} {p.last_name}").strip() == _name_key(values)]
        if len(same_name) > 1 and values.get("organisation"):
            same_name = [p for p in same_name if fold(p.organisation) == fold(str(values["organisation"]))]
        if len(same_name) > 1:
            name = person_name("", str(values.get("first_name", "")), str(values.get("last_name", "")))
            return None, (f"V evidenci je více osob jménem {name}; doplňte e-mail nebo organizaci, podle nichž "
                          "je rozlišíte.")
        return (same_name[0] if same_name else None), ""

    def _find_group(self, text: str) -> WorkingGroup | None:
        key = fold(text)
        return next((g for g in self.groups if key in (fold(g.name), fold(g.short_name))), None)

    def plan(self, rows: list[PersonRow]):
        problems: list[RowProblem] = []
        plans: dict[object, PersonPlan] = {}
        memberships: list[MembershipPlan] = []
        for row in rows:
            if not str(row.values.get("last_name", "")).strip():
                problems.append(RowProblem(row.row, COLUMN_LABELS["last_name"], "Vyplňte příjmení."))
                continue
            existing, ambiguity = self._find_person(row.values)
            if ambiguity:
                problems.append(RowProblem(row.row, COLUMN_LABELS["last_name"], ambiguity))
                continue
            key = ("id", existing.id) if existing else self._new_key(plans, row.values)
            plan = plans.get(key)
            if plan is None:
                plan = self._person_plan(row, existing)
                plans[key] = plan
            else:
                conflict = self._merge(plan, row)
                if conflict:
                    problems.append(RowProblem(row.row, conflict[0], conflict[1]))
                    continue
            for problem in person_problems(plan.record):
                column = COLUMN_LABELS.get(problem.field, PERSON_LABELS.get(problem.field, problem.label))
                problems.append(RowProblem(row.row, column, problem.message))
            if row.group:
                membership = self._membership_plan(row, plan, existing, problems)
                if membership is not None:
                    memberships.append(membership)
        return list(plans.values()), memberships, problems

    @staticmethod
    def _new_key(plans: dict, values: dict) -> tuple:
        """The same new person on several rows: same e-mail, or same name where one row has no e-mail."""
        email = fold(str(values.get("email") or ""))
        for key, plan in plans.items():
            if key[0] != "new":
                continue
            other = fold(str(plan.sheet_values.get("email") or ""))
            if email and other:
                if email == other:
                    return key
            elif _name_key(plan.sheet_values) == _name_key(values):
                return key
        return ("new", len(plans))

    def _person_plan(self, row: PersonRow, existing: Person | None) -> PersonPlan:
        values = {k: v for k, v in row.values.items() if v is not None}
        if "phone" in values:
            values["phone"] = format_phones(str(values["phone"]))
        if existing is None:
            record = PersonRecord(**values)
            record.provider_id = self.providers.get(fold(record.organisation))
            return PersonPlan([row.row], record, Action.ADD, sheet_values=values)
        record = PersonRecord(
            id=existing.id, title_before=existing.title_before, first_name=existing.first_name,
            last_name=existing.last_name, title_after=existing.title_after, organisation=existing.organisation,
            provider_id=existing.provider_id, triad_role=existing.triad_role, email=existing.email,
            phone=existing.phone, note=existing.note, consent_on=existing.consent_on, active=existing.active)
        plan = PersonPlan([row.row], record, Action.SAME, sheet_values=values)
        for name, value in values.items():
            old = getattr(record, name)
            if old == value or (name == "phone" and format_phones(old) == value):
                continue
            label = COLUMN_LABELS[name]
            plan.changes.append(f"{label}: „{TRIAD_LABELS.get(old, old)}“ → „{TRIAD_LABELS.get(value, value)}“")
            setattr(record, name, value)
            plan.action = Action.CHANGE
        if "organisation" in values and fold(record.organisation) != fold(existing.organisation):
            record.provider_id = self.providers.get(fold(record.organisation))
        return plan

    def _merge(self, plan: PersonPlan, row: PersonRow) -> tuple[str, str] | None:
        """A further row of the same person (another group): what it fills must agree with earlier rows."""
        values = {k: v for k, v in row.values.items() if v is not None}
        if "phone" in values:
            values["phone"] = format_phones(str(values["phone"]))
        for name, value in values.items():
            earlier = plan.sheet_values.get(name)
            if earlier is not None and fold(str(earlier)) != fold(str(value)):
                return COLUMN_LABELS[name], (f"Osoba je už na řádku {plan.rows[0]} s jinou hodnotou "
                                             f"(„{TRIAD_LABELS.get(earlier, earlier)}“).")
        plan.rows.append(row.row)
        for name, value in values.items():
            if name not in plan.sheet_values:
                plan.sheet_values[name] = value
                old = getattr(plan.record, name)
                if old != value and plan.action is not Action.ADD:
                    plan.changes.append(f"{COLUMN_LABELS[name]}: „{TRIAD_LABELS.get(old, old)}“ → "
                                        f"„{TRIAD_LABELS.get(value, value)}“")
                    plan.action = Action.CHANGE
                setattr(plan.record, name, value)
        return None

    def _membership_plan(self, row: PersonRow, plan: PersonPlan, existing: Person | None,
                         problems: list[RowProblem]) -> MembershipPlan | None:
        group = self._find_group(row.group)
        if group is None:
            problems.append(RowProblem(row.row, COLUMN_LABELS["group"],
                                       f"Skupina „{row.group}“ v evidenci není. Založte ji nejdřív na záložce "
                                       "Pracovní skupiny, nebo opravte její název."))
            return None
        if any(r != row.row and seat == (id(plan), group.id) for r, seat in self.seats.items()):
            problems.append(RowProblem(row.row, COLUMN_LABELS["group"],
                                       f"Osoba je ve skupině „{group.name}“ uvedena už na jiném řádku."))
            return None
        self.seats[row.row] = (id(plan), group.id)
        role = row.role or MembershipRole.MEMBER
        membership = MembershipPlan(row.row, plan, group.id, group.name, role, row.valid_from)
        if existing is not None:
            today = dt.date.today()
            current = next((m for m in self.memberships if m.person_id == existing.id and m.group_id == group.id
                            and membership_valid_on(m.valid_from, m.valid_to, row.valid_from or today)), None)
            if current is not None:
                membership.existing_id = current.id
                membership.action = Action.SAME if row.role is None or current.role is role else Action.CHANGE
                membership.role = role if row.role is not None else current.role
            else:
                seats = [m for m in self.memberships if m.person_id == existing.id and m.group_id == group.id]
                start = membership.valid_from
                if start is None and seats:
                    # Coming back after a seat ended: the new seat starts today at the earliest.
                    start = max(today, *(m.valid_to + dt.timedelta(days=1) for m in seats if m.valid_to))
                clash = next((m for m in seats if m.valid_to is None or m.valid_to >= start), None)
                if clash is not None:
                    problems.append(RowProblem(row.row, COLUMN_LABELS["valid_from"], (
                        f"Osoba už má ve skupině „{group.name}“ členství "
                        f"{_span(clash.valid_from, clash.valid_to)}; nové by se s ním překrývalo.")))
                    return None
                membership.valid_from = start
        return membership


def _span(valid_from: dt.date | None, valid_to: dt.date | None) -> str:
    parts = ([f"od {_text(valid_from)}"] if valid_from else []) + ([f"do {_text(valid_to)}"] if valid_to else [])
    return " ".join(parts) or "bez omezení"


# -- applying ----------------------------------------------------------------------------------------
def apply_people_import(db: Database, preview: PeoplePreview) -> PeopleImportResult:
    """Write the previewed file in one transaction after an automatic backup; with any bad row nothing
    is written (UserError listing them). The rows are matched again inside the transaction, so a
    person edited since the preview is not overwritten blindly."""
    if preview.problems:
        raise _refusal(preview.problems)
    result = PeopleImportResult()
    if not preview.has_changes:
        return result
    result.backup = db.auto_backup("pred-importem")
    user, now = current_user(), now_to_the_second()
    with db.session() as session, session.begin():
        persons, memberships, problems = _Planner(session).plan(preview.rows)
        if problems:
            raise _refusal(problems)
        ids: dict[int, int] = {}
        for plan in persons:
            if plan.action is Action.SAME:
                ids[id(plan)] = plan.record.id
                continue
            person = Person() if plan.record.id is None else session.get(Person, plan.record.id)
            for name in ("title_before", "first_name", "last_name", "title_after", "organisation", "provider_id",
                         "triad_role", "email", "phone", "note", "consent_on", "active"):
                setattr(person, name, getattr(plan.record, name))
            person.changed_by, person.changed_at = user, now
            session.add(person)
            session.flush()
            ids[id(plan)] = person.id
            if plan.action is Action.ADD:
                result.persons_added += 1
            else:
                result.persons_changed += 1
        for m in memberships:
            if m.action is Action.SAME:
                continue
            if m.action is Action.CHANGE:
                row = session.get(Membership, m.existing_id)
                row.role = m.role
                row.voting = row.voting and m.role is not MembershipRole.GUEST
                result.memberships_changed += 1
            else:
                session.add(Membership(group_id=m.group_id, person_id=ids[id(m.person)], role=m.role,
                                       voting=m.role is not MembershipRole.GUEST, valid_from=m.valid_from))
                result.memberships_added += 1
    return result
