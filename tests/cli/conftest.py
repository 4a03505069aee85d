"""Fixtures shared by the command-line tests."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The path of a database filled by the `demo` command, once per test module (its tests may change it)."""
    path = tmp_path_factory.mktemp("cli") / "kp.sqlite"
    result = run_cli("--db", str(path), "demo")
    assert result.returncode == 0, result.stderr
    assert "Nahrány ukázkové pracovní skupiny: skupiny 5, osoby 41, jednání 28" in result.stdout
    assert "plán 2024–2026 (aktivit: 35" in result.stdout
    return path
