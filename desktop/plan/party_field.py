"""Who is responsible or a partner: a provider of the directory, the town, or anyone typed in.

One editable combo: the list offers the town and the providers (typing filters it by any part of the
name, diacritics as typed); text that matches no provider is kept as free text.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)


class PartyCombo(QComboBox):
    """value() → (provider id or None, text); the text is empty for a provider."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(20)
        self.lineEdit().setPlaceholderText("poskytovatel z adresáře, obec nebo jiný subjekt")
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._providers: dict[str, int] = {}

    def set_choices(self, providers: list[tuple[int, str]], town: str) -> None:
        """Offer the town and `providers` [(id, name)], keeping what is chosen: a chosen provider by
        its id (under its new name when renamed; kept under the old one when deleted meanwhile),
        typed text as typed."""
        chosen, text = self.value()
        shown = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItem("")
        if town:
            self.addItem(town)
        for provider_id, name in providers:
            self.addItem(name, provider_id)
        self._providers = {name: provider_id for provider_id, name in providers}
        if chosen is not None and self.findData(chosen) < 0:
            self.addItem(shown, chosen)
            self._providers.setdefault(shown, chosen)
        if chosen is not None:
            self.setCurrentIndex(self.findData(chosen))
        else:
            self.setEditText(text)
        self.blockSignals(False)

    def value(self) -> tuple[int | None, str]:
        text = " ".join(self.currentText().split())
        if text in self._providers:
            return self._providers[text], ""
        return None, text

    def set_value(self, provider_id: int | None, text: str) -> None:
        if provider_id is not None:
            index = self.findData(provider_id)
            if index >= 0:
                self.setCurrentIndex(index)
                return
        self.setEditText(text)

    def display(self) -> str:
        return " ".join(self.currentText().split())


class PartnersEditor(QWidget):
    """Spolupracující subjekty: a list with Přidat / Odebrat; value() → [(provider id | None, name)]."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMinimumHeight(60)
        self.input = PartyCombo()
        self.add_button = QPushButton("Přidat")
        self.remove_button = QPushButton("Odebrat")
        self.add_button.clicked.connect(self.add_current)
        self.input.lineEdit().returnPressed.connect(self.add_current)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def set_choices(self, providers: list[tuple[int, str]], town: str) -> None:
        """Offer `providers` [(id, name)]; partners already listed keep their place, a renamed
        provider shows its new name."""
        self.input.set_choices(providers, town)
        self._names = {provider_id: name for provider_id, name in providers}
        for row in range(self.list.count()):
            item = self.list.item(row)
            name = self._names.get(item.data(Qt.ItemDataRole.UserRole))
            if name is not None:
                item.setText(name)

    def set_value(self, partners: list[tuple[int | None, str]]) -> None:
        self.list.clear()
        for provider_id, name in partners:
            self._append(provider_id, self._names.get(provider_id, name) if provider_id is not None else name)

    def value(self) -> list[tuple[int | None, str]]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            provider_id = item.data(Qt.ItemDataRole.UserRole)
            out.append((provider_id, "" if provider_id is not None else item.text()))
        return out

    def _append(self, provider_id: int | None, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, provider_id)
        if provider_id is not None:
            item.setToolTip("Poskytovatel z adresáře")
        self.list.addItem(item)

    def add_current(self) -> None:
        provider_id, text = self.input.value()
        name = self.input.display()
        if not name or (provider_id, text) in self.value():
            return
        self._append(provider_id, name)
        self.input.setEditText("")
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
