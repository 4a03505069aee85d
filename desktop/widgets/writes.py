"""A change the clerk starts with one click (delete, end, close): asked first where it cannot be undone,
written in one transaction, and a refusal told to her (tell_refused: no second box after *Zrušit* on a
lost connection)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from db.database import Database
from db.errors import UserError
from desktop.widgets.failures import tell_refused


def write_or_tell(parent: QWidget, title: str, db: Database, command: Callable[..., object], *args) -> bool:
    """`db.write(command, *args)`; True when written, False when refused (told in a box titled `title`)."""
    try:
        db.write(command, *args)
    except UserError as exc:
        tell_refused(parent, title, exc)
        return False
    return True


def confirm_and_write(parent: QWidget, title: str, question: str, db: Database, command: Callable[..., object],
                      *args) -> bool:
    """Ask `question` (Ano / Ne, titled `title`) and on Ano write as `write_or_tell` does. True when
    written; False when she said Ne or the write was refused."""
    if QMessageBox.question(parent, title, question) != QMessageBox.StandardButton.Yes:
        return False
    return write_or_tell(parent, title, db, command, *args)
