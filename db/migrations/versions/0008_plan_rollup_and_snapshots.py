"""Plan: a stable uid for exchange, the clerk's roll-up choice, and what a closed round froze.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""
import uuid

from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


# Plain ALTER TABLE ... ADD/DROP COLUMN, never batch mode: batch recreates the table, and with foreign
# keys on, dropping the old "plan" table would cascade-delete every node, round and evaluation.
COLUMNS = [
    ("plan", sa.Column("uid", sa.String(length=36), nullable=False, server_default="")),
    ("plan", sa.Column("weighted_rollup", sa.Boolean(), nullable=False, server_default=sa.false())),
    ("monitoring_round", sa.Column("weighted_rollup", sa.Boolean(), nullable=True)),
    ("evaluation", sa.Column("snapshot_in_rollup", sa.Boolean(), nullable=True)),
    ("evaluation", sa.Column("snapshot_color", sa.String(length=7), nullable=False, server_default="")),
    ("evaluation", sa.Column("snapshot_behind", sa.Boolean(), nullable=True)),
]


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, column)
    # Plans of an older database get their stable id here: every plan must be exportable.
    conn = op.get_bind()
    for (plan_id,) in conn.execute(sa.text("SELECT id FROM plan")).fetchall():
        conn.execute(sa.text("UPDATE plan SET uid = :uid WHERE id = :id"), {"uid": str(uuid.uuid4()), "id": plan_id})


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")  # SQLite ≥ 3.35
