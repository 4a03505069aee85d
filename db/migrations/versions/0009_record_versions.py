"""Record versions (no lost update between clerks) and the change counters lists poll.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Plain ADD COLUMN, never batch mode (see 0008): recreating a table with foreign keys on would
# cascade-delete its children.
VERSIONED = ("provider", "person", "working_group", "meeting", "plan_node")
AREAS = ("codelists", "directory", "meetings", "plan", "settings")


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    stamps = op.create_table(
        "change_stamp",
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("area", name=op.f("pk_change_stamp")),
    )
    op.bulk_insert(stamps, [{"area": area, "counter": 0} for area in AREAS])


def downgrade() -> None:
    op.drop_table("change_stamp")
    for table in reversed(VERSIONED):
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")  # SQLite ≥ 3.35
