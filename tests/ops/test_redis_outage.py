"""When Redis goes away: what needs the shared state answers 503 saying so (and to retry), and
what does not goes on working."""

from __future__ import annotations

import httpx

from mcp_gateway.config import RateLimit
from tests.support import GatewayServer, gateway_settings


def test_a_lost_redis_is_a_clear_503_where_it_is_needed(tmp_path, own_redis):
    settings = gateway_settings(tmp_path / "gateway", redis_url=own_redis.url, rate_limits={"accounts": RateLimit(100, 60)})
    server = GatewayServer(settings).start()
    try:
        project = server.create_project()
        token = server.token(project)
        rest = {"Authorization": f"Bearer {token}", "x-pd-environment": "development"}
        accounts = f"{server.url}/v1/connect/{project['project_id']}/accounts"
        mcp = {**rest, "x-pd-project-id": project["project_id"], "x-pd-external-user-id": "u", "x-pd-app-slug": "http",
               "accept": "application/json"}
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
        assert httpx.get(accounts, headers=rest).status_code == 200
        session = httpx.post(server.url + "/", json=init, headers=mcp).headers["mcp-session-id"]

        own_redis.stop()

        limited = httpx.get(accounts, headers=rest)
        assert limited.status_code == 503 and limited.headers["retry-after"] == "5"
        assert "cannot reach its shared state (Redis)" in limited.text
        legacy = httpx.post(f"{server.url}/messages?sessionId={session}", headers=mcp,
                            json={"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        assert legacy.status_code == 503 and "shared state (Redis)" in legacy.json()["error"]["message"]
        # A session's requests need no shared state: they go on.
        listed = httpx.post(server.url + "/", json={"jsonrpc": "2.0", "id": 3, "method": "tools/list"},
                            headers={**mcp, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18"})
        assert listed.status_code == 200 and listed.json()["result"]["tools"]
    finally:
        server.stop()
