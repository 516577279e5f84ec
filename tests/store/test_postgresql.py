"""PostgreSQL as deployments meet it: URLs as managed services hand them out (libpq's `sslmode=`),
and several processes starting at once on one database."""

from __future__ import annotations

import pytest

from mcp_gateway.config import ConfigError, normalize_database_url
from mcp_gateway.store.db import Database


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u:p@db.example:5432/gw?sslmode=require", "postgresql+asyncpg://u:p@db.example:5432/gw?ssl=require"),
        ("postgres://u:p@db.example/gw?sslmode=verify-full&application_name=gw",
         "postgresql+asyncpg://u:p@db.example/gw?ssl=verify-full&application_name=gw"),
        ("postgresql://u:p@db.example/gw?ssl=require&sslmode=disable", "postgresql+asyncpg://u:p@db.example/gw?ssl=require"),
        ("postgresql+asyncpg://u:p@db.example/gw?sslmode=prefer", "postgresql+asyncpg://u:p@db.example/gw?ssl=prefer"),
        ("sqlite:////var/lib/gw.db", "sqlite+aiosqlite:////var/lib/gw.db"),
    ],
)
def test_urls_are_turned_into_what_the_async_drivers_take(given, used):
    assert normalize_database_url(given) == used


def test_other_databases_are_refused_by_name():
    with pytest.raises(ConfigError, match="must be a sqlite:/// or postgresql:// URL, not one starting 'mysql'"):
        normalize_database_url("mysql://u:p@h/db")


async def test_a_url_with_sslmode_connects_to_a_real_server(postgres_server):
    url = normalize_database_url(postgres_server.create_database("sslmode") + "?sslmode=prefer")
    db = Database(url)
    try:
        await db.migrate()
        await db.ping()
    finally:
        await db.close()
        postgres_server.drop_databases([url.split("?")[0]])


async def test_processes_starting_together_on_an_empty_database_all_come_up(postgres_server):
    """A first deploy starts several processes at once; each migrates on start."""
    import asyncio

    url = normalize_database_url(postgres_server.create_database("together"))
    databases = [Database(url) for _ in range(4)]
    try:
        await asyncio.wait_for(asyncio.gather(*(db.migrate() for db in databases)), 60)
        for db in databases:
            await db.ping()
    finally:
        for db in databases:
            await db.close()
        postgres_server.drop_databases([url])


async def test_processes_starting_together_make_the_local_project_once(postgres_server):
    import asyncio

    from mcp_gateway.connect.developer_auth import DeveloperAuth
    from mcp_gateway.connect.vault import Vault

    url = normalize_database_url(postgres_server.create_database("project"))
    databases = [Database(url) for _ in range(4)]
    try:
        await databases[0].migrate()
        secret = b"k" * 40
        auths = [DeveloperAuth(db, [secret], Vault([secret]), 3600) for db in databases]
        await asyncio.gather(*(auth.ensure_project("proj_local", "local") for auth in auths))
        assert all([await auth.project_exists("proj_local") for auth in auths])
    finally:
        for db in databases:
            await db.close()
        postgres_server.drop_databases([url])
