"""`GET /readyz`: ready while the database (and Redis, when several processes share one) answer
in time; otherwise 503 naming what failed, and ready again once it is back."""

from __future__ import annotations

import time

import httpx
import redis

from mcp_gateway.config import normalize_database_url
from tests.support import GatewayServer, gateway_settings


def readyz(server: GatewayServer) -> tuple[int, dict]:
    response = httpx.get(f"{server.url}/readyz", timeout=10)
    return response.status_code, response.json()


def test_a_single_process_on_sqlite_is_ready_when_its_database_answers(tmp_path):
    server = GatewayServer(gateway_settings(tmp_path / "gateway")).start()
    try:
        assert readyz(server) == (200, {"status": "ready", "checks": {"database": "ok"}})
    finally:
        server.stop()


def test_unready_names_the_failing_check_until_it_recovers(tmp_path, postgres_server, own_redis):
    database = postgres_server.create_database("readyz")
    settings = gateway_settings(tmp_path / "gateway", database_url=normalize_database_url(database), redis_url=own_redis.url)
    server = GatewayServer(settings).start()
    try:
        assert readyz(server) == (200, {"status": "ready", "checks": {"database": "ok", "redis": "ok"}})

        # Redis holds every command for 3 s: the check gives up after 2.
        redis.Redis.from_url(own_redis.url).client_pause(3000)
        paused_at = time.monotonic()
        assert readyz(server) == (503, {"status": "unready", "checks": {"database": "ok", "redis": "timeout"}})
        time.sleep(max(0.0, 3.2 - (time.monotonic() - paused_at)))
        assert readyz(server)[0] == 200

        own_redis.stop()
        status, body = readyz(server)
        assert status == 503 and body["checks"] == {"database": "ok", "redis": "failed (SharedUnavailable)"}

        postgres_server.drop_databases([database])
        status, body = readyz(server)
        assert status == 503 and body["status"] == "unready"
        assert body["checks"]["database"].startswith("failed (") and body["checks"]["redis"].startswith("failed (")
        assert database.rsplit("/", 1)[1] not in str(body)  # the public answer names the failure's type only
        assert httpx.get(f"{server.url}/healthz").status_code == 200  # the process itself is alive
    finally:
        server.stop()
        postgres_server.drop_databases([database])
