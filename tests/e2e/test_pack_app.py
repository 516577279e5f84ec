"""An app from the OpenAPI directory pack, end to end: the Connect Link page asks for the fields its
description names, the account is saved, and its tool runs over MCP against an upstream on
127.0.0.1 (HTTPS, with a private CA the operator trusts through MCP_GATEWAY_CA_FILE).

The app is VersionEye (`versioneye.com` in the directory): an API key in the `apiKey` header and
a server variable `defaultHost`, which the pack turns into an account field; here it names the
local upstream.
"""

from __future__ import annotations

import json

import httpx
import pytest

from tests.e2e.test_connect_link import CHROMIUM, browser, call, create_token  # noqa: F401  (browser: a fixture)
from tests.support import GatewayServer, TlsJsonServer, gateway_settings, private_ca_certificates

pytestmark = pytest.mark.skipif(not __import__("shutil").which("chromium"), reason="needs Chromium (apt-get install chromium)")

API_KEY = "ve-key-0123456789"
# GET /api/v1/scans as VersionEye's reference shows it: a page of project scans.
SCANS = {"scans": [{"id": "5a1f", "name": "web-frontend", "post_process": False, "dependencies_count": 42,
                    "outdated_count": 3, "created_at": "2017-11-29T16:03:12.000Z"}],
         "paging": {"current_page": 1, "per_page": 1, "total_pages": 7, "total_entries": 7}}


def _scans(path: str, headers: dict[str, str]) -> tuple[int, dict]:
    """VersionEye's scans endpoint: the page for the right key, a 401 otherwise."""
    ok = path.startswith("/api/v1/scans") and headers.get("apiKey") == API_KEY
    return (200, SCANS) if ok else (401, {"error": "API key is missing or invalid"})


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return private_ca_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def upstream(tls):
    _, cert, key = tls
    with TlsJsonServer(cert, key, _scans) as running:
        yield running


@pytest.fixture(scope="module")
def server(tmp_path_factory, tls):
    settings = gateway_settings(tmp_path_factory.mktemp("pack"), private_networks=("127.0.0.0/8",), ca_file=tls[0])
    gateway = GatewayServer(settings).start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="module")
def project(server):
    project = server.create_project("Acme")
    project["token"] = server.token(project)
    return project


async def test_connect_an_imported_app_through_the_link_and_call_its_tool(server, project, upstream, browser):  # noqa: F811
    app = httpx.get(f"{server.url}/v1/connect/apps/versioneye", headers={"Authorization": f"Bearer {project['token']}"})
    assert app.status_code == 200, app.text
    described = app.json()["data"]
    assert described["auth_type"] == "keys"
    assert described["source"]["label"] == "imported from the OpenAPI directory"
    assert described["source"]["directory_version"] == "1.3.17" and described["source"]["spec_version"] == "v1"
    fields = {f["name"]: f for f in json.loads(described["custom_fields_json"])}
    assert set(fields) == {"api_key", "defaultHost"}
    # Search covers the pack too.
    found = httpx.get(f"{server.url}/v1/connect/apps", params={"q": "versioneye"},
                      headers={"Authorization": f"Bearer {project['token']}"})
    assert found.status_code == 200 and found.json()["data"][0]["name_slug"] == "versioneye"

    issued = create_token(server, project)
    assert issued.status_code == 200, issued.text
    page = await browser.new_page()
    await page.goto(issued.json()["connect_link_url"] + "&app=versioneye")
    # Exactly the fields the description needs, labelled from it; the key is masked, the host is not.
    inputs = await page.eval_on_selector_all("form input:not([type=hidden])", "els => els.map(e => [e.name, e.type])")
    assert sorted(inputs) == [["api_key", "password"], ["defaultHost", "text"]]
    assert "Default host" in await page.text_content("form")
    await page.fill("#f_api_key", API_KEY)
    await page.fill("#f_defaultHost", upstream.host)
    await page.click("#connect")
    await page.wait_for_selector("#success")

    result = await call_with(server, project, "erin", "versioneye", "versioneye-get-api-v1-scans", {"per_page": "1"})
    assert result.is_error is False, result.content[0].text
    assert result.structured_content["ret"] == SCANS
    (sent,) = upstream.requests
    assert sent["path"] == "/api/v1/scans?per_page=1"
    assert sent["headers"]["apiKey"] == API_KEY and "Authorization" not in sent["headers"]


async def call_with(server, project, user, app, tool, arguments):
    from mcp import Client

    from tests.e2e.test_connect_link import mcp_headers
    from tests.e2e.test_mcp_transports import streamable

    async with Client(streamable(server.url + "/", mcp_headers(project, user, app)), mode="2026-07-28") as client:
        return await client.call_tool(tool, arguments)
