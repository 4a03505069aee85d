"""The page a tab shows while it has nothing to list: a heading, what to do first, and a button for
each first step (Nový poskytovatel / Nová skupina / Nový plán, imports, the demo data)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

MUTED_COLOR = "#5f6368"  # as desktop/directory/fields.py MUTED_COLOR
BUTTON_WIDTH = 170


class EmptyStatePage(QWidget):
    """`heading` (plain text, shown as a title) and `text` centred, then one button per action, in order."""

    def __init__(self, heading: str, text: str, actions: list[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(f"<h2>{heading}</h2>")
        explanation = QLabel(text)
        explanation.setWordWrap(True)
        explanation.setStyleSheet(f"color: {MUTED_COLOR};")
        for label in (title, explanation):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addSpacing(12)
        layout.addLayout(self._buttons)
        layout.addStretch(2)
        self.add_actions(actions)

    def add_actions(self, actions: list[QAction]) -> None:
        """A button for each of `actions` after the ones already there; a click triggers the action."""
        for action in actions:
            button = QPushButton(action.text())
            button.setMinimumWidth(BUTTON_WIDTH)
            button.clicked.connect(action.trigger)
            self._buttons.insertWidget(self._buttons.count() - 1, button)
