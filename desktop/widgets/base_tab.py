"""What the main window expects of every tab."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QWidget

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

    def _action(self, text: str, slot: Callable, shortcut=None, tip: str = "",
                context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
        """A command of this tab for its toolbar and menu; `shortcut` (a QKeySequence, its StandardKey or
        text) is active while the focus is in this tab (`context`), so other tabs may use the same keys."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
            self.addAction(action)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _bring_to_front(self) -> bool:
        """Menu commands work from any tab: show this one first. False when the tab shown now refused
        to be left (its unsaved-changes guard)."""
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QTabWidget):
            widget = widget.parentWidget()
        if widget is not None and widget.currentWidget() is not self:
            widget.setCurrentWidget(self)
            return widget.currentWidget() is self
        return True
