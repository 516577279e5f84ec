"""destinations: the queues and records of `$.send`

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('destination_runs',
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('environment', sa.String(length=20), nullable=False),
    sa.Column('external_user_id', sa.String(length=250), nullable=False),
    sa.Column('action_key', sa.String(length=200), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('run_id')
    )
    op.create_index('ix_destination_runs_created_at', 'destination_runs', ['created_at'], unique=False)

    op.create_table('s3_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('bucket', sa.String(length=63), nullable=False),
    sa.Column('prefix', sa.String(length=900), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('batch_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_s3_events_batch', 's3_events', ['batch_id', 'bucket', 'prefix', 'id'], unique=False)
    op.create_index('ix_s3_events_run_id', 's3_events', ['run_id'], unique=False)

    op.create_table('s3_batches',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('bucket', sa.String(length=63), nullable=False),
    sa.Column('prefix', sa.String(length=900), nullable=False),
    sa.Column('key', sa.String(length=1024), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('upload_id', sa.String(length=1024), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_s3_batches_due', 's3_batches', ['uploaded_at', 'next_attempt_at'], unique=False)

    op.create_table('destination_deliveries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('target', sa.String(length=2000), nullable=False),
    sa.Column('request', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_destination_deliveries_due', 'destination_deliveries', ['delivered_at', 'next_attempt_at'], unique=False)
    op.create_index('ix_destination_deliveries_run_id', 'destination_deliveries', ['run_id'], unique=False)
    op.create_index('ix_destination_deliveries_created_at', 'destination_deliveries', ['created_at'], unique=False)

    op.create_table('sse_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('environment', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_sse_events_stream', 'sse_events', ['project_id', 'environment', 'id'], unique=False)
    op.create_index('ix_sse_events_run_id', 'sse_events', ['run_id'], unique=False)
    op.create_index('ix_sse_events_created_at', 'sse_events', ['created_at'], unique=False)

    op.create_table('emitted_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('environment', sa.String(length=20), nullable=False),
    sa.Column('external_user_id', sa.String(length=250), nullable=False),
    sa.Column('action_key', sa.String(length=200), nullable=False),
    sa.Column('channel', sa.String(length=200), nullable=True),
    sa.Column('event', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_emitted_events_stream', 'emitted_events', ['project_id', 'environment', 'id'], unique=False)
    op.create_index('ix_emitted_events_run_id', 'emitted_events', ['run_id'], unique=False)
    op.create_index('ix_emitted_events_created_at', 'emitted_events', ['created_at'], unique=False)


def downgrade() -> None:
    for table, indexes in (
        ('emitted_events', ('ix_emitted_events_created_at', 'ix_emitted_events_run_id', 'ix_emitted_events_stream')),
        ('sse_events', ('ix_sse_events_created_at', 'ix_sse_events_run_id', 'ix_sse_events_stream')),
        ('destination_deliveries', ('ix_destination_deliveries_created_at', 'ix_destination_deliveries_run_id',
                                    'ix_destination_deliveries_due')),
        ('s3_batches', ('ix_s3_batches_due',)),
        ('s3_events', ('ix_s3_events_run_id', 'ix_s3_events_batch')),
        ('destination_runs', ('ix_destination_runs_created_at',)),
    ):
        for index in indexes:
            op.drop_index(index, table_name=table)
        op.drop_table(table)
