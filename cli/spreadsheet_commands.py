"""Subcommands for exchanging the directory with Excel (XLSX, CSV) and for the demo data."""
from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import add_command, open_db
from db.directory.demo import load_demo
from db.errors import UserError
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
                "nahraje ukázkový adresář smyšleného města Lipová nad Sázavou (jen do prázdné databáze)", cmd_demo)


def cmd_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        preview = plan_import(db, args.file)
        for line in preview.summary():
            print(line)
        if args.dry_run:
            for line in preview.details():
                print(f"  {line}")
        else:
            for problem in preview.problems:
                print(f"  {problem}")
            for warning in preview.warnings:
                print(f"  Upozornění – {warning}")
        if preview.problems and not args.skip_invalid:
            raise UserError(f"Soubor obsahuje chybné řádky ({len(preview.bad_rows)}); nic nebylo uloženo. "
                            "Opravte je, nebo použijte volbu --skip-invalid.")
        if args.dry_run:
            print("Zkušební běh (--dry-run): nic nebylo uloženo.")
            return 0
        if not preview.has_changes:
            print("Tabulka se shoduje s adresářem, není co uložit.")
            return 0
        result = apply_import(db, preview, skip_invalid=args.skip_invalid)
        print(f"Uloženo. {result.message()}")
        if result.backup is not None:
            print(f"Záloha před importem: {result.backup}")
    finally:
        db.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        rows = export_directory(db, args.file)
    finally:
        db.close()
    print(f"Adresář uložen do {args.file.resolve()} (řádků: {rows}).")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    save_template(args.file)
    print(f"Šablona uložena do {args.file.resolve()}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        summary = load_demo(db)
    finally:
        db.close()
    print(summary.message())
    return 0
