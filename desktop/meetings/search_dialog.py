"""Hledat ve všech skupinách: persons, resolution texts, tasks and meetings matching a text
(db.meetings.queries.search, ignoring case and diacritics); a double click shows the hit."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from db.database import Database
from db.meetings.queries import search
from desktop.directory.fields import MUTED_COLOR
from desktop.meetings.table_model import Column, RowsProxy, RowsTableModel, current_key, table_view

HIT_COLUMNS = [
    Column("Druh", lambda h: h.kind_label, 80),
    Column("Nalezeno", lambda h: h.title, 380),
    Column("Kde", lambda h: h.detail, 260),
]


class SearchDialog(QDialog):
    """`chosen` is the SearchHit the clerk opened (None when closed without one)."""

    def __init__(self, db: Database, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.chosen = None
        self.setWindowTitle("Hledat ve všech skupinách")
        self.resize(860, 520)
        self.text = QLineEdit(text)
        self.text.setClearButtonEnabled(True)
        self.text.returnPressed.connect(self.run)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {MUTED_COLOR};")
        self.model = RowsTableModel(HIT_COLUMNS, lambda h: (h.kind, h.id), self)
        self.proxy = RowsProxy(self.model, self)
        self.view = table_view(self.proxy, None)  # the core orders the hits
        self.view.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox()
        self.show_button = buttons.addButton("Zobrazit", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Zavřít", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Hledat:"))
        top.addWidget(self.text, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.run()

    def run(self) -> None:
        text = self.text.text().strip()
        hits = self.db.read(search, text) if len(text) >= 2 else []
        self.model.set_rows(hits)
        self.count.setText(f"nalezeno {len(hits)}" if hits else "nic nenalezeno")
        self.show_button.setEnabled(bool(hits))
        if hits:
            self.view.selectRow(0)

    def accept(self) -> None:
        key = current_key(self.view)
        if key is None:
            return
        row = self.model.row_of_key(key)
        self.chosen = self.model.rows[row]
        super().accept()
