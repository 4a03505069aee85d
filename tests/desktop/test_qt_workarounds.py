import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(body: str) -> subprocess.CompletedProcess:
    # A child process: without the workaround it aborts (PySide6 6.12 on Python 3.11), taking pytest along.
    code = "import desktop\n" + textwrap.dedent(body) + "\nprint('ok')\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_many_python_signal_emits_do_not_abort_the_interpreter():
    result = _run("""
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Emitter(QObject):
            changed = Signal(int)

        app = QCoreApplication([])
        emitter = Emitter()
        for i in range(200_000):
            emitter.changed.emit(i)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_many_void_qt_calls_do_not_abort_the_interpreter():
    result = _run("""
        from PySide6.QtWidgets import QApplication, QLineEdit

        app = QApplication([])
        edit = QLineEdit()
        for _ in range(200_000):
            edit.setText("x")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
