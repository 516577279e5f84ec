"""row ids of the growing tables are 64-bit on PostgreSQL, as they are on SQLite

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ('webhook_deliveries', 'action_runs', 's3_events', 'destination_deliveries', 'sse_events', 'emitted_events')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return  # SQLite's INTEGER PRIMARY KEY is 64-bit already
    for table in TABLES:
        op.alter_column(table, 'id', existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
        op.execute(f'ALTER SEQUENCE {table}_id_seq AS bigint')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in TABLES:
        op.execute(f'ALTER SEQUENCE {table}_id_seq AS integer')
        op.alter_column(table, 'id', existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
