"""Subcommands for exchanging the directory with Excel (XLSX, CSV) and for the demo data."""
from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import add_command, opened_db, run_import
from db.directory.demo import load_demo
from db.meetings.demo import load_meetings_demo
from db.plan.demo import load_plan_demo
from db.spreadsheet import apply_import, export_directory, plan_import, save_template


def register(subparsers) -> None:
    p = add_command(subparsers, "import-xlsx",
                    "načte poskytovatele a služby z tabulky .xlsx nebo .csv (nejprve vypíše přehled změn)",
                    cmd_import)
    p.add_argument("file", type=Path, metavar="SOUBOR", help="tabulka .xlsx nebo .csv se sloupci podle šablony")
    p.add_argument("--skip-invalid", action="store_true",
                   help="chybné řádky přeskočí a uloží ostatní (bez volby se při chybě neuloží nic)")
    p.add_argument("--dry-run", action="store_true", help="jen vypíše, co by se přidalo a změnilo; nic neuloží")
    p = add_command(subparsers, "export-xlsx", "uloží adresář poskytovatelů do tabulky .xlsx nebo .csv", cmd_export)
    p.add_argument("file", type=Path, metavar="SOUBOR", help="cílový soubor .xlsx nebo .csv")
    p = add_command(subparsers, "template", "uloží prázdnou šablonu tabulky pro import (.xlsx s návodem, nebo .csv)",
                    cmd_template)
    p.add_argument("file", type=Path, metavar="SOUBOR", help="cílový soubor .xlsx nebo .csv")
    add_command(subparsers, "demo",
                "nahraje ukázkový adresář a pracovní skupiny smyšleného města Lipová nad Sázavou (jen do prázdné databáze)", cmd_demo)


def cmd_import(args: argparse.Namespace) -> int:
    return run_import(
        args, plan_import, lambda db, preview: apply_import(db, preview, skip_invalid=args.skip_invalid),
        advice=None if args.skip_invalid else "Opravte je, nebo použijte volbu --skip-invalid.",
        unchanged="Tabulka se shoduje s adresářem, není co uložit.",
        notes=lambda preview: [f"Upozornění – {warning}" for warning in preview.warnings])

def cmd_export(args: argparse.Namespace) -> int:
    with opened_db(args) as db:
        rows = export_directory(db, args.file)
    print(f"Adresář uložen do {args.file.resolve()} (řádků: {rows}).")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    save_template(args.file)
    print(f"Šablona uložena do {args.file.resolve()}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    with opened_db(args) as db:
        summary = load_demo(db)
        groups = load_meetings_demo(db)
        # The plans link to the demo directory and working groups, so they load after them.
        plans = load_plan_demo(db)
    print(summary.message())
    print(groups.message())
    print(plans.message())
    return 0
