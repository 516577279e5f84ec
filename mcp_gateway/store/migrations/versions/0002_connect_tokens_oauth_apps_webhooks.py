"""connect tokens, oauth apps, webhooks

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('connect_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('sealed_token', sa.Text(), nullable=False),
    sa.Column('session_no', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('environment', sa.String(length=20), nullable=False),
    sa.Column('external_user_id', sa.String(length=250), nullable=False),
    sa.Column('app_slug', sa.String(length=100), nullable=True),
    sa.Column('oauth_app_id', sa.String(length=40), nullable=True),
    sa.Column('success_redirect_uri', sa.String(length=2000), nullable=True),
    sa.Column('error_redirect_uri', sa.String(length=2000), nullable=True),
    sa.Column('webhook_uri', sa.String(length=2000), nullable=True),
    sa.Column('allowed_origins', sa.JSON(), nullable=True),
    sa.Column('scope', sa.String(length=500), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('account_id', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash'),
    sa.UniqueConstraint('session_no')
    )
    with op.batch_alter_table('connect_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_connect_tokens_expires_at'), ['expires_at'], unique=False)

    op.create_table('oauth_apps',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=True),
    sa.Column('app_slug', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('client_id', sa.String(length=500), nullable=False),
    sa.Column('client_secret', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('oauth_apps', schema=None) as batch_op:
        batch_op.create_index('ix_oauth_apps_app', ['app_slug', 'project_id'], unique=False)

    op.create_table('webhook_deliveries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('event', sa.String(length=50), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.create_index('ix_webhook_deliveries_due', ['delivered_at', 'next_attempt_at'], unique=False)

    op.create_table('oauth_flows',
    sa.Column('state', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('app_slug', sa.String(length=100), nullable=False),
    sa.Column('oauth_app_id', sa.String(length=40), nullable=False),
    sa.Column('code_verifier', sa.Text(), nullable=True),
    sa.Column('redirect_uri', sa.String(length=2000), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['token_hash'], ['connect_tokens.token_hash'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('state')
    )
    with op.batch_alter_table('oauth_flows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oauth_flows_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_account_id', sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column('oauth_app_id', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('refresh_lease_until', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('mcp_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_capabilities', sa.JSON(), nullable=True))

    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('app_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('support_email', sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column('logo_url', sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column('webhook_secret', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('mcp_sessions', schema=None) as batch_op:
        batch_op.drop_column('client_capabilities')

    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_column('webhook_secret')
        batch_op.drop_column('logo_url')
        batch_op.drop_column('support_email')
        batch_op.drop_column('app_name')

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_column('refresh_lease_until')
        batch_op.drop_column('oauth_app_id')
        batch_op.drop_column('external_account_id')

    with op.batch_alter_table('oauth_flows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oauth_flows_expires_at'))

    op.drop_table('oauth_flows')
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_webhook_deliveries_due')

    op.drop_table('webhook_deliveries')
    with op.batch_alter_table('oauth_apps', schema=None) as batch_op:
        batch_op.drop_index('ix_oauth_apps_app')

    op.drop_table('oauth_apps')
    with op.batch_alter_table('connect_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_connect_tokens_expires_at'))

    op.drop_table('connect_tokens')
