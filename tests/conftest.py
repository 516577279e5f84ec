from __future__ import annotations

from collections.abc import Iterator

import pytest

from mcp_gateway.catalog import Catalog, load_catalog
from tests.pg_server import PostgresServer, PostgresUnavailable


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
