"""Alembic environment: always run with a connection handed over by db.migrate (no alembic.ini)."""
from alembic import context

from db.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Migrations run only through db.migrate.upgrade(connection).")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
)
with context.begin_transaction():
    context.run_migrations()
