"""Working groups and meetings; the medium-term plan with funding, indicators and monitoring.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 14:21:40.439044
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('activity_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('completion', sa.Integer(), nullable=False),
    sa.Column('in_rollup', sa.Boolean(), nullable=False),
    sa.Column('finished', sa.Boolean(), nullable=False),
    sa.Column('color', sa.String(length=7), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_state')),
    sa.UniqueConstraint('name', name=op.f('uq_activity_state_name'))
    )
    op.create_table('funding_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_source')),
    sa.UniqueConstraint('name', name=op.f('uq_funding_source_name'))
    )
    op.create_table('funding_strip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('image', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_strip'))
    )
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('year_from', sa.Integer(), nullable=False),
    sa.Column('year_to', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'approved', 'closed', name='planstate', native_enum=False, length=20), nullable=False),
    sa.Column('adopted_by', sa.String(length=200), nullable=False),
    sa.Column('resolution_number', sa.String(length=100), nullable=False),
    sa.Column('resolution_date', sa.Date(), nullable=True),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('level_names', sa.String(length=200), nullable=False),
    sa.Column('origin_plan_id', sa.Integer(), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['origin_plan_id'], ['plan.id'], name=op.f('fk_plan_origin_plan_id_plan'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan'))
    )
    op.create_table('monitoring_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_monitoring_round_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_round')),
    sa.UniqueConstraint('plan_id', 'year', name=op.f('uq_monitoring_round_plan_id'))
    )
    with op.batch_alter_table('monitoring_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monitoring_round_plan_id'), ['plan_id'], unique=False)

    op.create_table('working_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=50), nullable=False),
    sa.Column('kind', sa.Enum('working', 'steering', 'other', name='groupkind', native_enum=False, length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_to', sa.Date(), nullable=True),
    sa.Column('quorum_percent', sa.Integer(), nullable=False),
    sa.Column('quorum_strict', sa.Boolean(), nullable=False),
    sa.Column('majority_percent', sa.Integer(), nullable=False),
    sa.Column('majority_strict', sa.Boolean(), nullable=False),
    sa.Column('majority_base', sa.Enum('present', 'all', 'cast', name='majoritybase', native_enum=False, length=20), nullable=False),
    sa.Column('tie_chair_decides', sa.Boolean(), nullable=False),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('meetings_per_year', sa.Integer(), nullable=False),
    sa.Column('resolution_pattern', sa.String(length=100), nullable=False),
    sa.Column('funding_strip_id', sa.Integer(), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['funding_strip_id'], ['funding_strip.id'], name=op.f('fk_working_group_funding_strip_id_funding_strip'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group')),
    sa.UniqueConstraint('name', name=op.f('uq_working_group_name'))
    )
    op.create_table('monitoring_round_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['monitoring_round.id'], name=op.f('fk_monitoring_round_log_round_id_monitoring_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_round_log'))
    )
    with op.batch_alter_table('monitoring_round_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_monitoring_round_log_round_id'), ['round_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_before', sa.String(length=50), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('title_after', sa.String(length=50), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('triad_role', sa.Enum('commissioner', 'provider', 'user', 'public', name='triadrole', native_enum=False, length=20), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_person_provider_id_provider'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_last_name'), ['last_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_provider_id'), ['provider_id'], unique=False)

    op.create_table('plan_node',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('working_group_id', sa.Integer(), nullable=True),
    sa.Column('responsible_provider_id', sa.Integer(), nullable=True),
    sa.Column('responsible_text', sa.String(length=300), nullable=False),
    sa.Column('year_from', sa.Integer(), nullable=True),
    sa.Column('year_to', sa.Integer(), nullable=True),
    sa.Column('state_id', sa.Integer(), nullable=True),
    sa.Column('origin_node_id', sa.Integer(), nullable=True),
    sa.Column('carried_over', sa.Boolean(), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['origin_node_id'], ['plan_node.id'], name=op.f('fk_plan_node_origin_node_id_plan_node'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['plan_node.id'], name=op.f('fk_plan_node_parent_id_plan_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_node_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsible_provider_id'], ['provider.id'], name=op.f('fk_plan_node_responsible_provider_id_provider'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['state_id'], ['activity_state.id'], name=op.f('fk_plan_node_state_id_activity_state'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['working_group_id'], ['working_group.id'], name=op.f('fk_plan_node_working_group_id_working_group'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_node')),
    sa.UniqueConstraint('plan_id', 'uid', name=op.f('uq_plan_node_plan_id'))
    )
    with op.batch_alter_table('plan_node', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_node_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_node_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_node_working_group_id'), ['working_group_id'], unique=False)

    op.create_table('working_group_target_group',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('target_group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['working_group.id'], name=op.f('fk_working_group_target_group_group_id_working_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_group_id'], ['target_group.id'], name=op.f('fk_working_group_target_group_target_group_id_target_group'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('group_id', 'target_group_id', name=op.f('pk_working_group_target_group'))
    )
    op.create_table('evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.Column('state_id', sa.Integer(), nullable=True),
    sa.Column('completion', sa.Integer(), nullable=True),
    sa.Column('evaluation', sa.Text(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('corrective_action', sa.Text(), nullable=False),
    sa.Column('snapshot_code', sa.String(length=30), nullable=False),
    sa.Column('snapshot_title', sa.String(length=500), nullable=False),
    sa.Column('snapshot_path', sa.Text(), nullable=False),
    sa.Column('snapshot_state', sa.String(length=100), nullable=False),
    sa.Column('snapshot_planned', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_evaluation_node_id_plan_node'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['monitoring_round.id'], name=op.f('fk_evaluation_round_id_monitoring_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['state_id'], ['activity_state.id'], name=op.f('fk_evaluation_state_id_activity_state'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation')),
    sa.UniqueConstraint('round_id', 'node_id', name=op.f('uq_evaluation_round_id'))
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_round_id'), ['round_id'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('direction', sa.Enum('increase', 'decrease', name='indicatordirection', native_enum=False, length=20), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_indicator_node_id_plan_node'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_node_id'), ['node_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.String(length=5), nullable=False),
    sa.Column('ends_at', sa.String(length=5), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('state', sa.Enum('planned', 'invited', 'held', 'approved', 'cancelled', name='meetingstate', native_enum=False, length=20), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('minute_taker_id', sa.Integer(), nullable=True),
    sa.Column('excuse_to', sa.String(length=300), nullable=False),
    sa.Column('excuse_by', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('minutes_text', sa.Text(), nullable=False),
    sa.Column('funding_strip_id', sa.Integer(), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_meeting_chair_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['funding_strip_id'], ['funding_strip.id'], name=op.f('fk_meeting_funding_strip_id_funding_strip'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['working_group.id'], name=op.f('fk_meeting_group_id_working_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minute_taker_id'], ['person.id'], name=op.f('fk_meeting_minute_taker_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('group_id', 'year', 'number', name=op.f('uq_meeting_group_id'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_group_id'), ['group_id'], unique=False)

    op.create_table('membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('leader', 'coordinator', 'member', 'minute_taker', 'guest', name='membershiprole', native_enum=False, length=20), nullable=False),
    sa.Column('voting', sa.Boolean(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['working_group.id'], name=op.f('fk_membership_group_id_working_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_person_id'), ['person_id'], unique=False)

    op.create_table('plan_node_partner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_plan_node_partner_node_id_plan_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_plan_node_partner_provider_id_provider'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_node_partner'))
    )
    with op.batch_alter_table('plan_node_partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_node_partner_node_id'), ['node_id'], unique=False)

    op.create_table('plan_node_service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_plan_node_service_node_id_plan_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_plan_node_service_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_node_service')),
    sa.UniqueConstraint('node_id', 'service_id', name=op.f('uq_plan_node_service_node_id'))
    )
    with op.batch_alter_table('plan_node_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_node_service_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_node_service_service_id'), ['service_id'], unique=False)

    op.create_table('plan_node_target_group',
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('target_group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_plan_node_target_group_node_id_plan_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_group_id'], ['target_group.id'], name=op.f('fk_plan_node_target_group_target_group_id_target_group'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('node_id', 'target_group_id', name=op.f('pk_plan_node_target_group'))
    )
    op.create_table('plan_state_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('old_state', sa.String(length=100), nullable=False),
    sa.Column('new_state', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_plan_state_change_node_id_plan_node'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_state_change'))
    )
    with op.batch_alter_table('plan_state_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_state_change_node_id'), ['node_id'], unique=False)

    op.create_table('planned_cost',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['plan_node.id'], name=op.f('fk_planned_cost_node_id_plan_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['funding_source.id'], name=op.f('fk_planned_cost_source_id_funding_source'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_cost')),
    sa.UniqueConstraint('node_id', 'year', 'source_id', name=op.f('uq_planned_cost_node_id'))
    )
    with op.batch_alter_table('planned_cost', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planned_cost_node_id'), ['node_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('presenter', sa.String(length=200), nullable=False),
    sa.Column('planned_minutes', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_task_review', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('present', 'excused', 'absent', name='attendancestate', native_enum=False, length=20), nullable=False),
    sa.Column('voting', sa.Boolean(), nullable=False),
    sa.Column('is_guest', sa.Boolean(), nullable=False),
    sa.Column('guest_name', sa.String(length=200), nullable=False),
    sa.Column('guest_organisation', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_attendance_meeting_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('indicator_actual',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('snapshot_name', sa.String(length=300), nullable=False),
    sa.Column('snapshot_unit', sa.String(length=50), nullable=False),
    sa.Column('snapshot_target', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluation.id'], name=op.f('fk_indicator_actual_evaluation_id_evaluation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_actual_indicator_id_indicator'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_actual'))
    )
    with op.batch_alter_table('indicator_actual', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_actual_evaluation_id'), ['evaluation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_actual_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('indicator_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_target_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_target')),
    sa.UniqueConstraint('indicator_id', 'year', name=op.f('uq_indicator_target_indicator_id'))
    )
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_target_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('meeting_verifier',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_verifier_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_meeting_verifier_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('meeting_id', 'person_id', name=op.f('pk_meeting_verifier'))
    )
    op.create_table('spending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('planned_snapshot', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluation.id'], name=op.f('fk_spending_evaluation_id_evaluation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['funding_source.id'], name=op.f('fk_spending_source_id_funding_source'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spending')),
    sa.UniqueConstraint('evaluation_id', 'source_id', name=op.f('uq_spending_evaluation_id'))
    )
    with op.batch_alter_table('spending', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spending_evaluation_id'), ['evaluation_id'], unique=False)

    op.create_table('resolution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstained', sa.Integer(), nullable=True),
    sa.Column('adopted', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_resolution_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution'))
    )
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_agenda_item_id'), ['agenda_item_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible_person_id', sa.Integer(), nullable=True),
    sa.Column('responsible_text', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.Enum('open', 'done', 'cancelled', 'ongoing', name='taskstate', native_enum=False, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_task_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['working_group.id'], name=op.f('fk_task_group_id_working_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsible_person_id'], ['person.id'], name=op.f('fk_task_responsible_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_group_id'), ['group_id'], unique=False)

    op.create_table('task_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('open', 'done', 'cancelled', 'ongoing', name='taskstate', native_enum=False, length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_task_review_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_review_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_review')),
    sa.UniqueConstraint('task_id', 'meeting_id', name=op.f('uq_task_review_task_id'))
    )
    with op.batch_alter_table('task_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_review_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_review_task_id'), ['task_id'], unique=False)
    _seed()


# Written out here, not read from a file: a migration must insert the same rows whenever it runs.
FUNDING_SOURCES = [
    "rozpočet obce", "kraj", "MPSV / státní rozpočet", "ESF / OPZ+", "úhrady uživatelů", "nadace a dary", "jiné",
]
# (name, default completion %, counts in the roll-up, finished, colour)
ACTIVITY_STATES = [
    ("nezahájeno", 0, True, False, "#9E9E9E"),
    ("probíhá", 50, True, False, "#1E88E5"),
    ("splněno", 100, True, True, "#2E7D32"),
    ("částečně splněno", 50, True, True, "#F9A825"),
    ("nesplněno", 0, True, True, "#C62828"),
    ("odloženo", 0, True, False, "#8E24AA"),
    ("zrušeno", 0, False, True, "#616161"),
]


def _seed() -> None:
    meta = sa.MetaData()
    meta.reflect(bind=op.get_bind(), only=["funding_source", "activity_state"])
    op.bulk_insert(meta.tables["funding_source"],
                   [{"id": i, "name": name, "sort_order": i, "active": True}
                    for i, name in enumerate(FUNDING_SOURCES, start=1)])
    op.bulk_insert(meta.tables["activity_state"],
                   [{"id": i, "name": name, "sort_order": i, "completion": completion, "in_rollup": rollup,
                     "finished": finished, "color": color}
                    for i, (name, completion, rollup, finished, color) in enumerate(ACTIVITY_STATES, start=1)])


def downgrade() -> None:
    with op.batch_alter_table('task_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_review_task_id'))
        batch_op.drop_index(batch_op.f('ix_task_review_meeting_id'))

    op.drop_table('task_review')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_group_id'))
        batch_op.drop_index(batch_op.f('ix_task_due_on'))
        batch_op.drop_index(batch_op.f('ix_task_agenda_item_id'))

    op.drop_table('task')
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolution_agenda_item_id'))

    op.drop_table('resolution')
    with op.batch_alter_table('spending', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spending_evaluation_id'))

    op.drop_table('spending')
    op.drop_table('meeting_verifier')
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_target_indicator_id'))

    op.drop_table('indicator_target')
    with op.batch_alter_table('indicator_actual', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_actual_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_actual_evaluation_id'))

    op.drop_table('indicator_actual')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('planned_cost', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planned_cost_node_id'))

    op.drop_table('planned_cost')
    with op.batch_alter_table('plan_state_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_state_change_node_id'))

    op.drop_table('plan_state_change')
    op.drop_table('plan_node_target_group')
    with op.batch_alter_table('plan_node_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_node_service_service_id'))
        batch_op.drop_index(batch_op.f('ix_plan_node_service_node_id'))

    op.drop_table('plan_node_service')
    with op.batch_alter_table('plan_node_partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_node_partner_node_id'))

    op.drop_table('plan_node_partner')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_person_id'))
        batch_op.drop_index(batch_op.f('ix_membership_group_id'))

    op.drop_table('membership')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_group_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_date'))

    op.drop_table('meeting')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_node_id'))

    op.drop_table('indicator')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_round_id'))
        batch_op.drop_index(batch_op.f('ix_evaluation_node_id'))

    op.drop_table('evaluation')
    op.drop_table('working_group_target_group')
    with op.batch_alter_table('plan_node', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_node_working_group_id'))
        batch_op.drop_index(batch_op.f('ix_plan_node_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plan_node_parent_id'))

    op.drop_table('plan_node')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_provider_id'))
        batch_op.drop_index(batch_op.f('ix_person_last_name'))

    op.drop_table('person')
    with op.batch_alter_table('monitoring_round_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monitoring_round_log_round_id'))

    op.drop_table('monitoring_round_log')
    op.drop_table('working_group')
    with op.batch_alter_table('monitoring_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_monitoring_round_plan_id'))

    op.drop_table('monitoring_round')
    op.drop_table('plan')
    op.drop_table('funding_strip')
    op.drop_table('funding_source')
    op.drop_table('activity_state')
