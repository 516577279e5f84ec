from __future__ import annotations

import pytest

from tests.redis_server import RedisServer


@pytest.fixture
def own_redis(redis_server):
    """A Redis server of the test's own, to pause and stop (the session's `redis_server` is
    asked for only for its rule on skipping when redis-server is not installed)."""
    server = RedisServer.start()
    yield server
    server.stop()
