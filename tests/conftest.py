from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mcp_gateway.catalog import Catalog, load_catalog
from mcp_gateway.config import normalize_database_url
from mcp_gateway.store.db import Database
from tests.databases import BACKENDS, SQLITE, DatabaseBackend
from tests.pg_server import PostgresServer, PostgresUnavailable
from tests.redis_server import RedisServer, RedisUnavailable


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the session (see tests/pg_server.py)."""
    try:
        server = PostgresServer.start()
    except PostgresUnavailable as exc:
        problem = str(exc)
    else:
        problem = None
    if problem is not None:
        pytest.fail(f"cannot start PostgreSQL for the tests: {problem}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """DSN of the test server's password-authenticated user, e.g. postgresql://user:pw@127.0.0.1:port/postgres."""
    return postgres_server.url


@pytest.fixture(scope="session")
async def postgres_template(postgres_server: PostgresServer) -> str:
    """Name of a database migrated to the newest schema, copied for each test's own database.
    (tests/store/test_migrations.py runs the migrations themselves on PostgreSQL.)"""
    url = postgres_server.create_database("migrated")
    database = Database(normalize_database_url(url))
    await database.migrate()
    await database.close()
    return url.rsplit("/", 1)[1]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Store-dependent modules (marked `both_databases`) run their database tests on each backend,
    except the tests marked `store_independent`."""
    marked = metafunc.definition.get_closest_marker
    if "database_backend" in metafunc.fixturenames and marked("both_databases") and not marked("store_independent"):
        metafunc.parametrize("database_backend", BACKENDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
def database_backend(request: pytest.FixtureRequest) -> Iterator[DatabaseBackend]:
    """Where the module's gateways keep their rows: SQLite unless parametrized (see tests/databases.py).
    Module-scoped so module-scoped gateways are rebuilt for each backend."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield SQLITE
        return
    backend = DatabaseBackend("postgresql", request.getfixturevalue("postgres_server"),
                              template=request.getfixturevalue("postgres_template"))
    try:
        yield backend
    finally:
        backend.drop_databases()


@pytest.fixture
def database_url(database_backend: DatabaseBackend, tmp_path) -> str:
    """A database of the test's own on the current backend (see `DatabaseBackend.url`)."""
    return database_backend.url(tmp_path)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A throwaway Redis server for the session (see tests/redis_server.py). Without Debian's
    redis-server the tests that need it are skipped, except where they must run (`.ci/run`)."""
    try:
        server = RedisServer.start()
    except RedisUnavailable as exc:
        if not os.environ.get("MCP_GATEWAY_TESTS_REQUIRE_REDIS"):
            pytest.skip(f"needs Redis: {exc}")
        pytest.fail(f"cannot start Redis for the tests: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The session's Redis, emptied for each test."""
    import redis

    with redis.Redis.from_url(redis_server.url) as client:
        client.flushall()
    return redis_server.url
