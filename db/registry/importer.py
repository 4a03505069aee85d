"""Import from the register's open data in two steps: plan (read, compare, preview) and apply (write).

Planning reads the whole file before anything is written, so a truncated or foreign file is refused
with the database untouched. Applying takes a backup, then writes everything in one transaction: a
cancel or a crash rolls it all back.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from db.database import Database
from db.errors import UserError
from db.registry.codelists import Territory, load_codelists
from db.registry.mapping import build_mapping
from db.registry.preview import ImportResult, RegistryPreview
from db.registry.scan import scan_register
from db.registry.source import Cancel, Progress
from db.registry.sync import Reconciler
from db.runtime import cycle_collector_paused

BACKUP_REASON = "pred-importem"




def plan_import(rpss_path: Path | str, codelist_dir: Path | str, territory: Territory, db: Database,
                progress: Progress | None = None, cancel: Cancel | None = None,
                today: dt.date | None = None) -> RegistryPreview:
    """Read rpss.json for `territory` and compare it with the directory; writes nothing.

    `progress(bytes_read, file_size)` is called while reading; `cancel()` returning True stops the
    reading with ImportCancelled.
    """
    today = today or dt.date.today()
    if territory.is_empty():
        raise UserError("Vyberte území (kraj, okres nebo obce), jehož služby se mají importovat.")
    codelists = load_codelists(codelist_dir)
    with db.session() as s:
        mapping = build_mapping(codelists, s)
    with cycle_collector_paused():
        scan = scan_register(rpss_path, mapping, territory, today, progress, cancel)
        with db.session() as s:
            changes = Reconciler(s, scan, territory, today).run(write=False)
    return RegistryPreview(rpss_path=Path(rpss_path).expanduser().resolve(), codelist_dir=codelists.folder,
                           territory=territory, territory_label=territory.describe(codelists), today=today,
                           scan=scan, changes=changes)


def apply_import(preview: RegistryPreview, db: Database, progress: Progress | None = None,
                 cancel: Cancel | None = None) -> ImportResult:
    """Write the previewed import in one transaction, after a backup.

    The comparison is repeated inside the transaction, so edits made since the preview are respected
    rather than overwritten with stale values. `progress(done, total)` counts records.
    """
    with db.bulk_work("import z registru"):
        backup = db.auto_backup(BACKUP_REASON)
        with cycle_collector_paused(), db.writing() as s:
            changes = Reconciler(s, preview.scan, preview.territory, preview.today).run(
                write=True, progress=progress, cancel=cancel)
    return ImportResult(new_providers=len(changes.new_providers), new_services=len(changes.new_services),
                        changed=len(changes.changed), ended=len(changes.ended), backup=backup)
