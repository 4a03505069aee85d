"""Exchange of the provider directory with Excel (XLSX and CSV): export, template and import.

`files` reads and writes raw sheets, `cells` holds the cell formats shared by export and import,
`rows` turns sheet rows into checked values, `entries` loads the directory in exchange shape,
`importer` compares and applies, `exchange` is the public face re-exported here.
"""
from db.spreadsheet.exchange import (
    COLUMN_HELP, COLUMNS, Action, FieldChange, ImportCancelled, ImportPreview, ImportResult, ProviderPlan,
    RowProblem, ServicePlan, apply_import, directory_rows, export_directory, plan_import,
    save_template,
)

__all__ = [
    "COLUMNS", "COLUMN_HELP", "Action", "FieldChange", "ImportCancelled", "ImportPreview", "ImportResult",
    "ProviderPlan", "RowProblem", "ServicePlan", "apply_import", "directory_rows",
    "export_directory", "plan_import", "save_template",
]
