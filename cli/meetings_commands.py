"""Subcommands of the working groups: `groups`, `meeting`, `tasks`, `resolutions`, `people`.

The documents are made by the builders in printing/meetings (the same the window's preview uses);
an output file is written whole or not at all. Exit codes as elsewhere: 0 done, 1 a Czech error
message on stderr, 2 wrong arguments. The builders are imported by the commands that print, so the
lists start without loading ReportLab.
"""
from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from cli.common import add_command, opened_db, run_import
from db.errors import UserError
from db.meetings import queries
from db.meetings.models import TaskState
from db.meetings.people_import import apply_people_import, plan_people_import, save_people_template
from db.meetings.records import KIND_LABELS, MEETING_STATE_LABELS, TASK_STATE_LABELS

T = TypeVar("T")


def _subgroup(subparsers, name: str, help_text: str):
    parser = add_command(subparsers, name, help_text, None)
    parser.set_defaults(handler=lambda args: _missing_action(parser))
    # type(parser): the Czech parser class of cli.main, without importing the entry point.
    return parser, parser.add_subparsers(dest=f"{name}_action", metavar="AKCE", title="akce",
                                         parser_class=type(parser))


def _missing_action(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def register(subparsers) -> None:
    _, groups = _subgroup(subparsers, "groups", "pracovní skupiny: výpis")
    add_command(groups, "list", "vypíše skupiny s počty členů, příštím jednáním a otevřenými úkoly", cmd_groups_list)

    _, meeting = _subgroup(subparsers, "meeting", "jednání skupin: výpis, pozvánka, prezenční listina, zápis")
    p = add_command(meeting, "list", "vypíše jednání (nejnovější první)", cmd_meeting_list)
    p.add_argument("--group", metavar="SKUPINA", help="jen jednání skupiny (název, zkratka nebo číslo)")
    p.add_argument("--year", type=int, metavar="ROK", help="jen jednání v daném roce")
    p = add_command(meeting, "invitation", "uloží pozvánku (PDF), případně i událost .ics a e-mail .eml",
                    cmd_invitation)
    p.add_argument("id", type=int, metavar="ID", help="číslo jednání z výpisu „meeting list“")
    p.add_argument("--out", type=Path, required=True, metavar="SOUBOR.pdf", help="cílový soubor PDF")
    p.add_argument("--ics", type=Path, metavar="SOUBOR.ics", help="uloží i událost do kalendáře (.ics)")
    p.add_argument("--eml", type=Path, metavar="SOUBOR.eml",
                   help="uloží i e-mail členům s pozvánkou a událostí v příloze (.eml, aplikace nic neodesílá)")
    p = add_command(meeting, "attendance-sheet", "uloží prezenční listinu k podpisu (PDF)", cmd_attendance_sheet)
    p.add_argument("id", type=int, metavar="ID", help="číslo jednání z výpisu „meeting list“")
    p.add_argument("--out", type=Path, required=True, metavar="SOUBOR.pdf", help="cílový soubor PDF")
    p = add_command(meeting, "minutes", "uloží zápis z jednání (PDF, nebo DOCX k dopsání ve Wordu)", cmd_minutes)
    p.add_argument("id", type=int, metavar="ID", help="číslo jednání z výpisu „meeting list“")
    p.add_argument("--out", type=Path, required=True, metavar="SOUBOR.pdf|.docx", help="cílový soubor PDF nebo DOCX")
    p.add_argument("--by-sheet", action="store_true",
                   help="přítomné neuvádí jménem, ale „dle prezenční listiny“ (zápis ke zveřejnění)")

    p = add_command(subparsers, "tasks", "úkoly skupin: výpis, nebo přehled do PDF či XLSX", cmd_tasks)
    p.add_argument("--open", action="store_true", help="jen otevřené úkoly (otevřený, trvá)")
    p.add_argument("--overdue", action="store_true", help="jen otevřené úkoly po termínu")
    p.add_argument("--group", metavar="SKUPINA", help="jen úkoly skupiny (název, zkratka nebo číslo)")
    p.add_argument("--out", type=Path, metavar="SOUBOR.pdf|.xlsx",
                   help="uloží přehled do PDF nebo XLSX (bez volby vypíše úkoly)")

    p = add_command(subparsers, "resolutions", "evidence usnesení: výpis, nebo do PDF či XLSX", cmd_resolutions)
    p.add_argument("--group", metavar="SKUPINA", help="jen usnesení skupiny (název, zkratka nebo číslo)")
    p.add_argument("--year", type=int, metavar="ROK", help="jen usnesení z jednání v daném roce")
    p.add_argument("--out", type=Path, metavar="SOUBOR.pdf|.xlsx",
                   help="uloží evidenci do PDF nebo XLSX (bez volby vypíše usnesení)")

    _, people = _subgroup(subparsers, "people", "osoby ve skupinách: import ze seznamu, šablona seznamu")
    p = add_command(people, "import", "načte osoby a jejich členství ze seznamu .xlsx nebo .csv "
                                      "(nejprve vypíše přehled změn)", cmd_people_import)
    p.add_argument("file", type=Path, metavar="SOUBOR",
                   help="tabulka se sloupci jméno, příjmení, titul, organizace, e-mail, telefon, role v triádě, "
                        "skupina, role ve skupině")
    p.add_argument("--dry-run", action="store_true", help="jen vypíše, co by se přidalo a změnilo; nic neuloží")
    p = add_command(people, "template", "uloží prázdný seznam osob k vyplnění (.xlsx s návodem, nebo .csv)",
                    cmd_people_template)
    p.add_argument("file", type=Path, metavar="SOUBOR", help="cílový soubor .xlsx nebo .csv")


# -- formatting ----------------------------------------------------------------------------------
def _date(day: dt.date | None) -> str:
    return f"{day.day}. {day.month}. {day.year}" if day else ""


def _print_table(header: list[str], rows: list[list[str]], none: str) -> int:
    """Plain columns for the console (the last one not padded), or `none` without rows; exit code 0."""
    if not rows:
        print(none)
        return 0
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(widths[i]) if i < len(header) - 1 else str(cell)
                        for i, cell in enumerate(row)).rstrip())
    return 0


def _output(path: Path, suffixes: tuple[str, ...]) -> Path:
    path = path.expanduser().resolve()
    if path.is_dir():
        raise UserError(f"„{path}“ je složka; zadejte název souboru.")
    if path.suffix.lower() not in suffixes:
        raise UserError(f"Soubor „{path.name}“ musí mít příponu {' nebo '.join(suffixes)}.")
    return path


@contextmanager
def _saving(what: str, path: Path) -> Iterator[None]:
    """Turns a failed write into a Czech message naming the file."""
    try:
        yield
    except OSError as exc:
        raise UserError(f"{what} se nepodařilo uložit do „{path}“: {exc.strerror or exc}") from exc


def _read_for_group(args: argparse.Namespace, read: Callable[[Session, int | None], T]) -> T:
    """`read(session, group id)` with the group of --group (None without it) in one session."""
    with opened_db(args) as db, db.session() as session:
        return read(session, queries.find_group(session, args.group).id if args.group else None)


def _save_overview(what: str, out: Path, data, write_xlsx, build_pdf) -> None:
    """`data` into `out` by the writer its suffix asks for (.xlsx, else PDF)."""
    with _saving(what, out):
        (write_xlsx if out.suffix.lower() == ".xlsx" else build_pdf)(data, out)


# -- groups and meetings -------------------------------------------------------------------------
def cmd_groups_list(args: argparse.Namespace) -> int:
    with opened_db(args) as db:
        rows = db.read(queries.list_groups)
    table = [[str(r.id), r.name, KIND_LABELS[r.kind], str(r.member_count), _date(r.next_meeting) or "–",
              str(r.open_task_count)] for r in rows]
    return _print_table(["ID", "Skupina", "Druh", "Členů", "Příští jednání", "Otevřené úkoly"], table,
                        "V databázi nejsou žádné pracovní skupiny.")


def cmd_meeting_list(args: argparse.Namespace) -> int:
    rows = _read_for_group(args, lambda session, group_id: queries.list_meetings(session, group_id, args.year))
    table = [[str(r.id), r.group_name, r.label, _date(r.date), r.starts_at, MEETING_STATE_LABELS[r.state],
              r.place] for r in rows]
    return _print_table(["ID", "Skupina", "Číslo", "Datum", "Začátek", "Stav", "Místo"], table,
                        "Žádná jednání neodpovídají zadání.")


def _meeting_document(args: argparse.Namespace):
    from printing.meetings.data import collect_meeting

    with opened_db(args) as db, db.session() as session:
        return collect_meeting(session, args.id)


def cmd_invitation(args: argparse.Namespace) -> int:
    from printing.meetings.ics import write_ics
    from printing.meetings.invitation import build_invitation
    from printing.meetings.message import write_eml

    out = _output(args.out, (".pdf",))
    ics = _output(args.ics, (".ics",)) if args.ics else None
    eml = _output(args.eml, (".eml",)) if args.eml else None
    doc = _meeting_document(args)
    with _saving("Pozvánku", out):
        pages = build_invitation(doc, out)
    print(f"Pozvánka uložena: {out} (stran: {pages}).")
    if ics is not None:
        with _saving("Událost", ics):
            write_ics(doc, ics)
        print(f"Událost do kalendáře uložena: {ics}")
    if eml is not None:
        with _saving("E-mail", eml):
            write_eml(doc, eml, out)
        print(f"E-mail s pozvánkou uložen: {eml} (otevřete jej v poštovním programu a odešlete).")
        missing = [p.name.replace("\u00a0", " ") for p in doc.members if not p.email.strip()]
        if missing:
            # The message reaches only those with an address: the clerk must invite the others otherwise.
            print(f"Bez e-mailu (pozvěte je telefonem nebo poštou): {', '.join(missing)}.")
    return 0


def cmd_attendance_sheet(args: argparse.Namespace) -> int:
    from printing.meetings.attendance import build_attendance_sheet

    out = _output(args.out, (".pdf",))
    doc = _meeting_document(args)
    with _saving("Prezenční listinu", out):
        pages = build_attendance_sheet(doc, out)
    print(f"Prezenční listina uložena: {out} (stran: {pages}).")
    return 0


def cmd_minutes(args: argparse.Namespace) -> int:
    out = _output(args.out, (".pdf", ".docx"))
    doc = _meeting_document(args)
    with _saving("Zápis", out):
        if out.suffix.lower() == ".docx":
            from printing.meetings.minutes_docx import build_minutes_docx

            build_minutes_docx(doc, out, attendance_by_sheet=args.by_sheet)
            print(f"Zápis uložen: {out}")
        else:
            from printing.meetings.minutes import build_minutes_pdf

            pages = build_minutes_pdf(doc, out, attendance_by_sheet=args.by_sheet)
            print(f"Zápis uložen: {out} (stran: {pages}).")
    return 0


# -- tasks ---------------------------------------------------------------------------------------
def cmd_tasks(args: argparse.Namespace) -> int:
    out = _output(args.out, (".pdf", ".xlsx")) if args.out else None
    today = dt.date.today()
    states = (TaskState.OPEN, TaskState.ONGOING) if args.open or args.overdue else ()
    overdue_on = today if args.overdue else None
    if out is None:
        return _print_tasks(_read_for_group(args, lambda session, group_id: queries.list_tasks(
            session, group_id, states or None, overdue_on=overdue_on, today=today)))
    from printing.meetings.data import collect_tasks
    from printing.meetings.overviews import build_task_overview, write_task_overview_xlsx

    overview = _read_for_group(
        args, lambda session, group_id: collect_tasks(session, group_id, states, overdue_on, today))
    _save_overview("Přehled úkolů", out, overview, write_task_overview_xlsx, build_task_overview)
    print(f"Přehled úkolů uložen: {out} (úkolů: {len(overview.tasks)}).")
    return 0


def _print_tasks(rows) -> int:
    table = [[r.group_name, r.meeting_label, r.description, r.responsible, _date(r.due_on),
              TASK_STATE_LABELS[r.state] + (" (po termínu)" if r.overdue else "")] for r in rows]
    return _print_table(["Skupina", "Jednání", "Úkol", "Kdo", "Termín", "Stav"], table,
                        "Žádné úkoly neodpovídají zadání.")


# -- resolutions ---------------------------------------------------------------------------------
def cmd_resolutions(args: argparse.Namespace) -> int:
    out = _output(args.out, (".pdf", ".xlsx")) if args.out else None
    if out is None:
        return _print_resolutions(_read_for_group(
            args, lambda session, group_id: queries.list_resolutions(session, group_id, args.year)))
    from printing.meetings.data import collect_resolutions
    from printing.meetings.overviews import build_resolution_register, write_resolution_register_xlsx

    register = _read_for_group(
        args, lambda session, group_id: collect_resolutions(session, group_id, args.year))
    _save_overview("Evidenci usnesení", out, register, write_resolution_register_xlsx, build_resolution_register)
    print(f"Evidence usnesení uložena: {out} (usnesení: {len(register.rows)}).")
    return 0


def _print_resolutions(rows) -> int:
    verdict = {True: "přijato", False: "nepřijato", None: "bez hlasování"}
    table = [[r.number, _date(r.date), verdict[r.adopted], r.text] for r in rows]
    return _print_table(["Číslo", "Datum", "Výsledek", "Text"], table, "Žádná usnesení neodpovídají zadání.")


# -- people --------------------------------------------------------------------------------------
def cmd_people_import(args: argparse.Namespace) -> int:
    return run_import(args, plan_people_import, apply_people_import, advice="Opravte je a spusťte import znovu.",
                      unchanged="Seznam se shoduje s evidencí, není co uložit.")

def cmd_people_template(args: argparse.Namespace) -> int:
    save_people_template(args.file)
    print(f"Šablona seznamu osob uložena do {args.file.resolve()}.")
    return 0
