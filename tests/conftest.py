"""Fixtures shared by all tests: isolated user folders, a fresh database, an offscreen Qt."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# One pytest process drives thousands of Qt calls; importing desktop pins the singletons
# (desktop/qt_workarounds.py) before any test touches Qt.
import desktop  # noqa: E402,F401
from PySide6.QtCore import QSettings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Keep the per-user data folder and Qt settings of tests away from the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    # platformdirs asks Windows itself (not %APPDATA%) unless its override variable is set.
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(home / "appdata"))
    # On Windows QSettings() would write the real registry (HKCU\Software\KomunitniPlan): use files here.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "config"))
    return home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "kp.sqlite"


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the whole run (tests/pg_cluster.py). Skipped with the reason
    when the server binaries are missing, unless KP_REQUIRE_POSTGRES=1 (CI), which makes it an error."""
    from tests.pg_cluster import REQUIRE_ENV, Cluster, ClusterUnavailable

    try:
        cluster = Cluster()
    except ClusterUnavailable as exc:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but PostgreSQL cannot run: {exc}", pytrace=False)
        pytest.skip(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """The postgresql:// address of a new, empty database on the test cluster (dropped afterwards)."""
    url = pg_cluster.create_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def backend(request) -> str:
    """Which kind of database the `db` fixture opens: "sqlite", or "postgresql" where the tests are
    parametrised over both (pytest_generate_tests in tests/db/conftest.py)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db(backend, db_path, request):
    from db.database import open_database

    if backend == "postgresql":
        database = open_database(request.getfixturevalue("pg_cluster").app_database())
    else:
        database = open_database(db_path)
    yield database
    database.close()


def run_cli(*args: str, env_home: Path | None = None, timeout: float = 120):
    """Run `python main.py ARGS` as a subprocess; returns CompletedProcess with text output."""
    import subprocess

    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    if env_home is not None:
        env["XDG_DATA_HOME"] = str(env_home / "data")
        env["WIN_PD_OVERRIDE_APPDATA"] = str(env_home / "data")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=timeout, cwd=ROOT)


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_ui_thread(request):
    """As in the app (desktop/main_thread_gc.py): Qt objects must never be freed by a worker's GC.
    Once Qt is up, automatic collection is off, so each test ends with a collection here.
    The app's conventions (Czech Qt texts, the wheel guard) are installed on the tests' qapp as well."""
    import gc

    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from desktop import main_thread_gc
        from desktop.app import install_conventions

        app = request.getfixturevalue("qapp")
        main_thread_gc.install(app)
        install_conventions(app)
    yield
    if not gc.isenabled():
        gc.collect(1)  # young generations: cheap; the UI-thread timer does full ones


@pytest.fixture(autouse=True)
def _detach_log_files():
    """A test that starts the app's logging (db/logs.py) must not leave its file handler on the root
    logger, where later tests would write into its (by then removed) temporary folder."""
    import logging

    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if hasattr(h, "kp_log")]:
        root.removeHandler(handler)
        handler.close()


_exit_status: int | None = None


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the test process without PySide's exit cleanup once pytest has reported everything.

    At interpreter exit PySide's atexit function (destroyQCoreApplication) deletes every Python-owned
    widget still alive. After the whole suite (1,400 tests, a few hundred leftover windows, menus and
    frames that tests never closed) one of those deletions crashed in QObject::~QObject (seen in gdb),
    so a run whose summary said "passed" ended with SIGSEGV (exit 139) and CI read it as a failure.
    Deleting the leftovers earlier ourselves crashed the same way. The verdict is already printed and
    every database and server fixture was torn down, so the process ends here with pytest's own exit
    status; a run without Qt ends normally."""
    from PySide6.QtWidgets import QApplication

    if _exit_status is None or QApplication.instance() is None:
        return
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
