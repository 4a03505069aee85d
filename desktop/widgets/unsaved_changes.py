"""The question every editing tab asks before unsaved edits would be lost: Uložit / Zahodit / Zpět."""
from __future__ import annotations

import enum
from collections.abc import Callable

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


def settle_unsaved(choice: UnsavedChoice, save: Callable[[], bool], discard: Callable[[], object]) -> bool:
    """Carry out the clerk's answer: True when the edits are saved (`save()` returned True) or discarded
    and the record may be left, False to stay with it (Zpět, or a save refused by validation)."""
    if choice is UnsavedChoice.SAVE:
        return save()
    if choice is UnsavedChoice.DISCARD:
        discard()
        return True
    return False
