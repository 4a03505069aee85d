"""A throwaway PostgreSQL cluster for the tests, made with the server binaries of Debian's
`postgresql` package (initdb, pg_ctl in /usr/lib/postgresql/N/bin) in a temporary folder: trust
authentication on 127.0.0.1 and a free port, fsync off (nothing in it outlives the test run).

Run as root (a CI container), the server runs as the `postgres` user, since PostgreSQL refuses root.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url

REQUIRE_ENV = "KP_REQUIRE_POSTGRES"


class ClusterUnavailable(Exception):
    """The server binaries are missing or the cluster would not start; str(exc) says why."""


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: $KP_PG_BINDIR (only that), else the newest /usr/lib/postgresql/N/bin,
    else wherever initdb is on PATH."""
    if os.environ.get("KP_PG_BINDIR"):  # given explicitly: that folder or none
        candidates = [Path(os.environ["KP_PG_BINDIR"])]
        return next((f for f in candidates if (f / "initdb").exists() and (f / "pg_ctl").exists()), None)
    candidates = []
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                      key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    candidates += versions
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running cluster; `url(name)` is the postgresql:// address of a database in it."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        if self.bindir is None:
            raise ClusterUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found; install the "
                                     "Debian package `postgresql` to run the PostgreSQL tests")
        self.as_user: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise ClusterUnavailable("running as root without runuser: cannot start PostgreSQL")
            try:
                import pwd

                self._owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise ClusterUnavailable("running as root and there is no `postgres` user") from exc
            self.as_user = ["runuser", "-u", "postgres", "--"]
        # Not pytest's tmp_path: it is private to root, and the server may run as `postgres`.
        self.folder = Path(tempfile.mkdtemp(prefix="kp-pg-"))
        self.folder.chmod(0o755)
        if self.as_user:
            os.chown(self.folder, self._owner.pw_uid, self._owner.pw_gid)
        self.port = _free_port()
        self.data = self.folder / "data"
        self._count = 0
        self._shared = None
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "-N")
        self.start_server()
        self.admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")

    def start_server(self) -> None:
        """Start the server (again, after stop_server: same port, same data)."""
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-t", "60",
                  "-l", str(self.folder / "server.log"), "start")

    def stop_server(self) -> None:
        """Stop the server as an administrator would for a restart (fast: clients are disconnected,
        open transactions rolled back). The fixture's own engines forget their connections."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        self.admin.dispose()
        if self._shared is not None:
            self._shared[1].dispose()

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([*self.as_user, str(self.bindir / program), *args],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise ClusterUnavailable(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its URL."""
        self._count += 1
        name = f"kp_test_{self._count}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
                              + " STRATEGY FILE_COPY"))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def app_database(self) -> str:
        """The URL of the one database the `db` fixture reuses, emptied to the state of a new
        database (schema current, code lists seeded). Emptying beats creating a database per test
        by far: CREATE DATABASE writes megabytes of files each time."""
        if self._shared is None:
            from db.database import open_database

            url = self.create_database()
            open_database(url).close()
            engine = create_engine(url)
            meta = MetaData()
            with engine.connect() as conn:
                meta.reflect(bind=conn)
                tables = [t for t in meta.sorted_tables if t.name != "alembic_version"]
                seeds = [(t, [dict(r._mapping) for r in conn.execute(select(t))]) for t in tables]
            self._shared = (url, engine, tables, [(t, rows) for t, rows in seeds if rows])
        url, engine, tables, seeds = self._shared
        with engine.begin() as conn:
            # Whatever a test left connected would hold locks and stall TRUNCATE.
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
            # DELETE, children first, in one round trip: TRUNCATE would replace 40 tables' files.
            conn.exec_driver_sql("; ".join(f'DELETE FROM "{t.name}"' for t in reversed(tables)))
            for table, rows in seeds:
                conn.execute(table.insert(), rows)
            from db.server import reset_sequences

            reset_sequences(conn)
        return url

    def stop(self) -> None:
        if self._shared is not None:
            self._shared[1].dispose()
        self.admin.dispose()
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
