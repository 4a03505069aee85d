"""Confirmation of deleting a service or a provider, offering to end the service(s) instead.

A service that stopped is better ended than deleted: it stays in the records with its end date and
drops out of the printed booklet; deleting is for entries made by mistake.
"""
from __future__ import annotations

import datetime as dt
import enum

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.directory.fields import DateField, FieldRow


class DeleteChoice(enum.Enum):
    END = "end"
    DELETE = "delete"
    CANCEL = "cancel"


class DeleteDialog(QDialog):
    def __init__(self, parent: QWidget, title: str, question: str, explanation: str,
                 end_label: str | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.choice = DeleteChoice.CANCEL
        self.end_date: dt.date | None = None
        heading = QLabel(f"<b>{question}</b>")
        heading.setWordWrap(True)
        text = QLabel(explanation)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)

        self.date = DateField()
        self.date.set_date(dt.date.today())
        self.date_row = FieldRow(self.date)
        self.end_button = QPushButton(end_label or "")
        self.end_button.clicked.connect(self._end)
        if end_label:
            form = QFormLayout()
            form.addRow("Ukončit ke dni:", self.date_row)
            layout.addLayout(form)
        self.end_button.setVisible(bool(end_label))
        self.delete_button = QPushButton("Smazat trvale")
        self.delete_button.clicked.connect(self._delete)
        cancel = QPushButton("Zrušit")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        (self.end_button if end_label else cancel).setDefault(True)

    def _end(self) -> None:
        try:
            self.end_date = self.date.date()
        except ValueError as exc:
            self.date_row.set_error(str(exc))
            return
        if self.end_date is None:
            self.date_row.set_error("Vyplňte datum ukončení.")
            return
        self.choice = DeleteChoice.END
        self.accept()

    def _delete(self) -> None:
        self.choice = DeleteChoice.DELETE
        self.accept()

    def ask(self) -> DeleteChoice:
        self.exec()
        return self.choice
