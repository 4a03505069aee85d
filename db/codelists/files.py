"""Reading the codelist files shipped in resources/codelists/ (used by the seeding migration)."""
from __future__ import annotations

import csv
from pathlib import Path

import resources

CODELIST_DIR = Path(resources.__file__).parent / "codelists"


def read_csv(name: str) -> list[dict[str, str]]:
    with (CODELIST_DIR / name).open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def read_lines(name: str) -> list[str]:
    lines = (CODELIST_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def service_type_rows() -> list[dict]:
    return [
        {"paragraph": r["paragraph"] or None, "name": r["name"], "category": r["category"], "sort_order": i}
        for i, r in enumerate(read_csv("service-types.csv"), start=1)
    ]


def target_group_rows() -> list[dict]:
    return [{"name": name, "sort_order": i} for i, name in enumerate(read_lines("target-groups.txt"), start=1)]


def provision_form_rows() -> list[dict]:
    return [{"code": r["code"], "name": r["name"]} for r in read_csv("provision-forms.csv")]


def capacity_unit_rows() -> list[dict]:
    return [{"code": r["code"], "name": r["name"]} for r in read_csv("capacity-units.csv")]


def legal_form_rows() -> list[dict]:
    return [{"name": r["name"], "abbreviation": r["abbreviation"] or None} for r in read_csv("legal-forms.csv")]


def related_category_rows() -> list[dict]:
    return [{"name": name} for name in read_lines("related-service-categories.txt")]
