"""import-registry: the register's open data (rpss.json + codelists) into the directory."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import add_command, opened_db
from db.errors import UserError
from db.registry import Territory, apply_import, load_codelists, plan_import, summary_lines

LEVELS = ("kraj", "okres", "obec")


def register(subparsers) -> None:
    p = add_command(subparsers, "import-registry",
                    "importuje služby z otevřených dat registru poskytovatelů sociálních služeb MPSV (rpss.json)",
                    cmd_import_registry)
    p.add_argument("rpss", type=Path, metavar="RPSS_JSON", help="soubor rpss.json stažený z webu MPSV")
    p.add_argument("--codelists", type=Path, required=True, metavar="SLOŽKA",
                   help="složka číselníků (ciselniky) stažená spolu se souborem rpss.json")
    for level, example in zip(LEVELS, ("Karlovarský kraj", "Sokolov", "Chodov")):
        p.add_argument(f"--{level}", action="append", default=[], metavar="KÓD",
                       help=f"{level} z číselníku: kód nebo přesný název (např. „{example}“); lze opakovat")
    p.add_argument("--dry-run", action="store_true", help="jen vypíše náhled změn, databázi nezmění")


def _territory(args: argparse.Namespace) -> Territory:
    codelists = load_codelists(args.codelists)
    ids = [codelists.resolve(level, value) for level in LEVELS for value in getattr(args, level)]
    if not ids:
        raise UserError("Zadejte území, jehož služby se mají importovat: --kraj, --okres nebo --obec "
                        "(volby lze opakovat).")
    return Territory.from_ids(ids)


def _progress_printer():
    """Percent read on a terminal; nothing when the output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        return None
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != last[0]:
            last[0] = percent
            print(f"\rČtení registru: {percent} %", end="" if percent < 100 else "\n", file=sys.stderr, flush=True)

    return show


def cmd_import_registry(args: argparse.Namespace) -> int:
    territory = _territory(args)
    with opened_db(args) as db:
        preview = plan_import(args.rpss, args.codelists, territory, db, progress=_progress_printer())
        print("\n".join(summary_lines(preview)))
        if args.dry_run:
            print("\nZkušební běh (--dry-run): databáze nebyla změněna.")
            return 0
        if not preview.has_changes:
            return 0
        result = apply_import(preview, db)
    print(f"\n{result.summary()}")
    if result.backup is not None:
        print(f"Záloha databáze před importem: {result.backup}")
    return 0
