"""Subcommand `booklet`: the printed directory of providers as a PDF, with the options stored in the app."""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from cli.common import add_command, opened_db
from db.errors import UserError
from printing.booklet import build_booklet
from printing.booklet.data import collect_booklet_data
from printing.booklet.options import FORMAT_A4, FORMAT_A5, load_options
from printing.typography import czech_plural


def register(subparsers) -> None:
    p = add_command(subparsers, "booklet",
                    "vytvoří tištěný přehled poskytovatelů (PDF) s volbami uloženými v aplikaci", cmd_booklet)
    p.add_argument("--out", type=Path, required=True, metavar="SOUBOR.pdf", help="cílový soubor PDF")
    p.add_argument("--format", choices=[FORMAT_A5, FORMAT_A4], dest="page_format",
                   help="formát stránky (výchozí: uložená volba, jinak a5)")
    p.add_argument("--imposed", action="store_true",
                   help="brožura: stránky A5 vyřazené na listy A4 na šířku pro oboustranný tisk a sešití")
    p.add_argument("--large-print", action="store_true", help="zvětšené písmo (text alespoň 14 bodů)")
    p.add_argument("--print-shop", action="store_true",
                   help="pro tiskárnu: CMYK, text čistě černý, spadávka 3 mm a ořezové značky")


def cmd_booklet(args: argparse.Namespace) -> int:
    out: Path = args.out.expanduser().resolve()
    if out.is_dir():
        raise UserError(f"„{out}“ je složka; zadejte název souboru PDF.")
    with opened_db(args) as db, db.session() as s:
        options = load_options(s)
        data = collect_booklet_data(s)
    # The switches add to what the print dialog remembered; a stored "Brožura" yields to an explicit A4.
    page_format = args.page_format or options.page_format
    if args.imposed and page_format != FORMAT_A5:
        raise UserError("Brožuru (--imposed) lze vytvořit jen ve formátu A5.")
    if args.imposed and args.print_shop:
        raise UserError("Pro tiskárnu (--print-shop) se posílají jednotlivé stránky; vynechte --imposed.")
    print_shop = args.print_shop or (options.print_shop and not args.imposed)
    options = dataclasses.replace(
        options, page_format=page_format, large_print=args.large_print or options.large_print,
        imposed=not print_shop and (args.imposed or (options.imposed and page_format == FORMAT_A5)),
        print_shop=print_shop)
    if not data.services:
        print("Upozornění: žádná aktivní služba není označena pro tištěný přehled.", file=sys.stderr)
    try:
        result = build_booklet(data, options, out)
    except OSError as exc:
        raise UserError(f"PDF se nepodařilo uložit do „{out}“: {exc.strerror or exc}") from exc
    what = f"{result.page_count} stran {options.page_format.upper()}" + (", pro tiskárnu" if print_shop else "")
    if result.printed_sides:
        what += f", brožura na {czech_plural(result.printed_sides // 2, 'list', 'listy', 'listů')} A4 oboustranně"
    services = czech_plural(len(result.service_pages), "služba", "služby", "služeb")
    print(f"Přehled uložen: {out} ({services}, {what}).")
    if result.without_phone:  # the print dialog shows the same list under its options
        count = czech_plural(len(result.without_phone), "služba", "služby", "služeb")
        print(f"Upozornění: {count} bez telefonu (ani u poskytovatele); čtenář jim nezavolá:", file=sys.stderr)
        for entry in result.without_phone:
            print(f"  {entry.name} – {entry.provider_name}", file=sys.stderr)
    return 0
