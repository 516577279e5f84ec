"""tool conversations

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tool_conversations',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('environment', sa.String(length=20), nullable=False),
    sa.Column('external_user_id', sa.String(length=250), nullable=False),
    sa.Column('apps', sa.JSON(), nullable=True),
    sa.Column('action_key', sa.String(length=200), nullable=True),
    sa.Column('values', sa.Text(), nullable=True),
    sa.Column('dynamic_props_id', sa.String(length=40), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('tool_conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tool_conversations_expires_at'), ['expires_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tool_conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tool_conversations_expires_at'))

    op.drop_table('tool_conversations')
