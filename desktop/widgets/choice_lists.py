"""Refilling a form's choice lists (combos, ticked lists) after another clerk added, renamed or removed
an entry, without touching what the clerk has chosen or typed in the form.

The rule for both kinds: the entries become those given, in their order; what was chosen stays chosen
(by id, so a renamed entry keeps its tick under its new name); a chosen entry no longer offered
(deleted meanwhile) stays at the end under its old name, so her unsaved choice is not changed behind
her back – saving it then gets the core's message. No signal is emitted: nothing she did changed.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole


def refill_combo(combo: QComboBox, entries: Sequence[tuple[object, str]],
                 leading: Sequence[tuple[str, object]] = ()) -> None:
    """Offer `leading` [(label, value)] (e.g. „bez pruhu“ → None) and then `entries` [(value, label)],
    keeping the current value chosen (or kept, when no longer offered). A combo that had entries but
    no current one (index -1) has none afterwards either; an empty one chooses its first entry."""
    was_empty, had_choice = combo.count() == 0, combo.currentIndex() >= 0
    current, current_label = combo.currentData(), combo.currentText()
    offered = [value for _label, value in leading] + [value for value, _label in entries]
    with QSignalBlocker(combo):
        combo.clear()
        for label, value in leading:
            combo.addItem(label, value)
        for value, label in entries:
            combo.addItem(label, value)
        if was_empty:
            combo.setCurrentIndex(0 if combo.count() else -1)
        elif not had_choice:
            combo.setCurrentIndex(-1)
        else:
            if current not in offered:
                combo.addItem(current_label, current)
            combo.setCurrentIndex(combo.findData(current))


def checkable_item(entry_id: object, label: str, checked: bool = False) -> QListWidgetItem:
    item = QListWidgetItem(label)
    item.setData(ID_ROLE, entry_id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def checked_ids(widget: QListWidget) -> list:
    """The ids of the ticked items, in the list's order."""
    return [widget.item(row).data(ID_ROLE) for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked]


def refill_check_list(widget: QListWidget, entries: Sequence[tuple[object, str]]) -> None:
    """Offer `entries` [(id, label)] as ticked items, keeping the ticks (and the scroll position)."""
    ticked = {widget.item(row).data(ID_ROLE): widget.item(row).text() for row in range(widget.count())
              if widget.item(row).checkState() == Qt.CheckState.Checked}
    offered = {entry_id for entry_id, _label in entries}
    scrolled = widget.verticalScrollBar().value()
    with QSignalBlocker(widget):
        widget.clear()
        for entry_id, label in entries:
            widget.addItem(checkable_item(entry_id, label, entry_id in ticked))
        for entry_id, label in ticked.items():
            if entry_id not in offered:
                widget.addItem(checkable_item(entry_id, label, True))
    widget.verticalScrollBar().setValue(scrolled)
