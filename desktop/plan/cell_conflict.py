"""A monitoring cell whose save met another clerk's (db.plan.monitoring.CellConflict): a small box says
who saved the cell and when and what is stored now beside her value, and she keeps hers or takes the
stored one. Used by the Monitoring view's grid and the plan item's Monitoring tab, which save cell by
cell; whole records go through desktop/widgets/conflict_dialog.py instead.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from db.database import Database
from db.plan.monitoring import TEXT_FIELDS, CellConflict, save_grid_cell
from desktop.plan.formatting import czech_kc, czech_number, percent

MAX_SHOWN = 300  # characters of a long evaluation text shown in the box
TITLE = "Buňku mezitím uložil někdo jiný"
KEEP_MINE = "Ponechat moji hodnotu"
TAKE_STORED = "Převzít uloženou"


def cell_text(field: str, value, state_names: dict[int, str]) -> str:
    """A cell's value as the grid shows it („—“ for an empty cell)."""
    if value is None or value == "":
        return "—"
    if field == "state":
        return state_names.get(value, "(stav, který už v seznamu není)")
    if field == "completion":
        return percent(value)
    if field.startswith("spent:"):
        return czech_kc(value)
    if field.startswith("actual:"):
        return czech_number(value)
    text = str(value)
    return text if len(text) <= MAX_SHOWN or field not in TEXT_FIELDS else text[:MAX_SHOWN] + " …"


def keeps_mine(parent: QWidget, conflict: CellConflict, mine, state_names: dict[int, str]) -> bool:
    """Ask which value counts; True: hers (Ponechat moji hodnotu). Closing the box takes the stored one,
    so nothing is overwritten without her saying so."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, conflict.headline, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setInformativeText(f"Uloženo: {cell_text(conflict.field, conflict.stored, state_names)}\n"
                           f"Vaše hodnota: {cell_text(conflict.field, mine, state_names)}\n\n"
                           "Která hodnota má platit?")
    keep = box.addButton(KEEP_MINE, QMessageBox.ButtonRole.AcceptRole)
    take = box.addButton(TAKE_STORED, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(take)
    box.setEscapeButton(take)
    box.exec()
    return box.clickedButton() is keep


def save_cell_asking(parent: QWidget, db: Database, round_id: int, node_id: int, field: str, value, seen,
                     state_names: dict[int, str]) -> bool:
    """Save a cell the clerk changed from `seen`; when another clerk saved it meanwhile, ask her. True
    when her value was saved, False when she took the stored one. Other UserErrors propagate."""
    while True:
        try:
            db.write(save_grid_cell, round_id, node_id, field, value, None, seen)
            return True
        except CellConflict as conflict:
            if not keeps_mine(parent, conflict, value, state_names):
                return False
            seen = conflict.stored  # she has seen it now; a third clerk's save would ask again
