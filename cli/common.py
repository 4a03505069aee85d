"""Helpers shared by subcommands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db.database import Database, open_database
from db.paths import default_db_path, is_server_url


def database_target(value: str) -> Path | str:
    """--db: a postgresql://… address stays text, anything else is a file path."""
    return value.strip() if is_server_url(value) else Path(value)


def db_path(args: argparse.Namespace) -> Path | str:
    """The database the command works on: --db (a file or a server address) or the default file."""
    return args.db if args.db is not None else default_db_path()


def open_db(args: argparse.Namespace, *, empty_ok: bool = False) -> Database:
    """Open the database of --db (or the default one); what went wrong without stopping the work (a
    failed daily backup) is printed to stderr as a warning."""
    db = open_database(db_path(args), empty_ok=empty_ok)
    for warning in db.warnings:
        print(f"Upozornění: {warning}", file=sys.stderr)
    return db


def add_command(subparsers, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="zobrazí nápovědu k příkazu")
    parser.set_defaults(handler=handler)
    return parser
