"""Search box and filters above the directory list."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget,
)

from db.directory.models import ServiceStatus
from db.directory.queries import STATUS_LABELS, DirectoryFilter, FilterChoices
from desktop.directory.fields import set_combo_data


def _combo(all_label: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(all_label, None)
    # Long type names must not widen the list pane; the popup still shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Hledat název, poskytovatele, IČO, obec…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.kind = _combo("Všechny druhy služeb")
        self.target_group = _combo("Všechny cílové skupiny")
        self.form = _combo("Všechny formy")
        # The filter matches the places of provision and the area served (územní působnost) alike.
        self.municipality = _combo("Všechny obce (i působnost)")
        self.municipality.setToolTip("Obec, kde je místo poskytování služby, nebo obec v územní působnosti "
                                     "služby (služba do obce dojíždí či ji obsluhuje)")
        self.status = _combo("Všechny stavy")
        for status in ServiceStatus:
            self.status.addItem(STATUS_LABELS[status], status.value)
        self.unverified = QCheckBox("Neověřeno 12 měsíců")
        self.unverified.setToolTip("Poskytovatelé, jejichž údaje nikdo nepotvrdil déle než rok")
        self.reset_button = QToolButton()
        self.reset_button.setText("Zrušit filtry")
        self.reset_button.clicked.connect(self.clear_filters)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        # Two columns: on a 1024 px screen (or 150 % scaling) three would cut „Všechny druhy služeb“.
        for position, widget in enumerate((self.kind, self.target_group, self.form, self.municipality,
                                           self.status, self.unverified)):
            grid.addWidget(widget, position // 2, position % 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        search_line = QHBoxLayout()
        search_line.addWidget(self.search, 1)
        search_line.addWidget(self.reset_button)
        layout.addLayout(search_line)
        layout.addLayout(grid)

        self.search.textChanged.connect(self.changed)
        for combo in (self.kind, self.target_group, self.form, self.municipality, self.status):
            combo.currentIndexChanged.connect(self.changed)
        self.unverified.toggled.connect(self.changed)
        self.changed.connect(self._update_reset)
        self._update_reset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc empties the search box (and only then is it consumed, so dialogs still close with Esc).
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape and self.search.text()):
            self.search.clear()
            return True
        return super().eventFilter(watched, event)

    def set_choices(self, choices: FilterChoices) -> None:
        """Offer the values in use; a chosen value that is still offered stays chosen."""
        for combo, items in ((self.kind, choices.kinds), (self.target_group, choices.target_groups),
                             (self.form, choices.forms),
                             (self.municipality, [(m, m) for m in choices.municipalities])):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, label in items:
                combo.addItem(label, value)
                combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
            set_combo_data(combo, current)
            combo.blockSignals(False)
        self.changed.emit()

    def current_filter(self) -> DirectoryFilter:
        status = self.status.currentData()
        return DirectoryFilter(
            text=self.search.text(), kind=self.kind.currentData() or "",
            target_group_id=self.target_group.currentData(), form_id=self.form.currentData(),
            municipality=self.municipality.currentData() or "",
            status=ServiceStatus(status) if status else None, unverified_only=self.unverified.isChecked())

    def clear_filters(self) -> None:
        """Back to everything, the search text included (as Excel's Clear filter)."""
        self.blockSignals(True)
        self.search.clear()
        for combo in (self.kind, self.target_group, self.form, self.municipality, self.status):
            combo.setCurrentIndex(0)
        self.unverified.setChecked(False)
        self.blockSignals(False)
        self.changed.emit()

    def _update_reset(self) -> None:
        self.reset_button.setEnabled(bool(self.search.text()) or any(c.currentIndex() > 0 for c in (
            self.kind, self.target_group, self.form, self.municipality, self.status)) or self.unverified.isChecked())
