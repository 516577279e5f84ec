"""project API keys that may be carried in an MCP URL

Revision ID: 0012
Revises: 0011
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('project_api_keys') as batch:
        batch.add_column(sa.Column('in_url', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('project_api_keys') as batch:
        batch.drop_column('in_url')
