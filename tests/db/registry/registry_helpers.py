"""Shared helpers for the register-import tests: test data paths and editable copies of rpss.json."""
from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from db.registry import Territory, load_codelists

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLE = DATA / "rpss"  # shared/samples/rpss: 60 services + the awkward records
SMALL = DATA / "rpss-small"  # 18 services, the awkward records all in okres Chomutov
CHOMUTOV = "Okres/3503"
SOKOLOV = "Okres/3402"


def territory(*ids: str) -> Territory:
    return Territory.from_ids(ids)


def codelists(folder: Path = SMALL):
    return load_codelists(folder / "ciselniky")


def load_items(folder: Path = SMALL) -> list[dict]:
    return json.loads((folder / "rpss.json").read_text(encoding="utf-8"))["polozky"]


def item(items: list[dict], portal_id: int) -> dict:
    return next(i for i in items if i["portalId"] == portal_id)


def write_register(target: Path, items: list[dict], source: Path = SMALL) -> Path:
    """A register folder in `target` with `items` and the codelists of `source`; returns rpss.json."""
    target.mkdir(parents=True, exist_ok=True)
    if not (target / "ciselniky").exists():
        shutil.copytree(source / "ciselniky", target / "ciselniky")
    path = target / "rpss.json"
    path.write_text(json.dumps({"polozky": items}, ensure_ascii=False), encoding="utf-8")
    return path


def dump(db_path: Path) -> str:
    """All rows of the database as text: for 'nothing changed' and 'never stored' assertions."""
    with closing(sqlite3.connect(db_path)) as conn:
        return "\n".join(conn.iterdump())


def data_dump(database) -> list[str]:
    """The data of a database (a SQLite file's path, or an open Database of either kind): the INSERT
    lines of a SQLite dump; for a server, each table's row count and checksum (db/transfer.py)."""
    if getattr(database, "is_server", False):
        from sqlalchemy import MetaData

        from db.transfer import table_checksum

        meta = MetaData()
        with database.engine.connect() as conn:
            meta.reflect(bind=conn)
            return [f"{t.name}: {table_checksum(conn, t)}" for t in meta.sorted_tables]
    path = getattr(database, "path", database)
    return [line for line in dump(path).splitlines() if line.startswith("INSERT")]
