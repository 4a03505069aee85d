"""`transfer`: a whole database copied between a SQLite file and a PostgreSQL server (either way)."""
from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import add_command, database_target
from db.database import open_database
from db.errors import DatabaseRefused
from db.transfer import copy_all, user_data_counts


def register(subparsers) -> None:
    p = add_command(subparsers, "transfer",
                    "zkopíruje celou databázi ze souboru na server nebo ze serveru do souboru a porovná "
                    "počty řádků a kontrolní součty všech tabulek", cmd_transfer)
    p.add_argument("source", type=database_target, metavar="ZDROJ",
                   help="soubor databáze, nebo postgresql://uživatel@server:5432/databáze")
    p.add_argument("target", type=database_target, metavar="CÍL",
                   help="soubor databáze (vznikne), nebo databáze na serveru (prázdná, nebo viz --nahradit)")
    p.add_argument("--nahradit", dest="replace", action="store_true",
                   help="nahradí data, která už cíl obsahuje (předtím je zálohuje)")


def cmd_transfer(args: argparse.Namespace) -> int:
    source_target, target_target = args.source, args.target
    if isinstance(source_target, Path):
        source_target = source_target.expanduser().resolve()
        if not source_target.is_file():
            raise DatabaseRefused(f"Zdrojová databáze „{source_target}“ neexistuje.")
    if isinstance(target_target, Path):
        target_target = target_target.expanduser().resolve()
        if source_target == target_target:
            raise DatabaseRefused("Zdroj a cíl přenosu jsou tentýž soubor.")
    source = open_database(source_target, daily_backup=False)
    try:
        target = open_database(target_target, daily_backup=False)
        try:
            if args.replace and user_data_counts(target):
                saved = target.auto_backup("pred-prenosem")
                if saved is not None:
                    print(f"Dosavadní data cíle zálohována: {saved}")
            checks = copy_all(source, target, replace=args.replace)
            print(f"Přeneseno z {source.location} do {target.location}:")
            for check in checks:
                if check.source_rows:
                    print(f"  {check.table}: {check.target_rows} řádků, kontrolní součet souhlasí")
            print(f"Všech {len(checks)} tabulek se shoduje v počtu řádků i kontrolním součtu.")
        finally:
            target.close()
    finally:
        source.close()
    return 0
