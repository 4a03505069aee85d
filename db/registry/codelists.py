"""The register's codelists (číselníky) from the folder the clerk brings with rpss.json, and territories.

Ids and names are read from the files the clerk gives, never hard-coded: the register renumbers
nothing in our code, and the sample shipped for development is synthetic.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from db.collation import czech_sorted, fold
from db.errors import UserError
from db.text import normalize_text

# Files the import cannot do without; the age-group codelist is optional (ages are then left alone).
REQUIRED_FILES = {
    "kraje": "kraje.json",
    "okresy": "okresy.json",
    "obce": "obce.json",
    "service_types": "druhy-socialni-sluzby.json",
    "target_groups": "cilove-skupiny-osoby.json",
    "forms": "formy-soc-sluzby.json",
    "capacity_types": "typy-kapacity-socialni-sluzby.json",
}
AGE_GROUPS_FILE = "vekove-skupiny-osoby.json"

LEVELS = {"kraj": "Kraj", "okres": "Okres", "obec": "Obec"}  # level → id prefix in the register
LEVEL_FILES = {"kraj": "kraje.json", "okres": "okresy.json", "obec": "obce.json"}


@dataclass(frozen=True)
class Area:
    """A kraj, okres or obec of the register's territorial codelists."""

    id: str  # "Okres/3402"
    name: str
    parent: str | None  # okres of an obec, kraj of an okres

    @property
    def code(self) -> str:
        return self.id.split("/", 1)[-1]


@dataclass
class RegisterCodelists:
    folder: Path
    kraje: dict[str, Area]
    okresy: dict[str, Area]
    obce: dict[str, Area]
    service_types: dict[str, str]  # register id → register name
    target_groups: dict[str, str]
    forms: dict[str, str]
    capacity_types: dict[str, str]
    age_groups: dict[str, str] | None = None

    def area(self, area_id: str) -> Area | None:
        return self.obce.get(area_id) or self.okresy.get(area_id) or self.kraje.get(area_id)

    def okresy_of(self, kraj_id: str) -> list[Area]:
        return czech_sorted((a for a in self.okresy.values() if a.parent == kraj_id), key=lambda a: a.name)

    def obce_of(self, okres_id: str) -> list[Area]:
        return czech_sorted((a for a in self.obce.values() if a.parent == okres_id), key=lambda a: a.name)

    def sorted_kraje(self) -> list[Area]:
        return czech_sorted(self.kraje.values(), key=lambda a: a.name)

    def resolve(self, level: str, value: str) -> str:
        """Id of a kraj/okres/obec given by code ("3402"), id ("Okres/3402") or exact name."""
        table = {"kraj": self.kraje, "okres": self.okresy, "obec": self.obce}[level]
        value = value.strip()
        for candidate in (value, f"{LEVELS[level]}/{value}"):
            if candidate in table:
                return candidate
        by_name = [a.id for a in table.values() if fold(a.name) == fold(value)]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            raise UserError(f"Název „{value}“ má v číselníku {LEVEL_FILES[level]} více položek; "
                            f"zadejte kód: {', '.join(a.split('/', 1)[-1] for a in by_name)}.")
        raise UserError(f"{level.capitalize()} „{value}“ není v číselníku {LEVEL_FILES[level]}.")

    def complete_address_ids(self, obec: str | None, okres: str | None, kraj: str | None) -> set[str]:
        """All territorial ids of one address; okres and kraj are looked up when the address lacks them."""
        if obec and not okres and obec in self.obce:
            okres = self.obce[obec].parent
        if okres and not kraj and okres in self.okresy:
            kraj = self.okresy[okres].parent
        return {i for i in (obec, okres, kraj) if i}


@dataclass(frozen=True)
class Territory:
    """The part of the country whose services the directory keeps: whole kraje, okresy and single obce."""

    kraje: frozenset[str] = field(default_factory=frozenset)
    okresy: frozenset[str] = field(default_factory=frozenset)
    obce: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_ids(cls, ids) -> "Territory":
        ids = list(ids)
        return cls(kraje=frozenset(i for i in ids if i.startswith("Kraj/")),
                   okresy=frozenset(i for i in ids if i.startswith("Okres/")),
                   obce=frozenset(i for i in ids if i.startswith("Obec/")))

    def ids(self) -> list[str]:
        return sorted(self.kraje) + sorted(self.okresy) + sorted(self.obce)

    def is_empty(self) -> bool:
        return not (self.kraje or self.okresy or self.obce)

    def touches(self, area_ids) -> bool:
        """True if any of an address's (or a service's) territorial ids lies in this territory."""
        return any(i in self.kraje or i in self.okresy or i in self.obce for i in area_ids)

    def describe(self, codelists: RegisterCodelists | None = None) -> str:
        parts = []
        for level, ids in (("kraj", self.kraje), ("okres", self.okresy), ("obec", self.obce)):
            names = []
            for area_id in ids:
                area = codelists.area(area_id) if codelists else None
                names.append(area.name if area else area_id)
            if not names:
                continue
            if level == "kraj":  # kraje are named in full: "Ústecký kraj", "Hlavní město Praha"
                parts.append(", ".join(czech_sorted(names)))
            else:
                label = {"okres": ("okres", "okresy"), "obec": ("obec", "obce")}[level][len(names) > 1]
                parts.append(f"{label} {', '.join(czech_sorted(names))}")
        return "; ".join(parts) or "(žádné území)"


def codelist_folder(path: Path | str) -> Path:
    """The folder with the codelists; the folder above `ciselniky/` is accepted too."""
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise UserError(f"Složka číselníků „{folder}“ neexistuje.")
    if not (folder / REQUIRED_FILES["kraje"]).exists() and (folder / "ciselniky").is_dir():
        folder = folder / "ciselniky"
    return folder


def load_codelists(path: Path | str) -> RegisterCodelists:
    folder = codelist_folder(path)
    missing = [name for name in REQUIRED_FILES.values() if not (folder / name).is_file()]
    if missing:
        raise UserError(f"Ve složce číselníků „{folder}“ chybí: {', '.join(missing)}. "
                        "Vyberte složku „ciselniky“ stažená spolu se souborem rpss.json.")
    tables = {key: _read_codelist(folder / name) for key, name in REQUIRED_FILES.items()}
    age_file = folder / AGE_GROUPS_FILE
    return RegisterCodelists(
        folder=folder,
        kraje=_areas(tables["kraje"], None),
        okresy=_areas(tables["okresy"], "kraj"),
        obce=_areas(tables["obce"], "okres"),
        service_types=_names(tables["service_types"]),
        target_groups=_names(tables["target_groups"]),
        forms=_names(tables["forms"]),
        capacity_types=_names(tables["capacity_types"]),
        age_groups=_names(_read_codelist(age_file)) if age_file.is_file() else None,
    )


def _read_codelist(path: Path) -> list[dict]:
    try:
        with path.open("rb") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"Číselník „{path.name}“ nelze přečíst jako JSON ({exc}).") from exc
    items = data.get("polozky") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("id"), str)
                                              for i in items):
        raise UserError(f"Soubor „{path.name}“ nemá tvar číselníku registru "
                        "(očekává se {\"polozky\": [{\"id\": …, \"nazev\": {\"cs\": …}}]}).")
    return items


def _name(item: dict) -> str:
    name = item.get("nazev")
    if isinstance(name, dict):
        name = name.get("cs")
    return normalize_text(str(name)) if name else item["id"]


def _names(items: list[dict]) -> dict[str, str]:
    return {item["id"]: _name(item) for item in items}


def _areas(items: list[dict], parent_key: str | None) -> dict[str, Area]:
    result = {}
    for item in items:
        parent = item.get(parent_key) if parent_key else None
        parent_id = parent.get("id") if isinstance(parent, dict) else None
        result[item["id"]] = Area(item["id"], _name(item), parent_id)
    return result
