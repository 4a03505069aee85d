"""Helpers shared by subcommands."""
from __future__ import annotations

import argparse
from pathlib import Path

from db.database import Database, open_database
from db.paths import default_db_path


def db_path(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else default_db_path()


def open_db(args: argparse.Namespace) -> Database:
    return open_database(db_path(args))


def add_command(subparsers, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="zobrazí nápovědu k příkazu")
    parser.set_defaults(handler=handler)
    return parser
