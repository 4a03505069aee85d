"""The packages of db/ and printing/ depend on each other in one direction only.

An area may use the root of its layer and the areas below it; nothing in a root imports an area
(db/models.py and the migrations, which assemble the schema from every area, excepted). Only
imports executed when a module loads count: a function may import lazily without creating a cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lower number = lower layer. An import must point to a strictly lower layer or stay in its package.
DB_LAYERS = {"": 0, "codelists": 1, "directory": 2, "spreadsheet": 3, "registry": 3, "meetings": 3, "plan": 4}
PRINTING_LAYERS = {"": 0, "booklet": 1, "meetings": 1, "plan": 1}
SCHEMA_ASSEMBLY = {"db.models", "db.migrations"}


def _modules(top: str, root: Path = ROOT):
    for path in sorted((root / top).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        yield ".".join(p for p in parts if p != "__init__"), path


def _module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:  # top level only; also walks `if TYPE_CHECKING:` which never runs
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _area(module: str, top: str, layers: dict[str, int]) -> str | None:
    parts = module.split(".")
    if parts[0] != top:
        return None
    if len(parts) > 1 and parts[1] in layers and parts[1] != "":
        return parts[1]
    return ""


def _back_edges(top: str, layers: dict[str, int], root: Path = ROOT) -> list[str]:
    """Each forbidden edge as "importing.module → area"."""
    bad = []
    for module, path in _modules(top, root):
        if any(module == m or module.startswith(m + ".") for m in SCHEMA_ASSEMBLY):
            continue
        own = _area(module, top, layers)
        for imported in _module_level_imports(path):
            target = _area(imported, top, layers)
            if target is None or target == own:
                continue
            if layers[target] >= layers[own]:
                bad.append(f"{module} → {target}")
    return sorted(set(bad))


@pytest.mark.parametrize(("top", "layers"), [("db", DB_LAYERS), ("printing", PRINTING_LAYERS)])
def test_no_import_points_up_or_sideways(top, layers):
    assert _back_edges(top, layers) == []


def test_printing_and_db_never_import_qt():
    offenders = [module for top in ("db", "printing") for module, path in _modules(top)
                 if any(name.split(".")[0] in {"PySide6", "desktop"} for name in _module_level_imports(path))]
    assert offenders == []


def test_the_check_sees_a_back_edge(tmp_path):
    fake = tmp_path / "db"
    (fake / "directory").mkdir(parents=True)
    (fake / "paths.py").write_text("from db.directory.models import Provider\n", encoding="utf-8")
    (fake / "directory" / "models.py").write_text("from db.paths import x\nfrom db import registry\n",
                                                  encoding="utf-8")
    assert _back_edges("db", DB_LAYERS, tmp_path) == ["db.directory.models → registry", "db.paths → directory"]
