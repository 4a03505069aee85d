"""The database on a PostgreSQL server: schema by the same migrations, the migration lock, refusals,
lost connections, and copying a whole database between a SQLite file and the server (transfer)."""
from __future__ import annotations

import concurrent.futures
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import create_engine, func, select, text, update

from db import migrate
from db.backup import auto_backups
from db.database import open_database, table_counts
from db.directory.demo import load_demo
from db.directory.models import Provider
from db.errors import DatabaseRefused, DatabaseUnavailable
from db.server import server_url
from db.transfer import copy_all, table_checksum
from tests.conftest import run_cli


def _revision(url: str) -> list[str]:
    engine = create_engine(server_url(url))
    try:
        with engine.connect() as conn:
            return list(conn.scalars(text("SELECT version_num FROM alembic_version")))
    finally:
        engine.dispose()


def test_the_migrations_create_the_schema_on_an_empty_server_database(pg_url):
    db = open_database(pg_url)
    try:
        assert db.is_server
        assert db.schema_revision() == migrate.head_revision()
        counts = table_counts(db)
        assert counts["service_type"] > 30 and counts["provider"] == 0  # code lists seeded, no data
        assert "na serveru 127.0.0.1" in db.location and "postgres" in db.location
    finally:
        db.close()


def test_new_records_get_ids_after_the_seeded_code_lists(pg_url):
    # The migrations insert code lists with explicit ids, which PostgreSQL's sequences do not see.
    from db.plan.models import FundingSource

    db = open_database(pg_url)
    try:
        seeded = db.read(lambda s: s.scalar(select(FundingSource.id).order_by(FundingSource.id.desc())))
        new_id = db.write(lambda s: _add(s, FundingSource(name="Nový zdroj", sort_order=99, active=True)))
        assert new_id == seeded + 1
    finally:
        db.close()


def _add(session, record) -> int:
    session.add(record)
    session.flush()
    return record.id


def test_two_clerks_starting_a_new_version_at_once_migrate_once(pg_url):
    # Two processes open the same empty database at the same moment; the advisory lock makes the
    # second wait and then find the schema current (without it, both would create the tables).
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: run_cli("--db", pg_url, "info"), range(2)))
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "Verze schématu: " + migrate.head_revision() in run.stdout
    assert _revision(pg_url) == [migrate.head_revision()]


def test_a_server_schema_newer_than_the_app_is_refused_untouched(pg_url):
    open_database(pg_url).close()
    engine = create_engine(server_url(pg_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(DatabaseRefused, match="zapsala novější verze aplikace Komunitní plán"):
        open_database(pg_url)
    assert _revision(pg_url) == ["9999_future"]


def test_a_database_of_another_application_is_refused(pg_url):
    engine = create_engine(server_url(pg_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer primary key)"))
    engine.dispose()
    with pytest.raises(DatabaseRefused, match="tabulky jiné aplikace"):
        open_database(pg_url)


@pytest.mark.parametrize("address, expected", [
    ("postgresql://postgres:tajne@127.0.0.1:{port}/neexistuje", "neexistuje"),
    ("postgresql://postgres:tajne@127.0.0.1:1/kp", "nepodařilo připojit"),
    ("postgresql://server:5432", "chybí název databáze"),
])
def test_unreachable_or_wrong_addresses_get_a_czech_message_without_the_password(pg_cluster, address, expected):
    with pytest.raises((DatabaseRefused, DatabaseUnavailable)) as caught:
        open_database(address.format(port=pg_cluster.port))
    message = str(caught.value)
    assert expected in message
    assert "tajne" not in message and "SELECT" not in message and "psycopg" not in message


def test_the_cli_works_on_a_server_database(pg_url, tmp_path):
    assert run_cli("--db", pg_url, "demo").returncode == 0
    info = run_cli("--db", pg_url, "info")
    assert info.returncode == 0, info.stderr
    assert "na serveru 127.0.0.1" in info.stdout


def test_a_connection_lost_mid_save_saves_nothing_and_the_next_save_reconnects(pg_cluster, pg_url):
    db = open_database(pg_url)
    try:
        load_demo(db)
        provider_id, name = db.read(lambda s: s.execute(select(Provider.id, Provider.name).limit(1)).one())

        def rename_then_lose_the_connection(session):
            session.execute(update(Provider).where(Provider.id == provider_id).values(name="Rozpracováno"))
            pid = session.scalar(text("SELECT pg_backend_pid()"))
            with pg_cluster.admin.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            session.execute(select(Provider.id).limit(1))  # the server is gone under this session

        with pytest.raises(DatabaseUnavailable) as caught:
            db.write(rename_then_lose_the_connection)
        assert caught.value.kind == "disconnected"
        assert "Spojení s databází „kp_test" in str(caught.value) and "nic nebylo uloženo napůl" in str(caught.value)
        assert db.read(lambda s: s.get(Provider, provider_id).name) == name
        db.write(lambda s: s.execute(update(Provider).where(Provider.id == provider_id).values(name="Nové")))
        assert db.read(lambda s: s.get(Provider, provider_id).name) == "Nové"
    finally:
        db.close()


def test_a_server_stopped_mid_save_saves_nothing_and_the_same_database_saves_after_its_restart(
        pg_cluster, pg_url):
    db = open_database(pg_url)
    try:
        load_demo(db)
        provider_id, name = db.read(lambda s: s.execute(select(Provider.id, Provider.name).limit(1)).one())
        db.read(lambda s: s.execute(select(Provider.id)).all())  # the pool now holds live connections

        def rename_then_stop_the_server(session):
            session.execute(update(Provider).where(Provider.id == provider_id).values(name="Rozpracováno"))
            pg_cluster.stop_server()
            session.execute(select(Provider.id).limit(1))

        try:
            with pytest.raises(DatabaseUnavailable) as caught:
                db.write(rename_then_stop_the_server)
            with pytest.raises(DatabaseUnavailable) as while_down:  # reconnecting to a stopped server
                db.read(lambda s: s.get(Provider, provider_id))
        finally:
            pg_cluster.start_server()
        for failure in (caught.value, while_down.value):
            message = str(failure)
            assert failure.kind == "disconnected"
            assert message.startswith("Spojení s databází „kp_test") and "se přerušilo" in message
            assert "Vaše neuložené úpravy zůstaly ve formuláři" in message
            assert not any(word in message for word in ("SELECT", "UPDATE", "psycopg", "Traceback", "Rozpracováno"))
        # The same Database object, no reopening: the dead pooled connections were dropped.
        assert db.read(lambda s: s.get(Provider, provider_id).name) == name
        db.write(lambda s: s.execute(update(Provider).where(Provider.id == provider_id).values(name="Po restartu")))
        assert db.read(lambda s: s.get(Provider, provider_id).name) == "Po restartu"
    finally:
        db.close()


class _Watcher:
    """Records what a server database tells its watcher; retries as often as `retries` says."""

    def __init__(self, retries: int, on_lost=None):
        self.retries, self.on_lost = retries, on_lost
        self.lost: list[str] = []
        self.restored = 0

    def connection_lost(self, failure) -> bool:
        self.lost.append(failure.kind)
        if self.on_lost is not None:
            self.on_lost()
        if self.retries:
            self.retries -= 1
            return True
        return False

    def connection_restored(self) -> None:
        self.restored += 1


def test_a_retry_after_a_lost_connection_runs_the_whole_save_again_once(pg_cluster, pg_url):
    db = open_database(pg_url)
    try:
        load_demo(db)
        provider_id = db.read(lambda s: s.scalar(select(Provider.id).limit(1)))
        attempts = []

        def rename(session):
            attempts.append(1)
            session.execute(update(Provider).where(Provider.id == provider_id)
                            .values(name=Provider.name + " (upraveno)"))
            if len(attempts) == 1:
                pid = session.scalar(text("SELECT pg_backend_pid()"))
                with pg_cluster.admin.connect() as admin:
                    admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                session.execute(select(Provider.id).limit(1))
            return "uloženo"

        before = db.read(lambda s: s.get(Provider, provider_id).name)
        db.watcher = watcher = _Watcher(retries=1)
        assert db.write(rename) == "uloženo"
        assert len(attempts) == 2 and watcher.lost == ["disconnected"] and watcher.restored == 1
        # Applied once: the first attempt's half died with its connection.
        assert db.read(lambda s: s.get(Provider, provider_id).name) == before + " (upraveno)"
    finally:
        db.close()


def test_a_watcher_that_gives_up_lets_the_failure_through_and_other_failures_never_reach_it(pg_cluster, pg_url):
    db = open_database(pg_url)
    try:
        db.watcher = watcher = _Watcher(retries=0)

        def lose_the_connection(session):
            pid = session.scalar(text("SELECT pg_backend_pid()"))
            with pg_cluster.admin.connect() as admin:
                admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            session.execute(text("SELECT 1"))

        with pytest.raises(DatabaseUnavailable, match="se přerušilo"):
            db.read(lose_the_connection)
        with pytest.raises(Exception):  # a defect (bad SQL) is no lost connection
            db.read(lambda s: s.execute(text("SELECT * FROM no_such_table")))
        assert watcher.lost == ["disconnected"] and watcher.restored == 0
        db.read(lambda s: s.execute(text("SELECT 1")))
        assert watcher.restored == 1
    finally:
        db.close()


def _checksums(database) -> dict[str, tuple[int, str]]:
    from db.models import metadata

    with database.engine.connect() as conn:
        return {t.name: table_checksum(conn, t) for t in metadata.sorted_tables}


def test_transfer_round_trip_sqlite_to_server_and_back_is_equal(pg_url, tmp_path):
    source_path, back_path = tmp_path / "zdroj.sqlite", tmp_path / "zpet.sqlite"
    source = open_database(source_path)
    load_demo(source)
    source.close()
    to_server = run_cli("transfer", str(source_path), pg_url)
    assert to_server.returncode == 0, to_server.stderr
    assert "se shoduje v počtu řádků i kontrolním součtu" in to_server.stdout
    back = run_cli("transfer", pg_url, str(back_path))
    assert back.returncode == 0, back.stderr
    with closing(sqlite3.connect(source_path)) as a, closing(sqlite3.connect(back_path)) as b:
        for table in ("provider", "service", "opening_hours", "service_target_group", "setting"):
            query = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
    first, server, last = open_database(source_path), open_database(pg_url), open_database(back_path)
    try:
        assert _checksums(first) == _checksums(server) == _checksums(last)
        assert table_counts(server)["provider"] > 30
        # The server's sequences continue after the copied ids.
        new_id = server.write(lambda s: _add(s, Provider(name="Nový poskytovatel", source="manual")))
        assert new_id > max(p for p in server.read(lambda s: list(s.scalars(select(Provider.id)))) if p != new_id)
    finally:
        for database in (first, server, last):
            database.close()


def test_transfer_refuses_a_target_with_data_unless_told_and_then_backs_it_up(pg_url, tmp_path):
    source_path = tmp_path / "zdroj.sqlite"
    open_database(source_path).close()
    server = open_database(pg_url)
    load_demo(server)
    server.close()
    refused = run_cli("transfer", str(source_path), pg_url)
    assert refused.returncode == 1
    assert "už obsahuje data" in refused.stderr and "--nahradit" in refused.stderr
    replaced = run_cli("transfer", str(source_path), pg_url, "--nahradit")
    assert replaced.returncode == 0, replaced.stderr
    assert "Dosavadní data cíle zálohována" in replaced.stdout
    server = open_database(pg_url)
    try:
        assert table_counts(server)["provider"] == 0
        backups = [p for p in auto_backups(server.path) if p.name.endswith("-pred-prenosem.sqlite")]
        assert len(backups) == 1
        with closing(sqlite3.connect(backups[0])) as kept:
            assert kept.execute("SELECT count(*) FROM provider").fetchone()[0] > 30
    finally:
        server.close()


def test_a_value_too_long_for_the_server_names_record_and_field_and_changes_nothing(pg_url, tmp_path):
    source_path = tmp_path / "zdroj.sqlite"
    source = open_database(source_path)
    load_demo(source)
    with closing(sqlite3.connect(source_path)) as conn, conn:
        conn.execute("UPDATE service SET status = 'active-but-far-too-long-for-twenty' WHERE id = 3")
    target = open_database(pg_url)
    try:
        with pytest.raises(Exception, match="Záznam 3 v tabulce service: pole status"):
            copy_all(source, target)
        assert table_counts(target)["provider"] == 0
    finally:
        source.close()
        target.close()


def test_a_second_import_is_refused_naming_who_imports_and_edits_go_on(pg_url):
    from db.registry import apply_import, plan_import
    from tests.db.registry.registry_helpers import CHOMUTOV, SMALL, data_dump, territory

    first, second = open_database(pg_url), open_database(pg_url)
    try:
        load_demo(first)
        preview = plan_import(SMALL / "rpss.json", SMALL / "ciselniky", territory(CHOMUTOV), second)
        before = data_dump(second)
        with first.bulk_work("import z tabulky"):
            with pytest.raises(DatabaseUnavailable, match=r"právě provádí import z tabulky \(od \d\d:\d\d\)") as caught:
                apply_import(preview, second)
            assert caught.value.kind == "busy" and "nic nebylo změněno" in str(caught.value)
            assert data_dump(second) == before
            # Single records can still be edited meanwhile.
            second.write(lambda s: s.execute(update(Provider).where(Provider.id == 1).values(note="upraveno")))
        apply_import(preview, second)  # the first one finished: now it runs
        assert data_dump(second) != before
    finally:
        first.close()
        second.close()


def test_the_name_of_who_imports_survives_the_servers_ascii_only_application_name(monkeypatch):
    import db.server

    monkeypatch.setattr(db.server, "_login", lambda: "Jiří Nováček")
    name = db.server._app_name("import z registru")
    assert name.isascii() and len(name.encode()) <= 63
    assert db.server._read_app_name(name) == ("Jiří Nováček", "import z registru")
    assert db.server._read_app_name("psql") is None


def test_checking_a_connection_changes_nothing_and_says_what_is_there(pg_url, pg_cluster):
    from db.server import check_connection

    assert "je prázdná" in check_connection(pg_url)
    assert _revision_table_missing(pg_url)
    open_database(pg_url).close()
    assert "je aktuální" in check_connection(pg_url)
    with pytest.raises(DatabaseUnavailable, match="nepodařilo připojit"):
        check_connection("postgresql://postgres@127.0.0.1:1/kp")


def _revision_table_missing(url: str) -> bool:
    engine = create_engine(server_url(url))
    try:
        with engine.connect() as conn:
            return conn.scalar(text("SELECT to_regclass('alembic_version')")) is None
    finally:
        engine.dispose()


def test_a_remembered_address_never_carries_the_password():
    from db.server import address_without_password

    url = server_url("postgresql://jana:p%40ss@urad/kp?sslmode=require")
    assert address_without_password(url) == "postgresql://jana@urad:5432/kp?sslmode=require"


def test_a_save_waiting_for_a_row_an_import_holds_gives_up_with_a_czech_message(pg_url, monkeypatch):
    from db import server
    from db.directory.queries import load_provider, save_provider

    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    db = open_database(pg_url)
    try:
        load_demo(db)
        provider_id = db.read(lambda s: s.scalar(select(Provider.id).limit(1)))
        record = db.read(load_provider, provider_id)
        record.note = "moje"
        with db.writing() as importing:  # an import's transaction holding the provider's row
            importing.execute(update(Provider).where(Provider.id == provider_id).values(note="import"))
            with pytest.raises(DatabaseUnavailable) as caught:
                db.write(save_provider, record)
        assert caught.value.kind == "busy" and "Zkuste to prosím za chvíli znovu" in str(caught.value)
        assert db.read(load_provider, provider_id).note == "import"
    finally:
        db.close()


def test_a_retried_save_starts_from_the_record_the_form_gave_not_from_the_dead_attempt(pg_cluster, pg_url):
    # save_provider writes the new id and version into the record; the first attempt's transaction
    # died, so the retry must see the record as handed over: one new provider, and a loaded one
    # saved again without a false conflict about its own lost attempt.
    from db.directory.queries import load_provider, save_provider
    from db.directory.records import ProviderRecord

    db = open_database(pg_url)
    try:
        load_demo(db)
        attempts = []

        def save_losing_the_first_attempt(session, record):
            attempts.append(1)
            saved = save_provider(session, record)
            if len(attempts) % 2 == 1:
                session.flush()
                pid = session.scalar(text("SELECT pg_backend_pid()"))
                with pg_cluster.admin.connect() as admin:
                    admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                session.execute(text("SELECT 1"))
            return saved

        db.watcher = _Watcher(retries=2)
        new = ProviderRecord(name="Spolek Nováček")
        new_id = db.write(save_losing_the_first_attempt, new)
        assert db.read(lambda s: s.scalar(select(func.count()).where(Provider.name == "Spolek Nováček"))) == 1

        existing = db.read(load_provider, db.read(lambda s: s.scalar(select(Provider.id).where(Provider.id != new_id).limit(1))))
        version = existing.version
        existing.note = "po výpadku"
        db.write(save_losing_the_first_attempt, existing)  # would be RecordConflict on a mutated version
        stored = db.read(load_provider, existing.id)
        assert stored.note == "po výpadku" and stored.version == version + 1 == existing.version
        assert len(attempts) == 4
    finally:
        db.close()
