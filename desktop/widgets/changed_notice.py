"""The note an editor shows when its record was saved or deleted by someone else while it was open
(desktop/widgets/change_watcher.py noticed it): the form itself is left alone."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from db.errors import DatabaseUnavailable, UserError
from db.versioning import latest_stamp

_STYLE = ("QLabel { background: #fff4c2; color: #4a3b00; border: 1px solid #e0c24a; border-radius: 3px;"
          " padding: 4px 6px; }")


def when_text(when: dt.datetime | None, today: dt.date | None = None) -> str:
    """" v 14:05" today, " 3. 11. 2026 v 14:05" another day, "" when unknown."""
    if when is None:
        return ""
    if when.date() == (today or dt.date.today()):
        return f" v {when:%H:%M}"
    return f" {when.day}. {when.month}. {when.year} v {when:%H:%M}"


class ChangedElsewhereNotice(QLabel):
    """Hidden until `show_saved` or `show_deleted`; `clear_notice` when another record is shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_saved(self, stored: Any) -> None:
        """`stored` is the record as saved by the other clerk (it has changed_by / changed_at)."""
        who, when = latest_stamp(stored)
        self.setText(f"Záznam mezitím uložil(a) {who or 'jiný pracovník'}{when_text(when)}. "
                     "Vaše úpravy zůstávají ve formuláři; při uložení uvidíte rozdíly a vyberete, co platí.")
        self.show()

    def show_deleted(self, what: str, unsaved: bool) -> None:
        """`what`: the record as the clerk knows it, e.g. „Poskytovatel „Diakonie““."""
        text = f"{what} mezitím smazal jiný pracovník."
        if unsaved:
            text += " Vaše neuložené úpravy zůstávají ve formuláři, uložit je ale už nelze; zkopírujte si, co potřebujete."
        self.setText(text)
        self.show()

    def clear_notice(self) -> None:
        self.hide()
        self.clear()


def follow_stored(notice: ChangedElsewhereNotice, version: int | None, read_stored: Callable[[], Any], *,
                  is_dirty: Callable[[], bool], close: Callable[[], None],
                  show_quietly: Callable[[Any], None]) -> bool:
    """After another clerk's save: bring an open record loaded at `version` up to date. Unchanged
    (same version): nothing. No unsaved edits: `show_quietly(stored)`. Unsaved edits: the form is left
    alone and `notice` says who saved. Deleted meanwhile (`read_stored` raises UserError): said in the
    notice, and the form is closed only when nothing of hers would be lost; returns False then.
    DatabaseUnavailable passes to the caller."""
    if version is None:
        return True
    try:
        stored = read_stored()
    except DatabaseUnavailable:
        raise
    except UserError as exc:
        dirty = is_dirty()
        if not dirty:
            close()
        notice.show_deleted(str(exc), dirty)
        return False
    if stored.version != version:
        if is_dirty():
            notice.show_saved(stored)
        else:
            show_quietly(stored)
    return True
