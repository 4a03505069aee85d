"""The question every editing tab asks before unsaved edits would be lost: Uložit / Zahodit / Zpět."""
from __future__ import annotations

import enum

from PySide6.QtWidgets import QMessageBox, QWidget


class UnsavedChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    BACK = "back"


_ANSWERS = {
    QMessageBox.StandardButton.Save: UnsavedChoice.SAVE,
    QMessageBox.StandardButton.Discard: UnsavedChoice.DISCARD,
}


def ask_unsaved_changes(parent: QWidget, message: str) -> UnsavedChoice:
    Button = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "Neuložené změny", message,
                      Button.Save | Button.Discard | Button.Cancel, parent)
    box.setInformativeText("Chcete změny uložit?")
    box.button(Button.Save).setText("Uložit")
    box.button(Button.Discard).setText("Zahodit")
    box.button(Button.Cancel).setText("Zpět")
    box.setDefaultButton(Button.Save)
    box.setEscapeButton(Button.Cancel)
    return _ANSWERS.get(Button(box.exec()), UnsavedChoice.BACK)
