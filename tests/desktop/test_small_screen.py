"""Every control reachable and readable at 1024 × 768 and on a 150 % scaled office laptop.

Scaling by 150 % (QT_SCALE_FACTOR=1.5 or the Windows display setting) enlarges every logical pixel
alike, so a 1366 × 768 laptop at 150 % lays the window out exactly as a 911 × 512 screen at 100 %; and
1920 × 1080 at 150 % as 1280 × 720. The window is checked at these logical sizes less a taskbar.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from db.directory.demo import load_demo
from desktop.main_window import MainWindow
from tests.desktop.reachability import problems

SIZES = {"1024x768": (1024, 728), "1366x768 at 150 %": (911, 480), "1920x1080 at 150 %": (1280, 680)}


@pytest.fixture
def window(show, db, settings):
    load_demo(db)
    return show(MainWindow(db, settings), exposed=True)


def _settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(20)


def _pages(window: MainWindow):
    """Every page a clerk can bring up: each main tab, and in the directory each editor page."""
    tab_list = window.tab_list()
    for index, tab in enumerate(tab_list):
        window.tabs.setCurrentIndex(index)
        if hasattr(tab, "editor"):
            tab.list_pane.set_mode("services")
            tab.list_pane.view().selectRow(3)
            yield f"{tab.title}: service"
            tab.editor.show_provider_page()
            yield f"{tab.title}: provider"
            tab.list_pane.set_mode("providers")
            yield f"{tab.title}: provider list"
        else:
            yield tab.title
        for inner in tab.findChildren(QTabWidget):  # the new agendas' own sub-tabs
            if inner.isVisibleTo(window):
                for page in range(inner.count()):
                    inner.setCurrentIndex(page)
                    yield f"{tab.title}: {inner.tabText(page)}"


@pytest.mark.parametrize("size", SIZES)
def test_every_control_is_reachable_and_readable(qtbot, window, size):
    width, height = SIZES[size]
    window.setMinimumSize(0, 0)
    window.resize(width, height)
    _settle(qtbot)
    assert window.width() <= width and window.height() <= height, "the window fits the screen"
    found = []
    for page in _pages(window):
        _settle(qtbot)
        found += [f"{page}: {problem}" for problem in problems(window)]
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_check_catches_a_cut_off_button(qtbot):
    """The checker itself: a button pushed out of a too small window is reported."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    window = QWidget()
    layout = QHBoxLayout(window)
    for text in ("Uložit", "Nová kategorie…"):
        layout.addWidget(QPushButton(text))
    qtbot.addWidget(window)
    window.show()
    window.setFixedWidth(90)
    _settle(qtbot)
    assert problems(window)


def _settings_dialog(db):
    from desktop.settings_dialog import SettingsDialog
    return SettingsDialog(db)


def _registry_dialog(db):
    from desktop.registry.import_dialog import RegistryImportDialog
    return RegistryImportDialog(db, None, QSettings())


def _print_dialog(db):
    from desktop.booklet.print_dialog import BookletPrintDialog
    return BookletPrintDialog(db)


@pytest.mark.parametrize("make", [_settings_dialog, _registry_dialog, _print_dialog], ids=lambda f: f.__name__[1:])
@pytest.mark.parametrize("size", ["1024x768", "1366x768 at 150 %"])
def test_dialogs_fit_and_every_control_is_reachable(qtbot, db, make, size):
    width, height = SIZES[size]
    dialog = make(db)
    qtbot.addWidget(dialog)
    minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert minimum.width() <= width and minimum.height() <= height, f"the dialog needs {minimum.toTuple()}"
    dialog.resize(min(width, max(dialog.width(), minimum.width())), min(height, max(dialog.height(), minimum.height())))
    dialog.show()
    _settle(qtbot)
    if hasattr(dialog, "tabs"):
        found = []
        for page in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(page)
            _settle(qtbot)
            found += problems(dialog)
    else:
        found = problems(dialog)
    if hasattr(dialog, "is_building"):
        qtbot.waitUntil(lambda: not dialog.is_building(), timeout=20_000)
    assert not found, "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("points", [9, 14, 20])
def test_text_boxes_are_sized_in_lines_of_their_font(qtbot, points):
    """No fixed pixel heights: a larger system font gets a taller box, still showing its lines."""
    from PySide6.QtWidgets import QPlainTextEdit

    from desktop.directory.fields import show_lines

    edit = QPlainTextEdit()
    font = edit.font()
    font.setPointSize(points)
    edit.setFont(font)
    show_lines(edit, 4)
    qtbot.addWidget(edit)
    edit.setPlainText("1\n2\n3\n4")
    edit.show()
    assert edit.viewport().height() >= 4 * edit.fontMetrics().lineSpacing()
