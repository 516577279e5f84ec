"""connect tokens: session numbers are 52-bit, wider than PostgreSQL's INTEGER

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('connect_tokens') as batch_op:
        batch_op.alter_column('session_no', existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('connect_tokens') as batch_op:
        batch_op.alter_column('session_no', existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
