import subprocess
import sys
import textwrap


def test_many_python_signal_emits_do_not_abort_the_interpreter():
    # Run in a child: without the workaround the process dies with "bool_dealloc" (PySide6 6.12, Py 3.11).
    code = textwrap.dedent("""
        import desktop
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Emitter(QObject):
            changed = Signal(int)

        app = QCoreApplication([])
        emitter = Emitter()
        for i in range(200_000):
            emitter.changed.emit(i)
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
