"""The schema comes from the migrations, and the models agree with it."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from mcp_gateway.store.db import HEAD_REVISION, Database, alembic_config, current_revision
from mcp_gateway.store.models import Base


def test_head_revision_constant_matches_the_migrations():
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


async def test_migrations_create_the_models_schema_and_rerun_cleanly(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
    await db.migrate()
    await db.migrate()  # a second start is a no-op
    async with db.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == HEAD_REVISION
        diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata))
    await db.close()
    assert diff == []
