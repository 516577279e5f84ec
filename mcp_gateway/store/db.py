"""The database engine, its session factory, and schema migration on start."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from .bulk import BulkWriter, Rows

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The newest migration. Checked against Alembic's view in the tests; lets a start on
# an up-to-date database skip loading Alembic at all.
HEAD_REVISION = "0013"
# A fixed key for PostgreSQL's advisory lock around migrations ("mcpgw" in ASCII).
_MIGRATION_LOCK = 0x6D63706777


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {}
        if not self.is_sqlite:
            kwargs.update(pool_size=20, max_overflow=20, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            _create_private(self.engine.url.database)
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.session = async_sessionmaker(self.engine, expire_on_commit=False)
        self._bulk = BulkWriter(self.engine, connect=lambda conn: _sqlite_pragmas(conn, None))

    def upsert(self, model: Any, values: Mapping[str, Any], *, key: Sequence[str]) -> Any:
        """An INSERT of one row that updates the row with the same `key` columns instead, if there
        is one (`ON CONFLICT ... DO UPDATE`, in SQLite and PostgreSQL alike). Unlike a look-up
        then an insert, it holds when another process writes the same key at the same time."""
        insert = sqlite.insert if self.is_sqlite else postgresql.insert
        statement = insert(model).values(**values)
        changed = {column: statement.excluded[column] for column in values if column not in key}
        return statement.on_conflict_do_update(index_elements=list(key), set_=changed)

    async def insert_many(self, tables: Mapping[Any, Rows]) -> None:
        """Insert rows into several tables in one transaction, on the fastest path the
        database offers (see `store.bulk`); for batches written on hot paths."""
        await self._bulk.insert(tables)

    async def migrate(self) -> None:
        """Bring the schema to the newest migration (safe to run on every start)."""
        async with self.engine.begin() as conn:
            if not self.is_sqlite:
                # Processes starting together take turns: the first migrates, the others then
                # find the schema current. The lock ends with the transaction.
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            if await conn.run_sync(current_revision) != HEAD_REVISION:
                await conn.run_sync(_upgrade)

    async def ping(self) -> None:
        """Raise when the database cannot answer a query (for readiness)."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self._bulk.close()
        await self.engine.dispose()


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _upgrade(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def _create_private(path: str | None) -> None:
    """Make the SQLite file readable by its owner only (0600, whatever the umask); one made by an
    older version is tightened too. SQLite creates the -wal, -shm and -journal files with the
    database file's mode, so new ones follow; existing ones are tightened here."""
    if path and path != ":memory:" and not path.startswith("file:") and os.path.isdir(os.path.dirname(path) or "."):
        os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))
        for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
            if os.path.exists(name) and os.stat(name).st_mode & 0o077:
                os.chmod(name, 0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside the writer; NORMAL sync is durable across
    # application crashes; the busy timeout queues writers instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
