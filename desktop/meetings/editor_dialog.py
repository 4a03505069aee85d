"""A dialog that edits one record and guards unsaved edits: Zavřít (Esc, the window's ×) asks the
directory's question Uložit / Zahodit / Zpět; Uložit (Ctrl+S) validates and shows problems under the
fields instead of closing."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.directory.fields import ERROR_COLOR
from desktop.widgets.unsaved_changes import UnsavedChoice, ask_unsaved_changes

UNSAVED_COLOR = "#a14a00"


class EditorDialog(QDialog):
    """Subclasses implement is_dirty(), save() -> bool and unsaved_message(). A long editor (the
    meeting) sets `close_on_save = False`: Uložit keeps it open for more work."""

    close_on_save = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Uložit")
        self.save_button.setToolTip("Uložit (Ctrl+S)")
        self.save_button.setAutoDefault(False)
        self.close_button = QPushButton("Zavřít")
        self.close_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_and_close)
        self.close_button.clicked.connect(self.reject)
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        save_action.triggered.connect(self.save_and_close)
        self.addAction(save_action)

    def button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        return bar

    # -- to implement ----------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    def unsaved_message(self) -> str:
        return "Záznam má neuložené změny."

    # -- shared behaviour ------------------------------------------------------------------------
    def show_error_count(self, count: int) -> None:
        what = ("chybu označenou" if count == 1 else f"{count} chyby označené" if count < 5
                else f"{count} chyb označených")
        self.status.setText(f"Záznam nelze uložit: opravte {what} červeně.")
        self.status.setStyleSheet(f"color: {ERROR_COLOR};")

    def show_dirty(self) -> None:
        if self.is_dirty():
            self.status.setText("Neuložené změny")
            self.status.setStyleSheet(f"color: {UNSAVED_COLOR};")
        else:
            self.status.setText("")

    def save_and_close(self) -> None:
        if self.save() and self.close_on_save:
            self.accept()

    def confirm_close(self) -> bool:
        if not self.is_dirty():
            return True
        choice = ask_unsaved_changes(self, self.unsaved_message())
        if choice is UnsavedChoice.SAVE:
            return self.save()
        return choice is UnsavedChoice.DISCARD

    def reject(self) -> None:
        # QDialog routes Esc and the window's × here, and keeps the window open if it stays visible.
        if self.confirm_close():
            super().reject()
