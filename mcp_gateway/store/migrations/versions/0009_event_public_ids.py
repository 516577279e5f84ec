"""events: ids of their own to show, random, instead of the row counter all projects share

Revision ID: 0009
Revises: 0008
"""

from alembic import op
import sqlalchemy as sa

from mcp_gateway.store.ids import EMITTED_EVENT, SSE_EVENT, new_ordered_id


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

TABLES = (('sse_events', SSE_EVENT), ('emitted_events', EMITTED_EVENT))
_BATCH = 10_000  # rows given their ids per statement


def upgrade() -> None:
    bind = op.get_bind()
    for table, prefix in TABLES:
        op.add_column(table, sa.Column('public_id', sa.String(length=40), nullable=True))
        rows = sa.table(table, sa.column('id', sa.BigInteger()), sa.column('public_id', sa.String(length=40)))
        give_id = rows.update().where(rows.c.id == sa.bindparam('row_id')).values(public_id=sa.bindparam('new_id'))
        last = 0
        while ids := bind.execute(sa.select(rows.c.id).where(rows.c.id > last).order_by(rows.c.id).limit(_BATCH)).scalars().all():
            bind.execute(give_id, [{'row_id': row_id, 'new_id': new_ordered_id(prefix)} for row_id in ids])
            last = ids[-1]
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column('public_id', existing_type=sa.String(length=40), nullable=False)
        op.create_index(f'ix_{table}_public_id', table, ['public_id'], unique=True)


def downgrade() -> None:
    for table, _ in TABLES:
        op.drop_index(f'ix_{table}_public_id', table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('public_id')
