"""What several clerks on one database rely on, on both kinds of database."""
from __future__ import annotations

from sqlalchemy import func, select

from db.database import open_database
from db.directory.models import Provider


def _second_connection(db):
    return open_database(db.url.render_as_string(hide_password=False) if db.is_server else db.path)


def test_one_read_sees_one_moment_even_while_another_clerk_saves(db):
    # The directory list is read in several queries; a provider saved by someone else between them
    # must not appear half (its services without it). SQLite's read transaction and the server's
    # REPEATABLE READ both give the read one snapshot.
    other = _second_connection(db)
    try:
        def count_twice(session):
            first = session.scalar(select(func.count()).select_from(Provider))
            other.write(lambda s: s.add(Provider(name="Uložila jiná pracovnice", source="manual")))
            return first, session.scalar(select(func.count()).select_from(Provider))

        first, second = db.read(count_twice)
        assert first == second
        assert db.read(lambda s: s.scalar(select(func.count()).select_from(Provider))) == first + 1
    finally:
        other.close()
