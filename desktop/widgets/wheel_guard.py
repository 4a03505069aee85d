"""One rule for the whole application: the mouse wheel never changes a value the clerk is not editing.

Qt lets a combo box, spin box, date/time edit or slider take the wheel as soon as the pointer passes
over it, so scrolling a long form silently changed units, capacities and statuses. The guard, installed
once on the QApplication (desktop/app.py, and the tests' qapp), applies to every form and dialog,
including tabs added later:

- such widgets get the StrongFocus policy (Tab or a click focuses them, the wheel does not);
- a wheel event over one that has no focus is handed to the nearest enclosing scroll area that can
  still scroll, so the form scrolls as if the widget were not there. Once the clerk has clicked into
  the widget, the wheel changes its value as usual.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QWidget,
)

_GUARDED = (QComboBox, QAbstractSpinBox)


def guarded_widget(obj: QObject) -> QWidget | None:
    """The value widget a wheel event over `obj` would change: the widget itself, or the combo box /
    spin box whose inner line edit `obj` is. None for everything else (scroll bars included)."""
    if isinstance(obj, QScrollBar):
        return None
    if isinstance(obj, _GUARDED) or isinstance(obj, QAbstractSlider):
        return obj
    parent = obj.parent() if isinstance(obj, QWidget) else None
    if isinstance(parent, _GUARDED):
        return parent
    return None


def _scroll_target(widget: QWidget, vertical: bool) -> QAbstractScrollArea | None:
    """The nearest scroll area around `widget` that can scroll further in the wheel's direction."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            bar = parent.verticalScrollBar() if vertical else parent.horizontalScrollBar()
            if bar.maximum() > bar.minimum():
                return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Application-wide event filter; see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            return self._wheel(watched, event)
        if kind == QEvent.Type.Polish and isinstance(watched, (*_GUARDED, QAbstractSlider)) \
                and not isinstance(watched, QScrollBar) and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False

    def _wheel(self, watched: QObject, event: QWheelEvent) -> bool:
        widget = guarded_widget(watched)
        if widget is None or widget.hasFocus():
            return False
        delta = event.angleDelta()
        vertical = abs(delta.y()) >= abs(delta.x())
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            vertical = not vertical  # Alt+wheel scrolls sideways in Qt
        area = _scroll_target(widget, vertical)
        if area is not None:
            viewport = area.viewport()
            position = viewport.mapFromGlobal(event.globalPosition())
            forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                                    event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                                    event.source())
            QApplication.sendEvent(viewport, forwarded)
        # Consumed either way: the value stays, and nothing lower in the chain sees the wheel again.
        event.accept()
        return True


def install(app: QApplication) -> WheelGuard:
    """Install the guard once on `app` (a second call returns the installed one)."""
    existing = app.findChild(WheelGuard)
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
