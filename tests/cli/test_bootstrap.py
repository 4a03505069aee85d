"""scripts/bootstrap.sh: the first run shows one Czech line, not pip's and setuptools' English build
warnings; a failed installation shows the end of the log and says where the rest is."""
import os
import shutil
import stat
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform.startswith("win") or shutil.which("bash") is None,
                                reason="bash script")

# Stands in for `python3`: `-m venv DIR` makes DIR/bin/python, a stub whose pip prints what setuptools
# prints on a first install and exits with $PIP_EXIT.
FAKE_PYTHON = """#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  cp "$0" "$3/bin/python"
  exit 0
fi
echo "SetuptoolsDeprecationWarning: License classifiers are deprecated." >&2
echo "!!" >&2
echo "        ********************************************************************************" >&2
exit ${PIP_EXIT:-0}
"""


def _checkout(tmp_path):
    project = tmp_path / "projekt"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "bootstrap.sh", project / "scripts" / "bootstrap.sh")
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return project, fake


def _run(project, fake, pip_exit):
    env = {**os.environ, "PYTHON": str(fake), "PIP_EXIT": str(pip_exit)}
    return subprocess.run(["bash", str(project / "scripts" / "bootstrap.sh")], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


def test_first_run_is_quiet_and_second_run_silent(tmp_path):
    project, fake = _checkout(tmp_path)
    first = _run(project, fake, 0)
    assert first.returncode == 0
    assert first.stdout.strip() == "První spuštění: instaluji potřebné knihovny do .venv (několik minut)…"
    assert first.stderr == ""
    assert "SetuptoolsDeprecationWarning" in (project / ".venv" / "instalace.log").read_text()
    second = _run(project, fake, 0)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")


def test_failed_install_shows_the_log(tmp_path):
    project, fake = _checkout(tmp_path)
    result = _run(project, fake, 1)
    assert result.returncode == 1
    assert "SetuptoolsDeprecationWarning" in result.stderr
    assert "Instalace knihoven selhala" in result.stderr and "instalace.log" in result.stderr
