"""Numbers and oversized values from the register file: checked where they are read; a bad one makes
its record malformed (listed with the reason), never the import or the whole file."""
import json
import shutil
import time

import pytest
from sqlalchemy import select

from db import registry
from db.directory.models import Service, ServiceForm, ServicePlace
from db.registry.source import iter_register_items
from db.registry.stream_guard import MAX_STRING_BYTES
from tests.db.registry.registry_helpers import CHOMUTOV, SMALL, SOKOLOV, load_items, territory, write_register

CASE = "/work/shared/cases/capacity-float-1e300.json"


def _plan(db, path, area=CHOMUTOV):
    return registry.plan_import(path, path.parent / "ciselniky", territory(area), db)


def _with_capacity(tmp_path, value: str):
    """The register with the first service's first capacity replaced by the literal `value`."""
    items = load_items()
    target = next(i for i in items if any(f.get("kapacity") for f in i.get("formy") or []))
    form = next(f for f in target["formy"] if f.get("kapacity"))
    form["kapacity"][0]["pocet"] = "@@"
    path = write_register(tmp_path / "r", items)
    path.write_text(path.read_text(encoding="utf-8").replace('"@@"', value), encoding="utf-8")
    return path, str(target["portalId"])


def test_the_case_file_capacity_1_5e300_is_a_malformed_record(db, tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(CASE, folder / "rpss.json")
    shutil.copytree(SMALL / "ciselniky", folder / "ciselniky")
    preview = _plan(db, folder / "rpss.json", SOKOLOV)
    assert [(m.portal_id, m.message) for m in preview.malformed] == [
        ("900033", "kapacita „1.5e+300“ není počet od 0 do 1\u00a0000\u00a0000")]
    registry.apply_import(preview, db)  # no OverflowError: the record is simply not imported


@pytest.mark.parametrize("literal", ["1.5e300", "-3", "2.5", "1e999", "-1e999", "1" + "0" * 30, "true",
                                     "\"mnoho\"", "[1]"])
def test_a_capacity_out_of_type_or_range_makes_only_its_record_malformed(db, tmp_path, literal):
    path, portal_id = _with_capacity(tmp_path, literal)
    preview = _plan(db, path)
    malformed = {m.portal_id: m.message for m in preview.malformed}
    assert malformed.get(portal_id, "").startswith("kapacita"), malformed
    intact = _plan(db, write_register(tmp_path / "intact", load_items()))
    assert len(preview.scan.services) == len(intact.scan.services) - 1  # the rest of the okres imports
    registry.apply_import(preview, db)
    with db.session() as s:
        assert s.scalar(select(Service.id).where(Service.portal_id == portal_id)) is None
        assert max(s.scalars(select(ServiceForm.capacity)).all(), key=lambda c: c or 0) < 1_000_000


@pytest.mark.parametrize("literal", ["30", "30.0", "\"30\""])
def test_a_capacity_written_as_float_or_text_is_read(db, tmp_path, literal):
    path, portal_id = _with_capacity(tmp_path, literal)
    preview = _plan(db, path)
    assert portal_id not in {m.portal_id for m in preview.malformed}
    registry.apply_import(preview, db)
    with db.session() as s:
        service = s.scalar(select(Service).where(Service.portal_id == portal_id))
        assert 30 in [f.capacity for f in service.forms]


def test_an_integer_over_64_bits_anywhere_does_not_reject_the_file(db, tmp_path):
    items = load_items()
    items[0]["kodRuIan"] = 2**80  # an unknown field: ignored
    items[1]["portalId"] = 2**70  # an id: that record is malformed
    items[2]["zarizeni"][0]["adresa"]["cisloDomovni"] = -(2**90)  # a house number: left out, warned
    path = write_register(tmp_path / "r", items)
    preview = _plan(db, path)
    malformed = [m.message for m in preview.malformed]
    assert any(m.startswith("neplatné portalId") for m in malformed), malformed
    assert any("číslo domu" in w.message for w in preview.scan.warnings)
    assert preview.scan.items_total == len(items)
    registry.apply_import(preview, db)


def test_numbers_beyond_a_double_in_any_place_are_read_as_the_largest_double(tmp_path):
    path = tmp_path / "rpss.json"
    path.write_bytes(b'{"polozky": [{"portalId": 1, "a": 1e999, "b": [-1e999, 1e-999], "c": "x: 1e999, y"},'
                     b' {"portalId": 2}]}')
    items = list(iter_register_items(path))
    assert items[0]["a"] == 1e308 and items[0]["b"] == [-1e308, 0.0]
    assert items[1] == {"portalId": 2}


def test_a_huge_string_is_cut_while_streaming(db, tmp_path):
    items = load_items()
    items[0]["poskytovatel"]["nazev"] = "Ž" * (5 * MAX_STRING_BYTES)  # 10 MB of text in one field
    items[1]["doplnujiciInformaceVekoveSkupiny"] = "\\\"x" * MAX_STRING_BYTES  # escapes all the way
    path = write_register(tmp_path / "r", items)
    started = time.monotonic()
    read = list(iter_register_items(path))
    elapsed = time.monotonic() - started
    assert len(read) == len(items) and read[2] == json.loads(json.dumps(items[2]))
    name = read[0]["poskytovatel"]["nazev"]
    assert set(name) == {"Ž"} and len(name.encode()) <= MAX_STRING_BYTES + 8
    assert len(read[1]["doplnujiciInformaceVekoveSkupiny"]) < 3 * MAX_STRING_BYTES
    assert elapsed < 10  # uncut, ijson took 0.6 s for 10 MB and 98 s for 200 MB
    preview = _plan(db, path)
    registry.apply_import(preview, db)
    with db.session() as s:
        assert max(len(n) for n in s.scalars(select(ServicePlace.name)).all()) <= 300
