"""The core database tests run on both kinds of database: the SQLite file and a PostgreSQL server
(tests/pg_cluster.py). A module or test about the SQLite file itself is marked `sqlite_only`."""
from __future__ import annotations

BACKENDS = ["sqlite", "postgresql"]
# About the SQLite file and its disk (locks, journal, pragmas, Windows paths, disk full), kept here
# rather than as markers in those modules.
SQLITE_ONLY_MODULES = {"test_faults.py", "test_database.py", "test_windows_files.py"}
SQLITE_ONLY_TESTS = {"test_interrupted_backups_leave_nothing_behind"}


def _sqlite_only(metafunc) -> bool:
    return (metafunc.definition.get_closest_marker("sqlite_only") is not None
            or metafunc.definition.path.name in SQLITE_ONLY_MODULES
            or metafunc.definition.originalname in SQLITE_ONLY_TESTS)


def pytest_generate_tests(metafunc) -> None:
    if "db" in metafunc.fixturenames and not _sqlite_only(metafunc):
        metafunc.parametrize("backend", BACKENDS, indirect=True)
