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

    def can_leave(self) -> bool:
        """Unsaved-changes guard: return False to stay (the tab asks the clerk itself)."""
        return True

    def status_text(self) -> str:
        return ""
