"""Meetings: the chair's casting vote on a tied resolution, for groups whose rules let the chair decide.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable without a default: every existing resolution simply has no casting vote recorded.
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chair_votes_for', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.drop_column('chair_votes_for')
