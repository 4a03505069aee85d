"""A missing system library for Qt gives a Czech message naming the Debian package, not a core dump."""
import shutil
import subprocess
import sys

import pytest

from cli.qt_check import debian_package, missing_library_message, window_problem
from tests.conftest import ROOT


@pytest.mark.parametrize(("library", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libEGL.so.1", "libegl1"), ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libfoo.so.3", "libfoo3"), ("libbar2.so.1", "libbar2-1"),
])
def test_library_to_debian_package(library, package):
    assert debian_package(library) == package


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("gcc") is None, reason="needs gcc")
def test_a_library_whose_dependency_is_missing_is_named_with_its_package(tmp_path):
    # A plugin that needs libxcb-cursor.so.0, which is then removed: what the loader reports for a real
    # system without the package.
    (tmp_path / "dep.c").write_text("int dep(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int dep(void); int plugin(void) { return dep(); }\n")
    dep = tmp_path / "libxcb-cursor.so.0"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", dep, tmp_path / "dep.c"], check=True)
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", plugin, tmp_path / "plugin.c", dep], check=True)
    dep.unlink()
    message = missing_library_message([plugin])
    assert "libxcb-cursor.so.0" in message and "sudo apt install libxcb-cursor0" in message


def test_present_libraries_pass():
    assert missing_library_message([]) is None


def test_no_display_is_a_czech_message_not_an_abort(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "kp.sqlite")],
                            capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "grafické prostředí" in result.stderr and "Traceback" not in result.stderr


def test_this_machine_can_start_the_window(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert window_problem() is None


def test_failed_qt_import_names_the_package():
    from cli.qt_check import import_problem

    exc = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    assert "sudo apt install libegl1" in import_problem(exc)
    assert "./run.sh" in import_problem(ImportError("No module named 'PySide6'"))
