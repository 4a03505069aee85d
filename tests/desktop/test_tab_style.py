"""Accents of Czech capitals stay visible on unselected tab labels (desktop/widgets/tab_style.py)."""
from PySide6.QtWidgets import QTabWidget, QWidget


def _unselected_tab_image(qtbot, label: str):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Jednání")
    tabs.addTab(QWidget(), label)
    tabs.resize(300, 80)
    tabs.show()
    bar = tabs.tabBar()
    return bar.grab(bar.tabRect(1)).toImage()


def test_the_hacek_of_an_unselected_tab_is_drawn(qtbot):
    # If the top of the label were clipped, „Řízení“ would be drawn exactly as „Rízení“.
    assert _unselected_tab_image(qtbot, "Řízení") != _unselected_tab_image(qtbot, "Rízení")
    assert _unselected_tab_image(qtbot, "Členové") != _unselected_tab_image(qtbot, "Clenové")
    assert _unselected_tab_image(qtbot, "Ústí") != _unselected_tab_image(qtbot, "Ustí")
