"""Codelists and settings, seeded from resources/codelists/.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

from db.codelists import files as codelist_files

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('capacity_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capacity_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_capacity_unit_code')),
    sa.UniqueConstraint('name', name=op.f('uq_capacity_unit_name'))
    )
    op.create_table('legal_form',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('abbreviation', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_form')),
    sa.UniqueConstraint('name', name=op.f('uq_legal_form_name'))
    )
    op.create_table('provision_form',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provision_form')),
    sa.UniqueConstraint('code', name=op.f('uq_provision_form_code')),
    sa.UniqueConstraint('name', name=op.f('uq_provision_form_name'))
    )
    op.create_table('related_service_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_related_service_category')),
    sa.UniqueConstraint('name', name=op.f('uq_related_service_category_name'))
    )
    op.create_table('service_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paragraph', sa.String(length=8), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_type')),
    sa.UniqueConstraint('name', name=op.f('uq_service_type_name')),
    sa.UniqueConstraint('paragraph', name=op.f('uq_service_type_paragraph'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('target_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_group')),
    sa.UniqueConstraint('name', name=op.f('uq_target_group_name'))
    )
    _seed()


def _seed() -> None:
    tables = {
        "service_type": codelist_files.service_type_rows(),
        "target_group": codelist_files.target_group_rows(),
        "provision_form": codelist_files.provision_form_rows(),
        "capacity_unit": codelist_files.capacity_unit_rows(),
        "legal_form": codelist_files.legal_form_rows(),
        "related_service_category": codelist_files.related_category_rows(),
    }
    meta = sa.MetaData()
    meta.reflect(bind=op.get_bind(), only=list(tables))
    for name, rows in tables.items():
        op.bulk_insert(meta.tables[name], rows)


def downgrade() -> None:
    op.drop_table('target_group')
    op.drop_table('setting')
    op.drop_table('service_type')
    op.drop_table('related_service_category')
    op.drop_table('provision_form')
    op.drop_table('legal_form')
    op.drop_table('capacity_unit')
