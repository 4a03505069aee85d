import sys

from PySide6.QtWidgets import QLineEdit

from desktop.qt_workarounds import keep_none_alive


def test_none_survives_many_void_qt_calls(qtbot):
    keep_none_alive()
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for _ in range(50_000):  # more than None's own reference count in a fresh interpreter
        edit.setText("x")
    assert sys.getrefcount(None) > 1 << 30
