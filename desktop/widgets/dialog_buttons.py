"""The buttons at the foot of a dialog: what it does (Uložit, Pokračovat, Vytvořit…) and Zrušit, in Czech
whatever the system's language, placed as the platform orders them."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def dialog_buttons(dialog: QDialog, accept_text: str, on_accept: Callable[[], object] | None = None,
                   accept: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok) -> QDialogButtonBox:
    """`accept_text` on the `accept` button (Ok or Save: the role and the Enter key are the same) and
    Zrušit. The first runs `on_accept` (`dialog.accept` when None; a save that accepts only when it
    succeeds), Zrušit and Esc reject the dialog."""
    buttons = QDialogButtonBox(accept | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(accept).setText(accept_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Zrušit")
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
