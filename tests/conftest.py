from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from mcp_gateway.catalog import Catalog, load_catalog
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
