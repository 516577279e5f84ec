"""`GET /metrics` on a running gateway: requests by route template, tool calls by app and
outcome, the apps' API requests and errors, queue depths from the database, and an optional
scrape token. No label carries an id or a secret."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from mcp import Client
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.test_mcp_transports import streamable
from tests.support import GatewayServer, free_port, gateway_settings

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(server: GatewayServer, **headers: str) -> Samples:
    response = httpx.get(f"{server.url}/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def settled(server: GatewayServer) -> None:
    """Wait until the server is done with every request it has answered: a request is counted
    as it ends, after its response has been sent."""
    assert server.gateway is not None
    assert server.call(server.gateway.drain.wait_idle(10)), "requests still in flight after 10 s"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    gateway = GatewayServer(gateway_settings(tmp_path_factory.mktemp("gateway"))).start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="module")
def project(server):
    project = server.create_project()
    project["token"] = server.token(project)
    return project


def mcp_headers(project, app: str, user: str = "metrics-user") -> dict[str, str]:
    return {"Authorization": f"Bearer {project['token']}", "x-pd-project-id": project["project_id"],
            "x-pd-environment": "development", "x-pd-external-user-id": user, "x-pd-app-slug": app,
            "x-pd-tool-mode": "tools-only"}


async def test_tool_calls_and_their_api_requests_are_counted_by_app_and_outcome(server, project, respx_mock):
    respx_mock.route(host="127.0.0.1").pass_through()
    respx_mock.get("https://api.example.com/ok").mock(return_value=httpx.Response(200, json={"ok": True}))
    respx_mock.get("https://api.example.com/broken").mock(return_value=httpx.Response(503, text="maintenance"))
    respx_mock.get("https://api.example.com/slow").mock(side_effect=httpx.ReadTimeout("read timed out"))
    respx_mock.get("https://down.example.com/").mock(side_effect=httpx.ConnectError("connection refused"))
    before = await asyncio.to_thread(scrape, server)
    async with Client(streamable(server.url + "/", mcp_headers(project, "http")), mode="2026-07-28") as client:
        for url in ("https://api.example.com/ok", "https://api.example.com/broken"):
            result = await client.call_tool("http-send-request", {"url": url})
            assert result.is_error is False, result.content[0].text
        for url in ("https://api.example.com/slow", "https://down.example.com/"):
            result = await client.call_tool("http-send-request", {"url": url})
            assert result.is_error is True
    async with Client(streamable(server.url + "/", mcp_headers(project, "github", user="nobody")), mode="2026-07-28") as client:
        result = await client.call_tool("github-get-repository", {"repoFullname": "octo/hello"})
        assert "no connected GitHub account" in result.content[0].text
    await asyncio.to_thread(settled, server)
    after = await asyncio.to_thread(scrape, server)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("mcp_gateway_tool_calls_total", app="http", outcome="ok") == 2
    assert moved("mcp_gateway_tool_calls_total", app="http", outcome="error") == 2
    assert moved("mcp_gateway_tool_calls_total", app="github", outcome="account_required") == 1
    assert moved("mcp_gateway_tool_call_duration_seconds_count", app="http") == 4
    assert moved("mcp_gateway_upstream_request_duration_seconds_count", app="http", status_class="2xx") == 1
    assert moved("mcp_gateway_upstream_request_duration_seconds_count", app="http", status_class="5xx") == 1
    assert moved("mcp_gateway_upstream_request_duration_seconds_count", app="http", status_class="error") == 2
    assert moved("mcp_gateway_upstream_errors_total", app="http", kind="status_5xx") == 1
    assert moved("mcp_gateway_upstream_errors_total", app="http", kind="timeout") == 1
    assert moved("mcp_gateway_upstream_errors_total", app="http", kind="connect") == 1
    assert moved("mcp_gateway_upstream_request_duration_seconds_count", app="github", status_class="2xx") == 0
    posts = moved("mcp_gateway_http_requests_total", method="POST", route="/", status="200")
    assert posts >= 5  # at least one per tool call, besides the clients' own handshakes
    assert moved("mcp_gateway_http_request_duration_seconds_count", method="POST", route="/") >= posts


def test_routes_are_counted_by_template_and_labels_hold_no_ids_or_secrets(server, project):
    headers = {"Authorization": f"Bearer {project['token']}", "x-pd-environment": "development"}
    accounts = f"{server.url}/v1/connect/{project['project_id']}/accounts"
    before = scrape(server)
    assert httpx.get(accounts, headers=headers).status_code == 200
    assert httpx.get(f"{server.url}/v1/connect/{project['project_id']}/accounts/apn_missing", headers=headers).status_code == 404
    assert httpx.get(f"{server.url}/no/such/page/here?token=zzz").status_code == 404
    assert httpx.request("BREW", f"{server.url}/healthz").status_code == 405
    settled(server)
    after = scrape(server)

    def moved(**labels: str) -> float:
        return value(after, "mcp_gateway_http_requests_total", **labels) - value(before, "mcp_gateway_http_requests_total", **labels)

    assert moved(method="GET", route="/v1/connect/{project_id}/accounts", status="200") == 1
    assert moved(method="GET", route="/v1/connect/{project_id}/accounts/{account_id}", status="404") == 1
    assert moved(method="GET", route="other", status="404") == 1
    assert moved(method="other", route="/healthz", status="405") == 1

    label_values = {v for _, labels in after for _, v in labels}
    for forbidden in (project["project_id"], project["token"], project["client_id"], project["client_secret"],
                      "apn_missing", "metrics-user", "nobody", "zzz", "api.example.com", "/no/such/page/here"):
        assert not [v for v in label_values if forbidden in v], forbidden
    assert not [v for v in label_values if v.startswith(("proj_", "exu_", "apn_", "ctok_", "cli_", "mgs_"))]


def test_queue_depths_are_read_from_the_database(tmp_path):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens: every delivery fails and waits for its retry
    settings = gateway_settings(
        tmp_path / "gateway",
        s3_batch_window=3600.0, private_networks=("127.0.0.0/8",), destination_backoff=(3600.0,), webhook_backoff=(3600.0,),
        smtp_host="127.0.0.1", smtp_port=free_port(), smtp_security="none", smtp_to=["ops@example.com"],
    )
    server = GatewayServer(settings).start()
    try:
        assert server.gateway is not None
        gateway = server.gateway
        empty = scrape(server)
        for queue in ("s3_events", "http", "email", "webhooks"):
            assert value(empty, "mcp_gateway_queue_depth", queue=queue) == 0
        project = server.create_project()

        async def enqueue() -> None:
            send = gateway.destinations.sender(project_id=project["project_id"], environment="development",
                                               external_user_id="u", action_key="ops-test")
            for n in range(3):
                send.s3(bucket="audit-bucket", prefix="ops", payload={"n": n})
            send.http(method="POST", url=f"{closed}/hook", data={"n": 1})
            send.email(subject="ops", text="queued")
            await gateway.destinations.commit(send)
            await gateway.webhooks.enqueue(project["project_id"], f"{closed}/connect-hook", {"event": "CONNECTION_SUCCESS"})

        server.call(enqueue())
        queued = scrape(server)
        assert value(queued, "mcp_gateway_queue_depth", queue="s3_events") == 3
        assert value(queued, "mcp_gateway_queue_depth", queue="http") == 1
        assert value(queued, "mcp_gateway_queue_depth", queue="email") == 1
        assert value(queued, "mcp_gateway_queue_depth", queue="webhooks") == 1
    finally:
        server.stop()


def test_a_metrics_token_guards_the_scrape(tmp_path):
    server = GatewayServer(gateway_settings(tmp_path / "gateway", metrics_token="scrape-token-0123456789")).start()
    try:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "scrape-token-0123456789"}):
            refused = httpx.get(f"{server.url}/metrics", headers=headers)
            assert refused.status_code == 401
            assert "MCP_GATEWAY_METRICS_TOKEN" in refused.json()["error"]
            assert "mcp_gateway_" not in refused.text
        samples = scrape(server, Authorization="Bearer scrape-token-0123456789")
        assert value(samples, "mcp_gateway_http_requests_total", method="GET", route="/metrics", status="401") == 3
    finally:
        server.stop()
