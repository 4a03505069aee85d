"""The print dialog's check "Bez telefonu": entries a reader could not call, each one a click away
from the directory editor where the clerk adds the number."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from printing.booklet.data import ServiceEntry
from printing.typography import czech_plural


class MissingPhonesPanel(QGroupBox):
    """A list of the services printed without a phone, hidden while there are none;
    `open_service(provider_id, service_id)` asks to open the chosen one in the directory (button,
    double-click or Enter)."""

    open_service = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Bez telefonu", parent)
        self.setStyleSheet("QGroupBox::title { color: #a40000; }")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        # A few rows: the list is a to-do beside the options, not a second window.
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 6 + 8)
        self.list.itemActivated.connect(self._open)
        self.list.currentRowChanged.connect(lambda row: self.open_button.setEnabled(row >= 0))
        self.open_button = QPushButton("Otevřít v adresáři")
        self.open_button.setToolTip("Zavře tisk přehledu a otevře službu v editoru, kde doplníte telefon")
        self.open_button.clicked.connect(lambda: self._open(self.list.currentItem()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_entries([])

    def set_entries(self, entries: list[ServiceEntry]) -> None:
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.name} – {entry.provider_name}")
            item.setData(Qt.ItemDataRole.UserRole, (entry.provider_id, entry.id))
            self.list.addItem(item)
        self.setVisible(bool(entries))
        if entries:
            self.setTitle(f"Bez telefonu ({len(entries)})")
            count = czech_plural(len(entries), "služba", "služby", "služeb")
            verb = "se vytisknou" if 2 <= len(entries) <= 4 else "se vytiskne"
            self.summary.setText(f"{count} {verb} bez telefonu: nemá ho služba ani její poskytovatel, čtenář "
                                 "jim nezavolá. Doplňte telefon v adresáři:")
        else:
            self.summary.setText("Všechny služby v přehledu mají telefon.")
        self.list.setCurrentRow(0 if entries else -1)
        self.open_button.setEnabled(bool(entries))

    def count(self) -> int:
        return self.list.count()

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_service.emit(*item.data(Qt.ItemDataRole.UserRole))
