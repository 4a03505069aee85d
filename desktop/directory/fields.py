"""Small input widgets of the directory editor: a field with its inline error, an optional date, an
optional number, and one way to listen to any of them changing."""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QMenu,
    QPlainTextEdit, QSpinBox, QTableWidget, QToolButton, QVBoxLayout, QWidget, QWidgetAction,
)

from desktop.directory.formatting import czech_date

ERROR_COLOR = "#b3261e"
MUTED_COLOR = "#5f6368"
DATE_HINT = "Datum zadejte jako den. měsíc. rok, např. 22. 11. 2026."
_DATE_RE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")


def parse_czech_date(text: str) -> dt.date | None:
    """'22. 11. 2026' (spaces optional) or ISO '2026-11-22'; empty gives None; raises ValueError."""
    text = text.strip()
    if not text:
        return None
    match = _DATE_RE.fullmatch(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(DATE_HINT) from None


def note_label(text: str = "") -> QLabel:
    """A grey explanation under or beside a form, wrapped to its width."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


def error_label() -> QLabel:
    """A red line for what stops a save, wrapped; hidden until it has something to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.hide()
    return label


class FieldRow(QWidget):
    """An input with a red message under it that appears only when the value is wrong."""

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.input = field
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.input.setProperty("invalid", bool(message))
        # A dynamic property only restyles after the style is re-applied.
        self.input.style().unpolish(self.input)
        self.input.style().polish(self.input)

    def error_text(self) -> str:
        return self.error.text()


class DateField(QWidget):
    """A date typed as text (empty allowed) with a calendar button and an optional "Dnes" button."""

    changed = Signal()
    editingFinished = Signal()

    def __init__(self, with_today: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("d. m. rrrr")
        self.edit.setMaximumWidth(110)
        self.edit.textChanged.connect(self.changed)
        self.edit.editingFinished.connect(self.editingFinished)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._prepare_calendar)
        self._menu = menu
        pick = QToolButton()
        pick.setArrowType(Qt.ArrowType.DownArrow)
        pick.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        pick.setToolTip("Vybrat v kalendáři")
        pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        pick.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(pick)
        if with_today:
            today = QToolButton()
            today.setText("Dnes")
            today.setToolTip("Vyplnit dnešní datum")
            today.clicked.connect(lambda: self._set_and_finish(dt.date.today()))
            layout.addWidget(today)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(czech_date(value))

    def date(self) -> dt.date | None:
        """The date, or None when empty; raises ValueError with a Czech hint when unreadable."""
        return parse_czech_date(self.edit.text())

    def _prepare_calendar(self) -> None:
        try:
            current = self.date() or dt.date.today()
        except ValueError:
            current = dt.date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _picked(self, value: QDate) -> None:
        self._menu.hide()
        self._set_and_finish(dt.date(value.year(), value.month(), value.day()))

    def _set_and_finish(self, value: dt.date) -> None:
        self.set_date(value)
        self.editingFinished.emit()


class OptionalSpinBox(QSpinBox):
    """A whole number that may be left out ("—")."""

    def __init__(self, maximum: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText("—")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def number(self) -> int | None:
        return None if self.value() < 0 else self.value()

    def set_number(self, value: int | None) -> None:
        self.setValue(-1 if value is None else value)


def watch(widget: QWidget, slot) -> None:
    """Call `slot` whenever the clerk changes the widget's value."""
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
    elif isinstance(widget, (QListWidget, QTableWidget)):
        widget.itemChanged.connect(slot)
    elif isinstance(widget, DateField):
        widget.changed.connect(slot)
    else:
        raise TypeError(f"watch() does not know {type(widget).__name__}")


def show_lines(edit: QPlainTextEdit, lines: int) -> None:
    """Make a text box `lines` lines of its font high, so larger system fonts or scaling never cut it."""
    margins = edit.contentsMargins()
    edit.setFixedHeight(round(edit.fontMetrics().lineSpacing() * lines + 2 * edit.document().documentMargin()
                              + margins.top() + margins.bottom() + 2 * edit.frameWidth()))


def set_combo_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    # Reflow on a small screen (1024 px, 150 % scaling): a field that does not fit beside its label
    # goes under it, instead of the form growing wider than its pane.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    # Labels sit at the top: a field may grow a red message underneath (see align_labels).
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form


def align_labels(forms: list[QFormLayout]) -> None:
    """Give the label columns of several stacked forms one width, so their fields line up."""
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
              for form in forms for row in range(form.rowCount())
              if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None]
    width = max((label.sizeHint().width() for label in labels), default=0)
    line_height = QLineEdit().sizeHint().height()
    for label in labels:
        label.setMinimumWidth(width)
        # As tall as one input line and centred in it, so the text sits level with the field's text.
        label.setFixedHeight(line_height)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
