"""Who saved each cell of a monitoring line and when, so a cell saved meanwhile by another clerk is
named to the clerk whose save meets it (db/plan/monitoring.py save_grid_cell).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never batch mode (see 0008). Older lines get no stamps: "not known".
    op.add_column("evaluation", sa.Column("cell_stamps", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.execute("ALTER TABLE evaluation DROP COLUMN cell_stamps")  # SQLite ≥ 3.35
