"""Plan: a stable uid for exchange, the clerk's roll-up choice, and what a closed round froze.

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-30
"""
import uuid

from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uid', sa.String(length=36), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('weighted_rollup', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('monitoring_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weighted_rollup', sa.Boolean(), nullable=True))
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('snapshot_in_rollup', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('snapshot_color', sa.String(length=7), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('snapshot_behind', sa.Boolean(), nullable=True))
    # Plans of an older database get their stable id here: every plan must be exportable.
    conn = op.get_bind()
    for (plan_id,) in conn.execute(sa.text("SELECT id FROM plan")).fetchall():
        conn.execute(sa.text("UPDATE plan SET uid = :uid WHERE id = :id"), {"uid": str(uuid.uuid4()), "id": plan_id})


def downgrade() -> None:
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_column('snapshot_behind')
        batch_op.drop_column('snapshot_color')
        batch_op.drop_column('snapshot_in_rollup')
    with op.batch_alter_table('monitoring_round', schema=None) as batch_op:
        batch_op.drop_column('weighted_rollup')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('weighted_rollup')
        batch_op.drop_column('uid')
