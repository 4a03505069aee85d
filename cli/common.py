"""Helpers shared by subcommands."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from db.database import Database, open_database
from db.errors import UserError
from db.paths import default_db_path, is_server_url

P = TypeVar("P")  # an import's preview


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


@contextmanager
def opened_db(args: argparse.Namespace, *, empty_ok: bool = False) -> Iterator[Database]:
    """open_db for the length of a `with` block; the database is closed however the block ends."""
    db = open_db(args, empty_ok=empty_ok)
    try:
        yield db
    finally:
        db.close()


def run_import(args: argparse.Namespace, plan: Callable[[Database, Path], P], apply: Callable[[Database, P], Any],
               *, advice: str | None, unchanged: str, notes: Callable[[P], Iterable[str]] = lambda _: ()) -> int:
    """The command every file import shares: `plan(db, args.file)` previews the file, its summary is
    printed, then every change (--dry-run) or only the bad rows, and `apply(db, preview)` saves it.

    The preview has summary(), details(), problems, bad_rows and has_changes; apply returns a result with
    message() and backup (a Path or None). A file with bad rows raises UserError ending with `advice`
    (Czech) before anything is saved; advice None saves the good rows instead. `unchanged` is printed
    when there is nothing to save; `notes(preview)` under the bad rows when not on a dry run (the details
    carry them there). Returns the exit code 0.
    """
    with opened_db(args) as db:
        preview = plan(db, args.file)
        for line in preview.summary():
            print(line)
        # Every change on a dry run; otherwise only what stops the import (the summary says the rest).
        for line in preview.details() if args.dry_run else [*map(str, preview.problems), *notes(preview)]:
            print(f"  {line}")
        if preview.problems and advice is not None:
            raise UserError(f"Soubor obsahuje chybné řádky ({len(preview.bad_rows)}); nic nebylo uloženo. {advice}")
        if args.dry_run or not preview.has_changes:
            print("Zkušební běh (--dry-run): nic nebylo uloženo." if args.dry_run else unchanged)
            return 0
        result = apply(db, preview)
    backup = f"\nZáloha před importem: {result.backup}" if result.backup is not None else ""
    print(f"Uloženo. {result.message()}{backup}")
    return 0


def add_command(subparsers, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="zobrazí nápovědu k příkazu")
    parser.set_defaults(handler=handler)
    return parser
