"""Import of the national register of social services (RPSS, MPSV open data) into the directory.

    codelists = load_codelists(folder)
    territory = Territory.from_ids([codelists.resolve("okres", "3402")])
    preview = plan_import(rpss_json, folder, territory, db, progress, cancel)
    apply_import(preview, db)
"""
from db.registry.codelists import Area, RegisterCodelists, Territory, load_codelists
from db.registry.importer import apply_import, plan_import
from db.registry.preview import (
    ChangedRecord, EndedService, FieldChange, ImportResult, RecordRef, RegistryPreview, summary_lines,
)
from db.registry.scan import RecordIssue
from db.registry.source import ImportCancelled

__all__ = [
    "Area", "ChangedRecord", "EndedService", "FieldChange", "ImportCancelled", "ImportResult", "RecordIssue",
    "RecordRef", "RegisterCodelists", "RegistryPreview", "Territory", "apply_import", "load_codelists",
    "plan_import", "summary_lines",
]
