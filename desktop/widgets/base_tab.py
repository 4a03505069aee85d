"""What the main window expects of every tab."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from db.database import Database


class BaseTab(QWidget):
    """A main-window tab. Subclasses override what they support."""

    title = ""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db

    def set_database(self, db: Database) -> None:
        """Called after a restore replaced the database; reload everything shown."""
        self.db = db
        self.reload()

    def reload(self) -> None:
        pass

    def refresh_changed(self, areas: frozenset[str]) -> None:
        """Someone saved data of `areas` (db/changes.py names: "directory", "meetings", "plan",
        "codelists", "settings"): reload what the tab shows from them, keeping the selection, scroll
        position, sort, filters and search text, and never touching unsaved edits. May raise
        DatabaseUnavailable; the window then reports the areas again at its next poll."""

    def can_leave(self) -> bool:
        """Unsaved-changes guard: return False to stay (the tab asks the clerk itself)."""
        return True

    def status_text(self) -> str:
        return ""
