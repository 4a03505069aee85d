"""Entry point: parses the command line and runs a subcommand or the window."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from cli import (
    booklet_commands, core_commands, meetings_commands, plan_commands, registry_commands, spreadsheet_commands,
    transfer_commands,
)
from cli.common import database_target, db_path
from cli.qt_check import import_problem, window_problem
from db.errors import UserError, describe_failure
from db.logs import log_path, setup_logging

log = logging.getLogger(__name__)

# Each module adds its subcommands through register(subparsers); later features add theirs here.
COMMAND_MODULES = [core_commands, spreadsheet_commands, registry_commands, booklet_commands, meetings_commands,
                   plan_commands, transfer_commands]


# argparse looks its messages up through gettext at run time; Czech has no catalogue there, so the
# messages a clerk can meet are translated here.
_ARGPARSE_CZECH = {
    "unrecognized arguments: %s": "neznámé argumenty: %s",
    "the following arguments are required: %s": "chybí povinné argumenty: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "neplatná volba: %(value)r (možnosti: %(choices)s)",
    "expected one argument": "očekává jeden argument",
    "expected at least one argument": "očekává alespoň jeden argument",
    "invalid %(type)s value: %(value)r": "neplatná hodnota: %(value)r",
    "not allowed with argument %s": "nelze použít spolu s %s",
    "one of the arguments %s is required": "je třeba zadat jeden z argumentů %s",
    "ambiguous option: %(option)s could match %(matches)s": "nejednoznačná volba %(option)s: %(matches)s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
}
argparse._ = lambda message: _ARGPARSE_CZECH.get(message, message)


class CzechHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "použití: ")


class CzechArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", CzechHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenty"
        self._optionals.title = "volby"

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: chyba: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = CzechArgumentParser(
        prog="komunitni-plan",
        description="Komunitní plán – poskytovatelé sociálních služeb, pracovní skupiny a střednědobý plán. "
                    "Bez příkazu spustí okno aplikace.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="zobrazí tuto nápovědu a skončí")
    parser.add_argument("--db", type=database_target, metavar="CESTA|ADRESA",
                        help="soubor databáze (výchozí: databáze v datové složce uživatele), nebo databáze "
                             "na serveru PostgreSQL: postgresql://uživatel@server:5432/databáze")
    sub = parser.add_subparsers(dest="command", metavar="PŘÍKAZ", title="příkazy",
                                parser_class=CzechArgumentParser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _never_fail_on_output() -> None:
    # The Windows console takes any text, but output redirected to a file or pipe is encoded in the
    # ANSI code page (cp1250): a character outside it must print as "?" rather than end the command.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _never_fail_on_output()
    args = build_parser().parse_args(argv)
    if args.command is None:
        problem = window_problem()
        if problem:
            print(problem, file=sys.stderr)
            return 1
        try:
            from desktop.app import run_gui  # Qt is imported only when the window is wanted
        except ImportError as exc:  # a system library the check above does not know
            print(import_problem(exc), file=sys.stderr)
            return 1

        return run_gui(args.db)
    setup_logging()
    try:
        return args.handler(args) or 0
    except UserError as exc:
        print(f"Chyba: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Přerušeno.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the clerk gets a message, the log the traceback
        database = db_path(args)
        print(f"Chyba: {failure_message(exc, database if isinstance(database, Path) else None)}",
              file=sys.stderr)
        return 1


def failure_message(exc: BaseException, database: Path | None) -> str:
    """Czech message for an exception that is not a UserError, logged with its traceback: the cause
    (database busy, read-only, disk full) when known, else a defect. Never SQL or record values."""
    failure = describe_failure(exc, database)
    log.error("command failed (%s)", failure.kind if failure else "defect", exc_info=exc)
    if failure is not None:
        return str(failure)
    return ("Neočekávaná chyba programu; rozpracovaná operace nebyla uložena. Podrobnosti jsou zapsány "
            f"v protokolu aplikace ({log_path()}).")

if __name__ == "__main__":
    sys.exit(main())
