"""The plan tab's filters (search by code or title, pracovní skupina, cílová skupina, odpovídá, stav, jen
zaostávající) and the year whose monitoring the tree and the grid show. Produces the core's TreeFilter;
the search is applied by the tab on top of it."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from db.plan.queries import TreeFilter
from desktop.plan.choices import PlanChoices


def _combo(empty: str, minimum: int) -> QComboBox:
    """A filter list whose first item ("Pracovní skupina" = any) names what it filters."""
    combo = QComboBox()
    combo.addItem(empty, None)
    combo.setToolTip(f"{empty}: filtr")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(minimum)
    return combo


class PlanFilterBar(QWidget):
    changed = Signal()

    def __init__(self, year: QComboBox, parent: QWidget | None = None):
        super().__init__(parent)
        self.year = year
        self.search = QLineEdit()
        self.search.setPlaceholderText("Hledat… (Ctrl+F)")
        self.search.setToolTip("Kód nebo část názvu položky plánu")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(64)
        self.search.setMaximumWidth(150)
        self.working_group = _combo("Pracovní skupina", 7)
        self.target_group = _combo("Cílová skupina", 7)
        self.responsible = QLineEdit()
        self.responsible.setPlaceholderText("Odpovídá…")
        self.responsible.setToolTip("Část názvu odpovědného subjektu (garanta)")
        self.responsible.setClearButtonEnabled(True)
        self.responsible.setMinimumWidth(64)
        self.responsible.setMaximumWidth(130)
        self.state = _combo("Stav", 5)
        self.behind = QCheckBox("Zaostávající")
        self.behind.setToolTip("Aktivity, jejichž plnění zaostává za plánem daného roku")
        self.reset = QToolButton()
        self.reset.setText("Zrušit")
        self.reset.setToolTip("Zrušit filtr a hledání")
        self.reset.clicked.connect(self.clear)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        year_label = QLabel("Rok:")
        year_label.setToolTip("Rok hodnocení: stav a plnění ve stromu a v monitoringu")
        layout.addWidget(year_label)
        layout.addWidget(self.year)
        layout.addSpacing(8)
        # The lists get the spare width (their names are long); the two text boxes stay compact.
        for widget, stretch in ((self.search, 0), (self.working_group, 2), (self.target_group, 2),
                                (self.responsible, 0), (self.state, 1)):
            layout.addWidget(widget, stretch)
        layout.addWidget(self.behind)
        layout.addWidget(self.reset)
        for combo in (self.working_group, self.target_group, self.state):
            combo.currentIndexChanged.connect(self._emit)
        self.behind.toggled.connect(self._emit)
        self.responsible.textChanged.connect(self._typing.start)
        self.search.textChanged.connect(self._typing.start)
        self.reset.setEnabled(False)

    def set_choices(self, choices: PlanChoices) -> None:
        for combo, items in ((self.working_group, choices.working_groups),
                             (self.target_group, choices.target_groups),
                             (self.state, [(s.id, s.name) for s in choices.states])):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for item_id, name in items:
                combo.addItem(name, item_id)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def current_filter(self) -> TreeFilter:
        return TreeFilter(working_group_id=self.working_group.currentData(),
                          target_group_id=self.target_group.currentData(),
                          responsible=self.responsible.text().strip(), state_id=self.state.currentData(),
                          behind_only=self.behind.isChecked())

    def search_text(self) -> str:
        return self.search.text().strip()

    def is_active(self) -> bool:
        return self.current_filter().active or bool(self.search_text())

    def clear(self) -> None:
        for widget in (self.working_group, self.target_group, self.state, self.responsible, self.behind, self.search):
            widget.blockSignals(True)
        self.working_group.setCurrentIndex(0)
        self.target_group.setCurrentIndex(0)
        self.state.setCurrentIndex(0)
        self.responsible.clear()
        self.behind.setChecked(False)
        self.search.clear()
        for widget in (self.working_group, self.target_group, self.state, self.responsible, self.behind, self.search):
            widget.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self.reset.setEnabled(self.is_active())
        self.changed.emit()
