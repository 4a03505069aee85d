"""Czech output redirected on Windows is encoded in the ANSI code page: it must not crash the command."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_help_survives_an_output_encoding_without_czech_letters():
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, env=env,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")
    assert b"Komunitn? pl?n" in done.stdout
