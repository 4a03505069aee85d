"""Provider directory: providers, services and their parts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('provider',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('ico', sa.String(length=8), nullable=True),
    sa.Column('legal_form_id', sa.Integer(), nullable=True),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('town', sa.String(length=100), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('phone', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('web', sa.String(length=300), nullable=False),
    sa.Column('data_box', sa.String(length=7), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('source', sa.Enum('registry', 'manual', name='source', native_enum=False, length=20), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['legal_form_id'], ['legal_form.id'], name=op.f('fk_provider_legal_form_id_legal_form')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provider')),
    sa.UniqueConstraint('ico', name=op.f('uq_provider_ico'))
    )
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provider_name'), ['name'], unique=False)

    op.create_table('service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('service_type_id', sa.Integer(), nullable=True),
    sa.Column('related_category_id', sa.Integer(), nullable=True),
    sa.Column('registry_id', sa.String(length=7), nullable=True),
    sa.Column('portal_id', sa.String(length=40), nullable=True),
    sa.Column('age_from', sa.Integer(), nullable=True),
    sa.Column('age_to', sa.Integer(), nullable=True),
    sa.Column('age_note', sa.String(length=300), nullable=False),
    sa.Column('opening_note', sa.Text(), nullable=False),
    sa.Column('contact_person', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('web', sa.String(length=300), nullable=False),
    sa.Column('fee', sa.Enum('free', 'paid', name='feekind', native_enum=False, length=20), nullable=True),
    sa.Column('fee_note', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('active', 'suspended', 'ended', name='servicestatus', native_enum=False, length=20), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('in_booklet', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source', sa.Enum('registry', 'manual', name='source', native_enum=False, length=20), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_service_provider_id_provider'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['related_category_id'], ['related_service_category.id'], name=op.f('fk_service_related_category_id_related_service_category')),
    sa.ForeignKeyConstraint(['service_type_id'], ['service_type.id'], name=op.f('fk_service_service_type_id_service_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('registry_id', name=op.f('uq_service_registry_id'))
    )
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_portal_id'), ['portal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_service_type_id'), ['service_type_id'], unique=False)

    op.create_table('opening_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens', sa.String(length=5), nullable=False),
    sa.Column('closes', sa.String(length=5), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_opening_hours_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening_hours'))
    )
    with op.batch_alter_table('opening_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_hours_service_id'), ['service_id'], unique=False)

    op.create_table('service_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_area_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_area')),
    sa.UniqueConstraint('service_id', 'municipality', name=op.f('uq_service_area_service_id'))
    )
    with op.batch_alter_table('service_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_area_service_id'), ['service_id'], unique=False)

    op.create_table('service_form',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('capacity_unit_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['capacity_unit_id'], ['capacity_unit.id'], name=op.f('fk_service_form_capacity_unit_id_capacity_unit')),
    sa.ForeignKeyConstraint(['form_id'], ['provision_form.id'], name=op.f('fk_service_form_form_id_provision_form')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_form_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_form')),
    sa.UniqueConstraint('service_id', 'form_id', name=op.f('uq_service_form_service_id'))
    )
    with op.batch_alter_table('service_form', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_form_service_id'), ['service_id'], unique=False)

    op.create_table('service_place',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('town', sa.String(length=100), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('secret', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_place_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_place'))
    )
    with op.batch_alter_table('service_place', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_place_service_id'), ['service_id'], unique=False)

    op.create_table('service_target_group',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('target_group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_target_group_service_id_service'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_group_id'], ['target_group.id'], name=op.f('fk_service_target_group_target_group_id_target_group'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('service_id', 'target_group_id', name=op.f('pk_service_target_group'))
    )


def downgrade() -> None:
    op.drop_table('service_target_group')
    with op.batch_alter_table('service_place', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_place_service_id'))

    op.drop_table('service_place')
    with op.batch_alter_table('service_form', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_form_service_id'))

    op.drop_table('service_form')
    with op.batch_alter_table('service_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_area_service_id'))

    op.drop_table('service_area')
    with op.batch_alter_table('opening_hours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_hours_service_id'))

    op.drop_table('opening_hours')
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_service_type_id'))
        batch_op.drop_index(batch_op.f('ix_service_provider_id'))
        batch_op.drop_index(batch_op.f('ix_service_portal_id'))

    op.drop_table('service')
    with op.batch_alter_table('provider', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provider_name'))

    op.drop_table('provider')
