"""A tab for an agenda that a later version brings; it says so and offers nothing that pretends to work."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from db.database import Database
from desktop.widgets.base_tab import BaseTab


class ComingSoonTab(BaseTab):
    def __init__(self, db: Database, title: str, description: str, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.title = title
        card = QFrame()
        card.setObjectName("comingSoonCard")
        # A width limit, never a fixed size: wrapped text takes the height it needs at any scaling.
        card.setMaximumWidth(560)
        card.setStyleSheet("#comingSoonCard { background: palette(base); border: 1px solid palette(mid);"
                           " border-radius: 6px; }")
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(description)
        text.setWordWrap(True)
        note = QLabel("Tato část aplikace se připravuje a bude doplněna v některé z příštích verzí.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(dark); font-style: italic;")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(10)
        for label in (heading, text, note):
            inner.addWidget(label)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 100)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
