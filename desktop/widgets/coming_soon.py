"""A tab for an agenda that a later version brings; it says so and offers nothing that pretends to work."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from db.database import Database
from desktop.widgets.base_tab import BaseTab


class ComingSoonTab(BaseTab):
    def __init__(self, db: Database, title: str, description: str, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.title = title
        heading = QLabel(f"<h2>{title}</h2>")
        text = QLabel(description + "<br><br><i>Tato část aplikace se připravuje a bude doplněna "
                                    "v některé z příštích verzí.</i>")
        text.setWordWrap(True)
        text.setMaximumWidth(640)
        for label in (heading, text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
