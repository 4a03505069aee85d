"""Subcommands of the medium-term plan: list, Excel exchange, and the three documents."""
from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import select

from cli.common import add_command, opened_db, run_import
from db.database import Database
from db.errors import UserError
from db.meetings.models import WorkingGroup
from db.plan.exchange import export_plan
from db.plan.exchange_import import apply_plan_import, plan_import_preview
from db.plan.facts import get_plan
from db.plan.queries import list_plans
from printing.plan import build_action_plan, build_monitoring_report, build_plan_document
from printing.plan.data import action_plan_data, monitoring_data, plan_document_data


def register(subparsers) -> None:
    plan = add_command(subparsers, "plan", "střednědobý plán: výpis, výměna s Excelem a dokumenty", _no_subcommand)
    sub = plan.add_subparsers(dest="plan_command", metavar="AKCE", title="akce", parser_class=type(plan))
    add_command(sub, "list", "vypíše plány s jejich čísly (ID), obdobím, stavem a počtem aktivit", cmd_list)
    p = add_command(sub, "export", "uloží plán do sešitu .xlsx (strom, financování, indikátory, monitoring)",
                    cmd_export)
    p.add_argument("plan_id", type=int, metavar="ID", help="číslo plánu podle „plan list“")
    p.add_argument("--out", type=Path, required=True, metavar="SOUBOR", help="cílový sešit .xlsx")
    p.add_argument("--working-group", metavar="NÁZEV",
                   help="jen část plánu dané pracovní skupiny (její aktivity s prioritami a opatřeními nad nimi)")
    p = add_command(sub, "import", "načte plán ze sešitu .xlsx (nejprve vypíše přehled změn; "
                                   "při chybném řádku neuloží nic)", cmd_import)
    p.add_argument("file", type=Path, metavar="SOUBOR", help="sešit .xlsx vzniklý exportem plánu")
    p.add_argument("--dry-run", action="store_true", help="jen vypíše, co by se přidalo a změnilo; nic neuloží")
    p = add_command(sub, "document", "uloží strategickou část plánu do PDF", cmd_document)
    p.add_argument("plan_id", type=int, metavar="ID", help="číslo plánu podle „plan list“")
    p.add_argument("--out", type=Path, required=True, metavar="SOUBOR", help="cílový soubor .pdf")
    for name, help_text, handler in (
            ("report", "uloží vyhodnocení plnění za rok do PDF", cmd_report),
            ("action-plan", "uloží akční plán na rok do PDF", cmd_action_plan)):
        p = add_command(sub, name, help_text, handler)
        p.add_argument("plan_id", type=int, metavar="ID", help="číslo plánu podle „plan list“")
        p.add_argument("--year", type=int, required=True, metavar="ROK", help="rok v období plánu")
        p.add_argument("--out", type=Path, required=True, metavar="SOUBOR", help="cílový soubor .pdf")


def _no_subcommand(args: argparse.Namespace) -> int:
    raise UserError("Zadejte akci: plan list | export | import | document | report | action-plan "
                    "(podrobnosti: plan --help).")


def cmd_list(args: argparse.Namespace) -> int:
    with opened_db(args) as db:
        plans = db.read(list_plans)
    if not plans:
        print("V databázi není žádný plán.")
        return 0
    print(f"{'ID':>4}  {'období':<10} {'stav':<10} {'aktivit':>7}  název")
    for plan in plans:
        print(f"{plan.id:>4}  {plan.period:<10} {plan.state_label:<10} {plan.activities:>7}  {plan.name}")
    return 0


def _working_group_id(db: Database, name: str | None) -> int | None:
    if not name:
        return None
    found = db.read(lambda s: s.scalar(select(WorkingGroup.id).where(WorkingGroup.name == name.strip())))
    if found is None:
        raise UserError(f"Pracovní skupina „{name}“ v databázi není.")
    return found


def cmd_export(args: argparse.Namespace) -> int:
    with opened_db(args) as db:
        name = db.read(lambda s: get_plan(s, args.plan_id).name)
        count = export_plan(db, args.plan_id, args.out, _working_group_id(db, args.working_group))
    print(f"Plán „{name}“ uložen do {args.out.resolve()} (položek stromu: {count}).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    return run_import(args, plan_import_preview, apply_plan_import, advice="Opravte je a načtěte soubor znovu.",
                      unchanged="Sešit se shoduje s plánem v databázi, není co uložit.")

def _document(args: argparse.Namespace, collect, build, label: str) -> int:
    out: Path = args.out.expanduser().resolve()
    if out.suffix.lower() != ".pdf":
        raise UserError(f"Dokument se ukládá do souboru .pdf, ne do „{out.name}“.")
    with opened_db(args) as db:
        plan = db.read(get_plan, args.plan_id)
        year = getattr(args, "year", None)
        if year is not None and not plan.year_from <= year <= plan.year_to:
            raise UserError(f"Rok {year} nepatří do období plánu {plan.year_from}–{plan.year_to}.")
        pages = build(db.read(collect), out)
    print(f"{label}: uloženo do {out} (stran: {pages}).")
    return 0


def cmd_document(args: argparse.Namespace) -> int:
    return _document(args, lambda s: plan_document_data(s, args.plan_id), build_plan_document,
                     "Strategická část plánu")


def cmd_report(args: argparse.Namespace) -> int:
    return _document(args, lambda s: monitoring_data(s, args.plan_id, args.year), build_monitoring_report,
                     f"Vyhodnocení plnění za rok {args.year}")


def cmd_action_plan(args: argparse.Namespace) -> int:
    return _document(args, lambda s: action_plan_data(s, args.plan_id, args.year), build_action_plan,
                     f"Akční plán na rok {args.year}")
