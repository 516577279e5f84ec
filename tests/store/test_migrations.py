"""The schema comes from the migrations, and the models agree with it, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from mcp_gateway.store.db import HEAD_REVISION, Database, alembic_config, current_revision
from mcp_gateway.store.models import Base

pytestmark = pytest.mark.both_databases


@pytest.fixture
def empty_database_url(database_backend, tmp_path) -> str:
    return database_backend.url(tmp_path, empty=True)


def _differences(connection: Connection) -> list:
    """What alembic's autogenerate would change to make the schema match the models."""
    return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def test_head_revision_constant_matches_the_migrations():
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


async def test_migrations_create_the_models_schema_and_rerun_cleanly(empty_database_url):
    db = Database(empty_database_url)
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_tables) == set()
    await db.migrate()
    await db.migrate()  # a second start is a no-op
    async with db.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == HEAD_REVISION
        diff = await conn.run_sync(_differences)
    await db.close()
    assert diff == []


async def test_migrations_go_down_to_base_and_up_again(empty_database_url):
    db = Database(empty_database_url)
    await db.migrate()
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
    async with db.engine.connect() as conn:
        assert await conn.run_sync(current_revision) is None
        assert await conn.run_sync(_tables) <= {"alembic_version"}  # every table of ours is gone
    await db.migrate()
    async with db.engine.connect() as conn:
        assert await conn.run_sync(current_revision) == HEAD_REVISION
        assert await conn.run_sync(_tables) >= set(Base.metadata.tables)
        diff = await conn.run_sync(_differences)
    await db.close()
    assert diff == []


async def test_events_stored_before_they_had_public_ids_get_one_each(empty_database_url):
    db = Database(empty_database_url)
    now = datetime.now(timezone.utc)
    common = {"run_id": "run_old", "project_id": "proj_old", "environment": "development", "channel": "events", "created_at": now}
    tables = {
        "sse_events": [{**common, "payload": "{}"} for _ in range(3)],
        "emitted_events": [{**common, "external_user_id": "u", "action_key": "demo-emit", "event": "{}"} for _ in range(3)],
    }
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.upgrade(alembic_config(c), "0008"))
        for name, rows in tables.items():
            table = sa.table(name, *(sa.column(key, sa.DateTime(timezone=True) if key == "created_at" else sa.String()) for key in rows[0]))
            await conn.execute(sa.insert(table), rows)
    await db.migrate()
    async with db.engine.connect() as conn:
        given = {name: (await conn.execute(sa.text(f"SELECT public_id FROM {name}"))).scalars().all() for name in tables}
    await db.close()
    assert all(public_id.startswith("sse_") for public_id in given["sse_events"])
    assert all(public_id.startswith("emit_") for public_id in given["emitted_events"])
    assert [len(set(ids)) for ids in given.values()] == [3, 3]
