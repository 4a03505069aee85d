"""Subcommands about the database itself: info, backup, restore."""
from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import add_command, open_db, opened_db
from db.backup import auto_backups
from db.database import restore_database, table_counts
from db.errors import UserError

TABLE_LABELS = {
    "provider": "poskytovatelé",
    "service": "služby",
    "service_type": "druhy služeb",
    "target_group": "cílové skupiny",
    "provision_form": "formy poskytování",
    "capacity_unit": "jednotky kapacity",
    "legal_form": "právní formy",
    "related_service_category": "kategorie souvisejících služeb",
}


def register(subparsers) -> None:
    add_command(subparsers, "info", "vypíše cestu k databázi, verzi schématu a počty záznamů", cmd_info)
    p = add_command(subparsers, "backup", "uloží konzistentní zálohu databáze do souboru", cmd_backup)
    p.add_argument("out", type=Path, metavar="SOUBOR", help="cílový soubor zálohy")
    p = add_command(subparsers, "restore",
                    "obnoví databázi ze zálohy (současná data se předtím zálohují)", cmd_restore)
    p.add_argument("file", type=Path, metavar="SOUBOR", help="soubor zálohy")


def cmd_info(args: argparse.Namespace) -> int:
    with opened_db(args) as db:
        print(f"Databáze: {db.location if db.is_server else db.path}")
        print(f"Verze schématu: {db.schema_revision()}")
        counts = table_counts(db)
        print("Počty záznamů:")
        for table, label in TABLE_LABELS.items():
            print(f"  {label}: {counts.get(table, 0)}")
        backups = auto_backups(db.path)
        print(f"Automatické zálohy: {len(backups)}" + (f" (nejnovější {backups[0].name})" if backups else ""))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    out: Path = args.out.expanduser().resolve()
    if out.is_dir():
        raise UserError(f"„{out}“ je složka; zadejte název souboru zálohy.")
    with opened_db(args) as db:
        db.backup_to(out)
    print(f"Záloha uložena: {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    db = open_db(args, empty_ok=True)  # an emptied database is what a restore repairs
    try:
        db = restore_database(db, args.file)
        print(f"Databáze {db.location if db.is_server else db.path} obnovena ze zálohy {args.file.resolve()}.")
    finally:
        db.close()
    return 0
