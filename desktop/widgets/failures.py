"""What the window says about a refused operation (`tell_refused`) and about an exception no one
foresaw (`failure_text`): the cause in Czech when it is a failure of the database or the disk (busy,
read-only, full), else that it is a defect whose details are in the log. Never SQL, a traceback or
record values (db/errors.py)."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from db.errors import ConnectionCancelled, UserError, describe_failure
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


def tell_refused(parent: QWidget | None, title: str, exc: UserError) -> bool:
    """Tell the clerk why a save, delete, read or file operation was refused: a warning box titled
    `title` saying str(exc), the Czech message. Not for ConnectionCancelled: she has just answered
    the lost connection's question with *Zrušit* and the window's status bar notes it
    (desktop/widgets/connection.py); a second box for the same answer would only repeat it.
    Returns True when the box was shown; False for the cancelled case, where the server is away and
    the caller should not re-read its lists now."""
    if isinstance(exc, ConnectionCancelled):
        log.info("%s: cancelled by the clerk after a lost connection", title)
        return False
    QMessageBox.warning(parent, title, str(exc))
    return True
