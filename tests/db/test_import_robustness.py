"""Malformed input to both imports: a Czech UserError or per-row/per-record problems, never a crash,
never a half-written database. Mutations use fixed seeds, so every run tries the same files."""
from __future__ import annotations

import codecs
import copy
import csv
import datetime as dt
import io
import json
import random
import zipfile

import openpyxl
import pytest
from sqlalchemy import select

from db import registry
from db.directory.demo import load_demo
from db.directory.models import Service
from db.errors import UserError
from db.spreadsheet import COLUMNS, apply_import, plan_import
from tests.db.registry.registry_helpers import CHOMUTOV, data_dump, item, load_items, territory, write_register
from tests.db.spreadsheet.test_spreadsheet import row, write_xlsx

CZECH_LETTERS = set("áčďéěíňóřšťúůýž")


def assert_czech(error: UserError) -> None:
    message = str(error)
    assert CZECH_LETTERS & set(message.lower()), message
    assert "expected" not in message and "field limit" not in message, message


@pytest.fixture
def demo_db(db):
    load_demo(db)
    return db


def csv_bytes(rows, encoding="utf-8-sig", delimiter=";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([values.get(c, "") for c in COLUMNS] for values in rows)
    return out.getvalue().encode(encoding)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def try_import(db, path) -> None:
    """Plan and (skipping bad rows) apply; only UserError may escape, and a refused apply writes nothing."""
    try:
        preview = plan_import(db, path)
    except UserError as exc:
        assert_czech(exc)
        return
    for problem in preview.problems:
        assert problem.row >= 2 and problem.column in COLUMNS
    before = data_dump(db)
    try:
        apply_import(db, preview, skip_invalid=True)
    except UserError as exc:
        assert_czech(exc)
        assert data_dump(db) == before


# -- spreadsheet: the file itself is broken ------------------------------------------------------
def _good_xlsx_members(tmp_path) -> dict[str, bytes]:
    path = write_xlsx(tmp_path / "good.xlsx", [row()])
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


BROKEN_FILES = {
    "random.csv": lambda tmp: bytes(random.Random(1).randrange(256) for _ in range(4000)),
    "random.xlsx": lambda tmp: bytes(random.Random(2).randrange(256) for _ in range(4000)),
    "empty.xlsx": lambda tmp: b"",
    "not-a-workbook.xlsx": lambda tmp: zip_bytes({"a.txt": b"ahoj"}),
    "broken-manifest.xlsx": lambda tmp: zip_bytes({**_good_xlsx_members(tmp), "[Content_Types].xml": b"<x"}),
    "broken-properties.xlsx": lambda tmp: zip_bytes({**_good_xlsx_members(tmp), "docProps/core.xml": b"<x"}),
    "broken-sheet.xlsx": lambda tmp: zip_bytes({**_good_xlsx_members(tmp), "xl/worksheets/sheet1.xml": b"<x"}),
    "truncated.xlsx": lambda tmp: (write_xlsx(tmp / "t.xlsx", [row()]).read_bytes())[:3000],
    "broken-utf16.csv": lambda tmp: codecs.BOM_UTF16_LE + b"\x00\xd8",
    "unclosed-quote.csv": lambda tmp: csv_bytes([row()]) + b'"Spolek;x\r\n',
    "text-after-quote.csv": lambda tmp: csv_bytes([row()]).replace(b";Husova", b';"Husova"5', 1),
    "huge-cell.csv": lambda tmp: csv_bytes([row(Popis="x" * 200_000)]),
    "only-newlines.csv": lambda tmp: b"\n\n\n",
    "no-header-in-row-1.xlsx": lambda tmp: _xlsx_bytes(tmp, [["Adresář"], [], list(COLUMNS)]),
    "duplicated-header.csv": lambda tmp: (";".join([*COLUMNS, "Obec"]) + "\r\n").encode(),
}


def _xlsx_bytes(tmp, rows) -> bytes:
    workbook = openpyxl.Workbook()
    for values in rows:
        workbook.active.append(values)
    workbook.save(tmp / "x.xlsx")
    return (tmp / "x.xlsx").read_bytes()


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_broken_spreadsheet_files_are_refused_in_czech(demo_db, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BROKEN_FILES[name](tmp_path))
    before = data_dump(demo_db)
    with pytest.raises(UserError) as caught:
        plan_import(demo_db, path)
    assert_czech(caught.value)
    assert data_dump(demo_db) == before


def test_csv_faults_name_the_line(db, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row(), row(Služba="Druhá")]) + b'"Spolek;x\r\nObec\r\n')
    with pytest.raises(UserError, match="na řádku 4 začínají uvozovky, které se do konce souboru neuzavřou"):
        plan_import(db, path)


def test_mutated_csv_never_crashes(demo_db, tmp_path):
    good = csv_bytes([row(), row(Služba="Druhá služba", Identifikátor="9900002")]).decode("utf-8-sig")
    rnd = random.Random(20261123)
    for number in range(25):
        chars = list(good)
        for _ in range(rnd.randrange(1, 30)):
            chars[rnd.randrange(len(chars))] = rnd.choice([";", ",", '"', "\n", "\r", "\0", "\t", "é", "😀", "x"])
        path = tmp_path / f"mut{number}.csv"
        path.write_bytes("".join(chars).encode(rnd.choice(["utf-8", "utf-8-sig", "utf-16", "cp1250"]), "replace"))
        try_import(demo_db, path)


ODD_VALUES = [123, 1.5, 10**20, True, dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 5, 30), "   ",
              "שלום 😀\u202e", "=1+1", "x" * 100_000]


def test_odd_cell_values_in_every_column_give_row_problems(db, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for index, column in enumerate(COLUMNS):
        for offset, value in enumerate(ODD_VALUES):
            values = row(**{column: value, "Identifikátor": str(9_000_000 + index * 100 + offset)})
            sheet.append([values[c] for c in COLUMNS])
    sheet["A2"] = "=B2&\"x\""  # a formula without a cached value reads as empty
    sheet.merge_cells("C3:E4")
    workbook.save(tmp_path / "odd.xlsx")
    preview = plan_import(db, tmp_path / "odd.xlsx")
    problems = {(p.row, p.column): p.message for p in preview.problems}
    assert problems[(2, "Poskytovatel")] == "Chybí název poskytovatele."
    name_100k = 2 + COLUMNS.index("Služba") * len(ODD_VALUES) + ODD_VALUES.index("x" * 100_000)
    assert "příliš dlouhý" in problems[(name_100k, "Služba")]
    date_true = 2 + COLUMNS.index("Ověřeno") * len(ODD_VALUES) + ODD_VALUES.index(True)
    assert problems[(date_true, "Ověřeno")].startswith("Datum „ano“")
    try_import(db, tmp_path / "odd.xlsx")


def test_extra_sheets_and_empty_cells_and_header_only(db, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Jiný list"])
    sheet = workbook.create_sheet("Služby")
    sheet.append(list(COLUMNS))
    sheet.append(["   "] * len(COLUMNS))
    workbook.save(tmp_path / "a.xlsx")
    preview = plan_import(db, tmp_path / "a.xlsx")
    assert (preview.providers, preview.services, preview.problems) == ([], [], [])
    (tmp_path / "b.csv").write_bytes(csv_bytes([]))
    assert not plan_import(db, tmp_path / "b.csv").has_changes


def test_control_characters_are_dropped_and_rtl_emoji_kept(db, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row(Popis="Po\x00ra\x1bdna\x7f", Služba="Poradna שלום 😀")]))
    apply_import(db, plan_import(db, path))
    with db.session() as s:
        service = s.scalars(select(Service)).one()
        assert (service.description, service.name) == ("Poradna", "Poradna שלום 😀")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1250", "utf-8"])
def test_csv_encodings_and_line_ends(db, tmp_path, encoding):
    text = csv_bytes([row()]).decode("utf-8-sig")
    for line_end in ("\r\n", "\n", "\r"):
        path = tmp_path / "a.csv"
        path.write_bytes(text.replace("\r\n", line_end).encode(encoding))
        preview = plan_import(db, path)
        assert (len(preview.providers), len(preview.services), preview.problems) == (1, 1, []), encoding


def test_ten_thousand_rows(db, tmp_path):
    rows = [row(Služba=f"Služba {n}", Identifikátor=str(1_000_000 + n)) for n in range(10_000)]
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(rows))
    preview = plan_import(db, path)
    assert (len(preview.services), preview.problems) == (10_000, [])


# -- register ------------------------------------------------------------------------------------
def _plan_register(db, path):
    return registry.plan_import(path, path.parent / "ciselniky", territory(CHOMUTOV), db)


# Numbers beyond 64 bits and beyond a double's range make their record malformed at most (see
# tests/db/registry/test_registry_numbers.py).
GARBAGE = [None, 0, -1, 1.5, 2**62, 2**70, 1.5e300, True, "", " ", "x", [], {}, [None], [1, "a", {}],
           {"id": None}, {"id": 5}, {"id": []}, {"cs": 5}, {"cs": {"x": 1}}, "2024-13-45", "😀\u202e", "x" * 5000]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:2]):
            yield from _paths(inner, (*path, index))


def _set(value, path, new):
    for key in path[:-1]:
        value = value[key]
    value[path[-1]] = new


def test_garbage_in_any_field_is_reported_per_record(db, tmp_path):
    items = load_items()
    rnd = random.Random(7)
    for number in range(60):
        broken = copy.deepcopy(items)
        index = rnd.randrange(len(broken))
        for _ in range(rnd.randrange(1, 4)):
            path = rnd.choice(list(_paths(broken[index]))[1:])
            _set(broken[index], path, copy.deepcopy(rnd.choice(GARBAGE)))
        preview = _plan_register(db, write_register(tmp_path / f"r{number}", broken))
        for issue in preview.malformed:
            assert issue.message and (issue.portal_id or issue.registry_id or "položka" in issue.message)
    # The last mutated file is also written, in one piece.
    registry.apply_import(preview, db)


def test_nulls_and_wrong_types_everywhere(db, tmp_path):
    items = load_items()
    items[0] = {key: None for key in items[0]} | {"portalId": items[0]["portalId"]}
    items[1] = {key: [{"x": [1]}] for key in items[1]} | {"portalId": 424242}
    items[2]["poskytovatel"] = {"ico": {"x": 1}, "nazev": ["a"]}
    items[3]["identifikator"] = {"a": [1, {"b": None}]}
    items.insert(4, 5)
    preview = _plan_register(db, write_register(tmp_path / "r", items))
    registry.apply_import(preview, db)
    with db.session() as s:
        assert s.scalars(select(Service.portal_id).where(Service.portal_id.in_(["424242"]))).all() == []


def test_repeated_identifikator_and_portal_id_are_listed(db, tmp_path):
    items = load_items()
    first = item(items, 1000)
    same_id = copy.deepcopy(first) | {"portalId": 99999}
    same_portal = copy.deepcopy(first) | {"identifikator": "7777777"}
    preview = _plan_register(db, write_register(tmp_path / "r", [*items, same_id, same_portal]))
    malformed = {(i.portal_id, i.registry_id): i.message for i in preview.malformed}
    assert malformed[("99999", str(first["identifikator"]))] == "identifikátor služby se v souboru opakuje"
    assert malformed[("1000", "7777777")] == "stejné číslo záznamu registru má v souboru už jiná služba"
    registry.apply_import(preview, db)
    with db.session() as s:
        assert s.scalars(select(Service.registry_id).where(Service.portal_id == "1000")).all() == \
            [str(first["identifikator"])]


def _register_text(tmp_path) -> bytes:
    return write_register(tmp_path / "good", load_items()).read_bytes()


BROKEN_REGISTERS = {
    "one byte": (lambda tmp: b"{", "neúplný"),
    "not json": (lambda tmp: b"x", "ve formátu JSON"),
    "cut in a string": (lambda tmp: _register_text(tmp)[:_register_text(tmp).index(b'"', 5000) + 3], "neúplný"),
    "deep arrays": (lambda tmp: b'{"polozky": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", "vnořená"),
    "deep objects": (lambda tmp: b'{"polozky": [{"portalId": 1, "x": ' + b'{"a":' * 50_000 + b"1"
                     + b"}" * 50_000 + b"}]}", "vnořená"),
    "nesting before the items": (lambda tmp: b'{"a": ' + b"[" * 20_000 + b"]" * 20_000 + b', "polozky": []}',
                                 "vnořená"),
    "items not a list": (lambda tmp: b'{"polozky": {"a": 1}}', "neobsahuje žádné služby"),
    "NaN": (lambda tmp: b'{"polozky": [{"portalId": NaN}]}', "platný JSON"),
    "windows-1250": (lambda tmp: _register_text(tmp).decode().encode("cp1250", "replace"), "platný JSON"),
}


@pytest.mark.parametrize("name", BROKEN_REGISTERS)
def test_broken_register_files_are_refused_in_czech(demo_db, tmp_path, name):
    build, expected = BROKEN_REGISTERS[name]
    path = write_register(tmp_path / "r", [])
    path.write_bytes(build(tmp_path))
    before = data_dump(demo_db)
    with pytest.raises(UserError, match=expected) as caught:
        _plan_register(demo_db, path)
    assert_czech(caught.value)
    assert data_dump(demo_db) == before


def test_moderate_nesting_inside_an_item_is_read(db, tmp_path):
    items = load_items()
    item(items, 1000)["neznamePole"] = json.loads("[" * 400 + "]" * 400)
    preview = _plan_register(db, write_register(tmp_path / "r", items))
    assert "1000" not in {i.portal_id for i in preview.malformed}
