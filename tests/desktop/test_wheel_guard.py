"""The mouse wheel never changes a value the clerk is not editing (issue: „lůžka“ became „hovory“)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QDateEdit, QDateTimeEdit, QDoubleSpinBox, QLineEdit,
    QScrollArea, QSlider, QSpinBox, QTimeEdit, QVBoxLayout, QWidget,
)

from desktop.directory.fields import OptionalSpinBox


def wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the wheel over the middle of `widget` (negative = towards the clerk = down)."""
    local = QPointF(widget.rect().center())
    event = QWheelEvent(local, QPointF(widget.mapToGlobal(local.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractSlider):
        return widget.value()
    raise TypeError(type(widget).__name__)


def guarded_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, (QComboBox, QAbstractSpinBox)) and w.isEnabled()]


def _editable_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(["lůžka", "hovory", "klienti"])
    return combo


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["poskytovaná", "dočasně pozastavená", "ukončená"])
    return combo


def _spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(12)
    return spin


def _double() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setValue(12.5)
    return spin


def _optional() -> OptionalSpinBox:
    spin = OptionalSpinBox(999)
    spin.set_number(12)
    return spin


def _slider() -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 10)
    slider.setValue(5)
    return slider


FACTORIES = {
    "QComboBox": _combo, "editable QComboBox": _editable_combo, "QSpinBox": _spin, "QDoubleSpinBox": _double,
    "OptionalSpinBox": _optional, "QDateEdit": lambda: QDateEdit(QDate(2026, 11, 30)),
    "QTimeEdit": lambda: QTimeEdit(QTime(8, 30)),
    "QDateTimeEdit": lambda: QDateTimeEdit(QDateTime(QDate(2026, 11, 30), QTime(8, 30))), "QSlider": _slider,
}


@pytest.fixture
def form(qtbot):
    """A long scrollable form with one widget of every kind in the middle of it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    body = QWidget()
    layout = QVBoxLayout(body)
    first = QLineEdit()  # takes the focus when the window is shown, as the name field of a form does
    layout.addWidget(first)
    layout.addSpacing(600)
    widgets = {name: make() for name, make in FACTORIES.items()}
    for widget in widgets.values():
        layout.addWidget(widget)
    layout.addSpacing(600)
    area.setWidget(body)
    area.resize(400, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    assert not any(w.hasFocus() for w in widgets.values())
    return area, widgets


@pytest.mark.parametrize("name", FACTORIES)
def test_wheel_over_an_unfocused_widget_scrolls_the_form_and_keeps_the_value(qtbot, form, name):
    area, widgets = form
    widget = widgets[name]
    area.ensureWidgetVisible(widget)
    before, scrolled = value_of(widget), area.verticalScrollBar().value()
    wheel(widget, -1)
    assert value_of(widget) == before
    assert area.verticalScrollBar().value() > scrolled, "the form scrolls instead"
    wheel(widget, +1)
    assert value_of(widget) == before


@pytest.mark.parametrize("name", FACTORIES)
def test_the_wheel_does_not_take_the_focus(form, name):
    _area, widgets = form
    assert widgets[name].focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_a_focused_widget_still_takes_the_wheel(qtbot, form):
    area, widgets = form
    spin = widgets["QSpinBox"]
    area.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, +1)
    assert spin.value() == 13


def test_every_value_widget_of_the_service_editor_keeps_its_value(qtbot, db):
    """The faults as reported: unit, capacity, § and state under the pointer while scrolling the form."""
    from db.directory.queries import editor_choices
    from desktop.directory.service_editor import ServiceEditor

    editor = ServiceEditor(db.read(editor_choices))
    qtbot.addWidget(editor)
    editor.resize(600, 400)
    editor.show()
    qtbot.waitExposed(editor)
    for check in editor.forms.findChildren(QWidget):
        if hasattr(check, "setChecked"):
            check.setChecked(True)  # enables capacity and unit
    editor.kind.setCurrentIndex(3)
    widgets = guarded_widgets(editor)
    assert len(widgets) >= 9  # kind, status, fee, 2 ages, 3 capacities + 3 units
    for widget in widgets:
        editor.ensureWidgetVisible(widget)
        before = value_of(widget)
        for steps in (-1, +1):  # each checked alone: down then up would put a changed value back
            wheel(widget, steps)
            assert value_of(widget) == before, type(widget).__name__


def _sweep(widgets) -> list[str]:
    changed = []
    for widget in widgets:
        if widget.hasFocus() or not widget.isVisible():
            continue
        before = value_of(widget)
        for steps in (-1, +1):  # each checked alone: down then up would put a changed value back
            wheel(widget, steps)
            if value_of(widget) != before:
                changed.append(f"{type(widget).__name__} {before} → {value_of(widget)}")
                break
    return changed


def test_no_value_widget_in_the_window_or_its_dialogs_takes_the_wheel(qtbot, db, tmp_path):
    """One mechanism for every form and dialog: sweep all of them, tabs added later included."""
    from PySide6.QtCore import QSettings

    from db.directory.demo import load_demo
    from desktop.booklet.print_dialog import BookletPrintDialog
    from desktop.main_window import MainWindow
    from desktop.registry.import_dialog import RegistryImportDialog
    from desktop.settings_dialog import SettingsDialog

    load_demo(db)
    window = MainWindow(db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    changed, swept = [], 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tab_list()[index]
        if hasattr(tab, "editor"):
            tab.list_pane.view().selectRow(3)
        widgets = guarded_widgets(window)
        swept += len(widgets)
        changed += _sweep(widgets)
    for make in (lambda: SettingsDialog(db, window), lambda: BookletPrintDialog(db, window),
                 lambda: RegistryImportDialog(db, window, QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat))):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for inner in [dialog.tabs] if hasattr(dialog, "tabs") else [None]:
            for page in range(inner.count() if inner else 1):
                if inner:
                    inner.setCurrentIndex(page)
                widgets = guarded_widgets(dialog)
                swept += len(widgets)
                changed += _sweep(widgets)
        if hasattr(dialog, "is_building"):
            qtbot.waitUntil(lambda d=dialog: not d.is_building(), timeout=20_000)
    assert swept >= 15
    assert not changed, changed
