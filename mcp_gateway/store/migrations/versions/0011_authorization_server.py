"""authorization server: registered MCP clients, authorization requests, issued tokens

Revision ID: 0011
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('authz_clients',
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('client_name', sa.String(length=200), nullable=True),
    sa.Column('redirect_uris', sa.JSON(), nullable=False),
    sa.Column('client_metadata', sa.JSON(), nullable=False),
    sa.Column('secret_hash', sa.String(length=128), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id')
    )
    op.create_table('authz_requests',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('client_id', sa.String(length=2000), nullable=False),
    sa.Column('redirect_uri', sa.String(length=2000), nullable=False),
    sa.Column('state', sa.String(length=2000), nullable=True),
    sa.Column('code_challenge', sa.String(length=128), nullable=False),
    sa.Column('resource', sa.String(length=2000), nullable=False),
    sa.Column('scope', sa.String(length=500), nullable=True),
    sa.Column('apps', sa.JSON(), nullable=True),
    sa.Column('external_user_id', sa.String(length=250), nullable=True),
    sa.Column('signin_nonce', sa.String(length=128), nullable=True),
    sa.Column('signin_verifier', sa.Text(), nullable=True),
    sa.Column('browser_hash', sa.String(length=128), nullable=True),
    sa.Column('code_hash', sa.String(length=128), nullable=True),
    sa.Column('code_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    op.create_index('ix_authz_requests_expires_at', 'authz_requests', ['expires_at'], unique=False)
    op.create_table('authz_tokens',
    sa.Column('token_hash', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('family', sa.String(length=64), nullable=False),
    sa.Column('client_id', sa.String(length=2000), nullable=False),
    sa.Column('project_id', sa.String(length=40), nullable=False),
    sa.Column('environment', sa.String(length=20), nullable=False),
    sa.Column('external_user_id', sa.String(length=250), nullable=False),
    sa.Column('apps', sa.JSON(), nullable=True),
    sa.Column('resource', sa.String(length=2000), nullable=False),
    sa.Column('scope', sa.String(length=500), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('replaced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_index('ix_authz_tokens_family', 'authz_tokens', ['family'], unique=False)
    op.create_index('ix_authz_tokens_expires_at', 'authz_tokens', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_authz_tokens_expires_at', table_name='authz_tokens')
    op.drop_index('ix_authz_tokens_family', table_name='authz_tokens')
    op.drop_table('authz_tokens')
    op.drop_index('ix_authz_requests_expires_at', table_name='authz_requests')
    op.drop_table('authz_requests')
    op.drop_table('authz_clients')
