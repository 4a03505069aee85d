"""What the window says about an exception no one foresaw: the cause in Czech when it is a failure of
the database or the disk (busy, read-only, full), else that it is a defect whose details are in the
log. Never SQL, a traceback or record values (db/errors.py)."""
from __future__ import annotations

import logging
from pathlib import Path

from db.errors import UserError, describe_failure
from db.logs import log_path

log = logging.getLogger(__name__)


def failure_text(exc: BaseException, db_path: Path | None = None, fallback: str = "") -> str:
    """The Czech message for `exc`; logs its traceback unless it is a UserError (already Czech)."""
    if isinstance(exc, UserError):
        return str(exc)
    failure = describe_failure(exc, db_path)
    log.error("operation failed (%s)", failure.kind if failure else "defect", exc_info=exc)
    if failure is not None:
        return str(failure)
    lead = fallback or "Došlo k neočekávané chybě. Rozpracovaná operace nebyla uložena."
    return f"{lead}\nPodrobnosti jsou zapsány v protokolu aplikace ({log_path()})."
