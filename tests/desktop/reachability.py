"""Whether a clerk can reach and read every control of a window at a given size.

A control is reachable when each of its ancestors up to the window shows it whole, where a scroll
area's content counts as shown if the scroll area can scroll to it (its scroll bar in that direction is
not switched off and reaches far enough). Readable: a button is not narrower than its text needs, a
combo box shows its current text whole, a table's columns can all be scrolled into view.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLabel, QLineEdit,
    QPlainTextEdit, QScrollBar, QStyle, QStyleOptionComboBox, QTableView, QTabBar, QTextEdit, QWidget,
)

INTERACTIVE = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit,
               QAbstractItemView, QTabBar)
TOLERANCE = 2
LONG_TEXT_MIN = 200  # px of a long combo text that must show (about 30 characters)  # px: frames and focus rectangles may overhang by a pixel or two


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(inner)


def _scrollable_to(area: QAbstractScrollArea, rect: QRect) -> bool:
    """`rect` (in the coordinates of the area's content) can be scrolled into the viewport."""
    viewport = area.viewport().rect()
    for bar, policy, extent, start, size in (
            (area.horizontalScrollBar(), area.horizontalScrollBarPolicy(), viewport.width(), rect.left(), rect.width()),
            (area.verticalScrollBar(), area.verticalScrollBarPolicy(), viewport.height(), rect.top(), rect.height())):
        needed = start + min(size, extent) - extent
        if needed > TOLERANCE and (policy == Qt.ScrollBarPolicy.ScrollBarAlwaysOff or bar.maximum() < needed):
            return False
    return True


def unreachable_reason(widget: QWidget, window: QWidget) -> str | None:
    """None when `widget` can be seen whole (scrolling allowed), else what hides it."""
    rect = QRect(widget.pos(), widget.size())  # always in the coordinates of `parent`
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport() and not isinstance(child, QScrollBar):
            # `rect` lies in the scrolled content: undo the current scrolling, ask whether it can scroll there.
            if not _scrollable_to(area, _content_rect(area, rect)):
                return f"{_name(widget)} lies outside the scrollable part of {_name(area)}"
            rect = QRect(area.pos(), area.size())
            child, parent = area, area.parentWidget()
            continue
        if not _inside(rect, parent.rect()):
            return f"{_name(widget)} at {rect.getRect()} is cut off by {_name(parent)} of size {parent.size().toTuple()}"
        rect.translate(parent.pos())
        child, parent = parent, parent.parentWidget()
    return None


def _content_rect(area: QAbstractScrollArea, rect_in_viewport: QRect) -> QRect:
    """A rect given in viewport coordinates, as it lies in the whole scrollable content."""
    return rect_in_viewport.translated(area.horizontalScrollBar().value(), area.verticalScrollBar().value())


def unreadable_reason(widget: QWidget) -> str | None:
    if isinstance(widget, QAbstractButton) and widget.text():
        if widget.width() + TOLERANCE < widget.minimumSizeHint().width() or \
                widget.width() + TOLERANCE < min(widget.sizeHint().width(), widget.maximumWidth()):
            return f"button „{widget.text()}“ is {widget.width()} px wide, its text needs {widget.sizeHint().width()}"
    if isinstance(widget, QComboBox) and widget.currentText() and not widget.isEditable():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                              QStyle.SubControl.SC_ComboBoxEditField, widget)
        needed = widget.fontMetrics().horizontalAdvance(widget.currentText())
        # A long name (the § types) may be cut if a good part shows and the tooltip holds it whole.
        long_and_explained = (len(widget.currentText()) > 40 and field.width() >= LONG_TEXT_MIN
                              and widget.toolTip() == widget.currentText())
        if needed > field.width() + TOLERANCE and not long_and_explained:
            return f"combo box shows „{widget.currentText()}“ in {field.width()} px, needs {needed}"
    if isinstance(widget, QTableView):
        header = widget.horizontalHeader()
        total = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
        reach = widget.viewport().width() + (
            0 if widget.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            else widget.horizontalScrollBar().maximum())
        if total > reach + TOLERANCE:
            return f"table columns need {total} px, only {reach} can be scrolled into view"
    return None


def cut_label_reason(label: QLabel) -> str | None:
    """A word-wrapped label given less height than its text needs (a fixed height somewhere)."""
    if not label.wordWrap() or not label.text():
        return None
    needed = label.heightForWidth(label.width())
    if needed > label.height() + TOLERANCE:
        return f"label „{label.text()[:40]}…“ is {label.height()} px high, its text needs {needed}"
    return None


def problems(window: QWidget, root: QWidget | None = None) -> list[str]:
    """Every visible interactive widget under `root` (default the window) that cannot be reached or read,
    and every wrapped label cut at the bottom."""
    found = []
    for label in (root or window).findChildren(QLabel):
        reason = label.isVisibleTo(window) and cut_label_reason(label)
        if reason:
            found.append(reason)
    for widget in (root or window).findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar) or not widget.isVisibleTo(window):
            continue
        if widget.window() is not window:
            continue
        reason = unreachable_reason(widget, window) or unreadable_reason(widget)
        if reason:
            found.append(reason)
    return found


def _name(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    if not isinstance(text, str):
        text = ""
    return f"{type(widget).__name__}{f' „{text}“' if text else ''}{f' #{widget.objectName()}' if widget.objectName() else ''}"
